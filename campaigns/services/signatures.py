"""Writes of the covenant's signatures: a member unit signs or withdraws its own
signature (docs/domain.md §5.2), the completed covenant's signed copy is issued once
into the kernel's register, and the chair keeps the scanned paper copy.

The first signature freezes the text: a snapshot of what is signed (CovenantText) and
its hash. Until the covenant is complete its list of members follows the bloc (a unit
added must sign too; a unit removed that had not signed drops out; the names already
frozen stay as they were); completion is checked at every signature and at every
change of members (services/addenda.py). From completion on, nothing in the snapshot
changes: a unit that joins later signs an addendum.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.models import Membership
from campaigns.documents import covenants as covenant_documents
from campaigns.documents.scans import validate_scan
from campaigns.models import Covenant, FrozenMember, Signature
from campaigns.selectors.covenants import covenant_live_text
from campaigns.selectors.signatures import covenant_document_queryset
from emulation.models import IssuedDocument, Unit, User
from emulation.services import document_issue
from emulation.text import vietnamese_sort_key


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


def _freeze(locked: Covenant, now: datetime.datetime) -> None:
    """Take the snapshot of the text (names as they are now) and its hash."""
    text = covenant_live_text(locked)
    locked.snapshot = text.to_snapshot()
    locked.content_hash = text.hash
    locked.frozen_at = now


def follow_members(locked: Covenant) -> bool:
    """While signing, the frozen list of members follows the bloc-year: its members and
    every unit whose signature stands (a unit that signed and then left stays on what it
    signed). Units already listed keep their frozen names; a newcomer is listed under
    its name of today. The hash follows (nothing has been issued yet)."""
    text = locked.frozen_text
    if text is None or locked.status != Covenant.Status.SIGNING:
        return False
    units = {
        m.unit_id: m.unit
        for m in Membership.objects.filter(bloc_year_id=locked.bloc_year_id)
        .select_related("unit")
        .order_by("unit__sort_key")
    }
    for signature in _active_signatures(locked).select_related("unit"):
        units.setdefault(signature.unit_id, signature.unit)
    listed = {m.unit_id: m for m in text.members}
    if set(listed) == set(units):
        return False
    members = [
        listed.get(uid) or FrozenMember(unit_id=uid, name=unit.name)
        for uid, unit in units.items()
    ]
    text.members = sorted(
        members, key=lambda m: (vietnamese_sort_key(m.name), m.unit_id)
    )
    locked.snapshot = text.to_snapshot()
    locked.content_hash = text.hash
    return True


def complete_if_all_signed(
    locked: Covenant, now: datetime.datetime, *, issued_by: User | None = None
) -> bool:
    """Signing → complete when every member of the bloc-year has a standing signature
    (and at least one unit has signed); the signed copy is then issued once the
    transaction commits."""
    if locked.status != Covenant.Status.SIGNING:
        return False
    signed_ids = set(_active_signatures(locked).values_list("unit_id", flat=True))
    member_ids = set(
        Membership.objects.filter(bloc_year_id=locked.bloc_year_id).values_list(
            "unit_id", flat=True
        )
    )
    if not signed_ids or not member_ids <= signed_ids:
        return False
    locked.status = Covenant.Status.COMPLETE
    locked.completed_at = now
    covenant_pk, user_pk = locked.pk, issued_by.pk if issued_by else None

    def issue_signed_copy() -> None:
        _issue_after_commit(covenant_pk, user_pk)

    # robust: a failure to render is logged, never turns the signature into an error;
    # the first download issues the copy then.
    transaction.on_commit(issue_signed_copy, robust=True)
    return True


@transaction.atomic
def covenant_sign(
    *,
    covenant: Covenant,
    unit: Unit,
    signer_name: str,
    signer_position: str,
    recorded_by: User,
) -> Signature:
    """A member unit signs for itself. The first signature freezes the text (snapshot
    and hash); the last one completes and locks the covenant."""
    # Lock the covenant: signatures, edits, withdrawals, changes of members and
    # completion happen one at a time.
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    _check_may_sign(locked, unit, recorded_by)
    now = timezone.now()
    if locked.frozen_at is None:
        _freeze(locked, now)
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
    follow_members(locked)
    complete_if_all_signed(locked, now, issued_by=recorded_by)
    locked.full_clean()
    locked.save()
    covenant.refresh_from_db()
    return signature


# --- The signed copy, issued once ----------------------------------------------------


def _issue_after_commit(covenant_pk: int, user_pk: int | None) -> None:
    covenant = Covenant.objects.get(pk=covenant_pk)
    user = User.objects.filter(pk=user_pk).first() if user_pk else None
    covenant_issue_signed_copy(covenant=covenant, issued_by=user)


@transaction.atomic
def covenant_issue_signed_copy(
    *, covenant: Covenant, issued_by: User | None = None
) -> IssuedDocument:
    """Issue the complete covenant's signed copy into the register, exactly once: render
    it (from the frozen text, with every signature), store the file with its SHA-256,
    and link it. Every later download serves that file. Under the covenant's lock, so a
    racing completion, download or retry finds the copy already issued.

    The covenant has no number line (docs/domain.md §8.9: no official form), so the copy
    is issued unnumbered, in the bloc's name."""
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    if locked.issued_document_id is not None:
        return IssuedDocument.objects.get(pk=locked.issued_document_id)
    if locked.status != Covenant.Status.COMPLETE:
        raise ValidationError(
            _("Giao ước chưa được ký đủ nên chưa có bản đã ký để ban hành.")
        )
    full = covenant_document_queryset().get(pk=locked.pk)
    bloc_year = full.bloc_year
    text = covenant_documents.covenant_text(full)
    document = document_issue(
        council=bloc_year.bloc.council,
        kind=covenant_documents.DOCUMENT_KIND,
        year=bloc_year.year,
        issuer_key=f"bloc:{bloc_year.bloc_id}",
        issuer_name=text.bloc_name,
        title=covenant_documents.document_title(text),
        issued_on=covenant_documents.document_date(full),
        render=lambda _number: covenant_documents.covenant_signed_pdf(covenant=full),
        numbered=False,
        issued_by=issued_by,
    )
    locked.issued_document = document
    locked.full_clean()
    locked.save(update_fields=["issued_document", "updated_at"])
    covenant.issued_document = document
    return document


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
    # A unit that had left the bloc and takes its signature back drops off the list.
    if follow_members(locked):
        locked.save(update_fields=["snapshot", "content_hash", "updated_at"])
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
