"""The covenant's forms while it is drafted: its text and one commitment."""

from __future__ import annotations

from crispy_forms.layout import Div, Field
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns import selectors
from campaigns.forms.layout import helper
from campaigns.models import Covenant


class CovenantForm(forms.ModelForm):
    class Meta:
        model = Covenant
        fields = ["title", "legal_bases", "preamble", "annex", "signing_place"]
        widgets = {
            "legal_bases": forms.CheckboxSelectMultiple,
            "preamble": forms.Textarea(attrs={"rows": 4}),
            "annex": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_bases"].queryset = selectors.legal_bases_for_council(
            council_id=council_id
        )
        self.fields["legal_bases"].label_from_instance = lambda b: (
            b.citation
            + (
                ""
                if b.effective_to is None
                else f" (hết hiệu lực {b.effective_to:%d/%m/%Y})"
            )
        )
        self.fields["title"].error_messages["required"] = _(
            "Hãy nhập tiêu đề giao ước."
        )
        self.helper = helper(
            "title",
            "signing_place",
            Div(Field("legal_bases"), css_class="td-checklist"),
            "preamble",
            "annex",
        )


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung giao ước"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Hãy nhập nội dung giao ước.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper("text")
