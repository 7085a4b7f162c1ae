"""The form of opening a new year: the year whose members are carried over."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.forms import YearField

_INVALID = _("Năm thi đua không hợp lệ.")


class YearOpenForm(forms.Form):
    """The confirm button of the preview posts the year it was made from."""

    from_year = YearField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _INVALID,
            "invalid": _INVALID,
            "min_value": _INVALID,
            "max_value": _INVALID,
        },
    )
