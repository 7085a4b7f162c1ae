"""The rotation order's proposal of next year's chair and vice-chairs (docs/domain.md
§3.2, §3.4): the pure rule (blocs.rotation.propose, no database) and the proposal read
from the database (blocs.selectors.rotation_propose)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from blocs import rotation, selectors, services
from blocs.models import BlocRules, ChairElection
from emulation.models import Unit
from emulation.text import vietnamese_sort_key
from tests.factories import (
    UnitFactory,
    Y,
    add_year,
    make_bloc,
    make_election,
    set_rules,
)

# --- The rule itself, on plain data (no database) ------------------------------------


def plain_units(*names: str) -> list[Unit]:
    """Unsaved units with ids: all blocs.rotation needs."""
    return [
        Unit(pk=i, name=name, sort_key=vietnamese_sort_key(name))
        for i, name in enumerate(names, start=1)
    ]


def propose(units, *, order=None, successors=None, rules=None, **history):
    order = units if order is None else order
    known = {u.pk: [u] for u in units}
    return rotation.propose(
        bloc_name="Khối thi đua Nội chính",
        year=2026,
        candidates=units,
        order=order,
        successors={**known, **(successors or {})},
        history=rotation.History(**{"prev_chair": None, "prev_vices": [], **history}),
        rules=rules or BlocRules(),
    )


def test_the_rule_needs_no_database():
    a, b, c, d = plain_units(
        "Công an tỉnh", "Thanh tra tỉnh", "Tòa án", "Viện Kiểm sát"
    )
    proposal = propose([a, b, c, d], prev_chair=a, prev_vices=[c])
    assert (proposal.chair, proposal.vice_chairs) == (c, [d])
    assert proposal.explanation.splitlines()[0] == (
        "Năm 2025: khối trưởng là Công an tỉnh; khối phó: Tòa án."
    )


def test_the_rule_follows_the_order_when_the_vice_chair_does_not_move_up():
    a, b, c, d = plain_units(
        "Công an tỉnh", "Thanh tra tỉnh", "Tòa án", "Viện Kiểm sát"
    )
    rules = BlocRules(vice_chair_moves_up=False, vice_chair_count=2)
    proposal = propose([a, b, c, d], rules=rules, prev_chair=d, prev_vices=[b])
    assert (proposal.chair, proposal.vice_chairs) == (a, [b, c])  # wraps around


def test_the_rule_skips_a_split_units_slot_and_names_the_parts():
    a, b, c, d = plain_units("Công an tỉnh", "Sở Tư pháp", "Tòa án", "Viện Kiểm sát")
    proposal = propose([a, c, d], order=[a, b, c, d], successors={b.pk: [c, d]})
    assert (proposal.chair, proposal.vice_chairs) == (a, [c])
    assert "Sở Tư pháp đã chia tách thành Tòa án, Viện Kiểm sát" in proposal.explanation


def test_the_rule_keeps_the_chair_until_the_term_is_over():
    a, b, c = plain_units("Công an tỉnh", "Thanh tra tỉnh", "Tòa án")
    rules = BlocRules(chair_term_years=3)
    kept = propose([a, b, c], rules=rules, prev_chair=b, earlier_chairs=[b, a])
    assert kept.chair == b  # two years of three
    done = propose([a, b, c], rules=rules, prev_chair=b, earlier_chairs=[b, b])
    assert done.chair == c


def test_the_rule_refuses_a_bloc_without_active_members():
    with pytest.raises(ValidationError) as exc:
        propose([])
    assert exc.value.messages == [
        "Khối thi đua Nội chính không còn đơn vị thành viên nào đang hoạt động trong "
        "năm 2026."
    ]


# --- The proposal from the database ---------------------------------------------------


def test_rotation_vice_chair_moves_up_by_default(bloc, units):
    add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[3]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[3]
    assert proposal.vice_chairs == [units[4]]
    assert "khối phó năm trước làm khối trưởng năm sau" in proposal.explanation
    assert "Viện Kiểm sát nhân dân tỉnh" in proposal.explanation


def test_rotation_without_moving_up_takes_the_unit_after_last_chair(
    council, bloc, units
):
    set_rules(council, vice_chair_moves_up=False)
    add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[3]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[1]
    assert proposal.vice_chairs == [units[2]]
    assert "đơn vị kế tiếp sau Công an tỉnh" in proposal.explanation


def test_rotation_gives_the_council_number_of_vice_chairs(council, bloc, units):
    set_rules(council, vice_chair_count=2)
    add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[1], units[2]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[1]
    assert proposal.vice_chairs == [units[2], units[3]]


def test_rotation_with_no_vice_chairs(council, bloc, units):
    set_rules(council, vice_chair_count=0)
    add_year(bloc, Y, units, chair=units[2])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[3]
    assert proposal.vice_chairs == []


def test_rotation_wraps_around(bloc, units):
    add_year(bloc, Y, units, chair=units[4], vice_chairs=[units[5]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[5]
    assert proposal.vice_chairs == [units[0]]


def test_rotation_wraps_around_without_moving_up(council, bloc, units):
    set_rules(council, vice_chair_moves_up=False)
    add_year(bloc, Y, units, chair=units[5], vice_chairs=[units[3]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[0]
    assert proposal.vice_chairs == [units[1]]


def test_rotation_skips_units_that_are_not_members(bloc, units):
    # Thanh tra tỉnh (units[2]) is in the order but not a member this year.
    members = [u for u in units if u != units[2]]
    add_year(bloc, Y, members, chair=units[0], vice_chairs=[units[1]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[1]
    assert proposal.vice_chairs == [units[3]]
    assert "Không xét Thanh tra tỉnh" in proposal.explanation


def test_rotation_skips_dissolved_units(bloc, units):
    add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[1]])
    units[2].status = Unit.Status.DISSOLVED
    units[2].save()
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.vice_chairs == [units[3]]


def test_rotation_gives_a_merged_units_slot_to_its_successor(council, bloc, units):
    add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[1]])
    merged = services.units_merge(
        council=council,
        predecessors=[units[2], units[5]],
        successor_name="Thanh tra và Thi hành án tỉnh",
        effective_on=datetime.date(Y, 12, 1),
    )
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[1]
    # Thanh tra tỉnh's slot (third) now belongs to the merged unit.
    assert proposal.vice_chairs == [merged]
    assert (
        "Thanh tra tỉnh, Thi hành án dân sự tỉnh đã sắp xếp, sáp nhập: Thanh tra và Thi "
        "hành án tỉnh nhận vị trí thứ 3 trong thứ tự luân phiên."
        in proposal.explanation
    )


def test_rotation_vice_chair_who_merged_moves_up_as_its_successor(council, bloc, units):
    add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[1]])
    renamed = services.unit_rename(
        unit=units[1],
        new_name="Bộ Chỉ huy Quân sự tỉnh (mới)",
        effective_on=datetime.date(Y, 12, 1),
    )
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == renamed
    assert proposal.vice_chairs == [units[2]]


def test_rotation_without_history_starts_at_the_top_of_the_order(bloc, units):
    add_year(bloc, Y, units)
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[0]
    assert proposal.vice_chairs == [units[1]]
    assert f"Chưa có thông tin khối trưởng năm {Y}" in proposal.explanation


def test_rotation_uses_the_approved_election_when_the_year_has_no_roles(bloc, units):
    add_year(bloc, Y, units)
    make_election(bloc, Y, units[4], [units[5]], status=ChairElection.Status.APPROVED)
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[5]


def test_rotation_without_an_order_uses_name_order(council, units):
    bloc = make_bloc(council, units, rotation=False)
    add_year(bloc, Y, units)
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    by_name = sorted(units, key=lambda u: u.sort_key)
    assert proposal.chair == by_name[0]
    assert "chưa có thứ tự luân phiên" in proposal.explanation


def test_rotation_puts_members_missing_from_the_order_last(council, bloc, units):
    newcomer = UnitFactory(council=council, name="Sở Tư pháp")
    add_year(bloc, Y, [*units, newcomer], chair=units[4], vice_chairs=[units[5]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.vice_chairs == [newcomer]
    assert "Sở Tư pháp chưa có trong thứ tự luân phiên" in proposal.explanation


def test_rotation_keeps_the_chair_for_a_longer_term(council, bloc, units):
    set_rules(council, chair_term_years=2)
    add_year(bloc, Y, units, chair=units[2], vice_chairs=[units[3]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert proposal.chair == units[2]
    assert proposal.vice_chairs == [units[3]]
    assert "Nhiệm kỳ khối trưởng là 2 năm" in proposal.explanation
    # After the second year of the term the chair moves on.
    add_year(bloc, Y + 1, units, chair=units[2], vice_chairs=[units[3]])
    assert selectors.rotation_propose(bloc=bloc, year=Y + 2).chair == units[3]


def test_rotation_needs_a_member_list(bloc):
    with pytest.raises(ValidationError) as exc:
        selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert "chưa có danh sách đơn vị thành viên" in exc.value.messages[0]


def test_rotation_uses_the_new_years_members_once_it_is_open(bloc, units):
    add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[1]])
    add_year(bloc, Y + 1, [u for u in units if u != units[1]])
    proposal = selectors.rotation_propose(bloc=bloc, year=Y + 1)
    assert (
        proposal.chair == units[2]
    )  # the vice-chair left the bloc: rotation continues
