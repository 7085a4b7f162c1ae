"""Page-shaped reads of the campaigns app. They own every select/prefetch/annotate, so
that each page costs the same number of queries however much data there is."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

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
from emulation.models import Unit


def _count(qs: QuerySet) -> Coalesce:
    """A correlated COUNT usable in annotate: a subquery, so several counts never
    multiply each other's joins."""
    counted = qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# --- Legal bases ---------------------------------------------------------------------


def legal_bases_for_council(*, council_id: int | None) -> QuerySet[LegalBasis]:
    """National legal bases and the council's own, newest first, with what replaces them."""
    return (
        LegalBasis.objects.filter(Q(council__isnull=True) | Q(council_id=council_id))
        .select_related("replaced_by")
        .order_by("-issued_on", "number")
    )


# --- Campaigns -----------------------------------------------------------------------


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


# --- Meetings ------------------------------------------------------------------------


def meetings_of_bloc_year(*, bloc_year: BlocYear) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(bloc_year=bloc_year)
        .select_related("host_unit")
        .annotate(n_present=Count("units_present"))
        .order_by("held_on", "pk")
    )


def meeting_detail(*, meeting: Meeting) -> dict:
    return {"units_present": list(meeting.units_present.order_by("sort_key"))}


def members_of(bloc_year: BlocYear) -> QuerySet[Membership]:
    """Members in Vietnamese order of their names."""
    return (
        Membership.objects.filter(bloc_year=bloc_year)
        .select_related("unit")
        .order_by("unit__sort_key")
    )


# --- Covenants -----------------------------------------------------------------------


def covenant_list_for_council(
    *, council_id: int | None, year: int
) -> QuerySet[BlocYear]:
    """The council's bloc-years of a year with their covenant (if any), member and
    signature counts and the chair's name: one query whatever the number of blocs."""
    active_signatures = Signature.objects.filter(
        covenant__bloc_year=OuterRef("pk"), withdrawn_at__isnull=True
    )
    chair = Membership.objects.filter(
        bloc_year=OuterRef("pk"), role=Membership.Role.CHAIR
    )
    return (
        BlocYear.objects.filter(bloc__council_id=council_id, year=year)
        .select_related("bloc", "covenant")
        .annotate(
            n_members=_count(Membership.objects.filter(bloc_year=OuterRef("pk"))),
            n_signed=_count(active_signatures),
            chair_name=Subquery(chair.values("unit__name")[:1]),
        )
        .order_by("bloc__kind", "bloc__sort_key")
    )


@dataclass
class SigningRow:
    """One line of the signing board: a member unit and its signature, if any."""

    membership: Membership
    signature: Signature | None = None

    @property
    def unit(self) -> Unit:
        return self.membership.unit


@dataclass
class CovenantPage:
    covenant: Covenant
    legal_bases: list[LegalBasis]
    commitments: list[Commitment]
    rows: list[SigningRow]
    withdrawn: list[Signature] = field(default_factory=list)

    @property
    def n_members(self) -> int:
        return len(self.rows)

    @property
    def n_signed(self) -> int:
        return sum(1 for r in self.rows if r.signature is not None)


def covenant_page(*, covenant: Covenant) -> CovenantPage:
    """Everything the covenant page shows, in a fixed number of queries: legal bases,
    commitments, members, signatures (active and withdrawn)."""
    legal_bases = list(covenant.legal_bases.order_by("issued_on", "number", "pk"))
    commitments = list(covenant.commitments.order_by("position", "pk"))
    memberships = list(members_of(covenant.bloc_year))
    signatures = list(
        Signature.objects.filter(covenant=covenant)
        .select_related("unit")
        .order_by("signed_at", "pk")
    )
    active = {s.unit_id: s for s in signatures if s.withdrawn_at is None}
    withdrawn = [s for s in signatures if s.withdrawn_at is not None]
    rows = [
        SigningRow(membership=m, signature=active.get(m.unit_id)) for m in memberships
    ]
    return CovenantPage(
        covenant=covenant,
        legal_bases=legal_bases,
        commitments=commitments,
        rows=rows,
        withdrawn=withdrawn,
    )


# --- The bloc-year's first steps (the campaigns_tags.blocyear_steps tag) -------------


def bloc_year_steps(*, bloc_year: BlocYear, unit_id: int | None = None) -> dict:
    """Status of the year's first steps at a glance, in four queries whatever the size:
    the counts (one query), the covenant with its signature count, meetings, campaigns.
    `unit_id` (the viewer's unit) adds whether it is a member and its registration."""
    registrations = Registration.objects.filter(bloc_year=OuterRef("pk"))
    rounds = RegistrationRound.objects.filter(bloc_year=OuterRef("pk"))
    counts = (
        BlocYear.objects.filter(pk=bloc_year.pk)
        .annotate(
            n_members=_count(Membership.objects.filter(bloc_year=OuterRef("pk"))),
            n_registered=_count(registrations.filter(submitted_at__isnull=False)),
            n_meetings=_count(Meeting.objects.filter(bloc_year=OuterRef("pk"))),
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
            n_signed=_count(
                Signature.objects.filter(
                    covenant=OuterRef("pk"), withdrawn_at__isnull=True
                )
            )
        )
        .first()
    )
    meetings = list(meetings_of_bloc_year(bloc_year=bloc_year)[:5])
    campaigns_qs = campaigns_of_bloc_year(bloc_year=bloc_year)
    campaigns = list(campaigns_qs[: STEPS_CAMPAIGNS + 1])
    return {
        **counts,
        "covenant": covenant,
        "meetings": meetings,
        "campaigns": campaigns[:STEPS_CAMPAIGNS],
        "more_campaigns": len(campaigns) > STEPS_CAMPAIGNS,
    }


STEPS_CAMPAIGNS = 6


def previous_covenant_exists(*, bloc_year: BlocYear) -> bool:
    return Covenant.objects.filter(
        bloc_year__bloc_id=bloc_year.bloc_id, bloc_year__year=bloc_year.year - 1
    ).exists()


# --- Title kinds and registrations ---------------------------------------------------


def title_kinds_for_council(
    *, council_id: int | None, active_only: bool = True
) -> list[TitleKind]:
    qs = TitleKind.objects.filter(council_id=council_id)
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("scope", "position", "name"))


@dataclass
class RegistrationRow:
    membership: Membership
    registration: Registration | None

    @property
    def unit(self) -> Unit:
        return self.membership.unit


def registration_overview(*, bloc_year: BlocYear) -> list[RegistrationRow]:
    """Each member with its registration (titles, counts and targets prefetched):
    five queries whatever the number of members."""
    registrations = {
        r.unit_id: r
        for r in Registration.objects.filter(bloc_year=bloc_year)
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch(
                "collective_titles",
                queryset=TitleKind.objects.order_by("position", "name"),
            ),
            Prefetch(
                "individual_counts",
                queryset=IndividualTitleCount.objects.select_related("title").order_by(
                    "title__position"
                ),
            ),
            Prefetch("targets", queryset=Target.objects.order_by("position", "pk")),
        )
    }
    return [
        RegistrationRow(membership=m, registration=registrations.get(m.unit_id))
        for m in members_of(bloc_year)
    ]


def registration_detail(*, registration: Registration) -> dict:
    return {
        "collective_titles": list(
            registration.collective_titles.order_by("position", "name")
        ),
        "individual_counts": list(
            registration.individual_counts.select_related("title").order_by(
                "title__position"
            )
        ),
        "targets": list(registration.targets.order_by("position", "pk")),
    }


@dataclass
class RegistrationSummary:
    """The 'Tổng hợp đăng ký thi đua' table: one row per member unit."""

    bloc_year: BlocYear
    collective_kinds: list[TitleKind]
    individual_kinds: list[TitleKind]
    rows: list[dict]

    @property
    def n_registered(self) -> int:
        return sum(1 for r in self.rows if r["registration"] is not None)

    @property
    def totals(self) -> dict:
        return {
            "collective": [
                sum(1 for r in self.rows if r["collective"][i])
                for i in range(len(self.collective_kinds))
            ],
            "individual": [
                sum(r["individual"][i] for r in self.rows)
                for i in range(len(self.individual_kinds))
            ],
            "targets": sum(len(r["targets"]) for r in self.rows),
        }


def registration_summary(*, bloc_year: BlocYear) -> RegistrationSummary:
    """Columns are the council's titles that are active or that somebody registered for."""
    overview = registration_overview(bloc_year=bloc_year)
    used: set[int] = set()
    for row in overview:
        if row.registration is not None:
            used.update(k.pk for k in row.registration.collective_titles.all())
            used.update(c.title_id for c in row.registration.individual_counts.all())
    kinds = [
        k
        for k in TitleKind.objects.filter(
            council_id=bloc_year.bloc.council_id
        ).order_by("scope", "position", "name")
        if k.active or k.pk in used
    ]
    collective = [k for k in kinds if k.scope == TitleKind.Scope.COLLECTIVE]
    individual = [k for k in kinds if k.scope == TitleKind.Scope.INDIVIDUAL]
    rows = []
    for row in overview:
        reg = row.registration
        chosen = {k.pk for k in reg.collective_titles.all()} if reg else set()
        counts = (
            {c.title_id: c.count for c in reg.individual_counts.all()} if reg else {}
        )
        rows.append(
            {
                "unit": row.unit,
                "role": row.membership,
                "registration": reg,
                "collective": [k.pk in chosen for k in collective],
                "individual": [counts.get(k.pk, 0) for k in individual],
                "targets": list(reg.targets.all()) if reg else [],
            }
        )
    return RegistrationSummary(
        bloc_year=bloc_year,
        collective_kinds=collective,
        individual_kinds=individual,
        rows=rows,
    )
