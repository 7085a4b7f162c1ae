"""Councils, units, blocs and clusters, yearly membership and the rotating chair.

See ../shared/domain/RULES.md §1–2, §5, §6. Rules marked [PROV] there are
fields of `Council` (the council's settings), with the default RULES.md names.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.models import BaseModel
from emulation.text import vietnamese_sort_key


def year_validators():
    return [MinValueValidator(2000), MaxValueValidator(2100)]


class SelectionMethod(models.TextChoices):
    ROTATION = "rotation", _("Luân phiên")
    ELECTION = "election", _("Bầu tại hội nghị")
    APPOINTMENT = "appointment", _("Chỉ định")


class Council(BaseModel):
    """Hội đồng Thi đua – Khen thưởng: organises the blocs of a province or of the centre."""

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
    # --- Settings [PROV] (RULES.md §2, §6 "Role selection") ---
    chair_selection_method = models.CharField(
        _("cách chọn khối trưởng"),
        max_length=20,
        choices=SelectionMethod,
        default=SelectionMethod.ROTATION,
    )
    vice_chair_count = models.PositiveSmallIntegerField(
        _("số khối phó mỗi khối"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(3)],
    )
    vice_chair_moves_up = models.BooleanField(
        _("khối phó năm trước làm khối trưởng năm sau"), default=True
    )
    chair_approval_required = models.BooleanField(
        _("khối trưởng, khối phó phải được Ban Thi đua phê duyệt"), default=True
    )
    chair_term_years = models.PositiveSmallIntegerField(
        _("nhiệm kỳ khối trưởng (năm)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        verbose_name = _("hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("hội đồng thi đua – khen thưởng")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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

    council = models.ForeignKey(
        Council,
        verbose_name=_("hội đồng"),
        on_delete=models.PROTECT,
        related_name="units",
    )
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
    active_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    active_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
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

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="blocs_unit_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=F("active_from")),
                name="blocs_unit_dates_ordered",
            ),
        ]

    def save(self, *args, **kwargs):
        self.sort_key = vietnamese_sort_key(self.name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("blocs:unit-detail", args=[self.pk])


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
        verbose_name = _("sắp xếp, sáp nhập")
        verbose_name_plural = _("sắp xếp, sáp nhập")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="blocs_succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="blocs_succession_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Bloc(BaseModel):
    """Khối thi đua (by function) or cụm thi đua (by territory)."""

    class Kind(models.TextChoices):
        KHOI = "khoi", _("Khối thi đua")
        CUM = "cum", _("Cụm thi đua")

    council = models.ForeignKey(
        Council,
        verbose_name=_("hội đồng"),
        on_delete=models.PROTECT,
        related_name="blocs",
    )
    name = models.CharField(_("tên khối, cụm"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind, default=Kind.KHOI)
    description = models.TextField(_("mô tả"), blank=True)
    active_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    active_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    sort_key = models.CharField(
        max_length=600, blank=True, db_collation="C", editable=False
    )

    class Meta:
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="blocs_bloc_unique_name"
            ),
        ]

    def save(self, *args, **kwargs):
        self.sort_key = vietnamese_sort_key(self.name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("blocs:bloc-detail", args=[self.pk])


class RotationSlot(BaseModel):
    """One place in a bloc's rotation order (luân phiên) of the chair."""

    bloc = models.ForeignKey(
        Bloc, on_delete=models.CASCADE, related_name="rotation_slots"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="rotation_slots"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))

    class Meta:
        verbose_name = _("thứ tự luân phiên")
        verbose_name_plural = _("thứ tự luân phiên")
        ordering = ["bloc", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "position"], name="blocs_rotation_unique_position"
            ),
            models.UniqueConstraint(
                fields=["bloc", "unit"], name="blocs_rotation_unique_unit"
            ),
        ]


class BlocYear(BaseModel):
    """Năm thi đua: one bloc in one year — its members, chair, theme and dates."""

    bloc = models.ForeignKey(
        Bloc, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=year_validators())
    theme = models.CharField(_("chủ đề thi đua năm"), max_length=300, blank=True)
    selection_method = models.CharField(
        _("cách chọn khối trưởng"),
        max_length=20,
        choices=SelectionMethod,
        default=SelectionMethod.ROTATION,
    )
    roles_approved_on = models.DateField(
        _("ngày Ban Thi đua phê duyệt"), null=True, blank=True
    )
    roles_approval_reference = models.CharField(
        _("số văn bản phê duyệt"), max_length=200, blank=True
    )
    flag_handover_on = models.DateField(
        _("ngày bàn giao cờ luân lưu"), null=True, blank=True
    )
    launch_meeting_on = models.DateField(
        _("ngày hội nghị phát động, ký giao ước"), null=True, blank=True
    )
    midyear_meeting_on = models.DateField(
        _("ngày hội nghị sơ kết 6 tháng"), null=True, blank=True
    )
    yearend_meeting_on = models.DateField(
        _("ngày hội nghị tổng kết"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("năm thi đua của khối")
        verbose_name_plural = _("năm thi đua của khối")
        ordering = ["bloc__sort_key", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "year"], name="blocs_blocyear_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bloc.name} – {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("blocs:blocyear-detail", args=[self.pk])

    @property
    def rights_start(self) -> datetime.date:
        """The chair's rights for this year start on 1 January of the year."""
        return datetime.date(self.year, 1, 1)


class Membership(BaseModel):
    """Đơn vị thành viên: a unit's place in a bloc for one year, with its role.

    The role lives on the membership, so the database itself guarantees that the
    chair and vice-chairs are members and that no unit holds two roles.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Thành viên")
        CHAIR = "chair", _("Khối trưởng")
        VICE_CHAIR = "vice_chair", _("Khối phó")

    bloc_year = models.ForeignKey(
        BlocYear,
        verbose_name=_("năm thi đua"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    # Copied from bloc_year so the database can refuse a unit in two blocs in one year.
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=year_validators(), editable=False
    )
    role = models.CharField(
        _("vai trò"), max_length=20, choices=Role, default=Role.MEMBER
    )
    joined_on = models.DateField(_("ngày vào khối"), null=True, blank=True)
    left_on = models.DateField(_("ngày ra khỏi khối"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị thành viên")
        verbose_name_plural = _("đơn vị thành viên")
        ordering = ["bloc_year", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="blocs_membership_one_bloc_a_year"
            ),
            models.UniqueConstraint(
                fields=["bloc_year"],
                condition=Q(role="chair"),
                name="blocs_membership_one_chair",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="blocs_membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.bloc_year}"

    def clean(self) -> None:
        """The unit belongs to the bloc's council, and `year` is the bloc-year's year."""
        super().clean()
        if self.bloc_year_id is None or self.unit_id is None:
            return  # clean_fields has already reported the missing field
        bloc_year = self.bloc_year
        if self.year is None:
            self.year = bloc_year.year
        # Non-field errors: `year` is not editable, so no form has a field to carry it.
        errors = []
        if self.unit.council_id != bloc_year.bloc.council_id:
            errors.append(
                _("Đơn vị %(unit)s không thuộc hội đồng của %(bloc)s.")
                % {
                    "unit": self.unit,
                    "bloc": bloc_year.bloc,
                }
            )
        if self.year != bloc_year.year:
            errors.append(
                _(
                    "Năm của đơn vị thành viên (%(year)s) khác năm thi đua của khối (%(by)s)."
                )
                % {
                    "year": self.year,
                    "by": bloc_year.year,
                }
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.year = self.bloc_year.year
        super().save(*args, **kwargs)


class ChairElection(BaseModel):
    """The choice of next year's chair and vice-chairs, waiting for the board's approval."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ phê duyệt")
        APPROVED = "approved", _("Đã phê duyệt")
        REJECTED = "rejected", _("Không phê duyệt")

    bloc = models.ForeignKey(
        Bloc, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="elections"
    )
    year = models.PositiveSmallIntegerField(
        _("năm thi đua"), validators=year_validators()
    )
    chair = models.ForeignKey(
        Unit, verbose_name=_("khối trưởng"), on_delete=models.PROTECT, related_name="+"
    )
    vice_chairs = models.ManyToManyField(
        Unit, verbose_name=_("khối phó"), related_name="+", blank=True
    )
    method = models.CharField(
        _("cách chọn"),
        max_length=20,
        choices=SelectionMethod,
        default=SelectionMethod.ROTATION,
    )
    meeting_on = models.DateField(_("ngày hội nghị"), null=True, blank=True)
    vote_summary = models.CharField(
        _("kết quả biểu quyết"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: 6/6 đơn vị nhất trí; để trống nếu theo luân phiên"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        "emulation.User",
        verbose_name=_("người phê duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    approval_reference = models.CharField(
        _("số văn bản phê duyệt"), max_length=200, blank=True
    )
    recorded_by = models.ForeignKey(
        "emulation.User",
        verbose_name=_("người ghi nhận"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bầu khối trưởng, khối phó")
        verbose_name_plural = _("bầu khối trưởng, khối phó")
        ordering = ["bloc", "-year", "-created_at"]
        constraints = [
            # At most one election in force (pending or approved) per bloc and year.
            models.UniqueConstraint(
                fields=["bloc", "year"],
                condition=~Q(status="rejected"),
                name="blocs_chairelection_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bloc} – {self.year}: {self.chair}"
