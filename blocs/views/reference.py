"""Pages of the reference data: the council's blocs and units (lists and detail pages),
and the board's and chair's forms for units, blocs, bloc-years, members, the rotation
order, and a year's theme and meeting dates."""

from __future__ import annotations

import copy
from functools import partial

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from blocs import permissions, selectors, services
from blocs.filters import BlocYearFilter, UnitFilter
from blocs.forms.reference import (
    BlocForm,
    BlocYearCreateForm,
    BlocYearScheduleForm,
    MemberAddForm,
    RotationForm,
    UnitForm,
)
from blocs.models import Membership
from blocs.views import year_param
from emulation.formviews import bind, button, form_view
from emulation.selectors import selected_year

PAGE_SIZE = 25
FORM_PAGE = "blocs/form.html"
BLOCYEAR_CREATE_INTRO = gettext_lazy(
    "Tạo một năm thi đua trống rồi thêm đơn vị thành viên. Để chuyển tiếp thành viên "
    "và khối trưởng từ năm trước, hãy dùng chức năng “Mở năm thi đua mới”."
)
SCHEDULE_INTRO = gettext_lazy(
    "Công cụ khối trưởng: chủ đề thi đua của năm, ngày hội nghị phát động và ký kết "
    "giao ước, sơ kết 6 tháng, tổng kết, và ngày bàn giao cờ luân lưu."
)


def _year(request: HttpRequest) -> int:
    """`?year=` when it is a year the application accepts, else the header's year."""
    return year_param(request, "year", None) or selected_year(request)


def _paginate(request: HttpRequest, queryset: QuerySet) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- Blocs and units of the council --------------------------------------------------


def bloc_list(request: HttpRequest) -> HttpResponse:
    """The council's blocs and clusters in one year, with members, chair and theme."""
    council_id = permissions.get_council_id_or_deny(request.user)
    year = _year(request)
    filterset = BlocYearFilter(
        request.GET or None,
        queryset=selectors.bloc_years_for_council(council_id=council_id, year=year),
    )
    can_manage = permissions.is_board_of(request.user, council_id)
    without_year = (
        selectors.blocs_without_year(council_id=council_id, year=year)
        if can_manage
        else []
    )
    context = {
        "year": year,
        "filter": filterset,
        "page_obj": _paginate(request, filterset.qs),
        "can_manage": can_manage,
        "blocs_without_year": list(without_year),
    }
    return render(request, "blocs/bloc_list.html", context)


def bloc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A bloc: its year for the selected year (or its latest), else the bloc itself."""
    bloc = permissions.get_bloc_or_deny(request.user, pk)
    year = _year(request)
    years = selectors.bloc_year_index(bloc=bloc)
    target = next((by for by in years if by.year == year), None) or (
        years[0] if years else None
    )
    if target is not None:
        return redirect("blocyear-detail", target.pk)
    context = {
        "bloc": bloc,
        "rotation": list(selectors.rotation_of_bloc(bloc=bloc)),
        "can_manage": permissions.is_board_of(request.user, bloc.council_id),
        "year": year,
    }
    return render(request, "blocs/bloc_detail.html", context)


def unit_list(request: HttpRequest) -> HttpResponse:
    """The council's units: search, filter by kind and status, their bloc this year."""
    council_id = permissions.get_council_id_or_deny(request.user)
    year = _year(request)
    filterset = UnitFilter(
        request.GET or None,
        queryset=selectors.units_for_council(council_id=council_id, year=year),
    )
    context = {
        "year": year,
        "filter": filterset,
        "page_obj": _paginate(request, filterset.qs),
        "can_manage": permissions.is_board_of(request.user, council_id),
    }
    return render(request, "blocs/unit_list.html", context)


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit: contact, blocs and roles by year, restructuring links and its
    predecessors' history."""
    unit = permissions.get_unit_or_deny(request.user, pk)
    lineage = selectors.lineage_with_history(unit)
    memberships = list(selectors.unit_memberships(unit=unit))
    context = {
        "unit": unit,
        "memberships": memberships,
        "chair_years": [m.year for m in memberships if m.role == Membership.Role.CHAIR],
        "lineage": lineage,
        "predecessors": [entry for entry in lineage if entry.depth == 1],
        "successions_out": list(selectors.unit_successions_out(unit=unit)),
        "can_manage": permissions.is_board_of(request.user, unit.council_id),
    }
    return render(request, "blocs/unit_detail.html", context)


# --- Units: create and edit -------------------------------------------------------------

# The list of a named row (a unit, a bloc): its name in the crumbs and its page.
UNITS = gettext_lazy("Đơn vị"), "blocs:unit-list"
BLOCS = gettext_lazy("Khối thi đua"), "blocs:bloc-list"


def _named_create(
    request: HttpRequest, form_class, run, listing, title, intro, added, **page
) -> HttpResponse:
    """The generic form page adding a unit or a bloc to the board's council:
    `run(council=…, **data)` saves it; `added` says so with its %(name)s."""
    council = permissions.get_board_council_or_deny(request.user)
    label, list_url = listing
    cancel_url = reverse(list_url)
    form = bind(request, form_class, council=council, cancel_url=cancel_url)
    return form_view(
        request,
        form,
        template=FORM_PAGE,
        run=lambda: run(council=council, **form.cleaned_data),
        success_message=lambda row: added % {"name": row.name},
        context={"title": title, "crumbs": [(label, cancel_url)], "intro": intro},
        **page,
    )


def _named_update(
    request: HttpRequest, row, form_class, run, listing, title, saved
) -> HttpResponse:
    """The generic form page editing a unit or a bloc: `run(**data)` saves it."""
    back, (label, list_url) = row.get_absolute_url(), listing
    form = bind(request, form_class, instance=copy.copy(row), cancel_url=back)
    return form_view(
        request,
        form,
        template=FORM_PAGE,
        run=lambda: run(**form.cleaned_data),
        success_message=saved,
        context={
            "title": title,
            "subtitle": row.name,
            "crumbs": [(label, reverse(list_url)), (row.name, back)],
        },
    )


@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    intro = _(
        "Cơ quan, đơn vị thuộc hội đồng; sau khi thêm, đơn vị có thể được xếp "
        "vào một khối, cụm."
    )
    texts = _("Thêm đơn vị"), intro, _("Đã thêm đơn vị %(name)s.")
    return _named_create(request, UnitForm, services.unit_create, UNITS, *texts)


@require_http_methods(["GET", "POST"])
def unit_update(request: HttpRequest, pk: int) -> HttpResponse:
    unit = permissions.get_unit_or_deny(request.user, pk, manage=True)
    texts = _("Sửa thông tin đơn vị"), _("Đã lưu thông tin đơn vị.")
    run = partial(services.unit_update, unit=unit)
    return _named_update(request, unit, UnitForm, run, UNITS, *texts)


# --- Blocs: create, edit, rotation, years ---------------------------------------------


@require_http_methods(["GET", "POST"])
def bloc_create(request: HttpRequest) -> HttpResponse:
    """A new bloc, then its first year (the next page)."""
    intro = _(
        "Khối thi đua gồm các cơ quan, đơn vị tương đồng về chức năng, nhiệm vụ; "
        "cụm thi đua gồm các đơn vị theo địa bàn."
    )
    added = _("Đã thêm %(name)s. Hãy tạo năm thi đua và thêm đơn vị thành viên.")
    texts = _("Thêm khối, cụm thi đua"), intro, added
    return _named_create(
        request,
        BlocForm,
        services.bloc_create,
        BLOCS,
        *texts,
        success_url=lambda bloc: reverse("blocs:blocyear-create", args=[bloc.pk]),
    )


@require_http_methods(["GET", "POST"])
def bloc_update(request: HttpRequest, pk: int) -> HttpResponse:
    bloc = permissions.get_bloc_or_deny(request.user, pk, manage=True)
    texts = _("Sửa thông tin khối, cụm"), _("Đã lưu thông tin khối, cụm.")
    run = partial(services.bloc_update, bloc=bloc)
    return _named_update(request, bloc, BlocForm, run, BLOCS, *texts)


@require_http_methods(["GET", "POST"])
def blocyear_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The board adds an (empty) emulation year to a bloc: year and theme."""
    bloc = permissions.get_bloc_or_deny(request.user, pk, manage=True)
    back = bloc.get_absolute_url()
    initial = {"year": selected_year(request)}
    form = bind(
        request, BlocYearCreateForm, initial=initial, bloc=bloc, cancel_url=back
    )
    return form_view(
        request,
        form,
        template=FORM_PAGE,
        run=lambda: services.bloc_year_create(bloc=bloc, **form.cleaned_data),
        success_url=lambda by: reverse("blocs:blocyear-members", args=[by.pk]),
        success_message=lambda by: (
            _("Đã tạo năm thi đua %(year)s. Hãy thêm đơn vị thành viên.")
            % {"year": by.year}
        ),
        context={
            "title": _("Tạo năm thi đua"),
            "subtitle": bloc.name,
            "crumbs": [
                (_("Khối thi đua"), reverse("blocs:bloc-list")),
                (bloc.name, back),
            ],
            "intro": BLOCYEAR_CREATE_INTRO,
        },
    )


@require_http_methods(["GET", "POST"])
def bloc_rotation(request: HttpRequest, pk: int) -> HttpResponse:
    """The board edits the rotation order: a position number per unit, blank = not in
    rotation."""
    bloc = permissions.get_bloc_or_deny(request.user, pk, manage=True)
    page = selectors.rotation_page(bloc=bloc)
    form = bind(request, RotationForm, slots=page["slots"])
    return form_view(
        request,
        form,
        template="blocs/bloc_rotation.html",
        run=lambda: services.rotation_set(bloc=bloc, units=form.ordered_units()),
        success_url=bloc.get_absolute_url(),
        success_message=_("Đã lưu thứ tự luân phiên."),
        context={"bloc": bloc, "latest": page["latest"]},
    )


# --- Bloc-year: members, theme and meeting dates -------------------------------------


@require_http_methods(["GET", "POST"])
def blocyear_members(request: HttpRequest, pk: int) -> HttpResponse:
    """The board manages a bloc-year's members: list, add (POST here), remove (its own
    URL)."""
    bloc_year = permissions.get_bloc_year_or_deny(request.user, pk, manage=True)
    units = selectors.addable_units(bloc_year=bloc_year)
    form = bind(request, MemberAddForm, bloc_year=bloc_year, units=units)
    return form_view(
        request,
        form,
        template="blocs/blocyear_members.html",
        run=lambda: services.bloc_year_member_add(
            bloc_year=bloc_year, **form.cleaned_data
        ),
        success_url=reverse("blocs:blocyear-members", args=[bloc_year.pk]),
        success_message=lambda membership: (
            _("Đã thêm %(unit)s vào khối.") % {"unit": membership.unit.name}
        ),
        context={
            "bloc": bloc_year.bloc,
            "bloc_year": bloc_year,
            "members": list(selectors.bloc_year_members(bloc_year=bloc_year)),
        },
    )


@require_POST
def blocyear_member_remove(
    request: HttpRequest, pk: int, membership_pk: int
) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, pk, manage=True)
    membership = permissions.get_or_404(
        Membership.objects.filter(bloc_year=bloc_year).select_related("unit"),
        pk=membership_pk,
    )
    return button(
        request,
        lambda: services.bloc_year_member_remove(membership=membership),
        success_message=_("Đã bỏ %(unit)s khỏi khối.") % {"unit": membership.unit.name},
        to=reverse("blocs:blocyear-members", args=[bloc_year.pk]),
    )


@require_http_methods(["GET", "POST"])
def blocyear_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's tools (and the board's): the year's theme and meeting dates."""
    bloc_year = permissions.get_bloc_year_or_deny(request.user, pk, run=True)
    back, bloc = bloc_year.get_absolute_url(), bloc_year.bloc
    form = bind(
        request, BlocYearScheduleForm, instance=copy.copy(bloc_year), cancel_url=back
    )
    return form_view(
        request,
        form,
        template=FORM_PAGE,
        run=lambda: services.bloc_year_update(bloc_year=bloc_year, **form.cleaned_data),
        success_url=back,
        success_message=_("Đã lưu chủ đề và lịch hội nghị của năm thi đua."),
        context={
            "title": _("Chủ đề và lịch hội nghị năm %(year)s")
            % {"year": bloc_year.year},
            "subtitle": bloc.name,
            "crumbs": [
                (_("Khối thi đua"), reverse("blocs:bloc-list")),
                (f"{bloc.name} · {bloc_year.year}", back),
            ],
            "intro": SCHEDULE_INTRO,
        },
    )
