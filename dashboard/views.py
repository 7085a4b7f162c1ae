"""Pages that show every app at once: the home dashboard, the bloc-year page with its
steps of the year, and the council settings assembled from each app's section.

Each view fetches through the apps' permission modules (missing → 404, not allowed →
403) and reads through their selectors; writes go through their services.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from blocs import permissions as bloc_permissions
from blocs import selectors as bloc_selectors
from blocs import services as bloc_services
from blocs.forms.elections import BlocRulesForm
from dashboard import selectors
from emulation import permissions
from emulation import services as kernel_services
from emulation.forms import CouncilDocumentsForm
from emulation.formviews import bind, form_view
from emulation.models import User
from emulation.selectors import selected_year


def dashboard(request: HttpRequest) -> HttpResponse:
    """Tổng quan: what each role should look at first.

    Board staff and viewers see their council's blocs of the selected year (board staff
    also get "Việc cần làm"); a unit secretary sees their unit and its bloc.
    """
    user = request.user
    year = selected_year(request)
    context: dict = {"year": year}
    readers = (User.Role.BOARD, User.Role.VIEWER)
    if user.council_id and (user.role in readers or user.is_superuser):
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
        bloc_year = context.get("bloc_year")
        if bloc_year is not None:
            context["is_chair"] = bloc_permissions.is_chair_of(user, bloc_year)
            if context["is_chair"]:
                context["chair_todo"] = selectors.chair_todo(
                    bloc_year=bloc_year, today=timezone.localdate()
                )
    return render(request, "dashboard/dashboard.html", context)


def blocyear_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One bloc in one year: members, chair and vice-chairs, history, rotation, the
    steps of the year (every app's part) and the tools the user may use."""
    user = request.user
    bloc_year = bloc_permissions.get_bloc_year_or_deny(user, pk)
    context = bloc_selectors.bloc_year_page(bloc_year=bloc_year)
    context.update(
        can_manage=permissions.is_board_of(user, bloc_year.bloc.council_id),
        can_run=bloc_permissions.can_run_bloc_year(user, bloc_year),
        is_chair=bloc_permissions.is_chair_of(user, bloc_year),
    )
    return render(request, "dashboard/blocyear_detail.html", context)


@require_http_methods(["GET", "POST"])
def council_settings(request: HttpRequest) -> HttpResponse:
    """Cấu hình của hội đồng (board only): one section per app — the names on documents
    (kernel), the rules for chairs and vice-chairs (blocs), and later apps' rules."""
    council = permissions.get_council_or_deny(
        request.user, request.user.council_id, manage=True
    )
    documents = bind(request, CouncilDocumentsForm, instance=council)
    rules = bind(request, BlocRulesForm, instance=bloc_selectors.bloc_rules(council))

    def run():
        kernel_services.council_update_documents(
            council=council, data=documents.cleaned_data
        )
        bloc_services.bloc_rules_update(council=council, data=rules.cleaned_data)

    return form_view(
        request,
        [documents, rules],
        template="dashboard/council_settings.html",
        run=run,
        success_url="council-settings",
        success_message=_("Đã lưu cấu hình của %(council)s.") % {"council": council},
        context={"council": council, "sections": [documents, rules]},
    )
