"""State changes of the campaigns app: campaigns, legal bases, meetings, the covenant and
its signatures, title kinds and registrations.

Every function is named `<entity>_<action>`, takes keyword-only arguments, validates
(`full_clean`) and returns the object. Rules that depend on who acts (the chair, the
unit's own secretary) are checked by the views through `campaigns.permissions`; the
services check the rules of the data itself (a covenant frozen at its first signature,
a unit signing only for itself, a registration closed after the deadline).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.models import BlocYear, Membership
from campaigns.models import (
    Campaign,
    Commitment,
    Covenant,
    IndividualTitleCount,
    LegalBasis,
    Meeting,
    Registration,
    RegistrationRound,
    Signature,
    Target,
    TitleKind,
)
from emulation.models import Council, Unit

if TYPE_CHECKING:  # pragma: no cover
    from emulation.models import User


# --- The covenant's canonical text and its hash -------------------------------------
#
# The text below is what a signature vouches for. It is deterministic: the same covenant
# always gives the same text, whatever the language of the page or the order rows come
# back in. Its labels are fixed Vietnamese strings (never translated: a translation
# would change the hash). Legal bases follow their date of issue, commitments their
# position, member units the Vietnamese order of their names.


def _normalise(text: str) -> str:
    """Unify line endings and drop trailing spaces, so that a browser's CRLF changes nothing."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def covenant_legal_bases(covenant: Covenant) -> list[LegalBasis]:
    """The covenant's legal bases in the order documents cite them (date of issue, number)."""
    return sorted(
        covenant.legal_bases.all(), key=lambda b: (b.issued_on, b.number, b.pk)
    )


def covenant_commitments(covenant: Covenant) -> list[Commitment]:
    """The numbered commitments, in their order."""
    return sorted(covenant.commitments.all(), key=lambda c: (c.position, c.pk))


def covenant_member_units(covenant: Covenant) -> list[Unit]:
    """The units expected to sign: every member of the bloc-year, in Vietnamese order."""
    memberships = Membership.objects.filter(
        bloc_year_id=covenant.bloc_year_id
    ).select_related("unit")
    return sorted((m.unit for m in memberships), key=lambda u: (u.sort_key, u.pk))


def covenant_canonical_text(covenant: Covenant) -> str:
    """The deterministic text of the covenant: title, legal bases, preamble, numbered
    commitments, annex, bloc and year, and the member units."""
    bloc_year = BlocYear.objects.select_related("bloc").get(pk=covenant.bloc_year_id)
    parts = [
        "BẢN GIAO ƯỚC THI ĐUA",
        f"Tiêu đề: {_normalise(covenant.title)}",
        f"Khối thi đua: {_normalise(bloc_year.bloc.name)}",
        f"Năm thi đua: {bloc_year.year}",
        "Căn cứ:",
        *(f"- {_normalise(b.citation)}" for b in covenant_legal_bases(covenant)),
        "Lời mở đầu:",
        _normalise(covenant.preamble),
        "Nội dung giao ước:",
        *(
            f"{i}. {_normalise(c.text)}"
            for i, c in enumerate(covenant_commitments(covenant), start=1)
        ),
        "Phụ lục:",
        _normalise(covenant.annex),
        "Đơn vị thành viên:",
        *(f"- {_normalise(u.name)}" for u in covenant_member_units(covenant)),
    ]
    return "\n".join(parts) + "\n"


def covenant_content_hash(covenant: Covenant) -> str:
    """SHA-256 (hex) of `covenant_canonical_text`: what is stored when the text is frozen."""
    return hashlib.sha256(covenant_canonical_text(covenant).encode("utf-8")).hexdigest()


def _refresh_hash_if_open(covenant: Covenant) -> None:
    """A covenant open for signing always carries the hash of its current text
    (the database requires one); the first signature then freezes it."""
    if covenant.status != Covenant.Status.DRAFTING and covenant.frozen_at is None:
        covenant.content_hash = covenant_content_hash(covenant)
        covenant.save(update_fields=["content_hash", "updated_at"])


# --- Legal bases ---------------------------------------------------------------------

LEGAL_BASIS_FIELDS = (
    "number",
    "kind",
    "issuer",
    "issued_on",
    "title",
    "effective_from",
    "effective_to",
    "replaced_by",
    "council",
)


@transaction.atomic
def legal_basis_create(*, council: Council | None, **fields: Any) -> LegalBasis:
    basis = LegalBasis(
        council=council, **{k: v for k, v in fields.items() if k in LEGAL_BASIS_FIELDS}
    )
    basis.full_clean()
    basis.save()
    return basis


# What a covenant's canonical text cites: frozen once a signed covenant cites it.
CITED_FIELDS = ("number", "kind", "issuer", "issued_on", "title")


@transaction.atomic
def legal_basis_update(*, basis: LegalBasis, **fields: Any) -> LegalBasis:
    """Edit a legal basis. Its citation is part of the text signed covenants vouch for,
    so it cannot change once a frozen covenant cites it (its dates of force still can)."""
    before = LegalBasis.objects.select_for_update().get(pk=basis.pk)
    for name, value in fields.items():
        if name in LEGAL_BASIS_FIELDS and name != "council":
            setattr(basis, name, value)
    changed = [f for f in CITED_FIELDS if getattr(before, f) != getattr(basis, f)]
    if changed and before.covenants.filter(frozen_at__isnull=False).exists():
        raise ValidationError(
            _(
                "Văn bản này đã được dẫn trong giao ước đã ký; không thể sửa số, loại, cơ quan ban hành, "
                "ngày ban hành hay trích yếu. Hãy tạo văn bản mới nếu cần."
            )
        )
    basis.full_clean()
    basis.save()
    return basis


def legal_bases_in_force(*, council: Council, on: datetime.date) -> list[LegalBasis]:
    """The national and the council's own legal bases in force on a day, oldest first."""
    rows = LegalBasis.objects.filter(
        Q(council__isnull=True) | Q(council=council)
    ).order_by("issued_on", "number")
    return [b for b in rows if b.in_force_on(on)]


# --- Campaigns -----------------------------------------------------------------------

CAMPAIGN_FIELDS = (
    "title",
    "theme",
    "kind",
    "occasion",
    "launched_on",
    "starts_on",
    "ends_on",
    "description",
)


def _launcher(
    level: str, bloc_year: BlocYear | None, unit: Unit | None
) -> tuple[Any, Any]:
    """Only the launcher the level names is kept (a council campaign has neither)."""
    if level == Campaign.Level.COUNCIL:
        return None, None
    if level == Campaign.Level.BLOC:
        return bloc_year, None
    return None, unit


@transaction.atomic
def campaign_create(
    *,
    council: Council,
    level: str,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    bloc_year: BlocYear | None = None,
    unit: Unit | None = None,
    legal_bases: Iterable[LegalBasis] = (),
    **fields: Any,
) -> Campaign:
    bloc_year, unit = _launcher(level, bloc_year, unit)
    campaign = Campaign(
        council=council,
        level=level,
        bloc_year=bloc_year,
        unit=unit,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        **{k: v for k, v in fields.items() if k in CAMPAIGN_FIELDS},
    )
    campaign.full_clean()
    campaign.save()
    campaign.legal_bases.set(list(legal_bases))
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    legal_bases: Iterable[LegalBasis] | None = None,
    **fields: Any,
) -> Campaign:
    level = fields.pop("level", campaign.level)
    bloc_year = fields.pop("bloc_year", campaign.bloc_year)
    unit = fields.pop("unit", campaign.unit)
    campaign.level = level
    campaign.bloc_year, campaign.unit = _launcher(level, bloc_year, unit)
    for name, value in fields.items():
        if name in CAMPAIGN_FIELDS:
            setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    if legal_bases is not None:
        campaign.legal_bases.set(list(legal_bases))
    return campaign


@transaction.atomic
def campaign_delete(*, campaign: Campaign) -> None:
    campaign.legal_bases.clear()
    campaign.delete()


# --- Meetings ------------------------------------------------------------------------

MEETING_FIELDS = ("kind", "held_on", "place", "host_unit", "guests", "summary")


def _check_meeting_units(
    bloc_year: BlocYear, host_unit: Unit | None, units_present: Sequence[Unit]
) -> None:
    member_ids = set(
        Membership.objects.filter(bloc_year=bloc_year).values_list("unit_id", flat=True)
    )
    errors: dict[str, str] = {}
    if host_unit is not None and host_unit.pk not in member_ids:
        errors["host_unit"] = _(
            "Đơn vị đăng cai phải là thành viên của khối trong năm."
        )
    if any(u.pk not in member_ids for u in units_present):
        errors["units_present"] = _(
            "Đơn vị tham dự phải là thành viên của khối trong năm."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(
    *,
    bloc_year: BlocYear,
    held_on: datetime.date,
    units_present: Sequence[Unit] = (),
    **fields: Any,
) -> Meeting:
    meeting = Meeting(
        bloc_year=bloc_year,
        held_on=held_on,
        **{k: v for k, v in fields.items() if k in MEETING_FIELDS},
    )
    _check_meeting_units(bloc_year, meeting.host_unit, units_present)
    meeting.full_clean()
    meeting.save()
    meeting.units_present.set(list(units_present))
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, units_present: Sequence[Unit] | None = None, **fields: Any
) -> Meeting:
    for name, value in fields.items():
        if name in MEETING_FIELDS:
            setattr(meeting, name, value)
    present = (
        list(units_present)
        if units_present is not None
        else list(meeting.units_present.all())
    )
    _check_meeting_units(meeting.bloc_year, meeting.host_unit, present)
    meeting.full_clean()
    meeting.save()
    if units_present is not None:
        meeting.units_present.set(present)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    meeting.delete()


# --- The covenant: drafting ----------------------------------------------------------


def _default_basis_day(year: int) -> datetime.date:
    """The day whose legal bases a new covenant cites: today, kept within its year."""
    today = timezone.localdate()
    return min(max(today, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))


def _current_version(basis: LegalBasis, on: datetime.date) -> LegalBasis:
    """Follow `replaced_by` while the replacement is already in force (ND 98 → ND 152)."""
    seen = {basis.pk}
    while basis.replaced_by_id and basis.replaced_by_id not in seen:
        replacement = basis.replaced_by
        if not replacement.in_force_on(on):
            break
        seen.add(replacement.pk)
        basis = replacement
    return basis


def previous_covenant(bloc_year: BlocYear) -> Covenant | None:
    """Last year's covenant of the same bloc, if it had one."""
    return (
        Covenant.objects.filter(
            bloc_year__bloc_id=bloc_year.bloc_id, bloc_year__year=bloc_year.year - 1
        )
        .prefetch_related("legal_bases__replaced_by", "commitments")
        .first()
    )


@transaction.atomic
def covenant_create(
    *, bloc_year: BlocYear, created_by: User | None, from_previous: bool = False
) -> Covenant:
    """Start the bloc-year's covenant: blank (with the legal bases in force) or a copy of
    last year's (title with the new year, legal bases updated to the ones replacing them)."""
    # Lock the bloc-year so two clicks cannot both create one (the one-to-one is the last guard).
    BlocYear.objects.select_for_update().filter(pk=bloc_year.pk).first()
    if Covenant.objects.filter(bloc_year=bloc_year).exists():
        raise ValidationError(_("Khối đã có giao ước thi đua của năm này."))
    bloc_name = bloc_year.bloc.name
    on = _default_basis_day(bloc_year.year)
    if from_previous:
        previous = previous_covenant(bloc_year)
        if previous is None:
            raise ValidationError(
                _("Năm trước khối chưa có giao ước thi đua để sao chép.")
            )
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
    else:
        covenant = Covenant(
            bloc_year=bloc_year,
            title=f"Giao ước thi đua năm {bloc_year.year}",
            preamble=(
                f"Thực hiện phong trào thi đua yêu nước năm {bloc_year.year}, các đơn vị thành viên "
                f"{bloc_name} thống nhất ký kết giao ước thi đua với các nội dung sau:"
            ),
            created_by=created_by,
        )
        bases = {
            b.pk: b for b in legal_bases_in_force(council=bloc_year.bloc.council, on=on)
        }
        texts = []
    covenant.full_clean()
    covenant.save()
    covenant.legal_bases.set(list(bases.values()))
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
    if locked.frozen_at is not None or locked.status == Covenant.Status.COMPLETE:
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
    text = _normalise(text)
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


# --- The covenant: signing -----------------------------------------------------------


def _active_signatures(covenant: Covenant):
    return Signature.objects.filter(covenant=covenant, withdrawn_at__isnull=True)


@transaction.atomic
def covenant_sign(
    *,
    covenant: Covenant,
    unit: Unit,
    signer_name: str,
    signer_position: str,
    recorded_by: User,
) -> Signature:
    """A member unit signs for itself. The first signature freezes the text (its hash is
    kept); the last one completes and locks the covenant."""
    # Lock the covenant: signatures, edits, withdrawals and completion happen one at a time.
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    if locked.status == Covenant.Status.DRAFTING:
        raise ValidationError(_("Giao ước chưa được mở để ký kết."))
    if locked.status == Covenant.Status.COMPLETE:
        raise ValidationError(_("Giao ước đã được ký đủ và đã khóa."))
    if recorded_by.unit_id != unit.pk:
        raise ValidationError(_("Mỗi đơn vị chỉ ký giao ước cho chính đơn vị mình."))
    if not Membership.objects.filter(
        bloc_year_id=locked.bloc_year_id, unit=unit
    ).exists():
        raise ValidationError(_("Đơn vị không phải thành viên của khối trong năm này."))
    if _active_signatures(locked).filter(unit=unit).exists():
        raise ValidationError(_("Đơn vị đã ký giao ước này."))
    now = timezone.now()
    if locked.frozen_at is None:
        locked.content_hash = covenant_content_hash(locked)
        locked.frozen_at = now
    signature = Signature(
        covenant=locked,
        unit=unit,
        signer_name=(signer_name or "").strip(),
        signer_position=(signer_position or "").strip(),
        signed_at=now,
        recorded_by=recorded_by,
    )
    signature.full_clean()
    signature.save()
    member_ids = set(
        Membership.objects.filter(bloc_year_id=locked.bloc_year_id).values_list(
            "unit_id", flat=True
        )
    )
    signed_ids = set(_active_signatures(locked).values_list("unit_id", flat=True))
    if member_ids <= signed_ids:
        locked.status = Covenant.Status.COMPLETE
        locked.completed_at = now
    locked.full_clean()
    locked.save()
    covenant.refresh_from_db()
    return signature


@transaction.atomic
def covenant_withdraw_signature(
    *, covenant: Covenant, unit: Unit, withdrawn_by: User
) -> Signature:
    """A unit takes back its own signature, only while the covenant is not complete.
    The signature row stays, marked withdrawn; the text stays frozen."""
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    if locked.status == Covenant.Status.COMPLETE:
        raise ValidationError(_("Giao ước đã được ký đủ; không thể rút chữ ký."))
    if withdrawn_by.unit_id != unit.pk:
        raise ValidationError(_("Chỉ đơn vị đã ký mới được rút chữ ký của mình."))
    signature = _active_signatures(locked).filter(unit=unit).first()
    if signature is None:
        raise ValidationError(_("Đơn vị chưa ký giao ước này."))
    signature.withdrawn_at = timezone.now()
    signature.withdrawn_by = withdrawn_by
    signature.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    return signature


# --- Title kinds (the council's list of titles and awards) ---------------------------

# (name, scope, code) by council level; RULES.md §1.2–1.5 and the list.
DEFAULT_TITLE_KINDS: dict[str, list[tuple[str, str, str]]] = {
    "province": [
        ("Tập thể lao động xuất sắc", "collective", "ttldxs"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "collective", "bang-khen-tinh"),
        ("Cờ thi đua của UBND tỉnh", "collective", "co-tinh"),
        ("Cờ thi đua của Chính phủ", "collective", "co-chinh-phu"),
        ("Lao động tiên tiến", "individual", "ldtt"),
        ("Chiến sĩ thi đua cơ sở", "individual", "cstdcs"),
        ("Chiến sĩ thi đua cấp tỉnh", "individual", "cstd-tinh"),
        (
            "Bằng khen của Chủ tịch UBND tỉnh cho cá nhân",
            "individual",
            "bang-khen-tinh-ca-nhan",
        ),
    ],
    "central": [
        ("Tập thể lao động xuất sắc", "collective", "ttldxs"),
        ("Bằng khen của Thủ tướng Chính phủ", "collective", "bang-khen-ttg"),
        ("Cờ thi đua của Chính phủ", "collective", "co-chinh-phu"),
        ("Lao động tiên tiến", "individual", "ldtt"),
        ("Chiến sĩ thi đua cơ sở", "individual", "cstdcs"),
    ],
}


@transaction.atomic
def title_kinds_ensure_defaults(*, council: Council) -> int:
    """Give a council the default list the first time it is needed; returns how many
    were created (0 once the council has any)."""
    Council.objects.select_for_update().filter(pk=council.pk).first()
    if TitleKind.objects.filter(council=council).exists():
        return 0
    defaults = DEFAULT_TITLE_KINDS.get(council.level, DEFAULT_TITLE_KINDS["province"])
    TitleKind.objects.bulk_create(
        [
            TitleKind(council=council, name=name, scope=scope, code=code, position=i)
            for i, (name, scope, code) in enumerate(defaults, start=1)
        ]
    )
    return len(defaults)


TITLE_KIND_FIELDS = ("name", "scope", "code", "position", "active")


@transaction.atomic
def title_kind_create(*, council: Council, **fields: Any) -> TitleKind:
    kind = TitleKind(
        council=council, **{k: v for k, v in fields.items() if k in TITLE_KIND_FIELDS}
    )
    kind.full_clean()
    kind.save()
    return kind


@transaction.atomic
def title_kind_update(*, kind: TitleKind, **fields: Any) -> TitleKind:
    for name, value in fields.items():
        if name in TITLE_KIND_FIELDS:
            setattr(kind, name, value)
    kind.full_clean()
    kind.save()
    return kind


# --- Registrations -------------------------------------------------------------------


def registration_round_for(
    bloc_year: BlocYear, *, lock: bool = False
) -> RegistrationRound:
    """The bloc-year's round (created on first use); `lock` takes its row lock."""
    round_, _created = RegistrationRound.objects.get_or_create(bloc_year=bloc_year)
    if lock:
        round_ = RegistrationRound.objects.select_for_update().get(pk=round_.pk)
    return round_


def registration_round_is_open(
    round_: RegistrationRound | None, *, today: datetime.date | None = None
) -> bool:
    """Units may edit until the deadline (the whole day) unless the chair has locked."""
    if round_ is None:
        return True
    today = today or timezone.localdate()
    if round_.locked_at is not None:
        return False
    return round_.deadline is None or today <= round_.deadline


@transaction.atomic
def registration_round_set_deadline(
    *, bloc_year: BlocYear, deadline: datetime.date | None
) -> RegistrationRound:
    round_ = registration_round_for(bloc_year, lock=True)
    if deadline is not None and deadline.year not in (
        bloc_year.year - 1,
        bloc_year.year,
    ):
        raise ValidationError(
            {"deadline": _("Hạn đăng ký phải thuộc năm thi đua (hoặc cuối năm trước).")}
        )
    round_.deadline = deadline
    round_.full_clean()
    round_.save()
    return round_


@transaction.atomic
def registration_round_lock(*, bloc_year: BlocYear, locked: bool) -> RegistrationRound:
    """The chair closes (or reopens) the registrations whatever the deadline."""
    round_ = registration_round_for(bloc_year, lock=True)
    round_.locked_at = timezone.now() if locked else None
    round_.save(update_fields=["locked_at", "updated_at"])
    return round_


@transaction.atomic
def registration_save(
    *,
    bloc_year: BlocYear,
    unit: Unit,
    submitted_by: User,
    collective_titles: Iterable[TitleKind] = (),
    individual_counts: dict[TitleKind, int] | None = None,
    targets: Sequence[dict] = (),
    note: str = "",
) -> Registration:
    """A member unit saves (creates or replaces) its registration while the round is open."""
    # The round's row lock orders this save against the chair's lock and deadline changes.
    round_ = registration_round_for(bloc_year, lock=True)
    if not registration_round_is_open(round_):
        raise ValidationError(
            _("Đã hết hạn hoặc khối trưởng đã khóa đăng ký thi đua; không thể sửa.")
        )
    if submitted_by.unit_id != unit.pk:
        raise ValidationError(
            _("Mỗi đơn vị chỉ đăng ký thi đua cho chính đơn vị mình.")
        )
    if not Membership.objects.filter(bloc_year=bloc_year, unit=unit).exists():
        raise ValidationError(_("Đơn vị không phải thành viên của khối trong năm này."))
    council_id = bloc_year.bloc.council_id
    collective = list(collective_titles)
    counts = {k: v for k, v in (individual_counts or {}).items() if v}
    for kind in collective:
        if kind.council_id != council_id or kind.scope != TitleKind.Scope.COLLECTIVE:
            raise ValidationError(
                _("Danh hiệu tập thể không hợp lệ: %(name)s.") % {"name": kind.name}
            )
    for kind, count in counts.items():
        if kind.council_id != council_id or kind.scope != TitleKind.Scope.INDIVIDUAL:
            raise ValidationError(
                _("Danh hiệu cá nhân không hợp lệ: %(name)s.") % {"name": kind.name}
            )
        if count < 0:
            raise ValidationError(_("Số cá nhân đăng ký không được âm."))
    registration, _created = Registration.objects.get_or_create(
        bloc_year=bloc_year, unit=unit
    )
    registration.note = note or ""
    registration.submitted_at = timezone.now()
    registration.submitted_by = submitted_by
    registration.full_clean()
    registration.save()
    registration.collective_titles.set(collective)
    registration.individual_counts.all().delete()
    IndividualTitleCount.objects.bulk_create(
        [
            IndividualTitleCount(registration=registration, title=k, count=v)
            for k, v in counts.items()
        ]
    )
    registration.targets.all().delete()
    rows = []
    for position, t in enumerate(targets, start=1):
        target = Target(
            registration=registration,
            position=position,
            name=(t.get("name") or "").strip(),
            unit_of_measure=(t.get("unit_of_measure") or "").strip(),
            target_value=Decimal(t.get("target_value")),
        )
        target.full_clean(exclude=["registration"])
        rows.append(target)
    Target.objects.bulk_create(rows)
    return registration
