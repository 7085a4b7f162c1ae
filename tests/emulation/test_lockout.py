"""Failed logins are limited (django-axes): per account and per address, on the login
page and on the admin's, with a Vietnamese message that says when to retry."""

from __future__ import annotations

import datetime
import math

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from emulation import lockout
from tests.factories import UserFactory

PASSWORD = "matkhau-thu-nghiem"  # tests.factories.UserFactory
LOGIN = "/dang-nhap/"
ADMIN_LOGIN = "/quan-tri/login/"


def fail(client, username="board", times=1, url=LOGIN, **extra):
    response = None
    for _ in range(times):
        response = client.post(
            url, {"username": username, "password": "sai-mat-khau"}, **extra
        )
    return response


def expected_retry(username: str) -> tuple[int, str]:
    """Minutes and Vietnam's clock time the lock ends, from the recorded failures."""
    last = max(
        AccessAttempt.objects.filter(username=username).values_list(
            "attempt_time", flat=True
        )
    )
    until = last + datetime.timedelta(minutes=15)
    local = until.astimezone(lockout.VIETNAM)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    minutes = math.ceil((until - timezone.now()).total_seconds() / 60)
    return minutes, local.strftime("%H:%M")


def test_four_wrong_passwords_are_only_wrong_passwords(client, board):
    response = fail(client, times=4)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác" in html
    assert "tạm khóa" not in html
    response = client.post(LOGIN, {"username": "board", "password": PASSWORD})
    assert response.status_code == 302  # the right password still works


def test_the_fifth_wrong_password_locks_the_account_and_says_when_to_retry(
    client, board
):
    response = fail(client, times=5)
    assert response.status_code == 429
    html = response.content.decode()
    minutes, time = expected_retry("board")
    assert minutes == 15
    assert (
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần. "
        f"Hãy thử lại sau 15 phút, lúc {time}."
    ) in html
    assert "Vui lòng điền vào Tên đăng nhập" not in html
    assert 'id="login-form"' in html  # still the login page, in Vietnamese
    assert '<html lang="vi">' in html


def test_while_locked_even_the_right_password_is_refused(client, board):
    fail(client, times=5)
    response = client.post(LOGIN, {"username": "board", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_trying_again_while_locked_does_not_move_the_retry_time(client, board):
    fail(client, times=5)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=5)
    )
    _, earlier = expected_retry("board")
    response = fail(client, times=3)
    assert f"Hãy thử lại sau 10 phút, lúc {earlier}." in response.content.decode()
    assert expected_retry("board")[1] == earlier


def test_the_lock_ends_after_fifteen_minutes(client, board):
    fail(client, times=5)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=16)
    )
    response = client.post(LOGIN, {"username": "board", "password": PASSWORD})
    assert response.status_code == 302


def test_a_successful_login_starts_the_count_again(client, board):
    fail(client, times=4)
    client.post(LOGIN, {"username": "board", "password": PASSWORD})
    client.logout()
    response = fail(client, times=4)
    assert response.status_code == 200  # 4 in a row, not 8


def test_the_account_is_locked_from_every_address(board):
    for i in range(5):
        fail(Client(REMOTE_ADDR=f"10.0.0.{i + 1}"))
    response = Client(REMOTE_ADDR="10.0.9.9").post(
        LOGIN, {"username": "board", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()


def test_an_address_trying_many_accounts_is_locked(db):
    UserFactory(username="real")
    client = Client(REMOTE_ADDR="203.0.113.7")
    for name in ("a1", "a2", "a3", "a4", "a5"):
        fail(client, username=name)
    response = client.post(LOGIN, {"username": "real", "password": PASSWORD})
    assert response.status_code == 429
    # The same account from another address is not locked.
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert (
        other.post(LOGIN, {"username": "real", "password": PASSWORD}).status_code == 302
    )


def test_the_admin_login_is_limited_too(client, db):
    UserFactory(username="root", is_superuser=True, is_staff=True)
    response = fail(client, username="root", times=5, url=ADMIN_LOGIN)
    assert response.status_code == 429
    html = response.content.decode()
    _, time = expected_retry("root")
    assert f"Hãy thử lại sau 15 phút, lúc {time}." in html
    response = client.post(ADMIN_LOGIN, {"username": "root", "password": PASSWORD})
    assert response.status_code == 429
    # ... and the lock counts on the application's login page as well.
    response = client.post(LOGIN, {"username": "root", "password": PASSWORD})
    assert response.status_code == 429


def test_force_login_and_other_tests_are_unaffected(client, board):
    fail(client, times=5)
    client.force_login(board)
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_message_in_english(client, board):
    client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    response = fail(client, times=5)
    _, time = expected_retry("board")
    assert (
        "This account is temporarily locked after too many failed logins. "
        f"Try again in 15 minutes, at {time}."
    ) in response.content.decode()


@pytest.mark.parametrize(
    ("until", "now", "message"),
    [
        # 14:29:30 UTC is 21:29:30 in Vietnam: said 21:30, never too early.
        (
            datetime.datetime(2026, 11, 23, 14, 29, 30, tzinfo=datetime.UTC),
            datetime.datetime(2026, 11, 23, 14, 14, 30, tzinfo=datetime.UTC),
            "Hãy thử lại sau 15 phút, lúc 21:30.",
        ),
        (
            datetime.datetime(2026, 11, 23, 17, 5, tzinfo=datetime.UTC),
            datetime.datetime(2026, 11, 23, 17, 4, 10, tzinfo=datetime.UTC),
            "Hãy thử lại sau 1 phút, lúc 00:05.",
        ),
    ],
)
def test_lockout_message_uses_vietnam_time(until, now, message):
    text = lockout.lockout_message(until, now)
    assert text.startswith("Tài khoản tạm khóa do đăng nhập sai nhiều lần.")
    assert text.endswith(message)
    with translation.override("en"):
        assert "Try again in 1 minute, at 00:05." in lockout.lockout_message(
            datetime.datetime(2026, 11, 23, 17, 5, tzinfo=datetime.UTC),
            datetime.datetime(2026, 11, 23, 17, 4, 10, tzinfo=datetime.UTC),
        )


def test_behind_a_proxy_the_client_address_comes_from_x_forwarded_for(settings, rf):
    request = rf.post(
        LOGIN, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9"
    )
    settings.TRUST_X_FORWARDED_FOR = False
    assert lockout.client_ip(request) == "10.0.0.1"
    settings.TRUST_X_FORWARDED_FOR = True
    assert lockout.client_ip(request) == "198.51.100.9"  # the one our proxy added
