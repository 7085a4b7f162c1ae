"""Writes of the covenant while it is drafted: creating it (blank or from last year's),
editing its text and commitments, opening it for signing (docs/domain.md §5.2).

The text may change until the first signature freezes it (services/signatures.py);
while the covenant is open its stored hash follows the current text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.models import BlocYear, Membership
from campaigns.models import Commitment, Covenant, LegalBasis
from campaigns.selectors.covenants import (
    covenant_content_hash,
    normalise_text,
    previous_covenant,
)
from campaigns.selectors.legal_bases import legal_bases_in_force

if TYPE_CHECKING:  # pragma: no cover
    from emulation.models import User


def _refresh_hash_if_open(covenant: Covenant) -> None:
    """A covenant open for signing always carries the hash of its current text
    (the database requires one); the first signature then freezes it."""
    if covenant.status != Covenant.Status.DRAFTING and covenant.frozen_at is None:
        covenant.content_hash = covenant_content_hash(covenant)
        covenant.save(update_fields=["content_hash", "updated_at"])


def _default_basis_day(year: int) -> datetime.date:
    """The day whose legal bases a new covenant cites: today, kept within its year."""
    today = timezone.localdate()
    return min(max(today, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))


def _current_version(basis: LegalBasis, on: datetime.date) -> LegalBasis:
    """Follow `replaced_by` while the replacement is already in force (ND 98 → ND 152,
    docs/domain.md §1.5)."""
    seen = {basis.pk}
    while basis.replaced_by_id and basis.replaced_by_id not in seen:
        replacement = basis.replaced_by
        if not replacement.in_force_on(on):
            break
        seen.add(replacement.pk)
        basis = replacement
    return basis


def _copy_of_previous(
    bloc_year: BlocYear, created_by: User | None, on: datetime.date
) -> tuple[Covenant, list[LegalBasis], list[str]]:
    previous = previous_covenant(bloc_year=bloc_year)
    if previous is None:
        raise ValidationError(_("Năm trước khối chưa có giao ước thi đua để sao chép."))
    # The year the text names moves on: in the title anywhere, in the preamble where it
    # says "năm 2025" (commitments may cite last year's results: left to the chair).
    last, this = str(bloc_year.year - 1), str(bloc_year.year)
    covenant = Covenant(
        bloc_year=bloc_year,
        title=previous.title.replace(last, this),
        preamble=previous.preamble.replace(f"năm {last}", f"năm {this}"),
        annex=previous.annex,
        signing_place=previous.signing_place,
        created_by=created_by,
    )
    bases = {
        _current_version(b, on).pk: _current_version(b, on)
        for b in previous.legal_bases.all()
    }
    texts = [
        c.text for c in sorted(previous.commitments.all(), key=lambda c: c.position)
    ]
    return covenant, list(bases.values()), texts


def _blank(
    bloc_year: BlocYear, created_by: User | None, on: datetime.date
) -> tuple[Covenant, list[LegalBasis], list[str]]:
    covenant = Covenant(
        bloc_year=bloc_year,
        title=f"Giao ước thi đua năm {bloc_year.year}",
        preamble=(
            f"Thực hiện phong trào thi đua yêu nước năm {bloc_year.year}, "
            f"các đơn vị thành viên {bloc_year.bloc.name} thống nhất ký kết "
            "giao ước thi đua với các nội dung sau:"
        ),
        created_by=created_by,
    )
    bases = {
        b.pk: b for b in legal_bases_in_force(council=bloc_year.bloc.council, on=on)
    }
    return covenant, list(bases.values()), []


@transaction.atomic
def covenant_create(
    *, bloc_year: BlocYear, created_by: User | None, from_previous: bool = False
) -> Covenant:
    """Start the bloc-year's covenant: blank (with the legal bases in force) or a copy of
    last year's (title with the new year, legal bases updated to the ones replacing
    them)."""
    # Lock the bloc-year so two clicks cannot both create one (the one-to-one is the
    # last guard).
    BlocYear.objects.select_for_update().filter(pk=bloc_year.pk).first()
    if Covenant.objects.filter(bloc_year=bloc_year).exists():
        raise ValidationError(_("Khối đã có giao ước thi đua của năm này."))
    on = _default_basis_day(bloc_year.year)
    build = _copy_of_previous if from_previous else _blank
    covenant, bases, texts = build(bloc_year, created_by, on)
    covenant.full_clean()
    covenant.save()
    covenant.legal_bases.set(bases)
    Commitment.objects.bulk_create(
        [
            Commitment(covenant=covenant, position=i, text=t)
            for i, t in enumerate(texts, start=1)
        ]
    )
    return covenant


def _lock_editable(covenant: Covenant) -> Covenant:
    """Lock the covenant row and refuse once the text is frozen (the first signature
    takes the same lock, so an edit cannot slip in after it)."""
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    if not locked.is_editable:
        raise ValidationError(
            _("Giao ước đã có đơn vị ký nên nội dung đã được khóa; không thể sửa đổi.")
        )
    return locked


COVENANT_FIELDS = ("title", "preamble", "annex", "signing_place")


@transaction.atomic
def covenant_update(
    *,
    covenant: Covenant,
    legal_bases: Iterable[LegalBasis] | None = None,
    **fields: Any,
) -> Covenant:
    """Edit the text (refused once frozen)."""
    locked = _lock_editable(covenant)
    for name, value in fields.items():
        if name in COVENANT_FIELDS:
            setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    if legal_bases is not None:
        locked.legal_bases.set(list(legal_bases))
    _refresh_hash_if_open(locked)
    covenant.refresh_from_db()
    return covenant


def _check_commitment_text(text: str) -> str:
    text = normalise_text(text)
    if not text:
        raise ValidationError({"text": _("Hãy nhập nội dung giao ước.")})
    return text


@transaction.atomic
def commitment_add(*, covenant: Covenant, text: str) -> Commitment:
    locked = _lock_editable(covenant)
    last = (
        Commitment.objects.filter(covenant=locked).aggregate(m=Max("position"))["m"]
        or 0
    )
    commitment = Commitment(
        covenant=locked, position=last + 1, text=_check_commitment_text(text)
    )
    commitment.full_clean()
    commitment.save()
    _refresh_hash_if_open(locked)
    return commitment


@transaction.atomic
def commitment_update(*, commitment: Commitment, text: str) -> Commitment:
    locked = _lock_editable(commitment.covenant)
    commitment.text = _check_commitment_text(text)
    commitment.full_clean()
    commitment.save()
    _refresh_hash_if_open(locked)
    return commitment


def _renumber(covenant: Covenant, ordered_ids: Sequence[int]) -> None:
    """Give the commitments positions 1..n in this order; two passes keep the unique
    (covenant, position) constraint true at every step."""
    Commitment.objects.filter(covenant=covenant).update(position=F("position") + 10000)
    for position, pk in enumerate(ordered_ids, start=1):
        Commitment.objects.filter(covenant=covenant, pk=pk).update(position=position)


@transaction.atomic
def commitment_delete(*, commitment: Commitment) -> None:
    locked = _lock_editable(commitment.covenant)
    commitment.delete()
    remaining = list(
        Commitment.objects.filter(covenant=locked)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    _renumber(locked, remaining)
    _refresh_hash_if_open(locked)


@transaction.atomic
def commitment_reorder(*, covenant: Covenant, order: Sequence[int]) -> None:
    """Put the commitments in the given order (a list of their ids, each exactly once)."""
    locked = _lock_editable(covenant)
    current = set(
        Commitment.objects.filter(covenant=locked).values_list("pk", flat=True)
    )
    if len(order) != len(current) or set(order) != current:
        raise ValidationError(_("Thứ tự mới phải gồm đúng các nội dung của giao ước."))
    _renumber(locked, order)
    _refresh_hash_if_open(locked)


@transaction.atomic
def commitment_move(*, commitment: Commitment, up: bool) -> None:
    """Move a commitment one place up or down."""
    ids = list(
        Commitment.objects.filter(covenant_id=commitment.covenant_id)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    i = ids.index(commitment.pk)
    j = i - 1 if up else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    commitment_reorder(covenant=commitment.covenant, order=ids)


@transaction.atomic
def covenant_open_for_signing(*, covenant: Covenant) -> Covenant:
    """Drafting → signing. The text may still be corrected until the first signature."""
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    if locked.status != Covenant.Status.DRAFTING:
        raise ValidationError(_("Giao ước không ở trạng thái đang soạn thảo."))
    if not locked.commitments.exists():
        raise ValidationError(
            _("Giao ước cần ít nhất một nội dung trước khi mở ký kết.")
        )
    if not Membership.objects.filter(bloc_year_id=locked.bloc_year_id).exists():
        raise ValidationError(_("Khối chưa có đơn vị thành viên trong năm này."))
    locked.status = Covenant.Status.SIGNING
    locked.opened_at = timezone.now()
    locked.content_hash = covenant_content_hash(locked)
    locked.full_clean()
    locked.save()
    covenant.refresh_from_db()
    return covenant
