"""The blocs' factories and builders: blocs and their years with members, a rotation
order, elections and their decision, the council's rules for chairs, and what a
bloc-year holds.

The fixtures built on them are in tests/conftest.py (`council`, `bloc_year` and the
actors) and tests/blocs/conftest.py (`units`, `bloc`, `year_y`, `current`…).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import factory
from django.utils import timezone

from blocs import services
from blocs.models import (
    Bloc,
    BlocRules,
    BlocYear,
    ChairElection,
    Membership,
    RotationSlot,
    SelectionMethod,
)
from blocs.selectors import bloc_rules
from emulation.models import Council, Unit
from tests.factories.kernel import CouncilFactory, OfCouncilFactory, UnitFactory

__all__ = [
    "NAMES",
    "NEXT_YEAR",
    "THIS_YEAR",
    "Y",
    "BlocFactory",
    "BlocYearFactory",
    "MembershipFactory",
    "RotationSlotFactory",
    "add_year",
    "decide",
    "grown_bloc_year",
    "make_bloc",
    "make_bloc_year",
    "make_election",
    "member_units",
    "members",
    "merge",
    "names",
    "record",
    "roles",
    "rules_of",
    "set_rules",
    "unit_of",
]

# The units of the blocs tests' `bloc` fixture, in its rotation order.
NAMES = [
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Thanh tra tỉnh",
    "Tòa án nhân dân tỉnh",
    "Viện Kiểm sát nhân dân tỉnh",
    "Thi hành án dân sự tỉnh",
]
Y = 2025  # a past year: the chair's rights of its successor year have started
# The `current` fixture's year: the chair records next year's election.
THIS_YEAR = timezone.localdate().year
NEXT_YEAR = THIS_YEAR + 1


class BlocFactory(OfCouncilFactory):
    class Meta:
        model = Bloc

    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    kind = Bloc.Kind.KHOI


class BlocYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlocYear

    bloc = factory.SubFactory(BlocFactory)
    year = 2026


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    bloc_year = factory.SubFactory(BlocYearFactory)
    unit = factory.SubFactory(
        UnitFactory, council=factory.SelfAttribute("..bloc_year.bloc.council")
    )
    role = Membership.Role.MEMBER


class RotationSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RotationSlot

    bloc = factory.SubFactory(BlocFactory)
    unit = factory.SubFactory(
        UnitFactory, council=factory.SelfAttribute("..bloc.council")
    )
    position = factory.Sequence(lambda n: n + 1)


# --- Blocs and their years --------------------------------------------------------


def make_bloc_year(
    *,
    council: Council | None = None,
    n_members: int = 4,
    year: int = 2026,
    approved: bool = True,
    **bloc_kwargs,
) -> BlocYear:
    """A bloc-year with n members; the first chairs and the second vice-chairs."""
    council = council or CouncilFactory()
    bloc = BlocFactory(council=council, **bloc_kwargs)
    by = BlocYearFactory(
        bloc=bloc,
        year=year,
        roles_approved_on=datetime.date(year - 1, 12, 20) if approved else None,
    )
    for i in range(n_members):
        role = (
            Membership.Role.CHAIR
            if i == 0
            else Membership.Role.VICE_CHAIR
            if i == 1
            else Membership.Role.MEMBER
        )
        MembershipFactory(bloc_year=by, unit=UnitFactory(council=council), role=role)
    return by


def grown_bloc_year(council: Council, size: int) -> BlocYear:
    """A bloc-year with `size` members, an earlier year chaired by each of them, their
    rotation slots and a pending election of 2027 with `size - 1` vice-chairs: every
    list the bloc-year page shows grows with `size`."""
    by = make_bloc_year(council=council, n_members=size)
    units = members(by)
    for i in range(size):
        RotationSlotFactory(bloc=by.bloc, unit=units[i], position=i + 1)
        earlier = BlocYearFactory(bloc=by.bloc, year=2010 + i)
        MembershipFactory(bloc_year=earlier, unit=units[i], role=Membership.Role.CHAIR)
    make_election(by.bloc, 2027, units[0], units[1:])
    return by


def make_bloc(
    council: Council, units: Sequence[Unit], *, rotation: bool = True, **kwargs
) -> Bloc:
    """A bloc whose rotation order is `units` in the given order."""
    bloc = BlocFactory(council=council, **kwargs)
    if rotation:
        for position, unit in enumerate(units, start=1):
            RotationSlot.objects.create(bloc=bloc, unit=unit, position=position)
    return bloc


def add_year(
    bloc: Bloc,
    year: int,
    units: Sequence[Unit],
    *,
    chair: Unit | None = None,
    vice_chairs: Sequence[Unit] = (),
    approved_on: datetime.date | None = None,
) -> BlocYear:
    """A bloc-year with these members; roles approved on `approved_on` (default 20/12 of
    the year before)."""
    by = BlocYearFactory(
        bloc=bloc,
        year=year,
        roles_approved_on=approved_on
        or (datetime.date(year - 1, 12, 20) if chair else None),
    )
    vice_ids = {v.pk for v in vice_chairs}
    for unit in units:
        role = (
            Membership.Role.CHAIR
            if chair is not None and unit.pk == chair.pk
            else Membership.Role.VICE_CHAIR
            if unit.pk in vice_ids
            else Membership.Role.MEMBER
        )
        Membership.objects.create(bloc_year=by, unit=unit, role=role)
    return by


def merge(
    predecessors: Sequence[Unit], successor_name: str, on: datetime.date, **kwargs
) -> Unit:
    """The units merged into `successor_name` from `on`, through the service."""
    return services.units_merge(
        council=predecessors[0].council,
        predecessors=predecessors,
        successor_name=successor_name,
        effective_on=on,
        **kwargs,
    )


# --- What a bloc-year holds -------------------------------------------------------


def members(bloc_year: BlocYear) -> list[Unit]:
    """The member units in creation order (the first chairs, the second vice-chairs)."""
    return [
        m.unit
        for m in Membership.objects.filter(bloc_year=bloc_year)
        .select_related("unit")
        .order_by("id")
    ]


def member_units(bloc_year: BlocYear) -> list[Unit]:
    """The member units in their Vietnamese order (as documents list them)."""
    return [
        m.unit
        for m in bloc_year.memberships.select_related("unit").order_by("unit__sort_key")
    ]


def unit_of(bloc_year: BlocYear, role: str) -> Unit:
    """The first unit (in creation order) with this role in the bloc-year."""
    return (
        bloc_year.memberships.filter(role=role)
        .select_related("unit")
        .order_by("id")
        .first()
        .unit
    )


def names(units: Sequence[Unit]) -> list[str]:
    return [u.name for u in units]


def roles(bloc_year: BlocYear) -> dict[str, str]:
    return {m.unit.name: m.role for m in bloc_year.memberships.select_related("unit")}


# --- Elections --------------------------------------------------------------------


def make_election(
    bloc: Bloc,
    year: int,
    chair: Unit,
    vice_chairs: Sequence[Unit] = (),
    *,
    status: str = ChairElection.Status.PENDING,
    decided_on: datetime.date | None = None,
    reference: str = "",
    **fields,
) -> ChairElection:
    """An election written directly (pending unless `status`), with these vice-chairs."""
    election = ChairElection.objects.create(
        bloc=bloc,
        year=year,
        chair=chair,
        status=status,
        decided_on=decided_on,
        approval_reference=reference,
        **fields,
    )
    election.vice_chairs.set(vice_chairs)
    return election


def record(bloc: Bloc, units: Sequence[Unit], board, **kwargs) -> ChairElection:
    """Record the election of year Y + 1 (units[1] chair, units[2] vice-chair)."""
    args = {
        "bloc": bloc,
        "year": Y + 1,
        "chair": units[1],
        "vice_chairs": [units[2]],
        "method": SelectionMethod.ELECTION,
        "meeting_on": datetime.date(Y, 12, 19),
        "vote_summary": "6/6 đơn vị nhất trí",
        "recorded_by": board,
    }
    args.update(kwargs)
    return services.election_record(**args)


def decide(
    election: ChairElection,
    board,
    *,
    approve: bool = True,
    on: datetime.date | None = datetime.date(Y, 12, 28),
    **kwargs,
) -> ChairElection:
    """The board's decision on the election (approved on 28/12 of year Y by default)."""
    return services.election_decide(
        election=election, approve=approve, decided_by=board, decided_on=on, **kwargs
    )


# --- The council's rules for chairs -----------------------------------------------


def set_rules(council, **fields) -> BlocRules:
    """Set the council's rules for its blocs (blocs.BlocRules) as the settings page does."""
    rules, _ = BlocRules.objects.get_or_create(council=council)
    for name, value in fields.items():
        setattr(rules, name, value)
    rules.save()
    if hasattr(council, "_state"):
        council.bloc_rules = rules
    return rules


def rules_of(council) -> BlocRules:
    """The council's rules for its blocs as stored now (defaults when never set)."""
    return bloc_rules(Council.objects.get(pk=council.pk))
