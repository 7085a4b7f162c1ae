"""The blocs invariants, checked against the real database (and by full_clean where it can)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from blocs import services
from blocs.models import BlocYear, ChairElection, Membership, RotationSlot
from emulation.models import Succession, Unit
from tests.factories import (
    BlocFactory,
    UnitFactory,
    add_year,
    make_bloc,
    make_election,
    make_units,
)


@pytest.fixture
def units(council):
    return make_units(
        council,
        ["Công an tỉnh", "Thanh tra tỉnh", "Tòa án nhân dân tỉnh", "Sở Tư pháp"],
    )


@pytest.fixture
def bloc(council, units):
    return make_bloc(council, units, name="Khối Nội chính")


def raises_integrity():
    """Used with transaction.atomic() (a savepoint), so the test can go on using the database."""
    return pytest.raises(IntegrityError)


def test_one_bloc_year_per_bloc_and_year(bloc):
    BlocYear.objects.create(bloc=bloc, year=2026)
    duplicate = BlocYear(bloc=bloc, year=2026)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with raises_integrity(), transaction.atomic():
        duplicate.save()
    BlocYear.objects.create(bloc=bloc, year=2027)  # another year is fine


def test_a_unit_is_in_one_bloc_a_year(council, bloc, units):
    by = add_year(bloc, 2026, units)
    other = BlocYear.objects.create(bloc=BlocFactory(council=council), year=2026)
    with raises_integrity(), transaction.atomic():
        Membership.objects.create(bloc_year=other, unit=units[0])
    with pytest.raises(ValidationError) as exc:
        services.membership_add(bloc_year=other, unit=units[0])
    assert (
        "Công an tỉnh đã là thành viên của Khối Nội chính năm 2026"
        in exc.value.messages[0]
    )
    # full_clean alone (no service) refuses it too, through the (unit, year) constraint.
    with pytest.raises(ValidationError):
        Membership(bloc_year=other, unit=units[0], year=2026).full_clean()
    # The same unit in the next year is fine.
    next_year = BlocYear.objects.create(bloc=bloc, year=2027)
    assert services.membership_add(bloc_year=next_year, unit=units[0]).year == 2027
    assert by.memberships.count() == 4


def test_membership_year_is_the_bloc_years_year(bloc, units):
    by = BlocYear.objects.create(bloc=bloc, year=2026)
    m = Membership(bloc_year=by, unit=units[0], year=2020)
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "khác năm thi đua của khối" in exc.value.messages[0]
    m.save()  # save() copies the year whatever was given
    assert m.year == 2026


def test_membership_unit_belongs_to_the_blocs_council(bloc, other_council):
    by = BlocYear.objects.create(bloc=bloc, year=2026)
    stranger = UnitFactory(council=other_council)
    with pytest.raises(ValidationError) as exc:
        Membership(bloc_year=by, unit=stranger, year=2026).full_clean()
    assert "không thuộc hội đồng" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.membership_add(bloc_year=by, unit=stranger)
    assert not by.memberships.exists()


def test_one_chair_per_bloc_year(bloc, units):
    by = add_year(
        bloc, 2026, units, chair=units[0], vice_chairs=[units[1], units[2]]
    )  # two vice-chairs are fine
    second = by.memberships.get(unit=units[3])
    second.role = Membership.Role.CHAIR
    with pytest.raises(ValidationError):
        second.full_clean()
    with raises_integrity(), transaction.atomic():
        second.save()


def test_chair_and_vice_chair_are_members_and_differ(bloc, units):
    """Roles live on the membership: a role needs a membership, and a unit has one
    membership a year."""
    by = add_year(bloc, 2026, units, chair=units[0])
    with raises_integrity(), transaction.atomic():
        Membership.objects.create(
            bloc_year=by, unit=units[0], role=Membership.Role.VICE_CHAIR
        )
    assert by.memberships.get(unit=units[0]).role == Membership.Role.CHAIR


def test_membership_dates_are_ordered(bloc, units):
    by = BlocYear.objects.create(bloc=bloc, year=2026)
    with raises_integrity(), transaction.atomic():
        Membership.objects.create(
            bloc_year=by,
            unit=units[0],
            joined_on=datetime.date(2026, 5, 1),
            left_on=datetime.date(2026, 4, 1),
        )


def test_one_election_in_force_per_bloc_and_year(bloc, units):
    first = make_election(bloc, 2027, units[0])
    with raises_integrity(), transaction.atomic():
        make_election(bloc, 2027, units[1])
    first.status = ChairElection.Status.REJECTED
    first.save()
    make_election(bloc, 2027, units[1])  # allowed once the first is rejected
    make_election(bloc, 2027, units[2], status=ChairElection.Status.REJECTED)
    assert ChairElection.objects.filter(bloc=bloc, year=2027).count() == 3


def test_succession_is_not_to_itself_and_not_twice(units):
    with raises_integrity(), transaction.atomic():
        Succession.objects.create(
            predecessor=units[0],
            successor=units[0],
            effective_on=datetime.date(2025, 1, 1),
        )
    Succession.objects.create(
        predecessor=units[0], successor=units[1], effective_on=datetime.date(2025, 1, 1)
    )
    with raises_integrity(), transaction.atomic():
        Succession.objects.create(
            predecessor=units[0],
            successor=units[1],
            effective_on=datetime.date(2025, 2, 1),
        )


def test_unit_names_are_unique_in_a_council_and_dates_ordered(council, other_council):
    UnitFactory(council=council, name="Sở Tư pháp")
    UnitFactory(council=other_council, name="Sở Tư pháp")  # another council may use it
    with raises_integrity(), transaction.atomic():
        UnitFactory(council=council, name="Sở Tư pháp")
    with raises_integrity(), transaction.atomic():
        Unit.objects.create(
            council=council,
            name="Sở mới",
            active_from=datetime.date(2025, 3, 1),
            active_to=datetime.date(2025, 2, 28),
        )


def test_rotation_order_positions_and_units_are_unique(council, units):
    bloc = make_bloc(council, units[:2])
    with raises_integrity(), transaction.atomic():
        RotationSlot.objects.create(bloc=bloc, unit=units[2], position=1)
    with raises_integrity(), transaction.atomic():
        RotationSlot.objects.create(bloc=bloc, unit=units[0], position=9)


def test_admin_membership_form_refuses_a_second_bloc(council, bloc, units):
    from blocs.admin import MembershipInlineForm

    add_year(bloc, 2026, units)
    other = BlocYear.objects.create(
        bloc=BlocFactory(council=council, name="Khối khác"), year=2026
    )
    form = MembershipInlineForm(
        data={"unit": units[0].pk, "role": "member"},
        instance=Membership(bloc_year=other),
    )
    assert not form.is_valid()
    assert (
        "Công an tỉnh đã là thành viên của Khối Nội chính năm 2026."
        in form.non_field_errors()
    )
    fine = MembershipInlineForm(
        data={"unit": UnitFactory(council=council).pk, "role": "member"},
        instance=Membership(bloc_year=other),
    )
    assert fine.is_valid(), fine.errors
