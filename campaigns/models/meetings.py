"""Meetings (hội nghị) of a bloc-year: launch and covenant signing, mid-year and
year-end reviews (docs/domain.md §5.2, §5.4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from emulation.fields import link, part_of
from emulation.models import BaseModel, Unit


class Meeting(BaseModel):
    """Hội nghị of a bloc-year: launch and covenant signing, mid-year and year-end reviews."""

    class Kind(models.TextChoices):
        LAUNCH = "launch", _("Hội nghị phát động, ký kết giao ước")
        MID_YEAR = "mid_year", _("Hội nghị sơ kết 6 tháng")
        YEAR_END = "year_end", _("Hội nghị tổng kết năm")

    bloc_year = part_of(BlocYear, _("khối, năm"), related_name="meetings")
    kind = models.CharField(
        _("loại hội nghị"), max_length=10, choices=Kind, default=Kind.LAUNCH
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    host_unit = link(
        Unit, _("đơn vị đăng cai"), related_name="hosted_meetings", optional=True
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
        verbose_name = verbose_name_plural = _("hội nghị")
        ordering = ["bloc_year", "held_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.held_on:%d/%m/%Y}"
