"""Reads of title kinds and registrations (đăng ký thi đua): the round, who registered,
one registration and the summary table (docs/domain.md §5.3)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from blocs.models import BlocYear, Membership
from campaigns.models import (
    IndividualTitleCount,
    Registration,
    RegistrationRound,
    Target,
    TitleKind,
)
from campaigns.selectors.common import members_of
from emulation.models import Unit


def title_kinds_for_council(
    *, council_id: int | None, active_only: bool = True
) -> list[TitleKind]:
    qs = TitleKind.objects.filter(council_id=council_id)
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("scope", "position", "name"))


def registration_round(*, bloc_year: BlocYear) -> RegistrationRound:
    """The bloc-year's round; an unsaved one (no deadline, not locked: open) until the
    chair sets a deadline or locks."""
    round_ = RegistrationRound.objects.filter(bloc_year=bloc_year).first()
    return round_ or RegistrationRound(bloc_year=bloc_year)


def registration_of_unit(*, bloc_year: BlocYear, unit: Unit) -> Registration | None:
    return bloc_year.registrations.filter(unit=unit).first()


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
