"""Read pages of the blocs app and the board's and chair's forms.

Every view fetches through blocs.permissions (missing → 404, not allowed → 403),
binds a form, calls a service from blocs.services, and redirects (PRG).
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from blocs import permissions, selectors, services
from blocs.filters import BlocYearFilter, UnitFilter
from blocs.forms import (
    BlocForm,
    BlocYearCreateForm,
    BlocYearScheduleForm,
    MemberAddForm,
    RotationForm,
    UnitForm,
)
from blocs.models import BlocYear, Membership
from emulation.models import Council
from emulation.selectors import selected_year

PAGE_SIZE = 25


# --- Helpers -------------------------------------------------------------------------


def _council_id(request: HttpRequest) -> int:
    """The council whose lists the user reads: their own (an account without one has none)."""
    council_id = request.user.council_id
    if council_id is None:
        raise PermissionDenied
    return council_id


def _year(request: HttpRequest) -> int:
    """`?year=` when it is a sensible year, else the year chosen in the header."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return selected_year(request)
    return year if 2000 <= year <= 2100 else selected_year(request)


def _data(request: HttpRequest):
    """The POST data to bind a form to (even an empty POST is a submission), or None on GET."""
    return request.POST if request.method == "POST" else None


def _paginate(request: HttpRequest, queryset: QuerySet) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _add_service_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _form_page(
    request: HttpRequest, context: dict, *, status: int = 200
) -> HttpResponse:
    return render(request, "blocs/form.html", context, status=status)


# --- Blocs of the council ------------------------------------------------------------


def bloc_list(request: HttpRequest) -> HttpResponse:
    """The council's blocs and clusters in one year, with members, chair and theme."""
    council_id = _council_id(request)
    year = _year(request)
    filterset = BlocYearFilter(
        request.GET or None,
        queryset=selectors.bloc_years_for_council(council_id=council_id, year=year),
    )
    can_manage = permissions.is_board_of(request.user, council_id)
    context = {
        "year": year,
        "filter": filterset,
        "page_obj": _paginate(request, filterset.qs),
        "can_manage": can_manage,
        "blocs_without_year": list(
            selectors.blocs_without_year(council_id=council_id, year=year)
        )
        if can_manage
        else [],
    }
    return render(request, "blocs/bloc_list.html", context)


def bloc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A bloc: its year for the selected year (or its latest), else the bloc itself."""
    bloc = permissions.get_bloc_or_deny(request.user, pk)
    year = _year(request)
    years = list(bloc.years.order_by("-year").only("pk", "year"))
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
    council_id = _council_id(request)
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
    """A unit: contact, blocs and roles by year, restructuring links and its predecessors' history."""
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


@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    council_id = _council_id(request)
    permissions.deny_unless(permissions.is_board_of(request.user, council_id))
    council = Council.objects.get(pk=council_id)
    cancel_url = reverse("blocs:unit-list")
    form = UnitForm(_data(request), council=council, cancel_url=cancel_url)
    if request.method == "POST":
        if form.is_valid():
            try:
                unit = services.unit_create(council=council, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Đã thêm đơn vị %(name)s.") % {"name": unit.name}
                )
                return redirect(unit)
    context = {
        "form": form,
        "title": _("Thêm đơn vị"),
        "crumbs": [(_("Đơn vị"), cancel_url)],
        "intro": _(
            "Cơ quan, đơn vị thuộc hội đồng; sau khi thêm, đơn vị có thể được xếp vào một khối, cụm."
        ),
    }
    return _form_page(request, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def unit_update(request: HttpRequest, pk: int) -> HttpResponse:
    unit = permissions.get_unit_or_deny(request.user, pk, manage=True)
    form = UnitForm(
        _data(request), instance=copy.copy(unit), cancel_url=unit.get_absolute_url()
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                unit = services.unit_update(unit=unit, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu thông tin đơn vị."))
                return redirect(unit)
    context = {
        "form": form,
        "title": _("Sửa thông tin đơn vị"),
        "subtitle": unit.name,
        "crumbs": [
            (_("Đơn vị"), reverse("blocs:unit-list")),
            (unit.name, unit.get_absolute_url()),
        ],
    }
    return _form_page(request, context, status=400 if form.errors else 200)


# --- Blocs: create, edit, rotation, years ---------------------------------------------


@require_http_methods(["GET", "POST"])
def bloc_create(request: HttpRequest) -> HttpResponse:
    council_id = _council_id(request)
    permissions.deny_unless(permissions.is_board_of(request.user, council_id))
    council = Council.objects.get(pk=council_id)
    cancel_url = reverse("blocs:bloc-list")
    form = BlocForm(_data(request), council=council, cancel_url=cancel_url)
    if request.method == "POST":
        if form.is_valid():
            try:
                bloc = services.bloc_create(council=council, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Đã thêm %(name)s. Hãy tạo năm thi đua và thêm đơn vị thành viên."
                    )
                    % {"name": bloc.name},
                )
                return redirect("blocs:blocyear-create", bloc.pk)
    context = {
        "form": form,
        "title": _("Thêm khối, cụm thi đua"),
        "crumbs": [(_("Khối thi đua"), cancel_url)],
        "intro": _(
            "Khối thi đua gồm các cơ quan, đơn vị tương đồng về chức năng, nhiệm vụ; "
            "cụm thi đua gồm các đơn vị theo địa bàn."
        ),
    }
    return _form_page(request, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def bloc_update(request: HttpRequest, pk: int) -> HttpResponse:
    bloc = permissions.get_bloc_or_deny(request.user, pk, manage=True)
    form = BlocForm(
        _data(request), instance=copy.copy(bloc), cancel_url=bloc.get_absolute_url()
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                bloc = services.bloc_update(bloc=bloc, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu thông tin khối, cụm."))
                return redirect(bloc)
    context = {
        "form": form,
        "title": _("Sửa thông tin khối, cụm"),
        "subtitle": bloc.name,
        "crumbs": [
            (_("Khối thi đua"), reverse("blocs:bloc-list")),
            (bloc.name, bloc.get_absolute_url()),
        ],
    }
    return _form_page(request, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def blocyear_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The board adds an (empty) emulation year to a bloc: year and theme."""
    bloc = permissions.get_bloc_or_deny(request.user, pk, manage=True)
    initial = {"year": selected_year(request)}
    form = BlocYearCreateForm(
        _data(request), initial=initial, bloc=bloc, cancel_url=bloc.get_absolute_url()
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                bloc_year = services.bloc_year_create(bloc=bloc, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã tạo năm thi đua %(year)s. Hãy thêm đơn vị thành viên.")
                    % {"year": bloc_year.year},
                )
                return redirect("blocs:blocyear-members", bloc_year.pk)
    context = {
        "form": form,
        "title": _("Tạo năm thi đua"),
        "subtitle": bloc.name,
        "crumbs": [
            (_("Khối thi đua"), reverse("blocs:bloc-list")),
            (bloc.name, bloc.get_absolute_url()),
        ],
        "intro": _(
            "Tạo một năm thi đua trống rồi thêm đơn vị thành viên. Để chuyển tiếp thành viên và "
            "khối trưởng từ năm trước, hãy dùng chức năng “Mở năm thi đua mới”."
        ),
    }
    return _form_page(request, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def bloc_rotation(request: HttpRequest, pk: int) -> HttpResponse:
    """The board edits the rotation order: a position number per unit, blank = not in rotation."""
    bloc = permissions.get_bloc_or_deny(request.user, pk, manage=True)
    slots = [
        (slot.unit, slot.position) for slot in selectors.rotation_of_bloc(bloc=bloc)
    ]
    in_rotation = {unit.pk for unit, _position in slots}
    latest = bloc.years.order_by("-year").first()
    if latest is not None:
        slots += [
            (m.unit, None)
            for m in selectors.bloc_year_members(bloc_year=latest)
            if m.unit_id not in in_rotation
        ]
    form = RotationForm(_data(request), slots=slots)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rotation_set(bloc=bloc, units=form.ordered_units())
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu thứ tự luân phiên."))
                return redirect(bloc)
    context = {"bloc": bloc, "form": form, "latest": latest}
    return render(
        request, "blocs/bloc_rotation.html", context, status=400 if form.errors else 200
    )


# --- Bloc-year: members, theme and meeting dates -------------------------------------


def _members_page(
    request: HttpRequest, bloc_year: BlocYear, form: MemberAddForm, status: int = 200
):
    context = {
        "bloc": bloc_year.bloc,
        "bloc_year": bloc_year,
        "members": list(selectors.bloc_year_members(bloc_year=bloc_year)),
        "form": form,
    }
    return render(request, "blocs/blocyear_members.html", context, status=status)


@require_http_methods(["GET", "POST"])
def blocyear_members(request: HttpRequest, pk: int) -> HttpResponse:
    """The board manages a bloc-year's members: list, add (POST here), remove (its own URL)."""
    bloc_year = permissions.get_bloc_year_or_deny(request.user, pk, manage=True)
    units = selectors.addable_units(bloc_year=bloc_year)
    form = MemberAddForm(_data(request), bloc_year=bloc_year, units=units)
    if request.method == "POST":
        if form.is_valid():
            try:
                membership = services.bloc_year_member_add(
                    bloc_year=bloc_year, **form.cleaned_data
                )
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã thêm %(unit)s vào khối.") % {"unit": membership.unit.name},
                )
                return redirect("blocs:blocyear-members", bloc_year.pk)
    return _members_page(request, bloc_year, form, status=400 if form.errors else 200)


@require_POST
def blocyear_member_remove(
    request: HttpRequest, pk: int, membership_pk: int
) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, pk, manage=True)
    membership = permissions.get_or_404(
        Membership.objects.filter(bloc_year=bloc_year).select_related("unit"),
        pk=membership_pk,
    )
    try:
        services.bloc_year_member_remove(membership=membership)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Đã bỏ %(unit)s khỏi khối.") % {"unit": membership.unit.name}
        )
    return redirect("blocs:blocyear-members", bloc_year.pk)


@require_http_methods(["GET", "POST"])
def blocyear_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's tools (and the board's): the year's theme and meeting dates."""
    bloc_year = permissions.get_bloc_year_or_deny(request.user, pk, run=True)
    back = bloc_year.get_absolute_url()
    form = BlocYearScheduleForm(
        _data(request), instance=copy.copy(bloc_year), cancel_url=back
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.bloc_year_update(bloc_year=bloc_year, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Đã lưu chủ đề và lịch hội nghị của năm thi đua.")
                )
                return redirect(back)
    bloc = bloc_year.bloc
    context = {
        "form": form,
        "title": _("Chủ đề và lịch hội nghị năm %(year)s") % {"year": bloc_year.year},
        "subtitle": bloc.name,
        "crumbs": [
            (_("Khối thi đua"), reverse("blocs:bloc-list")),
            (f"{bloc.name} · {bloc_year.year}", back),
        ],
        "intro": _(
            "Công cụ khối trưởng: chủ đề thi đua của năm, ngày hội nghị phát động và ký kết giao ước, "
            "sơ kết 6 tháng, tổng kết, và ngày bàn giao cờ luân lưu."
        ),
    }
    return _form_page(request, context, status=400 if form.errors else 200)
