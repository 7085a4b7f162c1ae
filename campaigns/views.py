"""Pages of the campaigns app: campaigns and legal bases, meetings, the covenant and its
signing, title kinds and registrations.

Every view has the same shape: fetch with permission (campaigns.permissions: a missing
object is a 404, a forbidden one a 403), bind the form, call the service, redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blocs.models import BlocYear, Membership
from campaigns import forms, permissions, registration_documents, selectors, services
from campaigns.filters import CampaignFilter
from campaigns.models import (
    Campaign,
    Commitment,
    Covenant,
    LegalBasis,
    RegistrationRound,
    TitleKind,
)
from emulation.selectors import selected_year

PAGE_SIZE = 25


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _council(request: HttpRequest):
    """The user's council: every list of this app is per council."""
    council = request.user.council
    if council is None:
        raise PermissionDenied
    return council


def _is_member(bloc_year: BlocYear, unit_id: int | None) -> bool:
    return (
        unit_id is not None
        and Membership.objects.filter(bloc_year=bloc_year, unit_id=unit_id).exists()
    )


# --- Legal bases ---------------------------------------------------------------------


@require_GET
def legalbasis_list(request: HttpRequest) -> HttpResponse:
    council = _council(request)
    bases = selectors.legal_bases_for_council(council_id=council.pk)
    q = request.GET.get("q", "").strip()
    for word in q.split():
        bases = bases.filter(number__icontains=word) | bases.filter(
            title__icontains=word
        )
    page = Paginator(bases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/legalbasis_list.html",
        {
            "page": page,
            "q": q,
            "query": urlencode({"q": q}) if q else "",
            "can_manage": permissions.is_board_of(request.user, council.pk),
            "can_edit_national": request.user.is_superuser,
        },
    )


@require_http_methods(["GET", "POST"])
def legalbasis_create(request: HttpRequest) -> HttpResponse:
    council = _council(request)
    permissions.deny_unless(permissions.is_board_of(request.user, council.pk))
    form = forms.LegalBasisForm(request.POST or None, council_id=council.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_basis_create(council=council, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã thêm văn bản căn cứ."))
            return redirect("campaigns:legalbasis-list")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "campaigns/legalbasis_form.html", {"form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def legalbasis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request)
    basis = permissions.get_or_404(LegalBasis.objects.all(), pk=pk)
    permissions.deny_unless(basis.council_id in (None, council.pk))
    # National texts are shared by every council: only a system administrator edits them.
    allowed = (
        request.user.is_superuser
        if basis.council_id is None
        else permissions.is_board_of(request.user, basis.council_id)
    )
    permissions.deny_unless(allowed)
    form = forms.LegalBasisForm(
        request.POST or None, instance=basis, council_id=council.pk
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            services.legal_basis_update(
                basis=LegalBasis.objects.get(pk=basis.pk), **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã cập nhật văn bản căn cứ."))
            return redirect("campaigns:legalbasis-list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "campaigns/legalbasis_form.html",
        {"form": form, "basis": basis},
        status=status,
    )


# --- Campaigns -----------------------------------------------------------------------


def _may_launch_something(user, council) -> bool:
    return (
        permissions.is_board_of(user, council.pk)
        or bool(permissions.chair_bloc_year_ids(user))
        or permissions.acts_for_unit(user, user.unit)
    )


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    council = _council(request)
    data = request.GET.copy()
    if "year" not in data:
        data["year"] = str(selected_year(request))
    campaign_filter = CampaignFilter(
        data,
        queryset=selectors.campaigns_for_council(council_id=council.pk),
        council_id=council.pk,
    )
    page = Paginator(campaign_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "filter": campaign_filter,
            "page": page,
            "query": query.urlencode(),
            "can_create": _may_launch_something(request.user, council),
        },
    )


@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.get_campaign_or_deny(request.user, pk)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "can_manage": permissions.can_manage_campaign(request.user, campaign),
            **selectors.campaign_detail(campaign=campaign),
        },
    )


def _campaign_initial(request: HttpRequest) -> dict:
    initial: dict = {}
    user = request.user
    try:
        bloc_year_id = int(request.GET.get("bloc_year", ""))
    except ValueError:
        bloc_year_id = None
    if bloc_year_id:
        initial.update(level=Campaign.Level.BLOC, bloc_year=bloc_year_id)
    elif request.GET.get("level") in Campaign.Level.values:
        initial["level"] = request.GET["level"]
    elif permissions.is_board_of(user, user.council_id):
        initial["level"] = Campaign.Level.COUNCIL
    else:
        initial["level"] = Campaign.Level.UNIT
    if (
        user.unit_id
        and initial.get("level", Campaign.Level.UNIT) == Campaign.Level.UNIT
    ):
        initial["unit"] = user.unit_id
    return initial


@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    council = _council(request)
    permissions.deny_unless(_may_launch_something(request.user, council))
    form = forms.CampaignForm(
        request.POST or None,
        user=request.user,
        council=council,
        initial=_campaign_initial(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(council=council, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu phong trào thi đua."))
            return redirect(campaign)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "campaigns/campaign_form.html", {"form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.get_campaign_or_deny(request.user, pk, manage=True)
    form = forms.CampaignForm(
        request.POST or None,
        instance=campaign,
        user=request.user,
        council=campaign.council,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã cập nhật phong trào thi đua."))
            return redirect(campaign)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "campaign": campaign},
        status=status,
    )


@require_POST
def campaign_delete(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.get_campaign_or_deny(request.user, pk, manage=True)
    services.campaign_delete(campaign=campaign)
    messages.success(request, _("Đã xóa phong trào thi đua."))
    return redirect("campaigns:campaign-list")


# --- Meetings ------------------------------------------------------------------------


@require_GET
def meeting_list(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    return render(
        request,
        "campaigns/meeting_list.html",
        {
            "bloc_year": bloc_year,
            "meetings": list(selectors.meetings_of_bloc_year(bloc_year=bloc_year)),
            "can_run": permissions.can_run_bloc_year(request.user, bloc_year),
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_or_deny(request.user, pk)
    return render(
        request,
        "campaigns/meeting_detail.html",
        {
            "meeting": meeting,
            "bloc_year": meeting.bloc_year,
            "can_run": permissions.can_run_bloc_year(request.user, meeting.bloc_year),
            **selectors.meeting_detail(meeting=meeting),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk, run=True)
    initial = (
        {"held_on": bloc_year.launch_meeting_on} if bloc_year.launch_meeting_on else {}
    )
    form = forms.MeetingForm(request.POST or None, bloc_year=bloc_year, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(bloc_year=bloc_year, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu hội nghị."))
            return redirect("campaigns:meeting-detail", meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "campaigns/meeting_form.html",
        {"form": form, "bloc_year": bloc_year},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_or_deny(request.user, pk, run=True)
    form = forms.MeetingForm(
        request.POST or None, instance=meeting, bloc_year=meeting.bloc_year
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã cập nhật hội nghị."))
            return redirect("campaigns:meeting-detail", meeting.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "bloc_year": meeting.bloc_year, "meeting": meeting}
    return render(request, "campaigns/meeting_form.html", context, status=status)


@require_POST
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_or_deny(request.user, pk, run=True)
    bloc_year_pk = meeting.bloc_year_id
    services.meeting_delete(meeting=meeting)
    messages.success(request, _("Đã xóa hội nghị."))
    return redirect("campaigns:meeting-list", bloc_year_pk)


# --- Covenants -----------------------------------------------------------------------


@require_GET
def covenant_list(request: HttpRequest) -> HttpResponse:
    council = _council(request)
    year = selected_year(request)
    rows = selectors.covenant_list_for_council(council_id=council.pk, year=year)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    is_board = permissions.is_board_of(request.user, council.pk)
    chair_ids = permissions.chair_bloc_year_ids(request.user)
    for by in page:
        by.can_run = is_board or by.pk in chair_ids
    return render(
        request,
        "campaigns/covenant_list.html",
        {"page": page, "year": year, "is_board": is_board},
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
        messages.error(request, _errors(exc))
        existing = Covenant.objects.filter(bloc_year=bloc_year).first()
        return redirect(existing or bloc_year)
    except IntegrityError:
        # A racing double click: the one-to-one on bloc_year kept the first one.
        return redirect(Covenant.objects.get(bloc_year=bloc_year))
    messages.success(request, _("Đã tạo bản dự thảo giao ước thi đua."))
    return redirect(covenant)


def _editable(covenant: Covenant) -> bool:
    return covenant.frozen_at is None and covenant.status != Covenant.Status.COMPLETE


def _covenant_context(request: HttpRequest, covenant: Covenant) -> dict:
    user = request.user
    page = selectors.covenant_page(covenant=covenant)
    can_run = permissions.can_run_bloc_year(user, covenant.bloc_year)
    my_row = (
        next((r for r in page.rows if r.membership.unit_id == user.unit_id), None)
        if user.unit_id
        else None
    )
    acts = my_row is not None and permissions.can_sign_for_unit(user, my_row.unit)
    signing = covenant.status == Covenant.Status.SIGNING
    editable = _editable(covenant)
    return {
        "covenant": covenant,
        "bloc_year": covenant.bloc_year,
        "page": page,
        "my_row": my_row,
        "can_run": can_run,
        "can_edit": can_run and editable,
        "can_open": can_run and covenant.status == Covenant.Status.DRAFTING,
        "can_sign": acts and signing and my_row.signature is None,
        "can_withdraw": acts and signing and my_row.signature is not None,
        "show_board": can_run,
        "commitment_form": forms.CommitmentForm(),
    }


@require_GET
def covenant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk)
    return render(
        request, "campaigns/covenant_detail.html", _covenant_context(request, covenant)
    )


@require_http_methods(["GET", "POST"])
def covenant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk, run=True)
    if request.method == "GET" and not _editable(covenant):
        messages.error(
            request,
            _("Giao ước đã có đơn vị ký nên nội dung đã được khóa; không thể sửa đổi."),
        )
        return redirect(covenant)
    council_id = covenant.bloc_year.bloc.council_id
    form = forms.CovenantForm(
        request.POST or None, instance=covenant, council_id=council_id
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.covenant_update(
                covenant=Covenant.objects.get(pk=covenant.pk),
                legal_bases=data.pop("legal_bases"),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu nội dung giao ước."))
            return redirect(covenant)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "covenant": covenant, "bloc_year": covenant.bloc_year}
    return render(request, "campaigns/covenant_form.html", context, status=status)


@require_POST
def covenant_open(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk, run=True)
    try:
        services.covenant_open_for_signing(covenant=covenant)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(
            request, _("Đã mở ký kết giao ước. Các đơn vị thành viên có thể ký.")
        )
    return redirect(covenant)


@require_POST
def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk, run=True)
    form = forms.CommitmentForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_add(covenant=covenant, text=form.cleaned_data["text"])
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect(covenant)
        messages.success(request, _("Đã thêm nội dung giao ước."))
        return redirect(
            reverse("campaigns:covenant-detail", args=[covenant.pk]) + "#commitments"
        )
    context = _covenant_context(request, covenant)
    context["commitment_form"] = form
    return render(request, "campaigns/covenant_detail.html", context, status=400)


def _get_commitment(request: HttpRequest, pk: int) -> Commitment:
    commitment = permissions.get_or_404(Commitment.objects.all(), pk=pk)
    commitment.covenant = permissions.get_covenant_or_deny(
        request.user, commitment.covenant_id, run=True
    )
    return commitment


@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _get_commitment(request, pk)
    covenant = commitment.covenant
    if request.method == "GET" and not _editable(covenant):
        messages.error(
            request,
            _("Giao ước đã có đơn vị ký nên nội dung đã được khóa; không thể sửa đổi."),
        )
        return redirect(covenant)
    form = forms.CommitmentForm(request.POST or None, initial={"text": commitment.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_update(
                commitment=commitment, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã sửa nội dung giao ước."))
            return redirect(
                reverse("campaigns:covenant-detail", args=[covenant.pk])
                + "#commitments"
            )
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "commitment": commitment,
        "covenant": covenant,
        "bloc_year": covenant.bloc_year,
    }
    return render(request, "campaigns/commitment_form.html", context, status=status)


@require_POST
def commitment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _get_commitment(request, pk)
    try:
        services.commitment_delete(commitment=commitment)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("Đã xóa nội dung giao ước."))
    return redirect(
        reverse("campaigns:covenant-detail", args=[commitment.covenant_id])
        + "#commitments"
    )


@require_POST
def commitment_move(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _get_commitment(request, pk)
    try:
        services.commitment_move(
            commitment=commitment, up=request.POST.get("direction") != "down"
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect(
        reverse("campaigns:covenant-detail", args=[commitment.covenant_id])
        + "#commitments"
    )


def _signing_unit(request: HttpRequest, covenant: Covenant):
    """The unit the user signs for: their own, if it is a member of the bloc-year."""
    unit = request.user.unit
    permissions.deny_unless(permissions.can_sign_for_unit(request.user, unit))
    permissions.deny_unless(_is_member(covenant.bloc_year, unit.pk))
    return unit


@require_http_methods(["GET", "POST"])
def covenant_sign(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk)
    unit = _signing_unit(request, covenant)
    if covenant.status != Covenant.Status.SIGNING:
        messages.error(request, _("Giao ước hiện không mở để ký kết."))
        return redirect(covenant)
    initial = {"signer_name": unit.head_name, "signer_position": unit.head_position}
    form = forms.SignatureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.covenant_sign(
                covenant=covenant,
                unit=unit,
                recorded_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except IntegrityError:
            messages.error(request, _("Đơn vị đã ký giao ước này."))
            return redirect(covenant)
        else:
            covenant.refresh_from_db()
            if covenant.status == Covenant.Status.COMPLETE:
                messages.success(
                    request,
                    _("Đã ký. Tất cả đơn vị thành viên đã ký: giao ước đã hoàn tất."),
                )
            else:
                messages.success(request, _("Đã ghi nhận chữ ký của đơn vị."))
            return redirect(covenant)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "covenant": covenant,
        "bloc_year": covenant.bloc_year,
        "unit": unit,
    }
    return render(request, "campaigns/covenant_sign.html", context, status=status)


@require_POST
def covenant_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = permissions.get_covenant_or_deny(request.user, pk)
    unit = _signing_unit(request, covenant)
    try:
        services.covenant_withdraw_signature(
            covenant=covenant, unit=unit, withdrawn_by=request.user
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("Đã rút chữ ký của đơn vị."))
    return redirect(covenant)


# --- Title kinds ---------------------------------------------------------------------


@require_GET
def titlekind_list(request: HttpRequest) -> HttpResponse:
    council = _council(request)
    permissions.deny_unless(permissions.is_board_of(request.user, council.pk))
    services.title_kinds_ensure_defaults(council=council)
    kinds = selectors.title_kinds_for_council(council_id=council.pk, active_only=False)
    return render(
        request, "campaigns/titlekind_list.html", {"kinds": kinds, "council": council}
    )


@require_http_methods(["GET", "POST"])
def titlekind_create(request: HttpRequest) -> HttpResponse:
    council = _council(request)
    permissions.deny_unless(permissions.is_board_of(request.user, council.pk))
    form = forms.TitleKindForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            services.title_kind_create(council=council, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã thêm danh hiệu, hình thức khen thưởng."))
            return redirect("campaigns:titlekind-list")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "campaigns/titlekind_form.html", {"form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def titlekind_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kind = permissions.get_or_404(TitleKind.objects.all(), pk=pk)
    permissions.deny_unless(permissions.is_board_of(request.user, kind.council_id))
    form = forms.TitleKindForm(
        request.POST or None, instance=kind, council=kind.council
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.title_kind_update(kind=kind, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Đã cập nhật danh hiệu, hình thức khen thưởng.")
            )
            return redirect("campaigns:titlekind-list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "campaigns/titlekind_form.html",
        {"form": form, "kind": kind},
        status=status,
    )


# --- Registrations -------------------------------------------------------------------


def _round_context(bloc_year: BlocYear) -> dict:
    round_ = RegistrationRound.objects.filter(bloc_year=bloc_year).first()
    return {"round": round_, "is_open": services.registration_round_is_open(round_)}


@require_GET
def registration_list(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    rows = selectors.registration_overview(bloc_year=bloc_year)
    round_context = _round_context(bloc_year)
    deadline = round_context["round"].deadline if round_context["round"] else None
    return render(
        request,
        "campaigns/registration_list.html",
        {
            "bloc_year": bloc_year,
            "rows": rows,
            "n_registered": sum(
                1 for r in rows if r.registration and r.registration.submitted_at
            ),
            "can_run": permissions.can_run_bloc_year(request.user, bloc_year),
            "is_member": any(
                r.membership.unit_id == request.user.unit_id for r in rows
            ),
            "deadline_form": forms.RegistrationRoundForm(
                initial={"deadline": deadline}
            ),
            **round_context,
        },
    )


def _plain(value) -> str:
    """12.50 → "12.5", 100.00 → "100": what a person typed, not the column's scale."""
    return f"{value.normalize():f}"


def _registration_forms(request: HttpRequest, bloc_year: BlocYear, registration):
    services.title_kinds_ensure_defaults(council=bloc_year.bloc.council)
    kinds = selectors.title_kinds_for_council(council_id=bloc_year.bloc.council_id)
    if request.method == "POST":
        form = forms.RegistrationForm(request.POST, kinds=kinds)
        targets = forms.TargetFormSet(request.POST, prefix="targets")
        return form, targets
    initial: dict = {}
    target_initial: list[dict] = []
    if registration is not None:
        detail = selectors.registration_detail(registration=registration)
        initial["collective_titles"] = detail["collective_titles"]
        initial["note"] = registration.note
        for c in detail["individual_counts"]:
            initial[f"count_{c.title_id}"] = c.count
        target_initial = [
            {
                "name": t.name,
                "unit_of_measure": t.unit_of_measure,
                "target_value": _plain(t.target_value),
            }
            for t in detail["targets"]
        ]
    form = forms.RegistrationForm(initial=initial, kinds=kinds)
    targets = forms.TargetFormSet(initial=target_initial, prefix="targets")
    return form, targets


@require_http_methods(["GET", "POST"])
def registration_edit(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    """The user's own unit's registration for the bloc-year."""
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    unit = request.user.unit
    permissions.deny_unless(permissions.acts_for_unit(request.user, unit))
    permissions.deny_unless(_is_member(bloc_year, unit.pk))
    registration = bloc_year.registrations.filter(unit=unit).first()
    round_context = _round_context(bloc_year)
    if not round_context["is_open"]:
        messages.error(
            request,
            _("Đã hết hạn hoặc khối trưởng đã khóa đăng ký thi đua; không thể sửa."),
        )
        if registration is not None:
            return redirect("campaigns:registration-detail", registration.pk)
        return redirect("campaigns:registration-list", bloc_year.pk)
    form, targets = _registration_forms(request, bloc_year, registration)
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        rows = [t.cleaned_data for t in targets if t.is_filled]
        try:
            registration = services.registration_save(
                bloc_year=bloc_year,
                unit=unit,
                submitted_by=request.user,
                collective_titles=form.cleaned_data["collective_titles"],
                individual_counts=form.individual_counts(),
                targets=rows,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu đăng ký thi đua của đơn vị."))
            return redirect("campaigns:registration-detail", registration.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "bloc_year": bloc_year,
        "unit": unit,
        "form": form,
        "targets": targets,
        "registration": registration,
        **round_context,
    }
    return render(request, "campaigns/registration_form.html", context, status=status)


@require_GET
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = permissions.get_registration_or_deny(request.user, pk)
    bloc_year = registration.bloc_year
    round_context = _round_context(bloc_year)
    own = permissions.acts_for_unit(request.user, registration.unit)
    return render(
        request,
        "campaigns/registration_detail.html",
        {
            "registration": registration,
            "bloc_year": bloc_year,
            "can_edit": own and round_context["is_open"],
            **round_context,
            **selectors.registration_detail(registration=registration),
        },
    )


@require_POST
def registration_deadline(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk, run=True)
    form = forms.RegistrationRoundForm(request.POST)
    if form.is_valid():
        try:
            services.registration_round_set_deadline(
                bloc_year=bloc_year, deadline=form.cleaned_data["deadline"]
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Đã cập nhật hạn đăng ký thi đua."))
    else:
        messages.error(request, " ".join(form.errors.get("deadline", [])))
    return redirect("campaigns:registration-list", bloc_year.pk)


@require_POST
def registration_lock(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk, run=True)
    locked = request.POST.get("locked") == "1"
    services.registration_round_lock(bloc_year=bloc_year, locked=locked)
    messages.success(
        request,
        _("Đã khóa đăng ký thi đua.") if locked else _("Đã mở lại đăng ký thi đua."),
    )
    return redirect("campaigns:registration-list", bloc_year.pk)


@require_GET
def registration_summary_xlsx(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    summary = selectors.registration_summary(bloc_year=bloc_year)
    return registration_documents.summary_xlsx_response(summary)


@require_GET
def registration_summary_pdf(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    summary = selectors.registration_summary(bloc_year=bloc_year)
    return registration_documents.summary_pdf_response(summary)
