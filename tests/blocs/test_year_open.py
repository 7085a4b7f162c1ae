"""Opening a new year (docs/domain.md §5.1, §4.3): the preview, the commit and the page."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blocs import selectors, services
from blocs.models import (
    BlocYear,
    ChairElection,
    Membership,
    SelectionMethod,
)
from emulation.models import Unit
from tests.factories import (
    NAMES,
    NEXT_YEAR,
    THIS_YEAR,
    UnitFactory,
    Y,
    add_year,
    decide,
    make_bloc,
    make_election,
    merge,
    names,
    record,
    roles,
    succeed,
    unit_of,
)
from tests.utils import assert_guarded, flashed, text

# --- Opening a year (services) ----------------------------------------------------


def test_year_open_copies_the_members(bloc, units, board, year_y):
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert new.year == Y + 1
    assert sorted(names(u.unit for u in new.memberships.all())) == sorted(NAMES)
    assert set(roles(new).values()) == {
        Membership.Role.MEMBER
    }  # no approved election yet
    assert new.roles_approved_on is None
    assert set(year_y.memberships.values_list("year", flat=True)) == {Y}


def test_year_open_applies_the_approved_election(bloc, units, board, year_y):
    election = record(bloc, units, board, method=SelectionMethod.ELECTION)
    decide(election, board, reference="CV 12")
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    r = roles(new)
    assert r[units[1].name] == Membership.Role.CHAIR
    assert r[units[2].name] == Membership.Role.VICE_CHAIR
    assert r[units[0].name] == Membership.Role.MEMBER
    assert new.roles_approved_on == datetime.date(Y, 12, 28)
    assert new.roles_approval_reference == "CV 12"
    assert new.selection_method == SelectionMethod.ELECTION


def test_year_open_ignores_a_pending_election(bloc, units, board, year_y):
    record(bloc, units, board)
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert set(roles(new).values()) == {Membership.Role.MEMBER}


def test_year_open_drops_dissolved_and_inactive_units_and_replaces_merged_ones(
    council, bloc, units, board, year_y
):
    units[5].status = Unit.Status.DISSOLVED
    units[5].save()
    units[4].active_to = datetime.date(
        Y, 6, 30
    )  # still "active" but its activity ended
    units[4].save()
    merged = merge(
        [units[2], units[3]], "Thanh tra và Tòa án tỉnh", datetime.date(Y, 12, 1)
    )
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    outcome = {r.unit.name: r.outcome for r in plan.rows}
    assert outcome == {
        units[0].name: "kept",
        units[1].name: "kept",
        units[2].name: "replaced",
        units[3].name: "replaced",
        units[4].name: "dropped",
        units[5].name: "dropped",
    }
    assert plan.units_to_add == sorted(
        [units[0], units[1], merged], key=lambda u: u.sort_key
    )
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert sorted(names(m.unit for m in new.memberships.all())) == sorted(
        [units[0].name, units[1].name, merged.name]
    )
    # Nothing of the past is rewritten: the old year still lists the merged units.
    assert {units[2].name, units[3].name} <= set(roles(year_y))


def test_year_open_leaves_out_a_unit_already_in_another_bloc(
    council, bloc, units, board, year_y
):
    other = make_bloc(council, [units[3]], name="Khối thi đua các cơ quan tư pháp")
    add_year(other, Y + 1, [units[3]])
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    conflict = [r for r in plan.rows if r.outcome == "conflict"]
    assert [r.unit for r in conflict] == [units[3]]
    assert conflict[0].other_bloc == other
    assert "Khối thi đua các cơ quan tư pháp" in conflict[0].note
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert units[3].name not in roles(new)
    assert new.memberships.count() == 5


def test_year_open_twice_changes_nothing(bloc, units, board, year_y):
    election = record(bloc, units, board)
    decide(election, board)
    first = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    snapshot = list(
        first.memberships.order_by("pk").values("pk", "unit_id", "role", "updated_at")
    )
    year_snapshot = BlocYear.objects.filter(pk=first.pk).values().get()
    assert selectors.year_open_preview(bloc=bloc, from_year=Y).changes_nothing
    second = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert second.pk == first.pk
    assert (
        list(
            second.memberships.order_by("pk").values(
                "pk", "unit_id", "role", "updated_at"
            )
        )
        == snapshot
    )
    assert BlocYear.objects.filter(pk=first.pk).values().get() == year_snapshot
    assert BlocYear.objects.filter(bloc=bloc, year=Y + 1).count() == 1


def test_year_open_keeps_what_the_board_already_set_in_the_new_year(
    council, bloc, units, board, year_y
):
    newcomer = UnitFactory(council=council, name="Sở Tư pháp")
    existing = add_year(bloc, Y + 1, [units[0], newcomer], chair=newcomer)
    make_election(
        bloc,
        Y + 1,
        units[1],
        [units[2]],
        status=ChairElection.Status.APPROVED,
        decided_on=datetime.date(Y, 12, 28),
    )
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    assert plan.extra_members == [newcomer]
    assert not plan.roles_apply
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert new.pk == existing.pk
    assert new.memberships.count() == 7
    assert roles(new)["Sở Tư pháp"] == Membership.Role.CHAIR  # not overwritten


def test_year_open_preview_writes_nothing(bloc, units, year_y):
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    assert plan.target is None
    assert len(plan.kept) == 6
    assert "Chưa có kết quả chọn khối trưởng" in plan.role_notes[0]
    assert not BlocYear.objects.filter(bloc=bloc, year=Y + 1).exists()


def test_year_open_preview_shows_the_elected_roles(council, bloc, units, board, year_y):
    election = record(bloc, units, board)
    decide(election, board)
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    assert plan.chair == units[1]
    assert plan.vice_chairs == [units[2]]
    assert plan.roles_apply


def test_year_open_needs_the_source_year(bloc, board):
    with pytest.raises(ValidationError) as exc:
        services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert f"chưa có năm thi đua {Y}" in exc.value.messages[0]


def test_year_open_after_a_merge_shows_the_successor(
    council, bloc, units, board, year_y
):
    merged = merge(
        [units[0], units[1]],
        "Bộ Chỉ huy Quân sự và Công an tỉnh",
        datetime.date(Y + 1, 1, 1),
    )
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert merged.name in roles(new)
    assert units[0].name not in roles(new)
    assert units[0].name in roles(year_y)


# --- The page ---------------------------------------------------------------------


def year_open_url(bloc, **query):
    url = reverse("blocs:year-open", args=[bloc.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_year_open_shows_the_preview_and_writes_nothing(
    client, board, council, current
):
    merged_from = unit_of(current, Membership.Role.MEMBER)
    Unit.objects.filter(pk=merged_from.pk).update(status=Unit.Status.MERGED)
    successor = UnitFactory(council=council, name="Sở Nội vụ")
    succeed(merged_from, successor, on=datetime.date(THIS_YEAR, 7, 1))
    client.force_login(board)
    response = client.get(year_open_url(current.bloc))
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.from_year == THIS_YEAR
    assert [r.target for r in plan.replaced] == [successor]
    body = text(response)
    assert "Sở Nội vụ" in body and "Thay bằng đơn vị kế thừa" in body
    assert 'id="year-open-confirm"' in body
    assert not BlocYear.objects.filter(year=NEXT_YEAR).exists()


def test_year_open_commits_on_post_and_twice_changes_nothing(client, board, current):
    client.force_login(board)
    response = client.post(year_open_url(current.bloc), {"from_year": THIS_YEAR})
    new = BlocYear.objects.get(bloc=current.bloc, year=NEXT_YEAR)
    assert response.status_code == 302
    assert response.url == reverse("blocyear-detail", args=[new.pk])
    assert "với 4 đơn vị thành viên" in flashed(response)[0]
    assert new.memberships.count() == 4
    response = client.post(year_open_url(current.bloc), {"from_year": THIS_YEAR})
    assert response.status_code == 302
    assert "không có thay đổi" in flashed(response)[-1]
    assert BlocYear.objects.filter(bloc=current.bloc, year=NEXT_YEAR).count() == 1
    assert new.memberships.count() == 4


def test_year_open_for_a_chosen_year(client, board, current):
    client.force_login(board)
    assert (
        client.get(year_open_url(current.bloc, nam=1999)).context["from_year"]
        == THIS_YEAR
    )  # ignored
    response = client.get(year_open_url(current.bloc, nam=THIS_YEAR - 3))
    assert response.status_code == 200
    assert f"chưa có năm thi đua {THIS_YEAR - 3}" in text(response)
    assert 'id="year-open-confirm"' not in text(response)


def test_year_open_of_a_bloc_without_years(client, board, council):
    bloc = make_bloc(council, [])
    client.force_login(board)
    response = client.get(year_open_url(bloc))
    assert response.status_code == 200
    assert "Khối chưa có năm thi đua nào" in text(response)


def test_year_open_refuses_bad_input(client, board, current):
    client.force_login(board)
    assert (
        client.post(year_open_url(current.bloc), {"from_year": "abc"}).status_code
        == 400
    )
    assert (
        client.post(
            year_open_url(current.bloc), {"from_year": THIS_YEAR - 5}
        ).status_code
        == 400
    )
    assert not BlocYear.objects.filter(year=NEXT_YEAR).exists()


@pytest.mark.parametrize("actor", ["chair_user", "member_user", "viewer", "outsider"])
def test_only_the_board_opens_a_year(client, request, current, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(year_open_url(current.bloc)).status_code == 403
    assert (
        client.post(year_open_url(current.bloc), {"from_year": THIS_YEAR}).status_code
        == 403
    )
    assert not BlocYear.objects.filter(year=NEXT_YEAR).exists()


def test_year_open_anonymous_missing_and_wrong_method(client, board, current):
    missing = reverse("blocs:year-open", args=[99999])
    assert_guarded(client, board, year_open_url(current.bloc), missing)


# --- Query counts, at 3 and 9 members (the `sized` fixture) ----------------------


def test_year_open_preview_query_count_is_constant(
    client, board, sized, django_assert_num_queries
):
    client.force_login(board)
    # session, user, bloc with council, the bloc's years (latest first); the preview:
    # the bloc-years of N and N+1, the members of N with units, where their units are in
    # N+1, the approved election of N+1; user's council (header).
    with django_assert_num_queries(9):
        assert client.get(year_open_url(sized.bloc)).status_code == 200
