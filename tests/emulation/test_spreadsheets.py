"""Every .xlsx the application writes keeps users' strings as text, never formulas."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook, load_workbook

from emulation.spreadsheets import append_row, workbook_bytes

TYPED = [
    '=HYPERLINK("http://x.invalid","Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(A1)",
]


def test_strings_that_look_like_formulas_are_written_as_text():
    workbook = Workbook()
    append_row(workbook.active, ["Chỉ tiêu", "Số"])
    for text in TYPED:
        append_row(workbook.active, [text, 3])
    data = workbook_bytes(workbook)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml  # no formula anywhere
    sheet = load_workbook(io.BytesIO(data)).active
    values = [(c.value, c.data_type, c.quotePrefix) for c in sheet["A"][1:]]
    assert values == [(text, "s", True) for text in TYPED]
    assert [c.value for c in sheet["B"][1:]] == [3, 3, 3, 3]  # numbers stay numbers


def test_a_workbook_built_elsewhere_is_made_safe_when_written():
    workbook = Workbook()
    workbook.active["A1"] = "=1+1"  # openpyxl would store a formula
    sheet = load_workbook(io.BytesIO(workbook_bytes(workbook))).active
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("=1+1", "s")
