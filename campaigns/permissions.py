"""Who may do what in the campaigns app: campaigns, meetings, covenants, signatures
and registrations. Built on the kernel's and the blocs app's predicates, which are
re-exported so views import one module."""

from __future__ import annotations

from blocs.models import BlocYear
from blocs.permissions import (  # noqa: F401 (re-exported for the views)
    acts_for_unit,
    can_run_bloc_year,
    chair_bloc_year_ids,
    deny_unless,
    get_bloc_year_or_deny,
    get_council_or_deny,
    get_or_404,
    get_unit_or_deny,
    in_council,
    is_board_of,
    is_chair_of,
)
from campaigns.models import Campaign, Covenant, Meeting, Registration
from emulation.models import Unit, User


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
    if level == Campaign.Level.BLOC:
        return (
            bloc_year is not None
            and bloc_year.bloc.council_id == council_id
            and is_chair_of(user, bloc_year)
        )
    if level == Campaign.Level.UNIT:
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
    campaign = get_or_404(
        Campaign.objects.select_related("council", "unit", "bloc_year__bloc"), pk=pk
    )
    deny_unless(in_council(user, campaign.council_id))
    if manage:
        deny_unless(can_manage_campaign(user, campaign))
    return campaign


def get_covenant_or_deny(user: User, pk: int, *, run: bool = False):
    """A covenant of the user's council; `run` asks for the chair's (or the board's) rights."""
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
    registration = get_or_404(
        Registration.objects.select_related("bloc_year__bloc__council", "unit"), pk=pk
    )
    deny_unless(in_council(user, registration.bloc_year.bloc.council_id))
    return registration
