"""Accessibility of the base page: a skip link, visible focus and readable contrast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rule(selector: str, prop: str) -> str:
    match = re.search(
        re.escape(selector) + r"\s*\{[^}]*?" + prop + r":\s*(#[0-9a-fA-F]{6})", CSS
    )
    assert match, f"{selector} has no {prop}"
    return match.group(1)


def test_the_vice_chair_badge_is_readable():
    assert contrast(_rule(".badge-vice", "background"), "#ffffff") >= 4.5


def test_links_are_readable_on_the_grey_page():
    link = re.search(r"--bs-link-color:\s*(#[0-9a-fA-F]{6})", CSS).group(1)
    page = re.search(r"--td-bg:\s*(#[0-9a-fA-F]{6})", CSS).group(1)
    assert contrast(link, page) >= 4.5


def test_the_red_button_keeps_a_visible_focus_state():
    focus = re.search(r"\.btn-td:focus[^{]*\{([^}]*)\}", CSS)
    assert focus and "background: var(--td-red-dark)" in focus.group(1)
    assert re.search(r"\.btn:focus-visible[^{]*\{[^}]*outline: 3px solid", CSS, re.S)


@pytest.mark.django_db
def test_every_page_starts_with_a_skip_link_to_the_content(client, board):
    client.force_login(board)
    html = client.get(reverse("dashboard")).content.decode()
    body = html[html.index("<body>") :]
    assert body.index('class="td-skip-link" href="#main-content"') < body.index(
        "<header"
    )
    assert 'id="main-content"' in html
    assert 'aria-current="page"' in html


@pytest.mark.django_db
def test_council_settings_are_in_the_board_menu_only(client, board, secretary):
    """Issue "Trust and daily use" #20: board staff reach the council settings from the
    menu; others do not see the entry (they may not open the page)."""
    settings_url = reverse("council-settings")
    client.force_login(board)
    html = client.get(settings_url).content.decode()
    nav = html[html.index('class="td-nav"') : html.index("</nav>")]
    assert f'href="{settings_url}" aria-current="page"' in nav
    client.force_login(secretary)
    html = client.get(reverse("dashboard")).content.decode()
    nav = html[html.index('class="td-nav"') : html.index("</nav>")]
    assert settings_url not in nav
