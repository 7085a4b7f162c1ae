"""Builders and small helpers of the blocs tests: a bloc with a rotation order and its
years, an election, the secretaries of its units, and what a response says.

The fixtures built on them (`units`, `bloc`, `year_y`, `current`, `chair_user`…) are in
tests/blocs/conftest.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from blocs import services
from blocs.models import (
    Bloc,
    BlocYear,
    ChairElection,
    Membership,
    RotationSlot,
    SelectionMethod,
)
from emulation.models import Council, Unit, User
from tests.factories import BlocFactory, BlocYearFactory, UnitFactory, UserFactory

# The units of the `bloc` fixture, in its rotation order.
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


def names(units: Sequence[Unit]) -> list[str]:
    return [u.name for u in units]


def roles(bloc_year: BlocYear) -> dict[str, str]:
    return {m.unit.name: m.role for m in bloc_year.memberships.select_related("unit")}


def unit_of(bloc_year: BlocYear, role: str) -> Unit:
    """The first unit (in creation order) with this role in the bloc-year."""
    return (
        bloc_year.memberships.filter(role=role)
        .select_related("unit")
        .order_by("id")
        .first()
        .unit
    )


def secretary_for(unit: Unit, username: str) -> User:
    return UserFactory(
        username=username, role=User.Role.SECRETARY, council=unit.council, unit=unit
    )


# --- What a response says -------------------------------------------------------------


def text(response) -> str:
    return response.content.decode()


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_login_redirect(client, url, method="get"):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
