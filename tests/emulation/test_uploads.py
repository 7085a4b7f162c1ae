"""Uploads are checked by content and size, and Office files by their unpacked size."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from emulation.documents import html_to_pdf
from emulation.uploads import MAX_UNPACKED_BYTES, detect_kind, read_checked
from tests.factories import xlsx_bytes


def bomb() -> bytes:
    """A small archive that would unpack into more than the limit (one shared string)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"A" * (MAX_UNPACKED_BYTES + 1))
    return buffer.getvalue()


def test_kinds_come_from_the_content():
    assert detect_kind(html_to_pdf("<p>x</p>")) == "pdf"
    assert detect_kind(xlsx_bytes()) == "xlsx"
    assert detect_kind(b"\x89PNG\r\n\x1a\n....") == "png"
    assert detect_kind("Tên đơn vị;Loại\nCông an tỉnh;armed\n".encode()) == "csv"
    assert detect_kind(b"MZ\x90\x00\x03") is None  # a program renamed .pdf


def test_a_file_of_another_kind_is_refused_in_vietnamese():
    with pytest.raises(ValidationError) as info:
        read_checked(io.BytesIO(b"MZ\x90\x00"), allowed=("pdf", "png"), max_bytes=1000)
    assert "không phải là PDF, ảnh PNG" in info.value.messages[0]


def test_a_file_over_the_limit_is_refused_before_it_is_read_whole():
    with pytest.raises(ValidationError) as info:
        read_checked(
            io.BytesIO(b"%PDF-" + b"0" * 2000), allowed=("pdf",), max_bytes=1000
        )
    assert "Tệp quá lớn" in info.value.messages[0]


def test_an_archive_that_unpacks_into_too_much_is_refused():
    data = bomb()
    assert len(data) < 2 * 1024 * 1024  # small on the wire
    with pytest.raises(ValidationError) as info:
        read_checked(io.BytesIO(data), allowed=("xlsx",), max_bytes=2 * 1024 * 1024)
    assert "quá lớn khi giải nén" in info.value.messages[0]


def test_a_good_spreadsheet_passes_with_its_bytes():
    data = xlsx_bytes()
    assert read_checked(io.BytesIO(data), allowed=("xlsx",), max_bytes=10**6) == (
        "xlsx",
        data,
    )
