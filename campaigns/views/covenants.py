"""The covenant while it is drafted: the council's list, the covenant page, creating it,
editing its text and commitments, opening it for signing (docs/domain.md §5.2).
Signing, the PDFs and the verification are in views/signatures.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blocs.models import Membership
from campaigns import forms, permissions, selectors, services
from campaigns.models import Covenant
from campaigns.views.common import message_refusal, page_of
from emulation.formviews import bind, form_view
from emulation.selectors import selected_year


def _commitments_url(covenant_id: int) -> str:
    return reverse("campaigns:covenant-detail", args=[covenant_id]) + "#commitments"


def _refuse_frozen(request: HttpRequest, covenant: Covenant) -> HttpResponse:
    messages.error(
        request,
        _("Giao ước đã có đơn vị ký nên nội dung đã được khóa; không thể sửa đổi."),
    )
    return redirect(covenant)


def _covenant_context(request: HttpRequest, covenant: Covenant) -> dict:
    user = request.user
    page = selectors.covenant_page(covenant=covenant)
    my_row = page.row_of(user.unit_id)
    unit = my_row.unit if my_row else None
    has_signed = my_row is not None and my_row.signature is not None
    addendum = my_row.addendum if my_row else None
    can_run = permissions.can_run_bloc_year(user, covenant.bloc_year)
    return {
        "covenant": covenant,
        "bloc_year": covenant.bloc_year,
        "page": page,
        "my_row": my_row,
        "can_run": can_run,
        "can_edit": permissions.can_edit_covenant(user, covenant),
        "can_open": permissions.can_open_covenant(user, covenant),
        "can_sign": permissions.can_sign_covenant(
            user, covenant, unit, has_signed=has_signed
        ),
        "can_withdraw": permissions.can_withdraw_signature(
            user, covenant, unit, has_signed=has_signed
        ),
        "can_sign_addendum": permissions.can_sign_addendum(
            user, covenant, unit, addendum
        ),
        "show_board": can_run,
        "commitment_form": forms.CommitmentForm(),
        "Status": Covenant.Status,
        "Role": Membership.Role,
    }


@require_GET
def covenant_list(request: HttpRequest) -> HttpResponse:
    council = permissions.get_own_council_or_deny(request.user)
    year = selected_year(request)
    page = page_of(
        request, selectors.covenant_list_for_council(council_id=council.pk, year=year)
    )
    for by in page:
        by.can_run = permissions.can_run_bloc_year(request.user, by)
    return render(
        request,
        "campaigns/covenant_list.html",
        {
            "page": page,
            "year": year,
            "is_board": permissions.is_board_of(request.user, council.pk),
            "Status": Covenant.Status,
        },
    )


@require_POST
def covenant_create(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk, run=True)
    try:
        covenant = services.covenant_create(
            bloc_year=bloc_year,
            created_by=request.user,
            from_previous=request.POST.get("from_previous") == "1",
        )
    except ValidationError as exc:
        message_refusal(request, exc)
        return redirect(
            selectors.covenant_of_bloc_year(bloc_year=bloc_year) or bloc_year
        )
    except IntegrityError:
        # A racing double click: the one-to-one on bloc_year kept the first one.
        return redirect(selectors.covenant_of_bloc_year(bloc_year=bloc_year))
    messages.success(request, _("Đã tạo bản dự thảo giao ước thi đua."))
    return redirect(covenant)


@require_GET
def covenant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk)
    return render(
        request, "campaigns/covenant_detail.html", _covenant_context(request, covenant)
    )


@require_http_methods(["GET", "POST"])
def covenant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk, run=True)
    if request.method == "GET" and not covenant.is_editable:
        return _refuse_frozen(request, covenant)
    council_id = covenant.bloc_year.bloc.council_id
    form = bind(request, forms.CovenantForm, instance=covenant, council_id=council_id)

    def run():
        data = dict(form.cleaned_data)
        legal_bases = data.pop("legal_bases")
        return services.covenant_update(
            covenant=covenant, legal_bases=legal_bases, **data
        )

    return form_view(
        request,
        form,
        template="campaigns/covenant_form.html",
        run=run,
        success_url=covenant.get_absolute_url(),
        success_message=_("Đã lưu nội dung giao ước."),
        context={"covenant": covenant, "bloc_year": covenant.bloc_year},
    )


@require_POST
def covenant_open(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk, run=True)
    try:
        services.covenant_open_for_signing(covenant=covenant)
    except ValidationError as exc:
        message_refusal(request, exc)
    else:
        messages.success(
            request, _("Đã mở ký kết giao ước. Các đơn vị thành viên có thể ký.")
        )
    return redirect(covenant)


@require_POST
def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """From the covenant page: a refused commitment shows that page again (400)."""
    covenant = permissions.get_covenant_or_deny(request.user, pk, run=True)
    form = bind(request, forms.CommitmentForm)
    context = _covenant_context(request, covenant)
    context["commitment_form"] = form
    return form_view(
        request,
        form,
        template="campaigns/covenant_detail.html",
        run=lambda: services.commitment_add(
            covenant=covenant, text=form.cleaned_data["text"]
        ),
        success_url=_commitments_url(covenant.pk),
        success_message=_("Đã thêm nội dung giao ước."),
        context=context,
    )


@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = permissions.get_commitment_or_deny(request.user, pk)
    covenant = commitment.covenant
    if request.method == "GET" and not covenant.is_editable:
        return _refuse_frozen(request, covenant)
    form = bind(request, forms.CommitmentForm, initial={"text": commitment.text})
    return form_view(
        request,
        form,
        template="campaigns/commitment_form.html",
        run=lambda: services.commitment_update(
            commitment=commitment, text=form.cleaned_data["text"]
        ),
        success_url=_commitments_url(covenant.pk),
        success_message=_("Đã sửa nội dung giao ước."),
        context={
            "commitment": commitment,
            "covenant": covenant,
            "bloc_year": covenant.bloc_year,
        },
    )


@require_POST
def commitment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = permissions.get_commitment_or_deny(request.user, pk)
    try:
        services.commitment_delete(commitment=commitment)
    except ValidationError as exc:
        message_refusal(request, exc)
    else:
        messages.success(request, _("Đã xóa nội dung giao ước."))
    return redirect(_commitments_url(commitment.covenant_id))


@require_POST
def commitment_move(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = permissions.get_commitment_or_deny(request.user, pk)
    try:
        services.commitment_move(
            commitment=commitment, up=request.POST.get("direction") != "down"
        )
    except ValidationError as exc:
        message_refusal(request, exc)
    return redirect(_commitments_url(commitment.covenant_id))
