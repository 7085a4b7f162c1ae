"""The covenant's documents: the copy for signing by hand, the signed copy (verification
code, QR code, PAdES signature) and what the public verification page shows.

HTML and PDF are separate steps (`covenant_*_html` then `html_to_pdf`) so tests can
read either. Layout: Decree 30/2020 through the shared layer in emulation/documents.py
(docs/domain.md §8, the covenant §8.9 and §5.2, the signature block §8.6).
"""

from __future__ import annotations

import base64
import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from blocs.models import Membership
from campaigns.models import Covenant, Meeting, Signature
from campaigns.selectors.covenants import covenant_content_hash
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


@dataclass
class Signatory:
    """A member unit and its signature, for the verification page."""

    unit_name: str
    signer_name: str = ""
    signer_position: str = ""
    signed_at: datetime.datetime | None = None


def paragraphs(text: str) -> list[str]:
    """Split stored text into paragraphs: one per non-empty line."""
    return [
        line.strip()
        for line in (text or "").replace("\r\n", "\n").split("\n")
        if line.strip()
    ]


def legal_basis_lines(covenant: Covenant) -> list[str]:
    """ "Căn cứ …;" for each legal basis, the last ending with "."."""
    bases = list(covenant.legal_bases.all())
    lines = []
    for i, basis in enumerate(bases):
        end = "." if i == len(bases) - 1 else ";"
        lines.append(f"Căn cứ {basis.citation.rstrip(' .;')}{end}")
    return lines


def numbered_commitments(covenant: Covenant) -> list[list[str]]:
    """Each commitment as paragraphs, the first one starting with its number ("1. …")."""
    result = []
    for i, commitment in enumerate(covenant.commitments.all(), start=1):
        parts = paragraphs(commitment.text) or [""]
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


def covenant_header(covenant: Covenant) -> DocumentHeader:
    """Issuing body: the bloc, under the council's parent body; title and trích yếu."""
    bloc_year = covenant.bloc_year
    council = bloc_year.bloc.council
    return DocumentHeader(
        issuer=upper_vi(bloc_year.bloc.name),
        parent=upper_vi(council.parent_body or council.name),
        place=council.place_name,
        date=document_date(covenant),
        title="BẢN GIAO ƯỚC THI ĐUA",
        summary=f"Năm {bloc_year.year}",
    )


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


def signature_grid(covenant: Covenant, *, signed: bool) -> list[list[GridCell]]:
    """Every member unit (Vietnamese order) in rows of 2 or 3 cells (the last row may be shorter).

    The blank copy prints the recorded signer if there is one, else the unit's head if
    known, else leaves the lines for the hand-written name; the signed copy prints the
    signer, their position and the time of signing.
    """
    members = _members(covenant)
    signatures = _active_signatures(covenant)
    cells: list[GridCell] = []
    seen: set[int] = set()
    for membership in members:
        unit = membership.unit
        seen.add(unit.pk)
        signature = signatures.get(unit.pk)
        if signature is not None:
            cells.append(
                GridCell(
                    unit_name=upper_vi(unit.name),
                    position=upper_vi(signature.signer_position),
                    name=signature.signer_name,
                    signed_at=signature.signed_at if signed else None,
                )
            )
        elif signed:
            cells.append(GridCell(unit_name=upper_vi(unit.name)))
        else:
            cells.append(
                GridCell(
                    unit_name=upper_vi(unit.name),
                    position=upper_vi(unit.head_position),
                    name=unit.head_name,
                )
            )
    # A unit that signed but has since left the bloc still appears on what it signed.
    for unit_id, signature in signatures.items():
        if unit_id not in seen:
            cells.append(
                GridCell(
                    unit_name=upper_vi(signature.unit.name),
                    position=upper_vi(signature.signer_position),
                    name=signature.signer_name,
                    signed_at=signature.signed_at if signed else None,
                )
            )
    columns = 2 if len(cells) <= GRID_TWO_COLUMNS_UP_TO else 3
    return [cells[i : i + columns] for i in range(0, len(cells), columns)]


def _context(covenant: Covenant, *, signed: bool) -> dict:
    bloc_year = covenant.bloc_year
    rows = signature_grid(covenant, signed=signed)
    columns = len(rows[0]) if rows else 2
    # A shorter last row is centred, its cells as wide as the others.
    grid = [{"cells": row, "width": f"{100 * len(row) / columns:.4f}%"} for row in rows]
    return {
        "covenant": covenant,
        "bloc_year": bloc_year,
        "bloc": bloc_year.bloc,
        "header": covenant_header(covenant),
        "basis_lines": legal_basis_lines(covenant),
        "preamble": paragraphs(covenant.preamble),
        "commitments": numbered_commitments(covenant),
        "annex": paragraphs(covenant.annex),
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
            "qr_code": qr_data_uri(url),
            "content_hash": covenant.content_hash,
            "content_hash_short": covenant.content_hash[:16],
            "digitally_signed": signing_configured(),
        }
    )
    return render_document_html("pdf/covenant_signed.html", context)


def covenant_signed_pdf(*, covenant: Covenant) -> bytes:
    """The signed copy as PDF, with a PAdES signature when a certificate is configured."""
    if covenant.status != Covenant.Status.COMPLETE:
        raise ValueError("only a complete covenant has a signed copy")
    pdf = html_to_pdf(covenant_signed_html(covenant=covenant))
    bloc_year = covenant.bloc_year
    reason = (
        f"Bản giao ước thi đua năm {bloc_year.year} – {bloc_year.bloc.name} (đã ký đủ)"
    )
    return sign_pdf(pdf, reason=reason, location=bloc_year.bloc.council.place_name)


def pdf_filename(covenant: Covenant, *, signed: bool) -> str:
    """The download's name in ASCII ("Khối thi đua" → "khoi-thi-dua")."""
    bloc_year = covenant.bloc_year
    kind = "ban-da-ky" if signed else "ban-ky-tay"
    stem = f"giao-uoc-thi-dua-{bloc_year.year}-{bloc_year.bloc.name}-{kind}"
    return ascii_filename(stem, "pdf")


# --- The public verification page ------------------------------------------------


def verification_context(covenant: Covenant) -> dict:
    """What anyone holding a paper copy may see: no people other than the signers, no
    accounts, e-mails, phone numbers or internal ids."""
    signatures = _active_signatures(covenant)
    signatories = []
    seen = set()
    for membership in _members(covenant):
        seen.add(membership.unit_id)
        signature = signatures.get(membership.unit_id)
        signatories.append(
            Signatory(
                unit_name=membership.unit.name,
                signer_name=signature.signer_name if signature else "",
                signer_position=signature.signer_position if signature else "",
                signed_at=signature.signed_at if signature else None,
            )
        )
    for unit_id, signature in signatures.items():
        if unit_id not in seen:
            signatories.append(
                Signatory(
                    unit_name=signature.unit.name,
                    signer_name=signature.signer_name,
                    signer_position=signature.signer_position,
                    signed_at=signature.signed_at,
                )
            )
    recomputed = covenant_content_hash(covenant) if covenant.content_hash else ""
    return {
        "covenant": covenant,
        "bloc_year": covenant.bloc_year,
        "bloc": covenant.bloc_year.bloc,
        "council_name": covenant.bloc_year.bloc.council.name,
        "signatories": signatories,
        "signed_count": sum(1 for s in signatories if s.signed_at),
        "verification_code": format_code(covenant.verification_code),
        "stored_hash": covenant.content_hash,
        "recomputed_hash": recomputed,
        "hash_matches": bool(covenant.content_hash)
        and recomputed == covenant.content_hash,
        "commitments": numbered_commitments(covenant),
        "is_complete": covenant.status == Covenant.Status.COMPLETE,
    }
