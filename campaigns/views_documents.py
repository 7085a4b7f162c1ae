"""Covenant documents: the two PDFs, the scanned paper copy and the public verification page.

Anyone of the council may download both PDFs and the scan (they hold no private data);
the chair (and the board) upload the scan; the verification page is public.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from campaigns import documents
from campaigns.models import Covenant
from campaigns.permissions import can_run_bloc_year, deny_unless, get_or_404, in_council
from emulation.documents import pdf_response


def _get_covenant(
    request: HttpRequest, pk: int, *, run: bool = False, full: bool = True
) -> Covenant:
    """The covenant (with everything its documents show when `full`); 404 if missing, 403
    outside the council (or, with `run`, for anyone but the chair and the board)."""
    queryset = (
        documents.covenant_document_queryset()
        if full
        else Covenant.objects.select_related(
            "bloc_year__bloc__council", "scanned_uploaded_by"
        )
    )
    covenant = get_or_404(queryset, pk=pk)
    bloc_year = covenant.bloc_year
    deny_unless(in_council(request.user, bloc_year.bloc.council_id))
    if run:
        deny_unless(can_run_bloc_year(request.user, bloc_year))
    return covenant


def _covenant_page_url(covenant: Covenant) -> str | None:
    """The covenant's own page, once the campaigns app provides it."""
    try:
        return covenant.get_absolute_url()
    except NoReverseMatch:
        return None


@require_GET
def covenant_pdf_blank(request: HttpRequest, pk: int) -> HttpResponse:
    """Bản để ký tay: every member unit with room to sign."""
    covenant = _get_covenant(request, pk)
    pdf = documents.covenant_blank_pdf(covenant=covenant)
    return pdf_response(pdf, documents.pdf_filename(covenant, signed=False))


@require_GET
def covenant_pdf_signed(request: HttpRequest, pk: int) -> HttpResponse:
    """Bản đã ký: only once every member has signed (409 with an explanation before that)."""
    covenant = _get_covenant(request, pk)
    if covenant.status != Covenant.Status.COMPLETE:
        context = {
            "covenant": covenant,
            "bloc_year": covenant.bloc_year,
            "signed_count": len(covenant.active_signatures),
            "member_count": len(covenant.bloc_year.member_list),
            "covenant_url": _covenant_page_url(covenant),
        }
        return render(
            request, "campaigns/documents/signed_unavailable.html", context, status=409
        )
    pdf = documents.covenant_signed_pdf(covenant=covenant)
    return pdf_response(pdf, documents.pdf_filename(covenant, signed=True))


class ScanUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bản quét giao ước có chữ ký tay"),
        help_text=gettext_lazy(
            "Tệp PDF hoặc ảnh JPG/PNG, tối đa 10 MB. Tải lên bản mới sẽ thay bản cũ."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"}
        ),
        error_messages={
            "required": gettext_lazy("Hãy chọn tệp bản quét."),
            "empty": gettext_lazy("Tệp đã chọn rỗng."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "scan-upload-form"
        self.helper.add_input(
            Submit("submit", _("Tải lên bản quét"), css_class="btn-td")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        documents.validate_scan(
            upload
        )  # raises ValidationError with the Vietnamese reason
        return upload


@require_http_methods(["GET", "POST"])
def covenant_scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Tải bản quét: the chair's secretary or the board keep the paper copy signed by hand."""
    covenant = _get_covenant(request, pk, run=True, full=False)
    if request.method == "POST":
        form = ScanUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                documents.covenant_scan_attach(
                    covenant=covenant,
                    upload=form.cleaned_data["file"],
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(request, _("Đã lưu bản quét giao ước có chữ ký tay."))
                return redirect("covenants:scan-upload", covenant.pk)
        status = 400
    else:
        form = ScanUploadForm()
        status = 200
    context = {
        "covenant": covenant,
        "bloc_year": covenant.bloc_year,
        "form": form,
        "covenant_url": _covenant_page_url(covenant),
        "max_mb": documents.SCAN_MAX_BYTES // (1024 * 1024),
    }
    return render(
        request, "campaigns/documents/scan_upload.html", context, status=status
    )


@require_GET
def covenant_scan_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The scanned copy, for anyone of the council (never a public media URL)."""
    covenant = _get_covenant(request, pk, full=False)
    if not covenant.scanned_copy:
        raise Http404
    try:
        handle = covenant.scanned_copy.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    ext = covenant.scanned_copy.name.rsplit(".", 1)[-1].lower()
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"ban-quet-giao-uoc-{covenant.bloc_year.year}-{covenant.pk}.{ext}",
        content_type=documents.scan_content_type(covenant),
    )


@login_not_required
@require_GET
def covenant_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public (no login): anyone holding a paper copy checks it against the record.

    A covenant still being drafted has published nothing, so its code is unknown (404).
    """
    normalised = documents.normalise_code(code)
    covenant = get_or_404(
        documents.covenant_document_queryset().exclude(status=Covenant.Status.DRAFTING),
        verification_code=normalised,
    )
    if (
        normalised != code
    ):  # a typed code with dashes or lower case: one canonical address
        return redirect("covenants:verify", normalised)
    return render(
        request,
        "campaigns/documents/verify.html",
        documents.verification_context(covenant),
    )


@login_not_required
@require_GET
def covenant_verify_lookup(request: HttpRequest) -> HttpResponse:
    """Type the code printed on a paper copy (for those who cannot scan the QR code)."""
    code = documents.normalise_code(request.GET.get("ma", ""))
    error = ""
    if "ma" in request.GET:
        published = Covenant.objects.exclude(status=Covenant.Status.DRAFTING)
        if code and published.filter(verification_code=code).exists():
            return redirect(reverse("covenants:verify", args=[code]))
        error = _(
            "Không tìm thấy bản giao ước có mã xác minh này. Hãy kiểm tra lại mã in trên văn bản."
        )
    return render(
        request,
        "campaigns/documents/verify_lookup.html",
        {"code": request.GET.get("ma", ""), "error": error},
        status=404 if error else 200,
    )
