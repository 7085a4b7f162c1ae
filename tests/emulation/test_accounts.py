"""Board staff help their council's users log in again: unlock a locked account, set a
new password. Both are recorded (PasswordEvent); other councils' users are out of reach."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from emulation.models import PasswordEvent, User
from tests.factories import UserFactory

PASSWORD = "matkhau-thu-nghiem"  # tests.factories.UserFactory
LOGIN = "/dang-nhap/"


def lock(username: str) -> None:
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": username, "password": "sai-mat-khau"})


def can_log_in(username: str, password: str = PASSWORD) -> bool:
    response = Client().post(LOGIN, {"username": username, "password": password})
    return response.status_code == 302


@pytest.fixture
def locked_secretary(secretary):
    lock(secretary.username)
    assert not can_log_in(secretary.username)
    return secretary


def test_board_sees_the_users_of_its_council_with_their_locks(
    client, board, locked_secretary, viewer, outsider
):
    UserFactory(
        username="root", is_superuser=True, is_staff=True, council=board.council
    )
    client.force_login(board)
    response = client.get(reverse("user-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tài khoản người dùng" in html
    assert locked_secretary.username in html and viewer.username in html
    assert outsider.username not in html  # another council
    assert ">root<" not in html  # the system administrator is not the board's
    assert "Tạm khóa đến" in html
    assert reverse("user-unlock", args=[locked_secretary.pk]) in html
    assert reverse("user-unlock", args=[viewer.pk]) not in html  # not locked
    assert reverse("user-set-password", args=[viewer.pk]) in html


def test_the_header_links_the_board_to_the_user_list(client, board, viewer):
    client.force_login(board)
    assert reverse("user-list") in client.get(reverse("dashboard")).content.decode()
    client.force_login(viewer)
    assert reverse("user-list") not in client.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("who", ["secretary", "viewer", "chair_secretary"])
def test_only_board_staff_may_open_the_user_list(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("user-list")).status_code == 403


def test_board_unlocks_a_user_of_its_council(client, board, locked_secretary):
    client.force_login(board)
    response = client.post(
        reverse("user-unlock", args=[locked_secretary.pk]), follow=True
    )
    assert "Đã mở khóa đăng nhập cho" in response.content.decode()
    assert can_log_in(locked_secretary.username)
    event = PasswordEvent.objects.get()
    assert event.user == locked_secretary
    assert event.kind == PasswordEvent.Kind.UNLOCK
    assert event.by == board
    assert "Ban mở khóa đăng nhập" in client.get(reverse("user-list")).content.decode()


def test_unlocking_an_account_that_is_not_locked_records_nothing(client, board, viewer):
    client.force_login(board)
    response = client.post(reverse("user-unlock", args=[viewer.pk]), follow=True)
    assert "không bị khóa" in response.content.decode()
    assert not PasswordEvent.objects.exists()


def test_unlock_is_post_only(client, board, viewer):
    client.force_login(board)
    assert client.get(reverse("user-unlock", args=[viewer.pk])).status_code == 405


def test_board_of_another_council_cannot_unlock_or_set_a_password(
    client, outsider, locked_secretary
):
    client.force_login(outsider)
    assert (
        client.post(reverse("user-unlock", args=[locked_secretary.pk])).status_code
        == 404
    )
    url = reverse("user-set-password", args=[locked_secretary.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        url, {"new_password1": "Hoa-Sen-2026!", "new_password2": "Hoa-Sen-2026!"}
    )
    assert response.status_code == 404
    assert not can_log_in(locked_secretary.username)
    assert not PasswordEvent.objects.exists()


def test_a_secretary_cannot_unlock_a_colleague(client, secretary, chair_secretary):
    lock(secretary.username)
    client.force_login(chair_secretary)
    assert client.post(reverse("user-unlock", args=[secretary.pk])).status_code == 404


def test_board_cannot_touch_a_superuser_or_itself(client, board):
    root = UserFactory(
        username="root", is_superuser=True, is_staff=True, council=board.council
    )
    client.force_login(board)
    for target in (root, board):
        url = reverse("user-set-password", args=[target.pk])
        assert client.get(url).status_code == 404


def test_board_sets_a_new_password_and_it_unlocks(client, board, locked_secretary):
    client.force_login(board)
    url = reverse("user-set-password", args=[locked_secretary.pk])
    page = client.get(url).content.decode()
    assert "Đặt mật khẩu mới" in page and "Mật khẩu mới" in page
    response = client.post(
        url, {"new_password1": "Hoa-Sen-2026!", "new_password2": "Hoa-Sen-2026!"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("user-list")
    assert can_log_in(locked_secretary.username, "Hoa-Sen-2026!")
    event = PasswordEvent.objects.values_list("user", "kind", "by").get()
    assert event == (locked_secretary.pk, PasswordEvent.Kind.SET_BY_BOARD, board.pk)


def test_the_new_password_is_validated_in_vietnamese(client, board, secretary):
    client.force_login(board)
    response = client.post(
        reverse("user-set-password", args=[secretary.pk]),
        {"new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Mật khẩu này quá phổ biến." in response.content.decode()
    secretary.refresh_from_db()
    assert secretary.check_password(PASSWORD)
    assert not PasswordEvent.objects.exists()


def test_password_events_are_append_only(board, secretary):
    event = PasswordEvent.objects.create(
        user=secretary, kind=PasswordEvent.Kind.UNLOCK, by=board
    )
    event.kind = PasswordEvent.Kind.RESET
    with pytest.raises(ValueError):
        event.save()
    assert PasswordEvent.objects.get().kind == PasswordEvent.Kind.UNLOCK
    assert User.objects.filter(pk=secretary.pk).exists()
