"""Title kinds and registrations (đăng ký thi đua, docs/domain.md §5.3): the board's list
of titles, a unit's registration until the deadline or the chair's lock, the chair's
overview and the summary (XLSX and PDF)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blocs.models import BlocYear
from campaigns import forms, permissions, selectors, services
from campaigns.documents import registrations as documents
from emulation.formviews import bind, button, form_view

# --- Title kinds ---------------------------------------------------------------------

# The form of a title kind (to add or edit one); the list again after saving.
_title_kind_page = partial(
    form_view,
    template="campaigns/titlekind_form.html",
    success_url="campaigns:titlekind-list",
)


@require_GET
def titlekind_list(request: HttpRequest) -> HttpResponse:
    council = permissions.get_own_council_or_deny(request.user, manage=True)
    kinds = selectors.title_kinds_for_council(council_id=council.pk, active_only=False)
    return render(
        request, "campaigns/titlekind_list.html", {"kinds": kinds, "council": council}
    )


@require_http_methods(["GET", "POST"])
def titlekind_create(request: HttpRequest) -> HttpResponse:
    council = permissions.get_own_council_or_deny(request.user, manage=True)
    form = bind(request, forms.TitleKindForm, council=council)
    return _title_kind_page(
        request,
        form,
        run=lambda: services.title_kind_create(council=council, **form.cleaned_data),
        success_message=_("Đã thêm danh hiệu, hình thức khen thưởng."),
    )


@require_http_methods(["GET", "POST"])
def titlekind_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kind = permissions.get_title_kind_or_deny(request.user, pk)
    form = bind(request, forms.TitleKindForm, instance=kind, council=kind.council)
    return _title_kind_page(
        request,
        form,
        run=lambda: services.title_kind_update(kind=kind, **form.cleaned_data),
        success_message=_("Đã cập nhật danh hiệu, hình thức khen thưởng."),
        context={"kind": kind},
    )


# --- Registrations -------------------------------------------------------------------


def _list_context(request: HttpRequest, bloc_year: BlocYear, deadline_form) -> dict:
    """The overview page, also shown again (400) when the deadline form is refused."""
    rows = selectors.registration_overview(bloc_year=bloc_year)
    round_ = selectors.registration_round(bloc_year=bloc_year)
    my_row = next(
        (r for r in rows if r.membership.unit_id == request.user.unit_id), None
    )
    return {
        "bloc_year": bloc_year,
        "rows": rows,
        "n_registered": sum(
            1 for r in rows if r.registration and r.registration.submitted_at
        ),
        "can_run": permissions.can_run_bloc_year(request.user, bloc_year),
        "can_register": permissions.can_register(
            request.user, my_row.unit if my_row else None, round_open=round_.is_open()
        ),
        "deadline_form": deadline_form
        or forms.RegistrationRoundForm(initial={"deadline": round_.deadline}),
        "round": round_,
        "is_open": round_.is_open(),
    }


@require_GET
def registration_list(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    context = _list_context(request, bloc_year, None)
    return render(request, "campaigns/registration_list.html", context)


def _registration_forms(request: HttpRequest, bloc_year: BlocYear, registration):
    """The registration form and its targets formset, filled with the saved
    registration on GET."""
    kinds = selectors.title_kinds_for_council(council_id=bloc_year.bloc.council_id)
    initial, target_initial = {}, []
    if request.method != "POST" and registration is not None:
        detail = selectors.registration_detail(registration=registration)
        initial, target_initial = forms.registration_initial(registration, detail)
    form = bind(request, forms.RegistrationForm, kinds=kinds, initial=initial)
    targets = bind(
        request, forms.TargetFormSet, prefix="targets", initial=target_initial
    )
    return form, targets


def _detail_url(registration) -> str:
    return reverse("campaigns:registration-detail", args=[registration.pk])


def _closed(request: HttpRequest, bloc_year: BlocYear, registration) -> HttpResponse:
    messages.error(
        request,
        _("Đã hết hạn hoặc khối trưởng đã khóa đăng ký thi đua; không thể sửa."),
    )
    if registration is not None:
        return redirect("campaigns:registration-detail", registration.pk)
    return redirect("campaigns:registration-list", bloc_year.pk)


@require_http_methods(["GET", "POST"])
def registration_edit(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    """The user's own unit's registration for the bloc-year."""
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    unit = permissions.get_registering_unit_or_deny(request.user, bloc_year)
    registration = selectors.registration_of_unit(bloc_year=bloc_year, unit=unit)
    round_ = selectors.registration_round(bloc_year=bloc_year)
    if not round_.is_open():
        return _closed(request, bloc_year, registration)
    form, targets = _registration_forms(request, bloc_year, registration)
    return form_view(
        request,
        [form, targets],
        template="campaigns/registration_form.html",
        run=lambda: services.registration_save(
            bloc_year=bloc_year,
            unit=unit,
            submitted_by=request.user,
            targets=forms.filled_targets(targets),
            **form.registration_data(),
        ),
        success_url=_detail_url,
        success_message=_("Đã lưu đăng ký thi đua của đơn vị."),
        context={
            "bloc_year": bloc_year,
            "unit": unit,
            "targets": targets,
            "round": round_,
        },
    )


@require_GET
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = permissions.get_registration_or_deny(request.user, pk)
    bloc_year = registration.bloc_year
    round_ = selectors.registration_round(bloc_year=bloc_year)
    context = {
        "registration": registration,
        "bloc_year": bloc_year,
        "can_edit": permissions.can_register(
            request.user, registration.unit, round_open=round_.is_open()
        ),
        "round": round_,
        "is_open": round_.is_open(),
        **selectors.registration_detail(registration=registration),
    }
    return render(request, "campaigns/registration_detail.html", context)


@require_POST
def registration_deadline(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    """From the overview: a refused deadline shows that page again (400)."""
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk, run=True)
    form = bind(request, forms.RegistrationRoundForm)
    return form_view(
        request,
        form,
        template="campaigns/registration_list.html",
        run=lambda: services.registration_round_set_deadline(
            bloc_year=bloc_year, deadline=form.cleaned_data["deadline"]
        ),
        success_url=reverse("campaigns:registration-list", args=[bloc_year.pk]),
        success_message=_("Đã cập nhật hạn đăng ký thi đua."),
        context=_list_context(request, bloc_year, form),
    )


@require_POST
def registration_lock(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk, run=True)
    locked = request.POST.get("locked") == "1"
    return button(
        request,
        lambda: services.registration_round_lock(bloc_year=bloc_year, locked=locked),
        success_message=(
            _("Đã khóa đăng ký thi đua.") if locked else _("Đã mở lại đăng ký thi đua.")
        ),
        to=reverse("campaigns:registration-list", args=[bloc_year.pk]),
    )


@require_GET
def registration_summary_xlsx(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    summary = selectors.registration_summary(bloc_year=bloc_year)
    return documents.summary_xlsx_response(summary)


@require_GET
def registration_summary_pdf(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    summary = selectors.registration_summary(bloc_year=bloc_year)
    return documents.summary_pdf_response(summary)
