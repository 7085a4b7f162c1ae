"""The page of opening a new year: the preview (GET) and its commit (POST)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from blocs import permissions, selectors, services
from blocs.forms.year_open import YearOpenForm
from blocs.models import Bloc, BlocYear
from blocs.views import year_param
from emulation.formviews import Info, bind, form_view


def _opened(plan, bloc_year: BlocYear, bloc: Bloc) -> str:
    """Info, not success, when the year was already open as the preview showed."""
    names = {"year": bloc_year.year, "bloc": bloc.name}
    if plan is not None and plan.changes_nothing:
        return Info(
            _(
                "Năm thi đua %(year)s của %(bloc)s đã được mở trước đó; không có thay "
                "đổi."
            )
            % names
        )
    return _(
        "Đã mở năm thi đua %(year)s của %(bloc)s với %(count)s đơn vị thành viên."
    ) % {**names, "count": bloc_year.memberships.count()}


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
    return form_view(
        request,
        form,
        template="blocs/workflow/year_open.html",
        run=lambda: services.year_open(
            bloc=bloc, from_year=from_year, opened_by=request.user
        ),
        success_message=lambda bloc_year: _opened(page["plan"], bloc_year, bloc),
        context=page,
    )
