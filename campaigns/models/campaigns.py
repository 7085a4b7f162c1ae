"""Campaigns (phong trào thi đua), launched by the council, a bloc or a unit
(docs/domain.md §5.2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from campaigns.models.legal_bases import LegalBasis
from emulation.fields import (
    council_link,
    dates_ordered,
    dates_reversed,
    link,
    optional_date,
)
from emulation.models import BaseModel, Unit


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

    council = council_link("campaigns")
    level = models.CharField(
        _("cấp phát động"), max_length=10, choices=Level, default=Level.UNIT
    )
    bloc_year = link(BlocYear, _("khối, năm"), related_name="campaigns", optional=True)
    unit = link(Unit, _("đơn vị phát động"), related_name="campaigns", optional=True)
    title = models.CharField(_("tên phong trào"), max_length=300)
    theme = models.CharField(_("chủ đề, khẩu hiệu"), max_length=300, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind, default=Kind.YEARLY)
    occasion = models.CharField(_("sự kiện, ngày kỷ niệm"), max_length=300, blank=True)
    launched_on = optional_date(_("ngày phát động"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    legal_bases = models.ManyToManyField(
        LegalBasis, verbose_name=_("căn cứ"), blank=True, related_name="campaigns"
    )
    description = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("phong trào thi đua")
        ordering = ["-starts_on", "title"]
        constraints = [
            dates_ordered(
                "starts_on",
                "ends_on",
                name="campaigns_campaign_dates_ordered",
                optional=False,
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
        if dates_reversed(self.starts_on, self.ends_on):
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
