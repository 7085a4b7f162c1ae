"""Board and chair edits of the blocs reference data: units, blocs, bloc-years,
memberships and the rotation order.

Each function validates with `full_clean()` (which also checks the database
constraints) and raises `ValidationError` with a Vietnamese message when the
change is refused. Elections, opening a year and restructuring live in
`blocs.services` (another area).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from blocs import services
from blocs.models import Bloc, BlocYear, Council, Membership, RotationSlot, Unit

UNIT_FIELDS = (
    "name",
    "short_name",
    "kind",
    "head_name",
    "head_position",
    "contact_name",
    "contact_phone",
    "contact_email",
    "active_from",
    "active_to",
    "status",
)
BLOC_FIELDS = ("name", "kind", "description", "active_from", "active_to")
BLOC_YEAR_SCHEDULE_FIELDS = (
    "theme",
    "launch_meeting_on",
    "midyear_meeting_on",
    "yearend_meeting_on",
    "flag_handover_on",
)


def _set_fields(obj: Any, allowed: Sequence[str], values: dict[str, Any]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(obj, name, value)


def _save(obj: Any) -> None:
    """full_clean then save; a racing duplicate that slips past full_clean becomes a ValidationError."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError(_("Dữ liệu vừa bị thay đổi bởi người khác, vui lòng thử lại.")) from exc


# --- Units ---------------------------------------------------------------------------


def _check_unit_name(*, council_id: int, name: str, exclude_pk: int | None = None) -> None:
    qs = Unit.objects.filter(council_id=council_id, name__iexact=name.strip())
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"name": _("Hội đồng đã có đơn vị mang tên này.")})


@transaction.atomic
def unit_create(*, council: Council, name: str, **fields: Any) -> Unit:
    """A new unit of the council; `fields` are the other columns of UNIT_FIELDS."""
    _check_unit_name(council_id=council.pk, name=name)
    unit = Unit(council=council, name=name.strip())
    _set_fields(unit, UNIT_FIELDS, fields)
    _save(unit)
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, **fields: Any) -> Unit:
    """Change a unit's details (name, kind, contact, status, dates)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        _check_unit_name(council_id=unit.council_id, name=fields["name"], exclude_pk=unit.pk)
    _set_fields(unit, UNIT_FIELDS, fields)
    _save(unit)
    return unit


# --- Blocs ---------------------------------------------------------------------------


def _check_bloc_name(*, council_id: int, name: str, exclude_pk: int | None = None) -> None:
    qs = Bloc.objects.filter(council_id=council_id, name__iexact=name.strip())
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"name": _("Hội đồng đã có khối, cụm thi đua mang tên này.")})


@transaction.atomic
def bloc_create(*, council: Council, name: str, **fields: Any) -> Bloc:
    """A new bloc (khối) or cluster (cụm) of the council."""
    _check_bloc_name(council_id=council.pk, name=name)
    bloc = Bloc(council=council, name=name.strip())
    _set_fields(bloc, BLOC_FIELDS, fields)
    _save(bloc)
    return bloc


@transaction.atomic
def bloc_update(*, bloc: Bloc, **fields: Any) -> Bloc:
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        _check_bloc_name(council_id=bloc.council_id, name=fields["name"], exclude_pk=bloc.pk)
    _set_fields(bloc, BLOC_FIELDS, fields)
    _save(bloc)
    return bloc


# --- Bloc-years ----------------------------------------------------------------------


@transaction.atomic
def bloc_year_create(*, bloc: Bloc, year: int, theme: str = "") -> BlocYear:
    """An empty emulation year of a bloc (members are added afterwards, or by opening the year)."""
    if BlocYear.objects.filter(bloc=bloc, year=year).exists():
        raise ValidationError({"year": _("Khối đã có năm thi đua %(year)s.") % {"year": year}})
    council = bloc.council
    bloc_year = BlocYear(
        bloc=bloc, year=year, theme=theme.strip(), selection_method=council.chair_selection_method
    )
    _save(bloc_year)
    return bloc_year


def _check_schedule(bloc_year: BlocYear) -> None:
    """Meetings follow each other, and every date is near the emulation year (typing errors)."""
    errors: dict[str, str] = {}
    lowest = datetime.date(bloc_year.year - 1, 1, 1)
    highest = datetime.date(bloc_year.year + 1, 12, 31)
    for name in BLOC_YEAR_SCHEDULE_FIELDS[1:]:
        value = getattr(bloc_year, name)
        if value and not lowest <= value <= highest:
            errors[name] = _("Ngày phải nằm trong khoảng từ %(a)s đến %(b)s.") % {
                "a": lowest.strftime("%d/%m/%Y"),
                "b": highest.strftime("%d/%m/%Y"),
            }
    launch, mid, end = bloc_year.launch_meeting_on, bloc_year.midyear_meeting_on, bloc_year.yearend_meeting_on
    if launch and mid and mid < launch and "midyear_meeting_on" not in errors:
        errors["midyear_meeting_on"] = _("Hội nghị sơ kết phải sau hội nghị phát động.")
    if end and (mid or launch) and end < (mid or launch) and "yearend_meeting_on" not in errors:
        errors["yearend_meeting_on"] = _("Hội nghị tổng kết phải sau hội nghị phát động và sơ kết.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def bloc_year_update(*, bloc_year: BlocYear, **fields: Any) -> BlocYear:
    """The chair's (or board's) edits of a bloc-year: theme and meeting dates."""
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    if "theme" in fields:
        fields["theme"] = (fields["theme"] or "").strip()
    _set_fields(bloc_year, BLOC_YEAR_SCHEDULE_FIELDS, fields)
    _check_schedule(bloc_year)
    _save(bloc_year)
    return bloc_year


# --- Memberships ---------------------------------------------------------------------


@transaction.atomic
def bloc_year_member_add(
    *, bloc_year: BlocYear, unit: Unit, joined_on: datetime.date | None = None
) -> Membership:
    """Add a unit of the council to a bloc-year as a plain member.

    Lock the bloc-year so two board staff adding at once see each other's rows; the
    unique (unit, year) constraint is the final guard against a second bloc.
    """
    bloc_year = BlocYear.objects.select_for_update().select_related("bloc").get(pk=bloc_year.pk)
    if unit.council_id != bloc_year.bloc.council_id:
        raise ValidationError({"unit": _("Đơn vị không thuộc hội đồng của khối này.")})
    existing = (
        Membership.objects.filter(unit=unit, year=bloc_year.year).select_related("bloc_year__bloc").first()
    )
    if existing is not None:
        if existing.bloc_year_id == bloc_year.pk:
            raise ValidationError({"unit": _("Đơn vị đã là thành viên của khối trong năm này.")})
        raise ValidationError(
            {
                "unit": _("Đơn vị đã thuộc %(bloc)s trong năm %(year)s.")
                % {"bloc": existing.bloc_year.bloc.name, "year": bloc_year.year}
            }
        )
    try:
        with transaction.atomic():
            return services.membership_add(bloc_year=bloc_year, unit=unit, joined_on=joined_on)
    except IntegrityError as exc:
        raise ValidationError(
            {"unit": _("Đơn vị vừa được thêm vào một khối khác, vui lòng kiểm tra lại.")}
        ) from exc


@transaction.atomic
def bloc_year_member_remove(*, membership: Membership) -> None:
    """Take a plain member out of a bloc-year.

    The chair and vice-chairs are refused: roles change through an election, not here.
    Rows of other areas that protect the membership (covenant signatures…) also refuse it.
    """
    membership = Membership.objects.select_for_update().select_related("unit").get(pk=membership.pk)
    if membership.role != Membership.Role.MEMBER:
        raise ValidationError(
            _(
                "Không thể bỏ %(unit)s khỏi khối vì đơn vị đang là %(role)s. Hãy chọn lại khối trưởng, khối phó trước."
            )
            % {"unit": membership.unit.name, "role": membership.get_role_display().lower()}
        )
    try:
        with transaction.atomic():
            membership.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("Không thể bỏ %(unit)s khỏi khối vì đơn vị đã có dữ liệu thi đua trong năm.")
            % {"unit": membership.unit.name}
        ) from exc


# --- Rotation order ------------------------------------------------------------------


@transaction.atomic
def rotation_set(*, bloc: Bloc, units: Sequence[Unit]) -> list[RotationSlot]:
    """Replace the bloc's rotation order: `units[0]` takes the chair first, and so on.

    The bloc row is locked so two edits cannot interleave; the old slots are
    deleted before the new ones are written, so the unique position never clashes.
    """
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    ids = [u.pk for u in units]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Một đơn vị chỉ được xếp một lần trong thứ tự luân phiên."))
    if any(u.council_id != bloc.council_id for u in units):
        raise ValidationError(_("Thứ tự luân phiên chỉ gồm các đơn vị của hội đồng."))
    RotationSlot.objects.filter(bloc=bloc).delete()
    slots = []
    for position, unit in enumerate(units, start=1):
        slot = RotationSlot(bloc=bloc, unit=unit, position=position)
        slot.full_clean(validate_constraints=False)
        slots.append(slot)
    return RotationSlot.objects.bulk_create(slots)
