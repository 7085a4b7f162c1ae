"""Fixtures of the blocs tests (the shared actors are in tests/conftest.py).

- `units`, `bloc`: six units of the council and a bloc whose rotation order is theirs;
- `year_y`: the bloc's year Y (units[0] chairs, units[1] vice-chairs, approved);
- `current`: another bloc's year of this calendar year (4 members, approved roles), with
  the secretaries of its chair, vice-chair and a plain member;
- `sized`: this year's bloc-year with 3, then 9 members (a query-count test's two sizes).
"""

from __future__ import annotations

import pytest

from blocs.models import Membership
from tests.factories import (
    NAMES,
    THIS_YEAR,
    Y,
    add_year,
    make_bloc,
    make_bloc_year,
    make_units,
    unit_of,
    unit_secretary,
)


@pytest.fixture
def units(council):
    return make_units(council, NAMES)


@pytest.fixture
def bloc(council, units):
    return make_bloc(
        council, units, name="Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"
    )


@pytest.fixture
def year_y(bloc, units):
    return add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[1]])


@pytest.fixture
def current(council):
    """This year's bloc-year: 4 members, the first chairs, the second vice-chairs
    (approved)."""
    return make_bloc_year(
        council=council, year=THIS_YEAR, n_members=4, name="Khối thi đua Nội chính"
    )


@pytest.fixture(params=[3, 9], ids=["3 members", "9 members"])
def sized(request, council):
    """This year's bloc-year at the two sizes of a query-count test."""
    return make_bloc_year(council=council, year=THIS_YEAR, n_members=request.param)


@pytest.fixture
def chair_user(current):
    """The secretary of this year's chair unit: its rights have started."""
    return unit_secretary(
        unit_of(current, Membership.Role.CHAIR), username="khoitruong"
    )


@pytest.fixture
def vice_user(current):
    """The secretary of this year's vice-chair unit (the chair's rights too)."""
    return unit_secretary(
        unit_of(current, Membership.Role.VICE_CHAIR), username="khoipho"
    )


@pytest.fixture
def member_user(current):
    """The secretary of a plain member unit of this year's bloc."""
    return unit_secretary(
        unit_of(current, Membership.Role.MEMBER), username="thanhvien"
    )
