"""Reads of a bloc-year's meetings (hội nghị)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from blocs.models import BlocYear
from campaigns.models import Meeting


def meetings_of_bloc_year(*, bloc_year: BlocYear) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(bloc_year=bloc_year)
        .select_related("host_unit")
        .annotate(n_present=Count("units_present"))
        .order_by("held_on", "pk")
    )


def meeting_detail(*, meeting: Meeting) -> dict:
    return {"units_present": list(meeting.units_present.order_by("sort_key"))}
