"""Who may do what: the one place every view asks.

Roles (emulation.User.Role):
- board staff manage everything of their own council;
- a unit secretary acts for their own unit only, and gets the chair's rights for a
  bloc-year when their unit chairs or vice-chairs it (derived from the membership,
  never stored twice), from 1 January of that year once the board has approved;
- a viewer reads their council's pages.
Superusers pass every check (they also have the Django admin).

Views use the `get_*_or_deny` helpers: a missing object is a 404, an object the
user may not see or change is a 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

if TYPE_CHECKING:  # pragma: no cover
    from blocs.models import BlocYear, Council, Unit
    from emulation.models import User


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def in_council(user: User, council_id: int | None) -> bool:
    """Any role may read its own council's pages."""
    if not _active(user):
        return False
    return user.is_superuser or (
        council_id is not None and user.council_id == council_id
    )


def is_board_of(user: User, council_id: int | None) -> bool:
    """Board staff of this council (the application's administrators for it)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return (
        user.role == "board"
        and council_id is not None
        and user.council_id == council_id
    )


def acts_for_unit(user: User, unit: Unit | None) -> bool:
    """A unit secretary acts for their own unit and no other."""
    if not _active(user) or unit is None:
        return False
    return user.role == "secretary" and user.unit_id == unit.pk


def chair_bloc_year_ids(user: User) -> frozenset[int]:
    """The bloc-years whose chair's rights this user holds now (cached on the user)."""
    if not _active(user) or user.role != "secretary" or not user.unit_id:
        return frozenset()
    cached = getattr(user, "_chair_bloc_year_ids", None)
    if cached is not None:
        return cached
    from blocs.models import Membership

    today = timezone.localdate()
    rows = (
        Membership.objects.filter(
            unit_id=user.unit_id,
            role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR],
            year__lte=today.year,
        )
        .select_related("bloc_year__bloc__council")
        .only(
            "bloc_year_id",
            "year",
            "bloc_year__roles_approved_on",
            "bloc_year__bloc__council__chair_approval_required",
        )
    )
    ids = frozenset(
        m.bloc_year_id
        for m in rows
        if m.bloc_year.roles_approved_on is not None
        or not m.bloc_year.bloc.council.chair_approval_required
    )
    user._chair_bloc_year_ids = ids
    return ids


def is_chair_of(user: User, bloc_year: BlocYear) -> bool:
    """The user's unit chairs or vice-chairs this bloc-year and the rights have started."""
    return bloc_year.pk in chair_bloc_year_ids(user)


def can_run_bloc_year(user: User, bloc_year: BlocYear) -> bool:
    """The chair's tools: the chair and vice-chair units' secretaries, and board staff."""
    return is_board_of(user, bloc_year.bloc.council_id) or is_chair_of(user, bloc_year)


def can_manage_council(user: User, council: Council) -> bool:
    return is_board_of(user, council.pk)


# --- Fetch helpers -------------------------------------------------------------------


def get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def get_council_or_deny(user: User, pk: int, *, manage: bool = False) -> Council:
    from blocs.models import Council

    council = get_or_404(Council.objects.all(), pk=pk)
    deny_unless(
        is_board_of(user, council.pk) if manage else in_council(user, council.pk)
    )
    return council


def get_bloc_year_or_deny(
    user: User, pk: int, *, run: bool = False, manage: bool = False
):
    """A bloc-year the user may see; `run` asks for the chair's rights, `manage` for the board's."""
    from blocs.models import BlocYear

    bloc_year = get_or_404(BlocYear.objects.select_related("bloc__council"), pk=pk)
    council_id = bloc_year.bloc.council_id
    if manage:
        deny_unless(is_board_of(user, council_id))
    elif run:
        deny_unless(can_run_bloc_year(user, bloc_year))
    else:
        deny_unless(in_council(user, council_id))
    return bloc_year


def get_unit_or_deny(
    user: User, pk: int, *, act: bool = False, manage: bool = False
) -> Unit:
    """A unit of the user's council; `act` asks to act for it, `manage` for the board's rights."""
    from blocs.models import Unit

    unit = get_or_404(Unit.objects.select_related("council"), pk=pk)
    if manage:
        deny_unless(is_board_of(user, unit.council_id))
    elif act:
        deny_unless(acts_for_unit(user, unit))
    else:
        deny_unless(in_council(user, unit.council_id))
    return unit


# --- Campaigns, meetings, covenants, registrations (campaigns app) ------------------


def can_sign_for_unit(user: User, unit: Unit | None) -> bool:
    """A covenant is signed for a unit by that unit's own secretary, and by nobody else."""
    return acts_for_unit(user, unit)


def can_launch_campaign(
    user: User,
    *,
    council_id: int | None,
    level: str,
    bloc_year: BlocYear | None = None,
    unit: Unit | None = None,
) -> bool:
    """Who launches a campaign at which level: the board at any level of its council,
    the chair for its bloc-year, a unit's secretary for their own unit."""
    if is_board_of(user, council_id):
        return True
    if level == "bloc":
        return (
            bloc_year is not None
            and bloc_year.bloc.council_id == council_id
            and is_chair_of(user, bloc_year)
        )
    if level == "unit":
        return (
            unit is not None
            and unit.council_id == council_id
            and acts_for_unit(user, unit)
        )
    return False


def can_manage_campaign(user: User, campaign) -> bool:
    """Edit or delete a campaign: whoever may launch one at its level for its launcher."""
    return can_launch_campaign(
        user,
        council_id=campaign.council_id,
        level=campaign.level,
        bloc_year=campaign.bloc_year,
        unit=campaign.unit,
    )


def get_campaign_or_deny(user: User, pk: int, *, manage: bool = False):
    """A campaign of the user's council; `manage` asks for the right to change it."""
    from campaigns.models import Campaign

    campaign = get_or_404(
        Campaign.objects.select_related("council", "unit", "bloc_year__bloc"), pk=pk
    )
    deny_unless(in_council(user, campaign.council_id))
    if manage:
        deny_unless(can_manage_campaign(user, campaign))
    return campaign


def get_covenant_or_deny(user: User, pk: int, *, run: bool = False):
    """A covenant of the user's council; `run` asks for the chair's (or the board's) rights."""
    from campaigns.models import Covenant

    covenant = get_or_404(
        Covenant.objects.select_related("bloc_year__bloc__council"), pk=pk
    )
    bloc_year = covenant.bloc_year
    if run:
        deny_unless(can_run_bloc_year(user, bloc_year))
    else:
        deny_unless(in_council(user, bloc_year.bloc.council_id))
    return covenant


def get_meeting_or_deny(user: User, pk: int, *, run: bool = False):
    """A meeting of a bloc-year of the user's council; `run` asks for the chair's rights."""
    from campaigns.models import Meeting

    meeting = get_or_404(
        Meeting.objects.select_related("bloc_year__bloc__council", "host_unit"), pk=pk
    )
    if run:
        deny_unless(can_run_bloc_year(user, meeting.bloc_year))
    else:
        deny_unless(in_council(user, meeting.bloc_year.bloc.council_id))
    return meeting


def get_registration_or_deny(user: User, pk: int):
    """A unit's registration, readable by anyone of the council."""
    from campaigns.models import Registration

    registration = get_or_404(
        Registration.objects.select_related("bloc_year__bloc__council", "unit"), pk=pk
    )
    deny_unless(in_council(user, registration.bloc_year.bloc.council_id))
    return registration


# --- Blocs (blocs app: read pages and board forms) --------------------------------


def get_bloc_or_deny(user: User, pk: int, *, manage: bool = False):
    """A bloc of the user's council; `manage` asks for the board's rights."""
    from blocs.models import Bloc

    bloc = get_or_404(Bloc.objects.select_related("council"), pk=pk)
    deny_unless(
        is_board_of(user, bloc.council_id)
        if manage
        else in_council(user, bloc.council_id)
    )
    return bloc


# --- Blocs workflows (blocs/views_workflow.py) ------------------------------------


def can_record_election(user: User, bloc) -> bool:
    """Record next year's chair election: the council's board staff, or the secretary of a unit
    that chairs or vice-chairs the bloc this calendar year (rights started, see chair_bloc_year_ids)."""
    if is_board_of(user, bloc.council_id):
        return True
    ids = chair_bloc_year_ids(user)
    if not ids:
        return False
    from blocs.models import BlocYear

    return BlocYear.objects.filter(
        pk__in=ids, bloc_id=bloc.pk, year=timezone.localdate().year
    ).exists()
