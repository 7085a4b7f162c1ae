"""The covenant's signatures: a member unit signs or withdraws, the two PDFs, the scanned
paper copy and the public verification with its copy check (docs/domain.md §5.2, §8.9).

Anyone of the council may download both PDFs and the scan (they hold no private data);
the chair (and the board) upload the scan; the verification pages are public. The signed
copy is the file issued into the register when the covenant completed: every download
serves the same bytes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import forms, permissions, selectors, services
from campaigns.documents import covenants as documents
from campaigns.documents import scans, verification
from campaigns.models import Covenant
from campaigns.views.common import message_refusal
from emulation.documents import pdf_response
from emulation.formviews import bind, form_view, status_of
from emulation.register_views import CopyCheckForm
from emulation.verification import check_copy

# --- Signing -------------------------------------------------------------------------


def _signed_message(covenant: Covenant) -> str:
    if covenant.status == Covenant.Status.COMPLETE:
        return _("Đã ký. Tất cả đơn vị thành viên đã ký: giao ước đã hoàn tất.")
    return _("Đã ghi nhận chữ ký của đơn vị.")


@require_http_methods(["GET", "POST"])
def covenant_sign(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk)
    unit = permissions.get_signing_unit_or_deny(request.user, covenant)
    if covenant.status != Covenant.Status.SIGNING:
        messages.error(request, _("Giao ước hiện không mở để ký kết."))
        return redirect(covenant)
    head = {"signer_name": unit.head_name, "signer_position": unit.head_position}
    form = bind(request, forms.SignatureForm, initial=head)
    try:
        return form_view(
            request,
            form,
            template="campaigns/covenant_sign.html",
            # The service refreshes `covenant`: its status says whether it completed.
            run=lambda: services.covenant_sign(
                covenant=covenant,
                unit=unit,
                recorded_by=request.user,
                **form.cleaned_data,
            ),
            success_url=covenant.get_absolute_url(),
            success_message=lambda _signature: _signed_message(covenant),
            context={
                "covenant": covenant,
                "bloc_year": covenant.bloc_year,
                "unit": unit,
            },
        )
    except IntegrityError:
        # Two racing submissions: the partial unique index kept the first signature.
        messages.error(request, _("Đơn vị đã ký giao ước này."))
        return redirect(covenant)


@require_POST
def covenant_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk)
    unit = permissions.get_signing_unit_or_deny(request.user, covenant)
    try:
        services.covenant_withdraw_signature(
            covenant=covenant, unit=unit, withdrawn_by=request.user
        )
    except ValidationError as exc:
        message_refusal(request, exc)
    else:
        messages.success(request, _("Đã rút chữ ký của đơn vị."))
    return redirect(covenant)


# --- The two copies --------------------------------------------------------------------


@require_GET
def covenant_pdf_blank(request: HttpRequest, pk: int) -> HttpResponse:
    """Bản để ký tay: every member unit with room to sign."""
    covenant = permissions.get_covenant_or_deny(
        request.user, pk, queryset=selectors.covenant_document_queryset()
    )
    pdf = documents.covenant_blank_pdf(covenant=covenant)
    return pdf_response(pdf, documents.pdf_filename(covenant, signed=False))


@require_GET
def covenant_pdf_signed(request: HttpRequest, pk: int) -> HttpResponse:
    """Bản đã ký: the issued file, only once every member has signed (409 with an
    explanation before). A copy not issued yet (the step after the last signature
    failed, or the covenant completed before copies were kept) is issued now, once."""
    covenant = permissions.get_covenant_or_deny(
        request.user, pk, queryset=selectors.covenant_document_queryset()
    )
    if covenant.status != Covenant.Status.COMPLETE:
        context = {
            "covenant": covenant,
            "bloc_year": covenant.bloc_year,
            "signed_count": len(covenant.active_signatures),
            "member_count": len(covenant.bloc_year.member_list),
            "Status": Covenant.Status,
        }
        template = "campaigns/documents/signed_unavailable.html"
        return render(request, template, context, status=409)
    document = covenant.issued_document or services.covenant_issue_signed_copy(
        covenant=covenant, issued_by=request.user
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=documents.pdf_filename(covenant, signed=True),
        content_type="application/pdf",
    )


# --- The scanned paper copy ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def covenant_scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Tải bản quét: the chair's secretary or the board keep the copy signed by hand."""
    covenant = permissions.get_covenant_or_deny(
        request.user, pk, run=True, queryset=selectors.covenant_scan_queryset()
    )
    form = bind(request, forms.ScanUploadForm)
    return form_view(
        request,
        form,
        template="campaigns/documents/scan_upload.html",
        run=lambda: services.covenant_scan_attach(
            covenant=covenant, upload=form.cleaned_data["file"], user=request.user
        ),
        success_url=reverse("covenants:scan-upload", args=[covenant.pk]),
        success_message=_("Đã lưu bản quét giao ước có chữ ký tay."),
        context={
            "covenant": covenant,
            "bloc_year": covenant.bloc_year,
            "max_mb": scans.SCAN_MAX_MB,
            "Status": Covenant.Status,
        },
    )


@require_GET
def covenant_scan_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The scanned copy, for anyone of the council (never a public media URL)."""
    covenant = permissions.get_covenant_or_deny(
        request.user, pk, queryset=selectors.covenant_scan_queryset()
    )
    if not covenant.scanned_copy:
        raise Http404
    try:
        handle = covenant.scanned_copy.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=scans.scan_filename(covenant),
        content_type=scans.scan_content_type(covenant),
    )


# --- The public verification -----------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def covenant_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public (no login): anyone holding a paper copy checks it against the record, and
    anyone holding the PDF drops it here to learn whether it is the issued file and
    whether its digital signature is intact (the file is not kept).

    A covenant still being drafted has published nothing, so its code is unknown (404).
    """
    normalised = documents.normalise_code(code)
    published = selectors.published_covenants(selectors.covenant_document_queryset())
    covenant = permissions.get_or_404(published, verification_code=normalised)
    if normalised != code:  # typed with dashes or in lower case: one canonical address
        return redirect("covenants:verify", normalised)
    form = bind(request, CopyCheckForm)
    result = None
    if request.method == "POST":
        issued = covenant.issued_document
        if issued is None:
            form.add_error(
                None,
                _(
                    "Giao ước chưa có bản đã ký được ban hành nên chưa thể đối chiếu tệp."
                ),
            )
        elif form.is_valid():
            result = check_copy(document=issued, data=form.cleaned_data["file"].read())
    context = verification.verification_context(covenant)
    context.update({"copy_form": form, "copy_result": result})
    return render(
        request,
        "campaigns/documents/verify.html",
        context,
        status=status_of(request, form),
    )


@login_not_required
@require_GET
def covenant_verify_lookup(request: HttpRequest) -> HttpResponse:
    """Type the code printed on a paper copy (for those who cannot scan the QR code)."""
    code = documents.normalise_code(request.GET.get("ma", ""))
    error = ""
    if "ma" in request.GET:
        if selectors.published_covenant_exists(code=code):
            return redirect("covenants:verify", code)
        error = _(
            "Không tìm thấy bản giao ước có mã xác minh này. "
            "Hãy kiểm tra lại mã in trên văn bản."
        )
    return render(
        request,
        "campaigns/documents/verify_lookup.html",
        {"code": request.GET.get("ma", ""), "error": error},
        status=404 if error else 200,
    )
