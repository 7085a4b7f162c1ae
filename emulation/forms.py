"""The login forms (the application's and the admin's): they say when a locked login may retry."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from emulation import lockout


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
