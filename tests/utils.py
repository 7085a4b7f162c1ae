"""Helpers for tests: read the text back out of a PDF, and what a response says."""

from __future__ import annotations

import io
import re

from django.contrib.messages import get_messages
from django.urls import reverse


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
