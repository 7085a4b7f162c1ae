"""Import of units and memberships (board staff) and export of a bloc-year's member list.

The import is upload → preview → confirm. The parsed rows stay in the session under a
random token (the browser only ever sends the token back), and the confirm validates
them again in one transaction: see blocs/imports.py.
"""

from __future__ import annotations

import datetime
import secrets

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blocs import documents, exports, imports
from blocs.permissions import deny_unless, get_bloc_year_or_deny, is_board_of
from emulation.documents import pdf_response
from emulation.models import Council

SESSION_KEY = "blocs_import"
# A preview older than this must be uploaded again (the data may have changed meanwhile).
PENDING_TTL = datetime.timedelta(hours=2)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách"),
        help_text=gettext_lazy(
            "Bảng tính .xlsx hoặc tệp .csv (UTF-8, phân cách bằng dấu ; hoặc ,), tối đa 2 MB và 2.000 dòng."
        ),
        error_messages={
            "required": gettext_lazy("Hãy chọn tệp cần nhập."),
            "empty": gettext_lazy("Tệp rỗng."),
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            }
        ),
    )
    create_units = forms.BooleanField(
        label=gettext_lazy("Tạo đơn vị mới nếu chưa có trong danh mục"),
        required=False,
        help_text=gettext_lazy(
            "Để trống ô này nếu danh mục đơn vị đã đầy đủ: khi đó mọi tên đơn vị không khớp đều được báo lỗi."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.table: imports.ImportTable | None = None
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form> and its button

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.table = imports.read_upload(upload, size=upload.size)
        except imports.ImportFileError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return upload


def _board_council(request: HttpRequest) -> Council:
    """The import is for board staff, into their own council."""
    user = request.user
    deny_unless(user.council_id is not None and is_board_of(user, user.council_id))
    return user.council


def _pending(request: HttpRequest, token: str, council: Council) -> dict | None:
    """The stored import for this token, if it is still there and still fresh.

    Another user's or another council's stored import is a 403 (it cannot normally
    happen: the session belongs to one user)."""
    pending = (request.session.get(SESSION_KEY) or {}).get(token)
    if not pending:
        return None
    deny_unless(
        pending.get("user_id") == request.user.pk
        and pending.get("council_id") == council.pk
    )
    created = datetime.datetime.fromisoformat(pending["created"])
    if timezone.now() - created > PENDING_TTL:
        _forget(request, token)
        return None
    return pending


def _forget(request: HttpRequest, token: str) -> None:
    stored = request.session.get(SESSION_KEY) or {}
    if token in stored:
        del stored[token]
        request.session[SESSION_KEY] = stored


def _expired(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _(
            "Lần nhập này đã được xác nhận, đã hủy hoặc đã hết hạn; không có gì thay đổi. Hãy tải tệp lên lại nếu cần."
        ),
    )
    return redirect("blocs:import-upload")


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file; nothing is saved: the rows are kept for the preview."""
    council = _board_council(request)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(
                request,
                "blocs/io/import_upload.html",
                _upload_context(form, council),
                status=400,
            )
        assert form.table is not None
        token = secrets.token_urlsafe(18)
        # One pending import per session: a new upload replaces the previous preview.
        request.session[SESSION_KEY] = {
            token: {
                "council_id": council.pk,
                "user_id": request.user.pk,
                "create_units": form.cleaned_data["create_units"],
                "filename": form.cleaned_data["file"].name[:200],
                "file_kind": form.table.file_kind,
                "ignored": form.table.ignored_headers[:20],
                "columns": form.table.columns,
                "created": timezone.now().isoformat(),
                "rows": [row.to_dict() for row in form.table.rows],
            }
        }
        return redirect("blocs:import-preview", token=token)
    return render(
        request,
        "blocs/io/import_upload.html",
        _upload_context(ImportUploadForm(), council),
    )


def _upload_context(form: ImportUploadForm, council: Council) -> dict:
    return {"form": form, "council": council, "columns": imports.COLUMNS}


@require_GET
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Every row with what it would do; validated against the database on each view."""
    council = _board_council(request)
    pending = _pending(request, token, council)
    if pending is None:
        return _expired(request)
    rows = [imports.ImportRow.from_dict(r) for r in pending["rows"]]
    preview = imports.import_validate(
        council=council, rows=rows, create_units=pending["create_units"]
    )
    only_errors = request.GET.get("loc") == "loi"
    shown = [r for r in preview.rows if r.is_error] if only_errors else preview.rows
    optional_shown = [
        c for c in imports.COLUMNS if not c.required and c.key in pending["columns"]
    ]
    context = {
        "council": council,
        "token": token,
        "pending": pending,
        "preview": preview,
        "counts": preview.counts,
        "rows": shown,
        "only_errors": only_errors,
        "optional_columns": optional_shown,
    }
    return render(request, "blocs/io/import_preview.html", context)


@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Save the valid rows (validated again, in one transaction); rows with errors are skipped."""
    council = _board_council(request)
    token = request.POST.get("token", "")
    pending = _pending(request, token, council)
    if pending is None:
        return _expired(request)
    rows = [imports.ImportRow.from_dict(r) for r in pending["rows"]]
    result = imports.import_confirm(
        council=council, rows=rows, create_units=pending["create_units"]
    )
    # The token is used once: a second submit of the same form finds nothing to do.
    _forget(request, token)
    parts = [
        _(
            "Đã nhập %(added)s đơn vị thành viên (tạo mới %(units)s đơn vị, mở %(years)s năm thi đua của khối)."
        )
        % {
            "added": result.added,
            "units": result.created_units,
            "years": result.created_bloc_years,
        }
    ]
    if result.unchanged:
        parts.append(
            _("%(n)s dòng không thay đổi (đã là thành viên).") % {"n": result.unchanged}
        )
    if result.skipped:
        parts.append(_("%(n)s dòng có lỗi không được nhập.") % {"n": result.skipped})
    level = messages.SUCCESS if result.added or not result.skipped else messages.WARNING
    messages.add_message(request, level, " ".join(parts))
    # Show the blocs of the (first) year that received members.
    target = reverse("blocs:bloc-list")
    if result.years:
        target += f"?year={min(result.years)}"
    return redirect(target)


@require_POST
def import_cancel(request: HttpRequest) -> HttpResponse:
    council = _board_council(request)
    token = request.POST.get("token", "")
    if _pending(request, token, council) is not None:
        _forget(request, token)
        messages.info(request, _("Đã hủy lần nhập; không có dữ liệu nào được lưu."))
    return redirect("blocs:import-upload")


@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The .xlsx template: the headers, one example row, the council's blocs as a drop-down list."""
    council = _board_council(request)
    response = HttpResponse(
        imports.import_template_xlsx(council=council),
        content_type=exports.XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = (
        'attachment; filename="mau-nhap-don-vi-thanh-vien.xlsx"'
    )
    return response


@require_GET
def blocyear_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    bloc_year = get_bloc_year_or_deny(request.user, pk)
    response = HttpResponse(
        exports.blocyear_members_xlsx(bloc_year=bloc_year),
        content_type=exports.XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.export_filename(bloc_year, "xlsx")}"'
    )
    return response


@require_GET
def blocyear_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    bloc_year = get_bloc_year_or_deny(request.user, pk)
    pdf = documents.member_list_pdf(bloc_year=bloc_year)
    return pdf_response(
        pdf,
        exports.export_filename(bloc_year, "pdf"),
        inline=request.GET.get("xem") == "1",
    )
