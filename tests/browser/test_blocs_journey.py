"""The blocs journey in a real browser, as board staff and two unit secretaries would click it.

Last year (Y = this year − 1), because a chair's rights start on 1 January of the bloc-year's
year: the board imports the bloc's members from an .xlsx (upload → preview → confirm), records
and approves the chair and vice-chair of Y (through the election pages, `?nam=` by the year
picker), then, at the year-end conference, records the chair and vice-chair of Y + 1 (this
year), approves them and opens year Y + 1 (preview → confirm). This year, the new chair unit's
secretary finds the chair's tools on the Y + 1 page; the old chair's secretary does not.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from blocs import uploads
from blocs.models import BlocYear, ChairElection, Membership
from emulation.models import Unit, User
from tests.browser.conftest import screenshot
from tests.factories import (
    BlocFactory,
    CouncilFactory,
    UnitFactory,
    UserFactory,
    make_bloc,
    make_bloc_year,
    make_units,
    xlsx_bytes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOC = "Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"
OLD_CHAIR = "Thanh tra tỉnh"
OLD_VICE = "Tòa án nhân dân tỉnh"
NEW_CHAIR = "Công an tỉnh"
NEW_VICE = "Viện Kiểm sát nhân dân tỉnh"
# The rotation order of the bloc; the file lists the units in another order.
UNITS = [OLD_CHAIR, OLD_VICE, NEW_CHAIR, NEW_VICE]


def _import_counts(page) -> dict[str, str]:
    """The import preview's counts: rows to add, units to create, members already, errors."""
    return {
        k: page.inner_text(f"#count-{k}") for k in ("add", "create", "exists", "error")
    }


def _as(page, login, user):
    """Log out (a fresh session) and log in as `user` through the login form."""
    page.context.clear_cookies()
    login(user)


def _success(page) -> str:
    return page.locator(".alert-success").inner_text()


def _record_election(page, year: int, elected: tuple[str, str], meeting_on: str):
    """On the election page: pick the year, the chair and the one vice-chair, the method, save."""
    chair, vice = elected
    page.select_option("#election-year", str(year))  # the picker submits itself
    page.wait_for_url(lambda url: url.endswith(f"nam={year}"))
    assert (
        page.locator("#page-title").inner_text().strip()
        == f"Khối trưởng, khối phó năm {year}"
    )
    form = page.locator("#election-form")
    form.locator("#id_chair").select_option(label=chair)
    # The vice-chair boxes come pre-ticked with the rotation's proposal: tick only `vice`.
    for name in UNITS:
        box = form.get_by_role("checkbox", name=name, exact=True)
        box.set_checked(name == vice)
    form.locator("#id_method").select_option("election")
    form.locator("#id_meeting_on").fill(meeting_on)
    form.locator("#id_vote_summary").fill("4/4 đơn vị nhất trí")
    page.click("#election-submit")
    page.wait_for_selector(".alert-success")
    assert (
        f"Đã ghi nhận kết quả chọn khối trưởng, khối phó năm {year} của {BLOC}; "
        "đang chờ Ban Thi đua – Khen thưởng phê duyệt." in _success(page)
    )


def _approve_pending(
    page, year: int, elected: tuple[str, str], decided_on: str, number: int
):
    """From the bloc-year page's "waiting for approval" card to the decision, approved by
    the board's letter `number` of `decided_on`."""
    chair, vice = elected
    pending = page.locator("#pending-elections")
    assert f"Năm {year}" in pending.inner_text()
    assert f"Khối trưởng: {chair}" in pending.inner_text()
    assert f"Khối phó: {vice}" in pending.inner_text()
    pending.get_by_role("link", name="Xem xét, phê duyệt").click()
    page.wait_for_selector("#election-decide-form")
    units = page.locator("#election-units").inner_text()
    assert chair in units and vice in units
    assert page.locator("#election-status").inner_text().strip() == "Chờ phê duyệt"
    page.fill("#id_decided_on", decided_on)
    page.fill("#id_reference", f"Công văn số {number}/BTĐKT-NV ngày {decided_on}")
    page.click("#decide-approve")
    page.wait_for_selector(".alert-success")
    assert (
        f"Đã phê duyệt khối trưởng, khối phó năm {year} của {BLOC}. Quyền điều hành khối "
        f"chuyển cho đơn vị khối trưởng mới từ ngày 01/01/{year}." in _success(page)
    )


def test_blocs_journey(page, login, tmp_path):
    this_year = timezone.localdate().year
    year, next_year = this_year - 1, this_year  # Y and Y + 1

    council = CouncilFactory(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An", place_name="Nghệ An"
    )
    units = dict(zip(UNITS, make_units(council, UNITS), strict=True))
    bystander = UnitFactory(
        council=council, name="Sở Tư pháp"
    )  # of the council, not in the file
    bloc = make_bloc(
        council, list(units.values()), name=BLOC
    )  # no bloc-year, no members yet
    board = UserFactory(
        username="bantdkt",
        full_name="Hoàng Thị Thu Hà",
        role=User.Role.BOARD,
        council=council,
    )
    old_secretary = UserFactory(
        username="thuky-thanhtra",
        role=User.Role.SECRETARY,
        council=council,
        unit=units[OLD_CHAIR],
    )
    new_secretary = UserFactory(
        username="thuky-congan",
        role=User.Role.SECRETARY,
        council=council,
        unit=units[NEW_CHAIR],
    )

    # 1. Board staff import the members of year Y from an .xlsx: upload, preview, confirm.
    path = tmp_path / f"danh-sach-khoi-noi-chinh-{year}.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [["Tên đơn vị", "Khối thi đua", "Năm"]]
            + [
                [name, BLOC, year]
                for name in (NEW_CHAIR, OLD_CHAIR, NEW_VICE, OLD_VICE)
            ]
        )
    )
    _as(page, login, board)
    page.goto(reverse("blocs:bloc-list") + f"?year={year}")
    page.get_by_role("link", name="Nhập từ tệp Excel").click()
    page.wait_for_selector("#import-form")
    page.set_input_files("#id_file", str(path))
    screenshot(page, "blocs-journey-1-upload")
    page.click("#import-form [type=submit]")
    page.wait_for_selector("#import-rows")
    assert _import_counts(page) == {
        "add": "4",
        "create": "0",
        "exists": "0",
        "error": "0",
    }
    rows = page.locator("#import-rows tbody tr")
    assert rows.count() == 4
    for i, name in enumerate((NEW_CHAIR, OLD_CHAIR, NEW_VICE, OLD_VICE)):
        cells = rows.nth(i).locator("td")
        assert [cells.nth(c).inner_text().strip() for c in range(4)] == [
            str(i + 2),
            name,
            BLOC,
            str(year),
        ]
        assert rows.nth(i).get_attribute("data-outcome") == "add"
    assert f"Sẽ mở năm thi đua mới cho: {BLOC} ({year})." in page.inner_text("main")
    assert "Sẽ nhập 4 dòng hợp lệ." in page.inner_text("#confirm-card")
    assert not BlocYear.objects.filter(
        bloc=bloc
    ).exists()  # nothing saved before the confirm
    screenshot(page, "blocs-journey-2-preview")
    page.click("#confirm-form [type=submit]")
    page.wait_for_selector(".alert-success")
    assert (
        "Đã nhập 4 đơn vị thành viên (tạo mới 0 đơn vị, mở 1 năm thi đua của khối)."
        in _success(page)
    )
    assert page.url.endswith(f"?year={year}")
    listed = page.locator("#bloc-list tbody tr", has_text=BLOC)
    assert listed.locator("td").nth(3).inner_text().strip() == "4"

    # 2a. The chair and vice-chair of year Y, recorded and approved through the election pages.
    listed.get_by_role("link", name=BLOC).click()
    page.wait_for_selector("#members")
    assert page.locator("#members tbody tr").count() == 4
    assert "Chưa xác định" in page.inner_text("#roles")
    page.locator("#board-actions").get_by_role(
        "link", name="Bầu khối trưởng, khối phó năm sau"
    ).click()
    page.wait_for_selector("#election-year-form")
    _record_election(page, year, (OLD_CHAIR, OLD_VICE), f"18/12/{year - 1}")
    _approve_pending(page, year, (OLD_CHAIR, OLD_VICE), f"22/12/{year - 1}", number=98)
    roles = page.inner_text("#roles")
    assert (
        OLD_CHAIR in roles and OLD_VICE in roles and f"Ngày 22/12/{year - 1}" in roles
    )

    # 2b. The year-end conference of Y elects the chair and vice-chair of Y + 1; the board approves.
    page.locator("#board-actions").get_by_role(
        "link", name="Bầu khối trưởng, khối phó năm sau"
    ).click()
    page.wait_for_selector("#election-year-form")
    _record_election(page, next_year, (NEW_CHAIR, NEW_VICE), f"19/12/{year}")
    # Year Y + 1 is not open yet: the page is still year Y's, its roles unchanged.
    assert f"Năm thi đua {year}" in page.inner_text("main")
    screenshot(page, "blocs-journey-3-election-recorded")
    _approve_pending(
        page, next_year, (NEW_CHAIR, NEW_VICE), f"23/12/{year}", number=125
    )
    roles = page.inner_text("#roles")
    assert OLD_CHAIR in roles and NEW_CHAIR not in roles

    # 2c. Open year Y + 1: the preview carries the 4 members over and gives the approved roles.
    page.locator("#board-actions").get_by_role(
        "link", name="Mở năm thi đua mới"
    ).click()
    page.wait_for_selector("#year-open-confirm")
    assert (
        page.locator("#page-title").inner_text().strip()
        == f"Mở năm thi đua mới {next_year}"
    )
    assert page.inner_text("#count-kept") == "4"
    assert page.inner_text("#count-dropped") == "0"
    assert page.locator("#year-open-rows tbody tr[data-outcome=kept]").count() == 4
    assert sorted(
        page.locator("#year-open-rows tbody tr td:nth-child(4)").all_inner_texts()
    ) == sorted(UNITS)
    new_roles = page.inner_text("#year-open-roles")
    assert (
        NEW_CHAIR in new_roles and NEW_VICE in new_roles and OLD_CHAIR not in new_roles
    )
    assert "Vai trò được giao khi xác nhận." in new_roles
    assert f"Xác nhận mở năm thi đua {next_year} (4 đơn vị)" in page.inner_text(
        "#year-open-confirm"
    )
    screenshot(page, "blocs-journey-4-year-open-preview")
    page.click("#year-open-confirm")
    page.wait_for_selector(".alert-success")
    assert (
        f"Đã mở năm thi đua {next_year} của {BLOC} với 4 đơn vị thành viên."
        in _success(page)
    )
    assert f"Năm thi đua {next_year}" in page.inner_text("main")
    assert sorted(
        page.locator("#members tbody tr td:nth-child(2) a").all_inner_texts()
    ) == sorted(UNITS)
    chair_row = page.locator("#members tbody tr.table-warning")
    assert chair_row.count() == 1 and NEW_CHAIR in chair_row.inner_text()
    roles = page.inner_text("#roles")
    assert NEW_CHAIR in roles and NEW_VICE in roles and f"Ngày 23/12/{year}" in roles
    history = page.inner_text("#chair-history")
    assert (
        f"Khối trưởng: {NEW_CHAIR}" in history
        and f"Khối trưởng: {OLD_CHAIR}" in history
    )
    screenshot(page, "blocs-journey-5-new-year")
    new_year_url = page.url

    # 3. This year the new chair unit's secretary runs the bloc; the old chair's does not.
    _as(page, login, new_secretary)
    page.goto(reverse("blocs:bloc-list") + f"?year={next_year}")
    page.locator("#bloc-list").get_by_role("link", name=BLOC).click()
    page.wait_for_selector("#members")
    assert page.url == new_year_url
    tools = page.locator("#chair-tools")
    assert tools.is_visible()
    assert "Đơn vị của bạn đang điều hành khối trong năm này." in tools.inner_text()
    assert page.locator("#board-actions").count() == 0
    screenshot(page, "blocs-journey-6-new-chair")

    _as(page, login, old_secretary)
    page.goto(new_year_url)
    page.wait_for_selector("#members")
    assert NEW_CHAIR in page.inner_text("#roles")
    assert page.locator("#chair-tools").count() == 0
    screenshot(page, "blocs-journey-7-old-chair")

    # The database: two approved elections, two bloc-years with the same 4 members and their roles.
    elections = {e.year: e for e in ChairElection.objects.filter(bloc=bloc)}
    assert set(elections) == {year, next_year}
    assert all(e.status == ChairElection.Status.APPROVED for e in elections.values())
    assert elections[year].chair == units[OLD_CHAIR]
    assert list(elections[next_year].vice_chairs.all()) == [units[NEW_VICE]]
    assert (
        elections[next_year].approval_reference
        == f"Công văn số 125/BTĐKT-NV ngày 23/12/{year}"
    )
    expected_roles = {
        year: {
            OLD_CHAIR: "chair",
            OLD_VICE: "vice_chair",
            NEW_CHAIR: "member",
            NEW_VICE: "member",
        },
        next_year: {
            OLD_CHAIR: "member",
            OLD_VICE: "member",
            NEW_CHAIR: "chair",
            NEW_VICE: "vice_chair",
        },
    }
    for by in BlocYear.objects.filter(bloc=bloc):
        assert {
            m.unit.name: m.role for m in by.memberships.select_related("unit")
        } == expected_roles[by.year]
    assert sorted(
        BlocYear.objects.filter(bloc=bloc).values_list("year", flat=True)
    ) == [year, next_year]
    new_by = BlocYear.objects.get(bloc=bloc, year=next_year)
    assert new_by.roles_approved_on.isoformat() == f"{year}-12-23"
    assert new_by.selection_method == "election"
    assert not Membership.objects.filter(unit=bystander).exists()


# --- The import preview on its own ---------------------------------------------------


def test_import_preview_in_a_browser(page, login, tmp_path):
    council = CouncilFactory(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An",
        board_name="Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Nghệ An",
    )
    by = make_bloc_year(
        council=council,
        n_members=3,
        name="Khối thi đua Nội chính – Lực lượng vũ trang tỉnh",
    )
    make_bloc_year(council=council, n_members=2, name="Khối thi đua Văn hóa – Xã hội")
    BlocFactory(council=council, name="Khối thi đua Kinh tế – Tổng hợp")
    UnitFactory(council=council, name="Sở Tư pháp")
    member = by.memberships.order_by("id").first().unit
    board = UserFactory(
        username="bantdkt",
        full_name="Hoàng Thị Thu Hà",
        role=User.Role.BOARD,
        council=council,
    )
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                [c.header for c in uploads.COLUMNS],
                ["Sở Tư pháp", by.bloc.name, 2026, "STP", "Sở, ban, ngành"],
                [
                    "Sở Ngoại vụ",
                    "Khối thi đua Kinh tế – Tổng hợp",
                    2026,
                    "SNgV",
                    "Sở, ban, ngành",
                    "Lê Văn Bình",
                    "Giám đốc",
                ],
                [member.name, by.bloc.name, 2026],
                ["Sở Tư pháp", by.bloc.name, 2026],
                ["Sở Tài chính", "Khối thi đua Kinh tế", 2026],
                ["Sở Y tế", by.bloc.name, "2026a", "", "", "", "", "", "", "yte@"],
            ]
        )
    )
    login(board)
    page.goto(reverse("blocs:import-upload"))
    screenshot(page, "blocs-import-upload")
    page.set_input_files("#id_file", str(path))
    page.check("#id_create_units")
    page.click("#import-form [type=submit]")
    page.wait_for_selector("#import-rows")
    assert _import_counts(page) == {
        "add": "1",
        "create": "1",
        "exists": "1",
        "error": "3",
    }
    screenshot(page, "blocs-import-preview")
    page.click("#confirm-form [type=submit]")
    page.wait_for_selector(".alert-success")
    assert "Đã nhập 2 đơn vị thành viên" in page.inner_text(".alert-success")
    assert Unit.objects.filter(council=council, name="Sở Ngoại vụ").exists()
