"""Blocs and clusters, their yearly membership, the rotating chair and the council's
rules for them (docs/domain.md §1.3, §1.4, §2.3, §3). Councils and units live in the
kernel (emulation.models); rules that are council settings are fields of `BlocRules`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.fields import (
    council_link,
    dates_ordered,
    link,
    optional_date,
    part_of,
    user_ref,
)
from emulation.models import BaseModel, Council, Unit, year_validators
from emulation.text import vietnamese_sort_key


class SelectionMethod(models.TextChoices):
    ROTATION = "rotation", _("Luân phiên")
    ELECTION = "election", _("Bầu tại hội nghị")
    APPOINTMENT = "appointment", _("Chỉ định")


class BlocRules(BaseModel):
    """The council's rules for its blocs (council settings, docs/domain.md §3, §9): how the
    chair and vice-chairs are chosen, approved and for how long.

    One row per council; a council without one uses these defaults (see
    `blocs.selectors.bloc_rules`), so reading the rules never writes.
    """

    council = models.OneToOneField(
        Council,
        verbose_name=_("hội đồng"),
        on_delete=models.CASCADE,
        related_name="bloc_rules",
    )
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
        verbose_name = verbose_name_plural = _("quy định về khối, cụm của hội đồng")

    def __str__(self) -> str:
        return str(self.council)


class Bloc(BaseModel):
    """Khối thi đua (by function) or cụm thi đua (by territory)."""

    class Kind(models.TextChoices):
        KHOI = "khoi", _("Khối thi đua")
        CUM = "cum", _("Cụm thi đua")

    council = council_link("blocs")
    name = models.CharField(_("tên khối, cụm"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind, default=Kind.KHOI)
    description = models.TextField(_("mô tả"), blank=True)
    active_from = optional_date(_("hoạt động từ"))
    active_to = optional_date(_("hoạt động đến"))
    sort_key = models.CharField(
        max_length=600, blank=True, db_collation="C", editable=False
    )

    class Meta:
        verbose_name = verbose_name_plural = _("khối, cụm thi đua")
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(
                "council", Lower("name"), name="blocs_bloc_unique_name_ci"
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

    bloc = part_of(Bloc, related_name="rotation_slots")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="rotation_slots"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))

    class Meta:
        verbose_name = verbose_name_plural = _("thứ tự luân phiên")
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
    roles_approved_on = optional_date(_("ngày Ban Thi đua phê duyệt"))
    roles_approval_reference = models.CharField(
        _("số văn bản phê duyệt"), max_length=200, blank=True
    )
    flag_handover_on = optional_date(_("ngày bàn giao cờ luân lưu"))
    launch_meeting_on = optional_date(_("ngày hội nghị phát động, ký giao ước"))
    midyear_meeting_on = optional_date(_("ngày hội nghị sơ kết 6 tháng"))
    yearend_meeting_on = optional_date(_("ngày hội nghị tổng kết"))

    class Meta:
        verbose_name = verbose_name_plural = _("năm thi đua của khối")
        ordering = ["bloc__sort_key", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "year"], name="blocs_blocyear_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bloc.name} – {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("blocyear-detail", args=[self.pk])

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

    bloc_year = part_of(BlocYear, _("năm thi đua"), related_name="memberships")
    unit = link(Unit, _("đơn vị"), related_name="memberships")
    # Copied from bloc_year so the database can refuse a unit in two blocs in one year.
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=year_validators(), editable=False
    )
    role = models.CharField(
        _("vai trò"), max_length=20, choices=Role, default=Role.MEMBER
    )
    joined_on = optional_date(_("ngày vào khối"))
    left_on = optional_date(_("ngày ra khỏi khối"))

    class Meta:
        verbose_name = verbose_name_plural = _("đơn vị thành viên")
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
            dates_ordered(
                "joined_on", "left_on", name="blocs_membership_dates_ordered"
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
    meeting_on = optional_date(_("ngày hội nghị"))
    vote_summary = models.CharField(
        _("kết quả biểu quyết"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: 6/6 đơn vị nhất trí; để trống nếu theo luân phiên"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.PENDING
    )
    decided_by = user_ref(_("người phê duyệt"))
    decided_on = optional_date(_("ngày phê duyệt"))
    approval_reference = models.CharField(
        _("số văn bản phê duyệt"), max_length=200, blank=True
    )
    recorded_by = user_ref(_("người ghi nhận"))

    class Meta:
        verbose_name = verbose_name_plural = _("bầu khối trưởng, khối phó")
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
