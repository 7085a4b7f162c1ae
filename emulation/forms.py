"""Form pieces every app uses (dd/mm/yyyy dates with Vietnamese errors, the year field,
the one crispy-forms helper builder with its rows and buttons), the kernel's own section
of the council settings page, and the login forms, which say when a locked login may
retry."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from emulation import lockout
from emulation.models import YEAR_MAX, YEAR_MIN, Council

DATE_INVALID = _(
    "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 25/03/2026."
)


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, whatever the browser's locale (a native date picker would
    show mm/dd/yyyy in an English browser); the vi format module also accepts yyyy-mm-dd."""

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


# Every date a user types lies in this range (a year such as 0001 is a typing slip).
DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)


def date_bounds() -> list:
    """Validators keeping a typed date between DATE_MIN and DATE_MAX, in Vietnamese."""
    return [
        MinValueValidator(
            DATE_MIN,
            message=_("Ngày phải từ %(date)s trở về sau.") % {"date": "01/01/1900"},
        ),
        MaxValueValidator(
            DATE_MAX,
            message=_("Ngày không được sau %(date)s.") % {"date": "31/12/2100"},
        ),
    ]


def vietnamese_dates(form: forms.BaseForm) -> None:
    """Every date field of the form says in Vietnamese how to type a date."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = DATE_INVALID


class YearField(forms.IntegerField):
    """An emulation year within the one range the application accepts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(**kwargs)


# --- Crispy-forms layouts -----------------------------------------------------------


def form_helper(
    *layout,
    tag: bool = True,
    buttons: Sequence = (),
    form_id: str | None = None,
    cancel_url: str | None = None,
    buttons_class: str = "mt-3",
) -> FormHelper:
    """The layout, then the buttons (and a cancel link).

    With `tag`, a POST form with its own <form> tag, the browser's own checks off: the
    messages are ours, in Vietnamese, not the browser's (which follow its language).
    Without, no <form> tag and no CSRF field: the template writes both (a section of a
    larger form, or a form with its own buttons). No layout at all: every field."""
    helper = FormHelper()
    if tag:
        helper.form_method = "post"
        helper.attrs = {"novalidate": ""}
    else:
        helper.form_tag = False
        helper.disable_csrf = True
    if form_id:
        helper.form_id = form_id
    buttons = list(buttons)
    if cancel_url:
        link = '<a href="{}" class="btn btn-outline-secondary ms-2">{}</a>'
        buttons.append(HTML(format_html(link, cancel_url, gettext("Hủy"))))
    if layout or buttons:
        helper.layout = Layout(*layout)
    if buttons:
        helper.layout.append(Div(*buttons, css_class=buttons_class))
    return helper


def columns(**widths: int | str) -> Row:
    """A row of fields side by side: `columns(kind=4, title=8)` puts each field in a
    `col-md-<n>` column; a string is the column's own classes."""
    return Row(
        *(
            Column(
                name, css_class=f"col-md-{width}" if isinstance(width, int) else width
            )
            for name, width in widths.items()
        )
    )


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


def settings_section(title, *layout) -> FormHelper:
    """A section of the council settings page (which holds the <form> and the button):
    the fields under their title."""
    return form_helper(Fieldset(title, *layout), tag=False)


class CouncilDocumentsForm(forms.ModelForm):
    """The kernel's section of the council settings: the names printed on documents."""

    class Meta:
        model = Council
        fields = ["place_name", "parent_body", "board_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = settings_section(
            _("Thông tin ghi trên văn bản"),
            columns(place_name=4, parent_body=8),
            "board_name",
        )


class LockoutMessageMixin:
    """While django-axes locks the login, say so (and when to retry), not "wrong password"."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            credentials = {"username": self.cleaned_data.get("username")}
            until = lockout.retry_at(self.request, credentials)
            return forms.ValidationError(
                lockout.lockout_message(until), code="locked_out"
            )
        return super().get_invalid_login_error()


class LoginForm(LockoutMessageMixin, AuthenticationForm):
    pass


class AdminLoginForm(LockoutMessageMixin, AdminAuthenticationForm):
    pass
