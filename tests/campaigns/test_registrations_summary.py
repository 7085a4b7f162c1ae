"""'Tổng hợp đăng ký thi đua': the XLSX workbook and the Decree-30 PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from campaigns import selectors
from campaigns.documents import registrations as registration_documents
from tests.factories import (
    UserFactory,
    make_bloc_year,
    members,
    register,
    title_kinds,
)
from tests.utils import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(bloc_year, kinds):
    """Two of the four members registered."""
    units = members(bloc_year)
    register(
        bloc_year,
        units[0],
        collective=[
            kinds["Tập thể lao động xuất sắc"],
            kinds["Cờ thi đua của UBND tỉnh"],
        ],
        counts={kinds["Lao động tiên tiến"]: 42, kinds["Chiến sĩ thi đua cơ sở"]: 6},
        targets=[("Tỷ lệ giải quyết đơn thư khiếu nại", "%", "95")],
    )
    register(
        bloc_year,
        units[1],
        collective=[kinds["Tập thể lao động xuất sắc"]],
        counts={kinds["Lao động tiên tiến"]: 8},
        targets=[("Số mô hình điển hình tiên tiến", "mô hình", "12.5")],
    )
    return bloc_year


def test_summary_totals(registered):
    summary = selectors.registration_summary(bloc_year=registered)
    assert summary.n_registered == 2 and len(summary.rows) == 4
    names = [k.name for k in summary.collective_kinds]
    totals = summary.totals
    assert totals["collective"][names.index("Tập thể lao động xuất sắc")] == 2
    assert totals["collective"][names.index("Cờ thi đua của UBND tỉnh")] == 1
    individual = [k.name for k in summary.individual_kinds]
    assert totals["individual"][individual.index("Lao động tiên tiến")] == 50
    assert totals["targets"] == 2


def test_pdf_lists_every_member_titles_and_targets(registered):
    pdf = registration_documents.summary_pdf(
        selectors.registration_summary(bloc_year=registered)
    )
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "TỔNG HỢP ĐĂNG KÝ THI ĐUA" in text
    assert f"Năm {registered.year}" in text
    for unit in members(registered):
        assert unit.name in text
    assert "Chưa đăng ký" in text
    assert "Tỷ lệ giải quyết đơn thư khiếu nại" in text and "12,5" in text
    assert "KHỐI TRƯỞNG" in text
    assert "2/4 đơn vị thành viên" in text
    assert any("DocSerif" in f for f in pdf_fonts(pdf))  # the embedded Liberation Serif


def test_pdf_html_is_landscape(registered):
    html = registration_documents.summary_html(
        selectors.registration_summary(bloc_year=registered)
    )
    assert "page: landscape" in html


def test_xlsx_has_the_summary_and_the_targets(registered):
    from openpyxl import load_workbook

    data = registration_documents.summary_xlsx(
        selectors.registration_summary(bloc_year=registered)
    )
    wb = load_workbook(io.BytesIO(data))
    sheet = wb["Tổng hợp"]
    values = [
        [c for c in row if c not in (None, "")]
        for row in sheet.iter_rows(values_only=True)
    ]
    flat = [v for row in values for v in row]
    assert f"TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {registered.year}" in flat
    for unit in members(registered):
        assert unit.name in flat
    assert "Chưa đăng ký" in flat and "Tổng cộng" in flat
    targets = list(wb["Chỉ tiêu"].iter_rows(values_only=True))
    assert targets[0] == (
        "STT",
        "Đơn vị",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Giá trị chỉ tiêu",
    )
    assert {row[2] for row in targets[1:]} == {
        "Tỷ lệ giải quyết đơn thư khiếu nại",
        "Số mô hình điển hình tiên tiến",
    }
    assert 12.5 in {row[4] for row in targets[1:]}


def test_summary_downloads(client, viewer, registered):
    client.force_login(viewer)
    response = client.get(
        reverse("campaigns:registration-summary-xlsx", args=[registered.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        "attachment" in response["Content-Disposition"]
        and ".xlsx" in response["Content-Disposition"]
    )
    response = client.get(
        reverse("campaigns:registration-summary-pdf", args=[registered.pk])
    )
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    assert "TỔNG HỢP ĐĂNG KÝ THI ĐUA" in pdf_text(pdf)


def test_summary_file_name_is_ascii_and_keeps_d(client, viewer, registered):
    client.force_login(viewer)
    response = client.get(
        reverse("campaigns:registration-summary-xlsx", args=[registered.pk])
    )
    # "Khối thi đua Nội chính": "đ" becomes "d", it is not dropped.
    assert (
        "tong-hop-dang-ky-thi-dua-khoi-thi-dua-noi-chinh-2026.xlsx"
        in response["Content-Disposition"]
    )


@pytest.mark.parametrize("n", [2, 10])
def test_summary_xlsx_query_count_is_constant(
    client, council, django_assert_num_queries, n
):
    by = make_bloc_year(council=council, n_members=n)
    collective = [k for k in title_kinds(council).values() if k.scope == "collective"]
    for unit in members(by):
        register(by, unit, collective=collective[:2], targets=[("Chỉ tiêu", "%", "90")])
    client.force_login(UserFactory(role="viewer", council=council))
    # session, user, bloc-year (+bloc, council), registrations (+submitted_by), their
    # collective titles, individual counts and targets, members (+units), the
    # council's title kinds.
    with django_assert_num_queries(9):
        url = reverse("campaigns:registration-summary-xlsx", args=[by.pk])
        assert client.get(url).status_code == 200


def test_xlsx_writes_typed_formulas_as_text(bloc_year, kinds):
    """Issue "Trust and daily use" #8: a target name or unit of measure that a user typed
    as a formula comes out of the summary as text, never as a live formula."""
    import zipfile

    from openpyxl import load_workbook

    typed = '=HYPERLINK("http://x.invalid","Bấm vào đây")'
    register(
        bloc_year,
        members(bloc_year)[0],
        collective=[kinds["Tập thể lao động xuất sắc"]],
        targets=[(typed, "=cmd|' /C calc'!A0", "1")],
    )
    data = registration_documents.summary_xlsx(
        selectors.registration_summary(bloc_year=bloc_year)
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert all(b"<f>" not in archive.read(name) for name in sheets)
    row = list(load_workbook(io.BytesIO(data))["Chỉ tiêu"].iter_rows())[1]
    assert (row[2].value, row[2].data_type) == (typed, "s")
    assert (row[3].value, row[3].data_type) == ("=cmd|' /C calc'!A0", "s")
