"""The file of an import of members (board staff): its columns, and reading an uploaded
.xlsx or CSV file into rows. Pure: nothing here reads or writes the database.

`read_upload(file)` checks the file (size, content — never the name — and row count) and
reads it into `ImportRow`s; a bad file raises `ImportFileError` with a Vietnamese message
(e.g. the missing column names). What each row would do is
`blocs.selectors.import_validate`; saving the valid rows is
`blocs.services.import_confirm`; the template to fill in is `blocs.exports`.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from emulation.models import Unit
from emulation.text import normalise_name

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
# Only the first columns are read: a template has 10, a hand-made sheet a few more.
MAX_COLUMNS = 40
# The header row is looked for among the first rows (a title line above it is common).
HEADER_SEARCH_ROWS = 10


class ImportFileError(ValidationError):
    """The whole file is refused (bad format, too large, missing columns…)."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Vietnamese header written in the template
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "unit_name",
        "Tên đơn vị",
        True,
        ("đơn vị", "tên cơ quan, đơn vị", "cơ quan, đơn vị", "tên cơ quan"),
    ),
    Column(
        "bloc_name",
        "Khối thi đua",
        True,
        ("khối", "cụm thi đua", "khối, cụm thi đua", "tên khối", "khối, cụm"),
    ),
    Column("year", "Năm", True, ("năm thi đua",)),
    Column("short_name", "Tên viết tắt", False, ("viết tắt",)),
    Column("kind", "Loại đơn vị", False, ("loại",)),
    Column(
        "head_name", "Thủ trưởng", False, ("họ tên thủ trưởng", "thủ trưởng đơn vị")
    ),
    Column("head_position", "Chức vụ", False, ("chức vụ thủ trưởng",)),
    Column(
        "contact_name",
        "Cán bộ thi đua",
        False,
        ("cán bộ làm công tác thi đua", "cán bộ phụ trách"),
    ),
    Column("contact_phone", "Điện thoại", False, ("số điện thoại",)),
    Column(
        "contact_email",
        "Thư điện tử",
        False,
        ("email", "e-mail", "địa chỉ thư điện tử"),
    ),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}

# Example row of the downloadable template.
TEMPLATE_EXAMPLE = {
    "unit_name": "Thanh tra tỉnh",
    "bloc_name": "Khối thi đua Nội chính – Lực lượng vũ trang tỉnh",
    "year": 2026,
    "short_name": "TTr",
    "kind": "Cơ quan tư pháp, kiểm sát",
    "head_name": "Nguyễn Văn An",
    "head_position": "Chánh Thanh tra tỉnh",
    "contact_name": "Trần Thị Bình",
    "contact_phone": "0238 3844 123",
    "contact_email": "vanphong.thanhtra@nghean.gov.vn",
}


# --- Text matching ---------------------------------------------------------------------


def fold(text: str) -> str:
    """Case-, diacritics- and punctuation-insensitive form of a header: "Thư điện tử" →
    "thu dien tu"."""
    text = (
        unicodedata.normalize("NFD", str(text or ""))
        .replace("đ", "d")
        .replace("Đ", "D")
    )
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def name_key(text: str) -> str:
    """How a name in the file is matched with the council's units and blocs: the one
    normalisation of names (emulation.text.normalise_name), then without case; diacritics
    count ("Sở Tư pháp" is "sở tư pháp" and "Sở Tư pháp – Hộ tịch" is "Sở Tư pháp-Hộ
    tịch", but "Sở Tu phap" is another name)."""
    return normalise_name(text).casefold()


_HEADER_LOOKUP: dict[str, str] = {}
for _column in COLUMNS:
    for _label in (_column.header, *_column.aliases):
        _HEADER_LOOKUP[fold(_label)] = _column.key

KIND_LOOKUP: dict[str, str] = {}
for _value, _label in Unit.Kind.choices:
    KIND_LOOKUP[fold(_value)] = _value
    KIND_LOOKUP[fold(str(_label))] = _value


# --- Reading the file ----------------------------------------------------------------------


@dataclass
class ImportRow:
    line: int  # the row number the user sees in Excel or the line in the CSV file
    values: dict[str, str]

    def to_dict(self) -> dict:
        return {"line": self.line, "values": self.values}

    @classmethod
    def from_dict(cls, data: dict) -> ImportRow:
        return cls(
            line=int(data["line"]),
            values={k: str(v) for k, v in data["values"].items()},
        )


@dataclass
class ImportTable:
    rows: list[ImportRow]
    columns: list[str]  # keys of the recognised columns, in file order
    ignored_headers: list[str] = field(default_factory=list)
    file_kind: str = ""  # "xlsx" or "csv"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def _sniff_kind(head: bytes) -> str:
    """What the content is, whatever the file is called: "xlsx", "csv", or a refusal."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "Tệp Excel 97–2003 (.xls) không được hỗ trợ. Hãy mở tệp và lưu lại dưới dạng .xlsx."
            )
        )
    if b"\x00" in head:
        raise ImportFileError(
            _("Tệp không phải là bảng tính .xlsx hoặc tệp văn bản .csv.")
        )
    return "csv"


def _xlsx_lines(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError(
            _("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")
        ) from exc
    except Exception as exc:  # openpyxl raises its own exceptions for broken packages
        raise ImportFileError(
            _("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        lines: list[tuple[int, list[str]]] = []
        data_rows = 0
        for number, values in enumerate(
            sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            lines.append((number, cells))
            data_rows += 1
            # Stop reading early: a huge sheet is refused anyway (header + MAX_ROWS + 1).
            if data_rows > MAX_ROWS + HEADER_SEARCH_ROWS + 1:
                break
        return lines
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            _("Không đọc được nội dung bảng tính; hãy lưu lại tệp rồi thử lại.")
        ) from exc
    finally:
        workbook.close()


def _csv_lines(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "Tệp CSV phải dùng bảng mã UTF-8. Trong Excel hãy chọn “Lưu dưới dạng” "
                "→ “CSV UTF-8”."
            )
        ) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _pick_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            cells = [_cell_text(v) for v in record[:MAX_COLUMNS]]
            if not any(cells):
                continue
            lines.append((reader.line_num, cells))
            if len(lines) > MAX_ROWS + HEADER_SEARCH_ROWS + 1:
                break
    except csv.Error as exc:
        raise ImportFileError(
            _("Tệp CSV bị lỗi định dạng: %(error)s") % {"error": exc}
        ) from exc
    return lines


def _pick_delimiter(first_line: str) -> str:
    """ ";" (Excel in Vietnamese locale) or "," — whichever reads more known headers."""
    best, best_score = ",", (-1, -1)
    for delimiter in (";", ","):
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        known = sum(1 for c in cells if fold(c) in _HEADER_LOOKUP)
        score = (known, len(cells))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _map_header(cells: list[str]) -> tuple[dict[int, str], list[str], list[str]]:
    """Column index → key, the ignored headers, and headers named twice."""
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    duplicated: list[str] = []
    for index, cell in enumerate(cells):
        if not cell:
            continue
        key = _HEADER_LOOKUP.get(fold(cell))
        if key is None:
            if fold(cell) not in ("stt", "tt", "so tt", "so thu tu"):
                ignored.append(cell)
        elif key in mapping.values():
            duplicated.append(cell)
        else:
            mapping[index] = key
    return mapping, ignored, duplicated


def read_upload(upload: IO[bytes], *, size: int | None = None) -> ImportTable:
    """Read an uploaded file into rows, or refuse it (ImportFileError, in Vietnamese)."""
    if size is None:
        size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ImportFileError(
            _("Tệp quá lớn (%(size)s MB). Dung lượng tối đa là 2 MB.")
            % {"size": f"{size / 1048576:.1f}"}
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("Tệp quá lớn. Dung lượng tối đa là 2 MB."))
    if not data.strip():
        raise ImportFileError(_("Tệp rỗng."))
    return read_bytes(data)


def read_bytes(data: bytes) -> ImportTable:
    kind = _sniff_kind(data[:4096])
    lines = _xlsx_lines(data) if kind == "xlsx" else _csv_lines(data)
    if not lines:
        raise ImportFileError(_("Tệp không có dữ liệu."))

    # The header is the first row naming a required column (a title may sit above it).
    header_at = 0
    for position, (_number, cells) in enumerate(lines[:HEADER_SEARCH_ROWS]):
        mapping, _ignored, _dup = _map_header(cells)
        if any(COLUMN_BY_KEY[k].required for k in mapping.values()):
            header_at = position
            break
    mapping, ignored, duplicated = _map_header(lines[header_at][1])
    missing = [
        c.header for c in COLUMNS if c.required and c.key not in mapping.values()
    ]
    if missing:
        raise ImportFileError(
            _(
                "Tệp thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu (dòng tiêu đề ở "
                "dòng đầu tiên)."
            )
            % {"columns": ", ".join(f"“{m}”" for m in missing)}
        )
    if duplicated:
        raise ImportFileError(
            _("Cột %(columns)s xuất hiện hơn một lần trong dòng tiêu đề.")
            % {"columns": ", ".join(f"“{d}”" for d in duplicated)}
        )

    rows: list[ImportRow] = []
    for number, cells in lines[header_at + 1 :]:
        values = {
            key: (cells[index] if index < len(cells) else "")
            for index, key in mapping.items()
        }
        if not any(values.values()):
            continue
        rows.append(ImportRow(line=number, values=values))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                _("Tệp có hơn %(max)s dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.")
                % {"max": "2.000"}
            )
    if not rows:
        raise ImportFileError(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    return ImportTable(
        rows=rows,
        columns=[mapping[i] for i in sorted(mapping)],
        ignored_headers=ignored,
        file_kind=kind,
    )


def unit_fields(values: dict[str, str]) -> dict[str, str]:
    """The details of a unit named in a row (the optional columns), as the keyword
    arguments of `blocs.services.unit_create`; an unknown kind is a department."""
    return {
        "name": normalise_name(values.get("unit_name", "")),
        "short_name": values.get("short_name", ""),
        "kind": KIND_LOOKUP.get(fold(values.get("kind", "")), Unit.Kind.DEPARTMENT),
        "head_name": values.get("head_name", ""),
        "head_position": values.get("head_position", ""),
        "contact_name": values.get("contact_name", ""),
        "contact_phone": values.get("contact_phone", ""),
        "contact_email": values.get("contact_email", ""),
    }
