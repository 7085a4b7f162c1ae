"""Accounts: the board's list of its council's users (unlock, set a password) and the
password reset by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation import accounts, lockout, permissions
from emulation.models import PasswordEvent


def _manageable_or_404(request: HttpRequest, pk: int):
    return permissions.get_or_404(
        accounts.manageable_users(request.user).select_related("unit"), pk=pk
    )


def user_list(request: HttpRequest) -> HttpResponse:
    """Tài khoản người dùng: board staff see their council's users and help them log in."""
    user = request.user
    if not (user.is_superuser or permissions.is_board_of(user, user.council_id)):
        raise PermissionDenied
    users = list(accounts.manageable_users(user).select_related("unit", "council"))
    locked = lockout.locked_until(u.username for u in users)
    for u in users:
        u.locked_until = locked.get(u.username)
    events = PasswordEvent.objects.filter(
        user__in=accounts.manageable_users(user)
    ).select_related("user", "by")[:20]
    return render(
        request,
        "emulation/user_list.html",
        {
            "users": users,
            "events": events,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    target = _manageable_or_404(request, pk)
    if accounts.unlock(target, by=request.user):
        messages.success(
            request,
            _("Đã mở khóa đăng nhập cho %(user)s.") % {"user": target.display_name},
        )
    else:
        messages.info(
            request,
            _("Tài khoản %(user)s không bị khóa.") % {"user": target.display_name},
        )
    return redirect("user-list")


def user_set_password(request: HttpRequest, pk: int) -> HttpResponse:
    target = _manageable_or_404(request, pk)
    form = SetPasswordForm(target, request.POST or None)
    if request.method == "POST" and form.is_valid():
        accounts.set_password_by_board(
            target, form.cleaned_data["new_password1"], by=request.user
        )
        messages.success(
            request,
            _(
                "Đã đặt mật khẩu mới cho %(user)s. Hãy báo mật khẩu cho người dùng "
                "qua kênh an toàn và đề nghị họ đổi mật khẩu sau khi đăng nhập."
            )
            % {"user": target.display_name},
        )
        return redirect("user-list")
    return render(
        request, "emulation/user_set_password.html", {"form": form, "target": target}
    )


# --- Password change and reset by e-mail (Django's views, Vietnamese templates) -------


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        return {"valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        accounts.record_reset(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
