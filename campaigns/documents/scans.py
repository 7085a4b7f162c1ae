"""The scanned paper copy of a covenant signed by hand: what is accepted (PDF, JPG or
PNG up to 10 MB, judged by the file's content, never by its name) and how it is served.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from campaigns.models import Covenant

SCAN_MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a few scanned A4 pages at 300 dpi
SCAN_MAX_MB = SCAN_MAX_BYTES // (1024 * 1024)
# Magic bytes → (extension, content type). The content decides, never the file's name.
SCAN_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
)
SCAN_CONTENT_TYPES = {
    ext: content_type for _magic, ext, content_type in SCAN_SIGNATURES
}


def detect_scan_kind(head: bytes) -> str | None:
    """ "pdf", "jpg" or "png" from the first bytes of a file; None for anything else."""
    for magic, ext, _content_type in SCAN_SIGNATURES:
        if head.startswith(magic):
            return ext
    return None


def validate_scan(upload: UploadedFile) -> str:
    """Check an uploaded scan by its size and its content; return its kind or raise
    ValidationError."""
    if upload.size is not None and upload.size > SCAN_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s MB): chỉ nhận tệp tối đa %(limit)s MB."),
            code="too_large",
            params={"size": f"{upload.size / 1024 / 1024:.1f}", "limit": SCAN_MAX_MB},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = detect_scan_kind(head)
    if kind is None:
        raise ValidationError(
            _(
                "Chỉ nhận tệp PDF hoặc ảnh JPG/PNG: nội dung tệp đã chọn không phải PDF, "
                "JPG hay PNG."
            ),
            code="bad_type",
        )
    return kind


def scan_content_type(covenant: Covenant) -> str:
    ext = Path(covenant.scanned_copy.name).suffix.lstrip(".").lower()
    return SCAN_CONTENT_TYPES.get(ext, "application/octet-stream")


def scan_filename(covenant: Covenant) -> str:
    """The download's name: the year and the covenant, the stored file's extension."""
    ext = covenant.scanned_copy.name.rsplit(".", 1)[-1].lower()
    return f"ban-quet-giao-uoc-{covenant.bloc_year.year}-{covenant.pk}.{ext}"
