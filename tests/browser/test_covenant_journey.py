"""The covenant journey in a real browser: the chair drafts this year's covenant from last
year's and opens it for signing; three unit secretaries sign, the last one completes it;
the signed PDF downloads with every member, every commitment and the verification code;
the verification page opens without logging in, and the downloaded PDF dropped on it is
the original."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from blocs.models import Membership
from campaigns.models import Covenant
from emulation.models import User
from tests.browser.conftest import screenshot
from tests.factories import (
    COMMITMENTS,
    BlocFactory,
    BlocYearFactory,
    CouncilFactory,
    MembershipFactory,
    UnitFactory,
    UserFactory,
    make_covenant,
)
from tests.utils import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNITS = [
    (
        "Thanh tra tỉnh",
        "Nguyễn Tùng Sơn",
        "Chánh Thanh tra tỉnh",
        Membership.Role.CHAIR,
    ),
    (
        "Tòa án nhân dân tỉnh",
        "Lê Văn Quỳnh",
        "Chánh án Tòa án nhân dân tỉnh",
        Membership.Role.VICE_CHAIR,
    ),
    (
        "Công an tỉnh",
        "Nguyễn Đức Cường",
        "Giám đốc Công an tỉnh",
        Membership.Role.MEMBER,
    ),
]


def _setup():
    council = CouncilFactory(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An", place_name="Nghệ An"
    )
    bloc = BlocFactory(
        council=council, name="Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"
    )
    this_year = BlocYearFactory(
        bloc=bloc, year=2026, roles_approved_on=datetime.date(2025, 12, 20)
    )
    last_year = BlocYearFactory(
        bloc=bloc, year=2025, roles_approved_on=datetime.date(2024, 12, 20)
    )
    secretaries = []
    for i, (name, head, position, role) in enumerate(UNITS):
        unit = UnitFactory(
            council=council, name=name, head_name=head, head_position=position
        )
        MembershipFactory(bloc_year=this_year, unit=unit, role=role)
        MembershipFactory(bloc_year=last_year, unit=unit, role=role)
        secretaries.append(
            UserFactory(
                username=f"thuky{i}",
                role=User.Role.SECRETARY,
                council=council,
                unit=unit,
            )
        )
    make_covenant(last_year, commitments=COMMITMENTS)
    return this_year, secretaries


def _as(page, login, user):
    page.context.clear_cookies()
    login(user)


def test_covenant_journey(page, login, live_server):
    bloc_year, (chair, vice, member) = _setup()
    page.on("dialog", lambda dialog: dialog.accept())

    # The chair drafts from last year's covenant on the bloc-year page, then opens it.
    _as(page, login, chair)
    page.goto(reverse("blocyear-detail", args=[bloc_year.pk]))
    page.click("#covenant-create-from-previous")
    page.wait_for_url("**/giao-uoc/*/")
    covenant = Covenant.objects.get(bloc_year=bloc_year)
    for text in COMMITMENTS:
        assert page.locator("#commitments").get_by_text(text).is_visible()
    screenshot(page, "covenant-journey-1-draft")
    page.click("#covenant-open")
    page.wait_for_selector("#covenant-status :text('Đang ký kết 0/3')")

    # Each unit's secretary signs for their own unit; the form is pre-filled with the head.
    for i, user in enumerate((chair, vice, member), start=1):
        _as(page, login, user)
        page.goto(covenant.get_absolute_url())
        page.click("#covenant-sign")
        assert page.input_value("#id_signer_name") == user.unit.head_name
        assert page.input_value("#id_signer_position") == user.unit.head_position
        if i == 2:
            screenshot(page, "covenant-journey-2-sign")
        page.click("#sign-submit")
        page.wait_for_url(f"**{covenant.get_absolute_url()}")
        if i < 3:
            assert (
                page.locator("#covenant-status").inner_text().strip()
                == f"Đang ký kết {i}/3"
            )
    assert "Đã ký đủ" in page.locator("#covenant-status").inner_text()
    assert "giao ước đã hoàn tất" in page.content()
    covenant.refresh_from_db()
    assert (
        covenant.status == Covenant.Status.COMPLETE and covenant.frozen_at is not None
    )

    # The chair sees the full signing board and downloads the signed copy.
    _as(page, login, chair)
    page.goto(covenant.get_absolute_url())
    assert page.locator("#signing-board tr.signed").count() == 3
    screenshot(page, "covenant-journey-3-complete")
    with page.expect_download() as download_info:
        page.click("#pdf-signed")
    pdf = open(download_info.value.path(), "rb").read()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf).upper()
    for name, head, _position, _role in UNITS:
        assert name.upper() in text
        assert head.upper() in text
    for commitment in COMMITMENTS:
        assert commitment.upper() in text
    assert covenant.verification_code.upper() in text

    # Anyone holding the paper copy checks it without logging in.
    page.context.clear_cookies()
    response = page.goto(reverse("covenants:verify", args=[covenant.verification_code]))
    assert response.status == 200
    assert "/dang-nhap/" not in page.url
    body = page.content()
    assert covenant.title in body
    for name, head, _position, _role in UNITS:
        assert name in body and head in body
    screenshot(page, "covenant-journey-4-verify")

    # The PDF received by e-mail is checked on the same page: it is the issued file.
    page.set_input_files("#id_file", download_info.value.path())
    page.click("#copy-check-submit")
    page.wait_for_selector("#copy-check-result")
    assert "Khớp bản gốc" in page.locator("#copy-check-result").inner_text()
    screenshot(page, "covenant-journey-5-copy-check")
