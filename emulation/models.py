"""The shared kernel: the base model, the organisation every app scopes by (councils,
units and their succession) and the user with their role."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.fields import (
    council_link,
    dates_ordered,
    link,
    optional_date,
    part_of,
    user_ref,
    verification_code_field,
)
from emulation.text import person_sort_key, vietnamese_sort_key

# The emulation years the application accepts, in every form, URL and model.
YEAR_MIN = 2000
YEAR_MAX = 2100


def year_validators() -> list:
    return [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


def active_in_year_q(year: int, prefix: str = "") -> Q:
    """Q: the row (through `prefix`, e.g. "unit__") is active at some time in `year`:
    its dates, where set, cover part of the year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Q(**{f"{prefix}active_from__isnull": True})
        | Q(**{f"{prefix}active_from__lte": last})
    ) & (
        Q(**{f"{prefix}active_to__isnull": True})
        | Q(**{f"{prefix}active_to__gte": first})
    )


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class Council(BaseModel):
    """Hội đồng Thi đua – Khen thưởng: organises the blocs of a province or of the centre.

    Each app keeps its own rules for a council in a one-to-one model of its own
    (e.g. `blocs.BlocRules`), so the kernel knows nothing of them.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        CENTRAL = "central", _("Trung ương")
        MINISTRY = "ministry", _("Bộ, ngành")

    name = models.CharField(_("tên hội đồng"), max_length=200, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    level = models.CharField(
        _("cấp"), max_length=20, choices=Level, default=Level.PROVINCE
    )
    place_name = models.CharField(
        _("địa danh ghi trên văn bản"), max_length=100, help_text=_("Ví dụ: Nghệ An")
    )
    parent_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: UBND TỈNH NGHỆ AN"),
    )
    board_name = models.CharField(
        _("cơ quan thường trực"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Ban Thi đua – Khen thưởng, Sở Nội vụ"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("hội đồng thi đua – khen thưởng")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet):
    def active_in(self, year: int) -> UnitQuerySet:
        """Units in service (status active) whose dates cover part of `year`."""
        return self.filter(active_in_year_q(year), status=Unit.Status.ACTIVE)


class Unit(BaseModel):
    """Cơ quan, đơn vị: a government agency, member of at most one bloc a year."""

    class Kind(models.TextChoices):
        PARTY = "party", _("Cơ quan Đảng")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        ARMED = "armed", _("Lực lượng vũ trang")
        JUDICIAL = "judicial", _("Cơ quan tư pháp, kiểm sát")
        MASS = "mass", _("Đoàn thể, tổ chức hội")
        COMMUNE = "commune", _("Xã, phường, đặc khu")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        MINISTRY = "ministry", _("Bộ, ngành Trung ương")
        OTHER = "other", _("Khác")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hoạt động")
        MERGED = "merged", _("Đã sáp nhập")
        DISSOLVED = "dissolved", _("Đã giải thể")

    council = council_link("units")
    name = models.CharField(_("tên đơn vị"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(
        _("loại đơn vị"), max_length=20, choices=Kind, default=Kind.DEPARTMENT
    )
    head_name = models.CharField(_("họ tên thủ trưởng"), max_length=150, blank=True)
    head_position = models.CharField(
        _("chức vụ thủ trưởng"), max_length=150, blank=True
    )
    contact_name = models.CharField(
        _("cán bộ làm công tác thi đua"), max_length=150, blank=True
    )
    contact_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    active_from = optional_date(_("hoạt động từ"))
    active_to = optional_date(_("hoạt động đến"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.ACTIVE
    )
    successors = models.ManyToManyField(
        "self",
        through="Succession",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("đơn vị kế thừa"),
        blank=True,
    )
    sort_key = models.CharField(
        max_length=600, blank=True, db_collation="C", editable=False
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("đơn vị")
        ordering = ["sort_key"]
        constraints = [
            # Case-insensitive: "Sở Tư pháp" and "SỞ TƯ PHÁP" are one unit (the
            # services normalise spaces and dashes with emulation.text.normalise_name).
            models.UniqueConstraint(
                "council", Lower("name"), name="emulation_unit_unique_name_ci"
            ),
            dates_ordered(
                "active_from", "active_to", name="emulation_unit_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = vietnamese_sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("blocs:unit-detail", args=[self.pk])

    def is_active_in(self, year: int) -> bool:
        """In service, and its dates (if any) cover part of the year (see `active_in`)."""
        if self.status != self.Status.ACTIVE:
            return False
        if self.active_to and self.active_to < datetime.date(year, 1, 1):
            return False
        return not (self.active_from and self.active_from > datetime.date(year, 12, 31))


class Succession(BaseModel):
    """A restructuring link: the predecessor's history continues in the successor."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Sáp nhập, hợp nhất")
        RENAME = "rename", _("Đổi tên")
        SPLIT = "split", _("Chia tách")

    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="succession_out"
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="succession_in"
    )
    kind = models.CharField(
        _("hình thức"), max_length=20, choices=Kind, default=Kind.MERGE
    )
    effective_on = models.DateField(_("có hiệu lực từ"))
    reference = models.CharField(
        _("căn cứ (số quyết định)"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = verbose_name_plural = _("sắp xếp, sáp nhập")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="emulation_succession_unique_pair",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="emulation_succession_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class User(AbstractUser):
    """A person using the application: always in one council, optionally of one unit.

    Chair rights are not stored here: a unit secretary gets them for a bloc-year
    when their unit chairs or vice-chairs it (see blocs.permissions).
    """

    class Role(models.TextChoices):
        BOARD = "board", _("Cán bộ Ban Thi đua – Khen thưởng")
        SECRETARY = "secretary", _("Cán bộ thi đua của đơn vị")
        VIEWER = "viewer", _("Người xem")

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    role = models.CharField(
        _("vai trò"), max_length=20, choices=Role, default=Role.VIEWER
    )
    council = council_link("users", optional=True)
    unit = link(Unit, _("đơn vị"), related_name="users", optional=True)
    # Empty until the user picks a language (then Vietnamese, the default, is shown).
    language = models.CharField(
        _("ngôn ngữ"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    sort_key = models.CharField(
        max_length=400, blank=True, db_collation="C", editable=False
    )

    class Meta:
        verbose_name = verbose_name_plural = _("người dùng")
        ordering = ["sort_key", "username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="secretary") | models.Q(unit__isnull=False),
                name="emulation_user_secretary_has_unit",
            ),
        ]

    def clean(self) -> None:
        """The unit must be one of the user's council (it decides what the user sees)."""
        super().clean()
        if self.unit_id is None:
            return
        unit = self.unit
        if self.council_id is None:
            self.council = unit.council  # a unit's user belongs to its council
        elif unit.council_id != self.council_id:
            raise ValidationError(
                {
                    "unit": _(
                        "Đơn vị “%(unit)s” thuộc %(unit_council)s, không thuộc "
                        "%(council)s của người dùng: hãy chọn đơn vị của hội đồng "
                        "này, hoặc đổi hội đồng."
                    )
                    % {
                        "unit": unit.name,
                        "unit_council": unit.council.name,
                        "council": self.council.name,
                    }
                }
            )

    def save(self, *args, **kwargs):
        # The sort key is a pure function of the name (not business logic).
        self.sort_key = person_sort_key(self.full_name or self.username)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_board(self) -> bool:
        return self.role == self.Role.BOARD

    @property
    def is_secretary(self) -> bool:
        return self.role == self.Role.SECRETARY


def new_verification_code() -> str:
    """A short code printed on an issued document; unguessable, easy to type (no 0/O, 1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def issued_document_path(instance: IssuedDocument, filename: str) -> str:
    return f"issued/{instance.year}/{instance.sha256[:2]}/{instance.sha256}.pdf"


class DocumentSeries(BaseModel):
    """The number series of one issuer for one kind of document and one year
    (docs/domain.md §8.3: numbering restarts each year; each issuer keeps its own)."""

    issuer_key = models.CharField(max_length=100)
    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField(validators=year_validators())
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_key", "kind", "year"],
                name="emulation_documentseries_one_per_issuer_kind_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer_key} {self.kind} {self.year}: {self.last_number}"


class IssuedDocument(BaseModel):
    """A document as issued: its number in the issuer's series, the stored file and its
    SHA-256. Stored once and never regenerated, so every download is the same bytes and
    anyone can check a copy against it (the public verification page)."""

    council = council_link("issued_documents")
    kind = models.CharField(_("loại văn bản"), max_length=20)
    year = models.PositiveSmallIntegerField(_("năm"), validators=year_validators())
    issuer_key = models.CharField(max_length=100, editable=False)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=300)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    file = models.FileField(_("tệp"), upload_to=issued_document_path, max_length=200)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    verification_code = verification_code_field(new_verification_code)
    issued_by = user_ref(_("người ban hành"))

    class Meta:
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("sổ văn bản đã ban hành")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_key", "kind", "year", "number"],
                condition=Q(number__isnull=False),
                name="emulation_issueddocument_number_once",
            ),
        ]
        indexes = [models.Index(fields=["council", "year", "kind"])]

    def __str__(self) -> str:
        return f"{self.number_label} – {self.title}"

    @property
    def number_label(self) -> str:
        """ "05/BB-KTĐNC", or the symbol alone for an unnumbered document."""
        if self.number is None:
            return self.symbol
        return (
            f"{self.number:02d}/{self.symbol}" if self.symbol else f"{self.number:02d}"
        )


class PasswordEvent(models.Model):
    """Append-only record of what was done to a user's password or login lock."""

    class Kind(models.TextChoices):
        RESET = "reset", _("Tự đặt lại mật khẩu qua email")
        SET_BY_BOARD = "set_by_board", _("Ban đặt mật khẩu mới")
        UNLOCK = "unlock", _("Ban mở khóa đăng nhập")

    user = part_of(User, _("người dùng"), related_name="password_events")
    kind = models.CharField(_("việc"), max_length=20, choices=Kind)
    by = user_ref(_("người thực hiện"))
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nhật ký mật khẩu")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        at = timezone.localtime(self.at)
        return f"{self.get_kind_display()} – {self.user} – {at:%H:%M %d/%m/%Y}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("PasswordEvent is append-only.")
        super().save(*args, **kwargs)
