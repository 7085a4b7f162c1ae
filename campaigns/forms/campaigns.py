"""The campaign form (phong trào thi đua): the levels, bloc-years and units offered
are those the user may launch for (campaigns.permissions)."""

from __future__ import annotations

from crispy_forms.layout import Div, Field
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from campaigns import permissions, selectors
from campaigns.forms.layout import helper
from campaigns.models import Campaign
from campaigns.services.campaigns import CAMPAIGN_FIELDS
from emulation.forms import DateInput, columns, vietnamese_dates
from emulation.models import Unit


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        # The launcher, then what campaigns.services.campaign_create takes.
        fields = ["level", "bloc_year", "unit", *CAMPAIGN_FIELDS, "legal_bases"]
        widgets = {
            "launched_on": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "legal_bases": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "theme": _("Ví dụ: Chủ động, hiệu quả, kỷ cương, linh hoạt"),
            "occasion": _(
                "Với đợt thi đua cao điểm, ví dụ: 75 năm Ngày Chủ tịch Hồ Chí Minh "
                "ra Lời kêu gọi thi đua ái quốc"
            ),
        }

    def __init__(self, *args, user, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.council = council
        if self.instance.pk is None:
            self.instance.council = council
        is_board = permissions.is_board_of(user, council.pk)
        allowed = permissions.campaign_levels_for(user, council.pk)
        if self.instance.pk:
            allowed.add(self.instance.level)
        self.fields["level"].choices = [
            (v, label) for v, label in Campaign.Level.choices if v in allowed
        ]
        bloc_years = BlocYear.objects.filter(bloc__council=council).select_related(
            "bloc"
        )
        if not is_board:
            bloc_years = bloc_years.filter(pk__in=permissions.chair_bloc_year_ids(user))
        self.fields["bloc_year"].queryset = bloc_years.order_by(
            "-year", "bloc__sort_key"
        )
        self.fields["bloc_year"].label_from_instance = lambda by: (
            f"{by.bloc.name} – {by.year}"
        )
        units = Unit.objects.filter(council=council)
        if not is_board:
            units = units.filter(pk=user.unit_id)
        self.fields["unit"].queryset = units.order_by("sort_key")
        self.fields["legal_bases"].queryset = selectors.legal_bases_for_council(
            council_id=council.pk
        )
        self.fields["legal_bases"].label_from_instance = lambda b: b.citation
        for name in ("starts_on", "ends_on"):
            self.fields[name].error_messages["required"] = _("Hãy nhập ngày.")
        self.fields["title"].error_messages["required"] = _("Hãy nhập tên phong trào.")
        vietnamese_dates(self)
        self.helper = helper(
            columns(level=4, bloc_year=4, unit=4),
            "title",
            "theme",
            columns(kind=4, occasion=8),
            columns(launched_on=4, starts_on=4, ends_on=4),
            "description",
            Div(Field("legal_bases"), css_class="td-checklist"),
        )

    def clean(self):
        data = super().clean()
        level = data.get("level")
        bloc_year = data.get("bloc_year") if level == Campaign.Level.BLOC else None
        unit = data.get("unit") if level == Campaign.Level.UNIT else None
        data["bloc_year"], data["unit"] = bloc_year, unit
        if level == Campaign.Level.BLOC and bloc_year is None:
            self.add_error("bloc_year", _("Hãy chọn khối và năm thi đua phát động."))
        elif level == Campaign.Level.UNIT and unit is None:
            self.add_error("unit", _("Hãy chọn đơn vị phát động."))
        elif level and not permissions.can_launch_campaign(
            self.user,
            council_id=self.council.pk,
            level=level,
            bloc_year=bloc_year,
            unit=unit,
        ):
            self.add_error("level", _("Bạn không được phát động phong trào ở cấp này."))
        return data
