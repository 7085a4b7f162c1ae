"""'Tổng hợp đăng ký thi đua': the chair's summary of the members' registrations,
as an XLSX workbook and as a Decree-30 PDF (landscape: the table is wide;
docs/domain.md §5.3 and §8.9)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from blocs.models import Membership
from campaigns.selectors.registrations import RegistrationSummary
from emulation.documents import (
    DocumentHeader,
    SignatureBlock,
    html_to_pdf,
    pdf_response,
    render_document_html,
    upper_vi,
)
from emulation.spreadsheets import XLSX_CONTENT_TYPE, workbook_bytes
from emulation.text import ascii_filename

TITLE = "TỔNG HỢP ĐĂNG KÝ THI ĐUA"


def _filename(summary: RegistrationSummary, ext: str) -> str:
    by = summary.bloc_year
    return ascii_filename(f"tong-hop-dang-ky-thi-dua {by.bloc.name} {by.year}", ext)


def _submitted_on(row: dict) -> str:
    reg = row["registration"]
    if reg is None or reg.submitted_at is None:
        return ""
    return timezone.localtime(reg.submitted_at).strftime("%d/%m/%Y")


def _decimal(value) -> str:
    """Vietnamese number: decimal comma, no useless zeros (12,5 not 12.50)."""
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


# --- XLSX ------------------------------------------------------------------------


def summary_xlsx(summary: RegistrationSummary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    by = summary.bloc_year
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="F1F3F5")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    headers = (
        ["STT", "Đơn vị"]
        + [k.name for k in summary.collective_kinds]
        + [f"{k.name} (số cá nhân)" for k in summary.individual_kinds]
        + ["Số chỉ tiêu", "Ngày đăng ký"]
    )
    ws.append([f"{TITLE} NĂM {by.year}"])
    ws.append([by.bloc.name])
    ws.append([f"Đã đăng ký: {summary.n_registered}/{len(summary.rows)} đơn vị"])
    ws.append([])
    ws.append(headers)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"].font = bold
    header_row = ws.max_row
    for i, row in enumerate(summary.rows, start=1):
        ws.append(
            [i, row["unit"].name]
            + ["x" if chosen else "" for chosen in row["collective"]]
            + [n or "" for n in row["individual"]]
            + [
                len(row["targets"]) if row["registration"] else "",
                _submitted_on(row) or "Chưa đăng ký",
            ]
        )
    totals = summary.totals
    ws.append(
        ["", "Tổng cộng"]
        + totals["collective"]
        + totals["individual"]
        + [totals["targets"], ""]
    )
    last = ws.max_row
    for r in range(header_row, last + 1):
        for c in range(1, len(headers) + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = border
            cell.alignment = centre if r == header_row or c != 2 else wrap
            if r in (header_row, last):
                cell.font = bold
            if r == header_row:
                cell.fill = head_fill
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 42
    for c in range(3, len(headers) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 16
    ws.row_dimensions[header_row].height = 48
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)

    targets = wb.create_sheet("Chỉ tiêu")
    targets.append(["STT", "Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Giá trị chỉ tiêu"])
    n = 0
    for row in summary.rows:
        for t in row["targets"]:
            n += 1
            targets.append(
                [n, row["unit"].name, t.name, t.unit_of_measure, float(t.target_value)]
            )
    for cell in targets[1]:
        cell.font = bold
        cell.fill = head_fill
        cell.border = border
    for width, col in zip((6, 36, 60, 14, 16), "ABCDE", strict=True):
        targets.column_dimensions[col].width = width

    return workbook_bytes(wb)  # users' strings as text, never formulas


def summary_xlsx_response(summary: RegistrationSummary) -> HttpResponse:
    response = HttpResponse(summary_xlsx(summary), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(summary, "xlsx")}"'
    )
    return response


# --- PDF -------------------------------------------------------------------------


def _chair_signature(summary: RegistrationSummary) -> SignatureBlock:
    by = summary.bloc_year
    chair = next(
        (r["unit"] for r in summary.rows if r["role"].role == Membership.Role.CHAIR),
        None,
    )
    return SignatureBlock(
        authority=f"TM. {upper_vi(by.bloc.name)}",
        position="KHỐI TRƯỞNG",
        agency_position=upper_vi(chair.head_position) if chair else "",
        name=chair.head_name if chair else "",
    )


def summary_html(summary: RegistrationSummary) -> str:
    by = summary.bloc_year
    council = by.bloc.council
    header = DocumentHeader(
        issuer=upper_vi(by.bloc.name),
        parent=council.parent_body,
        place=council.place_name,
        date=timezone.localdate(),
        title=TITLE,
        summary=f"Năm {by.year}",
        recipients=[
            council.board_name or council.name,
            "Các đơn vị thành viên Khối",
            "Lưu: VT",
        ],
    )
    rows = [
        {
            **row,
            "submitted_on": _submitted_on(row),
            "target_lines": [
                (t.name, _decimal(t.target_value), t.unit_of_measure)
                for t in row["targets"]
            ],
        }
        for row in summary.rows
    ]
    return render_document_html(
        "pdf/registration_summary.html",
        {
            "header": header,
            "signature": _chair_signature(summary),
            "summary": summary,
            "rows": rows,
            "totals": summary.totals,
        },
    )


def summary_pdf(summary: RegistrationSummary) -> bytes:
    return html_to_pdf(summary_html(summary))


def summary_pdf_response(summary: RegistrationSummary):
    return pdf_response(summary_pdf(summary), _filename(summary, "pdf"))
