"""Reads of campaigns (phong trào thi đua): the council's list, a campaign, a bloc-year's."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from blocs.models import BlocYear, Membership
from campaigns.models import Campaign
from campaigns.selectors.common import year_bounds


def campaigns_for_council(*, council_id: int | None) -> QuerySet[Campaign]:
    """The council's campaigns with their launcher (the list page filters this)."""
    return (
        Campaign.objects.filter(council_id=council_id)
        .select_related("unit", "bloc_year__bloc")
        .order_by("-starts_on", "title", "pk")
    )


def campaign_detail(*, campaign: Campaign) -> dict:
    return {"legal_bases": list(campaign.legal_bases.order_by("issued_on", "number"))}


def campaigns_of_bloc_year(*, bloc_year: BlocYear) -> QuerySet[Campaign]:
    """What a bloc-year runs: the bloc's own campaigns, its members' campaigns of that
    year, and the council's campaigns of that year."""
    start, end = year_bounds(bloc_year.year)
    member_units = Membership.objects.filter(bloc_year=bloc_year).values("unit_id")
    in_year = Q(starts_on__lte=end, ends_on__gte=start)
    return (
        Campaign.objects.filter(
            Q(bloc_year=bloc_year)
            | (Q(level=Campaign.Level.UNIT, unit_id__in=member_units) & in_year)
            | (
                Q(level=Campaign.Level.COUNCIL, council_id=bloc_year.bloc.council_id)
                & in_year
            )
        )
        .select_related("unit", "bloc_year__bloc")
        .order_by("level", "-starts_on", "title", "pk")
    )
