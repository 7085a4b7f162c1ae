"""Checking an uploaded file by its content, not its name: what it is (PDF, image,
spreadsheet, Word document, CSV text), that it is not too big, and that an Office file
(a zip archive) does not unpack into more than it may — before anything parses it."""

from __future__ import annotations

import io
import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What each kind is called in a message, and its content type when served.
KINDS = {
    "pdf": (gettext_lazy("PDF"), "application/pdf"),
    "jpg": (gettext_lazy("ảnh JPG"), "image/jpeg"),
    "png": (gettext_lazy("ảnh PNG"), "image/png"),
    "xlsx": (
        gettext_lazy("bảng tính Excel (.xlsx)"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "docx": (
        gettext_lazy("văn bản Word (.docx)"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "csv": (gettext_lazy("tệp văn bản .csv"), "text/csv"),
}

# An Office file may unpack to at most this much in all, and each part to at most
# this much: a 2 MB upload that unpacks to 150 MB is refused before it is parsed.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_MEMBER_BYTES = 25 * 1024 * 1024
MAX_MEMBERS = 2000


def _zip_kind(data: bytes) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    return None


def detect_kind(data: bytes) -> str | None:
    """The kind of the content ("pdf", "jpg", "png", "xlsx", "docx", "csv"), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    head = data[:4096]
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            try:
                head.decode("cp1258")
            except UnicodeDecodeError:
                return None
        return "csv"
    return None


def check_archive(data: bytes) -> None:
    """Refuse an Office file whose parts would unpack into too much (a "zip bomb")."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("Tệp bị hỏng, không mở được."), code="broken") from exc
    too_big = (
        len(members) > MAX_MEMBERS
        or any(m.file_size > MAX_MEMBER_BYTES for m in members)
        or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES
    )
    if too_big:
        raise ValidationError(
            _(
                "Tệp chứa dữ liệu quá lớn khi giải nén (quá %(limit)s MB): hãy bỏ bớt "
                "nội dung không cần thiết hoặc chia thành nhiều tệp."
            ),
            code="unpacked_too_large",
            params={"limit": MAX_UNPACKED_BYTES // (1024 * 1024)},
        )


def read_checked(
    upload: IO[bytes], *, allowed: tuple[str, ...], max_bytes: int
) -> tuple[str, bytes]:
    """Read an upload and return (kind, bytes), or raise a Vietnamese ValidationError:
    too large, not one of the `allowed` kinds by its content, or an Office file that
    unpacks into too much."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s MB): chỉ nhận tệp tối đa %(limit)s MB."),
            code="too_large",
            params={"size": f"{size / 1024 / 1024:.1f}", "limit": max_bytes // 1048576},
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            _("Tệp quá lớn: chỉ nhận tệp tối đa %(limit)s MB."),
            code="too_large",
            params={"limit": max_bytes // 1048576},
        )
    kind = detect_kind(data)
    if kind not in allowed:
        names = ", ".join(str(KINDS[k][0]) for k in allowed)
        raise ValidationError(
            _("Nội dung tệp không phải là %(kinds)s: hãy chọn đúng loại tệp."),
            code="bad_type",
            params={"kinds": names},
        )
    if kind in ("xlsx", "docx"):
        check_archive(data)
    return kind, data


def content_type(kind: str) -> str:
    return KINDS[kind][1]
