from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.selectors import SESSION_YEAR_KEY, selected_year


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def dashboard(request: HttpRequest) -> HttpResponse:
    """Tổng quan: what each role should look at first."""
    from blocs import selectors as bloc_selectors

    user = request.user
    year = selected_year(request)
    context: dict = {"year": year}
    if user.council_id and (user.role in ("board", "viewer") or user.is_superuser):
        context["bloc_years"] = list(
            bloc_selectors.bloc_years_for_council(council_id=user.council_id, year=year)
        )
        context["counts"] = bloc_selectors.council_unit_counts(council_id=user.council_id, year=year)
    if user.unit_id:
        context["unit"] = user.unit
        context["unit_memberships"] = list(bloc_selectors.unit_memberships(unit=user.unit)[:3])
        context["current_membership"] = next((m for m in context["unit_memberships"] if m.year == year), None)
        if context["current_membership"]:
            by = context["current_membership"].bloc_year
            context["bloc_year"] = by
            context["bloc_members"] = list(by.memberships.select_related("unit").order_by("unit__sort_key"))
            from emulation.permissions import is_chair_of

            context["is_chair"] = is_chair_of(user, by)
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
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
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
