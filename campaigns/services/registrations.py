"""Writes of title kinds, registration rounds and registrations (đăng ký thi đua,
docs/domain.md §5.3): the council's list of titles, the chair's deadline and lock, and a
member unit's registration."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.models import BlocYear, Membership
from campaigns.models import (
    IndividualTitleCount,
    Registration,
    RegistrationRound,
    Target,
    TitleKind,
)
from emulation.models import Council, Unit
from emulation.writes import create, update

if TYPE_CHECKING:  # pragma: no cover
    from emulation.models import User

# --- Title kinds (the council's list of titles and awards) ---------------------------

COLLECTIVE, INDIVIDUAL = TitleKind.Scope.COLLECTIVE, TitleKind.Scope.INDIVIDUAL

# (name, scope, code) by council level: a council setting (docs/domain.md §5.3), the
# titles and awards of §7.1.
DEFAULT_TITLE_KINDS: dict[str, list[tuple[str, str, str]]] = {
    Council.Level.PROVINCE: [
        ("Tập thể lao động xuất sắc", COLLECTIVE, "ttldxs"),
        ("Bằng khen của Chủ tịch UBND tỉnh", COLLECTIVE, "bang-khen-tinh"),
        ("Cờ thi đua của UBND tỉnh", COLLECTIVE, "co-tinh"),
        ("Cờ thi đua của Chính phủ", COLLECTIVE, "co-chinh-phu"),
        ("Lao động tiên tiến", INDIVIDUAL, "ldtt"),
        ("Chiến sĩ thi đua cơ sở", INDIVIDUAL, "cstdcs"),
        ("Chiến sĩ thi đua cấp tỉnh", INDIVIDUAL, "cstd-tinh"),
        (
            "Bằng khen của Chủ tịch UBND tỉnh cho cá nhân",
            INDIVIDUAL,
            "bang-khen-tinh-ca-nhan",
        ),
    ],
    Council.Level.CENTRAL: [
        ("Tập thể lao động xuất sắc", COLLECTIVE, "ttldxs"),
        ("Bằng khen của Thủ tướng Chính phủ", COLLECTIVE, "bang-khen-ttg"),
        ("Cờ thi đua của Chính phủ", COLLECTIVE, "co-chinh-phu"),
        ("Lao động tiên tiến", INDIVIDUAL, "ldtt"),
        ("Chiến sĩ thi đua cơ sở", INDIVIDUAL, "cstdcs"),
    ],
}


@transaction.atomic
def title_kinds_ensure_defaults(*, council: Council) -> int:
    """Give a council the default list the first time it is needed; returns how many
    were created (0 once the council has any)."""
    Council.objects.select_for_update().filter(pk=council.pk).first()
    if TitleKind.objects.filter(council=council).exists():
        return 0
    defaults = DEFAULT_TITLE_KINDS.get(
        council.level, DEFAULT_TITLE_KINDS[Council.Level.PROVINCE]
    )
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
    return create(TitleKind, TITLE_KIND_FIELDS, fields, council=council)


@transaction.atomic
def title_kind_update(*, kind: TitleKind, **fields: Any) -> TitleKind:
    return update(kind, TITLE_KIND_FIELDS, fields)


# --- The registration round ----------------------------------------------------------


def registration_round_for(
    bloc_year: BlocYear, *, lock: bool = False
) -> RegistrationRound:
    """The bloc-year's round (created on first use); `lock` takes its row lock."""
    round_, _created = RegistrationRound.objects.get_or_create(bloc_year=bloc_year)
    if lock:
        round_ = RegistrationRound.objects.select_for_update().get(pk=round_.pk)
    return round_


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


# --- A unit's registration -----------------------------------------------------------


def _check_titles(
    council_id: int, collective: list[TitleKind], counts: dict[TitleKind, int]
) -> None:
    for kind in collective:
        if kind.council_id != council_id or kind.scope != COLLECTIVE:
            raise ValidationError(
                _("Danh hiệu tập thể không hợp lệ: %(name)s.") % {"name": kind.name}
            )
    for kind, count in counts.items():
        if kind.council_id != council_id or kind.scope != INDIVIDUAL:
            raise ValidationError(
                _("Danh hiệu cá nhân không hợp lệ: %(name)s.") % {"name": kind.name}
            )
        if count < 0:
            raise ValidationError(_("Số cá nhân đăng ký không được âm."))


def _replace_targets(registration: Registration, targets: Sequence[dict]) -> None:
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
    """A member unit saves (creates or replaces) its registration while the round is
    open."""
    # The round's row lock orders this save against the chair's lock and deadline
    # changes.
    round_ = registration_round_for(bloc_year, lock=True)
    if not round_.is_open():
        raise ValidationError(
            _("Đã hết hạn hoặc khối trưởng đã khóa đăng ký thi đua; không thể sửa.")
        )
    if submitted_by.unit_id != unit.pk:
        raise ValidationError(
            _("Mỗi đơn vị chỉ đăng ký thi đua cho chính đơn vị mình.")
        )
    if not Membership.objects.filter(bloc_year=bloc_year, unit=unit).exists():
        raise ValidationError(_("Đơn vị không phải thành viên của khối trong năm này."))
    collective = list(collective_titles)
    counts = {k: v for k, v in (individual_counts or {}).items() if v}
    _check_titles(bloc_year.bloc.council_id, collective, counts)
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
    _replace_targets(registration, targets)
    return registration
