"""Import of members (upload → preview → confirm) and the .xlsx exports: the import
template and a bloc-year's member list."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from blocs import selectors, uploads
from blocs.models import BlocYear, Membership, SelectionMethod
from blocs.selectors import RowResult, import_validate
from blocs.selectors.imports import Outcome
from blocs.services import import_confirm
from blocs.uploads import ImportFileError, ImportRow, read_bytes
from blocs.views.imports import SESSION_KEY
from emulation.models import Unit
from tests.factories import (
    MembershipFactory,
    UnitFactory,
    csv_bytes,
    make_bloc_year,
    set_rules,
    xlsx_bytes,
)

# --- Reading files (blocs.uploads) ------------------------------------------------


HEADERS = ["Tên đơn vị", "Khối thi đua", "Năm"]


FULL_HEADERS = [c.header for c in uploads.COLUMNS]


def rows_of(*values: tuple[str, str, object]) -> list[ImportRow]:
    return [
        ImportRow(line=i + 2, values={"unit_name": u, "bloc_name": b, "year": str(y)})
        for i, (u, b, y) in enumerate(values)
    ]


def upload(
    client, data: bytes, *, name: str = "danh-sach.xlsx", create_units: bool = False
):
    payload = {"file": SimpleUploadedFile(name, data)}
    if create_units:
        payload["create_units"] = "on"
    return client.post(reverse("blocs:import-upload"), payload)


def token_of(response) -> str:
    assert response.status_code == 302, response.content[:500]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def other_bloc_year(council):
    return make_bloc_year(
        council=council, n_members=2, name="Khối thi đua Văn hóa – Xã hội"
    )


@pytest.fixture
def free_unit(council):
    return UnitFactory(council=council, name="Sở Tư pháp")


def test_xlsx_rows_are_read_with_their_spreadsheet_line_numbers():
    table = read_bytes(
        xlsx_bytes(
            [
                HEADERS,
                ["Sở Tư pháp", "Khối Nội chính", 2026],
                [],
                ["Công an tỉnh", "Khối Nội chính", 2026.0],
            ]
        )
    )
    assert table.file_kind == "xlsx"
    assert [(r.line, r.values["unit_name"], r.values["year"]) for r in table.rows] == [
        (2, "Sở Tư pháp", "2026"),
        (4, "Công an tỉnh", "2026"),
    ]


@pytest.mark.parametrize(
    ("sep", "bom"), [(";", True), (";", False), (",", True), (",", False)]
)
def test_csv_is_read_with_or_without_bom_and_either_separator(sep, bom):
    data = csv_bytes(
        [FULL_HEADERS, ["Sở Tư pháp, tỉnh", "Khối Nội chính", "2026", "STP"]],
        sep=sep,
        bom=bom,
    )
    table = read_bytes(data)
    assert table.file_kind == "csv"
    row = table.rows[0]
    assert row.line == 2
    assert (
        row.values["unit_name"] == "Sở Tư pháp, tỉnh"
    )  # a quoted separator stays in the cell
    assert row.values["short_name"] == "STP"
    assert row.values["contact_email"] == ""


def test_headers_match_without_case_or_diacritics_and_a_title_row_is_skipped():
    data = csv_bytes(
        [
            ["DANH SÁCH ĐƠN VỊ THÀNH VIÊN NĂM 2026"],
            ["STT", "TEN DON VI", "khoi thi dua", "NĂM", "Email", "Ghi chú"],
            ["1", "Sở Tư pháp", "Khối Nội chính", "2026", "stp@nghean.gov.vn", "x"],
        ]
    )
    table = read_bytes(data)
    assert table.rows[0].line == 3
    assert table.rows[0].values == {
        "unit_name": "Sở Tư pháp",
        "bloc_name": "Khối Nội chính",
        "year": "2026",
        "contact_email": "stp@nghean.gov.vn",
    }
    assert table.ignored_headers == ["Ghi chú"]


def test_missing_columns_refuse_the_whole_file_and_name_them():
    with pytest.raises(ImportFileError) as exc:
        read_bytes(xlsx_bytes([["Tên đơn vị", "Điện thoại"], ["Sở Tư pháp", "0238"]]))
    assert exc.value.messages == [
        "Tệp thiếu cột bắt buộc: “Khối thi đua”, “Năm”. Hãy dùng tệp mẫu (dòng tiêu đề "
        "ở dòng đầu tiên)."
    ]


def test_csv_that_is_not_utf8_is_refused():
    data = "Tên đơn vị;Khối thi đua;Năm\r\nSở Tư pháp;Khối;2026\r\n".encode(
        "cp1258", errors="replace"
    )  # a legacy Windows encoding
    with pytest.raises(ImportFileError, match="bảng mã UTF-8"):
        read_bytes(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00",
            "không phải là bảng tính .xlsx hoặc tệp văn bản .csv",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "không phải là bảng tính .xlsx hoặc tệp văn bản .csv",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "Excel 97–2003 (.xls) không được hỗ trợ",
        ),
    ],
)
def test_content_that_is_not_xlsx_or_csv_is_refused_whatever_its_name(data, message):
    with pytest.raises(
        ImportFileError,
        match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\."),
    ):
        read_bytes(data)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ImportFileError) as exc:
        read_bytes(out.getvalue())
    assert exc.value.messages == ["Tệp không phải là bảng tính Excel (.xlsx) hợp lệ."]


def test_files_over_two_megabytes_are_refused():
    data = csv_bytes([HEADERS]) + b"x" * (uploads.MAX_BYTES + 1)
    with pytest.raises(
        ImportFileError, match="Tệp quá lớn .* Dung lượng tối đa là 2 MB"
    ):
        uploads.read_upload(io.BytesIO(data), size=len(data))
    # A stream that lies about its size is cut off after 2 MB as well.
    with pytest.raises(ImportFileError, match="Tệp quá lớn"):
        uploads.read_upload(io.BytesIO(data), size=10)


def test_files_over_2000_rows_are_refused_and_2000_are_accepted():
    body = [HEADERS] + [
        [f"Đơn vị {i}", "Khối Nội chính", "2026"] for i in range(uploads.MAX_ROWS)
    ]
    assert len(read_bytes(csv_bytes(body)).rows) == uploads.MAX_ROWS
    with pytest.raises(ImportFileError) as exc:
        read_bytes(csv_bytes(body + [["Đơn vị thừa", "Khối Nội chính", "2026"]]))
    assert exc.value.messages == [
        "Tệp có hơn 2.000 dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn."
    ]


def test_a_file_with_only_headers_is_refused():
    with pytest.raises(ImportFileError, match="không có dòng dữ liệu"):
        read_bytes(csv_bytes([HEADERS]))


# --- Validation: every outcome and every error (blocs.selectors.import_validate) --


def _one(
    council, unit_name, bloc_name, year="2026", *, create_units=False, **values
) -> RowResult:
    """The preview of a file of one row: this unit in this bloc in `year`, with the other
    columns' `values`."""
    values = {"unit_name": unit_name, "bloc_name": bloc_name, "year": year, **values}
    preview = import_validate(
        council=council,
        rows=[ImportRow(line=2, values=values)],
        create_units=create_units,
    )
    return preview.rows[0]


def test_known_unit_not_yet_member_will_be_added(council, bloc_year, free_unit):
    row = _one(council, "sở tư  PHÁP", bloc_year.bloc.name.upper())
    assert row.outcome == Outcome.ADD
    assert row.unit == free_unit
    assert row.errors == []


def test_dashes_in_names_do_not_matter(council):
    by = make_bloc_year(
        council=council,
        n_members=1,
        name="Khối thi đua Nội chính – Lực lượng vũ trang tỉnh",
    )
    UnitFactory(council=council, name="Sở Tư pháp")
    row = _one(
        council, "Sở Tư pháp", "Khối thi đua Nội chính - Lực lượng vũ trang tỉnh"
    )
    assert row.outcome == Outcome.ADD
    assert row.bloc == by.bloc


def test_unknown_unit_is_an_error_when_not_creating(council, bloc_year):
    row = _one(council, "Sở Ngoại vụ", bloc_year.bloc.name)
    assert row.outcome == Outcome.ERROR
    assert row.errors == [
        "Đơn vị “Sở Ngoại vụ” chưa có trong danh mục. Sửa lại tên cho đúng, hoặc chọn "
        "“Tạo đơn vị mới nếu chưa có trong danh mục” khi tải tệp lên."
    ]


def test_unknown_unit_will_be_created_when_asked(council, bloc_year):
    row = _one(
        council,
        "Sở Ngoại vụ",
        bloc_year.bloc.name,
        kind="sở, ban, ngành",
        create_units=True,
    )
    assert row.outcome == Outcome.CREATE
    assert row.label == "Tạo đơn vị mới và thêm vào khối"


def test_unknown_bloc_is_an_error(council, free_unit):
    row = _one(council, "Sở Tư pháp", "Khối Kinh tế")
    assert row.errors == [
        "Không có khối thi đua “Khối Kinh tế” trong danh mục của hội đồng."
    ]


def test_a_bloc_of_another_council_is_unknown(council, other_council, free_unit):
    foreign = make_bloc_year(
        council=other_council, n_members=1, name="Khối thi đua Hà Tĩnh"
    )
    row = _one(council, "Sở Tư pháp", foreign.bloc.name)
    assert row.errors == [
        "Không có khối thi đua “Khối thi đua Hà Tĩnh” trong danh mục của hội đồng."
    ]


def test_unit_already_in_another_bloc_that_year_is_an_error(
    council, bloc_year, other_bloc_year
):
    unit = other_bloc_year.memberships.first().unit
    row = _one(council, unit.name, bloc_year.bloc.name)
    assert row.errors == [
        f"Đơn vị “{unit.name}” đã là thành viên của “Khối thi đua Văn hóa – Xã hội” năm 2026."
    ]


def test_unit_already_member_of_the_same_bloc_changes_nothing(council, bloc_year):
    unit = bloc_year.memberships.get(role=Membership.Role.CHAIR).unit
    row = _one(council, unit.name, bloc_year.bloc.name)
    assert row.outcome == Outcome.EXISTS
    assert row.label == "Đã là thành viên — không thay đổi"
    assert row.notes == ["Đơn vị đã là khối trưởng của khối năm 2026."]


def test_duplicate_row_in_the_file_is_an_error(council, bloc_year, free_unit):
    preview = import_validate(
        council=council,
        rows=rows_of(
            ("Sở Tư pháp", bloc_year.bloc.name, 2026),
            ("Sở Tư Pháp", bloc_year.bloc.name, 2027),
            ("SỞ TƯ PHÁP", bloc_year.bloc.name, 2026),
        ),
        create_units=False,
    )
    assert [r.outcome for r in preview.rows] == [
        Outcome.ADD,
        Outcome.ADD,
        Outcome.ERROR,
    ]
    assert preview.rows[2].errors == [
        "Trùng với dòng 2: đơn vị “SỞ TƯ PHÁP” đã có trong tệp cho năm 2026."
    ]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("hai nghìn", "Năm “hai nghìn” không phải là số."),
        ("2026a", "Năm “2026a” không phải là số."),
        ("1999", "Năm 1999 nằm ngoài khoảng cho phép (2000–2100)."),
        ("2101", "Năm 2101 nằm ngoài khoảng cho phép (2000–2100)."),
        ("", "Thiếu năm thi đua."),
    ],
)
def test_year_must_be_a_number_in_range(council, bloc_year, free_unit, year, message):
    row = _one(council, "Sở Tư pháp", bloc_year.bloc.name, year)
    assert row.errors == [message]


def test_bad_email_is_an_error(council, bloc_year, free_unit):
    row = _one(council, "Sở Tư pháp", bloc_year.bloc.name, contact_email="vanphong@")
    assert row.errors == ["Thư điện tử “vanphong@” không hợp lệ."]


def test_unknown_unit_kind_is_an_error(council, bloc_year):
    row = _one(
        council, "Sở Ngoại vụ", bloc_year.bloc.name, kind="Bộ đội", create_units=True
    )
    assert row.errors[0].startswith(
        "Loại đơn vị “Bộ đội” không hợp lệ; dùng một trong: Cơ quan Đảng, "
    )


def test_too_long_values_of_a_new_unit_are_errors(council, bloc_year):
    row = _one(
        council,
        "Sở Ngoại vụ",
        bloc_year.bloc.name,
        contact_phone="0" * 31,
        create_units=True,
    )
    assert row.outcome == Outcome.ERROR
    assert row.errors[0].startswith("Điện thoại: ")


def test_missing_unit_or_bloc_name_is_an_error(council):
    row = _one(council, "", "")
    assert row.errors == ["Thiếu tên khối thi đua.", "Thiếu tên đơn vị."]


def test_unit_closed_before_the_year_is_an_error(council, bloc_year):
    UnitFactory(
        council=council,
        name="Cục Thi hành án dân sự tỉnh",
        status="merged",
        active_to=datetime.date(2025, 2, 28),
    )
    row = _one(council, "Cục Thi hành án dân sự tỉnh", bloc_year.bloc.name)
    assert row.errors == [
        "Đơn vị “Cục Thi hành án dân sự tỉnh” đã ngừng hoạt động từ 28/02/2025 (đã sáp nhập)."
    ]
    # …but it may still be imported into the years it was active.
    row = _one(council, "Cục Thi hành án dân sự tỉnh", bloc_year.bloc.name, "2024")
    assert row.outcome == Outcome.ADD


def test_unit_not_yet_active_in_the_year_is_an_error(council, bloc_year):
    # The kernel's rule (emulation.models.active_in_year_q): the unit's dates must
    # reach the year.
    UnitFactory(
        council=council, name="Sở Khoa học mới", active_from=datetime.date(2027, 3, 1)
    )
    row = _one(council, "Sở Khoa học mới", bloc_year.bloc.name, "2026")
    assert row.errors == ["Đơn vị “Sở Khoa học mới” bắt đầu hoạt động từ 01/03/2027."]
    row = _one(council, "Sở Khoa học mới", bloc_year.bloc.name, "2027")
    assert row.outcome == Outcome.ADD


def test_a_new_unit_named_twice_is_created_once(council, bloc_year):
    preview = import_validate(
        council=council,
        rows=rows_of(
            ("Sở Ngoại vụ", bloc_year.bloc.name, 2026),
            ("Sở Ngoại vụ", bloc_year.bloc.name, 2027),
        ),
        create_units=True,
    )
    assert [r.outcome for r in preview.rows] == [Outcome.CREATE, Outcome.ADD]
    assert "Đơn vị được tạo ở dòng 2." in preview.rows[1].notes
    assert "Mở năm thi đua 2027 cho khối." in preview.rows[1].notes
    assert preview.new_bloc_years == [(bloc_year.bloc, 2027)]


@pytest.mark.parametrize("n", [1, 200])
def test_validation_query_count_does_not_grow_with_rows(
    council, bloc_year, django_assert_num_queries, n
):
    rows = rows_of(*[(f"Sở {i}", bloc_year.bloc.name, 2026 + i % 3) for i in range(n)])
    # the council's units (marked active or not in each year named), its blocs, the
    # bloc-years of the years named, the memberships of those years
    with django_assert_num_queries(4):
        import_validate(council=council, rows=rows, create_units=True)


# --- Saving (blocs.services.import_confirm) ---------------------------------------


def test_confirm_saves_valid_rows_skips_errors_and_is_idempotent(
    council, bloc_year, other_bloc_year, free_unit
):
    taken = other_bloc_year.memberships.first().unit
    rows = rows_of(
        ("Sở Tư pháp", bloc_year.bloc.name, 2026),  # add
        ("Sở Ngoại vụ", bloc_year.bloc.name, 2026),  # create and add
        ("Sở Ngoại vụ", bloc_year.bloc.name, 2027),  # add (created above), opens 2027
        (taken.name, bloc_year.bloc.name, 2026),  # error: in another bloc
        (
            bloc_year.memberships.first().unit.name,
            bloc_year.bloc.name,
            2026,
        ),  # already a member
    )
    result = import_confirm(council=council, rows=rows, create_units=True)
    assert (
        result.added,
        result.created_units,
        result.created_bloc_years,
        result.skipped,
        result.unchanged,
    ) == (
        3,
        1,
        1,
        1,
        1,
    )
    new_unit = Unit.objects.get(council=council, name="Sở Ngoại vụ")
    assert set(new_unit.memberships.values_list("bloc_year__year", flat=True)) == {
        2026,
        2027,
    }
    assert Membership.objects.filter(unit=free_unit, bloc_year=bloc_year).exists()
    assert taken.memberships.get(year=2026).bloc_year == other_bloc_year
    before = Membership.objects.count()

    again = import_confirm(council=council, rows=rows, create_units=True)
    assert (again.added, again.created_units, again.unchanged, again.skipped) == (
        0,
        0,
        4,
        1,
    )
    assert Membership.objects.count() == before
    assert Unit.objects.filter(council=council, name="Sở Ngoại vụ").count() == 1


def test_confirm_opens_bloc_years_with_the_councils_selection_method(
    council, bloc_year, free_unit
):
    """The import opens a year through blocs.services.bloc_year_create, as the form
    does: the new bloc-year takes the council's chair-selection method."""
    set_rules(council, chair_selection_method=SelectionMethod.ELECTION)
    rows = rows_of((free_unit.name, bloc_year.bloc.name, 2027))
    result = import_confirm(council=council, rows=rows, create_units=False)
    assert result.created_bloc_years == 1
    opened = BlocYear.objects.get(bloc=bloc_year.bloc, year=2027)
    assert opened.selection_method == SelectionMethod.ELECTION


def test_confirm_creates_units_with_the_one_normalised_name(council, bloc_year):
    rows = rows_of(("  Sở Tư pháp-Hộ   tịch ", bloc_year.bloc.name, 2026))
    result = import_confirm(council=council, rows=rows, create_units=True)
    assert result.created_units == 1
    assert Unit.objects.filter(council=council, name="Sở Tư pháp – Hộ tịch").exists()
    # The same name typed another way is that unit, not a new one.
    again = rows_of(("SỞ TƯ PHÁP – HỘ TỊCH", bloc_year.bloc.name, 2027))
    assert import_confirm(council=council, rows=again, create_units=True).added == 1
    assert Unit.objects.filter(council=council).count() == 5


def test_created_unit_takes_the_optional_columns(council, bloc_year):
    values = {
        "unit_name": "Sở Ngoại vụ",
        "bloc_name": bloc_year.bloc.name,
        "year": "2026",
        "short_name": "SNgV",
        "kind": "Sở, ban, ngành",
        "head_name": "Lê Văn Bình",
        "head_position": "Giám đốc Sở",
        "contact_name": "Trần Thị Cúc",
        "contact_phone": "0238 3844 555",
        "contact_email": "sngv@nghean.gov.vn",
    }
    import_confirm(
        council=council, rows=[ImportRow(line=2, values=values)], create_units=True
    )
    unit = Unit.objects.get(council=council, name="Sở Ngoại vụ")
    assert (unit.short_name, unit.kind, unit.head_name, unit.head_position) == (
        "SNgV",
        Unit.Kind.DEPARTMENT,
        "Lê Văn Bình",
        "Giám đốc Sở",
    )
    assert (unit.contact_name, unit.contact_phone, unit.contact_email) == (
        "Trần Thị Cúc",
        "0238 3844 555",
        "sngv@nghean.gov.vn",
    )
    assert unit.sort_key  # saved through Unit.save()


def test_existing_units_keep_their_details(council, bloc_year, free_unit):
    values = {
        "unit_name": "Sở Tư pháp",
        "bloc_name": bloc_year.bloc.name,
        "year": "2026",
        "head_name": "Ai Đó",
    }
    import_confirm(
        council=council, rows=[ImportRow(line=2, values=values)], create_units=False
    )
    free_unit.refresh_from_db()
    assert free_unit.head_name == "Nguyễn Văn An"


# --- Views: upload, preview, confirm ----------------------------------------------


def test_upload_page_shows_the_form_to_board_staff(client, board):
    client.force_login(board)
    response = client.get(reverse("blocs:import-upload"))
    assert response.status_code == 200
    assert "Tạo đơn vị mới nếu chưa có trong danh mục" in response.text
    assert 'enctype="multipart/form-data"' in response.text
    assert reverse("blocs:import-template") in response.text


def test_anonymous_is_sent_to_login(client):
    for url in (reverse("blocs:import-upload"), reverse("blocs:import-template")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    response = client.post(reverse("blocs:import-confirm"), {"token": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("actor", ["secretary", "chair_secretary", "viewer"])
def test_only_board_staff_may_import(client, request, actor, bloc_year, free_unit):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("blocs:import-upload")).status_code == 403
    assert client.get(reverse("blocs:import-template")).status_code == 403
    data = xlsx_bytes([HEADERS, ["Sở Tư pháp", bloc_year.bloc.name, 2026]])
    assert upload(client, data).status_code == 403
    assert (
        client.post(reverse("blocs:import-confirm"), {"token": "x"}).status_code == 403
    )
    assert not Membership.objects.filter(unit=free_unit).exists()


def test_upload_saves_nothing_and_the_preview_explains_every_row(
    client, board, bloc_year, free_unit
):
    client.force_login(board)
    units, memberships, years = (
        Unit.objects.count(),
        Membership.objects.count(),
        BlocYear.objects.count(),
    )
    data = xlsx_bytes(
        [
            FULL_HEADERS,
            ["Sở Tư pháp", bloc_year.bloc.name, 2026],
            ["Sở Ngoại vụ", bloc_year.bloc.name, 2026],
            ["Sở Tư pháp", "Khối Kinh tế", 2027],
            [
                "Sở Tư pháp",
                bloc_year.bloc.name,
                "năm nay",
                "",
                "",
                "",
                "",
                "",
                "",
                "a@b",
            ],
        ]
    )
    token = token_of(upload(client, data))
    response = client.get(reverse("blocs:import-preview", args=[token]))
    assert response.status_code == 200
    text = response.text
    assert "Thêm vào khối" in text
    assert "Đơn vị “Sở Ngoại vụ” chưa có trong danh mục." in text
    assert "Không có khối thi đua “Khối Kinh tế” trong danh mục của hội đồng." in text
    assert "Năm “năm nay” không phải là số." in text
    assert "Thư điện tử “a@b” không hợp lệ." in text
    assert "3 dòng có lỗi sẽ bị bỏ qua, không được lưu." in text
    assert "Xác nhận nhập 1 dòng hợp lệ" in text
    assert (
        Unit.objects.count(),
        Membership.objects.count(),
        BlocYear.objects.count(),
    ) == (
        units,
        memberships,
        years,
    )
    # Only the error rows.
    response = client.get(reverse("blocs:import-preview", args=[token]) + "?loc=loi")
    assert response.text.count('data-outcome="error"') == 3
    assert 'data-outcome="add"' not in response.text


def test_rejected_file_re_renders_the_form_with_the_reason(client, board):
    client.force_login(board)
    response = upload(client, b"%PDF-1.4\n\x00\x01binary", name="danh-sach.xlsx")
    assert response.status_code == 400
    assert "Tệp không phải là bảng tính .xlsx hoặc tệp văn bản .csv." in response.text
    assert not client.session.get(SESSION_KEY)


def test_large_upload_is_refused_before_reading(client, board):
    client.force_login(board)
    data = csv_bytes([HEADERS]) + b"a" * (uploads.MAX_BYTES + 10)
    response = upload(client, data, name="lon.csv")
    assert response.status_code == 400
    assert "Tệp quá lớn (2.0 MB). Dung lượng tối đa là 2 MB." in response.text


def test_missing_columns_are_named_on_the_form(client, board):
    client.force_login(board)
    response = upload(
        client,
        csv_bytes([["Tên đơn vị", "Năm"], ["Sở Tư pháp", "2026"]]),
        name="ds.csv",
    )
    assert response.status_code == 400
    assert "Tệp thiếu cột bắt buộc: “Khối thi đua”." in response.text


def test_content_decides_the_format_not_the_file_name(
    client, board, bloc_year, free_unit
):
    client.force_login(board)
    data = xlsx_bytes([HEADERS, ["Sở Tư pháp", bloc_year.bloc.name, 2026]])
    token = token_of(upload(client, data, name="danh-sach.csv"))
    assert client.session[SESSION_KEY][token]["file_kind"] == "xlsx"


def test_upload_without_a_file_is_a_form_error(client, board):
    client.force_login(board)
    response = client.post(reverse("blocs:import-upload"), {})
    assert response.status_code == 400
    assert "Hãy chọn tệp cần nhập." in response.text


def test_confirm_saves_the_valid_rows_and_a_second_confirm_does_nothing(
    client, board, bloc_year, free_unit
):
    client.force_login(board)
    data = csv_bytes(
        [
            HEADERS,
            ["Sở Tư pháp", bloc_year.bloc.name, "2026"],
            ["Sở Ngoại vụ", bloc_year.bloc.name, "2026"],
            ["Sở Xây dựng", "Khối thi đua Kinh tế", "2026"],
        ]
    )
    token = token_of(upload(client, data, name="ds.csv", create_units=True))
    response = client.post(
        reverse("blocs:import-confirm"), {"token": token}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("blocs:bloc-list") + "?year=2026"
    assert (
        "Đã nhập 2 đơn vị thành viên (tạo mới 1 đơn vị, mở 0 năm thi đua của khối). "
        "1 dòng có lỗi không được nhập." in response.text
    )
    assert Membership.objects.filter(unit=free_unit, bloc_year=bloc_year).exists()
    assert Membership.objects.filter(
        unit__name="Sở Ngoại vụ", bloc_year=bloc_year
    ).exists()
    assert not Unit.objects.filter(name="Sở Xây dựng").exists()
    count = Membership.objects.count()

    response = client.post(
        reverse("blocs:import-confirm"), {"token": token}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("blocs:import-upload")
    assert (
        "đã được xác nhận, đã hủy hoặc đã hết hạn; không có gì thay đổi"
        in response.text
    )
    assert Membership.objects.count() == count
    # The preview of a used token is gone too.
    response = client.get(reverse("blocs:import-preview", args=[token]))
    assert response.status_code == 302


def test_confirm_validates_again_what_changed_since_the_preview(
    client, board, bloc_year, other_bloc_year, free_unit
):
    client.force_login(board)
    token = token_of(
        upload(client, xlsx_bytes([HEADERS, ["Sở Tư pháp", bloc_year.bloc.name, 2026]]))
    )
    # Meanwhile someone puts the unit in another bloc.
    MembershipFactory(bloc_year=other_bloc_year, unit=free_unit)
    response = client.post(
        reverse("blocs:import-confirm"), {"token": token}, follow=True
    )
    assert "1 dòng có lỗi không được nhập." in response.text
    assert free_unit.memberships.get().bloc_year == other_bloc_year


def test_the_client_cannot_send_rows_only_a_token(client, board, bloc_year, free_unit):
    client.force_login(board)
    response = client.post(
        reverse("blocs:import-confirm"),
        {
            "token": "forged",
            "rows": '[{"line": 2, "values": {"unit_name": "Sở Tư pháp"}}]',
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("blocs:import-upload")
    assert not free_unit.memberships.exists()


def test_confirm_and_cancel_accept_only_post(client, board):
    client.force_login(board)
    assert client.get(reverse("blocs:import-confirm")).status_code == 405
    assert client.get(reverse("blocs:import-cancel")).status_code == 405
    assert client.post(reverse("blocs:import-template")).status_code == 405


def test_cancel_forgets_the_upload(client, board, bloc_year, free_unit):
    client.force_login(board)
    token = token_of(
        upload(client, xlsx_bytes([HEADERS, ["Sở Tư pháp", bloc_year.bloc.name, 2026]]))
    )
    response = client.post(
        reverse("blocs:import-cancel"), {"token": token}, follow=True
    )
    assert "Đã hủy lần nhập; không có dữ liệu nào được lưu." in response.text
    client.post(reverse("blocs:import-confirm"), {"token": token})
    assert not free_unit.memberships.exists()


def test_stale_preview_must_be_uploaded_again(client, board, bloc_year, free_unit):
    client.force_login(board)
    token = token_of(
        upload(client, xlsx_bytes([HEADERS, ["Sở Tư pháp", bloc_year.bloc.name, 2026]]))
    )
    session = client.session
    session[SESSION_KEY][token]["created"] = "2020-01-01T00:00:00+00:00"
    session.save()
    response = client.post(reverse("blocs:import-confirm"), {"token": token})
    assert response["Location"] == reverse("blocs:import-upload")
    assert not free_unit.memberships.exists()


def test_board_of_another_council_cannot_use_an_import_of_this_council(
    client, outsider, council, bloc_year
):
    """A stored import always belongs to one user and one council; anything else is a 403."""
    client.force_login(outsider)
    session = client.session
    session[SESSION_KEY] = {
        "tok": {
            "council_id": council.pk,
            "user_id": outsider.pk,
            "create_units": True,
            "filename": "x.xlsx",
            "file_kind": "xlsx",
            "ignored": [],
            "columns": ["unit_name", "bloc_name", "year"],
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "rows": [
                {
                    "line": 2,
                    "values": {
                        "unit_name": "Sở Mới",
                        "bloc_name": bloc_year.bloc.name,
                        "year": "2026",
                    },
                }
            ],
        }
    }
    session.save()
    assert client.get(reverse("blocs:import-preview", args=["tok"])).status_code == 403
    assert (
        client.post(reverse("blocs:import-confirm"), {"token": "tok"}).status_code
        == 403
    )
    assert not Unit.objects.filter(name="Sở Mới").exists()


def test_board_of_another_council_only_reaches_its_own_blocs(
    client, outsider, bloc_year
):
    """Uploading names of this council's bloc and units changes nothing here."""
    client.force_login(outsider)
    unit = bloc_year.memberships.first().unit
    token = token_of(
        upload(
            client,
            xlsx_bytes([HEADERS, [unit.name, bloc_year.bloc.name, 2027]]),
            create_units=True,
        )
    )
    response = client.get(reverse("blocs:import-preview", args=[token]))
    assert (
        f"Không có khối thi đua “{bloc_year.bloc.name}” trong danh mục của hội đồng."
        in response.text
    )
    client.post(reverse("blocs:import-confirm"), {"token": token})
    assert not BlocYear.objects.filter(bloc=bloc_year.bloc, year=2027).exists()
    assert unit.memberships.count() == 1


@pytest.mark.parametrize("n", [3, 60])
def test_preview_query_count_is_constant(
    client, board, bloc_year, django_assert_num_queries, n
):
    client.force_login(board)
    rows = [HEADERS] + [[f"Sở {i}", bloc_year.bloc.name, 2026] for i in range(n)]
    token = token_of(upload(client, xlsx_bytes(rows), create_units=True))
    url = reverse("blocs:import-preview", args=[token])
    # session, user, the user's council (the header's context processor reuses it),
    # then the validation: units, blocs, bloc-years and memberships of the years named
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_template_download_has_the_headers_and_an_example_and_reads_back(
    client, board, bloc_year
):
    client.force_login(board)
    response = client.get(reverse("blocs:import-template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="mau-nhap-don-vi-thanh-vien.xlsx"' in response["Content-Disposition"]
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == FULL_HEADERS
    assert sheet["A2"].value == "Thanh tra tỉnh"
    lists = workbook["Danh mục"]
    assert bloc_year.bloc.name in [c.value for c in lists["B"]]
    # The template is itself a valid import file.
    table = read_bytes(response.content)
    assert table.rows[0].values["bloc_name"] == uploads.TEMPLATE_EXAMPLE["bloc_name"]


# --- Export (.xlsx) ---------------------------------------------------------------


def test_xlsx_export_lists_the_members_in_vietnamese_order(client, viewer, council):
    by = make_bloc_year(council=council, n_members=0, name="Khối thi đua Nội chính")
    names = [
        "Viện Kiểm sát nhân dân tỉnh",
        "Đài Phát thanh",
        "Công an tỉnh",
        "Ban Nội chính Tỉnh ủy",
        "Dân tộc",
    ]
    for i, name in enumerate(names):
        MembershipFactory(
            bloc_year=by,
            unit=UnitFactory(
                council=council,
                name=name,
                head_name=f"Người {i}",
                contact_name="Chị Lan",
                contact_phone="0238 123",
                contact_email="a@b.vn",
            ),
            role=Membership.Role.CHAIR
            if name == "Công an tỉnh"
            else Membership.Role.MEMBER,
        )
    client.force_login(viewer)
    response = client.get(reverse("blocs:blocyear-export-xlsx", args=[by.pk]))
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        'filename="danh-sach-khoi-thi-dua-noi-chinh-2026.xlsx"'
        in response["Content-Disposition"]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert (
        sheet["A1"].value
        == "Danh sách đơn vị thành viên Khối thi đua Nội chính năm 2026"
    )
    assert [c.value for c in sheet[4]] == [
        "STT",
        "Tên đơn vị",
        "Vai trò trong khối",
        "Thủ trưởng",
        "Chức vụ",
        "Cán bộ thi đua",
        "Điện thoại",
        "Thư điện tử",
    ]
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert [r[1] for r in body] == [
        "Ban Nội chính Tỉnh ủy",
        "Công an tỉnh",
        "Dân tộc",
        "Đài Phát thanh",
        "Viện Kiểm sát nhân dân tỉnh",
    ]
    assert [r[0] for r in body] == [1, 2, 3, 4, 5]
    assert body[1][2] == "Khối trưởng"
    assert body[0][2] == "Thành viên"
    assert body[1][3:] == ["Người 2", "Giám đốc", "Chị Lan", "0238 123", "a@b.vn"]
    assert sheet.column_dimensions["B"].width == 40


def test_xlsx_export_never_turns_a_name_into_a_formula(council):
    from blocs.exports import blocyear_members_xlsx

    by = make_bloc_year(council=council, n_members=0)
    MembershipFactory(
        bloc_year=by, unit=UnitFactory(council=council, name='=HYPERLINK("http://x")')
    )
    sheet = load_workbook(
        io.BytesIO(
            blocyear_members_xlsx(
                bloc_year=by, members=list(selectors.bloc_year_members(bloc_year=by))
            )
        )
    ).active
    assert sheet["B5"].data_type == "s"
    assert sheet["B5"].value == '=HYPERLINK("http://x")'


def test_xlsx_export_of_a_cluster_says_cum_truong(client, board, council):
    by = make_bloc_year(
        council=council, n_members=2, name="Cụm thi đua số 1", kind="cum"
    )
    client.force_login(board)
    sheet = load_workbook(
        io.BytesIO(
            client.get(reverse("blocs:blocyear-export-xlsx", args=[by.pk])).content
        )
    ).active
    assert {sheet.cell(row=r, column=3).value for r in (5, 6)} == {
        "Cụm trưởng",
        "Cụm phó",
    }


@pytest.mark.parametrize(
    "name", ["blocs:blocyear-export-xlsx", "blocs:blocyear-export-pdf"]
)
def test_export_permissions(client, bloc_year, secretary, outsider, name):
    url = reverse(name, args=[bloc_year.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("login")
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(secretary)
    assert client.post(url).status_code == 405
    assert client.get(reverse(name, args=[bloc_year.pk + 1000])).status_code == 404


def test_export_is_open_to_every_role_of_the_council(client, bloc_year, secretary):
    client.force_login(secretary)
    assert (
        client.get(
            reverse("blocs:blocyear-export-xlsx", args=[bloc_year.pk])
        ).status_code
        == 200
    )


@pytest.mark.parametrize("n", [2, 20])
def test_xlsx_export_query_count_is_constant(
    client, board, council, django_assert_num_queries, n
):
    by = make_bloc_year(council=council, n_members=n)
    client.force_login(board)
    # session, user, bloc-year with bloc and council, memberships with units
    with django_assert_num_queries(4):
        assert (
            client.get(reverse("blocs:blocyear-export-xlsx", args=[by.pk])).status_code
            == 200
        )
