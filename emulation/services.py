"""Writes of the kernel: the council's own settings and the register of issued documents."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction

from emulation.models import Council, DocumentSeries, IssuedDocument, User

COUNCIL_DOCUMENT_FIELDS = ("place_name", "parent_body", "board_name")


@transaction.atomic
def council_update_documents(*, council: Council, data: dict) -> Council:
    """Change the names the council's documents print (only those fields)."""
    unknown = set(data) - set(COUNCIL_DOCUMENT_FIELDS)
    if unknown:
        raise ValueError(f"not council document fields: {sorted(unknown)}")
    locked = Council.objects.select_for_update().get(pk=council.pk)
    for name, value in data.items():
        setattr(locked, name, value)
        setattr(council, name, value)
    locked.full_clean()
    locked.save()
    return locked


# --- The register of issued documents ------------------------------------------------


def _next_number(*, issuer_key: str, kind: str, year: int) -> int:
    """Take the next number of the series under a row lock, so two issuers never get the
    same one; the lock is held until the issuing transaction ends (no gaps on failure)."""
    series, _ = DocumentSeries.objects.select_for_update().get_or_create(
        issuer_key=issuer_key, kind=kind, year=year
    )
    series.last_number += 1
    series.save(update_fields=["last_number", "updated_at"])
    return series.last_number


@transaction.atomic
def document_issue(
    *,
    council: Council,
    kind: str,
    year: int,
    issuer_key: str,
    issuer_name: str,
    title: str,
    issued_on: datetime.date,
    render: Callable[[int | None], bytes],
    symbol: str = "",
    numbered: bool = True,
    issued_by: User | None = None,
) -> IssuedDocument:
    """Issue a document once: take its number (when `numbered`), render it with that number
    (`render(number) -> PDF bytes`), store the file with its SHA-256 and return the entry.

    `issuer_key` names the series' owner ("bloc:12", "unit:5"…): a bloc and the unit that
    chairs it keep separate series. Numbering restarts each year (docs/domain.md §8.3).
    """
    number = (
        _next_number(issuer_key=issuer_key, kind=kind, year=year) if numbered else None
    )
    pdf = render(number)
    digest = hashlib.sha256(pdf).hexdigest()
    document = IssuedDocument(
        council=council,
        kind=kind,
        year=year,
        issuer_key=issuer_key,
        issuer_name=issuer_name,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        title=title,
        sha256=digest,
        size=len(pdf),
        issued_by=issued_by,
    )
    document.file.save(f"{digest}.pdf", ContentFile(pdf), save=False)
    document.full_clean()
    document.save()
    return document
