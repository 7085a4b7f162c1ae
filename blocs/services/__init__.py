"""Writes of the blocs app, one module per workflow: `reference` (units, blocs,
bloc-years, memberships, rotation order), `elections` (and the council's rules for
chairs), `year_open`, `restructuring` and `imports`. Views, commands and other apps call
them; the reads they need are in blocs.selectors. The names below are re-exported so
callers write `services.unit_create(...)`."""

from blocs.services.elections import (
    BLOC_RULES_FIELDS,
    bloc_rules_update,
    election_decide,
    election_record,
)
from blocs.services.imports import ImportResult, import_confirm
from blocs.services.reference import (
    BLOC_FIELDS,
    BLOC_YEAR_SCHEDULE_FIELDS,
    UNIT_FIELDS,
    bloc_create,
    bloc_update,
    bloc_year_create,
    bloc_year_member_add,
    bloc_year_member_remove,
    bloc_year_update,
    membership_add,
    rotation_set,
    unit_create,
    unit_update,
)
from blocs.services.restructuring import unit_rename, units_merge
from blocs.services.year_open import year_open

__all__ = [
    "BLOC_FIELDS",
    "BLOC_RULES_FIELDS",
    "BLOC_YEAR_SCHEDULE_FIELDS",
    "UNIT_FIELDS",
    "ImportResult",
    "bloc_create",
    "bloc_rules_update",
    "bloc_update",
    "bloc_year_create",
    "bloc_year_member_add",
    "bloc_year_member_remove",
    "bloc_year_update",
    "election_decide",
    "election_record",
    "import_confirm",
    "membership_add",
    "rotation_set",
    "unit_create",
    "unit_rename",
    "unit_update",
    "units_merge",
    "year_open",
]
