"""Reads of the reference data: units, blocs, bloc-years, memberships and the rotation
order, shaped for their pages (each owns its select_related, prefetch_related and
annotate), and the council's rules for its blocs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from blocs import history
from blocs.models import (
    Bloc,
    BlocRules,
    BlocYear,
    ChairElection,
    Membership,
    RotationSlot,
)
from emulation.models import Council, Succession, Unit
from emulation.text import normalise_name


def _roles_prefetch() -> Prefetch:
    """The chair and vice-chair memberships of each bloc-year, with their units."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(
            role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR]
        )
        .select_related("unit")
        .order_by("role", "unit__sort_key"),
        to_attr="role_memberships",
    )


def bloc_years_for_council(*, council_id: int, year: int) -> QuerySet[BlocYear]:
    """The council's blocs in one year, with member count, chair and vice-chairs."""
    return (
        BlocYear.objects.filter(bloc__council_id=council_id, year=year)
        .select_related("bloc")
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related(_roles_prefetch())
        .order_by("bloc__kind", "bloc__sort_key")
    )


def unit_memberships(*, unit: Unit, year: int | None = None) -> QuerySet[Membership]:
    """A unit's memberships (one a year), newest first, with the bloc and member count."""
    qs = Membership.objects.filter(unit=unit)
    if year is not None:
        qs = qs.filter(year=year)
    return (
        qs.select_related("bloc_year__bloc")
        .annotate(member_count=Count("bloc_year__memberships", distinct=True))
        .order_by("-year")
    )


def council_unit_counts(*, council_id: int, year: int) -> dict:
    """Counts shown on the board's dashboard."""
    return Unit.objects.filter(council_id=council_id).aggregate(
        units=Count("id", filter=Q(status=Unit.Status.ACTIVE), distinct=True),
        members=Count("memberships", filter=Q(memberships__year=year)),
    )


# --- Lists ---------------------------------------------------------------------------


def blocs_without_year(*, council_id: int, year: int) -> QuerySet[Bloc]:
    """The council's blocs with no bloc-year in `year` yet (the board opens or creates
    one)."""
    return (
        Bloc.objects.filter(council_id=council_id)
        .exclude(years__year=year)
        .annotate(year_count=Count("years", distinct=True))
        .order_by("kind", "sort_key")
    )


def units_for_council(*, council_id: int, year: int) -> QuerySet[Unit]:
    """The council's units in Vietnamese order, each with its membership of `year` (if
    any)."""
    return (
        Unit.objects.filter(council_id=council_id)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(year=year).select_related(
                    "bloc_year__bloc"
                ),
                to_attr="year_memberships",
            )
        )
        .order_by("sort_key")
    )


# --- The bloc-year page --------------------------------------------------------------


@dataclass
class YearEntry:
    """One year of a bloc on its timeline: who chaired, who handed the flag over, when."""

    bloc_year: BlocYear
    chair: Unit | None
    vice_chairs: list[Unit]
    previous_chair: Unit | None = None


def bloc_year_members(*, bloc_year: BlocYear) -> QuerySet[Membership]:
    """The members of a bloc-year with their units, in Vietnamese order of their names."""
    return bloc_year.memberships.select_related("unit").order_by("unit__sort_key", "pk")


def bloc_years_of_bloc(*, bloc: Bloc) -> list[YearEntry]:
    """Every year of a bloc, oldest first, with chair, vice-chairs and the previous chair
    (who handed the flag over).

    Two queries whatever the number of years: the years, then their chair/vice-chair rows.
    """
    years = list(
        BlocYear.objects.filter(bloc=bloc)
        .prefetch_related(_roles_prefetch())
        .order_by("year")
    )
    entries: list[YearEntry] = []
    previous: Unit | None = None
    for by in years:
        by.bloc = bloc  # the caller's object: no extra query per year for its name
        chair = next(
            (m.unit for m in by.role_memberships if m.role == Membership.Role.CHAIR),
            None,
        )
        vices = [
            m.unit for m in by.role_memberships if m.role == Membership.Role.VICE_CHAIR
        ]
        entries.append(
            YearEntry(
                bloc_year=by, chair=chair, vice_chairs=vices, previous_chair=previous
            )
        )
        previous = chair
    return entries


def rotation_of_bloc(*, bloc: Bloc) -> QuerySet[RotationSlot]:
    """The bloc's rotation order (luân phiên) with the units."""
    return (
        RotationSlot.objects.filter(bloc=bloc)
        .select_related("unit")
        .order_by("position")
    )


def pending_elections(*, bloc: Bloc) -> QuerySet[ChairElection]:
    """Elections of the bloc waiting for the board's decision, with the elected units."""
    return (
        ChairElection.objects.filter(bloc=bloc, status=ChairElection.Status.PENDING)
        .select_related("chair")
        .prefetch_related(
            Prefetch("vice_chairs", queryset=Unit.objects.order_by("sort_key"))
        )
        .order_by("year")
    )


def addable_units(*, bloc_year: BlocYear) -> list[Unit]:
    """Units of the council that could join this bloc-year, each with `other_bloc` set when
    the unit already belongs to another bloc that year (shown, and refused on adding)."""
    units = list(
        Unit.objects.filter(council_id=bloc_year.bloc.council_id)
        .exclude(memberships__bloc_year=bloc_year)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(year=bloc_year.year).select_related(
                    "bloc_year__bloc"
                ),
                to_attr="year_memberships",
            )
        )
        .order_by("sort_key")
    )
    for unit in units:
        unit.other_bloc = (
            unit.year_memberships[0].bloc_year.bloc if unit.year_memberships else None
        )
    return units


# --- The unit page: lineage ----------------------------------------------------------


@dataclass
class LineageEntry:
    """A predecessor of a unit: reached through `succession` at `depth` generations back."""

    unit: Unit
    succession: Succession
    depth: int
    memberships: list[Membership] = field(default_factory=list)

    @property
    def chair_years(self) -> list[int]:
        return [m.year for m in self.memberships if m.role == Membership.Role.CHAIR]

    @property
    def vice_chair_years(self) -> list[int]:
        return [
            m.year for m in self.memberships if m.role == Membership.Role.VICE_CHAIR
        ]


def unit_lineage(unit: Unit) -> list[LineageEntry]:
    """Every predecessor of `unit`, transitively, nearest generation first, with its depth.

    The walk itself is `blocs.history.predecessor_links` (one query per generation, safe
    against loops in the data); this adds how many restructurings back each one lies.
    """
    depth: dict[int, int] = {unit.pk: 0}
    entries: list[LineageEntry] = []
    for link in history.predecessor_links(unit):
        predecessor = link.predecessor
        if predecessor.pk in depth:
            continue
        depth[predecessor.pk] = depth.get(link.successor_id, 0) + 1
        entries.append(
            LineageEntry(unit=predecessor, succession=link, depth=depth[predecessor.pk])
        )
    return entries


def lineage_with_history(unit: Unit) -> list[LineageEntry]:
    """`unit_lineage` plus each predecessor's memberships (bloc and role per year): one
    more query."""
    entries = unit_lineage(unit)
    if not entries:
        return entries
    by_unit: dict[int, list[Membership]] = defaultdict(list)
    rows = (
        Membership.objects.filter(unit_id__in=[e.unit.pk for e in entries])
        .select_related("bloc_year__bloc")
        .order_by("-year")
    )
    for membership in rows:
        by_unit[membership.unit_id].append(membership)
    for entry in entries:
        entry.memberships = by_unit[entry.unit.pk]
    return entries


def unit_successions_out(*, unit: Unit) -> QuerySet[Succession]:
    """The units this unit's history continues in (after a merge, rename or split)."""
    return unit.succession_out.select_related("successor").order_by(
        "effective_on", "successor__sort_key"
    )


def bloc_rules(council: Council) -> BlocRules:
    """The council's rules for its blocs: its saved row, or the defaults (never writes).

    The reverse one-to-one caches the row (or its absence) on the council instance.
    """
    try:
        return council.bloc_rules
    except BlocRules.DoesNotExist:
        return BlocRules(council=council)


def bloc_year_page(*, bloc_year: BlocYear) -> dict:
    """What the bloc-year page shows of the blocs app: members and roles, the years of
    the bloc, its rotation and pending elections (constant in queries)."""
    bloc = bloc_year.bloc
    years = bloc_years_of_bloc(bloc=bloc)
    current = next(entry for entry in years if entry.bloc_year.pk == bloc_year.pk)
    rotation = list(rotation_of_bloc(bloc=bloc))
    return {
        "bloc": bloc,
        "bloc_year": bloc_year,
        "council": bloc.council,
        "members": list(bloc_year_members(bloc_year=bloc_year)),
        "current": current,
        "years": years,
        "timeline": list(reversed(years)),
        "rotation": rotation,
        "next_in_rotation": next_in_rotation(rotation, current.chair),
        "elections": list(pending_elections(bloc=bloc)),
        "awaiting_approval": bloc_rules(bloc.council).chair_approval_required
        and bloc_year.roles_approved_on is None,
    }


def next_in_rotation(rotation: list, chair: Unit | None) -> Unit | None:
    """The unit after this year's chair in the rotation order (wrapping round)."""
    if chair is None or not rotation:
        return None
    positions = [slot.unit_id for slot in rotation]
    if chair.pk not in positions:
        return None
    following = rotation[(positions.index(chair.pk) + 1) % len(rotation)]
    return following.unit if following.unit_id != chair.pk else None


# --- Names: unique in a council whatever their case, spaces or dashes ------------------


def units_named(*, council_id: int, name: str) -> QuerySet[Unit]:
    """The council's units with this name after `normalise_name`, ignoring case (the
    database's `emulation_unit_unique_name_ci` compares lower-cased names)."""
    return Unit.objects.filter(council_id=council_id, name__iexact=normalise_name(name))


def blocs_named(*, council_id: int, name: str) -> QuerySet[Bloc]:
    """The council's blocs with this name (see `units_named`; `blocs_bloc_unique_name_ci`)."""
    return Bloc.objects.filter(council_id=council_id, name__iexact=normalise_name(name))


# --- One unit, one bloc a year ----------------------------------------------------------


def bloc_year_of(*, bloc: Bloc, year: int) -> BlocYear | None:
    """The bloc's year `year`, if it has been opened."""
    return BlocYear.objects.filter(bloc=bloc, year=year).first()


def membership_of_year(*, unit: Unit, year: int) -> Membership | None:
    """The unit's membership of `year` (at most one: a unit is in one bloc a year), with
    its bloc-year and bloc."""
    return (
        Membership.objects.filter(unit=unit, year=year)
        .select_related("bloc_year__bloc")
        .first()
    )


# --- Navigation between a bloc's years -------------------------------------------------


def bloc_year_index(*, bloc: Bloc) -> list[BlocYear]:
    """The bloc's years, newest first (only their pk and year)."""
    return list(BlocYear.objects.filter(bloc=bloc).order_by("-year").only("pk", "year"))


def bloc_year_url(bloc: Bloc, *years: int) -> str:
    """The page of the first of these years the bloc has, else the bloc's page."""
    found = {by.year: by for by in BlocYear.objects.filter(bloc=bloc, year__in=years)}
    for year in years:
        if year in found:
            return found[year].get_absolute_url()
    return bloc.get_absolute_url()


def rotation_page(*, bloc: Bloc) -> dict:
    """The rotation form's rows: (unit, position) for the units in the order, then the
    latest year's members that are not in it yet (position None)."""
    slots = [(slot.unit, slot.position) for slot in rotation_of_bloc(bloc=bloc)]
    in_rotation = {unit.pk for unit, _position in slots}
    latest = bloc.years.order_by("-year").first()
    if latest is not None:
        slots += [
            (m.unit, None)
            for m in bloc_year_members(bloc_year=latest)
            if m.unit_id not in in_rotation
        ]
    return {"slots": slots, "latest": latest}
