"""emulation.text: one spelling for a typed name, and ASCII file names."""

from __future__ import annotations

import unicodedata

import pytest

from emulation.documents import pdf_response
from emulation.text import ascii_filename, normalise_name

# --- normalise_name ------------------------------------------------------------------


def test_outer_spaces_go_and_inner_runs_become_one_space():
    assert normalise_name("  Sở   Tư pháp\t tỉnh\u00a0Nghệ An \n") == (
        "Sở Tư pháp tỉnh Nghệ An"
    )


def test_decomposed_letters_are_composed():
    typed = unicodedata.normalize("NFD", "Sở Tư pháp")
    assert typed != "Sở Tư pháp"
    assert normalise_name(typed) == "Sở Tư pháp"


@pytest.mark.parametrize(
    "typed",
    [
        "Khối Nội chính-Lực lượng vũ trang",
        "Khối Nội chính - Lực lượng vũ trang",
        "Khối Nội chính – Lực lượng vũ trang",
        "Khối Nội chính—Lực lượng vũ trang",
        "Khối Nội chính \u2010 Lực lượng vũ trang",
        "Khối Nội chính  –   Lực lượng vũ trang",
    ],
)
def test_every_dash_becomes_a_spaced_en_dash(typed):
    assert normalise_name(typed) == "Khối Nội chính – Lực lượng vũ trang"


def test_a_name_without_dashes_is_kept_as_typed():
    assert (
        normalise_name("Ủy ban nhân dân xã Nghi Lộc") == "Ủy ban nhân dân xã Nghi Lộc"
    )


def test_empty_and_blank_names_become_empty():
    assert normalise_name("") == ""
    assert normalise_name("   ") == ""


def test_normalising_twice_changes_nothing():
    once = normalise_name(" Khối  Văn hóa-Xã hội ")
    assert normalise_name(once) == once == "Khối Văn hóa – Xã hội"


# --- ascii_filename ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "ext", "expected"),
    [
        ("Danh sách Khối thi đua", "pdf", "danh-sach-khoi-thi-dua.pdf"),
        ("ĐOÀN THỂ", "xlsx", "doan-the.xlsx"),
        ("Giao ước 2026 – Khối Nội chính", "pdf", "giao-uoc-2026-khoi-noi-chinh.pdf"),
        ("Ủy ban nhân dân xã Đức Thọ", "csv", "uy-ban-nhan-dan-xa-duc-tho.csv"),
    ],
)
def test_vietnamese_stems_become_ascii_slugs(stem, ext, expected):
    assert ascii_filename(stem, ext) == expected


def test_d_with_stroke_is_kept_as_d():
    # slugify alone drops "đ" (it has no ASCII decomposition): "thi đua" → "thi-ua".
    assert ascii_filename("thi đua", "pdf") == "thi-dua.pdf"


@pytest.mark.parametrize("stem", ["", "   ", "“–”", "中文"])
def test_a_stem_with_nothing_ascii_left_falls_back_to_van_ban(stem):
    assert ascii_filename(stem, "pdf") == "van-ban.pdf"


def test_pdf_downloads_are_named_with_ascii_filename():
    response = pdf_response(b"%PDF-1.7", "Giao ước Khối Đoàn thể.pdf")
    assert response["Content-Disposition"] == (
        'attachment; filename="giao-uoc-khoi-doan-the.pdf"'
    )
    inline = pdf_response(b"%PDF-1.7", "Giao ước Khối Đoàn thể.pdf", inline=True)
    assert inline["Content-Disposition"].startswith("inline;")
