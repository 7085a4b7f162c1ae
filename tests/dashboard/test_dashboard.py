"""The dashboard shows each role something real: the board its council's blocs and what
is left to do, a unit secretary their unit and its bloc."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from blocs.models import BlocYear, ChairElection, Membership
from emulation.models import User
from tests.factories import (
    BlocFactory,
    UnitFactory,
    UserFactory,
    make_bloc_year,
    make_election,
    set_rules,
)


def html_of(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def todo_keys(response) -> list[str]:
    return [item.key for item in response.context["todo"]]


@pytest.fixture
def board_client(client, board, bloc_year, today):
    client.force_login(board)
    return client


# --- Board staff ----------------------------------------------------------------------


def test_board_sees_the_councils_blocs_with_member_counts(
    client, board, bloc_year, today
):
    html = html_of(client, board)
    chair = bloc_year.memberships.get(role=Membership.Role.CHAIR).unit
    vice = bloc_year.memberships.get(role=Membership.Role.VICE_CHAIR).unit
    assert "Năm thi đua 2026" in html
    assert 'id="dashboard-blocs"' in html
    assert bloc_year.bloc.name in html
    assert chair.name in html and vice.name in html
    assert "20/12/2025" in html  # roles approved on, dd/mm/yyyy
    response = client.get(reverse("dashboard"))
    (row,) = response.context["bloc_years"]
    assert row.member_count == 4
    assert response.context["counts"] == {"units": 4, "members": 4}


def test_board_does_not_see_another_councils_blocs(client, outsider, bloc_year, today):
    html = html_of(client, outsider)
    assert bloc_year.bloc.name not in html
    assert "Chưa có khối, cụm thi đua nào trong năm 2026." in html


def test_board_sees_only_the_selected_year(client, board, bloc_year, today):
    other = make_bloc_year(
        council=bloc_year.bloc.council, year=2025, name="Khối thi đua Văn hóa – Xã hội"
    )
    html = html_of(client, board)
    assert other.bloc.name in html  # in the chair history (2024–2026)
    response = client.get(reverse("dashboard"))
    assert [by.pk for by in response.context["bloc_years"]] == [bloc_year.pk]
    client.post(reverse("year-select"), {"year": "2025"})
    response = client.get(reverse("dashboard"))
    assert [by.pk for by in response.context["bloc_years"]] == [other.pk]


def test_chair_history_lists_the_chairs_of_the_last_three_years(
    client, board, bloc_year, today
):
    last_year = BlocYear.objects.create(bloc=bloc_year.bloc, year=2025)
    unit = UnitFactory(council=bloc_year.bloc.council, name="Thanh tra tỉnh")
    Membership.objects.create(
        bloc_year=last_year, unit=unit, role=Membership.Role.CHAIR
    )
    client.force_login(board)
    history = client.get(reverse("dashboard")).context["chair_history"]
    assert history.years == [2024, 2025, 2026]
    (row,) = history.rows
    this_chair = bloc_year.memberships.get(role=Membership.Role.CHAIR).unit.name
    assert row.chairs == [None, "Thanh tra tỉnh", this_chair]


def test_calendar_lists_the_recorded_dates(client, board, bloc_year, today):
    BlocYear.objects.filter(pk=bloc_year.pk).update(
        flag_handover_on=datetime.date(2025, 12, 19),
        yearend_meeting_on=datetime.date(2026, 12, 18),
    )
    html = html_of(client, board)
    assert "19/12/2025" in html and "Bàn giao cờ luân lưu" in html
    assert "18/12/2026" in html and "Hội nghị tổng kết" in html
    assert "Sắp tới" in html  # the year-end meeting is after "today" (23/11/2026)


# --- Board's to-do list ---------------------------------------------------------------


def test_a_tidy_council_has_nothing_to_do_in_spring(board_client, today):
    today(datetime.date(2026, 4, 1))
    response = board_client.get(reverse("dashboard"))
    assert response.context["todo"] == []
    assert "Không có việc tồn đọng trong năm 2026." in response.content.decode()


def test_late_in_the_year_the_board_is_reminded_of_next_years_chairs(
    board_client, bloc_year, board
):
    response = board_client.get(reverse("dashboard"))
    assert todo_keys(response) == ["next-year"]
    assert (
        "Khối, cụm chưa chọn khối trưởng, khối phó năm 2027"
        in response.content.decode()
    )
    make_election(
        bloc_year.bloc, 2027, bloc_year.memberships.first().unit, recorded_by=board
    )
    response = board_client.get(reverse("dashboard"))
    assert "next-year" not in todo_keys(response)
    assert "pending-elections" in todo_keys(
        response
    )  # now waiting for the board's approval


def test_pending_elections_are_listed_with_a_link_to_decide(
    board_client, bloc_year, today
):
    today(datetime.date(2026, 4, 1))
    chair = bloc_year.memberships.get(role=Membership.Role.VICE_CHAIR).unit
    election = make_election(bloc_year.bloc, 2027, chair)
    response = board_client.get(reverse("dashboard"))
    assert todo_keys(response) == ["pending-elections"]
    html = response.content.decode()
    assert "Kết quả chọn khối trưởng, khối phó chờ phê duyệt" in html
    assert f"{bloc_year.bloc.name} – 2027: {chair.name}" in html
    assert reverse("blocs:election-decide", args=[election.pk]) in html


def test_a_rejected_election_is_not_pending(board_client, bloc_year, today):
    today(datetime.date(2026, 4, 1))
    make_election(
        bloc_year.bloc,
        2027,
        bloc_year.memberships.first().unit,
        status=ChairElection.Status.REJECTED,
    )
    assert board_client.get(reverse("dashboard")).context["todo"] == []


def test_bloc_year_without_chair_or_approval(board_client, council, today):
    today(datetime.date(2026, 4, 1))
    no_chair = make_bloc_year(council=council, n_members=1, name="Cụm thi đua số 1")
    no_chair.memberships.update(role=Membership.Role.MEMBER)
    unapproved = make_bloc_year(
        council=council, n_members=2, approved=False, name="Khối Kinh tế"
    )
    response = board_client.get(reverse("dashboard"))
    todo = {item.key: item for item in response.context["todo"]}
    assert set(todo) == {"no-chair", "unapproved"}
    assert [name for name, _ in todo["no-chair"].names] == ["Cụm thi đua số 1"]
    assert [name for name, _ in todo["unapproved"].names] == ["Khối Kinh tế"]
    assert "Chờ phê duyệt" in response.content.decode()
    assert (
        response.context["approved_count"] == 2
    )  # the fixture's and the chairless one's
    assert unapproved.pk


def test_no_approval_reminder_when_the_council_does_not_require_it(
    board_client, council, today
):
    today(datetime.date(2026, 4, 1))
    set_rules(council, chair_approval_required=False)
    make_bloc_year(council=council, n_members=2, approved=False)
    assert board_client.get(reverse("dashboard")).context["todo"] == []


def test_blocs_without_the_year_and_units_without_a_bloc(board_client, council, today):
    today(datetime.date(2026, 4, 1))
    BlocFactory(council=council, name="Khối Văn hóa – Xã hội")
    BlocFactory(
        council=council, name="Khối đã giải thể", active_to=datetime.date(2025, 12, 31)
    )
    UnitFactory(council=council, name="Sở Tư pháp")
    UnitFactory(
        council=council,
        name="Sở đã sáp nhập",
        status="merged",
        active_to=datetime.date(2025, 2, 28),
    )
    response = board_client.get(reverse("dashboard"))
    todo = {item.key: item for item in response.context["todo"]}
    assert set(todo) == {"not-opened", "unassigned"}
    assert [name for name, _ in todo["not-opened"].names] == ["Khối Văn hóa – Xã hội"]
    assert [name for name, _ in todo["unassigned"].names] == ["Sở Tư pháp"]


def test_a_long_to_do_line_shows_five_names_and_the_rest_as_a_number(
    board_client, council, today
):
    today(datetime.date(2026, 4, 1))
    for i in range(7):
        UnitFactory(council=council, name=f"Ủy ban nhân dân xã {i}")
    response = board_client.get(reverse("dashboard"))
    (item,) = response.context["todo"]
    assert item.count == 7 and len(item.names) == 5 and item.more == 2
    assert "và 2 mục khác" in response.content.decode()


def test_viewer_sees_the_blocs_but_no_to_do_list(client, viewer, bloc_year, today):
    html = html_of(client, viewer)
    assert bloc_year.bloc.name in html
    assert 'id="dashboard-todo"' not in html


# --- Unit secretary -------------------------------------------------------------------


def test_secretary_sees_their_unit_and_its_bloc(client, secretary, bloc_year, today):
    html = html_of(client, secretary)
    assert 'id="my-unit"' in html and secretary.unit.name in html
    assert 'id="my-bloc"' in html and bloc_year.bloc.name in html
    for m in bloc_year.memberships.select_related("unit"):
        assert m.unit.name in html
    assert "Thành viên" in html
    assert "Có quyền điều hành khối năm nay" not in html
    assert 'id="dashboard-blocs"' not in html  # not the council's overview
    assert 'id="dashboard-todo"' not in html


def test_chair_secretary_has_the_chairs_rights_and_reminders(
    client, chair_secretary, bloc_year, today
):
    html = html_of(client, chair_secretary)
    assert "Có quyền điều hành khối năm nay" in html
    assert "Tổ chức chọn khối trưởng, khối phó năm 2027" in html
    assert reverse("blocs:election-create", args=[bloc_year.bloc_id]) in html


def test_chair_secretary_sees_the_pending_election(
    client, chair_secretary, bloc_year, today
):
    make_election(bloc_year.bloc, 2027, chair_secretary.unit)
    html = html_of(client, chair_secretary)
    assert "đang chờ Ban Thi đua phê duyệt" in html


def test_secretary_of_a_unit_in_no_bloc_this_year(client, council, today):
    unit = UnitFactory(council=council, name="Sở Tư pháp")
    user = UserFactory(role=User.Role.SECRETARY, council=council, unit=unit)
    html = html_of(client, user)
    assert "Sở Tư pháp" in html
    assert "Đơn vị chưa thuộc khối, cụm thi đua nào trong năm 2026." in html


def test_secretary_sees_their_units_recent_years(client, secretary, bloc_year, today):
    last_year = BlocYear.objects.create(bloc=bloc_year.bloc, year=2025)
    Membership.objects.create(
        bloc_year=last_year, unit=secretary.unit, role=Membership.Role.CHAIR
    )
    html = html_of(client, secretary)
    assert 'id="my-unit-years"' in html
    assert "2025" in html and "Khối trưởng" in html


def test_a_user_with_no_council_and_no_unit_is_told_whom_to_ask(client, db, today):
    user = UserFactory(council=None)
    assert "Hãy liên hệ Ban Thi đua – Khen thưởng" in html_of(client, user)


# --- Query counts: exact, the same at two data sizes ----------------------------------


def _grow_council(council, n_blocs: int, n_members: int) -> None:
    for i in range(n_blocs):
        make_bloc_year(council=council, n_members=n_members, name=f"Khối thử {i}")
    for i in range(n_blocs):
        BlocFactory(council=council, name=f"Khối chưa mở {i}")
        UnitFactory(council=council, name=f"Đơn vị lẻ {i}")
        by = make_bloc_year(
            council=council, n_members=2, approved=False, name=f"Khối chờ {i}"
        )
        make_election(by.bloc, 2027, by.memberships.first().unit)


@pytest.mark.parametrize(("n_blocs", "n_members"), [(1, 3), (6, 8)])
def test_board_dashboard_query_count(
    client, board, council, today, django_assert_num_queries, n_blocs, n_members
):
    _grow_council(council, n_blocs, n_members)
    client.force_login(board)
    # session, user, council (header), bloc-years, their chairs and vice-chairs (prefetch),
    # unit counts, chair history; the to-do list: pending elections, the council's bloc
    # rules, blocs without the year, units without a bloc, next year's elections
    with django_assert_num_queries(12):
        response = client.get(reverse("dashboard"))
    assert len(response.context["bloc_years"]) == 2 * n_blocs


@pytest.mark.parametrize("n_members", [3, 12])
def test_secretary_dashboard_query_count(
    client, council, today, django_assert_num_queries, n_members
):
    by = make_bloc_year(council=council, n_members=n_members)
    for year in (2024, 2025):
        old = make_bloc_year(council=council, n_members=2, year=year)
        unit = by.memberships.get(role=Membership.Role.CHAIR).unit
        Membership.objects.create(bloc_year=old, unit=unit)
    user = UserFactory(
        role=User.Role.SECRETARY,
        council=council,
        unit=by.memberships.get(role=Membership.Role.CHAIR).unit,
    )
    client.force_login(user)
    # session, user, unit, its recent memberships, its bloc's members, the user's chair
    # rights, next year's election (chair's reminders), council (header)
    with django_assert_num_queries(8):
        response = client.get(reverse("dashboard"))
    assert len(response.context["bloc_members"]) == n_members
    assert response.context["is_chair"]
