"""Pages of the register of issued documents: the public verification of a copy, the
download of the stored file, and the board's list of the council's documents."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from emulation import permissions
from emulation.formviews import bind, status_of
from emulation.models import IssuedDocument
from emulation.text import ascii_filename
from emulation.verification import UPLOAD_MAX_BYTES, check_copy

PAGE_SIZE = 50


class CopyCheckForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp PDF cần đối chiếu"),
        error_messages={"required": gettext_lazy("Hãy chọn tệp PDF cần đối chiếu.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn: tối đa 20 MB."))
        return upload


def _document_by_code(code: str) -> IssuedDocument:
    code = "".join(ch for ch in code.upper() if ch.isalnum())[:16]
    return permissions.get_or_404(
        IssuedDocument.objects.select_related("council"), verification_code=code
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def document_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what was issued under this code, and whether a dropped PDF is that file."""
    document = _document_by_code(code)
    form = bind(request, CopyCheckForm)
    result = None
    if request.method == "POST" and form.is_valid():
        result = check_copy(document=document, data=form.cleaned_data["file"].read())
    return render(
        request,
        "emulation/document_verify.html",
        {"document": document, "form": form, "result": result},
        status=status_of(request, form),
    )


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file, the same bytes every time (readable in the document's council)."""
    document = permissions.get_or_404(IssuedDocument.objects.all(), pk=pk)
    permissions.deny_unless(permissions.in_council(request.user, document.council_id))
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=ascii_filename(f"{document.number_label} {document.title}", "pdf"),
        content_type="application/pdf",
    )


@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    """Sổ văn bản: the council's issued documents, newest first (board staff)."""
    council = permissions.get_council_or_deny(
        request.user, request.user.council_id, manage=True
    )
    documents = IssuedDocument.objects.filter(council=council).only(
        "kind",
        "year",
        "number",
        "symbol",
        "issued_on",
        "title",
        "issuer_name",
        "sha256",
        "verification_code",
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "emulation/document_list.html", {"council": council, "page": page}
    )
