"""Writes of a bloc-year's meetings (hội nghị): launch and covenant signing, mid-year and
year-end reviews (docs/domain.md §5.2, §5.4)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from blocs.models import BlocYear, Membership
from campaigns.models import Meeting
from emulation.models import Unit
from emulation.writes import save, set_fields

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
    meeting = Meeting(bloc_year=bloc_year, held_on=held_on)
    set_fields(meeting, MEETING_FIELDS, fields, strict=False)
    _check_meeting_units(bloc_year, meeting.host_unit, units_present)
    save(meeting).units_present.set(list(units_present))
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, units_present: Sequence[Unit] | None = None, **fields: Any
) -> Meeting:
    set_fields(meeting, MEETING_FIELDS, fields, strict=False)
    present = (
        list(units_present)
        if units_present is not None
        else list(meeting.units_present.all())
    )
    _check_meeting_units(meeting.bloc_year, meeting.host_unit, present)
    save(meeting)
    if units_present is not None:
        meeting.units_present.set(present)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    meeting.delete()
