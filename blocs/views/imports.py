"""Pages of an import of members (board staff) and the downloads of a bloc-year's
member list.

The import is upload → preview → confirm. The parsed rows stay in the session under a
random token (the browser only ever sends the token back), and the confirm validates
them again in one transaction (blocs.services.import_confirm).
"""

from __future__ import annotations

import datetime
import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blocs import documents, exports, permissions, selectors, services, uploads
from blocs.forms.imports import ImportUploadForm
from emulation.documents import pdf_response
from emulation.formviews import bind, form_view
from emulation.models import Council
from emulation.spreadsheets import XLSX_CONTENT_TYPE

SESSION_KEY = "blocs_import"
# A preview older than this must be uploaded again (the data may have changed meanwhile).
PENDING_TTL = datetime.timedelta(hours=2)


# --- The stored import ------------------------------------------------------------------


def _store(request: HttpRequest, council: Council, form: ImportUploadForm) -> str:
    """Keep the parsed rows for the preview; one pending import per session (a new
    upload replaces the previous preview). Returns its token."""
    table = form.table
    assert table is not None
    token = secrets.token_urlsafe(18)
    request.session[SESSION_KEY] = {
        token: {
            "council_id": council.pk,
            "user_id": request.user.pk,
            "create_units": form.cleaned_data["create_units"],
            "filename": form.cleaned_data["file"].name[:200],
            "file_kind": table.file_kind,
            "ignored": table.ignored_headers[:20],
            "columns": table.columns,
            "created": timezone.now().isoformat(),
            "rows": [row.to_dict() for row in table.rows],
        }
    }
    return token


def _pending(request: HttpRequest, token: str, council: Council) -> dict | None:
    """The stored import for this token, if it is still there and still fresh."""
    pending = (request.session.get(SESSION_KEY) or {}).get(token)
    if not pending:
        return None
    permissions.deny_unless(
        permissions.owns_pending_import(request.user, council, pending)
    )
    created = datetime.datetime.fromisoformat(pending["created"])
    if timezone.now() - created > PENDING_TTL:
        _forget(request, token)
        return None
    return pending


def _rows(pending: dict) -> list[uploads.ImportRow]:
    return [uploads.ImportRow.from_dict(r) for r in pending["rows"]]


def _forget(request: HttpRequest, token: str) -> None:
    stored = request.session.get(SESSION_KEY) or {}
    if token in stored:
        del stored[token]
        request.session[SESSION_KEY] = stored


def _expired(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _(
            "Lần nhập này đã được xác nhận, đã hủy hoặc đã hết hạn; không có gì thay "
            "đổi. Hãy tải tệp lên lại nếu cần."
        ),
    )
    return redirect("blocs:import-upload")


def _confirmed(result: services.ImportResult) -> str:
    parts = [
        _(
            "Đã nhập %(added)s đơn vị thành viên (tạo mới %(units)s đơn vị, mở "
            "%(years)s năm thi đua của khối)."
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
    return " ".join(parts)


# --- Upload, preview, confirm, cancel ---------------------------------------------------


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file; nothing is saved: the rows are kept for the preview."""
    council = permissions.get_board_council_or_deny(request.user)
    form = bind(request, ImportUploadForm)
    return form_view(
        request,
        form,
        template="blocs/io/import_upload.html",
        run=lambda: _store(request, council, form),
        success_url=lambda token: reverse("blocs:import-preview", args=[token]),
        context={"council": council, "columns": uploads.COLUMNS},
    )


@require_GET
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Every row with what it would do; validated against the database on each view."""
    council = permissions.get_board_council_or_deny(request.user)
    pending = _pending(request, token, council)
    if pending is None:
        return _expired(request)
    preview = selectors.import_validate(
        council=council, rows=_rows(pending), create_units=pending["create_units"]
    )
    only_errors = request.GET.get("loc") == "loi"
    context = {
        "council": council,
        "token": token,
        "pending": pending,
        "preview": preview,
        "counts": preview.counts,
        "rows": [r for r in preview.rows if r.is_error or not only_errors],
        "only_errors": only_errors,
        "optional_columns": [
            c for c in uploads.COLUMNS if not c.required and c.key in pending["columns"]
        ],
    }
    return render(request, "blocs/io/import_preview.html", context)


@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Save the valid rows (validated again, in one transaction); rows with errors are
    skipped."""
    council = permissions.get_board_council_or_deny(request.user)
    token = request.POST.get("token", "")
    pending = _pending(request, token, council)
    if pending is None:
        return _expired(request)
    result = services.import_confirm(
        council=council, rows=_rows(pending), create_units=pending["create_units"]
    )
    # The token is used once: a second submit of the same form finds nothing to do.
    _forget(request, token)
    level = messages.SUCCESS if result.added or not result.skipped else messages.WARNING
    messages.add_message(request, level, _confirmed(result))
    # Show the blocs of the (first) year that received members.
    target = reverse("blocs:bloc-list")
    if result.years:
        target += f"?year={min(result.years)}"
    return redirect(target)


@require_POST
def import_cancel(request: HttpRequest) -> HttpResponse:
    council = permissions.get_board_council_or_deny(request.user)
    token = request.POST.get("token", "")
    if _pending(request, token, council) is not None:
        _forget(request, token)
        messages.info(request, _("Đã hủy lần nhập; không có dữ liệu nào được lưu."))
    return redirect("blocs:import-upload")


# --- Downloads --------------------------------------------------------------------------


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The .xlsx template: the headers, one example row, the council's blocs as a
    drop-down list."""
    council = permissions.get_board_council_or_deny(request.user)
    names = selectors.template_bloc_names(council=council)
    return _xlsx_response(
        exports.import_template_xlsx(bloc_names=names),
        "mau-nhap-don-vi-thanh-vien.xlsx",
    )


@require_GET
def blocyear_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, pk)
    members = list(selectors.bloc_year_members(bloc_year=bloc_year))
    return _xlsx_response(
        exports.blocyear_members_xlsx(bloc_year=bloc_year, members=members),
        exports.export_filename(bloc_year, "xlsx"),
    )


@require_GET
def blocyear_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, pk)
    pdf = documents.member_list_pdf(bloc_year=bloc_year)
    return pdf_response(
        pdf,
        exports.export_filename(bloc_year, "pdf"),
        inline=request.GET.get("xem") == "1",
    )
