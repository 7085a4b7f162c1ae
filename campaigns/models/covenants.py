"""The yearly covenant (giao ước thi đua), its commitments and its signatures
(docs/domain.md §5.2, §8.9). The covenant's text is frozen (hashed) at the first
signature; when every member has signed it is complete."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from campaigns.models.legal_bases import LegalBasis
from emulation.models import BaseModel, Unit


def new_verification_code() -> str:
    """A short code printed on the signed copy; unguessable, easy to type."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class CovenantStatus(models.TextChoices):
    """Where a covenant is in its life (`Covenant.Status`; at module level so that the
    model's constraints can name its members)."""

    DRAFTING = "drafting", _("Đang soạn thảo")
    SIGNING = "signing", _("Đang ký kết")
    COMPLETE = "complete", _("Đã ký đủ")


class Covenant(BaseModel):
    """Bản giao ước thi đua of a bloc-year, signed by every member unit (docs/domain.md §5.2)."""

    Status = CovenantStatus

    bloc_year = models.OneToOneField(
        BlocYear,
        verbose_name=_("khối, năm"),
        on_delete=models.PROTECT,
        related_name="covenant",
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    preamble = models.TextField(_("lời mở đầu"), blank=True)
    legal_bases = models.ManyToManyField(
        LegalBasis, verbose_name=_("căn cứ"), blank=True, related_name="covenants"
    )
    annex = models.TextField(
        _("phụ lục"), blank=True, help_text=_("Ví dụ: bảng chấm điểm, nếu đã có")
    )
    signing_place = models.CharField(_("địa điểm ký kết"), max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status, default=Status.DRAFTING
    )
    opened_at = models.DateTimeField(_("mở ký lúc"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("khóa nội dung lúc"), null=True, blank=True)
    content_hash = models.CharField(
        _("mã băm nội dung (SHA-256)"), max_length=64, blank=True
    )
    completed_at = models.DateTimeField(_("ký đủ lúc"), null=True, blank=True)
    verification_code = models.CharField(
        _("mã xác minh"),
        max_length=16,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    scanned_copy = models.FileField(
        _("bản quét có chữ ký tay"), upload_to="covenants/%Y/", blank=True
    )
    scanned_uploaded_at = models.DateTimeField(
        _("tải bản quét lúc"), null=True, blank=True
    )
    scanned_uploaded_by = models.ForeignKey(
        "emulation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        "emulation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CovenantStatus.DRAFTING) | ~Q(content_hash=""),
                name="campaigns_covenant_hash_once_signing",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:covenant-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """The text may still change: nobody has signed yet (the first signature freezes
        it) and the covenant is not complete."""
        return self.frozen_at is None and self.status != self.Status.COMPLETE


class Commitment(BaseModel):
    """Nội dung giao ước: one numbered commitment of the covenant."""

    covenant = models.ForeignKey(
        Covenant, on_delete=models.CASCADE, related_name="commitments"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("nội dung giao ước")
        verbose_name_plural = _("nội dung giao ước")
        ordering = ["covenant", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "position"],
                name="campaigns_commitment_unique_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"


class Signature(BaseModel):
    """A member unit's signature of the covenant. Withdrawn signatures are kept, marked."""

    covenant = models.ForeignKey(
        Covenant, on_delete=models.PROTECT, related_name="signatures"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="covenant_signatures",
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150)
    signed_at = models.DateTimeField(_("ký lúc"))
    recorded_by = models.ForeignKey(
        "emulation.User",
        verbose_name=_("người ghi nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("rút chữ ký lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "emulation.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = _("chữ ký giao ước")
        ordering = ["covenant", "signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "unit"],
                condition=Q(withdrawn_at__isnull=True),
                name="campaigns_signature_one_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.signer_name}"
