"""The bloc-year page (dashboard.views.blocyear_detail) and the council settings page:
exact query counts, the same at two data sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from blocs.models import Membership
from tests.factories import grown_bloc_year, make_bloc_year, unit_of, unit_secretary


@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize(
    ("actor", "grown", "queries"),
    [
        ("board", True, 15),
        ("board", False, 14),
        ("chair", True, 17),
        ("chair", False, 16),
    ],
)
def test_blocyear_page_query_count_is_constant(
    client,
    board,
    council,
    today,
    django_assert_num_queries,
    actor,
    grown,
    queries,
    size,
):
    # Grown: `size` members, each the chair of an earlier year, in the rotation order and
    # the vice-chairs of a pending election; else `size` members only.
    if grown:
        by = grown_bloc_year(council, size)
    else:
        by = make_bloc_year(council=council, n_members=size)
    chair = unit_of(by, Membership.Role.CHAIR)
    client.force_login(unit_secretary(chair) if actor == "chair" else board)
    # session, user, bloc-year with bloc and council, the bloc's years, their chairs and
    # vice-chairs, rotation with units, members with units, pending elections with
    # chairs, the council's bloc rules, council (header): 10; the pending elections'
    # vice-chairs, when there is one: 1; the steps tag (campaigns): member and
    # registration counts, covenant, meetings, campaigns: 4. A chair adds their chair
    # rights (one query, cached on the user) and their unit (header): 2.
    with django_assert_num_queries(queries):
        response = client.get(by.get_absolute_url())
    assert response.status_code == 200
    assert response.context["is_chair"] == (actor == "chair")


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
