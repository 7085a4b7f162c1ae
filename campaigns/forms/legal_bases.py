"""The legal basis form (căn cứ): a dated text, cited by campaigns and covenants."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns import selectors
from campaigns.forms.layout import helper
from campaigns.models import LegalBasis
from emulation.forms import DateInput, columns, vietnamese_dates


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
            columns(kind=4, number=4, issued_on=4),
            "issuer",
            "title",
            columns(effective_from=4, effective_to=4, replaced_by=4),
        )
