"""The legal basis form (căn cứ): a dated text, cited by campaigns and covenants."""

from __future__ import annotations

from crispy_forms.layout import Column, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns import selectors
from campaigns.forms.layout import helper
from campaigns.models import LegalBasis
from emulation.forms import DateInput, vietnamese_dates


class LegalBasisForm(forms.ModelForm):
    class Meta:
        model = LegalBasis
        fields = [
            "kind",
            "number",
            "issued_on",
            "issuer",
            "title",
            "effective_from",
            "effective_to",
            "replaced_by",
        ]
        widgets = {
            "issued_on": DateInput(),
            "effective_from": DateInput(),
            "effective_to": DateInput(),
            "title": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "title": _("Ví dụ: Tiếp tục đổi mới công tác thi đua, khen thưởng")
        }

    def __init__(self, *args, council_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        others = selectors.legal_bases_for_council(council_id=council_id)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["replaced_by"].queryset = others
        self.fields["issued_on"].error_messages["required"] = _(
            "Hãy nhập ngày ban hành."
        )
        vietnamese_dates(self)
        self.helper = helper(
            Row(
                Column("kind", css_class="col-md-4"),
                Column("number", css_class="col-md-4"),
                Column("issued_on", css_class="col-md-4"),
            ),
            "issuer",
            "title",
            Row(
                Column("effective_from", css_class="col-md-4"),
                Column("effective_to", css_class="col-md-4"),
                Column("replaced_by", css_class="col-md-4"),
            ),
        )
