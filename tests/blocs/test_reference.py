"""Reference data (docs/domain.md §1.2-§1.4, §3.2): units, blocs, bloc-years, members
and the rotation order - their services, forms, pages and selectors."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blocs import selectors, services
from blocs.models import (
    Bloc,
    BlocYear,
    Membership,
    RotationSlot,
)
from emulation.models import Succession, Unit, User
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    MembershipFactory,
    RotationSlotFactory,
    UnitFactory,
    UserFactory,
    make_bloc_year,
    make_election,
    set_rules,
    succeed,
    unit_of,
)
from tests.utils import assert_login_redirect, select_year, status_for

pytestmark = pytest.mark.django_db


# --- Services ---------------------------------------------------------------------


UNIT_POST = {
    "name": "Sở Nội vụ",
    "short_name": "SNV",
    "kind": Unit.Kind.DEPARTMENT,
    "status": Unit.Status.ACTIVE,
    "head_name": "Trần Văn Bình",
    "head_position": "Giám đốc Sở",
    "contact_name": "Lê Thị Hoa",
    "contact_phone": "0238 3844 123",
    "contact_email": "thidua@snv.nghean.gov.vn",
    "active_from": "01/03/2025",
    "active_to": "",
}


def _chair(bloc_year) -> Membership:
    return bloc_year.memberships.get(role=Membership.Role.CHAIR)


def _plain_member(bloc_year) -> Membership:
    return (
        bloc_year.memberships.filter(role=Membership.Role.MEMBER).order_by("id").first()
    )


def test_unit_create_refuses_a_duplicate_name_in_vietnamese(council):
    UnitFactory(council=council, name="Sở Tư pháp")
    with pytest.raises(ValidationError) as exc:
        services.unit_create(council=council, name="sở tư pháp")
    assert "Hội đồng đã có đơn vị mang tên này." in exc.value.message_dict["name"]


def test_unit_create_allows_the_same_name_in_another_council(council, other_council):
    UnitFactory(council=other_council, name="Sở Tư pháp")
    unit = services.unit_create(
        council=council, name="Sở Tư pháp", kind=Unit.Kind.DEPARTMENT
    )
    assert unit.council == council


def test_names_are_stored_as_the_one_normaliser_writes_them(council):
    unit = services.unit_create(council=council, name="  Sở Tư pháp-Hộ   tịch ")
    bloc = services.bloc_create(
        council=council, name="Khối thi đua Nội chính —Lực lượng vũ trang"
    )
    assert unit.name == "Sở Tư pháp – Hộ tịch"
    assert bloc.name == "Khối thi đua Nội chính – Lực lượng vũ trang"
    unit = services.unit_update(unit=unit, name="Sở Tư pháp ‐ Hộ tịch tỉnh")
    assert unit.name == "Sở Tư pháp – Hộ tịch tỉnh"


@pytest.mark.parametrize(
    "typed", ["SỞ TƯ PHÁP – HỘ TỊCH", "sở tư pháp - hộ tịch", "Sở Tư pháp—Hộ  tịch"]
)
def test_a_name_typed_another_way_is_the_same_name(council, typed):
    UnitFactory(council=council, name="Sở Tư pháp – Hộ tịch")
    other = UnitFactory(council=council, name="Sở Nội vụ")
    BlocFactory(council=council, name="Sở Tư pháp – Hộ tịch")
    second_bloc = BlocFactory(council=council)
    for call in (
        lambda: services.unit_create(council=council, name=typed),
        lambda: services.unit_update(unit=other, name=typed),
        lambda: services.bloc_create(council=council, name=typed),
        lambda: services.bloc_update(bloc=second_bloc, name=typed),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert "mang tên này" in exc.value.message_dict["name"][0]


@pytest.mark.parametrize(
    ("create", "message"),
    [
        (services.unit_create, "Hội đồng đã có đơn vị mang tên này."),
        (services.bloc_create, "Hội đồng đã có khối, cụm thi đua mang tên này."),
    ],
)
def test_a_racing_duplicate_name_is_the_same_vietnamese_error(
    council, monkeypatch, create, message
):
    """Two requests that both passed the name check: the database's unique constraint
    (emulation_unit_unique_name_ci, blocs_bloc_unique_name_ci) refuses the second, and
    the service says so as the check would have."""
    create(council=council, name="Sở Tư pháp")
    # The other request checked before this one saved: it saw no such name.
    monkeypatch.setattr(
        "blocs.services.reference._check_name_free", lambda *a, **k: None
    )
    with pytest.raises(ValidationError) as exc:
        create(council=council, name="SỞ TƯ PHÁP")
    assert exc.value.message_dict["name"] == [message]
    assert (
        Unit.objects.count() + Bloc.objects.count() == 1
    )  # and the transaction is fine


def test_unit_update_rejects_unknown_fields(council):
    unit = UnitFactory(council=council)
    with pytest.raises(TypeError):
        services.unit_update(unit=unit, council=council)


def test_bloc_year_create_refuses_a_second_year(bloc_year):
    with pytest.raises(ValidationError) as exc:
        services.bloc_year_create(bloc=bloc_year.bloc, year=bloc_year.year)
    assert "Khối đã có năm thi đua 2026." in exc.value.message_dict["year"]


def test_bloc_year_create_takes_the_councils_selection_method(council):
    set_rules(council, chair_selection_method="election")
    by = services.bloc_year_create(
        bloc=BlocFactory(council=council), year=2027, theme=" Đoàn kết "
    )
    assert (by.selection_method, by.theme) == ("election", "Đoàn kết")


def test_bloc_year_update_refuses_a_date_far_from_the_year(bloc_year):
    with pytest.raises(ValidationError) as exc:
        services.bloc_year_update(
            bloc_year=bloc_year, launch_meeting_on=datetime.date(2206, 3, 1)
        )
    assert "launch_meeting_on" in exc.value.message_dict


def test_member_add_refuses_a_unit_in_another_bloc_that_year(council, bloc_year):
    other = make_bloc_year(council=council, n_members=1, name="Cụm thi đua số 2")
    unit = other.memberships.get().unit
    with pytest.raises(ValidationError) as exc:
        services.bloc_year_member_add(bloc_year=bloc_year, unit=unit)
    assert (
        "Đơn vị đã thuộc Cụm thi đua số 2 trong năm 2026."
        in exc.value.message_dict["unit"]
    )


def test_member_add_refuses_a_unit_of_another_council(bloc_year, other_council):
    with pytest.raises(ValidationError) as exc:
        services.bloc_year_member_add(
            bloc_year=bloc_year, unit=UnitFactory(council=other_council)
        )
    assert "unit" in exc.value.message_dict


def test_member_add_accepts_the_same_unit_in_another_year(council, bloc_year):
    unit = _plain_member(bloc_year).unit
    next_year = BlocYear.objects.create(bloc=bloc_year.bloc, year=2027)
    membership = services.bloc_year_member_add(bloc_year=next_year, unit=unit)
    assert (membership.year, membership.role) == (2027, Membership.Role.MEMBER)


def test_member_remove_refuses_the_chair(bloc_year):
    chair = _chair(bloc_year)
    with pytest.raises(ValidationError) as exc:
        services.bloc_year_member_remove(membership=chair)
    assert "khối trưởng" in exc.value.messages[0]
    assert Membership.objects.filter(pk=chair.pk).exists()


def test_rotation_set_numbers_from_one_in_the_given_order(council):
    bloc = BlocFactory(council=council)
    RotationSlotFactory(bloc=bloc, position=1)
    a, b = UnitFactory(council=council), UnitFactory(council=council)
    services.rotation_set(bloc=bloc, units=[b, a])
    assert list(
        RotationSlot.objects.filter(bloc=bloc).values_list("unit_id", "position")
    ) == [
        (b.pk, 1),
        (a.pk, 2),
    ]


def test_rotation_set_refuses_a_unit_twice_and_another_councils_unit(
    council, other_council
):
    bloc = BlocFactory(council=council)
    a = UnitFactory(council=council)
    with pytest.raises(ValidationError):
        services.rotation_set(bloc=bloc, units=[a, a])
    with pytest.raises(ValidationError):
        services.rotation_set(bloc=bloc, units=[a, UnitFactory(council=other_council)])


# --- Unit forms -------------------------------------------------------------------


def test_board_creates_a_unit_with_its_contact(client, board):
    client.force_login(board)
    response = client.post(reverse("blocs:unit-create"), UNIT_POST)
    unit = Unit.objects.get(council=board.council, name="Sở Nội vụ")
    assert (
        response.status_code == 302 and response["Location"] == unit.get_absolute_url()
    )
    assert (unit.contact_email, unit.contact_phone, unit.head_position) == (
        "thidua@snv.nghean.gov.vn",
        "0238 3844 123",
        "Giám đốc Sở",
    )
    assert unit.active_from == datetime.date(2025, 3, 1)  # dd/mm/yyyy accepted


def test_unit_create_form_is_shown_to_board(client, board):
    client.force_login(board)
    response = client.get(reverse("blocs:unit-create"))
    assert response.status_code == 200
    assert "Thêm đơn vị" in response.content.decode()


def test_unit_create_shows_vietnamese_errors(client, board):
    client.force_login(board)
    UnitFactory(council=board.council, name="Sở Nội vụ")
    data = {**UNIT_POST, "contact_email": "không-phải-email", "active_to": "01/01/2020"}
    response = client.post(reverse("blocs:unit-create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hội đồng đã có đơn vị mang tên này." in html
    assert "Địa chỉ thư điện tử không hợp lệ." in html
    assert "Ngày kết thúc phải sau ngày bắt đầu." in html
    assert Unit.objects.filter(name="Sở Nội vụ").count() == 1


@pytest.mark.parametrize("actor", ["viewer", "secretary", "chair_secretary"])
def test_unit_create_is_forbidden_to_other_roles(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.post(reverse("blocs:unit-create"), UNIT_POST).status_code == 403
    assert not Unit.objects.filter(name="Sở Nội vụ").exists()


def test_unit_create_redirects_anonymous_to_login(client):
    response = client.get(reverse("blocs:unit-create"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_unit_create_refuses_other_methods(client, board):
    client.force_login(board)
    assert client.put(reverse("blocs:unit-create")).status_code == 405


def test_board_edits_a_unit(client, board, bloc_year):
    unit = _plain_member(bloc_year).unit
    client.force_login(board)
    response = client.post(
        reverse("blocs:unit-update", args=[unit.pk]),
        {**UNIT_POST, "name": "Sở Tư pháp"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.contact_name) == ("Sở Tư pháp", "Lê Thị Hoa")


def test_unit_update_keeps_its_own_name(client, board, bloc_year):
    unit = _plain_member(bloc_year).unit
    client.force_login(board)
    response = client.post(
        reverse("blocs:unit-update", args=[unit.pk]), {**UNIT_POST, "name": unit.name}
    )
    assert response.status_code == 302


def test_unit_update_is_forbidden_to_another_councils_board(
    client, outsider, bloc_year
):
    unit = _plain_member(bloc_year).unit
    client.force_login(outsider)
    assert (
        client.post(reverse("blocs:unit-update", args=[unit.pk]), UNIT_POST).status_code
        == 403
    )
    unit.refresh_from_db()
    assert unit.name != "Sở Nội vụ"


def test_unit_update_is_forbidden_to_the_units_own_secretary(client, secretary):
    url = reverse("blocs:unit-update", args=[secretary.unit_id])
    assert status_for(client, secretary, url) == 403


def test_unit_update_of_a_missing_unit_is_404(client, board):
    assert status_for(client, board, reverse("blocs:unit-update", args=[999999])) == 404


# --- Bloc forms -------------------------------------------------------------------


def test_board_creates_a_bloc_then_is_sent_to_create_its_year(client, board):
    client.force_login(board)
    data = {
        "name": "Cụm thi đua số 3",
        "kind": Bloc.Kind.CUM,
        "description": "Các xã phía Tây",
    }
    response = client.post(reverse("blocs:bloc-create"), data)
    bloc = Bloc.objects.get(council=board.council, name="Cụm thi đua số 3")
    assert bloc.kind == Bloc.Kind.CUM
    assert response["Location"] == reverse("blocs:blocyear-create", args=[bloc.pk])


def test_bloc_create_refuses_a_duplicate_name(client, board, bloc_year):
    client.force_login(board)
    response = client.post(
        reverse("blocs:bloc-create"), {"name": bloc_year.bloc.name, "kind": "khoi"}
    )
    assert response.status_code == 400
    assert "Hội đồng đã có khối, cụm thi đua mang tên này." in response.content.decode()


def test_bloc_create_requires_a_name_in_vietnamese(client, board):
    client.force_login(board)
    response = client.post(reverse("blocs:bloc-create"), {"name": "", "kind": "khoi"})
    assert "Hãy nhập tên khối, cụm thi đua." in response.content.decode()


def test_bloc_create_is_forbidden_to_a_viewer(client, viewer):
    assert status_for(client, viewer, reverse("blocs:bloc-create")) == 403


def test_board_edits_a_bloc(client, board, bloc_year):
    bloc = bloc_year.bloc
    client.force_login(board)
    data = {
        "name": "Khối Nội chính tỉnh",
        "kind": "khoi",
        "active_from": "2024-01-01",
        "active_to": "",
    }
    assert (
        client.post(reverse("blocs:bloc-update", args=[bloc.pk]), data).status_code
        == 302
    )
    bloc.refresh_from_db()
    assert (bloc.name, bloc.active_from) == (
        "Khối Nội chính tỉnh",
        datetime.date(2024, 1, 1),
    )


def test_bloc_update_refuses_dates_in_the_wrong_order(client, board, bloc_year):
    client.force_login(board)
    data = {
        "name": "X",
        "kind": "khoi",
        "active_from": "01/01/2025",
        "active_to": "31/12/2024",
    }
    response = client.post(reverse("blocs:bloc-update", args=[bloc_year.bloc.pk]), data)
    assert response.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    bloc_year.bloc.refresh_from_db()
    assert bloc_year.bloc.name != "X"


@pytest.mark.parametrize("actor", ["outsider", "chair_secretary"])
def test_bloc_update_is_forbidden(client, request, actor, bloc_year):
    url = reverse("blocs:bloc-update", args=[bloc_year.bloc.pk])
    assert status_for(client, request.getfixturevalue(actor), url) == 403


def test_bloc_update_of_a_missing_bloc_is_404(client, board):
    assert status_for(client, board, reverse("blocs:bloc-update", args=[999999])) == 404


# --- Bloc-year creation -----------------------------------------------------------


def test_board_creates_a_bloc_year(client, board, bloc_year):
    client.force_login(board)
    url = reverse("blocs:blocyear-create", args=[bloc_year.bloc.pk])
    response = client.post(url, {"year": "2027", "theme": "Đoàn kết, sáng tạo"})
    created = BlocYear.objects.get(bloc=bloc_year.bloc, year=2027)
    assert created.theme == "Đoàn kết, sáng tạo"
    assert response["Location"] == reverse("blocs:blocyear-members", args=[created.pk])


def test_blocyear_create_refuses_an_existing_year(client, board, bloc_year):
    client.force_login(board)
    url = reverse("blocs:blocyear-create", args=[bloc_year.bloc.pk])
    response = client.post(url, {"year": "2026"})
    assert response.status_code == 400
    assert "Khối đã có năm thi đua 2026." in response.content.decode()


def test_blocyear_create_refuses_a_silly_year(client, board, bloc_year):
    client.force_login(board)
    response = client.post(
        reverse("blocs:blocyear-create", args=[bloc_year.bloc.pk]), {"year": "26"}
    )
    assert "Năm phải từ 2000 đến 2100." in response.content.decode()


def test_blocyear_create_is_forbidden_to_the_chair(client, chair_secretary, bloc_year):
    client.force_login(chair_secretary)
    url = reverse("blocs:blocyear-create", args=[bloc_year.bloc.pk])
    assert client.post(url, {"year": "2027"}).status_code == 403
    assert not BlocYear.objects.filter(year=2027).exists()


# --- Members ----------------------------------------------------------------------


def test_members_page_lists_members_and_offers_the_councils_units(
    client, board, bloc_year
):
    free = UnitFactory(council=bloc_year.bloc.council, name="Sở Tư pháp")
    client.force_login(board)
    response = client.get(reverse("blocs:blocyear-members", args=[bloc_year.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert _chair(bloc_year).unit.name in html
    assert f'<option value="{free.pk}">Sở Tư pháp</option>' in html


@pytest.mark.parametrize("n", [2, 15])
def test_members_page_query_count_is_constant(
    client, board, council, django_assert_num_queries, n
):
    by = make_bloc_year(council=council, n_members=n)
    other = make_bloc_year(council=council, n_members=n)  # offered, "in another bloc"
    for _ in range(n):
        UnitFactory(council=council)  # offered, free
    client.force_login(board)
    # session, user, bloc-year with bloc and council; the units that may join, their
    # memberships of the year with bloc-year and bloc, the members with units; user's
    # council (header).
    with django_assert_num_queries(7):
        response = client.get(reverse("blocs:blocyear-members", args=[by.pk]))
    assert response.status_code == 200
    assert other.bloc.name in response.content.decode()


def test_board_adds_a_member(client, board, bloc_year):
    unit = UnitFactory(council=bloc_year.bloc.council)
    client.force_login(board)
    url = reverse("blocs:blocyear-members", args=[bloc_year.pk])
    response = client.post(url, {"unit": unit.pk, "joined_on": "15/04/2026"})
    assert response.status_code == 302
    membership = Membership.objects.get(bloc_year=bloc_year, unit=unit)
    assert (membership.role, membership.joined_on) == (
        Membership.Role.MEMBER,
        datetime.date(2026, 4, 15),
    )


def test_adding_a_unit_of_another_bloc_that_year_is_refused_with_a_form_error(
    client, board, bloc_year
):
    other = make_bloc_year(
        council=bloc_year.bloc.council, n_members=1, name="Cụm thi đua số 1"
    )
    unit = other.memberships.get().unit
    client.force_login(board)
    response = client.post(
        reverse("blocs:blocyear-members", args=[bloc_year.pk]), {"unit": unit.pk}
    )
    assert response.status_code == 400
    assert (
        "Đơn vị đã thuộc Cụm thi đua số 1 trong năm 2026." in response.content.decode()
    )
    assert not Membership.objects.filter(bloc_year=bloc_year, unit=unit).exists()


def test_adding_a_unit_of_another_council_is_refused(
    client, board, bloc_year, other_council
):
    unit = UnitFactory(council=other_council)
    client.force_login(board)
    response = client.post(
        reverse("blocs:blocyear-members", args=[bloc_year.pk]), {"unit": unit.pk}
    )
    assert response.status_code == 400
    assert "Đơn vị không hợp lệ hoặc không thuộc hội đồng." in response.content.decode()


def test_adding_without_a_unit_says_so(client, board, bloc_year):
    client.force_login(board)
    response = client.post(
        reverse("blocs:blocyear-members", args=[bloc_year.pk]), {"unit": ""}
    )
    assert "Hãy chọn đơn vị." in response.content.decode()


@pytest.mark.parametrize("actor", ["chair_secretary", "viewer", "outsider"])
def test_members_page_is_forbidden(client, request, actor, bloc_year):
    url = reverse("blocs:blocyear-members", args=[bloc_year.pk])
    assert status_for(client, request.getfixturevalue(actor), url) == 403


def test_members_page_of_a_missing_year_is_404(client, board):
    url = reverse("blocs:blocyear-members", args=[999999])
    assert status_for(client, board, url) == 404


def test_board_removes_a_plain_member(client, board, bloc_year):
    member = _plain_member(bloc_year)
    client.force_login(board)
    url = reverse("blocs:blocyear-member-remove", args=[bloc_year.pk, member.pk])
    response = client.post(url, follow=True)
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert f"Đã bỏ {member.unit.name} khỏi khối." in response.content.decode()


def test_removing_the_chair_is_refused_with_a_message(client, board, bloc_year):
    chair = _chair(bloc_year)
    client.force_login(board)
    url = reverse("blocs:blocyear-member-remove", args=[bloc_year.pk, chair.pk])
    response = client.post(url, follow=True)
    assert Membership.objects.filter(pk=chair.pk).exists()
    assert "Không thể bỏ" in response.content.decode()


def test_member_remove_is_post_only(client, board, bloc_year):
    client.force_login(board)
    url = reverse(
        "blocs:blocyear-member-remove", args=[bloc_year.pk, _plain_member(bloc_year).pk]
    )
    assert client.get(url).status_code == 405


def test_member_remove_of_another_years_membership_is_404(client, board, bloc_year):
    other = make_bloc_year(
        council=bloc_year.bloc.council, n_members=1, name="Khối khác"
    )
    client.force_login(board)
    url = reverse(
        "blocs:blocyear-member-remove", args=[bloc_year.pk, other.memberships.get().pk]
    )
    assert client.post(url).status_code == 404


def test_member_remove_is_forbidden_to_the_chair(client, chair_secretary, bloc_year):
    member = _plain_member(bloc_year)
    client.force_login(chair_secretary)
    url = reverse("blocs:blocyear-member-remove", args=[bloc_year.pk, member.pk])
    assert client.post(url).status_code == 403
    assert Membership.objects.filter(pk=member.pk).exists()


# --- Rotation order ---------------------------------------------------------------


def test_rotation_form_lists_rotation_units_and_this_years_members(
    client, board, bloc_year
):
    client.force_login(board)
    response = client.get(reverse("blocs:bloc-rotation", args=[bloc_year.bloc.pk]))
    assert response.status_code == 200
    for m in bloc_year.memberships.select_related("unit"):
        assert m.unit.name in response.content.decode()


@pytest.mark.parametrize("n", [2, 15])
def test_rotation_page_query_count_is_constant(
    client, board, council, django_assert_num_queries, n
):
    by = make_bloc_year(council=council, n_members=2 * n)
    units = [m.unit for m in by.memberships.order_by("id")]
    for position, unit in enumerate(units[:n], start=1):
        RotationSlotFactory(bloc=by.bloc, unit=unit, position=position)
    client.force_login(board)
    # session, user, bloc with council; the rotation slots with units, the latest
    # year, its members with units; user's council (header).
    with django_assert_num_queries(7):
        response = client.get(reverse("blocs:bloc-rotation", args=[by.bloc.pk]))
    assert response.status_code == 200


def test_board_sets_the_rotation_order(client, board, bloc_year):
    units = [
        m.unit for m in bloc_year.memberships.select_related("unit").order_by("id")
    ]
    client.force_login(board)
    # Positions 10, 3 and 7; the last unit left out of the rotation.
    data = {
        f"unit_{units[0].pk}": "10",
        f"unit_{units[1].pk}": "3",
        f"unit_{units[2].pk}": "7",
    }
    response = client.post(
        reverse("blocs:bloc-rotation", args=[bloc_year.bloc.pk]), data
    )
    assert response.status_code == 302
    slots = list(
        RotationSlot.objects.filter(bloc=bloc_year.bloc).values_list(
            "unit_id", "position"
        )
    )
    assert slots == [(units[1].pk, 1), (units[2].pk, 2), (units[0].pk, 3)]


def test_rotation_refuses_a_repeated_position(client, board, bloc_year):
    units = [
        m.unit for m in bloc_year.memberships.select_related("unit").order_by("id")
    ]
    RotationSlotFactory(bloc=bloc_year.bloc, unit=units[0], position=1)
    client.force_login(board)
    data = {f"unit_{units[0].pk}": "1", f"unit_{units[1].pk}": "1"}
    response = client.post(
        reverse("blocs:bloc-rotation", args=[bloc_year.bloc.pk]), data
    )
    assert response.status_code == 400
    assert f"Thứ tự 1 bị trùng với {units[0].name}." in response.content.decode()
    assert list(
        RotationSlot.objects.filter(bloc=bloc_year.bloc).values_list(
            "unit_id", flat=True
        )
    ) == [units[0].pk]


def test_rotation_refuses_a_negative_or_empty_order(client, board, bloc_year):
    unit = bloc_year.memberships.first().unit
    client.force_login(board)
    url = reverse("blocs:bloc-rotation", args=[bloc_year.bloc.pk])
    assert (
        "Thứ tự phải từ 1 trở lên."
        in client.post(url, {f"unit_{unit.pk}": "0"}).content.decode()
    )
    assert (
        "Hãy xếp thứ tự cho ít nhất một đơn vị."
        in client.post(url, {}).content.decode()
    )


@pytest.mark.parametrize("actor", ["chair_secretary", "outsider"])
def test_rotation_is_forbidden(client, request, actor, bloc_year):
    url = reverse("blocs:bloc-rotation", args=[bloc_year.bloc.pk])
    assert status_for(client, request.getfixturevalue(actor), url) == 403


# --- Theme and meeting dates (chair's tools) --------------------------------------


SCHEDULE_POST = {
    "theme": "Đoàn kết, kỷ cương, trách nhiệm, sáng tạo",
    "launch_meeting_on": "10/03/2026",
    "midyear_meeting_on": "15/07/2026",
    "yearend_meeting_on": "2026-12-18",
    "flag_handover_on": "19/12/2025",
}


@pytest.mark.parametrize("actor", ["chair_secretary", "vice_secretary", "board"])
def test_chair_vice_chair_and_board_set_theme_and_meeting_dates(
    client, request, actor, bloc_year
):
    client.force_login(request.getfixturevalue(actor))
    response = client.post(
        reverse("blocs:blocyear-schedule", args=[bloc_year.pk]), SCHEDULE_POST
    )
    assert (
        response.status_code == 302
        and response["Location"] == bloc_year.get_absolute_url()
    )
    bloc_year.refresh_from_db()
    assert bloc_year.theme == "Đoàn kết, kỷ cương, trách nhiệm, sáng tạo"
    assert bloc_year.launch_meeting_on == datetime.date(2026, 3, 10)
    assert bloc_year.yearend_meeting_on == datetime.date(2026, 12, 18)
    assert bloc_year.flag_handover_on == datetime.date(2025, 12, 19)


def test_schedule_form_shows_the_current_values(client, chair_secretary, bloc_year):
    bloc_year.theme = "Chủ đề cũ"
    bloc_year.save()
    client.force_login(chair_secretary)
    response = client.get(reverse("blocs:blocyear-schedule", args=[bloc_year.pk]))
    assert response.status_code == 200
    assert 'value="Chủ đề cũ"' in response.content.decode()


def test_schedule_refuses_meetings_out_of_order(client, chair_secretary, bloc_year):
    client.force_login(chair_secretary)
    data = {**SCHEDULE_POST, "midyear_meeting_on": "01/02/2026"}
    response = client.post(
        reverse("blocs:blocyear-schedule", args=[bloc_year.pk]), data
    )
    assert response.status_code == 400
    assert "Hội nghị sơ kết phải sau hội nghị phát động." in response.content.decode()
    bloc_year.refresh_from_db()
    assert bloc_year.theme == ""


def test_schedule_refuses_a_badly_typed_date(client, chair_secretary, bloc_year):
    client.force_login(chair_secretary)
    data = {**SCHEDULE_POST, "flag_handover_on": "19/12/2206"}  # 2206 for 2026
    response = client.post(
        reverse("blocs:blocyear-schedule", args=[bloc_year.pk]), data
    )
    assert response.status_code == 400
    assert (
        "Ngày phải nằm trong khoảng từ 01/01/2025 đến 31/12/2027."
        in response.content.decode()
    )
    bloc_year.refresh_from_db()
    assert bloc_year.flag_handover_on is None


@pytest.mark.parametrize("actor", ["secretary", "viewer", "outsider"])
def test_schedule_is_forbidden_to_others(client, request, actor, bloc_year):
    client.force_login(request.getfixturevalue(actor))
    assert (
        client.post(
            reverse("blocs:blocyear-schedule", args=[bloc_year.pk]), SCHEDULE_POST
        ).status_code
        == 403
    )
    bloc_year.refresh_from_db()
    assert bloc_year.theme == ""


def test_schedule_is_forbidden_to_a_chair_not_yet_approved(client, council):
    by = make_bloc_year(council=council, approved=False)
    chair = UserFactory(role=User.Role.SECRETARY, council=council, unit=_chair(by).unit)
    url = reverse("blocs:blocyear-schedule", args=[by.pk])
    assert status_for(client, chair, url) == 403


def test_schedule_of_a_missing_year_is_404(client, board):
    url = reverse("blocs:blocyear-schedule", args=[999999])
    assert status_for(client, board, url) == 404


def test_schedule_redirects_anonymous_to_login(client, bloc_year):
    response = client.get(reverse("blocs:blocyear-schedule", args=[bloc_year.pk]))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


# --- Bloc list --------------------------------------------------------------------


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
    assert unit_of(bloc_year, Membership.Role.CHAIR).name in html
    assert "Đoàn kết, kỷ cương" in html
    assert "Thêm khối, cụm" not in html  # board staff only


def test_bloc_list_takes_the_year_from_the_header_selector(client, viewer, bloc_year):
    later = make_bloc_year(
        council=bloc_year.bloc.council, year=2027, name="Khối chỉ có năm 2027"
    )
    client.force_login(viewer)
    select_year(client, 2027)
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
    assert_login_redirect(client, reverse("blocs:bloc-list"))


@pytest.mark.parametrize("n_blocs", [2, 8])
def test_bloc_list_query_count_is_constant(
    client, board, council, django_assert_num_queries, n_blocs
):
    for _ in range(n_blocs):
        make_bloc_year(council=council, n_members=3)
        BlocFactory(council=council)  # a bloc without a year
    client.force_login(board)
    # session, user, count (paginator), blocs without a year, user's council (header),
    # bloc-years page with member counts, their chairs and vice-chairs.
    with django_assert_num_queries(7):
        assert client.get(reverse("blocs:bloc-list"), {"year": 2026}).status_code == 200


# --- Bloc page --------------------------------------------------------------------


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


# --- Bloc-year page (dashboard.views.blocyear_detail, blocs.selectors.bloc_year_page)


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
    new_chair = unit_of(bloc_year, Membership.Role.CHAIR).name
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
    election = make_election(
        bloc_year.bloc, 2027, unit_of(bloc_year, Membership.Role.CHAIR)
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


# --- Unit list --------------------------------------------------------------------


def test_unit_list_shows_units_with_their_bloc_of_the_year(client, viewer, bloc_year):
    UnitFactory(council=bloc_year.bloc.council, name="Sở Tư pháp", status="merged")
    client.force_login(viewer)
    response = client.get(reverse("blocs:unit-list"), {"year": 2026})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sở Tư pháp" in html and "Đã sáp nhập" in html
    assert (
        unit_of(bloc_year, Membership.Role.CHAIR).name in html
        and bloc_year.bloc.name in html
    )
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
    assert_login_redirect(client, reverse("blocs:unit-list"))


def test_unit_list_shows_only_the_users_council(client, outsider, bloc_year):
    client.force_login(outsider)
    html = client.get(reverse("blocs:unit-list")).content.decode()
    assert unit_of(bloc_year, Membership.Role.CHAIR).name not in html


@pytest.mark.parametrize("size", [3, 12])
def test_unit_list_query_count_is_constant(
    client, board, council, django_assert_num_queries, size
):
    make_bloc_year(council=council, n_members=size)
    client.force_login(board)
    # session, user, count, user's council (header), units page, their memberships of
    # the year with bloc-year and bloc.
    with django_assert_num_queries(6):
        assert client.get(reverse("blocs:unit-list"), {"year": 2026}).status_code == 200


# --- Unit page --------------------------------------------------------------------


def test_unit_page_shows_contact_status_and_blocs_by_year(client, viewer, bloc_year):
    unit = unit_of(bloc_year, Membership.Role.CHAIR)
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
    succeed(grand, a, on=datetime.date(2007, 1, 1), kind=Succession.Kind.RENAME)
    succeed(a, c)
    succeed(b, c)
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
    succeed(old, new, kind=Succession.Kind.RENAME)
    client.force_login(viewer)
    html = client.get(old.get_absolute_url()).content.decode()
    assert new.get_absolute_url() in html and "Đổi tên" in html


def test_unit_page_shows_edit_buttons_to_board_only(client, board, viewer, bloc_year):
    unit = unit_of(bloc_year, Membership.Role.CHAIR)
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


# The pages of a bloc, a bloc-year and a unit: each URL name with the object it shows.
PAGES = {
    "bloc": ("blocs:bloc-detail", lambda bloc_year: bloc_year.bloc),
    "bloc-year": ("blocyear-detail", lambda bloc_year: bloc_year),
    "unit": (
        "blocs:unit-detail",
        lambda bloc_year: unit_of(bloc_year, Membership.Role.CHAIR),
    ),
}


def page_url(page: str, bloc_year) -> str:
    name, shown = PAGES[page]
    return reverse(name, args=[shown(bloc_year).pk])


@pytest.mark.parametrize("page", PAGES)
def test_page_is_forbidden_to_another_council(client, outsider, bloc_year, page):
    assert status_for(client, outsider, page_url(page, bloc_year)) == 403


@pytest.mark.parametrize("page", PAGES)
def test_page_of_a_missing_object_is_404(client, viewer, page):
    url = reverse(PAGES[page][0], args=[999999])
    assert status_for(client, viewer, url) == 404


@pytest.mark.parametrize("page", PAGES)
def test_page_redirects_anonymous_to_login(client, bloc_year, page):
    assert_login_redirect(client, page_url(page, bloc_year))


@pytest.mark.parametrize("size", [2, 8])
def test_unit_page_query_count_is_constant(
    client, board, council, django_assert_num_queries, size
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
        succeed(predecessor, unit)
        MembershipFactory(
            bloc_year=BlocYear.objects.create(
                bloc=BlocFactory(council=council), year=2020
            ),
            unit=predecessor,
        )
        succeed(unit, UnitFactory(council=council), on=datetime.date(2026, 1, 1))
    client.force_login(board)
    # session, user, unit with council, predecessors (one generation) and the end of the
    # walk, the predecessors' memberships, the unit's memberships, its successors, user's
    # council (header).
    with django_assert_num_queries(9):
        assert client.get(unit.get_absolute_url()).status_code == 200


# --- Selectors: unit_lineage ------------------------------------------------------


def test_lineage_is_transitive_and_nearest_generation_first(council):
    a, b, c, d = (
        UnitFactory(council=council, name=n) for n in ("Sở A", "Sở B", "Sở C", "Sở D")
    )
    succeed(a, b, on=datetime.date(2020, 1, 1))  # A → B
    succeed(b, d)  # B + C → D
    succeed(c, d)
    lineage = selectors.unit_lineage(d)
    assert [(e.unit.name, e.depth) for e in lineage] == [
        ("Sở B", 1),
        ("Sở C", 1),
        ("Sở A", 2),
    ]
    # Each link knows the unit it leads to, without a query.
    assert lineage[2].succession.successor == b


def test_lineage_of_a_unit_without_predecessors_is_empty(council):
    assert selectors.unit_lineage(UnitFactory(council=council)) == []


def test_lineage_stops_on_a_loop_in_the_data(council):
    a, b = UnitFactory(council=council), UnitFactory(council=council)
    succeed(a, b)
    succeed(b, a)  # bad data: a cycle
    lineage = selectors.unit_lineage(b)
    assert [e.unit for e in lineage] == [a]


def test_lineage_visits_a_shared_ancestor_once(council):
    root, left, right, child = (UnitFactory(council=council) for _ in range(4))
    succeed(root, left)
    succeed(root, right)  # split, then merged back
    succeed(left, child)
    succeed(right, child)
    units = [e.unit for e in selectors.unit_lineage(child)]
    assert units.count(root) == 1
    assert len(units) == 3


@pytest.mark.parametrize("generations", [3, 6])
def test_lineage_takes_one_query_per_generation(
    council, django_assert_num_queries, generations
):
    chain = [UnitFactory(council=council) for _ in range(generations + 1)]
    for older, newer in zip(chain, chain[1:], strict=False):
        succeed(older, newer)
    # One query per generation back, plus the query that finds the end of the chain.
    with django_assert_num_queries(generations + 1):
        lineage = selectors.unit_lineage(chain[-1])
    assert [e.depth for e in lineage] == list(range(1, generations + 1))


def test_lineage_with_history_lists_each_predecessors_blocs_and_chairs(council):
    old, new = (
        UnitFactory(council=council, name="Cục Thi hành án"),
        UnitFactory(council=council),
    )
    succeed(old, new, kind=Succession.Kind.RENAME)
    by_2023 = make_bloc_year(
        council=council, n_members=0, year=2023, name="Khối Nội chính"
    )
    by_2024 = BlocYearFactory(bloc=by_2023.bloc, year=2024)
    MembershipFactory(bloc_year=by_2023, unit=old, role=Membership.Role.CHAIR)
    MembershipFactory(bloc_year=by_2024, unit=old, role=Membership.Role.VICE_CHAIR)
    [entry] = selectors.lineage_with_history(new)
    assert [m.year for m in entry.memberships] == [2024, 2023]
    assert entry.chair_years == [2023]
    assert entry.vice_chair_years == [2024]


# --- Selectors: the bloc-year page's reads ----------------------------------------


def test_members_are_in_vietnamese_order(council):
    by = make_bloc_year(council=council, n_members=0)
    names = [
        "Ủy ban Kiểm tra",
        "Đảng ủy Khối",
        "Doanh nghiệp Tư nhân",
        "Ban Tổ chức",
        "Ấp Bắc",
        "An Giang",
    ]
    for name in names:
        MembershipFactory(bloc_year=by, unit=UnitFactory(council=council, name=name))
    got = [m.unit.name for m in selectors.bloc_year_members(bloc_year=by)]
    # Not code-point order (which would put Ấ, Đ and Ủ last).
    assert got == [
        "An Giang",
        "Ấp Bắc",
        "Ban Tổ chức",
        "Doanh nghiệp Tư nhân",
        "Đảng ủy Khối",
        "Ủy ban Kiểm tra",
    ]


@pytest.mark.parametrize("earlier", [0, 6])
def test_years_of_a_bloc_carry_chair_vice_chairs_and_the_previous_chair(
    council, django_assert_num_queries, earlier
):
    first = make_bloc_year(council=council, n_members=3, year=2024)
    second = BlocYearFactory(bloc=first.bloc, year=2025)
    units = [m.unit for m in first.memberships.order_by("id")]
    MembershipFactory(bloc_year=second, unit=units[1], role=Membership.Role.CHAIR)
    MembershipFactory(bloc_year=second, unit=units[2], role=Membership.Role.VICE_CHAIR)
    for year in range(2024 - earlier, 2024):  # older years, each with a chair
        older = BlocYearFactory(bloc=first.bloc, year=year)
        MembershipFactory(bloc_year=older, unit=units[0], role=Membership.Role.CHAIR)
    with django_assert_num_queries(2):  # the years, their chair and vice-chair rows
        years = selectors.bloc_years_of_bloc(bloc=first.bloc)[earlier:]
    assert [e.bloc_year.year for e in years] == [2024, 2025]
    assert years[0].chair == units[0]
    assert years[0].previous_chair == (units[0] if earlier else None)
    assert years[1].chair == units[1] and years[1].vice_chairs == [units[2]]
    assert years[1].previous_chair == units[0]  # who handed the flag over


def test_rotation_is_in_position_order(council):
    bloc = BlocFactory(council=council)
    late = RotationSlotFactory(bloc=bloc, position=5)
    early = RotationSlotFactory(bloc=bloc, position=2)
    assert [s.pk for s in selectors.rotation_of_bloc(bloc=bloc)] == [early.pk, late.pk]


def test_addable_units_say_which_are_in_another_bloc(council, bloc_year):
    other = make_bloc_year(council=council, n_members=1, name="Cụm thi đua số 1")
    free = UnitFactory(council=council, name="Sở Tư pháp")
    by_pk = {u.pk: u for u in selectors.addable_units(bloc_year=bloc_year)}
    taken = other.memberships.get().unit
    assert by_pk[taken.pk].other_bloc == other.bloc
    assert by_pk[free.pk].other_bloc is None
    # Units already in this bloc-year are not offered.
    assert not set(bloc_year.memberships.values_list("unit_id", flat=True)) & set(by_pk)


def test_blocs_without_year_lists_only_blocs_missing_that_year(council, bloc_year):
    empty = BlocFactory(council=council, name="Cụm thi đua mới")
    BlocFactory()  # another council
    assert list(
        selectors.blocs_without_year(council_id=council.pk, year=bloc_year.year)
    ) == [empty]


def test_units_for_council_carry_their_membership_of_the_year(council, bloc_year):
    UnitFactory(council=council, name="Sở Không Khối")
    units = list(
        selectors.units_for_council(council_id=council.pk, year=bloc_year.year)
    )
    with_bloc = [u for u in units if u.year_memberships]
    assert len(with_bloc) == 4
    assert all(
        u.year_memberships[0].bloc_year.bloc == bloc_year.bloc for u in with_bloc
    )
