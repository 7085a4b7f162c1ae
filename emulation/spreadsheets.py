"""The one way the application writes .xlsx files: every string a user typed is written
as text, never as a formula a spreadsheet would run ("=HYPERLINK(…)", "=cmd|…")."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet treats as the start of a formula (or of DDE in old versions).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def set_text(cell, value: Any) -> None:
    """Write `value` into `cell`; a string is always text, even when it starts like a
    formula (such a cell also gets Excel's quote prefix, so editing it keeps it text)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def append_row(sheet: Worksheet, values: Iterable[Any]) -> int:
    """Append one row of values as `set_text` writes them; returns the row number."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value else 1
    for column, value in enumerate(values, start=1):
        set_text(sheet.cell(row=row, column=column), value)
    return row


def make_safe(workbook: Workbook) -> Workbook:
    """A last guard for workbooks built elsewhere: every string cell becomes text."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str)
                    and cell.value.startswith(FORMULA_STARTS)
                ):
                    set_text(cell, cell.value)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    make_safe(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
