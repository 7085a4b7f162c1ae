"""Read helpers for restructured units: predecessors, successors, the unit a history
continues in (docs/domain.md §4.2, §4.3).

A merge (A + B → C) or a rename (A → A') is a `Succession` row. Nothing of the past is
rewritten: A keeps its memberships and awards, and these helpers follow the links when a
page or a rule needs the whole story ("two consecutive years", the unit page's history,
who takes a merged unit's place in the rotation).

Each walk is breadth-first, one query per generation (restructurings are rarely more than
two or three deep), and keeps a visited set, so a bad cycle in the data cannot loop
forever.
"""

from __future__ import annotations

from collections.abc import Iterable

from emulation.models import Succession, Unit


def _walk(unit: Unit, *, forward: bool) -> list[Succession]:
    """Every succession link reachable from `unit`, nearest generation first."""
    near, far = (
        ("predecessor", "successor") if forward else ("successor", "predecessor")
    )
    links: list[Succession] = []
    seen_links: set[int] = set()
    visited = {unit.pk}
    frontier = {unit.pk}
    while frontier:
        generation = list(
            Succession.objects.filter(**{f"{near}_id__in": frontier})
            .select_related("predecessor", "successor")
            .order_by(f"{far}__sort_key", "effective_on", "pk")
        )
        frontier = set()
        for link in generation:
            if link.pk in seen_links:
                continue
            seen_links.add(link.pk)
            links.append(link)
            other_id = getattr(link, f"{far}_id")
            if other_id not in visited:
                visited.add(other_id)
                frontier.add(other_id)
    return links


def predecessor_links(unit: Unit) -> list[Succession]:
    """The links into `unit`, transitively (its predecessors' predecessors too), nearest first.

    Each link has `predecessor` and `successor` loaded, with `kind`, `effective_on`, `reference`.
    """
    return _walk(unit, forward=False)


def successor_links(unit: Unit) -> list[Succession]:
    """The links out of `unit`, transitively, nearest first (same shape as `predecessor_links`)."""
    return _walk(unit, forward=True)


def _distinct(units: Iterable[Unit], *, skip: int) -> list[Unit]:
    seen = {skip}
    out = []
    for u in units:
        if u.pk not in seen:
            seen.add(u.pk)
            out.append(u)
    return out


def unit_predecessors(unit: Unit) -> list[Unit]:
    """All units whose history continues in `unit`, transitively, nearest generation first."""
    return _distinct(
        (link.predecessor for link in predecessor_links(unit)), skip=unit.pk
    )


def unit_successors(unit: Unit) -> list[Unit]:
    """All units that continue `unit`'s history, transitively, nearest generation first."""
    return _distinct((link.successor for link in successor_links(unit)), skip=unit.pk)


def unit_lineage(unit: Unit) -> list[Unit]:
    """The unit itself followed by all its predecessors: whose records count as this unit's past."""
    return [unit, *unit_predecessors(unit)]


def current_successors(units: Iterable[Unit]) -> dict[int, list[Unit]]:
    """For each unit, the unit(s) its history continues in today.

    An active unit continues in itself (even if a part was split off from it). A merged or
    renamed unit continues in the active end(s) of its succession chain: one unit after a
    merge or a rename, several after a split. A unit with no successor (dissolved, or merged
    but the link was never recorded) maps to itself, so callers check the status. The lists
    are in Vietnamese name order. One query per generation of links.
    """
    units = list(units)
    result: dict[int, list[Unit]] = {}
    by_id: dict[int, Unit] = {}
    out_links: dict[int, list[int]] = {}
    frontier: set[int] = set()
    for u in units:
        by_id[u.pk] = u
        if u.status != Unit.Status.ACTIVE:
            frontier.add(u.pk)
    explored: set[int] = set()
    while frontier:
        explored |= frontier
        next_frontier: set[int] = set()
        for link in Succession.objects.filter(
            predecessor_id__in=frontier
        ).select_related("successor"):
            out_links.setdefault(link.predecessor_id, []).append(link.successor_id)
            successor = link.successor
            by_id.setdefault(successor.pk, successor)
            if successor.status != Unit.Status.ACTIVE and successor.pk not in explored:
                next_frontier.add(successor.pk)
        frontier = next_frontier

    def ends(start: int) -> list[Unit]:
        found: dict[int, Unit] = {}
        visited = {start}
        stack = [start]
        while stack:
            uid = stack.pop()
            u = by_id[uid]
            nexts = out_links.get(uid, []) if u.status != Unit.Status.ACTIVE else []
            if not nexts:
                if u.status == Unit.Status.ACTIVE or uid == start:
                    found[uid] = u
                continue
            for nid in nexts:
                if nid not in visited:
                    visited.add(nid)
                    stack.append(nid)
        return sorted(found.values(), key=lambda x: x.sort_key)

    for u in units:
        result[u.pk] = ends(u.pk)
    return result
