"""Shared actors, like healthchecks' Alice, Bob and Charlie:

- `board`: board staff of `council`;
- `chair_secretary`: secretary of the unit chairing `bloc_year` (rights approved);
- `vice_secretary`: secretary of its vice-chair unit;
- `secretary`: secretary of a plain member unit;
- `viewer`: read-only in `council`;
- `outsider`: board staff of another council — should have no access.
"""

from __future__ import annotations

import os

import pytest

from blocs.models import Membership
from emulation.models import User
from tests.factories import CouncilFactory, UserFactory, make_bloc_year

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # For speed: the real hashers are slow by design.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    # A request made in English (language cookie) leaves English active in the thread;
    # every test starts in the default language, as a new request would.
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture
def council(db):
    return CouncilFactory(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An", place_name="Nghệ An"
    )


@pytest.fixture
def other_council(db):
    return CouncilFactory(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Hà Tĩnh", place_name="Hà Tĩnh"
    )


@pytest.fixture
def bloc_year(council):
    return make_bloc_year(council=council, n_members=4, name="Khối thi đua Nội chính")


def _member(bloc_year, role):
    return (
        bloc_year.memberships.filter(role=role)
        .select_related("unit")
        .order_by("id")
        .first()
        .unit
    )


@pytest.fixture
def board(council):
    return UserFactory(
        username="board",
        full_name="Hoàng Thị Hà",
        role=User.Role.BOARD,
        council=council,
    )


@pytest.fixture
def chair_secretary(bloc_year):
    unit = _member(bloc_year, Membership.Role.CHAIR)
    return UserFactory(
        username="chair", role=User.Role.SECRETARY, council=unit.council, unit=unit
    )


@pytest.fixture
def vice_secretary(bloc_year):
    unit = _member(bloc_year, Membership.Role.VICE_CHAIR)
    return UserFactory(
        username="vice", role=User.Role.SECRETARY, council=unit.council, unit=unit
    )


@pytest.fixture
def secretary(bloc_year):
    unit = _member(bloc_year, Membership.Role.MEMBER)
    return UserFactory(
        username="member", role=User.Role.SECRETARY, council=unit.council, unit=unit
    )


@pytest.fixture
def viewer(council):
    return UserFactory(username="viewer", role=User.Role.VIEWER, council=council)


@pytest.fixture
def outsider(other_council):
    return UserFactory(username="outsider", role=User.Role.BOARD, council=other_council)
