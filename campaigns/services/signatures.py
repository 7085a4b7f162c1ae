"""Writes of the covenant's signatures: a member unit signs or withdraws its own
signature (docs/domain.md §5.2), and the chair keeps the scanned paper copy."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.models import Membership
from campaigns.documents.scans import validate_scan
from campaigns.models import Covenant, Signature
from campaigns.selectors.covenants import covenant_content_hash
from emulation.models import Unit

if TYPE_CHECKING:  # pragma: no cover
    from emulation.models import User


def _active_signatures(covenant: Covenant):
    return Signature.objects.filter(covenant=covenant, withdrawn_at__isnull=True)


def _check_may_sign(locked: Covenant, unit: Unit, recorded_by: User) -> None:
    if locked.status == Covenant.Status.DRAFTING:
        raise ValidationError(_("Giao ước chưa được mở để ký kết."))
    if locked.status == Covenant.Status.COMPLETE:
        raise ValidationError(_("Giao ước đã được ký đủ và đã khóa."))
    if recorded_by.unit_id != unit.pk:
        raise ValidationError(_("Mỗi đơn vị chỉ ký giao ước cho chính đơn vị mình."))
    if not Membership.objects.filter(
        bloc_year_id=locked.bloc_year_id, unit=unit
    ).exists():
        raise ValidationError(_("Đơn vị không phải thành viên của khối trong năm này."))
    if _active_signatures(locked).filter(unit=unit).exists():
        raise ValidationError(_("Đơn vị đã ký giao ước này."))


@transaction.atomic
def covenant_sign(
    *,
    covenant: Covenant,
    unit: Unit,
    signer_name: str,
    signer_position: str,
    recorded_by: User,
) -> Signature:
    """A member unit signs for itself. The first signature freezes the text (its hash is
    kept); the last one completes and locks the covenant."""
    # Lock the covenant: signatures, edits, withdrawals and completion happen one at a
    # time.
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    _check_may_sign(locked, unit, recorded_by)
    now = timezone.now()
    if locked.frozen_at is None:
        locked.content_hash = covenant_content_hash(locked)
        locked.frozen_at = now
    signature = Signature(
        covenant=locked,
        unit=unit,
        signer_name=(signer_name or "").strip(),
        signer_position=(signer_position or "").strip(),
        signed_at=now,
        recorded_by=recorded_by,
    )
    signature.full_clean()
    signature.save()
    member_ids = set(
        Membership.objects.filter(bloc_year_id=locked.bloc_year_id).values_list(
            "unit_id", flat=True
        )
    )
    signed_ids = set(_active_signatures(locked).values_list("unit_id", flat=True))
    if member_ids <= signed_ids:
        locked.status = Covenant.Status.COMPLETE
        locked.completed_at = now
    locked.full_clean()
    locked.save()
    covenant.refresh_from_db()
    return signature


@transaction.atomic
def covenant_withdraw_signature(
    *, covenant: Covenant, unit: Unit, withdrawn_by: User
) -> Signature:
    """A unit takes back its own signature, only while the covenant is not complete.
    The signature row stays, marked withdrawn; the text stays frozen."""
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    if locked.status == Covenant.Status.COMPLETE:
        raise ValidationError(_("Giao ước đã được ký đủ; không thể rút chữ ký."))
    if withdrawn_by.unit_id != unit.pk:
        raise ValidationError(_("Chỉ đơn vị đã ký mới được rút chữ ký của mình."))
    signature = _active_signatures(locked).filter(unit=unit).first()
    if signature is None:
        raise ValidationError(_("Đơn vị chưa ký giao ước này."))
    signature.withdrawn_at = timezone.now()
    signature.withdrawn_by = withdrawn_by
    signature.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    return signature


@transaction.atomic
def covenant_scan_attach(
    *, covenant: Covenant, upload: UploadedFile, user: User
) -> Covenant:
    """Keep the scanned paper copy with the covenant (replacing an earlier one).

    The file is stored under a name we choose from its checked content, never the
    uploader's name. The covenant row is locked so two uploads cannot interleave; the
    replaced file is removed only once the new one is committed.
    """
    kind = validate_scan(upload)
    locked = (
        Covenant.objects.select_for_update(of=("self",))
        .select_related("bloc_year")
        .get(pk=covenant.pk)
    )
    old_name = locked.scanned_copy.name if locked.scanned_copy else ""
    # A random part: even where MEDIA_ROOT is served (DEBUG), the address cannot be
    # guessed.
    stem = f"giao-uoc-{locked.bloc_year.year}-{locked.pk}-ban-quet"
    locked.scanned_copy.save(
        f"{stem}-{secrets.token_hex(8)}.{kind}", upload, save=False
    )
    storage, new_name = locked.scanned_copy.storage, locked.scanned_copy.name
    # The file is written before the row: if the transaction fails, remove it again.
    try:
        locked.scanned_uploaded_at = timezone.now()
        locked.scanned_uploaded_by = user
        locked.full_clean()
        locked.save(
            update_fields=[
                "scanned_copy",
                "scanned_uploaded_at",
                "scanned_uploaded_by",
                "updated_at",
            ]
        )
    except Exception:
        storage.delete(new_name)
        raise
    if old_name and old_name != new_name:
        transaction.on_commit(lambda: storage.delete(old_name))
    return locked
