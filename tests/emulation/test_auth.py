"""Login, logout, password change and the year switch, in Vietnamese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "matkhau-thu-nghiem"  # tests.factories.UserFactory


def test_login_page_is_public_and_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Tên đăng nhập" in html and "Mật khẩu" in html


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/"


def test_login_with_the_right_password_opens_the_dashboard(client, board):
    response = client.post(
        reverse("login"), {"username": "board", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_login_follows_a_safe_next_and_ignores_another_site(client, board):
    response = client.post(
        reverse("login") + "?next=/doi-mat-khau/",
        {"username": "board", "password": PASSWORD},
    )
    assert response["Location"] == "/doi-mat-khau/"
    client.logout()
    response = client.post(
        reverse("login"),
        {"username": "board", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("dashboard")


def test_a_wrong_password_is_refused_in_vietnamese(client, board):
    response = client.post(
        reverse("login"), {"username": "board", "password": "sai-mat-khau"}
    )
    assert response.status_code == 200
    assert (
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác"
        in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_an_inactive_user_cannot_log_in(client, db):
    UserFactory(username="nghiviec", is_active=False)
    response = client.post(
        reverse("login"), {"username": "nghiviec", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_logged_in_user_skips_the_login_page(client, board):
    client.force_login(board)
    response = client.get(reverse("login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_logout_is_post_only(client, board):
    client.force_login(board)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get(reverse("dashboard")).status_code == 302


def test_the_header_offers_logout_and_password_change(client, board):
    client.force_login(board)
    html = client.get(reverse("dashboard")).content.decode()
    assert f'action="{reverse("logout")}"' in html
    assert reverse("password_change") in html
    assert "Đăng xuất" in html and "Đổi mật khẩu" in html


# --- Password change --------------------------------------------------------------------


def test_password_change_needs_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_change_page(client, board):
    client.force_login(board)
    response = client.get(reverse("password_change"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mật khẩu cũ" in html and "Mật khẩu mới" in html
    # Django's validators explain themselves in Vietnamese.
    assert "Mật khẩu của bạn phải chứa ít nhất 8 ký tự" in html


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("Ab1!", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("12345678", "Mật khẩu này quá phổ biến."),
        ("83920174615", "Mật khẩu này hoàn toàn là số."),
        ("board123", "Mật khẩu quá giống với Tên đăng nhập."),
    ],
)
def test_password_validators_refuse_weak_passwords_in_vietnamese(
    client, board, new_password, message
):
    client.force_login(board)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    board.refresh_from_db()
    assert board.check_password(PASSWORD)


def test_password_change_checks_the_old_password(client, board):
    client.force_login(board)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "khong-dung",
            "new_password1": "Hoa-Sen-2026!",
            "new_password2": "Hoa-Sen-2026!",
        },
    )
    assert response.status_code == 200
    assert "Mật khẩu cũ không chính xác" in response.content.decode()


def test_password_change_saves_and_keeps_the_session(client, board):
    client.force_login(board)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Hoa-Sen-2026!",
            "new_password2": "Hoa-Sen-2026!",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    done = client.get(response["Location"])
    assert "Mật khẩu của bạn đã được thay đổi." in done.content.decode()
    board.refresh_from_db()
    assert board.check_password("Hoa-Sen-2026!")


# --- Year switch in the header ------------------------------------------------------------


def test_year_select_remembers_the_year_and_returns(client, board, today):
    client.force_login(board)
    response = client.post(
        reverse("year-select"), {"year": "2025", "next": "/doi-mat-khau/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/doi-mat-khau/"
    assert "Năm thi đua 2025" in client.get(reverse("dashboard")).content.decode()


def test_year_select_refuses_a_bad_year_and_a_foreign_next(client, board, today):
    client.force_login(board)
    response = client.post(
        reverse("year-select"),
        {"year": "abc", "next": "https://evil.example/"},
        follow=True,
    )
    assert response.redirect_chain[0][0] == "/"
    assert "Năm không hợp lệ." in response.content.decode()
    assert "Năm thi đua 2026" in response.content.decode()  # unchanged


def test_year_select_is_post_only_and_needs_login(client, board):
    assert (
        client.post(reverse("year-select"), {"year": "2025"}).status_code == 302
    )  # to login
    client.force_login(board)
    assert client.get(reverse("year-select")).status_code == 405
