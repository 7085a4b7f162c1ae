"""Builders for the blocs workflow tests: a bloc with a rotation order and its years."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from blocs.models import Bloc, BlocYear, ChairElection, Membership, RotationSlot
from emulation.models import Council, Unit
from tests.factories import BlocFactory, BlocYearFactory, UnitFactory


def make_units(council: Council, names: Sequence[str]) -> list[Unit]:
    return [UnitFactory(council=council, name=name) for name in names]


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
    """A bloc-year with these members; roles approved on `approved_on` (default 20/12 of the year before)."""
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


def make_election(
    bloc: Bloc,
    year: int,
    chair: Unit,
    vice_chairs: Sequence[Unit] = (),
    *,
    status: str = ChairElection.Status.PENDING,
    decided_on: datetime.date | None = None,
    reference: str = "",
) -> ChairElection:
    election = ChairElection.objects.create(
        bloc=bloc,
        year=year,
        chair=chair,
        status=status,
        decided_on=decided_on,
        approval_reference=reference,
    )
    election.vice_chairs.set(vice_chairs)
    return election
