"""Forms of the blocs pages, one module per workflow: `reference`, `elections`,
`year_open`, `restructuring` and `imports`. They check what was typed (in Vietnamese);
the services check the rules and save. Field names and ids are stable (Django's
`id_<name>`, the buttons' `css_id`), so browser tests can drive them.

This module is the one crispy-forms helper builder of the blocs forms."""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout
from django.utils.html import format_html
from django.utils.translation import gettext as _


def form_helper(
    *layout,
    buttons: Sequence = (),
    form_id: str | None = None,
    cancel_url: str | None = None,
    buttons_class: str = "mt-3",
) -> FormHelper:
    """A POST form with its own <form> tag: the layout, then the buttons (and a cancel
    link). The browser's own checks are off: the messages are ours, in Vietnamese, not
    the browser's (which follow the browser's language)."""
    helper = FormHelper()
    helper.form_method = "post"
    helper.attrs = {"novalidate": ""}
    if form_id:
        helper.form_id = form_id
    helper.layout = Layout(*layout)
    buttons = list(buttons)
    if cancel_url:
        buttons.append(
            HTML(
                format_html(
                    '<a href="{}" class="btn btn-outline-secondary ms-2">{}</a>',
                    cancel_url,
                    _("Hủy"),
                )
            )
        )
    if buttons:
        helper.layout.append(Div(*buttons, css_class=buttons_class))
    return helper


def icon_button(
    label,
    *,
    css_id: str,
    icon: str,
    css_class: str = "btn btn-td",
    name: str | None = None,
    value: str | None = None,
) -> StrictButton:
    """A submit button with a Bootstrap icon and a stable id."""
    content = format_html('<i class="bi {}"></i> {}', icon, label)
    kwargs = {"type": "submit", "css_class": css_class, "css_id": css_id}
    if name:
        kwargs.update(name=name, value=value)
    return StrictButton(content, **kwargs)
