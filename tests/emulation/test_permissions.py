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


def test_get_bloc_year_or_deny(
    bloc_year, board, viewer, secretary, chair_secretary, outsider
):
    for user in (board, viewer, secretary):
        assert p.get_bloc_year_or_deny(user, bloc_year.pk) == bloc_year
    with pytest.raises(PermissionDenied):
        p.get_bloc_year_or_deny(outsider, bloc_year.pk)
    with pytest.raises(Http404):
        p.get_bloc_year_or_deny(board, 0)
    # run=: the chair's tools
    assert p.get_bloc_year_or_deny(chair_secretary, bloc_year.pk, run=True) == bloc_year
    assert p.get_bloc_year_or_deny(board, bloc_year.pk, run=True) == bloc_year
    for user in (secretary, viewer, outsider):
        with pytest.raises(PermissionDenied):
            p.get_bloc_year_or_deny(user, bloc_year.pk, run=True)
    # manage=: the board's tools
    assert p.get_bloc_year_or_deny(board, bloc_year.pk, manage=True) == bloc_year
    for user in (chair_secretary, viewer, outsider):
        with pytest.raises(PermissionDenied):
            p.get_bloc_year_or_deny(user, bloc_year.pk, manage=True)


def test_get_unit_or_deny(
    bloc_year, board, viewer, secretary, chair_secretary, outsider
):
    unit = secretary.unit
    for user in (board, viewer, chair_secretary, secretary):
        assert p.get_unit_or_deny(user, unit.pk) == unit
    with pytest.raises(PermissionDenied):
        p.get_unit_or_deny(outsider, unit.pk)
    with pytest.raises(Http404):
        p.get_unit_or_deny(board, 0)
    assert p.get_unit_or_deny(secretary, unit.pk, act=True) == unit
    for user in (chair_secretary, board, viewer):
        with pytest.raises(PermissionDenied):
            p.get_unit_or_deny(user, unit.pk, act=True)
    assert p.get_unit_or_deny(board, unit.pk, manage=True) == unit
    for user in (secretary, viewer, outsider):
        with pytest.raises(PermissionDenied):
            p.get_unit_or_deny(user, unit.pk, manage=True)


def test_get_council_or_deny(
    council, other_council, board, viewer, outsider, superuser
):
    assert p.get_council_or_deny(viewer, council.pk) == council
    assert p.get_council_or_deny(board, council.pk, manage=True) == council
    assert (
        p.get_council_or_deny(superuser, other_council.pk, manage=True) == other_council
    )
    with pytest.raises(PermissionDenied):
        p.get_council_or_deny(viewer, council.pk, manage=True)
    with pytest.raises(PermissionDenied):
        p.get_council_or_deny(outsider, council.pk)
    with pytest.raises(Http404):
        p.get_council_or_deny(board, 0)


def test_a_unit_of_another_council_is_refused_even_to_its_namesake(
    council, other_council, board
):
    foreign = UnitFactory(council=other_council, name="Công an tỉnh")
    UnitFactory(council=council, name="Công an tỉnh")
    with pytest.raises(PermissionDenied):
        p.get_unit_or_deny(board, foreign.pk)
