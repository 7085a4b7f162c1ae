"""How the blocs app writes a list of units in a sentence and orders it on a page."""

from __future__ import annotations

from collections.abc import Iterable

from emulation.models import Unit


def unit_names(units: Iterable[Unit]) -> str:
    """ "Công an tỉnh, Thanh tra tỉnh": the names in the order given."""
    return ", ".join(u.name for u in units)


def by_name(units: Iterable[Unit]) -> list[Unit]:
    """The units in Vietnamese name order (their sort key)."""
    return sorted(units, key=lambda u: u.sort_key or u.name)
