"""Form pieces every app uses (dd/mm/yyyy dates with Vietnamese errors, the year field),
the kernel's own section of the council settings page, and the login forms, which say
when a locked login may retry."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
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


class CouncilDocumentsForm(forms.ModelForm):
    """The kernel's section of the council settings: the names printed on documents."""

    class Meta:
        model = Council
        fields = ["place_name", "parent_body", "board_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                _("Thông tin ghi trên văn bản"),
                Row(
                    Column("place_name", css_class="col-md-4"),
                    Column("parent_body", css_class="col-md-8"),
                ),
                "board_name",
            )
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
