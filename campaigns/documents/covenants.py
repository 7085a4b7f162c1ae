"""The covenant's documents: the copy for signing by hand, the signed copy (verification
code, QR code, PAdES signature); what the public verification page shows is in
`verification.py`.

Both copies print the covenant's text as frozen at the first signature (before it, the
live rows): renaming a unit or the bloc later never changes what was signed. The signed
copy is rendered once, when the covenant completes, and kept in the kernel's register
(services/signatures.py: covenant_issue_signed_copy); downloads serve that file.

HTML and PDF are separate steps (`covenant_*_html` then `html_to_pdf`) so tests can
read either. Layout: Decree 30/2020 through the shared layer in emulation/documents.py
(docs/domain.md §8, the covenant §8.9 and §5.2, the signature block §8.6, the
recipients §8.7).
"""

from __future__ import annotations

import base64
import datetime
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from blocs.models import Bloc, Membership
from campaigns.models import (
    Covenant,
    CovenantText,
    Meeting,
    Signature,
)
from campaigns.selectors.covenants import covenant_text
from emulation.documents import (
    DocumentHeader,
    html_to_pdf,
    render_document_html,
    upper_vi,
)
from emulation.signing import sign_pdf, signing_configured
from emulation.text import ascii_filename

# Columns of the signature grid: two keep long agency names readable; from seven
# members three columns keep the grid to a page.
GRID_TWO_COLUMNS_UP_TO = 6

# The signed covenant's kind in the register of issued documents. Decree 30 has no code
# for a covenant (docs/domain.md §8.8) and the covenant prints no number line, so it is
# issued unnumbered.
DOCUMENT_KIND = "GU"


def document_title(text: CovenantText) -> str:
    """The register's trích yếu of the signed copy."""
    return f"Bản giao ước thi đua năm {text.year} – {text.bloc_name}"


# --- Codes and addresses -----------------------------------------------------------


def normalise_code(code: str) -> str:
    """What a person typed or scanned → the stored code: upper case, no spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """ "ABCDEFGHJKLM" → "ABCD-EFGH-JKLM": easier to read aloud and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def verification_url(covenant: Covenant) -> str:
    """The public address printed on the signed copy and encoded in its QR code."""
    return settings.SITE_URL + reverse(
        "covenants:verify", args=[covenant.verification_code]
    )


def url_parts(url: str) -> list[str]:
    """The address in pieces a printed line never splits: a line may break only after a
    "/", so the verification code at its end is always printed whole and can be typed
    as read ("https://thidua.example.vn/", "giao-uoc/", "xac-minh/", "ABCD…/")."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    parts = re.findall(r"[^/]*/+|[^/]+$", rest)
    if scheme and parts:
        parts[0] = f"{scheme}://{parts[0]}"
    return parts or [url]


def qr_data_uri(text: str) -> str:
    """A QR code (SVG, error correction M) as a data: URI that WeasyPrint and browsers show."""
    import qrcode
    import qrcode.image.svg

    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=1, box_size=10
    )
    qr.add_data(text)
    qr.make(fit=True)
    image = qr.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode(
        "ascii"
    )


# --- Shaping the document ---------------------------------------------------------


@dataclass
class GridCell:
    """One member unit's place in the signature grid."""

    unit_name: str
    position: str = ""
    name: str = ""
    signed_at: datetime.datetime | None = None

    @property
    def signed_time(self) -> str:
        """ "Đã ký lúc 09:15" (local time); with `signed_date`: "… ngày 05/03/2026"."""
        return (
            f"Đã ký lúc {timezone.localtime(self.signed_at):%H:%M}"
            if self.signed_at
            else ""
        )

    @property
    def signed_date(self) -> str:
        return (
            f"ngày {timezone.localtime(self.signed_at):%d/%m/%Y}"
            if self.signed_at
            else ""
        )


def paragraphs(text: str) -> list[str]:
    """Split stored text into paragraphs: one per non-empty line."""
    return [
        line.strip()
        for line in (text or "").replace("\r\n", "\n").split("\n")
        if line.strip()
    ]


def legal_basis_lines(
    covenant: Covenant, *, text: CovenantText | None = None
) -> list[str]:
    """ "Căn cứ …;" for each legal basis (legal force, then date), the last ending with
    "."."""
    citations = (text or covenant_text(covenant)).legal_bases
    lines = []
    for i, citation in enumerate(citations):
        end = "." if i == len(citations) - 1 else ";"
        lines.append(f"Căn cứ {citation.rstrip(' .;')}{end}")
    return lines


def numbered_commitments(
    covenant: Covenant, *, text: CovenantText | None = None
) -> list[list[str]]:
    """Each commitment as paragraphs, the first one starting with its number ("1. …")."""
    result = []
    for i, commitment in enumerate((text or covenant_text(covenant)).commitments, 1):
        parts = paragraphs(commitment) or [""]
        parts[0] = f"{i}. {parts[0]}"
        result.append(parts)
    return result


def document_date(covenant: Covenant) -> datetime.date:
    """The date printed on both copies: the signing (launch) conference if it is known,
    else the planned conference date, else when signing opened or the text was frozen."""
    bloc_year = covenant.bloc_year
    launches = getattr(bloc_year, "launch_meetings", None)
    if launches is None:
        launches = list(
            bloc_year.meetings.filter(kind=Meeting.Kind.LAUNCH).order_by("held_on")
        )
    if launches:
        return launches[0].held_on
    if bloc_year.launch_meeting_on:
        return bloc_year.launch_meeting_on
    for moment in (covenant.opened_at, covenant.frozen_at):
        if moment:
            return timezone.localdate(moment)
    return timezone.localdate()


def covenant_header(
    covenant: Covenant, *, text: CovenantText | None = None
) -> DocumentHeader:
    """Issuing body: the bloc (its name as frozen), under the council's parent body;
    title and trích yếu. No number line: a covenant is not numbered (§8.9)."""
    text = text or covenant_text(covenant)
    council = covenant.bloc_year.bloc.council
    return DocumentHeader(
        issuer=upper_vi(text.bloc_name),
        parent=upper_vi(council.parent_body or council.name),
        place=council.place_name,
        date=document_date(covenant),
        title="BẢN GIAO ƯỚC THI ĐUA",
        summary=f"Năm {text.year}",
    )


def copies_clause(covenant: Covenant, *, text: CovenantText | None = None) -> str:
    """The closing clause: one copy for each member unit and one for the board."""
    text = text or covenant_text(covenant)
    board = _board_name(covenant)
    return (
        f"Bản giao ước được lập thành {len(text.members) + 1:02d} bản có giá trị như "
        f"nhau, mỗi đơn vị thành viên giữ 01 bản, gửi {board} 01 bản."
    )


def recipients(covenant: Covenant) -> list[str]:
    """Nơi nhận (docs/domain.md §8.7): the board, the council, the member units, the
    archive."""
    bloc = covenant.bloc_year.bloc
    council = bloc.council
    members = (
        "Các đơn vị thành viên cụm"
        if bloc.kind == Bloc.Kind.CUM
        else "Các đơn vị thành viên khối"
    )
    lines = [_board_name(covenant)]
    if council.name and council.name != lines[0]:
        lines.append(council.name)
    return [*lines, members, "Lưu: VT"]


def _board_name(covenant: Covenant) -> str:
    return covenant.bloc_year.bloc.council.board_name or "Ban Thi đua – Khen thưởng"


def _members(covenant: Covenant) -> list[Membership]:
    members = getattr(covenant.bloc_year, "member_list", None)
    if members is None:
        members = list(
            covenant.bloc_year.memberships.select_related("unit").order_by(
                "unit__sort_key"
            )
        )
    return members


def _active_signatures(covenant: Covenant) -> dict[int, Signature]:
    signatures = getattr(covenant, "active_signatures", None)
    if signatures is None:
        signatures = list(
            covenant.signatures.filter(withdrawn_at__isnull=True).select_related("unit")
        )
    return {s.unit_id: s for s in signatures}


def signature_grid(
    covenant: Covenant, *, signed: bool, text: CovenantText | None = None
) -> list[list[GridCell]]:
    """Every member unit of the text (Vietnamese order, names as frozen) in rows of 2 or
    3 cells (the last row may be shorter).

    The blank copy prints the recorded signer if there is one, else the unit's head if
    known, else leaves the lines for the hand-written name; the signed copy prints the
    signer, their position and the time of signing.
    """
    text = text or covenant_text(covenant)
    units = {m.unit_id: m.unit for m in _members(covenant)}
    signatures = _active_signatures(covenant)
    cells: list[GridCell] = []
    seen: set[int] = set()
    for member in text.members:
        seen.add(member.unit_id)
        cells.append(
            _cell(
                upper_vi(member.name),
                signatures.get(member.unit_id),
                units.get(member.unit_id),
                signed=signed,
            )
        )
    # A unit that signed but is not in the text (a covenant frozen before snapshots,
    # whose unit has since left the bloc) still appears on what it signed.
    for unit_id, signature in signatures.items():
        if unit_id not in seen:
            cells.append(
                _cell(upper_vi(signature.unit.name), signature, None, signed=signed)
            )
    columns = 2 if len(cells) <= GRID_TWO_COLUMNS_UP_TO else 3
    return [cells[i : i + columns] for i in range(0, len(cells), columns)]


def _cell(name: str, signature: Signature | None, unit, *, signed: bool) -> GridCell:
    if signature is not None:
        return GridCell(
            unit_name=name,
            position=upper_vi(signature.signer_position),
            name=signature.signer_name,
            signed_at=signature.signed_at if signed else None,
        )
    if signed or unit is None:
        return GridCell(unit_name=name)
    return GridCell(
        unit_name=name, position=upper_vi(unit.head_position), name=unit.head_name
    )


def _context(covenant: Covenant, *, signed: bool) -> dict:
    bloc_year = covenant.bloc_year
    text = covenant_text(covenant)
    rows = signature_grid(covenant, signed=signed, text=text)
    columns = len(rows[0]) if rows else 2
    # A shorter last row is centred, its cells as wide as the others.
    grid = [{"cells": row, "width": f"{100 * len(row) / columns:.4f}%"} for row in rows]
    return {
        "covenant": covenant,
        "bloc_year": bloc_year,
        "bloc": bloc_year.bloc,
        "text": text,
        "header": covenant_header(covenant, text=text),
        "basis_lines": legal_basis_lines(covenant, text=text),
        "preamble": paragraphs(text.preamble),
        "commitments": numbered_commitments(covenant, text=text),
        "annex": paragraphs(text.annex),
        "copies_clause": copies_clause(covenant, text=text),
        "recipients": recipients(covenant),
        "grid_rows": grid,
        "grid_columns": columns,
        "is_draft": covenant.status == Covenant.Status.DRAFTING,
    }


def covenant_blank_html(*, covenant: Covenant) -> str:
    """The copy for signing by hand: every member unit has room to sign."""
    return render_document_html(
        "pdf/covenant_blank.html", _context(covenant, signed=False)
    )


def covenant_blank_pdf(*, covenant: Covenant) -> bytes:
    return html_to_pdf(covenant_blank_html(covenant=covenant))


def covenant_signed_html(*, covenant: Covenant) -> str:
    """The signed copy: signers and times, the verification code, QR code and content hash."""
    url = verification_url(covenant)
    context = _context(covenant, signed=True)
    context.update(
        {
            "verification_code": format_code(covenant.verification_code),
            "verification_url": url,
            "verification_url_parts": url_parts(url),
            "qr_code": qr_data_uri(url),
            "content_hash": covenant.content_hash,
            "content_hash_short": covenant.content_hash[:16],
            "digitally_signed": signing_configured(),
        }
    )
    return render_document_html("pdf/covenant_signed.html", context)


def covenant_signed_pdf(*, covenant: Covenant) -> bytes:
    """The signed copy as PDF, with a PAdES signature when a certificate is configured.
    Rendered once, when the covenant is issued; downloads serve the stored file."""
    if covenant.status != Covenant.Status.COMPLETE:
        raise ValueError("only a complete covenant has a signed copy")
    pdf = html_to_pdf(covenant_signed_html(covenant=covenant))
    text = covenant_text(covenant)
    reason = f"Bản giao ước thi đua năm {text.year} – {text.bloc_name} (đã ký đủ)"
    return sign_pdf(
        pdf, reason=reason, location=covenant.bloc_year.bloc.council.place_name
    )


def pdf_filename(covenant: Covenant, *, signed: bool) -> str:
    """The download's name in ASCII ("Khối thi đua" → "khoi-thi-dua")."""
    bloc_year = covenant.bloc_year
    kind = "ban-da-ky" if signed else "ban-ky-tay"
    stem = f"giao-uoc-thi-dua-{bloc_year.year}-{bloc_year.bloc.name}-{kind}"
    return ascii_filename(stem, "pdf")
