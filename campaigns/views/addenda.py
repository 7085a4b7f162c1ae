"""The addendum (phụ lục gia nhập) a unit signs when it joins the bloc after the
covenant was complete (docs/domain.md §5.2); the covenant page explains each one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns import forms, permissions, services
from emulation.formviews import bind, form_view


@require_http_methods(["GET", "POST"])
def addendum_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """The joining unit's secretary records its head's signature of the addendum."""
    covenant = permissions.get_covenant_or_deny(request.user, pk)
    unit, addendum = permissions.get_addendum_unit_or_deny(request.user, covenant)
    if not permissions.can_sign_addendum(request.user, covenant, unit, addendum):
        # Like signing a covenant that is not open: the page explains the state.
        if addendum is not None and addendum.signed_at is not None:
            messages.error(request, _("Đơn vị đã ký phụ lục gia nhập."))
        else:
            messages.error(request, _("Đơn vị không có phụ lục gia nhập cần ký."))
        return redirect(covenant)
    head = {"signer_name": unit.head_name, "signer_position": unit.head_position}
    form = bind(request, forms.SignatureForm, initial=head)
    return form_view(
        request,
        form,
        template="campaigns/addendum_sign.html",
        run=lambda: services.covenant_addendum_sign(
            addendum=addendum, recorded_by=request.user, **form.cleaned_data
        ),
        success_url=covenant.get_absolute_url(),
        success_message=_("Đã ký phụ lục gia nhập giao ước."),
        context={
            "covenant": covenant,
            "bloc_year": covenant.bloc_year,
            "addendum": addendum,
        },
    )
