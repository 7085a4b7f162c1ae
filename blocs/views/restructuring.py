"""Pages of restructuring (board only): merging units and renaming one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from blocs import permissions, services
from blocs.forms.restructuring import UnitMergeForm, UnitRenameForm
from blocs.naming import unit_names
from emulation.formviews import bind, form_view
from emulation.models import Unit


@require_http_methods(["GET", "POST"])
def unit_merge(request: HttpRequest) -> HttpResponse:
    """Sáp nhập, hợp nhất đơn vị: A + B → C (board only)."""
    council = permissions.get_board_council_or_deny(request.user)
    form = bind(
        request, UnitMergeForm, council=council, picked=request.GET.getlist("don_vi")
    )
    return form_view(
        request,
        form,
        template="blocs/workflow/unit_merge.html",
        run=lambda: services.units_merge(council=council, **form.cleaned_data),
        success_message=lambda successor: (
            _("Đã sáp nhập %(units)s thành %(unit)s từ ngày %(date)s.")
            % {
                "units": unit_names(form.cleaned_data["predecessors"]),
                "unit": successor.name,
                "date": form.cleaned_data["effective_on"].strftime("%d/%m/%Y"),
            }
        ),
        context={
            "council": council,
            "has_units": form.has_units(),
            "back_url": reverse("blocs:unit-list"),
        },
    )


@require_http_methods(["GET", "POST"])
def unit_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """Đổi tên đơn vị (board only)."""
    unit = permissions.get_unit_or_deny(request.user, pk, manage=True)
    form = bind(request, UnitRenameForm, unit=unit)
    return form_view(
        request,
        form,
        template="blocs/workflow/unit_rename.html",
        run=lambda: services.unit_rename(unit=unit, **form.cleaned_data),
        success_message=lambda renamed: (
            _("Đã đổi tên %(old)s thành %(new)s từ ngày %(date)s.")
            % {
                "old": unit.name,
                "new": renamed.name,
                "date": form.cleaned_data["effective_on"].strftime("%d/%m/%Y"),
            }
        ),
        context={
            "unit": unit,
            "is_active": unit.status == Unit.Status.ACTIVE,
            "back_url": unit.get_absolute_url(),
        },
    )
