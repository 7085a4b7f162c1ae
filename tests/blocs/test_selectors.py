"""Page-shaped reads of the blocs app: lineage walk, timelines, Vietnamese order."""

from __future__ import annotations

import datetime

import pytest

from blocs import selectors
from blocs.models import Membership
from emulation.models import Succession
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    MembershipFactory,
    RotationSlotFactory,
    UnitFactory,
    make_bloc_year,
)

pytestmark = pytest.mark.django_db


def _succeed(
    predecessor, successor, *, on=datetime.date(2025, 3, 1), kind=Succession.Kind.MERGE
):
    return Succession.objects.create(
        predecessor=predecessor, successor=successor, kind=kind, effective_on=on
    )


# --- unit_lineage --------------------------------------------------------------------


def test_lineage_is_transitive_and_nearest_generation_first(council):
    a, b, c, d = (
        UnitFactory(council=council, name=n) for n in ("Sở A", "Sở B", "Sở C", "Sở D")
    )
    _succeed(a, b, on=datetime.date(2020, 1, 1))  # A → B
    _succeed(b, d)  # B + C → D
    _succeed(c, d)
    lineage = selectors.unit_lineage(d)
    assert [(e.unit.name, e.depth) for e in lineage] == [
        ("Sở B", 1),
        ("Sở C", 1),
        ("Sở A", 2),
    ]
    # Each link knows the unit it leads to, without a query.
    assert lineage[2].succession.successor == b


def test_lineage_of_a_unit_without_predecessors_is_empty(council):
    assert selectors.unit_lineage(UnitFactory(council=council)) == []


def test_lineage_stops_on_a_loop_in_the_data(council):
    a, b = UnitFactory(council=council), UnitFactory(council=council)
    _succeed(a, b)
    _succeed(b, a)  # bad data: a cycle
    lineage = selectors.unit_lineage(b)
    assert [e.unit for e in lineage] == [a]


def test_lineage_visits_a_shared_ancestor_once(council):
    root, left, right, child = (UnitFactory(council=council) for _ in range(4))
    _succeed(root, left)
    _succeed(root, right)  # split, then merged back
    _succeed(left, child)
    _succeed(right, child)
    units = [e.unit for e in selectors.unit_lineage(child)]
    assert units.count(root) == 1
    assert len(units) == 3


def test_lineage_takes_one_query_per_generation(council, django_assert_num_queries):
    chain = [UnitFactory(council=council) for _ in range(4)]
    for older, newer in zip(chain, chain[1:], strict=False):
        _succeed(older, newer)
    # Three generations back, plus the query that finds the end of the chain.
    with django_assert_num_queries(4):
        lineage = selectors.unit_lineage(chain[-1])
    assert [e.depth for e in lineage] == [1, 2, 3]


def test_lineage_with_history_lists_each_predecessors_blocs_and_chairs(council):
    old, new = (
        UnitFactory(council=council, name="Cục Thi hành án"),
        UnitFactory(council=council),
    )
    _succeed(old, new, kind=Succession.Kind.RENAME)
    by_2023 = make_bloc_year(
        council=council, n_members=0, year=2023, name="Khối Nội chính"
    )
    by_2024 = BlocYearFactory(bloc=by_2023.bloc, year=2024)
    MembershipFactory(bloc_year=by_2023, unit=old, role=Membership.Role.CHAIR)
    MembershipFactory(bloc_year=by_2024, unit=old, role=Membership.Role.VICE_CHAIR)
    [entry] = selectors.lineage_with_history(new)
    assert [m.year for m in entry.memberships] == [2024, 2023]
    assert entry.chair_years == [2023]
    assert entry.vice_chair_years == [2024]


# --- bloc-year page reads ------------------------------------------------------------


def test_members_are_in_vietnamese_order(council):
    by = make_bloc_year(council=council, n_members=0)
    names = [
        "Ủy ban Kiểm tra",
        "Đảng ủy Khối",
        "Doanh nghiệp Tư nhân",
        "Ban Tổ chức",
        "Ấp Bắc",
        "An Giang",
    ]
    for name in names:
        MembershipFactory(bloc_year=by, unit=UnitFactory(council=council, name=name))
    got = [m.unit.name for m in selectors.bloc_year_members(bloc_year=by)]
    # Not code-point order (which would put Ấ, Đ and Ủ last).
    assert got == [
        "An Giang",
        "Ấp Bắc",
        "Ban Tổ chức",
        "Doanh nghiệp Tư nhân",
        "Đảng ủy Khối",
        "Ủy ban Kiểm tra",
    ]


def test_years_of_a_bloc_carry_chair_vice_chairs_and_the_previous_chair(
    council, django_assert_num_queries
):
    first = make_bloc_year(council=council, n_members=3, year=2024)
    second = BlocYearFactory(bloc=first.bloc, year=2025)
    units = [m.unit for m in first.memberships.order_by("id")]
    MembershipFactory(bloc_year=second, unit=units[1], role=Membership.Role.CHAIR)
    MembershipFactory(bloc_year=second, unit=units[2], role=Membership.Role.VICE_CHAIR)
    with django_assert_num_queries(2):  # the years, their chair and vice-chair rows
        years = selectors.bloc_years_of_bloc(bloc=first.bloc)
    assert [e.bloc_year.year for e in years] == [2024, 2025]
    assert years[0].chair == units[0] and years[0].previous_chair is None
    assert years[1].chair == units[1] and years[1].vice_chairs == [units[2]]
    assert years[1].previous_chair == units[0]  # who handed the flag over


def test_rotation_is_in_position_order(council):
    bloc = BlocFactory(council=council)
    late = RotationSlotFactory(bloc=bloc, position=5)
    early = RotationSlotFactory(bloc=bloc, position=2)
    assert [s.pk for s in selectors.rotation_of_bloc(bloc=bloc)] == [early.pk, late.pk]


def test_addable_units_say_which_are_in_another_bloc(council, bloc_year):
    other = make_bloc_year(council=council, n_members=1, name="Cụm thi đua số 1")
    free = UnitFactory(council=council, name="Sở Tư pháp")
    by_pk = {u.pk: u for u in selectors.addable_units(bloc_year=bloc_year)}
    taken = other.memberships.get().unit
    assert by_pk[taken.pk].other_bloc == other.bloc
    assert by_pk[free.pk].other_bloc is None
    # Units already in this bloc-year are not offered.
    assert not set(bloc_year.memberships.values_list("unit_id", flat=True)) & set(by_pk)


def test_blocs_without_year_lists_only_blocs_missing_that_year(council, bloc_year):
    empty = BlocFactory(council=council, name="Cụm thi đua mới")
    BlocFactory()  # another council
    assert list(
        selectors.blocs_without_year(council_id=council.pk, year=bloc_year.year)
    ) == [empty]


def test_units_for_council_carry_their_membership_of_the_year(council, bloc_year):
    UnitFactory(council=council, name="Sở Không Khối")
    units = list(
        selectors.units_for_council(council_id=council.pk, year=bloc_year.year)
    )
    with_bloc = [u for u in units if u.year_memberships]
    assert len(with_bloc) == 4
    assert all(
        u.year_memberships[0].bloc_year.bloc == bloc_year.bloc for u in with_bloc
    )
