"""Board and chair forms: units, blocs, bloc-years, members, rotation, theme and meeting dates."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blocs import services
from blocs.models import Bloc, BlocYear, Membership, RotationSlot
from emulation.models import Unit
from tests.factories import (
    BlocFactory,
    RotationSlotFactory,
    UnitFactory,
    make_bloc_year,
    set_rules,
)

pytestmark = pytest.mark.django_db

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


# --- Services ------------------------------------------------------------------------


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


# --- Unit forms ----------------------------------------------------------------------


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
    client.force_login(secretary)
    assert (
        client.get(reverse("blocs:unit-update", args=[secretary.unit_id])).status_code
        == 403
    )


def test_unit_update_of_a_missing_unit_is_404(client, board):
    client.force_login(board)
    assert client.get(reverse("blocs:unit-update", args=[999999])).status_code == 404


# --- Bloc forms ----------------------------------------------------------------------


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
    client.force_login(viewer)
    assert client.get(reverse("blocs:bloc-create")).status_code == 403


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
    client.force_login(request.getfixturevalue(actor))
    assert (
        client.get(reverse("blocs:bloc-update", args=[bloc_year.bloc.pk])).status_code
        == 403
    )


def test_bloc_update_of_a_missing_bloc_is_404(client, board):
    client.force_login(board)
    assert client.get(reverse("blocs:bloc-update", args=[999999])).status_code == 404


# --- Bloc-year creation --------------------------------------------------------------


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


# --- Members -------------------------------------------------------------------------


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
    client.force_login(request.getfixturevalue(actor))
    assert (
        client.get(reverse("blocs:blocyear-members", args=[bloc_year.pk])).status_code
        == 403
    )


def test_members_page_of_a_missing_year_is_404(client, board):
    client.force_login(board)
    assert (
        client.get(reverse("blocs:blocyear-members", args=[999999])).status_code == 404
    )


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


# --- Rotation order ------------------------------------------------------------------


def test_rotation_form_lists_rotation_units_and_this_years_members(
    client, board, bloc_year
):
    client.force_login(board)
    response = client.get(reverse("blocs:bloc-rotation", args=[bloc_year.bloc.pk]))
    assert response.status_code == 200
    for m in bloc_year.memberships.select_related("unit"):
        assert m.unit.name in response.content.decode()


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
    client.force_login(request.getfixturevalue(actor))
    assert (
        client.get(reverse("blocs:bloc-rotation", args=[bloc_year.bloc.pk])).status_code
        == 403
    )


# --- Theme and meeting dates (chair's tools) -----------------------------------------

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
    from emulation.models import User
    from tests.factories import UserFactory

    by = make_bloc_year(council=council, approved=False)
    chair = UserFactory(role=User.Role.SECRETARY, council=council, unit=_chair(by).unit)
    client.force_login(chair)
    assert (
        client.get(reverse("blocs:blocyear-schedule", args=[by.pk])).status_code == 403
    )


def test_schedule_of_a_missing_year_is_404(client, board):
    client.force_login(board)
    assert (
        client.get(reverse("blocs:blocyear-schedule", args=[999999])).status_code == 404
    )


def test_schedule_redirects_anonymous_to_login(client, bloc_year):
    response = client.get(reverse("blocs:blocyear-schedule", args=[bloc_year.pk]))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
