"""Pages of the chair election: recording the choice of a year's chair and vice-chairs
(pre-filled from the rotation order), and the board's approval."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from blocs import permissions, selectors, services
from blocs.forms.elections import ElectionDecideForm, ElectionForm
from blocs.models import ChairElection
from blocs.views import year_param
from emulation.formviews import bind, form_view

# What the chair or the board reads after recording or deciding an election: (approved,
# otherwise), with the election's year and bloc.
RECORDED = (
    gettext_lazy(
        "Đã ghi nhận khối trưởng, khối phó năm %(year)s của %(bloc)s; kết quả "
        "có hiệu lực ngay."
    ),
    gettext_lazy(
        "Đã ghi nhận kết quả chọn khối trưởng, khối phó năm %(year)s của %(bloc)s; "
        "đang chờ Ban Thi đua – Khen thưởng phê duyệt."
    ),
)
DECIDED = (
    gettext_lazy(
        "Đã phê duyệt khối trưởng, khối phó năm %(year)s của %(bloc)s. Quyền "
        "điều hành khối chuyển cho đơn vị khối trưởng mới từ ngày "
        "01/01/%(year)s."
    ),
    gettext_lazy(
        "Đã ghi nhận không phê duyệt kết quả chọn khối trưởng năm %(year)s của "
        "%(bloc)s."
    ),
)


def _said(texts: tuple, election: ChairElection) -> str:
    approved = election.status == ChairElection.Status.APPROVED
    text = texts[0] if approved else texts[1]
    return text % {"year": election.year, "bloc": election.bloc.name}


@require_http_methods(["GET", "POST"])
def election_create(request: HttpRequest, bloc_pk: int) -> HttpResponse:
    """Ghi nhận kết quả chọn khối trưởng, khối phó năm sau (pre-filled from the
    rotation order)."""
    bloc = permissions.get_bloc_for_election_or_deny(request.user, bloc_pk)
    is_board = permissions.is_board_of(request.user, bloc.council_id)
    next_year = timezone.localdate().year + 1
    # The chair records next year's election; the board may record any year (?nam=).
    year = year_param(request, "nam", next_year) if is_board else next_year
    page = selectors.election_page(bloc=bloc, year=year)
    form = bind(request, ElectionForm, **page.pop("form_kwargs"))
    form.helper.form_action = request.get_full_path()
    return form_view(
        request,
        form,
        template="blocs/workflow/election_form.html",
        run=lambda: services.election_record(
            bloc=bloc, year=year, recorded_by=request.user, **form.cleaned_data
        ),
        success_url=lambda _election: selectors.bloc_year_url(bloc, year, year - 1),
        success_message=partial(_said, RECORDED),
        context={
            **page,
            "is_board": is_board,
            "year_choices": range(next_year + 1, next_year - 4, -1),
        },
    )


@require_http_methods(["GET", "POST"])
def election_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Ban Thi đua – Khen thưởng phê duyệt (or not) a recorded election."""
    election = permissions.get_election_or_deny(request.user, pk)
    form = bind(request, ElectionDecideForm, election=election)
    form.helper.form_action = request.get_full_path()
    return form_view(
        request,
        form,
        template="blocs/workflow/election_decide.html",
        run=lambda: services.election_decide(
            election=election,
            approve=form.approves,
            decided_by=request.user,
            decided_on=form.cleaned_data["decided_on"],
            reference=form.cleaned_data["reference"],
        ),
        success_url=lambda e: selectors.bloc_year_url(e.bloc, e.year, e.year - 1),
        success_message=partial(_said, DECIDED),
        context=selectors.election_decide_page(election=election),
    )
