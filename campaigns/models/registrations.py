"""Title kinds, the registration round and registrations (đăng ký thi đua,
docs/domain.md §5.3): what a member unit aims for and the targets it sets itself."""

from __future__ import annotations

import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from emulation.fields import link, optional_date, part_of, user_ref
from emulation.models import BaseModel, Council, Unit


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
        verbose_name = verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
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
    deadline = optional_date(_("hạn đăng ký"))
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("đợt đăng ký thi đua")

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
    unit = link(Unit, _("đơn vị"), related_name="registrations")
    collective_titles = models.ManyToManyField(
        TitleKind,
        verbose_name=_("danh hiệu, hình thức khen thưởng tập thể"),
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = user_ref()

    class Meta:
        verbose_name = verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc_year", "unit"], name="campaigns_registration_one_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.bloc_year}"


class IndividualTitleCount(BaseModel):
    """How many individuals of the unit register for an individual title."""

    registration = part_of(Registration, related_name="individual_counts")
    title = link(TitleKind, _("danh hiệu cá nhân"), related_name="+")
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

    registration = part_of(Registration, related_name="targets")
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
        verbose_name = verbose_name_plural = _("chỉ tiêu")
        ordering = ["registration", "position", "id"]

    def __str__(self) -> str:
        return self.name
