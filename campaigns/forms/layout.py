"""The crispy-forms layout every campaigns form uses: no <form> tag and no CSRF field
(the templates write both); the kernel's helper builder (emulation.forms.form_helper)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper

from emulation.forms import form_helper


def helper(*fields_or_rows) -> FormHelper:
    return form_helper(*fields_or_rows, tag=False)
