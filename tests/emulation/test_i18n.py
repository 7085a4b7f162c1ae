"""The language switcher: Vietnamese by default, English on request (remembered in a cookie)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def test_vietnamese_is_the_default(client, board):
    client.force_login(board)
    html = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="vi">' in html
    assert "Tổng quan" in html


def test_the_switcher_is_on_every_page(client, board):
    for response in (client.get(reverse("login")),):
        html = response.content.decode()
        assert f'action="{reverse("set_language")}"' in html
        assert (
            'name="language" value="vi"' in html
            and 'name="language" value="en"' in html
        )
    client.force_login(board)
    assert (
        'name="language" value="en"'
        in client.get(reverse("dashboard")).content.decode()
    )


def test_switching_to_english_sets_the_cookie_and_the_page_language(client, board):
    client.force_login(board)
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("dashboard")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en">' in html

    response = client.post(
        reverse("set_language"), {"language": "vi", "next": reverse("dashboard")}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    assert '<html lang="vi">' in client.get(reverse("dashboard")).content.decode()


def test_anonymous_users_can_switch_too(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("login")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()


def test_an_unknown_language_is_ignored(client, db):
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": reverse("login")}
    )
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="vi">' in client.get(reverse("login")).content.decode()


def test_the_browser_language_is_not_forced_on_vietnamese_users(client, db):
    # An English-language browser still gets English; a Vietnamese one gets Vietnamese.
    assert (
        '<html lang="en">'
        in client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    )
    assert (
        '<html lang="vi">'
        in client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="vi-VN").content.decode()
    )
