"""Shared actors, like healthchecks' Alice, Bob and Charlie:

- `board`: board staff of `council`;
- `chair_secretary`: secretary of the unit chairing `bloc_year` (rights approved);
- `vice_secretary`: secretary of its vice-chair unit;
- `secretary`: secretary of a plain member unit;
- `viewer`: read-only in `council`;
- `outsider`: board staff of another council — should have no access;
- `today`: "today" pinned to TODAY (call it with another day to move it).

The factories and builders they are made with are in tests/factories/.
"""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from blocs.models import Membership
from emulation.models import User
from tests.factories import (
    CouncilFactory,
    UserFactory,
    make_bloc_year,
    unit_of,
    unit_secretary,
)
from tests.utils import SIGNING_PASSWORD

# The `bloc_year` fixture's year is 2026 (tests.factories.make_bloc_year).
TODAY = datetime.date(2026, 11, 23)

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
    return unit_secretary(unit_of(bloc_year, Membership.Role.CHAIR), username="chair")


@pytest.fixture
def vice_secretary(bloc_year):
    return unit_secretary(
        unit_of(bloc_year, Membership.Role.VICE_CHAIR), username="vice"
    )


@pytest.fixture
def secretary(bloc_year):
    return unit_secretary(unit_of(bloc_year, Membership.Role.MEMBER), username="member")


@pytest.fixture
def viewer(council):
    return UserFactory(username="viewer", role=User.Role.VIEWER, council=council)


@pytest.fixture
def outsider(other_council):
    return UserFactory(username="outsider", role=User.Role.BOARD, council=other_council)


@pytest.fixture
def today(monkeypatch):
    """Pin "today" (a page's default year and its reminders depend on it)."""

    def set_today(day: datetime.date = TODAY) -> datetime.date:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    set_today()
    return set_today


@pytest.fixture(scope="session")
def signing_certificate(tmp_path_factory):
    """One self-signed PKCS#12 certificate for the session, made by the real command."""
    path = tmp_path_factory.mktemp("covenant-signing") / "test.p12"
    previous = os.environ.get("SIGNING_P12_PASSWORD")
    os.environ["SIGNING_P12_PASSWORD"] = SIGNING_PASSWORD
    try:
        call_command("ensure_signing_certificate", path=str(path), stdout=io.StringIO())
    finally:
        if previous is None:
            del os.environ["SIGNING_P12_PASSWORD"]
        else:
            os.environ["SIGNING_P12_PASSWORD"] = previous
    return path


@pytest.fixture
def signing(settings, signing_certificate):
    """The signed copy carries a PAdES signature."""
    settings.SIGNING_P12_PATH = str(signing_certificate)
    settings.SIGNING_P12_PASSWORD = SIGNING_PASSWORD
    return settings
