from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from emulation import permissions, selectors
from emulation.forms import LoginForm
from emulation.selectors import SESSION_YEAR_KEY, selected_year


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


def dashboard(request: HttpRequest) -> HttpResponse:
    """Tổng quan: what each role should look at first.

    Board staff and viewers see their council's blocs of the selected year (board staff
    also get "Việc cần làm"); a unit secretary sees their unit and its bloc.
    """
    user = request.user
    year = selected_year(request)
    context: dict = {"year": year}
    if user.council_id and (user.role in ("board", "viewer") or user.is_superuser):
        council = user.council  # cached on the user: the header shows it too
        context.update(
            selectors.board_dashboard(
                council=council,
                year=year,
                with_todo=permissions.is_board_of(user, council.pk),
            )
        )
    if user.unit_id:
        context.update(selectors.unit_dashboard(unit=user.unit, year=year))
        if context.get("bloc_year") is not None:
            context["is_chair"] = permissions.is_chair_of(user, context["bloc_year"])
            if context["is_chair"]:
                context["chair_todo"] = selectors.chair_todo(
                    bloc_year=context["bloc_year"], today=timezone.localdate()
                )
    return render(request, "emulation/dashboard.html", context)


@require_POST
def year_select(request: HttpRequest) -> HttpResponse:
    """Remember the emulation year the user looks at."""
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    if 2000 <= year <= 2100:
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
