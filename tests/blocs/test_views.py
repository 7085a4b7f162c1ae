"""Read pages of the blocs app: bloc list, bloc and bloc-year pages, unit list and unit page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from blocs.models import BlocYear, ChairElection, Membership
from emulation.models import Succession, User
from emulation.selectors import SESSION_YEAR_KEY
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    MembershipFactory,
    RotationSlotFactory,
    UnitFactory,
    UserFactory,
    make_bloc_year,
)

pytestmark = pytest.mark.django_db

# The bloc-year page includes `{% blocyear_steps %}` (campaigns area): its own constant queries.
STEPS_TAG_QUERIES = 6


def _chair_unit(bloc_year):
    return bloc_year.memberships.get(role=Membership.Role.CHAIR).unit


def _login_redirect(response) -> bool:
    return response.status_code == 302 and "/dang-nhap/" in response["Location"]


# --- Bloc list -----------------------------------------------------------------------


def test_bloc_list_shows_the_years_blocs_with_chair_and_theme(
    client, viewer, bloc_year
):
    bloc_year.theme = "Đoàn kết, kỷ cương"
    bloc_year.save()
    client.force_login(viewer)
    response = client.get(reverse("blocs:bloc-list"), {"year": 2026})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Khối thi đua Nội chính" in html
    assert _chair_unit(bloc_year).name in html
    assert "Đoàn kết, kỷ cương" in html
    assert "Thêm khối, cụm" not in html  # board staff only


def test_bloc_list_takes_the_year_from_the_header_selector(client, viewer, bloc_year):
    later = make_bloc_year(
        council=bloc_year.bloc.council, year=2027, name="Khối chỉ có năm 2027"
    )
    client.force_login(viewer)
    session = client.session
    session[SESSION_YEAR_KEY] = 2027
    session.save()
    html = client.get(reverse("blocs:bloc-list")).content.decode()
    assert later.bloc.name in html
    assert bloc_year.bloc.name not in html


def test_bloc_list_filters_by_kind_and_searches_by_name(client, board, bloc_year):
    make_bloc_year(
        council=bloc_year.bloc.council, name="Cụm thi đua các xã phía Tây", kind="cum"
    )
    client.force_login(board)
    url = reverse("blocs:bloc-list")
    html = client.get(url, {"year": 2026, "kind": "cum"}).content.decode()
    assert (
        "Cụm thi đua các xã phía Tây" in html and "Khối thi đua Nội chính" not in html
    )
    html = client.get(url, {"year": 2026, "q": "nội chính"}).content.decode()
    assert (
        "Khối thi đua Nội chính" in html and "Cụm thi đua các xã phía Tây" not in html
    )


def test_bloc_list_ignores_a_bad_filter_value(client, board, bloc_year):
    client.force_login(board)
    response = client.get(
        reverse("blocs:bloc-list"), {"year": "abc", "kind": "xyz", "page": "zz"}
    )
    assert response.status_code == 200


def test_bloc_list_is_paginated_by_25(client, board, council):
    for i in range(27):
        BlocYearFactory(
            bloc=BlocFactory(council=council, name=f"Khối thi đua số {i:02d}"),
            year=2026,
        )
    client.force_login(board)
    first = client.get(reverse("blocs:bloc-list"), {"year": 2026}).content.decode()
    second = client.get(
        reverse("blocs:bloc-list"), {"year": 2026, "page": 2}
    ).content.decode()
    assert "Khối thi đua số 24" in first and "Khối thi đua số 25" not in first
    assert "Khối thi đua số 25" in second and "Khối thi đua số 26" in second


def test_board_sees_add_button_and_blocs_without_a_year(client, board, bloc_year):
    fresh = BlocFactory(
        council=bloc_year.bloc.council, name="Cụm thi đua mới thành lập"
    )
    client.force_login(board)
    html = client.get(reverse("blocs:bloc-list"), {"year": 2026}).content.decode()
    assert "Thêm khối, cụm" in html
    assert reverse("blocs:bloc-create") in html
    assert (
        fresh.name in html and reverse("blocs:blocyear-create", args=[fresh.pk]) in html
    )


def test_bloc_list_shows_only_the_users_council(client, outsider, bloc_year):
    client.force_login(outsider)
    response = client.get(reverse("blocs:bloc-list"), {"year": 2026})
    assert response.status_code == 200
    assert bloc_year.bloc.name not in response.content.decode()


def test_bloc_list_is_forbidden_to_an_account_without_council(client):
    client.force_login(UserFactory(council=None))
    assert client.get(reverse("blocs:bloc-list")).status_code == 403


def test_bloc_list_redirects_anonymous_to_login(client):
    assert _login_redirect(client.get(reverse("blocs:bloc-list")))


@pytest.mark.parametrize("n_blocs", [2, 8])
def test_bloc_list_query_count_is_constant(
    client, board, council, django_assert_max_num_queries, n_blocs
):
    for _ in range(n_blocs):
        make_bloc_year(council=council, n_members=3)
        BlocFactory(council=council)  # a bloc without a year
    client.force_login(board)
    # session, user, user's council (header), count, bloc-years page, their chairs and
    # vice-chairs, blocs without a year.
    with django_assert_max_num_queries(7):
        assert client.get(reverse("blocs:bloc-list"), {"year": 2026}).status_code == 200


# --- Bloc page -----------------------------------------------------------------------


def test_bloc_page_redirects_to_the_selected_years_page(client, viewer, bloc_year):
    BlocYearFactory(bloc=bloc_year.bloc, year=2025)
    client.force_login(viewer)
    response = client.get(
        reverse("blocs:bloc-detail", args=[bloc_year.bloc.pk]), {"year": 2026}
    )
    assert (
        response.status_code == 302
        and response["Location"] == bloc_year.get_absolute_url()
    )


def test_bloc_page_falls_back_to_the_latest_year(client, viewer, bloc_year):
    client.force_login(viewer)
    response = client.get(
        reverse("blocs:bloc-detail", args=[bloc_year.bloc.pk]), {"year": 2030}
    )
    assert response["Location"] == bloc_year.get_absolute_url()


def test_bloc_without_a_year_shows_the_bloc_itself(client, board, council):
    bloc = BlocFactory(
        council=council, name="Cụm thi đua số 5", description="Các phường trung tâm"
    )
    RotationSlotFactory(
        bloc=bloc, unit=UnitFactory(council=council, name="Phường Vinh Phú")
    )
    client.force_login(board)
    response = client.get(reverse("blocs:bloc-detail", args=[bloc.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cụm thi đua số 5" in html and "Phường Vinh Phú" in html
    assert reverse("blocs:blocyear-create", args=[bloc.pk]) in html


def test_bloc_page_is_forbidden_to_another_council(client, outsider, bloc_year):
    client.force_login(outsider)
    assert (
        client.get(reverse("blocs:bloc-detail", args=[bloc_year.bloc.pk])).status_code
        == 403
    )


def test_bloc_page_of_a_missing_bloc_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("blocs:bloc-detail", args=[999999])).status_code == 404


def test_bloc_page_redirects_anonymous_to_login(client, bloc_year):
    assert _login_redirect(
        client.get(reverse("blocs:bloc-detail", args=[bloc_year.bloc.pk]))
    )


# --- Bloc-year page ------------------------------------------------------------------


def test_blocyear_page_shows_members_roles_and_approval(client, viewer, bloc_year):
    bloc_year.roles_approval_reference = "Công văn số 15/BTĐKT"
    bloc_year.save()
    client.force_login(viewer)
    response = client.get(bloc_year.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for m in bloc_year.memberships.select_related("unit"):
        assert m.unit.name in html
    assert 'class="badge badge-chair"' in html and 'class="badge badge-vice"' in html
    assert "20/12/2025" in html  # the approval date, dd/mm/yyyy
    assert "Công văn số 15/BTĐKT" in html


def test_blocyear_page_lists_members_in_vietnamese_order(client, viewer, council):
    by = make_bloc_year(council=council, n_members=0)
    for name in [
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Đảng ủy Khối Doanh nghiệp",
        "Báo Nghệ An",
        "Ấp Bắc",
    ]:
        MembershipFactory(bloc_year=by, unit=UnitFactory(council=council, name=name))
    client.force_login(viewer)
    html = client.get(by.get_absolute_url()).content.decode()
    members = html[html.index('id="members"') :]
    positions = [
        members.index(n)
        for n in ["Ấp Bắc", "Báo Nghệ An", "Đảng ủy Khối", "Ủy ban Kiểm tra"]
    ]
    assert positions == sorted(positions)


def test_blocyear_page_shows_the_chair_history_and_flag_handover(
    client, viewer, bloc_year
):
    old = BlocYearFactory(bloc=bloc_year.bloc, year=2025)
    old_chair = UnitFactory(council=bloc_year.bloc.council, name="Thanh tra tỉnh")
    MembershipFactory(bloc_year=old, unit=old_chair, role=Membership.Role.CHAIR)
    bloc_year.flag_handover_on = datetime.date(2025, 12, 19)
    bloc_year.save()
    client.force_login(viewer)
    html = client.get(bloc_year.get_absolute_url()).content.decode()
    assert 'class="td-timeline' in html
    new_chair = _chair_unit(bloc_year).name
    assert (
        f"Nhận cờ luân lưu ngày 19/12/2025: Thanh tra tỉnh bàn giao cho {new_chair}"
        in html
    )
    assert old.get_absolute_url() in html  # year tab / timeline link


def test_blocyear_page_shows_the_rotation_order(client, viewer, bloc_year):
    units = [
        m.unit for m in bloc_year.memberships.select_related("unit").order_by("id")
    ]
    RotationSlotFactory(
        bloc=bloc_year.bloc, unit=units[0], position=1
    )  # this year's chair
    RotationSlotFactory(bloc=bloc_year.bloc, unit=units[2], position=2)
    client.force_login(viewer)
    html = client.get(bloc_year.get_absolute_url()).content.decode()
    rotation = html[html.index('id="rotation"') :]
    assert rotation.index(units[0].name) < rotation.index(units[2].name)
    assert "Kế tiếp" in rotation


def test_blocyear_page_shows_board_actions_to_board_only(
    client, board, viewer, bloc_year
):
    election = ChairElection.objects.create(
        bloc=bloc_year.bloc, year=2027, chair=_chair_unit(bloc_year)
    )
    bloc = bloc_year.bloc
    board_urls = [
        reverse("blocs:bloc-update", args=[bloc.pk]),
        reverse("blocs:blocyear-members", args=[bloc_year.pk]),
        reverse("blocs:bloc-rotation", args=[bloc.pk]),
        reverse("blocs:election-create", args=[bloc.pk]),
        reverse("blocs:year-open", args=[bloc.pk]),
        reverse("blocs:election-decide", args=[election.pk]),
        reverse("blocs:import-upload"),
    ]
    client.force_login(board)
    html = client.get(bloc_year.get_absolute_url()).content.decode()
    assert "Bầu khối trưởng, khối phó năm sau" in html and "Mở năm thi đua mới" in html
    assert all(url in html for url in board_urls)
    client.force_login(viewer)
    html = client.get(bloc_year.get_absolute_url()).content.decode()
    assert not any(url in html for url in board_urls)
    assert "Kết quả bầu chờ phê duyệt" in html  # everyone sees a pending election


def test_everyone_in_the_council_gets_the_exports(client, secretary, bloc_year):
    client.force_login(secretary)
    html = client.get(bloc_year.get_absolute_url()).content.decode()
    assert reverse("blocs:blocyear-export-xlsx", args=[bloc_year.pk]) in html
    assert reverse("blocs:blocyear-export-pdf", args=[bloc_year.pk]) in html


@pytest.mark.parametrize("actor", ["chair_secretary", "vice_secretary", "board"])
def test_chair_tools_are_shown_to_who_runs_the_year(client, request, bloc_year, actor):
    client.force_login(request.getfixturevalue(actor))
    html = client.get(bloc_year.get_absolute_url()).content.decode()
    assert 'id="chair-tools"' in html
    assert reverse("blocs:blocyear-schedule", args=[bloc_year.pk]) in html


@pytest.mark.parametrize("actor", ["secretary", "viewer"])
def test_chair_tools_are_hidden_from_others(client, request, bloc_year, actor):
    client.force_login(request.getfixturevalue(actor))
    html = client.get(bloc_year.get_absolute_url()).content.decode()
    assert 'id="chair-tools"' not in html
    assert reverse("blocs:blocyear-schedule", args=[bloc_year.pk]) not in html


def test_last_years_chair_does_not_get_this_years_tools(client, council, bloc_year):
    last = BlocYearFactory(
        bloc=bloc_year.bloc, year=2025, roles_approved_on=datetime.date(2025, 1, 5)
    )
    old_unit = UnitFactory(council=council)
    MembershipFactory(bloc_year=last, unit=old_unit, role=Membership.Role.CHAIR)
    old_chair = UserFactory(role=User.Role.SECRETARY, council=council, unit=old_unit)
    client.force_login(old_chair)
    assert (
        'id="chair-tools"'
        not in client.get(bloc_year.get_absolute_url()).content.decode()
    )
    assert 'id="chair-tools"' in client.get(last.get_absolute_url()).content.decode()


def test_blocyear_page_is_forbidden_to_another_council(client, outsider, bloc_year):
    client.force_login(outsider)
    assert client.get(bloc_year.get_absolute_url()).status_code == 403


def test_blocyear_page_of_a_missing_year_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("blocyear-detail", args=[999999])).status_code == 404


def test_blocyear_page_redirects_anonymous_to_login(client, bloc_year):
    assert _login_redirect(client.get(bloc_year.get_absolute_url()))


@pytest.mark.parametrize("size", [3, 12])
def test_blocyear_page_query_count_is_constant(
    client, board, council, django_assert_max_num_queries, size
):
    # `size` members, years, rotation slots and pending-election vice-chairs.
    by = make_bloc_year(council=council, n_members=size)
    units = [m.unit for m in by.memberships.select_related("unit")]
    for i in range(size):
        RotationSlotFactory(bloc=by.bloc, unit=units[i], position=i + 1)
        earlier = BlocYearFactory(bloc=by.bloc, year=2010 + i)
        MembershipFactory(bloc_year=earlier, unit=units[i], role=Membership.Role.CHAIR)
    election = ChairElection.objects.create(bloc=by.bloc, year=2027, chair=units[0])
    election.vice_chairs.set(units[1:])
    client.force_login(board)
    # 10 of ours: session, user, user's council (header), bloc-year, years of the bloc, their
    # chairs and vice-chairs, rotation, members, pending elections, their vice-chairs;
    # plus the campaigns steps tag (another area, 4 constant queries today, room for 2 more).
    with django_assert_max_num_queries(10 + STEPS_TAG_QUERIES):
        assert client.get(by.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [3, 12])
def test_blocyear_page_query_count_for_the_chair_is_constant(
    client, council, django_assert_max_num_queries, size
):
    by = make_bloc_year(council=council, n_members=size)
    chair = UserFactory(role=User.Role.SECRETARY, council=council, unit=_chair_unit(by))
    client.force_login(chair)
    # As for board staff, plus the user's chair rights (one query, cached on the user).
    with django_assert_max_num_queries(11 + STEPS_TAG_QUERIES):
        assert client.get(by.get_absolute_url()).status_code == 200


# --- Unit list -----------------------------------------------------------------------


def test_unit_list_shows_units_with_their_bloc_of_the_year(client, viewer, bloc_year):
    UnitFactory(council=bloc_year.bloc.council, name="Sở Tư pháp", status="merged")
    client.force_login(viewer)
    response = client.get(reverse("blocs:unit-list"), {"year": 2026})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sở Tư pháp" in html and "Đã sáp nhập" in html
    assert _chair_unit(bloc_year).name in html and bloc_year.bloc.name in html
    assert "Thêm đơn vị" not in html


def test_unit_list_searches_and_filters_by_kind_and_status(client, board, council):
    UnitFactory(council=council, name="Công an tỉnh", kind="armed")
    UnitFactory(
        council=council, name="Ban Tuyên giáo Tỉnh ủy", kind="party", status="merged"
    )
    UnitFactory(council=council, name="Ban Tổ chức Tỉnh ủy", kind="party")
    client.force_login(board)
    url = reverse("blocs:unit-list")
    html = client.get(url, {"kind": "party"}).content.decode()
    assert "Ban Tổ chức" in html and "Công an tỉnh" not in html
    html = client.get(url, {"kind": "party", "status": "merged"}).content.decode()
    assert "Ban Tuyên giáo" in html and "Ban Tổ chức" not in html
    html = client.get(url, {"q": "công an"}).content.decode()
    assert "Công an tỉnh" in html and "Ban Tổ chức" not in html


def test_unit_list_is_in_vietnamese_order_and_paginated(client, board, council):
    for i in range(24):
        UnitFactory(council=council, name=f"Sở Thử nghiệm {i:02d}")
    UnitFactory(council=council, name="Ủy ban Kiểm tra Tỉnh ủy")
    UnitFactory(council=council, name="Đảng ủy Khối các cơ quan tỉnh")
    client.force_login(board)
    first = client.get(reverse("blocs:unit-list")).content.decode()
    second = client.get(reverse("blocs:unit-list"), {"page": 2}).content.decode()
    assert "Đảng ủy Khối" in first  # Đ sorts before S, not after Z
    assert "Ủy ban Kiểm tra" in second and "Ủy ban Kiểm tra" not in first
    assert "Thêm đơn vị" in first


def test_unit_list_redirects_anonymous_to_login(client):
    assert _login_redirect(client.get(reverse("blocs:unit-list")))


def test_unit_list_shows_only_the_users_council(client, outsider, bloc_year):
    client.force_login(outsider)
    html = client.get(reverse("blocs:unit-list")).content.decode()
    assert _chair_unit(bloc_year).name not in html


@pytest.mark.parametrize("size", [3, 12])
def test_unit_list_query_count_is_constant(
    client, board, council, django_assert_max_num_queries, size
):
    make_bloc_year(council=council, n_members=size)
    client.force_login(board)
    # session, user, user's council (header), count, units page, their memberships of the year.
    with django_assert_max_num_queries(6):
        assert client.get(reverse("blocs:unit-list"), {"year": 2026}).status_code == 200


# --- Unit page -----------------------------------------------------------------------


def test_unit_page_shows_contact_status_and_blocs_by_year(client, viewer, bloc_year):
    unit = _chair_unit(bloc_year)
    unit.contact_name = "Nguyễn Thị Lan"
    unit.contact_phone = "0238 3567 890"
    unit.contact_email = "thidua@congan.nghean.gov.vn"
    unit.active_from = datetime.date(2020, 1, 1)
    unit.save()
    client.force_login(viewer)
    response = client.get(unit.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Nguyễn Văn An",
        "Giám đốc",
        "Nguyễn Thị Lan",
        "0238 3567 890",
        "thidua@congan.nghean.gov.vn",
    ]:
        assert text in html
    assert "01/01/2020" in html and "Đang hoạt động" in html
    assert bloc_year.bloc.name in html and "Khối trưởng" in html


def test_unit_page_shows_its_predecessors_history_transitively(client, viewer, council):
    """C's page shows its predecessors' history (blocs, chairs held)."""
    grand = UnitFactory(council=council, name="Ban Tuyên huấn Tỉnh ủy")
    a = UnitFactory(council=council, name="Ban Tuyên giáo Tỉnh ủy", status="merged")
    b = UnitFactory(council=council, name="Ban Dân vận Tỉnh ủy", status="merged")
    c = UnitFactory(council=council, name="Ban Tuyên giáo và Dân vận Tỉnh ủy")
    Succession.objects.create(
        predecessor=grand,
        successor=a,
        kind="rename",
        effective_on=datetime.date(2007, 1, 1),
    )
    Succession.objects.create(
        predecessor=a, successor=c, effective_on=datetime.date(2025, 3, 1)
    )
    Succession.objects.create(
        predecessor=b, successor=c, effective_on=datetime.date(2025, 3, 1)
    )
    by_2024 = make_bloc_year(
        council=council, n_members=0, year=2024, name="Khối các cơ quan Đảng"
    )
    MembershipFactory(bloc_year=by_2024, unit=a, role=Membership.Role.CHAIR)
    MembershipFactory(bloc_year=by_2024, unit=b)
    by_2006 = BlocYearFactory(bloc=by_2024.bloc, year=2006)
    MembershipFactory(bloc_year=by_2006, unit=grand, role=Membership.Role.VICE_CHAIR)
    client.force_login(viewer)
    html = client.get(c.get_absolute_url()).content.decode()
    lineage = html[html.index('id="lineage"') :]
    for name in [
        "Ban Tuyên giáo Tỉnh ủy",
        "Ban Dân vận Tỉnh ủy",
        "Ban Tuyên huấn Tỉnh ủy",
    ]:
        assert name in lineage
    assert "Khối trưởng 2024" in lineage  # chair held by a predecessor
    assert "Khối phó 2006" in lineage  # two generations back
    assert "01/03/2025" in lineage
    assert by_2024.get_absolute_url() in lineage


def test_unit_page_links_to_its_successor(client, viewer, council):
    old = UnitFactory(
        council=council, name="Cục Thi hành án dân sự tỉnh", status="merged"
    )
    new = UnitFactory(council=council, name="Thi hành án dân sự tỉnh")
    Succession.objects.create(
        predecessor=old,
        successor=new,
        kind="rename",
        effective_on=datetime.date(2025, 3, 1),
    )
    client.force_login(viewer)
    html = client.get(old.get_absolute_url()).content.decode()
    assert new.get_absolute_url() in html and "Đổi tên" in html


def test_unit_page_shows_edit_buttons_to_board_only(client, board, viewer, bloc_year):
    unit = _chair_unit(bloc_year)
    client.force_login(board)
    assert (
        reverse("blocs:unit-update", args=[unit.pk])
        in client.get(unit.get_absolute_url()).content.decode()
    )
    client.force_login(viewer)
    assert (
        reverse("blocs:unit-update", args=[unit.pk])
        not in client.get(unit.get_absolute_url()).content.decode()
    )


def test_unit_page_is_forbidden_to_another_council(client, outsider, bloc_year):
    client.force_login(outsider)
    assert client.get(_chair_unit(bloc_year).get_absolute_url()).status_code == 403


def test_unit_page_of_a_missing_unit_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("blocs:unit-detail", args=[999999])).status_code == 404


def test_unit_page_redirects_anonymous_to_login(client, bloc_year):
    assert _login_redirect(client.get(_chair_unit(bloc_year).get_absolute_url()))


@pytest.mark.parametrize("size", [2, 8])
def test_unit_page_query_count_is_constant(
    client, board, council, django_assert_max_num_queries, size
):
    unit = UnitFactory(council=council)
    bloc = BlocFactory(council=council)
    for i in range(size):
        by = BlocYear.objects.create(bloc=bloc, year=2010 + i)
        MembershipFactory(
            bloc_year=by,
            unit=unit,
            role=Membership.Role.CHAIR if i % 2 else Membership.Role.MEMBER,
        )
        predecessor = UnitFactory(council=council)
        Succession.objects.create(
            predecessor=predecessor,
            successor=unit,
            effective_on=datetime.date(2025, 3, 1),
        )
        MembershipFactory(
            bloc_year=BlocYear.objects.create(
                bloc=BlocFactory(council=council), year=2020
            ),
            unit=predecessor,
        )
        Succession.objects.create(
            predecessor=unit,
            successor=UnitFactory(council=council),
            effective_on=datetime.date(2026, 1, 1),
        )
    client.force_login(board)
    # session, user, user's council (header), unit, predecessors (one generation) and the
    # end of the walk, the predecessors' memberships, the unit's memberships, its successors.
    with django_assert_max_num_queries(9):
        assert client.get(unit.get_absolute_url()).status_code == 200
