"""The crispy-forms layout every campaigns form uses: no <form> tag and no CSRF field
(the templates write both)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout


def helper(*fields_or_rows) -> FormHelper:
    form_helper = FormHelper()
    form_helper.form_tag = False
    form_helper.disable_csrf = True
    if fields_or_rows:
        form_helper.layout = Layout(*fields_or_rows)
    return form_helper
