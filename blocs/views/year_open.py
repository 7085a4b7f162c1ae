"""The page of opening a new year: the preview (GET) and its commit (POST)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from blocs import permissions, selectors, services
from blocs.forms.year_open import YearOpenForm
from blocs.models import Bloc, BlocYear
from blocs.views import year_param
from emulation.formviews import add_service_errors, bind, status_of


def _say_opened(request: HttpRequest, plan, bloc_year: BlocYear, bloc: Bloc) -> None:
    names = {"year": bloc_year.year, "bloc": bloc.name}
    if plan is not None and plan.changes_nothing:
        messages.info(
            request,
            _(
                "Năm thi đua %(year)s của %(bloc)s đã được mở trước đó; không có thay "
                "đổi."
            )
            % names,
        )
    else:
        messages.success(
            request,
            _(
                "Đã mở năm thi đua %(year)s của %(bloc)s với %(count)s đơn vị thành "
                "viên."
            )
            % {**names, "count": bloc_year.memberships.count()},
        )


@require_http_methods(["GET", "POST"])
def year_open(request: HttpRequest, bloc_pk: int) -> HttpResponse:
    """Mở năm thi đua mới: GET shows the preview of `?nam=` (default: the latest year),
    POST commits it (board only)."""
    bloc = permissions.get_bloc_or_deny(request.user, bloc_pk, manage=True)
    form = bind(request, YearOpenForm)
    if form.is_bound:
        from_year = form.cleaned_data["from_year"] if form.is_valid() else None
    else:
        from_year = year_param(request, "nam", None)
    page = selectors.year_open_page(
        bloc=bloc, from_year=from_year, or_latest=not form.is_bound
    )
    if form.is_bound and form.is_valid():
        try:
            bloc_year = services.year_open(
                bloc=bloc, from_year=from_year, opened_by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # Info, not success, when the year was already open as the preview showed.
            _say_opened(request, page["plan"], bloc_year, bloc)
            return redirect(bloc_year)
    context = {"form": form, **page}
    return render(
        request,
        "blocs/workflow/year_open.html",
        context,
        status=status_of(request, form),
    )
