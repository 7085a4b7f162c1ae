"""Writes of opening a new year (docs/domain.md §5.1, §4.3): the members of year N
carried into year N+1 through their successions, with the approved election's roles."""

from __future__ import annotations

import logging

from django.db import transaction

from blocs.models import Bloc, BlocYear
from blocs.selectors import year_open_preview
from blocs.services.elections import apply_roles
from blocs.services.reference import bloc_year_create, membership_add

logger = logging.getLogger(__name__)


@transaction.atomic
def year_open(*, bloc: Bloc, from_year: int, opened_by) -> BlocYear:
    """Open year `from_year + 1` of the bloc: exactly what `year_open_preview` shows, in
    one transaction.

    Copies the members of year N (merged units replaced by their successor, dissolved or
    inactive units dropped, units already in another bloc that year left out), gives the
    approved election's chair and vice-chairs their roles with its approval date. Running
    it again changes nothing: existing rows are kept and nothing is duplicated.
    """
    # Lock the bloc so two board members opening the same year cannot interleave.
    bloc = Bloc.objects.select_for_update().select_related("council").get(pk=bloc.pk)
    plan = year_open_preview(bloc=bloc, from_year=from_year)
    target = plan.target or bloc_year_create(bloc=bloc, year=plan.to_year)
    for unit in plan.units_to_add:
        membership_add(bloc_year=target, unit=unit)
    if plan.roles_apply:
        apply_roles(
            bloc_year=target,
            chair=plan.chair,
            vice_chairs=plan.vice_chairs,
            approved_on=plan.election.decided_on,
            reference=plan.election.approval_reference,
            method=plan.election.method,
        )
    logger.info(
        "year_open bloc=%s %s→%s by=%s added=%s roles=%s",
        bloc.pk,
        from_year,
        plan.to_year,
        getattr(opened_by, "pk", None),
        len(plan.units_to_add),
        plan.roles_apply,
    )
    return target
