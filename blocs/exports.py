"""The spreadsheets (.xlsx) of the member lists: a bloc-year's member list, and the
template of an import (its columns are blocs.uploads'). The PDF member list is in
blocs/documents.py. Pure: the callers read the rows (blocs.selectors) and pass them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from blocs import uploads
from blocs.models import Bloc, BlocYear, Membership
from emulation.models import Unit
from emulation.spreadsheets import workbook_bytes
from emulation.text import ascii_filename


def bloc_display_name(bloc: Bloc) -> str:
    """The bloc's name as printed: "Khối thi đua Nội chính"; a bare "Nội chính" gets its
    kind in front."""
    name = " ".join(bloc.name.split())
    if name.casefold().startswith(("khối", "cụm")):
        return name
    return f"{bloc.get_kind_display()} {name}"


def role_label(role: str, bloc: Bloc) -> str:
    """ "Khối trưởng" / "Khối phó" — "Cụm trưởng" / "Cụm phó" in a cluster."""
    if bloc.kind == Bloc.Kind.CUM:
        if role == Membership.Role.CHAIR:
            return _("Cụm trưởng")
        if role == Membership.Role.VICE_CHAIR:
            return _("Cụm phó")
    return str(Membership.Role(role).label)


def member_list_title(bloc_year: BlocYear) -> str:
    return _("Danh sách đơn vị thành viên %(bloc)s năm %(year)s") % {
        "bloc": bloc_display_name(bloc_year.bloc),
        "year": bloc_year.year,
    }


def export_filename(bloc_year: BlocYear, extension: str) -> str:
    """An ASCII file name: "danh-sach-khoi-thi-dua-noi-chinh-2026.xlsx"."""
    name = bloc_display_name(bloc_year.bloc)
    return ascii_filename(
        f"danh sach {name} {bloc_year.year}", extension, default="danh-sach"
    )


def blocyear_members_xlsx(
    *, bloc_year: BlocYear, members: Sequence[Membership]
) -> bytes:
    """The member list as a spreadsheet: a title row, the headers, one row a unit
    (`members`: blocs.selectors.bloc_year_members)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    bloc = bloc_year.bloc
    columns = [
        (_("STT"), 6),
        (_("Tên đơn vị"), 40),
        (_("Vai trò trong khối"), 16),
        (_("Thủ trưởng"), 24),
        (_("Chức vụ"), 30),
        (_("Cán bộ thi đua"), 24),
        (_("Điện thoại"), 16),
        (_("Thư điện tử"), 32),
    ]
    last = get_column_letter(len(columns))

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(bloc_year.year)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    sheet.append([member_list_title(bloc_year)])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(
        horizontal="center", vertical="center", wrap_text=True
    )
    sheet.row_dimensions[1].height = 36
    council = bloc.council
    subtitle = _("%(council)s · Số đơn vị: %(count)s · Xuất ngày %(date)s") % {
        "council": council.name,
        "count": len(members),
        "date": timezone.localdate().strftime("%d/%m/%Y"),
    }
    sheet.append([subtitle])
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"].font = Font(italic=True, color="444444")
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet.append([])

    header_row = 4
    sheet.append([str(label) for label, _width in columns])
    for index, (_label, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2DCDB")
        cell.alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
        cell.border = border
        sheet.column_dimensions[get_column_letter(index)].width = width

    for number, membership in enumerate(members, start=1):
        unit = membership.unit
        role = (
            role_label(membership.role, bloc)
            if membership.role != Membership.Role.MEMBER
            else _("Thành viên")
        )
        if membership.left_on:
            role = _("%(role)s (ra khỏi khối từ %(date)s)") % {
                "role": role,
                "date": membership.left_on.strftime("%d/%m/%Y"),
            }
        sheet.append(
            [
                number,
                unit.name,
                role,
                unit.head_name,
                unit.head_position,
                unit.contact_name,
                unit.contact_phone,
                unit.contact_email,
            ]
        )
        row = sheet.max_row
        for index in range(1, len(columns) + 1):
            cell = sheet.cell(row=row, column=index)
            cell.border = border
            cell.alignment = wrap
        sheet.cell(row=row, column=1).alignment = Alignment(
            horizontal="center", vertical="top"
        )

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    return workbook_bytes(workbook)  # users' strings as text, never formulas


def import_template_xlsx(*, bloc_names: Sequence[str] = ()) -> bytes:
    """The import template to fill in: the headers, one example row, a sheet of
    instructions, and a sheet listing the unit kinds and the council's blocs (the
    drop-down lists of the "Loại đơn vị" and "Khối thi đua" columns)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Danh sách"))
    sheet.append([c.header for c in uploads.COLUMNS])
    sheet.append([uploads.TEMPLATE_EXAMPLE[c.key] for c in uploads.COLUMNS])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F2DCDB")
    widths = {
        "unit_name": 38,
        "bloc_name": 46,
        "year": 8,
        "short_name": 12,
        "kind": 28,
        "head_name": 24,
        "head_position": 28,
        "contact_name": 24,
        "contact_phone": 16,
        "contact_email": 32,
    }
    for index, column in enumerate(uploads.COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
        sheet.column_dimensions[cell.column_letter].width = widths[column.key]
        sheet.cell(row=2, column=index).font = Font(italic=True, color="666666")
    sheet.freeze_panes = "A2"

    help_sheet = workbook.create_sheet(str(_("Hướng dẫn")))
    help_sheet.column_dimensions["A"].width = 110
    lines = [
        (_("Hướng dẫn nhập danh sách đơn vị thành viên"), True),
        (
            _("Mỗi dòng là một đơn vị thành viên của một khối thi đua trong một năm."),
            False,
        ),
        (
            _(
                "Cột bắt buộc: Tên đơn vị, Khối thi đua, Năm. Các cột khác có thể để trống."
            ),
            False,
        ),
        (
            _(
                "Tên đơn vị và tên khối phải đúng như trong danh mục (không phân biệt "
                "chữ hoa, chữ thường). "
                "Đơn vị chưa có chỉ được tạo khi chọn “Tạo đơn vị mới nếu chưa có trong danh mục”."
            ),
            False,
        ),
        (_("Thông tin thủ trưởng, liên hệ chỉ dùng khi tạo đơn vị mới."), False),
        (
            _(
                "Dòng 2 là dòng ví dụ (chữ nghiêng): hãy xóa hoặc thay bằng dữ liệu "
                "thật trước khi nhập."
            ),
            False,
        ),
        (
            _(
                "Tệp .xlsx hoặc .csv (UTF-8, phân cách bằng dấu ; hoặc ,), tối đa 2 MB "
                "và 2.000 dòng."
            ),
            False,
        ),
        (
            _(
                "Danh sách loại đơn vị và các khối, cụm thi đua của hội đồng: xem trang “Danh mục”."
            ),
            False,
        ),
    ]
    for text, is_bold in lines:
        help_sheet.append([str(text)])
        if is_bold:
            help_sheet.cell(row=help_sheet.max_row, column=1).font = bold

    # Drop-down lists read from a "Danh mục" sheet: labels contain commas, so an inline
    # list formula would split them.
    lists = workbook.create_sheet(str(_("Danh mục")))
    lists.append([str(_("Loại đơn vị")), str(_("Khối thi đua"))])
    kind_labels = [str(label) for _v, label in Unit.Kind.choices]
    for index in range(max(len(kind_labels), len(bloc_names))):
        lists.append(
            [
                kind_labels[index] if index < len(kind_labels) else None,
                bloc_names[index] if index < len(bloc_names) else None,
            ]
        )
    lists.column_dimensions["A"].width = 30
    lists.column_dimensions["B"].width = 50
    keys = [c.key for c in uploads.COLUMNS]
    for key, letter, count in (
        ("kind", "A", len(kind_labels)),
        ("bloc_name", "B", len(bloc_names)),
    ):
        if not count:
            continue
        # Not strict: a bloc not yet in the list can still be typed (the import then says so).
        validation = DataValidation(
            type="list",
            formula1=f"'{lists.title}'!${letter}$2:${letter}${count + 1}",
            allow_blank=True,
        )
        validation.showErrorMessage = False
        target = sheet.cell(row=1, column=keys.index(key) + 1).column_letter
        validation.add(f"{target}2:{target}{uploads.MAX_ROWS + 1}")
        sheet.add_data_validation(validation)

    return workbook_bytes(workbook)  # users' strings as text, never formulas
