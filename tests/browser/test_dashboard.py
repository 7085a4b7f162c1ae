"""In a real browser: board staff log in with the demo account and see the demo blocs."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

DEMO_PASSWORD = "thidua@2026"  # fixtures/demo.yaml
DEMO_BLOC = "Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
    from emulation.models import User

    return {
        u.username: u for u in User.objects.filter(username__in=["bantdkt", "toaan"])
    }


def _choose_2026(page):
    # The demo data runs to 2026; the header's year list submits on change.
    with page.expect_navigation():
        page.select_option("#year-input", "2026")
    assert page.locator("h1").inner_text().endswith("2026")


def test_board_staff_log_in_and_see_the_demo_blocs(page, login, demo):
    login(demo["bantdkt"], DEMO_PASSWORD)
    _choose_2026(page)
    table = page.locator("#dashboard-blocs")
    assert DEMO_BLOC in table.inner_text()
    assert "Tòa án nhân dân tỉnh" in table.inner_text()  # the 2026 chair
    assert page.locator("#stat-blocs").inner_text() == "1"
    assert page.locator("#stat-members").inner_text() == "6"
    assert page.locator("#dashboard-chairs").is_visible()
    screenshot(page, "dashboard-board")
    page.set_viewport_size({"width": 390, "height": 844})
    assert DEMO_BLOC in page.locator("#dashboard-blocs").inner_text()
    screenshot(page, "dashboard-board-mobile")


def test_a_unit_secretary_sees_their_unit_and_bloc(page, login, demo):
    login(demo["toaan"], DEMO_PASSWORD)
    _choose_2026(page)
    assert page.locator("#my-unit").inner_text() == "Tòa án nhân dân tỉnh"
    assert page.locator("#my-bloc").inner_text() == DEMO_BLOC
    assert page.locator("#my-bloc-members tbody tr").count() == 6
    screenshot(page, "dashboard-secretary")


def test_logging_out_returns_to_the_login_page(page, login, demo):
    login(demo["bantdkt"], DEMO_PASSWORD)
    page.click("#user-menu")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")
    assert page.locator("#login-form").is_visible()
