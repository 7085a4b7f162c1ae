"""Placeholder views: the blocs pages are built in the "Blocs" issue."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from emulation import permissions
from emulation.selectors import selected_year


def bloc_list(request: HttpRequest) -> HttpResponse:
    return redirect("dashboard")


def bloc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from blocs.models import Bloc

    bloc = permissions.get_or_404(Bloc.objects.all(), pk=pk)
    permissions.deny_unless(permissions.in_council(request.user, bloc.council_id))
    by = bloc.years.filter(year=selected_year(request)).first() or bloc.years.first()
    if by is None:
        return redirect("dashboard")
    return redirect(by)


def blocyear_detail(request: HttpRequest, pk: int) -> HttpResponse:
    by = permissions.get_bloc_year_or_deny(request.user, pk)
    members = by.memberships.select_related("unit").order_by("unit__sort_key")
    return render(request, "blocs/blocyear_detail.html", {"bloc_year": by, "members": members})


def unit_list(request: HttpRequest) -> HttpResponse:
    return redirect("dashboard")


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = permissions.get_unit_or_deny(request.user, pk)
    return render(request, "blocs/unit_detail.html", {"unit": unit})
