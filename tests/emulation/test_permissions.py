"""emulation.permissions: each predicate and fetcher, allowed and refused."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from blocs import permissions as p
from blocs.models import Membership
from emulation.models import User
from tests.factories import UnitFactory, UserFactory, make_bloc_year, set_rules


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True, council=None)


# --- in_council / is_board_of -----------------------------------------------------------


def test_in_council(council, board, viewer, secretary, outsider, superuser):
    for user in (board, viewer, secretary, superuser):
        assert p.in_council(user, council.pk), user
    assert not p.in_council(outsider, council.pk)
    assert not p.in_council(board, None)
    assert not p.in_council(AnonymousUser(), council.pk)


def test_an_inactive_user_has_no_rights(council, board):
    board.is_active = False
    assert not p.in_council(board, council.pk)
    assert not p.is_board_of(board, council.pk)


def test_is_board_of(
    council, other_council, board, viewer, secretary, outsider, superuser
):
    assert p.is_board_of(board, council.pk)
    assert p.is_board_of(superuser, council.pk)
    assert p.is_board_of(outsider, other_council.pk)
    assert not p.is_board_of(outsider, council.pk)
    assert not p.is_board_of(viewer, council.pk)
    assert not p.is_board_of(secretary, council.pk)
    assert not p.is_board_of(AnonymousUser(), council.pk)
    assert p.can_manage_council(board, council)
    assert not p.can_manage_council(board, other_council)


# --- acts_for_unit --------------------------------------------------------------------------


def test_acts_for_unit_only_for_the_own_unit(
    bloc_year, secretary, chair_secretary, board
):
    assert p.acts_for_unit(secretary, secretary.unit)
    assert not p.acts_for_unit(secretary, chair_secretary.unit)
    assert not p.acts_for_unit(secretary, None)
    # Board staff manage units but do not act *for* one.
    assert not p.acts_for_unit(board, secretary.unit)


# --- chair rights -----------------------------------------------------------------------------


def test_chair_and_vice_chair_run_their_bloc_year(
    bloc_year, chair_secretary, vice_secretary, secretary, board
):
    assert p.is_chair_of(chair_secretary, bloc_year)
    assert p.is_chair_of(vice_secretary, bloc_year)
    assert not p.is_chair_of(secretary, bloc_year)
    assert not p.is_chair_of(board, bloc_year)
    assert p.can_run_bloc_year(chair_secretary, bloc_year)
    assert p.can_run_bloc_year(board, bloc_year)
    assert not p.can_run_bloc_year(secretary, bloc_year)


def test_chair_rights_wait_for_the_board_approval(council):
    by = make_bloc_year(council=council, approved=False)
    chair_unit = by.memberships.get(role=Membership.Role.CHAIR).unit
    user = UserFactory(role=User.Role.SECRETARY, council=council, unit=chair_unit)
    assert not p.is_chair_of(user, by)

    set_rules(council, chair_approval_required=False)
    user = User.objects.get(pk=user.pk)  # the rights are cached on the user object
    assert p.is_chair_of(user, by)


def test_chair_rights_start_on_1_january(council, today):
    by = make_bloc_year(council=council, year=today().year + 1)
    chair_unit = by.memberships.get(role=Membership.Role.CHAIR).unit
    user = UserFactory(role=User.Role.SECRETARY, council=council, unit=chair_unit)
    assert not p.is_chair_of(user, by)
    today(datetime.date(today().year + 1, 1, 1))
    assert p.is_chair_of(User.objects.get(pk=user.pk), by)


def test_last_years_chair_keeps_no_rights_over_this_year(council, bloc_year):
    last_year = make_bloc_year(council=council, year=bloc_year.year - 1)
    old_chair = last_year.memberships.get(role=Membership.Role.CHAIR).unit
    user = UserFactory(role=User.Role.SECRETARY, council=council, unit=old_chair)
    assert p.is_chair_of(user, last_year)
    assert not p.is_chair_of(user, bloc_year)


# --- fetchers: 404 for missing, 403 for refused ----------------------------------------------


def test_get_or_404(bloc_year):
    from blocs.models import BlocYear

    assert p.get_or_404(BlocYear.objects.all(), pk=bloc_year.pk) == bloc_year
    with pytest.raises(Http404):
        p.get_or_404(BlocYear.objects.all(), pk=0)


def test_deny_unless():
    p.deny_unless(True)
    with pytest.raises(PermissionDenied):
        p.deny_unless(False)


# Each fetcher with its flags: who gets the object and who is refused (403); a missing
# pk is 404 for each who may. "unit" is the plain member secretary's unit.
FETCHES = [
    ("get_bloc_year_or_deny", "bloc_year", {}, "board viewer secretary", "outsider"),
    # run=: the chair's tools
    (
        "get_bloc_year_or_deny",
        "bloc_year",
        {"run": True},
        "chair_secretary board",
        "secretary viewer outsider",
    ),
    # manage=: the board's tools
    (
        "get_bloc_year_or_deny",
        "bloc_year",
        {"manage": True},
        "board",
        "chair_secretary viewer outsider",
    ),
    (
        "get_unit_or_deny",
        "unit",
        {},
        "board viewer chair_secretary secretary",
        "outsider",
    ),
    # act=: the unit's own secretary acts for it
    (
        "get_unit_or_deny",
        "unit",
        {"act": True},
        "secretary",
        "chair_secretary board viewer",
    ),
    (
        "get_unit_or_deny",
        "unit",
        {"manage": True},
        "board",
        "secretary viewer outsider",
    ),
    ("get_council_or_deny", "council", {}, "viewer", "outsider"),
    ("get_council_or_deny", "council", {"manage": True}, "board", "viewer"),
    ("get_council_or_deny", "other_council", {"manage": True}, "superuser", ""),
]


@pytest.mark.parametrize(("fetcher", "target", "flags", "allowed", "denied"), FETCHES)
def test_get_or_deny(request, fetcher, target, flags, allowed, denied):
    fetch = getattr(p, fetcher)
    if target == "unit":
        obj = request.getfixturevalue("secretary").unit
    else:
        obj = request.getfixturevalue(target)
    for user in map(request.getfixturevalue, allowed.split()):
        assert fetch(user, obj.pk, **flags) == obj
        with pytest.raises(Http404):
            fetch(user, 0, **flags)
    for user in map(request.getfixturevalue, denied.split()):
        with pytest.raises(PermissionDenied):
            fetch(user, obj.pk, **flags)


def test_a_unit_of_another_council_is_refused_even_to_its_namesake(
    council, other_council, board
):
    foreign = UnitFactory(council=other_council, name="Công an tỉnh")
    UnitFactory(council=council, name="Công an tỉnh")
    with pytest.raises(PermissionDenied):
        p.get_unit_or_deny(board, foreign.pk)
