"""Who may do what in the campaigns app: legal bases, campaigns, meetings, covenants,
signatures and registrations. Built on the kernel's and the blocs app's predicates,
which are re-exported so views import one module.

The `can_*` predicates are plain booleans (the views also pass them to templates); the
`get_*_or_deny` fetchers answer 404 for a missing object and 403 (PermissionDenied)
for one the user may not see or change. Superusers pass, as in emulation.permissions.
"""

from __future__ import annotations

from django.db.models import QuerySet

from blocs.models import BlocYear, Membership
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
from campaigns.models import (
    Campaign,
    Commitment,
    Covenant,
    CovenantAddendum,
    LegalBasis,
    Meeting,
    Registration,
    TitleKind,
)
from emulation.models import Council, Unit, User


def _superuser(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def get_own_council_or_deny(user: User, *, manage: bool = False) -> Council:
    """The user's council (every list of this app is per council); `manage` asks for
    the board's rights. A user without a council gets a 403."""
    council = user.council
    deny_unless(council is not None)
    if manage:
        deny_unless(is_board_of(user, council.pk))
    return council


def is_member_unit(bloc_year: BlocYear, unit: Unit | None) -> bool:
    """The unit is a member of the bloc-year."""
    return (
        unit is not None
        and Membership.objects.filter(bloc_year=bloc_year, unit_id=unit.pk).exists()
    )


# --- Legal bases ---------------------------------------------------------------------


def can_edit_national_legal_bases(user: User) -> bool:
    """National texts are shared by every council: only a system administrator edits
    them (docs/domain.md §2.5)."""
    return _superuser(user)


def can_edit_legal_basis(user: User, basis: LegalBasis) -> bool:
    """A council's own text: its board staff (and superusers); a national one:
    superusers."""
    if basis.council_id is None:
        return can_edit_national_legal_bases(user)
    return is_board_of(user, basis.council_id)


def get_legal_basis_or_deny(user: User, pk: int) -> LegalBasis:
    """A legal basis the user may edit."""
    basis = get_or_404(LegalBasis.objects.all(), pk=pk)
    deny_unless(can_edit_legal_basis(user, basis))
    return basis


# --- Campaigns -----------------------------------------------------------------------


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


def campaign_levels_for(user: User, council_id: int | None) -> set[str]:
    """The levels at which the user may launch: every level for the board, the bloc
    for a chair, the unit for a unit's secretary."""
    if is_board_of(user, council_id):
        return set(Campaign.Level.values)
    levels = set()
    if chair_bloc_year_ids(user):
        levels.add(Campaign.Level.BLOC)
    if user.unit_id:
        levels.add(Campaign.Level.UNIT)
    return levels


def can_launch_any_campaign(user: User, council_id: int | None) -> bool:
    """The board, a chair or a unit's secretary may launch something."""
    return (
        is_board_of(user, council_id)
        or bool(chair_bloc_year_ids(user))
        or acts_for_unit(user, user.unit)
    )


def get_launching_council_or_deny(user: User) -> Council:
    """The user's council, when the user may launch a campaign at some level."""
    council = get_own_council_or_deny(user)
    deny_unless(can_launch_any_campaign(user, council.pk))
    return council


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


# --- Meetings ------------------------------------------------------------------------


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


# --- Covenants -----------------------------------------------------------------------


def get_covenant_or_deny(
    user: User,
    pk: int,
    *,
    run: bool = False,
    queryset: QuerySet[Covenant] | None = None,
) -> Covenant:
    """A covenant of the user's council; `run` asks for the chair's (or the board's)
    rights. `queryset` (selecting at least the bloc-year's bloc) loads what the page
    shows."""
    if queryset is None:
        queryset = Covenant.objects.select_related("bloc_year__bloc__council")
    covenant = get_or_404(queryset, pk=pk)
    bloc_year = covenant.bloc_year
    if run:
        deny_unless(can_run_bloc_year(user, bloc_year))
    else:
        deny_unless(in_council(user, bloc_year.bloc.council_id))
    return covenant


def get_commitment_or_deny(user: User, pk: int) -> Commitment:
    """A commitment of a covenant whose chair's rights the user holds."""
    commitment = get_or_404(Commitment.objects.all(), pk=pk)
    commitment.covenant = get_covenant_or_deny(user, commitment.covenant_id, run=True)
    return commitment


def can_edit_covenant(user: User, covenant: Covenant) -> bool:
    """The chair (or the board) edits the text until the first signature freezes it."""
    return can_run_bloc_year(user, covenant.bloc_year) and covenant.is_editable


def can_open_covenant(user: User, covenant: Covenant) -> bool:
    """The chair (or the board) opens a draft for signing."""
    return (
        can_run_bloc_year(user, covenant.bloc_year)
        and covenant.status == Covenant.Status.DRAFTING
    )


# --- Signatures ----------------------------------------------------------------------


def can_sign_for_unit(user: User, unit: Unit | None) -> bool:
    """A covenant is signed for a unit by that unit's own secretary, and by nobody else."""
    return acts_for_unit(user, unit)


def can_sign_covenant(
    user: User, covenant: Covenant, unit: Unit | None, *, has_signed: bool
) -> bool:
    """A member unit's secretary signs while the covenant is open and the unit has not
    signed (`unit` is the user's member unit, or None)."""
    return (
        covenant.status == Covenant.Status.SIGNING
        and not has_signed
        and can_sign_for_unit(user, unit)
    )


def can_withdraw_signature(
    user: User, covenant: Covenant, unit: Unit | None, *, has_signed: bool
) -> bool:
    """A unit takes back its own signature while the covenant is not complete."""
    return (
        covenant.status == Covenant.Status.SIGNING
        and has_signed
        and can_sign_for_unit(user, unit)
    )


def get_signing_unit_or_deny(user: User, covenant: Covenant) -> Unit:
    """The unit the user signs for: their own, if it is a member of the bloc-year."""
    unit = user.unit
    deny_unless(can_sign_for_unit(user, unit))
    deny_unless(is_member_unit(covenant.bloc_year, unit))
    return unit


# --- Addenda (phụ lục gia nhập) -----------------------------------------------------


def can_sign_addendum(
    user: User, covenant: Covenant, unit: Unit | None, addendum: CovenantAddendum | None
) -> bool:
    """A unit that joined after the covenant was complete signs its addendum, through
    its own secretary, once."""
    return (
        covenant.status == Covenant.Status.COMPLETE
        and addendum is not None
        and addendum.signed_at is None
        and can_sign_for_unit(user, unit)
    )


def get_addendum_unit_or_deny(
    user: User, covenant: Covenant
) -> tuple[Unit, CovenantAddendum | None]:
    """The unit the user signs for (its own, a member: else 403) and its addendum, if it
    has one to sign."""
    unit = get_signing_unit_or_deny(user, covenant)
    addendum = (
        CovenantAddendum.objects.filter(covenant=covenant, unit=unit)
        .select_related("unit")
        .first()
    )
    return unit, addendum


# --- Title kinds and registrations ---------------------------------------------------


def get_title_kind_or_deny(user: User, pk: int) -> TitleKind:
    """A title kind the user may edit: the board of its council."""
    kind = get_or_404(TitleKind.objects.select_related("council"), pk=pk)
    deny_unless(is_board_of(user, kind.council_id))
    return kind


def can_register(user: User, unit: Unit | None, *, round_open: bool) -> bool:
    """A member unit's own secretary edits its registration while the round is open
    (`unit` is the member unit in question, or None)."""
    return round_open and acts_for_unit(user, unit)


def get_registering_unit_or_deny(user: User, bloc_year: BlocYear) -> Unit:
    """The unit the user registers for: their own, if it is a member of the bloc-year."""
    unit = user.unit
    deny_unless(acts_for_unit(user, unit))
    deny_unless(is_member_unit(bloc_year, unit))
    return unit


def get_registration_or_deny(user: User, pk: int):
    """A unit's registration, readable by anyone of the council."""
    registration = get_or_404(
        Registration.objects.select_related("bloc_year__bloc__council", "unit"), pk=pk
    )
    deny_unless(in_council(user, registration.bloc_year.bloc.council_id))
    return registration
