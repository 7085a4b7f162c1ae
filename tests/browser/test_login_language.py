"""In a real browser set to English: the login page is Vietnamese; a board officer locked
out after wrong passwords is told when to retry; the admin offers a council's units."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, browser_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_page(browser, live_server):
    """A browser whose preferred language is English (Accept-Language, navigator)."""
    with browser_page(browser, live_server.url, locale="en-US") as page:
        yield page


@pytest.fixture
def officer():
    from blocs.models import Council
    from emulation.models import User
    from tests.factories import UserFactory

    council = Council.objects.create(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An", place_name="Nghệ An"
    )
    return UserFactory(
        username="bantdkt",
        full_name="Hoàng Thị Thu Hà",
        role=User.Role.BOARD,
        council=council,
    )


def _submit(page, username, password):
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")


def test_an_english_browser_gets_the_vietnamese_login_page(english_page, officer):
    page = english_page
    assert page.evaluate("navigator.language") == "en-US"
    page.goto("/")
    page.wait_for_url("**/dang-nhap/?next=/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Đăng nhập"
    assert page.get_by_label("Tên đăng nhập").is_visible()
    assert page.get_by_role("link", name="Quên mật khẩu?").is_visible()
    screenshot(page, "login-english-browser")

    # Choosing English is what switches, and it holds on the next page.
    with page.expect_navigation():
        page.click("#language-form button[value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    page.reload()
    assert page.locator("h1").inner_text() == "Log in"


def test_a_locked_out_officer_is_told_when_to_retry(english_page, officer):
    from axes.models import AccessAttempt

    from emulation.lockout import VIETNAM

    page = english_page
    page.goto("/dang-nhap/")
    for _ in range(4):
        _submit(page, "bantdkt", "sai-mat-khau")
        assert "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác" in (
            page.locator("#login-form").inner_text()
        )
    _submit(page, "bantdkt", "sai-mat-khau")

    last = AccessAttempt.objects.get(username="bantdkt").attempt_time
    until = (last + datetime.timedelta(minutes=15)).astimezone(VIETNAM)
    until = until.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    message = page.locator("#login-form .alert").inner_text()
    assert message == (
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần. "
        f"Hãy thử lại sau 15 phút, lúc {until:%H:%M}."
    )
    screenshot(page, "login-locked-out")

    # The right password is refused too until then.
    _submit(page, "bantdkt", DEMO_PASSWORD)
    assert "/dang-nhap/" in page.url
    assert "Tài khoản tạm khóa" in page.locator("#login-form").inner_text()


def test_the_admin_offers_only_the_chosen_councils_units(page, officer):
    from blocs.models import Council, Unit
    from tests.factories import UserFactory

    nghe_an = officer.council
    ha_tinh = Council.objects.create(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Hà Tĩnh", place_name="Hà Tĩnh"
    )
    Unit.objects.create(council=nghe_an, name="Công an tỉnh")
    Unit.objects.create(council=ha_tinh, name="Công an tỉnh")
    UserFactory(username="root", is_superuser=True, is_staff=True, council=nghe_an)
    secretary = UserFactory(username="thuky", council=ha_tinh)

    page.goto("/quan-tri/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.goto(f"/quan-tri/emulation/user/{secretary.pk}/change/")
    page.click("#id_unit + .select2 .select2-selection")
    page.fill(".select2-search__field", "Công an")
    options = page.locator(".select2-results__option:not(.loading-results)")
    # Auto-retrying assertions: select2 fills the list and the selection asynchronously.
    expect(options).to_have_text(["Công an tỉnh — Hà Tĩnh"])
    options.first.click()
    expect(page.locator("#id_unit + .select2")).to_contain_text(
        "Công an tỉnh — Hà Tĩnh"
    )
    screenshot(page, "admin-user-unit")
