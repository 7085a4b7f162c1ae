"""Campaigns, meetings, the yearly covenant and its signatures, registrations.

See docs/domain.md §5.2 (launch and covenant), §5.3 (registration) and §8.9 (the
covenant document). The covenant's text is frozen (hashed) at the first signature;
when every member has signed it is complete.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from emulation.models import BaseModel, Council, Unit


class LegalBasis(BaseModel):
    """Căn cứ: a law, decree, directive or guidance, kept as dated data (never in templates)."""

    number = models.CharField(
        _("số, ký hiệu"), max_length=100, help_text=_("Ví dụ: 34-CT/TW")
    )
    kind = models.CharField(
        _("loại văn bản"), max_length=60, help_text=_("Ví dụ: Chỉ thị, Luật, Nghị định")
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=400)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
    )
    council = models.ForeignKey(
        Council,
        verbose_name=_("hội đồng"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="legal_bases",
        help_text=_("Để trống với văn bản dùng chung toàn quốc"),
    )

    class Meta:
        verbose_name = _("văn bản căn cứ")
        verbose_name_plural = _("văn bản căn cứ")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "issued_on"], name="campaigns_legalbasis_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} số {self.number} ngày {self.issued_on:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if (
            self.effective_from
            and self.effective_to
            and self.effective_to < self.effective_from
        ):
            errors["effective_to"] = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        if self.pk and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("Văn bản không thể thay thế chính nó.")
        if errors:
            raise ValidationError(errors)

    def in_force_on(self, day) -> bool:
        """In force on that day (from its effective date, or its date of issue, to its end)."""
        start = self.effective_from or self.issued_on
        return start <= day and (self.effective_to is None or day <= self.effective_to)

    @property
    def citation(self) -> str:
        """As cited in a document: "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về …";
        a law is cited by its name: "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022".
        Dates follow Decree 30: day < 10 and months 1–2 get a leading zero."""
        d = self.issued_on
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        issued = f"{d.day:02d}/{month}/{d.year}"
        if self.kind.strip().lower() == "luật":
            return f"Luật {self.title} số {self.number} ngày {issued}"
        by = f" của {self.issuer}" if self.issuer else ""
        # "… của Chính phủ quy định chi tiết …" reads without "về"; "… về việc …" has its own.
        joins_directly = (
            self.title.strip().lower().startswith(("về ", "quy định", "hướng dẫn"))
        )
        about = "" if joins_directly else "về "
        return f"{self.kind} số {self.number} ngày {issued}{by} {about}{self.title}"


class CampaignLevel(models.TextChoices):
    """Who launches a campaign (`Campaign.Level`; at module level so that the model's
    constraints can name its members)."""

    COUNCIL = "council", _("Hội đồng phát động")
    BLOC = "bloc", _("Khối phát động")
    UNIT = "unit", _("Đơn vị phát động")


class Campaign(BaseModel):
    """Phong trào thi đua: launched by the council, a bloc or a unit (docs/domain.md §5.2)."""

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Thường xuyên, hằng năm")
        THEMATIC = "thematic", _("Theo chuyên đề")
        PEAK = "peak", _("Đợt thi đua cao điểm")

    Level = CampaignLevel

    council = models.ForeignKey(
        Council,
        verbose_name=_("hội đồng"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    level = models.CharField(
        _("cấp phát động"), max_length=10, choices=Level, default=Level.UNIT
    )
    bloc_year = models.ForeignKey(
        BlocYear,
        verbose_name=_("khối, năm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị phát động"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    title = models.CharField(_("tên phong trào"), max_length=300)
    theme = models.CharField(_("chủ đề, khẩu hiệu"), max_length=300, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind, default=Kind.YEARLY)
    occasion = models.CharField(_("sự kiện, ngày kỷ niệm"), max_length=300, blank=True)
    launched_on = models.DateField(_("ngày phát động"), null=True, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    legal_bases = models.ManyToManyField(
        LegalBasis, verbose_name=_("căn cứ"), blank=True, related_name="campaigns"
    )
    description = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="campaigns_campaign_dates_ordered",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        level=CampaignLevel.COUNCIL,
                        bloc_year__isnull=True,
                        unit__isnull=True,
                    )
                    | Q(
                        level=CampaignLevel.BLOC,
                        bloc_year__isnull=False,
                        unit__isnull=True,
                    )
                    | Q(level=CampaignLevel.UNIT, unit__isnull=False)
                ),
                name="campaigns_campaign_launcher_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:campaign-detail", args=[self.pk])

    def clean(self) -> None:
        """Vietnamese messages for the rules the check constraints also enforce."""
        super().clean()
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
        if self.level == self.Level.BLOC and self.bloc_year_id is None:
            errors["bloc_year"] = _(
                "Phong trào do khối phát động phải chọn khối và năm thi đua."
            )
        if self.level == self.Level.UNIT and self.unit_id is None:
            errors["unit"] = _("Phong trào do đơn vị phát động phải chọn đơn vị.")
        if (
            self.council_id
            and self.bloc_year_id
            and self.bloc_year.bloc.council_id != self.council_id
        ):
            errors["bloc_year"] = _("Khối này không thuộc hội đồng của phong trào.")
        if self.council_id and self.unit_id and self.unit.council_id != self.council_id:
            errors["unit"] = _("Đơn vị này không thuộc hội đồng của phong trào.")
        if errors:
            raise ValidationError(errors)


class Meeting(BaseModel):
    """Hội nghị of a bloc-year: launch and covenant signing, mid-year and year-end reviews."""

    class Kind(models.TextChoices):
        LAUNCH = "launch", _("Hội nghị phát động, ký kết giao ước")
        MID_YEAR = "mid_year", _("Hội nghị sơ kết 6 tháng")
        YEAR_END = "year_end", _("Hội nghị tổng kết năm")

    bloc_year = models.ForeignKey(
        BlocYear,
        verbose_name=_("khối, năm"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(
        _("loại hội nghị"), max_length=10, choices=Kind, default=Kind.LAUNCH
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    host_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đăng cai"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    units_present = models.ManyToManyField(
        Unit,
        verbose_name=_("đơn vị tham dự"),
        blank=True,
        related_name="meetings_attended",
    )
    guests = models.TextField(
        _("khách mời"),
        blank=True,
        help_text=_("Ví dụ: Ban Thi đua – Khen thưởng tỉnh, Sở Nội vụ"),
    )
    summary = models.TextField(_("tóm tắt"), blank=True)

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["bloc_year", "held_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.held_on:%d/%m/%Y}"


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


class TitleKind(BaseModel):
    """A title or award a unit may aim for (council-editable list)."""

    class Scope(models.TextChoices):
        COLLECTIVE = "collective", _("Tập thể")
        INDIVIDUAL = "individual", _("Cá nhân")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="title_kinds"
    )
    name = models.CharField(_("tên danh hiệu, hình thức khen thưởng"), max_length=200)
    scope = models.CharField(
        _("đối tượng"), max_length=12, choices=Scope, default=Scope.COLLECTIVE
    )
    code = models.SlugField(_("mã"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["council", "scope", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="campaigns_titlekind_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RegistrationRound(BaseModel):
    """The chair's settings for a bloc-year's registrations: a deadline and a lock."""

    bloc_year = models.OneToOneField(
        BlocYear, on_delete=models.CASCADE, related_name="registration_round"
    )
    deadline = models.DateField(_("hạn đăng ký"), null=True, blank=True)
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đợt đăng ký thi đua")
        verbose_name_plural = _("đợt đăng ký thi đua")

    def is_open(self, on: datetime.date | None = None) -> bool:
        """Units may edit until the deadline (the whole day) unless the chair has locked.
        A bloc-year without a round yet is open: use an unsaved `RegistrationRound`."""
        if self.locked_at is not None:
            return False
        on = on or timezone.localdate()
        return self.deadline is None or on <= self.deadline


class Registration(BaseModel):
    """Đăng ký thi đua of one member unit for a bloc-year."""

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    collective_titles = models.ManyToManyField(
        TitleKind,
        verbose_name=_("danh hiệu, hình thức khen thưởng tập thể"),
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "emulation.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc_year", "unit"], name="campaigns_registration_one_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.bloc_year}"


class IndividualTitleCount(BaseModel):
    """How many individuals of the unit register for an individual title."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="individual_counts"
    )
    title = models.ForeignKey(
        TitleKind,
        verbose_name=_("danh hiệu cá nhân"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    count = models.PositiveIntegerField(_("số cá nhân đăng ký"), default=0)

    class Meta:
        ordering = ["registration", "title__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "title"],
                name="campaigns_individualcount_unique",
            ),
        ]


class Target(BaseModel):
    """Chỉ tiêu: a measurable target that reports later measure against."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="targets"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50)
    target_value = models.DecimalField(
        _("giá trị chỉ tiêu"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["registration", "position", "id"]

    def __str__(self) -> str:
        return self.name
