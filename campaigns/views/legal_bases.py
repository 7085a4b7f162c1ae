"""Legal bases (căn cứ): the council's list, and the board's forms (docs/domain.md §1.5)."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from campaigns import forms, permissions, selectors, services
from campaigns.views.common import page_of
from emulation.formviews import bind, form_view

# The form of a legal basis (to add or edit one); the list again after saving.
_basis_page = partial(
    form_view,
    template="campaigns/legalbasis_form.html",
    success_url="campaigns:legalbasis-list",
)


@require_GET
def legalbasis_list(request: HttpRequest) -> HttpResponse:
    council = permissions.get_own_council_or_deny(request.user)
    q = request.GET.get("q", "").strip()
    bases = selectors.legal_bases_matching(
        selectors.legal_bases_for_council(council_id=council.pk), q
    )
    context = {
        "page": page_of(request, bases),
        "q": q,
        "query": urlencode({"q": q}) if q else "",
        "can_manage": permissions.is_board_of(request.user, council.pk),
        "can_edit_national": permissions.can_edit_national_legal_bases(request.user),
    }
    return render(request, "campaigns/legalbasis_list.html", context)


@require_http_methods(["GET", "POST"])
def legalbasis_create(request: HttpRequest) -> HttpResponse:
    council = permissions.get_own_council_or_deny(request.user, manage=True)
    form = bind(request, forms.LegalBasisForm, council_id=council.pk)
    return _basis_page(
        request,
        form,
        run=lambda: services.legal_basis_create(council=council, **form.cleaned_data),
        success_message=_("Đã thêm văn bản căn cứ."),
    )


@require_http_methods(["GET", "POST"])
def legalbasis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    basis = permissions.get_legal_basis_or_deny(request.user, pk)
    # A national text offers the editor's council's texts as its replacement.
    council_id = basis.council_id or request.user.council_id
    form = bind(request, forms.LegalBasisForm, instance=basis, council_id=council_id)
    return _basis_page(
        request,
        form,
        run=lambda: services.legal_basis_update(basis=basis, **form.cleaned_data),
        success_message=_("Đã cập nhật văn bản căn cứ."),
        context={"basis": basis},
    )
