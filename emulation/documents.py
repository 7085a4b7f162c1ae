"""The document layer: every PDF follows Decree 30/2020/NĐ-CP (docs/domain.md §8).

An app builds a `DocumentHeader` and a `SignatureBlock`, renders its own template
(which extends templates/pdf/base.html) to HTML with `render_document_html`, and
turns that into PDF bytes with `html_to_pdf`. HTML and PDF are separate steps so
tests can read the HTML; tests also read the text back out of the PDF.

The font is Liberation Serif (metric-compatible with Times New Roman, full
Vietnamese glyphs), shipped in static/fonts and embedded in every PDF.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import timezone

from emulation.text import ascii_filename

# The content type of every .xlsx download (member lists, import templates, reports).
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


def document_date_line(place: str, date: datetime.date) -> str:
    """ "Nghệ An, ngày 05 tháng 01 năm 2026": day < 10 and months 1–2 get a leading 0."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def document_number_line(number: int | None, symbol: str) -> str:
    """ "Số: 05/BB-KTĐ"; without a number the space is left for the clerk to fill in."""
    if number is None:
        return f"Số:       /{symbol}"
    return f"Số: {number:02d}/{symbol}"


# A long name such as "KHỐI THI ĐUA NỘI CHÍNH – LỰC LƯỢNG VŨ TRANG TỈNH" should wrap after
# the dash, as a typist would, not inside "LỰC LƯỢNG". Parts up to this many characters are
# kept on one line; a longer part wraps normally (it would not fit on a line anyway).
_KEEP_ISSUER = 26  # the issuer column, 12.5 pt bold
_KEEP_SIGNATURE = 32  # the signature column, 14 pt bold


def line_parts(text: str, keep_max: int) -> list[tuple[str, bool]]:
    """Split a name after each " – " into (part, keep on one line) pairs for the templates."""
    words = (text or "").split(" – ")
    parts = [w + " –" for w in words[:-1]] + words[-1:]
    return [(part, len(part) <= keep_max) for part in parts if part]


@dataclass
class SignatureBlock:
    """ "TM. KHỐI THI ĐUA … / KHỐI TRƯỞNG / CHÁNH THANH TRA TỈNH" then the signer's name."""

    authority: str = ""  # e.g. "TM. KHỐI THI ĐUA NỘI CHÍNH"
    position: str = ""  # e.g. "KHỐI TRƯỞNG"
    agency_position: str = ""  # e.g. "PHÓ CHÁNH THANH TRA TỈNH"
    name: str = ""
    note: str = ""  # e.g. "(Đã ký)" on a generated copy

    @property
    def authority_parts(self) -> list[tuple[str, bool]]:
        return line_parts(self.authority, _KEEP_SIGNATURE)


@dataclass
class DocumentHeader:
    """The top of a document: issuing body on the left, national motto on the right."""

    issuer: (
        str  # upper case, bold: e.g. "KHỐI THI ĐUA NỘI CHÍNH – LỰC LƯỢNG VŨ TRANG TỈNH"
    )
    place: str  # printed before the date: e.g. "Nghệ An"
    parent: str = ""  # upper case, not bold: e.g. "UBND TỈNH NGHỆ AN"
    number: int | None = None
    symbol: str = ""  # e.g. "DS-KTĐNC"
    date: datetime.date | None = None
    title: str = ""  # e.g. "DANH SÁCH"
    summary: str = ""  # trích yếu, bold under the title
    recipients: list[str] = field(default_factory=list)

    @property
    def issuer_parts(self) -> list[tuple[str, bool]]:
        return line_parts(self.issuer, _KEEP_ISSUER)

    @property
    def number_line(self) -> str:
        return document_number_line(self.number, self.symbol) if self.symbol else ""

    @property
    def date_line(self) -> str:
        return document_date_line(self.place, self.date or timezone.localdate())


def upper_vi(text: str) -> str:
    """Upper case that keeps Vietnamese diacritics (str.upper does; this names the intent)."""
    return (text or "").upper()


def render_document_html(template: str, context: dict) -> str:
    """Render a PDF template (extending pdf/base.html) to an HTML string."""
    base = {
        "NATIONAL_NAME": NATIONAL_NAME,
        "NATIONAL_MOTTO": NATIONAL_MOTTO,
        "font_dir": (Path(settings.BASE_DIR) / "static" / "fonts").as_uri(),
    }
    return render_to_string(template, {**base, **context})


def html_to_pdf(html: str) -> bytes:
    """Lay the HTML out with WeasyPrint; fonts are embedded (subset) in the PDF."""
    from weasyprint import CSS, HTML  # heavy import: only when a PDF is made
    from weasyprint.text.fonts import FontConfiguration

    # @font-face rules only load when the stylesheet and the layout share a FontConfiguration.
    font_config = FontConfiguration()
    css_path = Path(settings.BASE_DIR) / "static" / "pdf" / "print.css"
    css = CSS(filename=str(css_path), font_config=font_config)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[css], font_config=font_config
    )


def render_document_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_document_html(template, context))


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> FileResponse:
    """Send a PDF; the filename is ASCII-safe, the browser shows the Vietnamese title."""
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=not inline,
        filename=ascii_filename(Path(filename).stem, "pdf", default="van-ban"),
        content_type="application/pdf",
    )
