"""Helpers for tests: read the text back out of a PDF, and what a response says."""

from __future__ import annotations

import io
import re

from django.contrib.messages import get_messages
from django.urls import reverse

from emulation.selectors import SESSION_YEAR_KEY


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF, whitespace folded (a line break inside a name becomes a space)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def pdf_fonts(pdf: bytes) -> set[str]:
    """Base names of the fonts embedded in a PDF."""
    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and font.get("/DescendantFonts"):
                descriptor = (
                    font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                )
            if descriptor is not None and any(
                k in descriptor.get_object()
                for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                names.add(str(font.get("/BaseFont")))
    return names


# --- What a response says -------------------------------------------------------------


def text(response) -> str:
    return response.content.decode()


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_login_redirect(client, url, method="get"):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def status_for(client, user, url: str) -> int:
    """The status of a GET of `url` by `user` (logged in on `client`)."""
    client.force_login(user)
    return client.get(url).status_code


def assert_guarded(client, user, url: str, missing_url: str | None = None):
    """Anonymous → the login page; logged in as `user`: a PUT → 405 and, given the URL of
    a missing object, 404."""
    assert_login_redirect(client, url)
    client.force_login(user)
    if missing_url is not None:
        assert client.get(missing_url).status_code == 404
    assert client.put(url).status_code == 405


def campaigns_url(name: str, *args) -> str:
    """The URL of the campaigns page `name` (its namespace implied)."""
    return reverse(f"campaigns:{name}", args=args)


def select_year(client, year: int) -> None:
    """Choose the year shown, as the header's year selector does (in the session)."""
    session = client.session
    session[SESSION_YEAR_KEY] = year
    session.save()


# The password of the session's test signing certificate (tests/conftest.py).
SIGNING_PASSWORD = "mat-khau-giao-uoc"
