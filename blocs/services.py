"""State changes of the blocs app. Views, commands and imports call these; they
validate (full_clean), lock where a race matters, and return the object."""

from __future__ import annotations

import datetime

from django.db import transaction

from blocs.models import BlocYear, Membership, Unit


@transaction.atomic
def membership_add(
    *,
    bloc_year: BlocYear,
    unit: Unit,
    role: str = Membership.Role.MEMBER,
    joined_on: datetime.date | None = None,
) -> Membership:
    """Put a unit in a bloc for the bloc-year's year (full_clean refuses a second bloc)."""
    membership = Membership(
        bloc_year=bloc_year, unit=unit, year=bloc_year.year, role=role, joined_on=joined_on
    )
    membership.full_clean()
    membership.save()
    return membership
