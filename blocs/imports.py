"""Import of units and memberships from a spreadsheet (.xlsx) or a CSV file.

Three steps, nothing saved before the last:

1. `read_upload(file)` checks the file (size, content — never the name — and row count)
   and reads it into `ImportRow`s; a bad file raises `ImportFileError` with a Vietnamese
   message (e.g. the missing column names).
2. `import_validate(council=…, rows=…, create_units=…)` tells, for every row, what would
   happen: add the membership, create the unit and add it, nothing (already a member), or
   an error explained in Vietnamese. It only reads (a constant number of queries).
3. `import_confirm(…)` runs the same validation again, inside one transaction with the
   council row locked, and saves the valid rows; rows with errors are skipped.

Between steps 1 and 3 the parsed rows stay on the server (the view keeps them in the
session under a random token): the browser never sends the rows back.
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
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blocs.models import Bloc, BlocYear, Membership
from blocs.services import membership_add
from emulation.models import Council, Unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
YEAR_MIN, YEAR_MAX = 2000, 2100
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
    """Case-, diacritics- and punctuation-insensitive form of a header: "Thư điện tử" → "thu dien tu"."""
    text = (
        unicodedata.normalize("NFD", str(text or ""))
        .replace("đ", "d")
        .replace("Đ", "D")
    )
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


_DASHES = re.compile(r"\s*[-–—‐]\s*")


def name_key(text: str) -> str:
    """How two names are compared: case, spaces and the kind of dash do not matter,
    diacritics do ("Sở Tư pháp" is not "Sở Tư Pháp"… but is "sở tư pháp")."""
    text = unicodedata.normalize("NFC", str(text or "")).casefold()
    text = _DASHES.sub(" – ", text)
    return " ".join(text.split())


_HEADER_LOOKUP: dict[str, str] = {}
for _column in COLUMNS:
    for _label in (_column.header, *_column.aliases):
        _HEADER_LOOKUP[fold(_label)] = _column.key

_KIND_LOOKUP: dict[str, str] = {}
for _value, _label in Unit.Kind.choices:
    _KIND_LOOKUP[fold(_value)] = _value
    _KIND_LOOKUP[fold(str(_label))] = _value


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
                "Tệp CSV phải dùng bảng mã UTF-8. Trong Excel hãy chọn “Lưu dưới dạng” → “CSV UTF-8”."
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
                "Tệp thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu (dòng tiêu đề ở dòng đầu tiên)."
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


# --- Validation (the preview) -------------------------------------------------------------


class Outcome:
    ADD = "add"
    CREATE = "create"
    EXISTS = "exists"
    ERROR = "error"

    LABELS = {
        ADD: gettext_lazy("Thêm vào khối"),
        CREATE: gettext_lazy("Tạo đơn vị mới và thêm vào khối"),
        EXISTS: gettext_lazy("Đã là thành viên — không thay đổi"),
        ERROR: gettext_lazy("Lỗi — không nhập"),
    }


@dataclass
class RowResult:
    line: int
    values: dict[str, str]
    outcome: str = Outcome.ADD
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: Unit | None = None
    bloc: Bloc | None = None
    year: int | None = None
    new_unit_key: str = ""  # the unit this row (or an earlier row) will create

    @property
    def label(self) -> str:
        return str(Outcome.LABELS[self.outcome])

    @property
    def is_error(self) -> bool:
        return self.outcome == Outcome.ERROR

    @property
    def saves(self) -> bool:
        return self.outcome in (Outcome.ADD, Outcome.CREATE)


@dataclass
class ImportPreview:
    rows: list[RowResult]
    create_units: bool
    new_bloc_years: list[tuple[Bloc, int]] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "total": len(self.rows),
            "add": self.count(Outcome.ADD),
            "create": self.count(Outcome.CREATE),
            "exists": self.count(Outcome.EXISTS),
            "error": self.count(Outcome.ERROR),
            "saves": self.count(Outcome.ADD) + self.count(Outcome.CREATE),
        }


def _parse_year(raw: str) -> tuple[int | None, str | None]:
    raw = raw.strip()
    if not raw:
        return None, _("Thiếu năm thi đua.")
    if not re.fullmatch(r"\d+(\.0+)?", raw):
        return None, _("Năm “%(value)s” không phải là số.") % {"value": raw}
    year = int(raw.split(".")[0])
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None, _("Năm %(year)s nằm ngoài khoảng cho phép (%(min)s–%(max)s).") % {
            "year": year,
            "min": YEAR_MIN,
            "max": YEAR_MAX,
        }
    return year, None


def _new_unit(council: Council, values: dict[str, str]) -> Unit:
    kind = _KIND_LOOKUP.get(fold(values.get("kind", "")), Unit.Kind.DEPARTMENT)
    return Unit(
        council=council,
        name=" ".join(values.get("unit_name", "").split()),
        short_name=values.get("short_name", ""),
        kind=kind,
        head_name=values.get("head_name", ""),
        head_position=values.get("head_position", ""),
        contact_name=values.get("contact_name", ""),
        contact_phone=values.get("contact_phone", ""),
        contact_email=values.get("contact_email", ""),
    )


def _unit_field_errors(unit: Unit) -> list[str]:
    """Field errors of a unit to be created (lengths…), without touching the database."""
    try:
        # The e-mail and the kind are checked (with clearer messages) by import_validate.
        exclude = ["council", "contact_email", "kind"]
        unit.full_clean(
            exclude=exclude, validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        return [
            f"{Unit._meta.get_field(name).verbose_name.capitalize()}: {' '.join(messages)}"
            for name, messages in exc.message_dict.items()
        ]
    return []


def import_validate(
    *, council: Council, rows: list[ImportRow], create_units: bool
) -> ImportPreview:
    """What each row would do, without saving. Four queries whatever the number of rows:
    the council's units, its blocs, the bloc-years and the memberships of the years named."""
    units = {name_key(u.name): u for u in Unit.objects.filter(council=council)}
    blocs = {name_key(b.name): b for b in Bloc.objects.filter(council=council)}

    years = {
        y for r in rows if (y := _parse_year(r.values.get("year", ""))[0]) is not None
    }
    bloc_years = {
        (by.bloc_id, by.year)
        for by in BlocYear.objects.filter(bloc__council=council, year__in=years).only(
            "bloc_id", "year"
        )
    }
    memberships = {
        (m.unit_id, m.year): m
        for m in Membership.objects.filter(
            unit__council=council, year__in=years
        ).select_related("bloc_year__bloc")
    }

    email_validator = EmailValidator()
    seen: dict[tuple[str, int], int] = {}  # (unit, year) → first line naming it
    new_units: dict[str, int] = {}  # unit to create → line that creates it
    new_bloc_years: dict[tuple[int, int], tuple[Bloc, int]] = {}
    results: list[RowResult] = []

    for row in rows:
        v = row.values
        result = RowResult(line=row.line, values=v)
        errors = result.errors
        unit_name = " ".join(v.get("unit_name", "").split())
        bloc_name = " ".join(v.get("bloc_name", "").split())

        year, year_error = _parse_year(v.get("year", ""))
        result.year = year
        if year_error:
            errors.append(year_error)

        bloc = None
        if not bloc_name:
            errors.append(_("Thiếu tên khối thi đua."))
        else:
            bloc = blocs.get(name_key(bloc_name))
            if bloc is None:
                errors.append(
                    _("Không có khối thi đua “%(name)s” trong danh mục của hội đồng.")
                    % {"name": bloc_name}
                )
        result.bloc = bloc

        email = v.get("contact_email", "").strip()
        if email:
            try:
                email_validator(email)
            except ValidationError:
                errors.append(
                    _("Thư điện tử “%(value)s” không hợp lệ.") % {"value": email}
                )

        kind = v.get("kind", "").strip()
        if kind and fold(kind) not in _KIND_LOOKUP:
            errors.append(
                _("Loại đơn vị “%(value)s” không hợp lệ; dùng một trong: %(choices)s.")
                % {
                    "value": kind,
                    "choices": ", ".join(str(label) for _v, label in Unit.Kind.choices),
                }
            )

        unit = None
        key = name_key(unit_name)
        if not unit_name:
            errors.append(_("Thiếu tên đơn vị."))
        else:
            unit = units.get(key)
            if unit is None:
                if key in new_units:
                    # An earlier row of the file creates it.
                    result.new_unit_key = key
                elif not create_units:
                    errors.append(
                        _(
                            "Đơn vị “%(name)s” chưa có trong danh mục. Sửa lại tên cho đúng, hoặc chọn "
                            "“Tạo đơn vị mới nếu chưa có trong danh mục” khi tải tệp lên."
                        )
                        % {"name": unit_name}
                    )
                else:
                    field_errors = _unit_field_errors(_new_unit(council, v))
                    errors.extend(field_errors)
                    result.new_unit_key = key
            elif (
                year is not None
                and unit.active_to
                and unit.active_to < datetime.date(year, 1, 1)
            ):
                errors.append(
                    _("Đơn vị “%(name)s” đã ngừng hoạt động từ %(date)s (%(status)s).")
                    % {
                        "name": unit.name,
                        "date": unit.active_to.strftime("%d/%m/%Y"),
                        "status": unit.get_status_display().lower(),
                    }
                )
        result.unit = unit

        if unit_name and year is not None:
            first = seen.get((key, year))
            if first is not None:
                errors.append(
                    _(
                        "Trùng với dòng %(line)s: đơn vị “%(name)s” đã có trong tệp cho năm %(year)s."
                    )
                    % {"line": first, "name": unit_name, "year": year}
                )
            else:
                seen[(key, year)] = row.line

        if unit is not None and year is not None:
            current = memberships.get((unit.pk, year))
            if current is not None:
                if bloc is not None and current.bloc_year.bloc_id == bloc.pk:
                    if not errors:
                        result.outcome = Outcome.EXISTS
                        result.notes.append(
                            _("Đơn vị đã là %(role)s của khối năm %(year)s.")
                            % {"role": current.get_role_display().lower(), "year": year}
                        )
                else:
                    errors.append(
                        _(
                            "Đơn vị “%(name)s” đã là thành viên của “%(bloc)s” năm %(year)s."
                        )
                        % {
                            "name": unit.name,
                            "bloc": current.bloc_year.bloc.name,
                            "year": year,
                        }
                    )

        if errors:
            result.outcome = Outcome.ERROR
        elif result.outcome != Outcome.EXISTS:
            if unit is None and result.new_unit_key not in new_units:
                result.outcome = Outcome.CREATE
                new_units[result.new_unit_key] = row.line
            else:
                result.outcome = Outcome.ADD
                if unit is None:
                    result.notes.append(
                        _("Đơn vị được tạo ở dòng %(line)s.")
                        % {"line": new_units[result.new_unit_key]}
                    )
            assert bloc is not None and year is not None
            if (bloc.pk, year) not in bloc_years:
                new_bloc_years.setdefault((bloc.pk, year), (bloc, year))
                result.notes.append(
                    _("Mở năm thi đua %(year)s cho khối.") % {"year": year}
                )
        results.append(result)

    # A unit is created only by its first valid row; if that row has an error, a later row creates it.
    return ImportPreview(
        rows=results,
        create_units=create_units,
        new_bloc_years=list(new_bloc_years.values()),
    )


# --- Saving (the confirm) ------------------------------------------------------------------


@dataclass
class ImportResult:
    added: int = 0
    created_units: int = 0
    created_bloc_years: int = 0
    unchanged: int = 0
    skipped: int = 0
    years: list[int] = field(default_factory=list)  # the years that got new members


def unit_import_create(*, council: Council, values: dict[str, str]) -> Unit:
    """Create a unit named in an import row (the optional columns fill its details)."""
    unit = _new_unit(council, values)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def import_confirm(
    *, council: Council, rows: list[ImportRow], create_units: bool
) -> ImportResult:
    """Save the valid rows of an import; rows with errors are skipped.

    The council row is locked so two imports (or a double submit) run one after the
    other; each validates again against what the other saved, so a second run of the
    same rows finds them all "already a member" and changes nothing.
    """
    list(
        Council.objects.select_for_update()
        .filter(pk=council.pk)
        .values_list("pk", flat=True)
    )
    preview = import_validate(council=council, rows=rows, create_units=create_units)
    result = ImportResult()
    created: dict[str, Unit] = {}
    bloc_years: dict[tuple[int, int], BlocYear] = {}
    for row in preview.rows:
        if row.outcome == Outcome.ERROR:
            result.skipped += 1
            continue
        if row.outcome == Outcome.EXISTS:
            result.unchanged += 1
            continue
        assert row.bloc is not None and row.year is not None
        unit = row.unit
        if unit is None:
            unit = created.get(row.new_unit_key)
            if unit is None:
                unit = unit_import_create(council=council, values=row.values)
                created[row.new_unit_key] = unit
                result.created_units += 1
        bloc_year = bloc_years.get((row.bloc.pk, row.year))
        if bloc_year is None:
            bloc_year = BlocYear.objects.filter(bloc=row.bloc, year=row.year).first()
            if bloc_year is None:
                bloc_year = BlocYear(bloc=row.bloc, year=row.year)
                bloc_year.full_clean()
                bloc_year.save()
                result.created_bloc_years += 1
            bloc_years[(row.bloc.pk, row.year)] = bloc_year
        membership_add(bloc_year=bloc_year, unit=unit)
        result.added += 1
        if row.year not in result.years:
            result.years.append(row.year)
    return result


# --- The template file ---------------------------------------------------------------------


def import_template_xlsx(*, council: Council | None = None) -> bytes:
    """The template to fill in: the headers, one example row, and a sheet of instructions
    listing the unit kinds and (when known) the council's blocs."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Danh sách"))
    sheet.append([c.header for c in COLUMNS])
    sheet.append([TEMPLATE_EXAMPLE[c.key] for c in COLUMNS])
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
    for index, column in enumerate(COLUMNS, start=1):
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
                "Tên đơn vị và tên khối phải đúng như trong danh mục (không phân biệt chữ hoa, chữ thường). "
                "Đơn vị chưa có chỉ được tạo khi chọn “Tạo đơn vị mới nếu chưa có trong danh mục”."
            ),
            False,
        ),
        (_("Thông tin thủ trưởng, liên hệ chỉ dùng khi tạo đơn vị mới."), False),
        (
            _(
                "Dòng 2 là dòng ví dụ (chữ nghiêng): hãy xóa hoặc thay bằng dữ liệu thật trước khi nhập."
            ),
            False,
        ),
        (
            _(
                "Tệp .xlsx hoặc .csv (UTF-8, phân cách bằng dấu ; hoặc ,), tối đa 2 MB và 2.000 dòng."
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
    bloc_names = (
        list(
            Bloc.objects.filter(council=council)
            .order_by("sort_key")
            .values_list("name", flat=True)
        )
        if council is not None
        else []
    )
    for index in range(max(len(kind_labels), len(bloc_names))):
        lists.append(
            [
                kind_labels[index] if index < len(kind_labels) else None,
                bloc_names[index] if index < len(bloc_names) else None,
            ]
        )
    lists.column_dimensions["A"].width = 30
    lists.column_dimensions["B"].width = 50
    keys = [c.key for c in COLUMNS]
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
        validation.add(f"{target}2:{target}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
