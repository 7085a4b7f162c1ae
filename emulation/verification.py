"""Checking a copy against the register: is an uploaded PDF the issued file, byte for
byte, and is its digital signature intact? (Reads only.)"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _

from emulation.models import IssuedDocument

logger = logging.getLogger(__name__)

UPLOAD_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class CopyCheck:
    identical: bool  # byte for byte the issued file
    signed: bool  # the copy carries a digital signature
    signature_intact: bool | None  # None when unsigned or unreadable
    verdict: str  # one plain Vietnamese sentence
    ok: bool


def signature_state(data: bytes) -> tuple[bool, bool | None]:
    """(signed, intact): whether the PDF carries a signature, and whether every signature
    is intact and covers the whole file (nothing was added after signing)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # not a PDF, or a damaged one
        return False, None
    if not signatures:
        return False, None
    try:
        for signature in signatures:
            # Integrity only: no trust list, no network (government networks are
            # often offline); who signed is shown by the reader, not judged here.
            context = ValidationContext(trust_roots=[], allow_fetching=False)
            status = validate_pdf_signature(signature, context)
            if not (status.intact and status.valid):
                return True, False
        last = signatures[-1]
        covered = (
            last.evaluate_signature_coverage() == SignatureCoverageLevel.ENTIRE_FILE
        )
        return True, covered
    except Exception:
        logger.info(
            "signature of an uploaded copy could not be validated", exc_info=True
        )
        return True, False


def check_copy(*, document: IssuedDocument, data: bytes) -> CopyCheck:
    identical = hashlib.sha256(data).hexdigest() == document.sha256
    signed, intact = signature_state(data)
    if identical:
        verdict = _("Khớp bản gốc: tệp trùng khớp từng byte với bản đã ban hành.")
    elif signed and intact:
        verdict = _(
            "Chữ ký số còn nguyên vẹn nhưng tệp không phải bản đã ban hành "
            "(có thể là một văn bản khác hoặc một bản ký lại)."
        )
    elif signed:
        verdict = _("Tệp đã bị thay đổi sau khi ký: chữ ký số không còn nguyên vẹn.")
    else:
        verdict = _("Tệp không khớp bản gốc và không có chữ ký số.")
    return CopyCheck(
        identical=identical,
        signed=signed,
        signature_intact=intact,
        verdict=verdict,
        ok=identical,
    )
