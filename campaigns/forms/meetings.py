"""The meeting form (hội nghị): host and attendees are the bloc-year's members."""

from __future__ import annotations

from crispy_forms.layout import Div, Field
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from campaigns.forms.layout import helper
from campaigns.models import Meeting
from emulation.forms import DateInput, columns, vietnamese_dates
from emulation.models import Unit


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "held_on",
            "place",
            "host_unit",
            "units_present",
            "guests",
            "summary",
        ]
        widgets = {
            "held_on": DateInput(),
            "units_present": forms.CheckboxSelectMultiple,
            "guests": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, bloc_year: BlocYear, **kwargs):
        super().__init__(*args, **kwargs)
        member_units = Unit.objects.filter(memberships__bloc_year=bloc_year).order_by(
            "sort_key"
        )
        self.fields["host_unit"].queryset = member_units
        self.fields["units_present"].queryset = member_units
        self.fields["held_on"].error_messages["required"] = _("Hãy nhập ngày họp.")
        vietnamese_dates(self)
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("units_present", list(member_units))
        self.helper = helper(
            columns(kind=6, held_on=3, host_unit=3),
            "place",
            Div(Field("units_present"), css_class="td-checklist"),
            "guests",
            "summary",
        )
