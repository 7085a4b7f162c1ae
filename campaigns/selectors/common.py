"""Pieces the campaigns selectors share: correlated counts, a year's bounds, members."""

from __future__ import annotations

import datetime

from django.db.models import F, Func, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from blocs.models import BlocYear, Membership


def count_of(qs: QuerySet) -> Coalesce:
    """A correlated COUNT usable in annotate: a subquery, so several counts never
    multiply each other's joins."""
    counted = qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def members_of(bloc_year: BlocYear) -> QuerySet[Membership]:
    """Members in Vietnamese order of their names."""
    return (
        Membership.objects.filter(bloc_year=bloc_year)
        .select_related("unit")
        .order_by("unit__sort_key")
    )
