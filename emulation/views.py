from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from emulation.forms import LoginForm
from emulation.models import YEAR_MAX, YEAR_MIN
from emulation.selectors import SESSION_YEAR_KEY


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm


@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's switcher (the language cookie); a logged-in user's choice is also kept on
    the account, so it follows them to other browsers (emulation.middleware)."""
    response = i18n.set_language(request)
    language = request.POST.get("language") if request.method == "POST" else None
    user = request.user
    if (
        language in dict(settings.LANGUAGES)
        and user.is_authenticated
        and user.language != language
    ):
        user.language = language
        user.save(update_fields=["language"])
    return response


@require_POST
def year_select(request: HttpRequest) -> HttpResponse:
    """Remember the emulation year the user looks at."""
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    if YEAR_MIN <= year <= YEAR_MAX:
        request.session[SESSION_YEAR_KEY] = year
    else:
        messages.error(request, _("Năm không hợp lệ."))
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        target = "/"
    return HttpResponseRedirect(target)


@login_not_required
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (expired page, cookies off): the Vietnamese 403 page with what to do."""
    return render(request, "403.html", {"csrf_failure": True}, status=403)
