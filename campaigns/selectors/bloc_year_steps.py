"""The bloc-year's first steps at a glance (the dashboard's `blocyear_steps` tag):
meetings, the covenant, registrations and campaigns of one bloc-year."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery

from blocs.models import BlocYear, Membership
from campaigns.models import (
    Covenant,
    Meeting,
    Registration,
    RegistrationRound,
    Signature,
)
from campaigns.selectors.campaigns import campaigns_of_bloc_year
from campaigns.selectors.common import count_of
from campaigns.selectors.meetings import meetings_of_bloc_year

STEPS_CAMPAIGNS = 6


def bloc_year_steps(*, bloc_year: BlocYear, unit_id: int | None = None) -> dict:
    """Status of the year's first steps at a glance, in four queries whatever the size:
    the counts (one query), the covenant with its signature count, meetings, campaigns.
    `unit_id` (the viewer's unit) adds whether it is a member and its registration.
    `round` is the registration round rebuilt from the counts query (unsaved)."""
    registrations = Registration.objects.filter(bloc_year=OuterRef("pk"))
    rounds = RegistrationRound.objects.filter(bloc_year=OuterRef("pk"))
    counts = (
        BlocYear.objects.filter(pk=bloc_year.pk)
        .annotate(
            n_members=count_of(Membership.objects.filter(bloc_year=OuterRef("pk"))),
            n_registered=count_of(registrations.filter(submitted_at__isnull=False)),
            n_meetings=count_of(Meeting.objects.filter(bloc_year=OuterRef("pk"))),
            deadline=Subquery(rounds.values("deadline")[:1]),
            locked_at=Subquery(rounds.values("locked_at")[:1]),
            has_previous=Exists(
                Covenant.objects.filter(
                    bloc_year__bloc_id=OuterRef("bloc_id"),
                    bloc_year__year=OuterRef("year") - 1,
                )
            ),
            is_member=Exists(
                Membership.objects.filter(bloc_year=OuterRef("pk"), unit_id=unit_id)
            ),
            my_registration_id=Subquery(
                registrations.filter(unit_id=unit_id).values("pk")[:1]
            ),
        )
        .values(
            "n_members",
            "n_registered",
            "n_meetings",
            "deadline",
            "locked_at",
            "has_previous",
            "is_member",
            "my_registration_id",
        )
        .get()
    )
    covenant = (
        Covenant.objects.filter(bloc_year=bloc_year)
        .annotate(
            n_signed=count_of(
                Signature.objects.filter(
                    covenant=OuterRef("pk"), withdrawn_at__isnull=True
                )
            )
        )
        .first()
    )
    meetings = list(meetings_of_bloc_year(bloc_year=bloc_year)[:5])
    campaigns = list(campaigns_of_bloc_year(bloc_year=bloc_year)[: STEPS_CAMPAIGNS + 1])
    round_ = RegistrationRound(
        bloc_year=bloc_year, deadline=counts["deadline"], locked_at=counts["locked_at"]
    )
    return {
        **counts,
        "round": round_,
        "covenant": covenant,
        "meetings": meetings,
        "campaigns": campaigns[:STEPS_CAMPAIGNS],
        "more_campaigns": len(campaigns) > STEPS_CAMPAIGNS,
    }
