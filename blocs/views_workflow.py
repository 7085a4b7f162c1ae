"""Board and chair workflows: elections, approvals, opening a year, restructuring, settings.

Each view: fetch with permission (blocs.permissions: 404 missing, 403 not allowed), bind
the form, call the service (blocs.services), redirect with a message (PRG). A service's
ValidationError becomes a form error and the page is shown again with status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from blocs import permissions, services
from blocs.forms_workflow import (
    ElectionDecideForm,
    ElectionForm,
    UnitMergeForm,
    UnitRenameForm,
    YearOpenForm,
)
from blocs.models import Bloc, BlocYear, ChairElection, Membership
from blocs.selectors import bloc_rules
from emulation.models import Unit


def _year_param(request: HttpRequest, name: str, default: int | None) -> int | None:
    try:
        year = int(request.GET.get(name, ""))
    except ValueError:
        return default
    return year if 2000 <= year <= 2099 else default


def _bloc_year_url(bloc: Bloc, *years: int) -> str:
    """The first of these years' bloc-year pages that exists, else the bloc's page."""
    found = {by.year: by for by in BlocYear.objects.filter(bloc=bloc, year__in=years)}
    for year in years:
        if year in found:
            return found[year].get_absolute_url()
    return bloc.get_absolute_url()


def _status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


# --- Election of next year's chair ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def election_create(request: HttpRequest, bloc_pk: int) -> HttpResponse:
    """Ghi nhận kết quả chọn khối trưởng, khối phó năm sau (pre-filled from the rotation order)."""
    bloc = permissions.get_bloc_or_deny(request.user, bloc_pk)
    permissions.deny_unless(permissions.can_record_election(request.user, bloc))
    council = bloc.council
    is_board = permissions.is_board_of(request.user, council.pk)
    next_year = timezone.localdate().year + 1
    # The chair records next year's election; the board may record any year (?nam=).
    year = _year_param(request, "nam", next_year) if is_board else next_year

    problems: list[str] = []
    candidates: list[Unit] = []
    source_year = None
    proposal = None
    try:
        candidates, source_year = services.role_candidates(bloc=bloc, year=year)
        proposal = services.rotation_propose(bloc=bloc, year=year)
    except ValidationError as exc:
        problems = exc.messages
    initial: dict = {"method": bloc_rules(council).chair_selection_method}
    if proposal is not None:
        initial.update(chair=proposal.chair, vice_chairs=proposal.vice_chairs)
    form = ElectionForm(
        request.POST or None,
        initial=initial,
        candidates=candidates,
        vice_chair_count=bloc_rules(council).vice_chair_count,
    )
    form.helper.form_action = request.get_full_path()
    if request.method == "POST" and form.is_valid():
        try:
            election = services.election_record(
                bloc=bloc,
                year=year,
                chair=form.cleaned_data["chair"],
                vice_chairs=list(form.cleaned_data["vice_chairs"]),
                method=form.cleaned_data["method"],
                meeting_on=form.cleaned_data["meeting_on"],
                vote_summary=form.cleaned_data["vote_summary"],
                recorded_by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if election.status == ChairElection.Status.APPROVED:
                messages.success(
                    request,
                    _(
                        "Đã ghi nhận khối trưởng, khối phó năm %(year)s của %(bloc)s; kết quả có hiệu lực ngay."
                    )
                    % {"year": year, "bloc": bloc.name},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Đã ghi nhận kết quả chọn khối trưởng, khối phó năm %(year)s của %(bloc)s; "
                        "đang chờ Ban Thi đua – Khen thưởng phê duyệt."
                    )
                    % {"year": year, "bloc": bloc.name},
                )
            return redirect(_bloc_year_url(bloc, year, year - 1))

    elections = list(
        bloc.elections.select_related("chair", "recorded_by", "decided_by")
        .prefetch_related("vice_chairs")
        .order_by("-year", "-created_at")[:10]
    )
    in_force = next(
        (
            e
            for e in elections
            if e.year == year and e.status != ChairElection.Status.REJECTED
        ),
        None,
    )
    return render(
        request,
        "blocs/workflow/election_form.html",
        {
            "bloc": bloc,
            "council": council,
            "year": year,
            "source_year": source_year,
            "proposal": proposal,
            "problems": problems,
            "form": form,
            "elections": elections,
            "in_force": in_force,
            "is_board": is_board,
            "back_url": _bloc_year_url(bloc, year - 1, year),
            "year_choices": range(next_year + 1, next_year - 4, -1),
        },
        status=_status(request),
    )


@require_http_methods(["GET", "POST"])
def election_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Ban Thi đua – Khen thưởng phê duyệt (or not) a recorded election."""
    election = permissions.get_or_404(
        ChairElection.objects.select_related(
            "bloc__council", "chair", "recorded_by", "decided_by"
        ),
        pk=pk,
    )
    permissions.deny_unless(
        permissions.is_board_of(request.user, election.bloc.council_id)
    )
    bloc = election.bloc
    open_for_decision = election.status != ChairElection.Status.REJECTED
    form = ElectionDecideForm(
        request.POST or None,
        allow_approve=election.status == ChairElection.Status.PENDING,
    )
    form.helper.form_action = request.get_full_path()
    if request.method == "POST":
        if not open_for_decision:
            form.add_error(
                None,
                _("Kết quả này đã không được phê duyệt; hãy ghi nhận kết quả mới."),
            )
        elif form.is_valid():
            approve = form.cleaned_data["decision"] == ElectionDecideForm.APPROVE
            try:
                services.election_decide(
                    election=election,
                    approve=approve,
                    decided_by=request.user,
                    decided_on=form.cleaned_data["decided_on"],
                    reference=form.cleaned_data["reference"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if approve:
                    text = _(
                        "Đã phê duyệt khối trưởng, khối phó năm %(year)s của %(bloc)s. Quyền điều hành khối "
                        "chuyển cho đơn vị khối trưởng mới từ ngày 01/01/%(year)s."
                    )
                else:
                    text = _(
                        "Đã ghi nhận không phê duyệt kết quả chọn khối trưởng năm %(year)s của %(bloc)s."
                    )
                messages.success(
                    request, text % {"year": election.year, "bloc": bloc.name}
                )
                return redirect(_bloc_year_url(bloc, election.year, election.year - 1))

    bloc_year = BlocYear.objects.filter(bloc=bloc, year=election.year).first()
    current_roles = (
        list(
            bloc_year.memberships.exclude(role=Membership.Role.MEMBER)
            .select_related("unit")
            .order_by("role", "unit__sort_key")
        )
        if bloc_year
        else []
    )
    return render(
        request,
        "blocs/workflow/election_decide.html",
        {
            "election": election,
            "vice_chairs": list(election.vice_chairs.order_by("sort_key")),
            "bloc": bloc,
            "bloc_year": bloc_year,
            "current_roles": current_roles,
            "form": form if open_for_decision else None,
            "back_url": _bloc_year_url(bloc, election.year, election.year - 1),
        },
        status=_status(request),
    )


# --- Opening a new year ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def year_open(request: HttpRequest, bloc_pk: int) -> HttpResponse:
    """Mở năm thi đua mới: GET shows the preview, POST commits it (board only)."""
    bloc = permissions.get_bloc_or_deny(request.user, bloc_pk, manage=True)
    latest = bloc.years.order_by("-year").values_list("year", flat=True).first()
    problems: list[str] = []
    form = YearOpenForm(request.POST or None)
    if request.method == "POST":
        from_year = form.cleaned_data["from_year"] if form.is_valid() else None
        if from_year is None:
            problems.append(_("Năm thi đua không hợp lệ."))
    else:
        from_year = _year_param(request, "nam", latest)
    plan = None
    if from_year is None and not problems:
        problems.append(
            _(
                "Khối chưa có năm thi đua nào; hãy lập danh sách đơn vị thành viên trước."
            )
        )
    elif from_year is not None:
        try:
            plan = services.year_open_preview(bloc=bloc, from_year=from_year)
        except ValidationError as exc:
            problems.extend(exc.messages)
    if request.method == "POST" and plan is not None:
        try:
            bloc_year = services.year_open(
                bloc=bloc, from_year=from_year, opened_by=request.user
            )
        except ValidationError as exc:
            problems.extend(exc.messages)
        else:
            if plan.changes_nothing:
                messages.info(
                    request,
                    _(
                        "Năm thi đua %(year)s của %(bloc)s đã được mở trước đó; không có thay đổi."
                    )
                    % {"year": bloc_year.year, "bloc": bloc.name},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Đã mở năm thi đua %(year)s của %(bloc)s với %(count)s đơn vị thành viên."
                    )
                    % {
                        "year": bloc_year.year,
                        "bloc": bloc.name,
                        "count": bloc_year.memberships.count(),
                    },
                )
            return redirect(bloc_year)
    years = list(bloc.years.order_by("-year").values_list("year", flat=True))
    return render(
        request,
        "blocs/workflow/year_open.html",
        {
            "bloc": bloc,
            "plan": plan,
            "problems": problems,
            "from_year": from_year,
            "years": years,
            "back_url": _bloc_year_url(bloc, *years[:1])
            if years
            else bloc.get_absolute_url(),
        },
        status=_status(request),
    )


# --- Restructuring ------------------------------------------------------------------------------


def _board_council(request: HttpRequest):
    """The council of the signed-in board staff (404 if the account has none, 403 if not board)."""
    return permissions.get_council_or_deny(
        request.user, request.user.council_id, manage=True
    )


@require_http_methods(["GET", "POST"])
def unit_merge(request: HttpRequest) -> HttpResponse:
    """Sáp nhập, hợp nhất đơn vị: A + B → C (board only)."""
    council = _board_council(request)
    initial = {}
    if request.method == "GET":
        picked = [v for v in request.GET.getlist("don_vi") if v.isdigit()]
        if picked:
            initial["predecessors"] = Unit.objects.filter(
                council=council, status=Unit.Status.ACTIVE, pk__in=picked
            )
    form = UnitMergeForm(request.POST or None, initial=initial, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            successor = services.units_merge(
                council=council,
                predecessors=data["predecessors"],
                successor_name=data["successor_name"],
                effective_on=data["effective_on"],
                reference=data["reference"],
                kind=data["kind"] or None,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Đã sáp nhập %(units)s thành %(unit)s từ ngày %(date)s.")
                % {
                    "units": ", ".join(u.name for u in data["predecessors"]),
                    "unit": successor.name,
                    "date": data["effective_on"].strftime("%d/%m/%Y"),
                },
            )
            return redirect(successor)
    return render(
        request,
        "blocs/workflow/unit_merge.html",
        {
            "council": council,
            "form": form,
            "has_units": form.fields["predecessors"].queryset.exists(),
            "back_url": reverse("blocs:unit-list"),
        },
        status=_status(request),
    )


@require_http_methods(["GET", "POST"])
def unit_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """Đổi tên đơn vị (board only)."""
    unit = permissions.get_unit_or_deny(request.user, pk, manage=True)
    form = UnitRenameForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            renamed = services.unit_rename(
                unit=unit,
                new_name=data["new_name"],
                effective_on=data["effective_on"],
                reference=data["reference"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Đã đổi tên %(old)s thành %(new)s từ ngày %(date)s.")
                % {
                    "old": unit.name,
                    "new": renamed.name,
                    "date": data["effective_on"].strftime("%d/%m/%Y"),
                },
            )
            return redirect(renamed)
    return render(
        request,
        "blocs/workflow/unit_rename.html",
        {
            "unit": unit,
            "form": form,
            "is_active": unit.status == Unit.Status.ACTIVE,
            "back_url": unit.get_absolute_url(),
        },
        status=_status(request),
    )
