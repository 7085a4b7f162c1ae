"""The bloc-year page (dashboard.views.blocyear_detail) and the council settings page:
exact query counts, the same at two data sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from blocs.models import ChairElection, Membership
from emulation.models import User
from tests.factories import (
    BlocYearFactory,
    MembershipFactory,
    RotationSlotFactory,
    UserFactory,
    make_bloc_year,
)


def _grown_bloc_year(council, size: int):
    """A bloc-year with `size` members, earlier years, rotation slots and a pending
    election with `size - 1` vice-chairs."""
    by = make_bloc_year(council=council, n_members=size)
    units = [m.unit for m in by.memberships.select_related("unit").order_by("id")]
    for i in range(size):
        RotationSlotFactory(bloc=by.bloc, unit=units[i], position=i + 1)
        earlier = BlocYearFactory(bloc=by.bloc, year=2010 + i)
        MembershipFactory(bloc_year=earlier, unit=units[i], role=Membership.Role.CHAIR)
    election = ChairElection.objects.create(bloc=by.bloc, year=2027, chair=units[0])
    election.vice_chairs.set(units[1:])
    return by


BLOCYEAR_PAGE_QUERIES = 15


@pytest.mark.parametrize("size", [3, 12])
def test_blocyear_page_query_count_for_the_board(
    client, board, council, today, django_assert_num_queries, size
):
    by = _grown_bloc_year(council, size)
    client.force_login(board)
    # session, user, bloc-year with bloc and council, the bloc's years, their chairs and
    # vice-chairs, rotation, members, pending elections, their vice-chairs, the council's
    # bloc rules, council (header); the steps tag (campaigns): member and registration
    # counts, covenant, meetings, campaigns
    with django_assert_num_queries(BLOCYEAR_PAGE_QUERIES):
        response = client.get(by.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 12])
def test_blocyear_page_query_count_for_the_chair(
    client, council, today, django_assert_num_queries, size
):
    by = _grown_bloc_year(council, size)
    chair_unit = by.memberships.get(role=Membership.Role.CHAIR).unit
    chair = UserFactory(role=User.Role.SECRETARY, council=council, unit=chair_unit)
    client.force_login(chair)
    # as for the board, plus the user's chair rights and their unit (header)
    with django_assert_num_queries(BLOCYEAR_PAGE_QUERIES + 2):
        response = client.get(by.get_absolute_url())
    assert response.status_code == 200
    assert response.context["is_chair"]


@pytest.mark.parametrize("n_blocs", [1, 8])
def test_council_settings_query_count(
    client, board, council, django_assert_num_queries, n_blocs
):
    for _ in range(n_blocs):
        make_bloc_year(council=council, n_members=2)
    client.force_login(board)
    # session, user, council (fetched with the permission check), its bloc rules, council
    # (header, through the user)
    with django_assert_num_queries(5):
        response = client.get(reverse("council-settings"))
    assert response.status_code == 200
