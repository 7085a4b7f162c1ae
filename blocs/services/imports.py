"""Writes of an import of members (board staff): saving the valid rows of a file, through
the same services as the forms, so the council's rules apply as they do there (a new
bloc-year takes the council's chair-selection method, a new unit's name is normalised
and checked, a unit joins one bloc a year)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from blocs.models import BlocYear
from blocs.selectors import ImportOutcome, bloc_year_of, import_validate
from blocs.services.reference import bloc_year_create, membership_add, unit_create
from blocs.uploads import ImportRow, unit_fields
from emulation.models import Council, Unit


@dataclass
class ImportResult:
    added: int = 0
    created_units: int = 0
    created_bloc_years: int = 0
    unchanged: int = 0
    skipped: int = 0
    years: list[int] = field(default_factory=list)  # the years that got new members


@transaction.atomic
def import_confirm(
    *, council: Council, rows: list[ImportRow], create_units: bool
) -> ImportResult:
    """Save the valid rows of an import; rows with errors are skipped.

    The council row is locked so two imports (or a double submit) run one after the
    other; each validates again against what the other saved, so a second run of the
    same rows finds them all "already a member" and changes nothing.
    """
    list(
        Council.objects.select_for_update()
        .filter(pk=council.pk)
        .values_list("pk", flat=True)
    )
    preview = import_validate(council=council, rows=rows, create_units=create_units)
    result = ImportResult()
    created: dict[str, Unit] = {}
    bloc_years: dict[tuple[int, int], BlocYear] = {}
    for row in preview.rows:
        if row.outcome == ImportOutcome.ERROR:
            result.skipped += 1
            continue
        if row.outcome == ImportOutcome.EXISTS:
            result.unchanged += 1
            continue
        assert row.bloc is not None and row.year is not None
        unit = row.unit or created.get(row.new_unit_key)
        if unit is None:
            unit = unit_create(council=council, **unit_fields(row.values))
            created[row.new_unit_key] = unit
            result.created_units += 1
        key = (row.bloc.pk, row.year)
        if key not in bloc_years:
            bloc_years[key] = bloc_year_of(bloc=row.bloc, year=row.year)
            if bloc_years[key] is None:
                bloc_years[key] = bloc_year_create(bloc=row.bloc, year=row.year)
                result.created_bloc_years += 1
        membership_add(bloc_year=bloc_years[key], unit=unit)
        result.added += 1
        if row.year not in result.years:
            result.years.append(row.year)
    return result
