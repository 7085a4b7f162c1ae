"""A user's unit belongs to the user's council (model, admin), unit choices name their
council, and the admin's user pages are in Vietnamese."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from emulation.models import User
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def police_nghe_an(council):
    return UnitFactory(council=council, name="Công an tỉnh")


@pytest.fixture
def police_ha_tinh(other_council):
    return UnitFactory(council=other_council, name="Công an tỉnh")


@pytest.fixture
def admin_client(client, council):
    client.force_login(
        UserFactory(username="root", is_superuser=True, is_staff=True, council=council)
    )
    return client


def change_url(user) -> str:
    return f"/quan-tri/emulation/user/{user.pk}/change/"


def form_data(user, **changes) -> dict:
    joined = timezone.localtime(user.date_joined)
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "date_joined_0": joined.strftime("%d/%m/%Y"),
        "date_joined_1": joined.strftime("%H:%M:%S"),
        "full_name": user.full_name,
        "position": "",
        "phone": "",
        "role": user.role,
        "council": user.council_id or "",
        "unit": user.unit_id or "",
        "language": "",
    }
    data.update(changes)
    return data


def save_as_secretary_of(admin_client, user, unit):
    """Save the user's admin change form as a secretary of `unit`."""
    data = form_data(user, role="secretary", unit=unit.pk)
    return admin_client.post(change_url(user), data)


# --- The model -------------------------------------------------------------------------


def test_a_unit_of_another_council_is_refused(other_council, police_nghe_an):
    user = User(
        username="thuky",
        role=User.Role.SECRETARY,
        council=other_council,
        unit=police_nghe_an,
    )
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    message = error.value.message_dict["unit"][0]
    assert "Công an tỉnh" in message
    assert "tỉnh Nghệ An" in message and "tỉnh Hà Tĩnh" in message


def test_a_unit_of_the_council_is_accepted(council, police_nghe_an):
    user = User(
        username="thuky", role=User.Role.SECRETARY, council=council, unit=police_nghe_an
    )
    user.full_clean(exclude=["password"])


def test_without_a_council_the_units_council_is_taken(police_nghe_an):
    user = User(username="thuky", role=User.Role.SECRETARY, unit=police_nghe_an)
    user.full_clean(exclude=["password"])
    assert user.council == police_nghe_an.council


# --- The admin -------------------------------------------------------------------------


def test_the_admin_refuses_a_unit_of_another_council(
    admin_client, other_council, police_nghe_an
):
    secretary = UserFactory(username="thuky", council=other_council)
    response = save_as_secretary_of(admin_client, secretary, police_nghe_an)
    assert response.status_code == 200  # the form again, with the error
    assert "không thuộc Hội đồng Thi đua – Khen thưởng tỉnh Hà Tĩnh" in (
        response.content.decode()
    )
    secretary.refresh_from_db()
    assert secretary.unit is None


def test_the_admin_saves_a_unit_of_the_council(
    admin_client, other_council, police_ha_tinh
):
    secretary = UserFactory(username="thuky", council=other_council)
    response = save_as_secretary_of(admin_client, secretary, police_ha_tinh)
    assert response.status_code == 302
    secretary.refresh_from_db()
    assert secretary.unit == police_ha_tinh


def test_the_chosen_unit_shows_its_council(admin_client, council, police_nghe_an):
    secretary = UserFactory(
        username="thuky", role="secretary", council=council, unit=police_nghe_an
    )
    html = admin_client.get(change_url(secretary)).content.decode()
    assert "Công an tỉnh — Nghệ An" in html
    assert "js/admin-user-unit.js" in html


def test_the_unit_search_names_and_filters_by_council(
    admin_client, council, other_council, police_nghe_an, police_ha_tinh
):
    url = "/quan-tri/autocomplete/"
    params = {
        "app_label": "emulation",
        "model_name": "user",
        "field_name": "unit",
        "term": "Công an",
    }
    everything = admin_client.get(url, params).json()["results"]
    assert {r["text"] for r in everything} == {
        "Công an tỉnh — Nghệ An",
        "Công an tỉnh — Hà Tĩnh",
    }
    only_ha_tinh = admin_client.get(url, {**params, "council": other_council.pk}).json()
    assert only_ha_tinh["results"] == [
        {"id": str(police_ha_tinh.pk), "text": "Công an tỉnh — Hà Tĩnh"}
    ]


def test_other_autocompletes_keep_their_labels(admin_client, police_nghe_an):
    response = admin_client.get(
        "/quan-tri/autocomplete/",
        {
            "app_label": "blocs",
            "model_name": "membership",
            "field_name": "unit",
            "term": "Công an",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Công an tỉnh"]


# --- Vietnamese in the admin -------------------------------------------------------------

ENGLISH_FIXED = [
    "Raw passwords are not stored",
    "Reset password",
    "Skip to main content",
    "Toggle theme",
    "Breadcrumbs",
    "Toggle navigation",
    "Filter navigation items",
    "View selected",
    "Add link",
    "Change or view list link",
    "Model name",
    "Sidebar",
    "Các mô models",
    "Django",
    "Sessions |",
]


def test_the_admin_user_page_has_no_english_left(admin_client, council, police_nghe_an):
    secretary = UserFactory(
        username="thuky", role="secretary", council=council, unit=police_nghe_an
    )
    html = admin_client.get(change_url(secretary)).content.decode()
    for english in ENGLISH_FIXED:
        assert english not in html, english
    for vietnamese in (
        "Mật khẩu không được lưu ở dạng gốc",
        "Đặt lại mật khẩu",
        "Chuyển tới nội dung chính",
        "Quản trị hệ thống Thi đua – Khen thưởng",
        "Các mô hình trong ứng dụng",
        "Ngôn ngữ",
        "Phiên đăng nhập |",
    ):
        assert vietnamese in html, vietnamese


def test_the_admin_add_and_list_pages_are_vietnamese(admin_client):
    add = admin_client.get("/quan-tri/emulation/user/add/").content.decode()
    assert "After you’ve created a user" not in add
    assert "Password-based authentication" not in add
    assert "Đăng nhập bằng mật khẩu" in add
    listing = admin_client.get("/quan-tri/emulation/user/").content.decode()
    assert "Show counts" not in listing and "Select all objects" not in listing
    index = admin_client.get("/quan-tri/").content.decode()
    assert "Đăng nhập sai" in index and "Lần đăng nhập sai" in index  # django-axes
    assert "Axes" not in index and "Access attempts" not in index


def test_the_admin_password_page_is_vietnamese(admin_client, council):
    user = UserFactory(username="thuky", council=council)
    html = admin_client.get(
        f"/quan-tri/emulation/user/{user.pk}/password/"
    ).content.decode()
    assert "If disabled" not in html and "Password-based authentication" not in html
    assert "Nếu tắt, mật khẩu hiện tại của người dùng này sẽ mất." in html


def test_the_admin_javascript_catalogue_is_vietnamese(admin_client):
    js = admin_client.get("/quan-tri/jsi18n/").content.decode()
    assert "Ch\\u1ecdn t\\u1ea5t c\\u1ea3 %s" in js or "Chọn tất cả %s" in js


def test_the_admin_stays_english_in_english():
    with translation.override("en"):
        assert translation.gettext("Reset password") == "Reset password"
        assert translation.gettext("Sessions") == "Sessions"


def test_the_vietnamese_catalogue_is_complete():
    for name in ("django.po", "djangojs.po"):
        po = polib.pofile(
            str(Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / name)
        )
        assert len(po) > 20
        assert po.untranslated_entries() == []
        assert po.fuzzy_entries() == []
        assert po.obsolete_entries() == []
