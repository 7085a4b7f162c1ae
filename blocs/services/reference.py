"""Writes of the reference data edited by board staff and the chair: units, blocs,
bloc-years, memberships and the rotation order (docs/domain.md §1.2-§1.4, §3.2).

Every service validates (full_clean), locks where a race matters and returns the
object; rows are saved through emulation.writes. Names are stored as
`emulation.text.normalise_name` writes them and are unique in a council whatever their
case: the check here says so in Vietnamese, and a racing duplicate that the database's
unique constraint refuses becomes the same error.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blocs.models import Bloc, BlocYear, Membership, RotationSlot
from blocs.selectors import (
    bloc_rules,
    bloc_year_of,
    blocs_named,
    membership_of_year,
    units_named,
)
from blocs.signals import membership_changed
from emulation.models import Council, Unit
from emulation.text import normalise_name
from emulation.writes import save, set_fields

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


# --- Saving, and names unique in a council whatever their case ------------------------

# The unique-name constraint of each named model, and what the user reads when the name
# is taken (by the check below or, in a race, by the constraint).
_NAME_TAKEN = {
    Unit: (
        "emulation_unit_unique_name_ci",
        gettext_lazy("Hội đồng đã có đơn vị mang tên này."),
    ),
    Bloc: (
        "blocs_bloc_unique_name_ci",
        gettext_lazy("Hội đồng đã có khối, cụm thi đua mang tên này."),
    ),
}


def _check_name_free(obj: Unit | Bloc) -> None:
    """The council has no other unit (or bloc) of this name, whatever its case."""
    named = units_named if isinstance(obj, Unit) else blocs_named
    others = named(council_id=obj.council_id, name=obj.name).exclude(pk=obj.pk)
    if others.exists():
        raise ValidationError({"name": _NAME_TAKEN[type(obj)][1]})


def _save(obj: Model) -> None:
    """emulation.writes.save. A named row's unique-name constraint is left to the
    database (`_check_name_free` has said it in Vietnamese); a name taken since then
    by a racing request gets the check's own message, on the name."""
    if type(obj) not in _NAME_TAKEN:
        save(obj)
        return
    constraint, message = _NAME_TAKEN[type(obj)]
    save(obj, unchecked={"name"}, refusals={constraint: {"name": message}})


# --- Units and blocs -------------------------------------------------------------------


def _named_create(
    model: type[Unit | Bloc], allowed: Sequence[str], council: Council, name, fields
):
    obj = model(council=council, name=normalise_name(name))
    _check_name_free(obj)
    set_fields(obj, allowed, fields)
    _save(obj)
    return obj


def _named_update(obj: Unit | Bloc, allowed: Sequence[str], fields: dict[str, Any]):
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if "name" in fields:
        fields["name"] = normalise_name(fields["name"])
    set_fields(obj, allowed, fields)
    if "name" in fields:
        _check_name_free(obj)
    _save(obj)
    return obj


@transaction.atomic
def unit_create(*, council: Council, name: str, **fields: Any) -> Unit:
    """A new unit of the council; `fields` are the other columns of UNIT_FIELDS."""
    return _named_create(Unit, UNIT_FIELDS, council, name, fields)


@transaction.atomic
def unit_update(*, unit: Unit, **fields: Any) -> Unit:
    """Change a unit's details (name, kind, contact, status, dates)."""
    return _named_update(unit, UNIT_FIELDS, fields)


@transaction.atomic
def bloc_create(*, council: Council, name: str, **fields: Any) -> Bloc:
    """A new bloc (khối) or cluster (cụm) of the council."""
    return _named_create(Bloc, BLOC_FIELDS, council, name, fields)


@transaction.atomic
def bloc_update(*, bloc: Bloc, **fields: Any) -> Bloc:
    return _named_update(bloc, BLOC_FIELDS, fields)


# --- Bloc-years ----------------------------------------------------------------------


@transaction.atomic
def bloc_year_create(*, bloc: Bloc, year: int, theme: str = "") -> BlocYear:
    """An empty emulation year of a bloc (members are added afterwards, or by opening the year)."""
    if bloc_year_of(bloc=bloc, year=year) is not None:
        raise ValidationError(
            {"year": _("Khối đã có năm thi đua %(year)s.") % {"year": year}}
        )
    council = bloc.council
    bloc_year = BlocYear(
        bloc=bloc,
        year=year,
        theme=theme.strip(),
        selection_method=bloc_rules(council).chair_selection_method,
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
    launch, mid, end = (
        bloc_year.launch_meeting_on,
        bloc_year.midyear_meeting_on,
        bloc_year.yearend_meeting_on,
    )
    if launch and mid and mid < launch and "midyear_meeting_on" not in errors:
        errors["midyear_meeting_on"] = _("Hội nghị sơ kết phải sau hội nghị phát động.")
    if (
        end
        and (mid or launch)
        and end < (mid or launch)
        and "yearend_meeting_on" not in errors
    ):
        errors["yearend_meeting_on"] = _(
            "Hội nghị tổng kết phải sau hội nghị phát động và sơ kết."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def bloc_year_update(*, bloc_year: BlocYear, **fields: Any) -> BlocYear:
    """The chair's (or board's) edits of a bloc-year: theme and meeting dates."""
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    if "theme" in fields:
        fields["theme"] = (fields["theme"] or "").strip()
    set_fields(bloc_year, BLOC_YEAR_SCHEDULE_FIELDS, fields)
    _check_schedule(bloc_year)
    _save(bloc_year)
    return bloc_year


# --- Memberships ---------------------------------------------------------------------


@transaction.atomic
def membership_add(
    *,
    bloc_year: BlocYear,
    unit: Unit,
    role: str = Membership.Role.MEMBER,
    joined_on: datetime.date | None = None,
) -> Membership:
    """Put a unit in a bloc for the bloc-year's year (full_clean refuses a second bloc)."""
    other = membership_of_year(unit=unit, year=bloc_year.year)
    if other is not None:
        # Said plainly here; the unique constraint (unit, year) is the final guard.
        raise ValidationError(
            _("%(unit)s đã là thành viên của %(bloc)s năm %(year)s.")
            % {
                "unit": unit.name,
                "bloc": other.bloc_year.bloc.name,
                "year": bloc_year.year,
            }
        )
    membership = Membership(
        bloc_year=bloc_year,
        unit=unit,
        year=bloc_year.year,
        role=role,
        joined_on=joined_on,
    )
    membership.full_clean()
    membership.save()
    # The apps above (the covenant being signed) re-check what depends on the members.
    membership_changed.send(sender=BlocYear, bloc_year=bloc_year)
    return membership


@transaction.atomic
def bloc_year_member_add(
    *, bloc_year: BlocYear, unit: Unit, joined_on: datetime.date | None = None
) -> Membership:
    """Add a unit of the council to a bloc-year as a plain member.

    Lock the bloc-year so two board staff adding at once see each other's rows; the
    unique (unit, year) constraint is the final guard against a second bloc.
    """
    bloc_year = (
        BlocYear.objects.select_for_update().select_related("bloc").get(pk=bloc_year.pk)
    )
    if unit.council_id != bloc_year.bloc.council_id:
        raise ValidationError({"unit": _("Đơn vị không thuộc hội đồng của khối này.")})
    existing = membership_of_year(unit=unit, year=bloc_year.year)
    if existing is not None:
        if existing.bloc_year_id == bloc_year.pk:
            raise ValidationError(
                {"unit": _("Đơn vị đã là thành viên của khối trong năm này.")}
            )
        raise ValidationError(
            {
                "unit": _("Đơn vị đã thuộc %(bloc)s trong năm %(year)s.")
                % {"bloc": existing.bloc_year.bloc.name, "year": bloc_year.year}
            }
        )
    try:
        with transaction.atomic():
            return membership_add(bloc_year=bloc_year, unit=unit, joined_on=joined_on)
    except IntegrityError as exc:
        raise ValidationError(
            {
                "unit": _(
                    "Đơn vị vừa được thêm vào một khối khác, vui lòng kiểm tra lại."
                )
            }
        ) from exc


@transaction.atomic
def bloc_year_member_remove(*, membership: Membership) -> None:
    """Take a plain member out of a bloc-year.

    The chair and vice-chairs are refused: roles change through an election, not here.
    Rows of other areas that protect the membership (covenant signatures…) also refuse it.
    """
    membership = (
        Membership.objects.select_for_update()
        .select_related("unit")
        .get(pk=membership.pk)
    )
    if membership.role != Membership.Role.MEMBER:
        raise ValidationError(
            _(
                "Không thể bỏ %(unit)s khỏi khối vì đơn vị đang là %(role)s. Hãy chọn "
                "lại khối trưởng, khối phó trước."
            )
            % {
                "unit": membership.unit.name,
                "role": membership.get_role_display().lower(),
            }
        )
    try:
        with transaction.atomic():
            membership.delete()
            membership_changed.send(sender=BlocYear, bloc_year=membership.bloc_year)
    except ProtectedError as exc:
        raise ValidationError(
            _(
                "Không thể bỏ %(unit)s khỏi khối vì đơn vị đã có dữ liệu thi đua trong năm."
            )
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
        raise ValidationError(
            _("Một đơn vị chỉ được xếp một lần trong thứ tự luân phiên.")
        )
    if any(u.council_id != bloc.council_id for u in units):
        raise ValidationError(_("Thứ tự luân phiên chỉ gồm các đơn vị của hội đồng."))
    RotationSlot.objects.filter(bloc=bloc).delete()
    slots = []
    for position, unit in enumerate(units, start=1):
        slot = RotationSlot(bloc=bloc, unit=unit, position=position)
        slot.full_clean(validate_constraints=False)
        slots.append(slot)
    return RotationSlot.objects.bulk_create(slots)
