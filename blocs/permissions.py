"""Who may do what in the blocs app: the chair's rights for a bloc-year, the board's
own council, and the fetchers of blocs, bloc-years and elections (docs/domain.md §2).

A unit secretary gets the chair's rights for a bloc-year when their unit chairs or
vice-chairs it (derived from the membership, never stored twice), from 1 January of
that year once the board has approved (when the council requires approval).
The kernel's generic predicates are re-exported so views import one module.
"""

from __future__ import annotations

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from blocs.models import Bloc, BlocYear, ChairElection, Membership
from emulation.models import Council, User
from emulation.permissions import (  # noqa: F401 (re-exported for the views)
    _active,
    acts_for_unit,
    can_manage_council,
    deny_unless,
    get_council_or_deny,
    get_or_404,
    get_unit_or_deny,
    in_council,
    is_board_of,
)


def chair_bloc_year_ids(user: User) -> frozenset[int]:
    """The bloc-years whose chair's rights this user holds now (cached on the user)."""
    if not _active(user) or user.role != User.Role.SECRETARY or not user.unit_id:
        return frozenset()
    cached = getattr(user, "_chair_bloc_year_ids", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    rows = (
        Membership.objects.filter(
            unit_id=user.unit_id,
            role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR],
            year__lte=today.year,
        )
        # A council without a BlocRules row has the default rules: approval required.
        .annotate(
            approval_required=Coalesce(
                "bloc_year__bloc__council__bloc_rules__chair_approval_required",
                Value(True),
            )
        )
        .values_list(
            "bloc_year_id", "bloc_year__roles_approved_on", "approval_required"
        )
    )
    ids = frozenset(
        bloc_year_id
        for bloc_year_id, approved_on, approval_required in rows
        if approved_on is not None or not approval_required
    )
    user._chair_bloc_year_ids = ids
    return ids


def is_chair_of(user: User, bloc_year: BlocYear) -> bool:
    """The user's unit chairs or vice-chairs this bloc-year and the rights have started."""
    return bloc_year.pk in chair_bloc_year_ids(user)


def can_run_bloc_year(user: User, bloc_year: BlocYear) -> bool:
    """The chair's tools: the chair and vice-chair units' secretaries, and board staff."""
    return is_board_of(user, bloc_year.bloc.council_id) or is_chair_of(user, bloc_year)


def get_bloc_year_or_deny(
    user: User, pk: int, *, run: bool = False, manage: bool = False
):
    """A bloc-year the user may see; `run` asks for the chair's rights, `manage` for
    the board's."""
    bloc_year = get_or_404(BlocYear.objects.select_related("bloc__council"), pk=pk)
    council_id = bloc_year.bloc.council_id
    if manage:
        deny_unless(is_board_of(user, council_id))
    elif run:
        deny_unless(can_run_bloc_year(user, bloc_year))
    else:
        deny_unless(in_council(user, council_id))
    return bloc_year


# --- The user's own council ----------------------------------------------------------


def get_council_id_or_deny(user: User) -> int:
    """The council whose lists the user reads: their own (an account without one, 403)."""
    deny_unless(user.council_id is not None)
    return user.council_id


def get_board_council_or_deny(user: User) -> Council:
    """The council of the signed-in board staff, for the board's forms, restructuring
    and imports (an account without a council, or not board staff: 403). The council
    comes through the user (cached: the page header reads it too)."""
    deny_unless(user.council_id is not None and is_board_of(user, user.council_id))
    return user.council


# --- Blocs and elections ------------------------------------------------------------


def get_bloc_or_deny(user: User, pk: int, *, manage: bool = False):
    """A bloc of the user's council; `manage` asks for the board's rights."""
    bloc = get_or_404(Bloc.objects.select_related("council"), pk=pk)
    deny_unless(
        is_board_of(user, bloc.council_id)
        if manage
        else in_council(user, bloc.council_id)
    )
    return bloc


def can_record_election(user: User, bloc) -> bool:
    """Record next year's chair election: the council's board staff, or the secretary of
    a unit that chairs or vice-chairs the bloc this calendar year (rights started, see
    chair_bloc_year_ids)."""
    if is_board_of(user, bloc.council_id):
        return True
    ids = chair_bloc_year_ids(user)
    if not ids:
        return False
    return BlocYear.objects.filter(
        pk__in=ids, bloc_id=bloc.pk, year=timezone.localdate().year
    ).exists()


def get_bloc_for_election_or_deny(user: User, pk: int):
    """A bloc whose election the user may record (see `can_record_election`)."""
    bloc = get_bloc_or_deny(user, pk)
    deny_unless(can_record_election(user, bloc))
    return bloc


def get_election_or_deny(user: User, pk: int) -> ChairElection:
    """An election for the board of its council to decide on."""
    election = get_or_404(
        ChairElection.objects.select_related(
            "bloc__council", "chair", "recorded_by", "decided_by"
        ),
        pk=pk,
    )
    deny_unless(is_board_of(user, election.bloc.council_id))
    return election


# --- Imports ------------------------------------------------------------------------


def owns_pending_import(user: User, council: Council, pending: dict) -> bool:
    """A stored import (upload → preview → confirm) is its uploader's, in their council;
    another's cannot normally be reached (the session is one user's), but is refused."""
    return pending.get("user_id") == user.pk and pending.get("council_id") == council.pk
