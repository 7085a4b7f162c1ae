"""The blocs rules: rotation, election and approval, opening a year, restructuring, settings."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from blocs import history, permissions, selectors, services
from blocs.models import BlocRules, BlocYear, ChairElection, Membership, SelectionMethod
from emulation.models import Succession, Unit, User
from tests.blocs.factories import add_year, make_bloc, make_election, make_units
from tests.factories import (
    UnitFactory,
    UserFactory,
    rules_of,
    set_rules,
)

NAMES = [
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Thanh tra tỉnh",
    "Tòa án nhân dân tỉnh",
    "Viện Kiểm sát nhân dân tỉnh",
    "Thi hành án dân sự tỉnh",
]
Y = 2025  # a past year: the chair's rights of its successor year have started


@pytest.fixture
def units(council):
    return make_units(council, NAMES)


@pytest.fixture
def bloc(council, units):
    return make_bloc(
        council, units, name="Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"
    )


def names(units):
    return [u.name for u in units]


def roles(bloc_year):
    return {m.unit.name: m.role for m in bloc_year.memberships.select_related("unit")}


# --- Rotation ------------------------------------------------------------------------------


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
        "Thanh tra tỉnh, Thi hành án dân sự tỉnh đã sắp xếp, sáp nhập: Thanh tra và Thi hành án tỉnh "
        "nhận vị trí thứ 3 trong thứ tự luân phiên." in proposal.explanation
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


# --- Election ---------------------------------------------------------------------------------


@pytest.fixture
def year_y(bloc, units):
    return add_year(bloc, Y, units, chair=units[0], vice_chairs=[units[1]])


def record(bloc, units, board, **kwargs):
    args = {
        "bloc": bloc,
        "year": Y + 1,
        "chair": units[1],
        "vice_chairs": [units[2]],
        "method": SelectionMethod.ELECTION,
        "meeting_on": datetime.date(Y, 12, 19),
        "vote_summary": "6/6 đơn vị nhất trí",
        "recorded_by": board,
    }
    args.update(kwargs)
    return services.election_record(**args)


def test_election_is_recorded_pending(bloc, units, board, year_y):
    election = record(bloc, units, board)
    assert election.status == ChairElection.Status.PENDING
    assert election.chair == units[1]
    assert list(election.vice_chairs.all()) == [units[2]]
    assert election.recorded_by == board
    assert election.meeting_on == datetime.date(Y, 12, 19)


def test_election_refuses_the_chair_as_vice_chair(bloc, units, board, year_y):
    with pytest.raises(ValidationError) as exc:
        record(bloc, units, board, vice_chairs=[units[1]])
    assert "vừa là khối trưởng vừa là khối phó" in " ".join(exc.value.messages)
    assert not ChairElection.objects.filter(year=Y + 1).exists()


def test_election_refuses_the_wrong_number_of_vice_chairs(bloc, units, board, year_y):
    with pytest.raises(ValidationError) as exc:
        record(bloc, units, board, vice_chairs=[units[2], units[3]])
    assert "khối có 1 khối phó; đã chọn 2" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        record(bloc, units, board, vice_chairs=[])


def test_election_follows_the_council_vice_chair_count(
    council, bloc, units, board, year_y
):
    set_rules(council, vice_chair_count=2)
    election = record(bloc, units, board, vice_chairs=[units[2], units[3]])
    assert election.vice_chairs.count() == 2


def test_election_refuses_a_unit_of_another_council(
    bloc, units, board, year_y, other_council
):
    stranger = UnitFactory(council=other_council, name="Công an tỉnh Hà Tĩnh")
    with pytest.raises(ValidationError) as exc:
        record(bloc, units, board, chair=stranger)
    assert "không thuộc" in " ".join(exc.value.messages)


def test_election_refuses_a_unit_that_is_not_a_member(
    council, bloc, units, board, year_y
):
    outside = UnitFactory(council=council, name="Sở Tư pháp")
    with pytest.raises(ValidationError) as exc:
        record(bloc, units, board, vice_chairs=[outside])
    assert "Sở Tư pháp không phải là đơn vị thành viên" in " ".join(exc.value.messages)


def test_election_accepts_the_successor_of_a_member(
    council, bloc, units, board, year_y
):
    merged = services.units_merge(
        council=council,
        predecessors=[units[2], units[5]],
        successor_name="Thanh tra và Thi hành án tỉnh",
        effective_on=datetime.date(Y, 12, 1),
    )
    election = record(bloc, units, board, vice_chairs=[merged])
    assert list(election.vice_chairs.all()) == [merged]
    with pytest.raises(ValidationError):  # the merged unit itself is no longer active
        record(bloc, units, board, vice_chairs=[units[2]])


def test_election_checks_the_members_of_the_year_once_it_is_open(
    bloc, units, board, year_y
):
    add_year(bloc, Y + 1, units[:5])
    with pytest.raises(ValidationError):
        record(bloc, units, board, vice_chairs=[units[5]])


def test_election_refuses_a_second_one_until_the_first_is_rejected(
    bloc, units, board, year_y
):
    first = record(bloc, units, board)
    with pytest.raises(ValidationError) as exc:
        record(bloc, units, board, chair=units[3], vice_chairs=[units[4]])
    assert "phải không phê duyệt kết quả đó trước" in " ".join(exc.value.messages)
    services.election_decide(
        election=first,
        approve=False,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 22),
    )
    second = record(bloc, units, board, chair=units[3], vice_chairs=[units[4]])
    assert second.status == ChairElection.Status.PENDING


def test_election_at_a_meeting_needs_its_date_and_vote(bloc, units, board, year_y):
    with pytest.raises(ValidationError) as exc:
        record(bloc, units, board, meeting_on=None, vote_summary=" ")
    messages = " ".join(exc.value.messages)
    assert "cần ghi ngày hội nghị" in messages
    assert "cần ghi kết quả biểu quyết" in messages
    election = record(
        bloc,
        units,
        board,
        method=SelectionMethod.ROTATION,
        meeting_on=None,
        vote_summary="",
    )
    assert election.method == SelectionMethod.ROTATION


def test_election_is_approved_at_once_when_the_council_needs_no_approval(
    council, bloc, units, board, year_y
):
    set_rules(council, chair_approval_required=False)
    next_year = add_year(bloc, Y + 1, units)
    election = record(bloc, units, board)
    assert election.status == ChairElection.Status.APPROVED
    assert election.decided_on == datetime.date(Y, 12, 19)
    next_year.refresh_from_db()
    assert roles(next_year)[units[1].name] == Membership.Role.CHAIR
    assert next_year.roles_approved_on == datetime.date(Y, 12, 19)


# --- Approval ---------------------------------------------------------------------------------


def test_approval_applies_the_roles_to_an_open_year(bloc, units, board, year_y):
    next_year = add_year(bloc, Y + 1, units, chair=units[0], vice_chairs=[units[5]])
    election = record(bloc, units, board)
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 28),
        reference="Công văn số 125/BTĐKT-NV",
    )
    election.refresh_from_db()
    next_year.refresh_from_db()
    assert election.status == ChairElection.Status.APPROVED
    assert election.decided_by == board
    assert election.approval_reference == "Công văn số 125/BTĐKT-NV"
    r = roles(next_year)
    assert r[units[1].name] == Membership.Role.CHAIR
    assert r[units[2].name] == Membership.Role.VICE_CHAIR
    assert (
        r[units[0].name] == r[units[5].name] == Membership.Role.MEMBER
    )  # old roles reset
    assert next_year.memberships.filter(role=Membership.Role.CHAIR).count() == 1
    assert next_year.roles_approved_on == datetime.date(Y, 12, 28)
    assert next_year.roles_approval_reference == "Công văn số 125/BTĐKT-NV"
    assert next_year.selection_method == SelectionMethod.ELECTION


def test_approval_before_the_year_is_open_only_approves(bloc, units, board, year_y):
    election = record(bloc, units, board)
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 28),
    )
    election.refresh_from_db()
    assert election.status == ChairElection.Status.APPROVED
    assert not BlocYear.objects.filter(bloc=bloc, year=Y + 1).exists()


def test_rejection_leaves_the_year_alone(bloc, units, board, year_y):
    next_year = add_year(bloc, Y + 1, units, chair=units[0], vice_chairs=[units[5]])
    election = record(bloc, units, board)
    services.election_decide(
        election=election,
        approve=False,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 28),
    )
    election.refresh_from_db()
    assert election.status == ChairElection.Status.REJECTED
    assert roles(next_year)[units[0].name] == Membership.Role.CHAIR


def test_an_election_is_decided_once(bloc, units, board, year_y):
    election = record(bloc, units, board)
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 28),
    )
    with pytest.raises(ValidationError):
        services.election_decide(
            election=election,
            approve=True,
            decided_by=board,
            decided_on=datetime.date(Y, 12, 29),
        )
    # An approved result may be withdrawn (so a new one can be recorded), then nothing more.
    services.election_decide(
        election=election,
        approve=False,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 30),
    )
    with pytest.raises(ValidationError):
        services.election_decide(
            election=election,
            approve=True,
            decided_by=board,
            decided_on=datetime.date(Y, 12, 31),
        )
    assert (
        record(bloc, units, board, chair=units[3], vice_chairs=[units[4]]).status
        == "pending"
    )


def test_approval_needs_a_date(bloc, units, board, year_y):
    election = record(bloc, units, board)
    with pytest.raises(ValidationError):
        services.election_decide(
            election=election, approve=True, decided_by=board, decided_on=None
        )


def test_approval_gives_a_merged_units_role_to_its_successor(
    council, bloc, units, board, year_y
):
    election = record(bloc, units, board)
    merged = services.units_merge(
        council=council,
        predecessors=[units[2], units[5]],
        successor_name="Thanh tra và Thi hành án tỉnh",
        effective_on=datetime.date(Y, 12, 25),
    )
    next_year = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 28),
    )
    assert roles(next_year)[merged.name] == Membership.Role.VICE_CHAIR


def test_approval_refuses_a_unit_missing_from_the_open_year(bloc, units, board, year_y):
    election = record(bloc, units, board)
    next_year = add_year(bloc, Y + 1, [units[0], units[1]])
    with pytest.raises(ValidationError) as exc:
        services.election_decide(
            election=election,
            approve=True,
            decided_by=board,
            decided_on=datetime.date(Y, 12, 28),
        )
    assert "Thanh tra tỉnh không phải là đơn vị thành viên" in exc.value.messages[0]
    election.refresh_from_db()
    assert election.status == ChairElection.Status.PENDING  # rolled back
    assert next_year.memberships.filter(role=Membership.Role.CHAIR).count() == 0


# --- The chair's rights follow the approval (emulation.permissions) ----------------------------


def secretary_of(unit: Unit) -> User:
    return UserFactory(role=User.Role.SECRETARY, council=unit.council, unit=unit)


def fresh(user: User) -> User:
    """The user as a new request sees them (the rights are cached on the user object)."""
    return User.objects.get(pk=user.pk)


def test_approval_passes_the_chairs_rights_to_the_new_chair(bloc, units, board):
    this_year = timezone.localdate().year
    last = add_year(bloc, this_year - 1, units, chair=units[0], vice_chairs=[units[1]])
    old_chair, new_chair, member = (
        secretary_of(units[0]),
        secretary_of(units[1]),
        secretary_of(units[4]),
    )
    election = services.election_record(
        bloc=bloc,
        year=this_year,
        chair=units[1],
        vice_chairs=[units[2]],
        method=SelectionMethod.ROTATION,
        meeting_on=None,
        vote_summary="",
        recorded_by=fresh(old_chair),
    )
    current = services.year_open(bloc=bloc, from_year=this_year - 1, opened_by=board)
    # Opened before the approval: nobody holds the chair's rights on the new year yet.
    assert not permissions.is_chair_of(fresh(new_chair), current)
    assert not permissions.is_chair_of(fresh(old_chair), current)
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(this_year - 1, 12, 28),
    )
    current.refresh_from_db()
    assert permissions.is_chair_of(fresh(new_chair), current)
    assert permissions.can_run_bloc_year(fresh(new_chair), current)
    assert not permissions.is_chair_of(fresh(old_chair), current)
    assert not permissions.can_run_bloc_year(fresh(old_chair), current)
    assert permissions.is_chair_of(
        fresh(secretary_of(units[2])), current
    )  # the new vice-chair
    assert not permissions.is_chair_of(fresh(member), current)
    # The old chair keeps the rights of the year it chaired.
    assert permissions.is_chair_of(fresh(old_chair), last)


def test_an_approved_election_applies_when_the_year_is_opened(bloc, units, board):
    this_year = timezone.localdate().year
    add_year(bloc, this_year - 1, units, chair=units[0], vice_chairs=[units[1]])
    election = record(
        bloc,
        units,
        board,
        year=this_year,
        meeting_on=datetime.date(this_year - 1, 12, 19),
    )
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(this_year - 1, 12, 28),
    )
    current = services.year_open(bloc=bloc, from_year=this_year - 1, opened_by=board)
    assert current.roles_approved_on == datetime.date(this_year - 1, 12, 28)
    assert permissions.is_chair_of(fresh(secretary_of(units[1])), current)
    assert not permissions.is_chair_of(fresh(secretary_of(units[0])), current)


def test_the_chairs_rights_for_a_future_year_have_not_started(bloc, units, board):
    this_year = timezone.localdate().year
    add_year(bloc, this_year, units, chair=units[0], vice_chairs=[units[1]])
    election = record(
        bloc, units, board, year=this_year + 1, meeting_on=timezone.localdate()
    )
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=timezone.localdate(),
    )
    future = services.year_open(bloc=bloc, from_year=this_year, opened_by=board)
    assert roles(future)[units[1].name] == Membership.Role.CHAIR
    assert future.roles_approved_on == timezone.localdate()
    new_chair = secretary_of(units[1])
    assert not permissions.is_chair_of(
        fresh(new_chair), future
    )  # from 1 January next year
    assert not permissions.can_run_bloc_year(fresh(new_chair), future)
    assert permissions.can_run_bloc_year(board, future)


def test_a_pending_election_gives_no_rights(bloc, units, board):
    this_year = timezone.localdate().year
    add_year(bloc, this_year - 1, units, chair=units[0], vice_chairs=[units[1]])
    current = add_year(bloc, this_year, units)
    record(bloc, units, board, year=this_year)
    assert not permissions.is_chair_of(fresh(secretary_of(units[1])), current)


# --- Opening a new year -------------------------------------------------------------------------


def test_year_open_copies_the_members(bloc, units, board, year_y):
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert new.year == Y + 1
    assert sorted(names(u.unit for u in new.memberships.all())) == sorted(NAMES)
    assert set(roles(new).values()) == {
        Membership.Role.MEMBER
    }  # no approved election yet
    assert new.roles_approved_on is None
    assert set(year_y.memberships.values_list("year", flat=True)) == {Y}


def test_year_open_applies_the_approved_election(bloc, units, board, year_y):
    election = record(bloc, units, board, method=SelectionMethod.ELECTION)
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 28),
        reference="CV 12",
    )
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    r = roles(new)
    assert r[units[1].name] == Membership.Role.CHAIR
    assert r[units[2].name] == Membership.Role.VICE_CHAIR
    assert r[units[0].name] == Membership.Role.MEMBER
    assert new.roles_approved_on == datetime.date(Y, 12, 28)
    assert new.roles_approval_reference == "CV 12"
    assert new.selection_method == SelectionMethod.ELECTION


def test_year_open_ignores_a_pending_election(bloc, units, board, year_y):
    record(bloc, units, board)
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert set(roles(new).values()) == {Membership.Role.MEMBER}


def test_year_open_drops_dissolved_and_inactive_units_and_replaces_merged_ones(
    council, bloc, units, board, year_y
):
    units[5].status = Unit.Status.DISSOLVED
    units[5].save()
    units[4].active_to = datetime.date(
        Y, 6, 30
    )  # still "active" but its activity ended
    units[4].save()
    merged = services.units_merge(
        council=council,
        predecessors=[units[2], units[3]],
        successor_name="Thanh tra và Tòa án tỉnh",
        effective_on=datetime.date(Y, 12, 1),
    )
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    outcome = {r.unit.name: r.outcome for r in plan.rows}
    assert outcome == {
        units[0].name: "kept",
        units[1].name: "kept",
        units[2].name: "replaced",
        units[3].name: "replaced",
        units[4].name: "dropped",
        units[5].name: "dropped",
    }
    assert plan.units_to_add == sorted(
        [units[0], units[1], merged], key=lambda u: u.sort_key
    )
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert sorted(names(m.unit for m in new.memberships.all())) == sorted(
        [units[0].name, units[1].name, merged.name]
    )
    # Nothing of the past is rewritten: the old year still lists the merged units.
    assert {units[2].name, units[3].name} <= set(roles(year_y))


def test_year_open_leaves_out_a_unit_already_in_another_bloc(
    council, bloc, units, board, year_y
):
    other = make_bloc(council, [units[3]], name="Khối thi đua các cơ quan tư pháp")
    add_year(other, Y + 1, [units[3]])
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    conflict = [r for r in plan.rows if r.outcome == "conflict"]
    assert [r.unit for r in conflict] == [units[3]]
    assert conflict[0].other_bloc == other
    assert "Khối thi đua các cơ quan tư pháp" in conflict[0].note
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert units[3].name not in roles(new)
    assert new.memberships.count() == 5


def test_year_open_twice_changes_nothing(bloc, units, board, year_y):
    election = record(bloc, units, board)
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 28),
    )
    first = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    snapshot = list(
        first.memberships.order_by("pk").values("pk", "unit_id", "role", "updated_at")
    )
    year_snapshot = BlocYear.objects.filter(pk=first.pk).values().get()
    assert selectors.year_open_preview(bloc=bloc, from_year=Y).changes_nothing
    second = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert second.pk == first.pk
    assert (
        list(
            second.memberships.order_by("pk").values(
                "pk", "unit_id", "role", "updated_at"
            )
        )
        == snapshot
    )
    assert BlocYear.objects.filter(pk=first.pk).values().get() == year_snapshot
    assert BlocYear.objects.filter(bloc=bloc, year=Y + 1).count() == 1


def test_year_open_keeps_what_the_board_already_set_in_the_new_year(
    council, bloc, units, board, year_y
):
    newcomer = UnitFactory(council=council, name="Sở Tư pháp")
    existing = add_year(bloc, Y + 1, [units[0], newcomer], chair=newcomer)
    make_election(
        bloc,
        Y + 1,
        units[1],
        [units[2]],
        status=ChairElection.Status.APPROVED,
        decided_on=datetime.date(Y, 12, 28),
    )
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    assert plan.extra_members == [newcomer]
    assert not plan.roles_apply
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert new.pk == existing.pk
    assert new.memberships.count() == 7
    assert roles(new)["Sở Tư pháp"] == Membership.Role.CHAIR  # not overwritten


def test_year_open_preview_writes_nothing(bloc, units, year_y):
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    assert plan.target is None
    assert len(plan.kept) == 6
    assert "Chưa có kết quả chọn khối trưởng" in plan.role_notes[0]
    assert not BlocYear.objects.filter(bloc=bloc, year=Y + 1).exists()


def test_year_open_preview_shows_the_elected_roles(council, bloc, units, board, year_y):
    election = record(bloc, units, board)
    services.election_decide(
        election=election,
        approve=True,
        decided_by=board,
        decided_on=datetime.date(Y, 12, 28),
    )
    plan = selectors.year_open_preview(bloc=bloc, from_year=Y)
    assert plan.chair == units[1]
    assert plan.vice_chairs == [units[2]]
    assert plan.roles_apply


def test_year_open_needs_the_source_year(bloc, board):
    with pytest.raises(ValidationError) as exc:
        services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert f"chưa có năm thi đua {Y}" in exc.value.messages[0]


def test_year_open_after_a_merge_shows_the_successor(
    council, bloc, units, board, year_y
):
    merged = services.units_merge(
        council=council,
        predecessors=[units[0], units[1]],
        successor_name="Bộ Chỉ huy Quân sự và Công an tỉnh",
        effective_on=datetime.date(Y + 1, 1, 1),
    )
    new = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    assert merged.name in roles(new)
    assert units[0].name not in roles(new)
    assert units[0].name in roles(year_y)


# --- Restructuring --------------------------------------------------------------------------------


def test_merge_creates_the_successor_and_retires_the_predecessors(
    council, units, year_y
):
    effective = datetime.date(2025, 3, 1)
    merged = services.units_merge(
        council=council,
        predecessors=[units[2], units[5]],
        successor_name="  Thanh tra và  Thi hành án tỉnh ",
        effective_on=effective,
        reference="Quyết định số 123/QĐ-UBND",
    )
    assert merged.name == "Thanh tra và Thi hành án tỉnh"
    assert merged.status == Unit.Status.ACTIVE
    assert merged.active_from == effective
    assert merged.kind == Unit.Kind.DEPARTMENT  # the predecessors' common kind
    for old in (units[2], units[5]):
        old.refresh_from_db()
        assert old.status == Unit.Status.MERGED
        assert old.active_to == datetime.date(2025, 2, 28)
        link = Succession.objects.get(predecessor=old)
        assert (link.successor, link.kind, link.effective_on, link.reference) == (
            merged,
            Succession.Kind.MERGE,
            effective,
            "Quyết định số 123/QĐ-UBND",
        )
    # The old memberships stay on the old units.
    assert year_y.memberships.filter(unit__in=[units[2], units[5]]).count() == 2
    assert not merged.memberships.exists()


def test_merge_into_an_existing_unit_of_that_name(council, units):
    existing = UnitFactory(council=council, name="Sở Nội vụ")
    merged = services.units_merge(
        council=council,
        predecessors=[units[2], units[5]],
        successor_name="Sở Nội vụ",
        effective_on=datetime.date(2025, 3, 1),
        kind=Unit.Kind.OTHER,
    )
    assert merged == existing
    assert Unit.objects.filter(council=council, name="Sở Nội vụ").count() == 1


def test_merge_sets_the_kind_of_a_new_unit(council, units):
    merged = services.units_merge(
        council=council,
        predecessors=units[:2],
        successor_name="Sở mới",
        effective_on=datetime.date(2025, 3, 1),
        kind=Unit.Kind.ARMED,
    )
    assert merged.kind == Unit.Kind.ARMED


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("one", "ít nhất 2 đơn vị"),
        ("other_council", "không thuộc"),
        ("already_merged", "đã sáp nhập hoặc giải thể"),
        ("same_name", "phải khác các đơn vị được sáp nhập"),
        ("early", "Ngày có hiệu lực phải sau ngày"),
        ("no_name", "Cần nhập tên"),
    ],
)
def test_merge_refusals(council, other_council, units, case, message):
    predecessors = [units[0], units[1]]
    name = "Đơn vị sau sáp nhập"
    effective = datetime.date(2025, 3, 1)
    if case == "one":
        predecessors = [units[0]]
    elif case == "other_council":
        predecessors = [units[0], UnitFactory(council=other_council)]
    elif case == "already_merged":
        units[1].status = Unit.Status.MERGED
        units[1].save()
    elif case == "same_name":
        name = units[0].name
    elif case == "early":
        units[0].active_from = datetime.date(2025, 5, 1)
        units[0].save()
    elif case == "no_name":
        name = "  "
    with pytest.raises(ValidationError) as exc:
        services.units_merge(
            council=council,
            predecessors=predecessors,
            successor_name=name,
            effective_on=effective,
        )
    assert message in " ".join(exc.value.messages)
    assert not Succession.objects.exists()
    units[0].refresh_from_db()
    assert units[0].status == Unit.Status.ACTIVE


def test_rename_creates_the_new_unit_and_links_it(units, year_y):
    old = units[5]
    old.head_name = "Trần Văn Bình"
    old.save()
    renamed = services.unit_rename(
        unit=old,
        new_name="Cục Thi hành án dân sự tỉnh",
        effective_on=datetime.date(2025, 3, 1),
        reference="Quyết định số 45/QĐ-BTP",
    )
    old.refresh_from_db()
    assert renamed.name == "Cục Thi hành án dân sự tỉnh"
    assert renamed.head_name == "Trần Văn Bình"
    assert renamed.active_from == datetime.date(2025, 3, 1)
    assert old.status == Unit.Status.MERGED
    assert old.active_to == datetime.date(2025, 2, 28)
    link = Succession.objects.get(predecessor=old)
    assert (link.successor, link.kind, link.reference) == (
        renamed,
        Succession.Kind.RENAME,
        "Quyết định số 45/QĐ-BTP",
    )
    assert year_y.memberships.filter(unit=old).exists()


@pytest.mark.parametrize(
    ("new_name", "message"),
    [
        ("Thi hành án dân sự tỉnh", "khác tên hiện tại"),
        ("Công an tỉnh", "đã có đơn vị tên"),
        ("", "Cần nhập tên mới"),
    ],
)
def test_rename_refusals(units, new_name, message):
    with pytest.raises(ValidationError) as exc:
        services.unit_rename(
            unit=units[5], new_name=new_name, effective_on=datetime.date(2025, 3, 1)
        )
    assert message in " ".join(exc.value.messages)


def test_rename_refuses_a_merged_unit(units):
    services.unit_rename(
        unit=units[5], new_name="Tên mới", effective_on=datetime.date(2025, 3, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.unit_rename(
            unit=units[5],
            new_name="Tên mới hơn",
            effective_on=datetime.date(2025, 4, 1),
        )
    assert "không thể đổi tên" in exc.value.messages[0]


# --- History helpers --------------------------------------------------------------------------------


def test_history_follows_links_transitively(
    council, units, django_assert_max_num_queries
):
    ab = services.units_merge(
        council=council,
        predecessors=units[:2],
        successor_name="AB",
        effective_on=datetime.date(2024, 1, 1),
    )
    abc = services.units_merge(
        council=council,
        predecessors=[ab, units[2]],
        successor_name="ABC",
        effective_on=datetime.date(2025, 1, 1),
    )
    final = services.unit_rename(
        unit=abc, new_name="ABC mới", effective_on=datetime.date(2026, 1, 1)
    )
    with django_assert_max_num_queries(
        4
    ):  # one per generation, plus the empty last one
        predecessors = history.unit_predecessors(final)
    assert predecessors[0] == abc
    assert set(predecessors) == {abc, ab, units[0], units[1], units[2]}
    assert history.unit_lineage(final)[0] == final
    assert history.unit_successors(units[0]) == [ab, abc, final]
    units[0].refresh_from_db()  # the helper reads the status of the units it is given
    assert history.current_successors([units[0], units[3]]) == {
        units[0].pk: [final],
        units[3].pk: [units[3]],
    }
    assert [link.kind for link in history.successor_links(units[0])] == [
        "merge",
        "merge",
        "rename",
    ]


def test_history_survives_a_cycle_in_the_data(council):
    a, b = (
        UnitFactory(council=council, status=Unit.Status.MERGED),
        UnitFactory(council=council, status=Unit.Status.MERGED),
    )
    Succession.objects.create(
        predecessor=a, successor=b, effective_on=datetime.date(2025, 1, 1)
    )
    Succession.objects.create(
        predecessor=b, successor=a, effective_on=datetime.date(2025, 2, 1)
    )
    assert history.unit_predecessors(a) == [b]
    assert history.unit_successors(a) == [b]
    assert history.current_successors([a]) == {a.pk: []}


def test_current_successors_lists_every_part_of_a_split(council):
    old = UnitFactory(council=council, status=Unit.Status.MERGED)
    parts = [
        UnitFactory(council=council, name="Sở Xây dựng"),
        UnitFactory(council=council, name="Sở Giao thông"),
    ]
    for p in parts:
        Succession.objects.create(
            predecessor=old,
            successor=p,
            kind="split",
            effective_on=datetime.date(2025, 1, 1),
        )
    assert history.current_successors([old])[old.pk] == sorted(
        parts, key=lambda u: u.sort_key
    )


# --- Council settings -------------------------------------------------------------------------------


def test_council_settings_are_saved(council):
    services.bloc_rules_update(
        council=council,
        data={
            "vice_chair_count": 2,
            "vice_chair_moves_up": False,
            "chair_approval_required": False,
        },
    )
    council.refresh_from_db()
    assert (
        rules_of(council).vice_chair_count,
        rules_of(council).vice_chair_moves_up,
        rules_of(council).chair_approval_required,
    ) == (
        2,
        False,
        False,
    )


def test_council_settings_are_validated(council):
    with pytest.raises(ValidationError):
        services.bloc_rules_update(council=council, data={"vice_chair_count": 4})
    with pytest.raises(ValueError):
        services.bloc_rules_update(council=council, data={"name": "Khác"})


def test_council_defaults_match_the_rules():
    rules = BlocRules()  # what a council without saved rules uses
    assert rules.chair_selection_method == SelectionMethod.ROTATION
    assert rules.vice_chair_count == 1
    assert rules.vice_chair_moves_up is True
    assert rules.chair_approval_required is True
    assert rules.chair_term_years == 1
