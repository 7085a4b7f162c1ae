"""The member list of a bloc-year as a Decree-30 document (docs/domain.md §8): HTML, PDF
text and fonts."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.urls import reverse

from blocs.documents import member_list_html, member_list_pdf
from blocs.models import (
    Membership,
)
from tests.factories import (
    CouncilFactory,
    MembershipFactory,
    UnitFactory,
    UserFactory,
    make_bloc_year,
)
from tests.utils import pdf_fonts, pdf_text

LONG_NAME = "Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"


@pytest.fixture
def council(db):
    return CouncilFactory(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An",
        place_name="Nghệ An",
        parent_body="UBND TỈNH NGHỆ AN",
        board_name="Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Nghệ An",
    )


@pytest.fixture
def bloc_year(council):
    by = make_bloc_year(council=council, n_members=0, name=LONG_NAME)
    units = [
        (
            "Thanh tra tỉnh",
            "Nguyễn Văn Hải",
            "Chánh Thanh tra tỉnh",
            Membership.Role.MEMBER,
        ),
        (
            "Tòa án nhân dân tỉnh",
            "Trần Thị Minh",
            "Chánh án Tòa án nhân dân tỉnh",
            Membership.Role.CHAIR,
        ),
        (
            "Viện Kiểm sát nhân dân tỉnh",
            "Lê Văn Đức",
            "Viện trưởng",
            Membership.Role.VICE_CHAIR,
        ),
        (
            "Bộ Chỉ huy Quân sự tỉnh",
            "Phạm Quốc Hùng",
            "Chỉ huy trưởng",
            Membership.Role.MEMBER,
        ),
        (
            "Công an tỉnh",
            "Võ Minh Lương",
            "Giám đốc Công an tỉnh",
            Membership.Role.MEMBER,
        ),
    ]
    for name, head, position, role in units:
        unit = UnitFactory(
            council=council, name=name, head_name=head, head_position=position
        )
        MembershipFactory(bloc_year=by, unit=unit, role=role)
    return by


DATE = datetime.date(2026, 1, 5)


def texts(html: str, css_class: str) -> list[str]:
    """The text of each <div class="css_class">, tags removed (long names are split in spans)."""
    found = re.findall(rf'<div class="{css_class}">(.*?)</div>', html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", f).split()) for f in found]


def test_html_has_the_decree_30_parts(bloc_year):
    html = member_list_html(bloc_year=bloc_year, date=DATE)
    assert "UBND TỈNH NGHỆ AN" in html
    assert texts(html, "doc-issuer-name") == [
        "KHỐI THI ĐUA NỘI CHÍNH – LỰC LƯỢNG VŨ TRANG TỈNH"
    ]
    # It wraps after the dash, not inside "LỰC LƯỢNG".
    assert (
        '<span class="keep">KHỐI THI ĐUA NỘI CHÍNH –</span> <span class="keep">LỰC LƯỢNG'
        in html
    )
    assert "Số:       /DS-KTĐ" in html
    assert "Nghệ An, ngày 05 tháng 01 năm 2026" in html
    assert '<div class="doc-title">DANH SÁCH</div>' in html
    assert (
        "Đơn vị thành viên Khối thi đua Nội chính – Lực lượng vũ trang tỉnh năm 2026"
        in html
    )
    assert "gồm 05 đơn vị thành viên" in html


def test_html_signature_is_on_behalf_of_the_bloc_by_the_chair(bloc_year):
    html = member_list_html(bloc_year=bloc_year, date=DATE)
    assert texts(html, "sig-authority") == [
        "TM. KHỐI THI ĐUA NỘI CHÍNH – LỰC LƯỢNG VŨ TRANG TỈNH"
    ]
    assert texts(html, "sig-position") == [
        "KHỐI TRƯỞNG",
        "CHÁNH ÁN TÒA ÁN NHÂN DÂN TỈNH",
    ]
    assert texts(html, "sig-name") == ["Trần Thị Minh"]


def test_html_recipients(bloc_year):
    html = member_list_html(bloc_year=bloc_year, date=DATE)
    assert "<div>- Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Nghệ An;</div>" in html
    assert "<div>- Các đơn vị thành viên Khối;</div>" in html
    assert "<div>- Lưu: VT.</div>" in html


def test_html_table_lists_members_in_vietnamese_order_with_roles_and_heads(bloc_year):
    html = member_list_html(bloc_year=bloc_year, date=DATE)
    order = [
        "Bộ Chỉ huy Quân sự tỉnh",
        "Công an tỉnh",
        "Thanh tra tỉnh",
        "Tòa án nhân dân tỉnh",
        "Viện Kiểm sát",
    ]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)
    assert '<th class="col-role">Vai trò trong Khối</th>' in html
    assert "<b>Khối trưởng</b>" in html and "<b>Khối phó</b>" in html
    assert '<div class="head-position">Giám đốc Công an tỉnh</div>' in html


def test_pdf_text_has_motto_bloc_year_and_every_member(bloc_year):
    pdf = member_list_pdf(bloc_year=bloc_year, date=DATE)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    for line in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Khối thi đua Nội chính – Lực lượng vũ trang tỉnh năm 2026",
        "KHỐI TRƯỞNG",
    ]:
        assert line in text
    for membership in bloc_year.memberships.select_related("unit"):
        assert membership.unit.name in text
        assert membership.unit.head_name in text


def test_pdf_embeds_the_liberation_based_docserif_font(bloc_year):
    from pypdf import PdfReader

    pdf = member_list_pdf(bloc_year=bloc_year, date=DATE)
    fonts = pdf_fonts(pdf)
    assert fonts and all("DocSerif" in name for name in fonts)
    assert any(name.endswith("DocSerif-Bold") for name in fonts)
    # The embedded font program is Liberation Serif (its name table says so).
    programs = b""
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            )
            programs += descriptor["/FontFile2"].get_object().get_data()
    assert b"Liberation" in programs or "Liberation".encode("utf-16-be") in programs


def test_a_long_member_list_runs_over_pages_with_every_unit(council):
    by = make_bloc_year(council=council, n_members=40, name=LONG_NAME)
    text = pdf_text(member_list_pdf(bloc_year=by, date=DATE))
    for membership in by.memberships.select_related("unit"):
        assert membership.unit.name in text
    assert "Lưu: VT." in text


def test_a_cluster_is_signed_by_its_cum_truong(council):
    by = make_bloc_year(
        council=council, n_members=3, name="Cụm thi đua các xã miền núi", kind="cum"
    )
    html = member_list_html(bloc_year=by, date=DATE)
    assert '<div class="sig-authority">TM. CỤM THI ĐUA CÁC XÃ MIỀN NÚI</div>' in html
    assert '<div class="sig-position">CỤM TRƯỞNG</div>' in html
    assert "Số:       /DS-CTĐ" in html
    assert "Các đơn vị thành viên Cụm" in html
    assert "<b>Cụm phó</b>" in html


def test_a_bloc_without_a_chair_leaves_the_signer_blank(council):
    by = make_bloc_year(council=council, n_members=0, name="Khối thi đua Kinh tế")
    html = member_list_html(bloc_year=by, date=DATE)
    assert '<div class="sig-position">KHỐI TRƯỞNG</div>' in html
    assert "Chưa có đơn vị thành viên." in html
    assert (
        pdf_text(member_list_pdf(bloc_year=by, date=DATE)).count("Khối thi đua Kinh tế")
        >= 1
    )


def test_pdf_view_sends_an_ascii_named_attachment(client, bloc_year):

    viewer = UserFactory(council=bloc_year.bloc.council)
    client.force_login(viewer)
    response = client.get(reverse("blocs:blocyear-export-pdf", args=[bloc_year.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="danh-sach-khoi-thi-dua-noi-chinh-luc-luong-vu-trang-'
        'tinh-2026.pdf"'
    )
    pdf = b"".join(response.streaming_content)
    assert "Thanh tra tỉnh" in pdf_text(pdf)
    inline = client.get(
        reverse("blocs:blocyear-export-pdf", args=[bloc_year.pk]) + "?xem=1"
    )
    assert inline["Content-Disposition"].startswith("inline;")


@pytest.mark.parametrize("n", [2, 25])
def test_pdf_view_query_count_is_constant(
    client, council, django_assert_num_queries, n
):

    by = make_bloc_year(council=council, n_members=n, name=LONG_NAME)
    client.force_login(UserFactory(council=council))
    # session, user, bloc-year with bloc and council, memberships with units
    with django_assert_num_queries(4):
        assert (
            client.get(reverse("blocs:blocyear-export-pdf", args=[by.pk])).status_code
            == 200
        )


def test_long_names_wrap_after_the_dash_unless_a_part_is_too_long():
    from emulation.documents import line_parts

    assert line_parts("KHỐI THI ĐUA NỘI CHÍNH – LỰC LƯỢNG VŨ TRANG TỈNH", 26) == [
        ("KHỐI THI ĐUA NỘI CHÍNH –", True),
        ("LỰC LƯỢNG VŨ TRANG TỈNH", True),
    ]
    assert line_parts("KHỐI THI ĐUA CÁC CƠ QUAN THAM MƯU GIÚP VIỆC TỈNH ỦY", 26) == [
        ("KHỐI THI ĐUA CÁC CƠ QUAN THAM MƯU GIÚP VIỆC TỈNH ỦY", False)
    ]
    assert line_parts("", 26) == []


def test_pdf_file_names_keep_the_d_of_dua():
    from emulation.documents import pdf_response

    response = pdf_response(b"%PDF-1.7", "Danh sách Khối thi đua Đoàn thể.pdf")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="danh-sach-khoi-thi-dua-doan-the.pdf"'
    )
