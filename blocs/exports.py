"""Export of a bloc-year's member list as a spreadsheet (.xlsx); the PDF is in blocs/documents.py."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from blocs.models import Bloc, BlocYear, Membership

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bloc_display_name(bloc: Bloc) -> str:
    """The bloc's name as printed: "Khối thi đua Nội chính"; a bare "Nội chính" gets its kind in front."""
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


def member_rows(*, bloc_year: BlocYear) -> list[Membership]:
    """The bloc-year's members with their units, in Vietnamese alphabetical order (one query)."""
    return list(
        Membership.objects.filter(bloc_year=bloc_year)
        .select_related("unit")
        .order_by("unit__sort_key", "pk")
    )


def member_list_title(bloc_year: BlocYear) -> str:
    return _("Danh sách đơn vị thành viên %(bloc)s năm %(year)s") % {
        "bloc": bloc_display_name(bloc_year.bloc),
        "year": bloc_year.year,
    }


def export_filename(bloc_year: BlocYear, extension: str) -> str:
    """An ASCII file name: "danh-sach-khoi-thi-dua-noi-chinh-2026.xlsx"."""
    name = bloc_display_name(bloc_year.bloc).replace("đ", "d").replace("Đ", "D")
    stem = slugify(f"danh sach {name} {bloc_year.year}", allow_unicode=False)
    return f"{stem or 'danh-sach'}.{extension}"


def blocyear_members_xlsx(
    *, bloc_year: BlocYear, members: list[Membership] | None = None
) -> bytes:
    """The member list as a spreadsheet: a title row, the headers, one row a unit."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    if members is None:
        members = member_rows(bloc_year=bloc_year)
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
            if cell.data_type == "f":
                # A name typed as "=…" is text, never a formula Excel would run.
                cell.data_type = "s"
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

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
