"""The yearly covenant (giao ước thi đua), its commitments, its signatures and the
addenda of units that join later (docs/domain.md §5.2, §8.9).

The covenant's text is frozen at the first signature: a snapshot (`Covenant.snapshot`,
JSON) of the title, the bloc's name, the year, the legal bases as cited, the preamble,
the commitments, the annex and the member units with their names as they were, and the
SHA-256 of its canonical text (`content_hash`). Pages and documents of a frozen covenant
print that snapshot, so renaming a unit or the bloc later changes nothing it vouches for.
When every member has signed it is complete, and its signed copy is issued once into
the kernel's register (`Covenant.issued_document`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from campaigns.models.legal_bases import LegalBasis
from emulation.models import BaseModel, IssuedDocument, Unit


def new_verification_code() -> str:
    """A short code printed on the signed copy; unguessable, easy to type."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def normalise_text(text: str) -> str:
    """Unify line endings and drop trailing spaces, so that a browser's CRLF changes
    nothing."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class FrozenMember:
    """A member unit as the covenant names it: its id and its name at the time."""

    unit_id: int
    name: str


@dataclass
class CovenantText:
    """What a signature vouches for: built from the live rows until the first signature,
    then read from the covenant's snapshot (docs/domain.md §5.2).

    `canonical()` is deterministic: the same text always gives the same string, whatever
    the language of the page. Its labels are fixed Vietnamese strings (never translated:
    a translation would change the hash). Legal bases and members keep the order they
    have here (legal force, then date; Vietnamese order of the names)."""

    title: str
    bloc_name: str
    year: int
    legal_bases: list[str]  # citations, in the order the document cites them
    preamble: str
    commitments: list[str]  # in their order
    annex: str
    members: list[FrozenMember] = field(default_factory=list)

    def canonical(self) -> str:
        parts = [
            "BẢN GIAO ƯỚC THI ĐUA",
            f"Tiêu đề: {normalise_text(self.title)}",
            f"Khối thi đua: {normalise_text(self.bloc_name)}",
            f"Năm thi đua: {self.year}",
            "Căn cứ:",
            *(f"- {normalise_text(c)}" for c in self.legal_bases),
            "Lời mở đầu:",
            normalise_text(self.preamble),
            "Nội dung giao ước:",
            *(
                f"{i}. {normalise_text(c)}"
                for i, c in enumerate(self.commitments, start=1)
            ),
            "Phụ lục:",
            normalise_text(self.annex),
            "Đơn vị thành viên:",
            *(f"- {normalise_text(m.name)}" for m in self.members),
        ]
        return "\n".join(parts) + "\n"

    @property
    def hash(self) -> str:
        """SHA-256 (hex) of the canonical text: what the covenant stores and prints."""
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()

    def to_snapshot(self) -> dict:
        return {
            "version": SNAPSHOT_VERSION,
            "title": self.title,
            "bloc_name": self.bloc_name,
            "year": self.year,
            "legal_bases": list(self.legal_bases),
            "preamble": self.preamble,
            "commitments": list(self.commitments),
            "annex": self.annex,
            "members": [{"unit_id": m.unit_id, "name": m.name} for m in self.members],
        }

    @classmethod
    def from_snapshot(cls, data: dict) -> CovenantText:
        return cls(
            title=data.get("title", ""),
            bloc_name=data.get("bloc_name", ""),
            year=int(data.get("year", 0)),
            legal_bases=[str(c) for c in data.get("legal_bases", [])],
            preamble=data.get("preamble", ""),
            commitments=[str(c) for c in data.get("commitments", [])],
            annex=data.get("annex", ""),
            members=[
                FrozenMember(unit_id=int(m["unit_id"]), name=str(m["name"]))
                for m in data.get("members", [])
            ],
        )


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
    # The text as frozen at the first signature (CovenantText.to_snapshot); empty
    # before, and on covenants frozen before snapshots existed whose live text no
    # longer matched their hash (those are checked against the live text).
    snapshot = models.JSONField(
        _("nội dung đã khóa"), null=True, blank=True, editable=False
    )
    completed_at = models.DateTimeField(_("ký đủ lúc"), null=True, blank=True)
    verification_code = models.CharField(
        _("mã xác minh"),
        max_length=16,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    issued_document = models.OneToOneField(
        IssuedDocument,
        verbose_name=_("bản đã ký (sổ văn bản)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="covenant",
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
            models.CheckConstraint(
                condition=Q(issued_document__isnull=True)
                | Q(status=CovenantStatus.COMPLETE),
                name="campaigns_covenant_issued_once_complete",
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

    @property
    def frozen_text(self) -> CovenantText | None:
        """The text as frozen at the first signature, if a snapshot was taken."""
        return CovenantText.from_snapshot(self.snapshot) if self.snapshot else None


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


class CovenantAddendum(BaseModel):
    """Phụ lục gia nhập: a unit that joined the bloc after the covenant was complete
    signs a dated addendum. The covenant itself (its frozen text, hash and signed copy)
    stays as it was signed (docs/domain.md §5.2)."""

    covenant = models.ForeignKey(
        Covenant, on_delete=models.PROTECT, related_name="addenda"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="covenant_addenda",
    )
    unit_name = models.CharField(_("tên đơn vị khi gia nhập"), max_length=200)
    joined_on = models.DateField(_("ngày gia nhập khối"))
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    signer_position = models.CharField(
        _("chức vụ người ký"), max_length=150, blank=True
    )
    signed_at = models.DateTimeField(_("ký phụ lục lúc"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "emulation.User",
        verbose_name=_("người ghi nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phụ lục gia nhập giao ước")
        verbose_name_plural = _("phụ lục gia nhập giao ước")
        ordering = ["covenant", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "unit"],
                name="campaigns_covenantaddendum_one_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | ~Q(signer_name=""),
                name="campaigns_covenantaddendum_signed_has_signer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_name} – {self.covenant}"
