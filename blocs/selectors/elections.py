"""Reads of the chair election: who may hold a role, who held it, the rotation order's
proposal, and what the election pages show (docs/domain.md §3)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from blocs import rotation
from blocs.history import current_successors
from blocs.models import Bloc, BlocYear, ChairElection, Membership
from blocs.naming import by_name
from blocs.selectors.reference import bloc_rules, bloc_year_url, rotation_of_bloc
from emulation.models import Unit


def role_candidates(*, bloc: Bloc, year: int) -> tuple[list[Unit], int]:
    """The units that may chair or vice-chair `bloc` in `year`, and the year the list
    comes from.

    The members of the bloc's `year` if it is open, else of `year - 1` (the election is
    held at the year-end conference, before the new year is opened), each carried through
    its successions (a merged unit's place goes to its successor). Only units active in
    `year`.
    """
    years = {
        by.year: by
        for by in BlocYear.objects.filter(bloc=bloc, year__in=[year, year - 1])
    }
    source = years.get(year) or years.get(year - 1)
    if source is None:
        raise ValidationError(
            _(
                "%(bloc)s chưa có danh sách đơn vị thành viên năm %(prev)s hoặc năm "
                "%(year)s."
            )
            % {"bloc": bloc.name, "prev": year - 1, "year": year}
        )
    members = [m.unit for m in source.memberships.select_related("unit")]
    mapped = current_successors(members)
    found: dict[int, Unit] = {}
    for member in members:
        for unit in mapped[member.pk]:
            if unit.council_id == bloc.council_id and unit.is_active_in(year):
                found[unit.pk] = unit
    return by_name(found.values()), source.year


def year_roles(*, bloc: Bloc, year: int) -> tuple[Unit | None, list[Unit]]:
    """The chair and vice-chairs of `bloc` in `year`: from the bloc-year, else from the
    approved election."""
    rows = list(
        Membership.objects.filter(
            bloc_year__bloc=bloc,
            year=year,
            role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR],
        ).select_related("unit")
    )
    if rows:
        chair = next((m.unit for m in rows if m.role == Membership.Role.CHAIR), None)
        return chair, by_name(
            m.unit for m in rows if m.role == Membership.Role.VICE_CHAIR
        )
    election = (
        ChairElection.objects.filter(
            bloc=bloc, year=year, status=ChairElection.Status.APPROVED
        )
        .select_related("chair")
        .prefetch_related("vice_chairs")
        .first()
    )
    if election is not None:
        return election.chair, by_name(election.vice_chairs.all())
    return None, []


def rotation_propose(
    *, bloc: Bloc, year: int, candidates: list[Unit] | None = None
) -> rotation.RotationProposal:
    """`year`'s chair and vice-chairs by the rotation order (blocs.rotation.propose),
    from what the database knows; `candidates` saves reading them again."""
    if candidates is None:
        candidates, _source_year = role_candidates(bloc=bloc, year=year)
    rules = bloc_rules(bloc.council)
    prev_chair, prev_vices = year_roles(bloc=bloc, year=year - 1)
    order = [slot.unit for slot in rotation_of_bloc(bloc=bloc)]
    # A chair with a longer term: the chairs of the years before, newest first.
    earlier = [
        year_roles(bloc=bloc, year=back)[0]
        for back in range(year - 2, year - 1 - rules.chair_term_years, -1)
    ]
    known = order + ([prev_chair] if prev_chair else []) + list(prev_vices)
    return rotation.propose(
        bloc_name=bloc.name,
        year=year,
        candidates=candidates,
        order=order,
        successors=current_successors(known),
        history=rotation.History(prev_chair, prev_vices, earlier),
        rules=rules,
    )


def recent_elections(*, bloc: Bloc, limit: int = 10) -> list[ChairElection]:
    """The bloc's latest elections, newest year first, with the units and the people."""
    return list(
        bloc.elections.select_related("chair", "recorded_by", "decided_by")
        .prefetch_related("vice_chairs")
        .order_by("-year", "-created_at")[:limit]
    )


def election_page(*, bloc: Bloc, year: int) -> dict:
    """What the election form of `year` shows: the units to choose from and the year
    they come from, the rotation's proposal (or why there is none), the council's rules,
    the recent elections and the one in force for `year`."""
    rules = bloc_rules(bloc.council)
    problems: list[str] = []
    candidates: list[Unit] = []
    source_year = proposal = None
    try:
        candidates, source_year = role_candidates(bloc=bloc, year=year)
        proposal = rotation_propose(bloc=bloc, year=year, candidates=candidates)
    except ValidationError as exc:
        problems = exc.messages
    initial: dict = {"method": rules.chair_selection_method}
    if proposal is not None:
        initial.update(chair=proposal.chair, vice_chairs=proposal.vice_chairs)
    elections = recent_elections(bloc=bloc)
    in_force = next(
        (
            e
            for e in elections
            if e.year == year and e.status != ChairElection.Status.REJECTED
        ),
        None,
    )
    return {
        "bloc": bloc,
        "council": bloc.council,
        "rules": rules,
        "year": year,
        # The election form's arguments: pre-filled from the proposal.
        "form_kwargs": {
            "initial": initial,
            "candidates": candidates,
            "vice_chair_count": rules.vice_chair_count,
        },
        "source_year": source_year,
        "proposal": proposal,
        "problems": problems,
        "elections": elections,
        "in_force": in_force,
        "back_url": bloc_year_url(bloc, year - 1, year),
    }


def election_decide_page(*, election: ChairElection) -> dict:
    """What the board sees before deciding: the election, the year's bloc-year (if open)
    with its current roles."""
    bloc = election.bloc
    bloc_year = BlocYear.objects.filter(bloc=bloc, year=election.year).first()
    current_roles: list[Membership] = []
    if bloc_year is not None:
        current_roles = list(
            bloc_year.memberships.exclude(role=Membership.Role.MEMBER)
            .select_related("unit")
            .order_by("role", "unit__sort_key")
        )
    return {
        "election": election,
        "vice_chairs": list(election.vice_chairs.order_by("sort_key")),
        "bloc": bloc,
        "bloc_year": bloc_year,
        "current_roles": current_roles,
        "open_for_decision": election.status != ChairElection.Status.REJECTED,
        "back_url": bloc_year_url(bloc, election.year, election.year - 1),
    }
