"""The language: Vietnamese by default whatever the browser says, English on request
(remembered in a cookie before login, on the account after)."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.utils import pdf_text

PASSWORD = "matkhau-thu-nghiem"  # tests.factories.UserFactory


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


def test_an_english_browser_gets_vietnamese_until_english_is_chosen(client, board):
    # The browser's Accept-Language is ignored: Vietnamese is the application's language.
    html = client.get(
        reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html and "Tên đăng nhập" in html
    client.force_login(board)
    response = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_a_choice_before_login_is_kept_in_the_cookie_only(client, board):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()
    client.post(reverse("login"), {"username": "board", "password": PASSWORD})
    # Nothing stored on the account: the browser's choice goes on after login.
    assert '<html lang="en">' in client.get(reverse("dashboard")).content.decode()
    board.refresh_from_db()
    assert board.language == ""


def test_a_logged_in_choice_is_kept_on_the_account(client, board):
    client.force_login(board)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    board.refresh_from_db()
    assert board.language == "en"

    # Another browser (no cookie): English from the first page after login.
    other = Client()
    other.post(reverse("login"), {"username": "board", "password": PASSWORD})
    assert '<html lang="en">' in other.get(reverse("dashboard")).content.decode()

    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    board.refresh_from_db()
    assert board.language == "vi"
    assert '<html lang="vi">' in other.get(reverse("dashboard")).content.decode()


def test_after_login_the_account_choice_wins_over_the_cookie(client, board):
    board.language = "vi"
    board.save()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()
    client.post(reverse("login"), {"username": "board", "password": PASSWORD})
    assert '<html lang="vi">' in client.get(reverse("dashboard")).content.decode()


def test_user_content_is_not_translated(client, board, bloc_year):
    board.language = "en"
    board.save()
    client.force_login(board)
    html = client.get(bloc_year.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert "Khối thi đua Nội chính" in html  # the bloc's name, as typed


def test_pdfs_stay_vietnamese_for_an_english_user(client, board, bloc_year):
    client.force_login(board)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("dashboard")).content.decode()
    response = client.get(reverse("blocs:blocyear-export-pdf", args=[bloc_year.pk]))
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    assert "DANH SÁCH" in text and "Vai trò trong Khối" in text
    assert "Role in the bloc" not in text
