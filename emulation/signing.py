"""PDF digital signatures (PAdES baseline) with pyHanko.

The council configures a signing certificate as a PKCS#12 file and its password
(settings `SIGNING_P12_PATH` / `SIGNING_P12_PASSWORD`, from the environment; a
relative path is taken from the project folder). Without one, PDFs are served
unsigned. `manage.py ensure_signing_certificate` creates a self-signed demo
certificate so the feature works out of the box (`make run` does it).
"""

from __future__ import annotations

import functools
import io
import logging
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# The name of the (invisible) signature field the signed copy carries.
SIGNATURE_FIELD = "ChuKySoKhoiThiDua"


def p12_path() -> Path | None:
    """The configured PKCS#12 file, or None when signing is not configured."""
    value = getattr(settings, "SIGNING_P12_PATH", "") or ""
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


@functools.lru_cache(maxsize=4)
def _load_signer(path: str, mtime_ns: int, password: str):
    # Keyed on the file's modification time: a replaced certificate is picked up without a restart.
    from pyhanko.sign import signers

    return signers.SimpleSigner.load_pkcs12(
        pfx_file=path, passphrase=password.encode() or None
    )


def get_signer():
    """The configured signer, or None (not configured, or unusable: the reason is logged)."""
    path = p12_path()
    if path is None:
        return None
    try:
        signer = _load_signer(
            str(path),
            path.stat().st_mtime_ns,
            getattr(settings, "SIGNING_P12_PASSWORD", ""),
        )
    except Exception:  # unreadable file, not PKCS#12
        signer = None
    if signer is None:  # pyHanko returns None for a wrong password
        logger.error(
            "PDF signing failed: cannot load the PKCS#12 certificate %s (missing file or wrong "
            "SIGNING_P12_PASSWORD); serving PDFs unsigned",
            path,
        )
    return signer


def signing_configured() -> bool:
    """A usable signing certificate is configured (so the signed copy can say it is signed)."""
    return get_signer() is not None


def sign_pdf(pdf_bytes: bytes, *, reason: str, location: str) -> bytes:
    """Sign the PDF (PAdES baseline B, SHA-256) with the configured certificate; unchanged when
    none is configured.

    A broken configuration must not turn a download into a server error: the PDF is
    served unsigned and the problem is logged for the operator.
    """
    signer = get_signer()
    if signer is None:
        return pdf_bytes
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name=SIGNATURE_FIELD,
            reason=reason,
            location=location,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        return signers.sign_pdf(writer, meta, signer=signer).getvalue()
    except Exception:
        logger.exception("PDF signing failed; serving the PDF unsigned")
        return pdf_bytes
