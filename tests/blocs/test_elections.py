"""The chair election (docs/domain.md §3.3, §3.4): recording the choice, the board's
approval, the chair's rights that follow, the pages, and the council's rules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from blocs import permissions, services
from blocs.models import (
    BlocRules,
    BlocYear,
    ChairElection,
    Membership,
    SelectionMethod,
)
from emulation.models import User
from tests.factories import (
    NEXT_YEAR,
    THIS_YEAR,
    UnitFactory,
    Y,
    add_year,
    decide,
    make_election,
    make_units,
    members,
    merge,
    record,
    roles,
    rules_of,
    set_rules,
    unit_of,
    unit_secretary,
)
from tests.utils import assert_guarded, flashed, text

# --- Recording an election --------------------------------------------------------


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
    merged = merge(
        [units[2], units[5]], "Thanh tra và Thi hành án tỉnh", datetime.date(Y, 12, 1)
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
    decide(first, board, approve=False, on=datetime.date(Y, 12, 22))
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


# --- Approval ---------------------------------------------------------------------


def test_approval_applies_the_roles_to_an_open_year(bloc, units, board, year_y):
    next_year = add_year(bloc, Y + 1, units, chair=units[0], vice_chairs=[units[5]])
    election = record(bloc, units, board)
    decide(election, board, reference="Công văn số 125/BTĐKT-NV")
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
    decide(election, board)
    election.refresh_from_db()
    assert election.status == ChairElection.Status.APPROVED
    assert not BlocYear.objects.filter(bloc=bloc, year=Y + 1).exists()


def test_rejection_leaves_the_year_alone(bloc, units, board, year_y):
    next_year = add_year(bloc, Y + 1, units, chair=units[0], vice_chairs=[units[5]])
    election = record(bloc, units, board)
    decide(election, board, approve=False)
    election.refresh_from_db()
    assert election.status == ChairElection.Status.REJECTED
    assert roles(next_year)[units[0].name] == Membership.Role.CHAIR


def test_an_election_is_decided_once(bloc, units, board, year_y):
    election = record(bloc, units, board)
    decide(election, board)
    with pytest.raises(ValidationError):
        decide(election, board, on=datetime.date(Y, 12, 29))
    # An approved result may be withdrawn (so a new one can be recorded), then nothing more.
    decide(election, board, approve=False, on=datetime.date(Y, 12, 30))
    with pytest.raises(ValidationError):
        decide(election, board, on=datetime.date(Y, 12, 31))
    assert (
        record(bloc, units, board, chair=units[3], vice_chairs=[units[4]]).status
        == "pending"
    )


def test_approval_needs_a_date(bloc, units, board, year_y):
    election = record(bloc, units, board)
    with pytest.raises(ValidationError):
        decide(election, board, on=None)


def test_approval_gives_a_merged_units_role_to_its_successor(
    council, bloc, units, board, year_y
):
    election = record(bloc, units, board)
    merged = merge(
        [units[2], units[5]], "Thanh tra và Thi hành án tỉnh", datetime.date(Y, 12, 25)
    )
    next_year = services.year_open(bloc=bloc, from_year=Y, opened_by=board)
    decide(election, board)
    assert roles(next_year)[merged.name] == Membership.Role.VICE_CHAIR


def test_approval_refuses_a_unit_missing_from_the_open_year(bloc, units, board, year_y):
    election = record(bloc, units, board)
    next_year = add_year(bloc, Y + 1, [units[0], units[1]])
    with pytest.raises(ValidationError) as exc:
        decide(election, board)
    assert "Thanh tra tỉnh không phải là đơn vị thành viên" in exc.value.messages[0]
    election.refresh_from_db()
    assert election.status == ChairElection.Status.PENDING  # rolled back
    assert next_year.memberships.filter(role=Membership.Role.CHAIR).count() == 0


# --- The chair's rights follow the approval (blocs.permissions) -------------------


def fresh(user: User) -> User:
    """The user as a new request sees them (the rights are cached on the user object)."""
    return User.objects.get(pk=user.pk)


def test_approval_passes_the_chairs_rights_to_the_new_chair(bloc, units, board):
    this_year = timezone.localdate().year
    last = add_year(bloc, this_year - 1, units, chair=units[0], vice_chairs=[units[1]])
    old_chair, new_chair, member = (
        unit_secretary(units[0]),
        unit_secretary(units[1]),
        unit_secretary(units[4]),
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
    decide(election, board, on=datetime.date(this_year - 1, 12, 28))
    current.refresh_from_db()
    assert permissions.is_chair_of(fresh(new_chair), current)
    assert permissions.can_run_bloc_year(fresh(new_chair), current)
    assert not permissions.is_chair_of(fresh(old_chair), current)
    assert not permissions.can_run_bloc_year(fresh(old_chair), current)
    assert permissions.is_chair_of(
        fresh(unit_secretary(units[2])), current
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
    decide(election, board, on=datetime.date(this_year - 1, 12, 28))
    current = services.year_open(bloc=bloc, from_year=this_year - 1, opened_by=board)
    assert current.roles_approved_on == datetime.date(this_year - 1, 12, 28)
    assert permissions.is_chair_of(fresh(unit_secretary(units[1])), current)
    assert not permissions.is_chair_of(fresh(unit_secretary(units[0])), current)


def test_the_chairs_rights_for_a_future_year_have_not_started(bloc, units, board):
    this_year = timezone.localdate().year
    add_year(bloc, this_year, units, chair=units[0], vice_chairs=[units[1]])
    election = record(
        bloc, units, board, year=this_year + 1, meeting_on=timezone.localdate()
    )
    decide(election, board, on=timezone.localdate())
    future = services.year_open(bloc=bloc, from_year=this_year, opened_by=board)
    assert roles(future)[units[1].name] == Membership.Role.CHAIR
    assert future.roles_approved_on == timezone.localdate()
    new_chair = unit_secretary(units[1])
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
    assert not permissions.is_chair_of(fresh(unit_secretary(units[1])), current)


# --- The election form ------------------------------------------------------------


def election_url(bloc, **query):
    url = reverse("blocs:election-create", args=[bloc.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def moving_up(current):
    """This year's vice-chair as next year's chair, a plain member as its vice-chair."""
    return (
        unit_of(current, Membership.Role.VICE_CHAIR),
        unit_of(current, Membership.Role.MEMBER),
    )


def election_post(current, *, chair, vices, **extra):
    data = {
        "chair": chair.pk,
        "vice_chairs": [v.pk for v in vices],
        "method": "election",
        "meeting_on": f"19/12/{THIS_YEAR}",
        "vote_summary": "4/4 đơn vị nhất trí",
    }
    data.update(extra)
    return data


def test_election_form_is_prefilled_from_the_rotation(client, board, current):
    client.force_login(board)
    response = client.get(election_url(current.bloc))
    assert response.status_code == 200
    vice = unit_of(current, Membership.Role.VICE_CHAIR)
    form = response.context["form"]
    assert form.initial["chair"] == vice  # last year's vice-chair moves up
    assert len(form.initial["vice_chairs"]) == 1
    body = text(response)
    assert f"Khối trưởng, khối phó năm {NEXT_YEAR}" in body
    assert "khối phó năm trước làm khối trưởng năm sau" in body
    assert 'id="election-form"' in body


def test_election_form_shows_the_councils_rules(client, board, council, current):
    set_rules(
        council,
        vice_chair_count=2,
        chair_term_years=3,
        vice_chair_moves_up=False,
        chair_approval_required=False,
    )
    client.force_login(board)
    body = text(client.get(election_url(current.bloc)))
    assert "Theo cấu hình của hội đồng, kết quả có hiệu lực ngay khi ghi nhận." in body
    rules = body[body.index("Quy định của hội đồng:") :]
    assert "Luân phiên;" in rules and "2 khối phó;" in rules
    assert "luân phiên theo thứ tự;" in rules and "nhiệm kỳ 3 năm." in rules


def test_election_form_says_approval_is_needed_by_default(client, board, current):
    client.force_login(board)
    body = text(client.get(election_url(current.bloc)))
    assert "Kết quả có hiệu lực khi Ban Thi đua – Khen thưởng phê duyệt." in body
    rules = body[body.index("Quy định của hội đồng:") :]
    assert "1 khối phó;" in rules and "khối phó năm trước làm khối trưởng" in rules


@pytest.mark.parametrize("actor", ["chair_user", "vice_user"])
def test_the_chair_and_vice_chair_may_record_the_election(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert (
        client.get(election_url(request.getfixturevalue("current").bloc)).status_code
        == 200
    )


@pytest.mark.parametrize("actor", ["member_user", "viewer", "outsider"])
def test_others_may_not_record_the_election(client, request, current, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(election_url(current.bloc)).status_code == 403
    vice = unit_of(current, Membership.Role.VICE_CHAIR)
    response = client.post(
        election_url(current.bloc), election_post(current, chair=vice, vices=[])
    )
    assert response.status_code == 403
    assert not ChairElection.objects.exists()


def test_last_years_chair_may_not_record_this_years_election(client, council, current):
    last = add_year(current.bloc, THIS_YEAR - 1, make_units(council, ["Sở Tư pháp"]))
    last.memberships.update(role=Membership.Role.CHAIR)
    client.force_login(unit_secretary(last.memberships.get().unit, username="cu"))
    assert client.get(election_url(current.bloc)).status_code == 403


def test_election_form_anonymous_missing_and_wrong_method(client, board, current):
    missing = reverse("blocs:election-create", args=[99999])
    assert_guarded(client, board, election_url(current.bloc), missing)


def test_chair_records_the_election_and_goes_to_the_bloc_year(
    client, chair_user, current
):
    client.force_login(chair_user)
    chair, vice = moving_up(current)
    response = client.post(
        election_url(current.bloc), election_post(current, chair=chair, vices=[vice])
    )
    assert response.status_code == 302
    assert response.url == reverse("blocyear-detail", args=[current.pk])
    election = ChairElection.objects.get()
    assert (election.year, election.chair, election.status) == (
        NEXT_YEAR,
        chair,
        "pending",
    )
    assert list(election.vice_chairs.all()) == [vice]
    assert election.recorded_by == chair_user
    assert election.meeting_on == datetime.date(THIS_YEAR, 12, 19)
    assert "đang chờ Ban Thi đua – Khen thưởng phê duyệt" in flashed(response)[0]


def test_the_chair_cannot_choose_another_year(client, chair_user, current):
    client.force_login(chair_user)
    chair, vice = moving_up(current)
    url = election_url(current.bloc, nam=THIS_YEAR + 3)
    assert (
        client.post(url, election_post(current, chair=chair, vices=[vice])).status_code
        == 302
    )
    assert ChairElection.objects.get().year == NEXT_YEAR


def test_board_may_choose_the_year(client, board, current):
    client.force_login(board)
    response = client.get(election_url(current.bloc, nam=THIS_YEAR + 3))
    assert response.status_code == 200
    assert response.context["year"] == THIS_YEAR + 3
    assert "chưa có danh sách đơn vị thành viên" in text(
        response
    )  # nothing to choose from


def test_election_form_errors_are_shown_and_nothing_is_saved(client, board, current):
    client.force_login(board)
    vice = unit_of(current, Membership.Role.VICE_CHAIR)
    response = client.post(
        election_url(current.bloc), election_post(current, chair=vice, vices=[vice])
    )
    assert response.status_code == 400
    assert "Khối trưởng không thể đồng thời là khối phó." in text(response)
    response = client.post(
        election_url(current.bloc),
        election_post(current, chair=vice, vices=[], meeting_on="", vote_summary=""),
    )
    assert response.status_code == 400
    body = text(response)
    assert "khối có 1 khối phó; đã chọn 0" in body
    assert "cần ghi ngày hội nghị" in body
    response = client.post(
        election_url(current.bloc),
        election_post(current, chair=vice, vices=[], meeting_on="31/02"),
    )
    assert response.status_code == 400
    assert not ChairElection.objects.exists()


def test_a_second_election_is_refused_until_the_board_rejects_the_first(
    client, board, current
):
    client.force_login(board)
    chair, vice = moving_up(current)
    assert (
        client.post(
            election_url(current.bloc),
            election_post(current, chair=chair, vices=[vice]),
        ).status_code
        == 302
    )
    response = client.get(election_url(current.bloc))
    assert 'id="election-in-force"' in text(response)
    assert 'id="election-form"' not in text(response)
    response = client.post(
        election_url(current.bloc), election_post(current, chair=vice, vices=[chair])
    )
    assert response.status_code == 400
    assert "phải không phê duyệt kết quả đó trước" in text(response)
    assert ChairElection.objects.count() == 1


def test_election_takes_effect_at_once_without_approval(
    client, board, council, current
):
    set_rules(council, chair_approval_required=False)
    client.force_login(board)
    chair, vice = moving_up(current)
    response = client.post(
        election_url(current.bloc), election_post(current, chair=chair, vices=[vice])
    )
    assert ChairElection.objects.get().status == "approved"
    assert "có hiệu lực ngay" in flashed(response)[0]


# --- The board's decision ---------------------------------------------------------


@pytest.fixture
def pending(current):
    return make_election(
        current.bloc,
        NEXT_YEAR,
        unit_of(current, Membership.Role.VICE_CHAIR),
        [unit_of(current, Membership.Role.MEMBER)],
    )


def decide_url(election):
    return reverse("blocs:election-decide", args=[election.pk])


def decision(choice: str, decided_on: str = f"22/12/{THIS_YEAR}", **extra) -> dict:
    """The decision form: approve or reject, on 22/12 of this year by default."""
    return {"decision": choice, "decided_on": decided_on, **extra}


def decided(current, status: str):
    """Next year's election of a plain member as chair, already decided."""
    return make_election(
        current.bloc, NEXT_YEAR, unit_of(current, Membership.Role.MEMBER), status=status
    )


def test_board_sees_the_election_to_decide(client, board, pending):
    client.force_login(board)
    response = client.get(decide_url(pending))
    assert response.status_code == 200
    body = text(response)
    assert pending.chair.name in body
    assert 'id="decide-approve"' in body and 'id="decide-reject"' in body


def test_board_approves_and_the_roles_apply_to_the_open_year(
    client, board, current, pending
):
    next_year = add_year(
        current.bloc, NEXT_YEAR, [m.unit for m in current.memberships.all()]
    )
    client.force_login(board)
    response = client.post(
        decide_url(pending),
        decision("approve", reference="Công văn số 125/BTĐKT-NV"),
    )
    assert response.status_code == 302
    assert response.url == reverse("blocyear-detail", args=[next_year.pk])
    pending.refresh_from_db()
    next_year.refresh_from_db()
    assert pending.status == "approved"
    assert pending.decided_by == board
    assert next_year.memberships.get(role=Membership.Role.CHAIR).unit == pending.chair
    assert next_year.roles_approved_on == datetime.date(THIS_YEAR, 12, 22)
    assert next_year.roles_approval_reference == "Công văn số 125/BTĐKT-NV"
    assert f"từ ngày 01/01/{NEXT_YEAR}" in flashed(response)[0]


def test_board_rejects(client, board, current, pending):
    client.force_login(board)
    response = client.post(decide_url(pending), decision("reject"))
    assert response.status_code == 302
    assert response.url == reverse("blocyear-detail", args=[current.pk])
    pending.refresh_from_db()
    assert pending.status == "rejected"


def test_decision_needs_a_valid_date(client, board, pending):
    client.force_login(board)
    response = client.post(decide_url(pending), decision("approve", decided_on=""))
    assert response.status_code == 400
    assert "Cần nhập ngày quyết định." in text(response)
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_rejected_election_is_read_only(client, board, current):
    rejected = decided(current, ChairElection.Status.REJECTED)
    client.force_login(board)
    response = client.get(decide_url(rejected))
    assert response.status_code == 200
    assert 'id="election-decide-form"' not in text(response)
    response = client.post(decide_url(rejected), decision("approve"))
    assert response.status_code == 400
    rejected.refresh_from_db()
    assert rejected.status == "rejected"


def test_an_approved_election_can_only_be_withdrawn(client, board, current):
    approved = decided(current, ChairElection.Status.APPROVED)
    client.force_login(board)
    body = text(client.get(decide_url(approved)))
    assert 'id="decide-approve"' not in body and "Hủy phê duyệt" in body
    response = client.post(decide_url(approved), decision("approve"))
    assert response.status_code == 400
    response = client.post(decide_url(approved), decision("reject"))
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == "rejected"


@pytest.mark.parametrize(
    "actor", ["chair_user", "vice_user", "member_user", "viewer", "outsider"]
)
def test_only_the_board_decides(client, request, pending, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(decide_url(pending)).status_code == 403
    response = client.post(decide_url(pending), decision("approve"))
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_decide_anonymous_missing_and_wrong_method(client, board, pending):
    missing = reverse("blocs:election-decide", args=[99999])
    assert_guarded(client, board, decide_url(pending), missing)


# --- The council's rules for chairs (settings) ------------------------------------


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


SETTINGS_URL = "council-settings"


def settings_data(**extra):
    data = {
        "place_name": "Nghệ An",
        "parent_body": "UBND TỈNH NGHỆ AN",
        "board_name": "Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Nghệ An",
        "chair_selection_method": "election",
        "vice_chair_count": "2",
        "vice_chair_moves_up": "",
        "chair_approval_required": "on",
        "chair_term_years": "1",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v != ""}


def test_board_edits_the_council_settings(client, board, council):
    client.force_login(board)
    response = client.get(reverse(SETTINGS_URL))
    assert response.status_code == 200
    assert "Khối phó năm trước làm khối trưởng năm sau" in text(response)
    response = client.post(reverse(SETTINGS_URL), settings_data())
    assert response.status_code == 302
    assert response.url == reverse(SETTINGS_URL)
    council.refresh_from_db()
    assert rules_of(council).chair_selection_method == "election"
    assert rules_of(council).vice_chair_count == 2
    assert rules_of(council).vice_chair_moves_up is False
    assert rules_of(council).chair_approval_required is True
    assert council.board_name == "Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Nghệ An"
    assert "Đã lưu cấu hình" in flashed(response)[0]


def test_council_settings_errors(client, board, council):
    client.force_login(board)
    response = client.post(
        reverse(SETTINGS_URL), settings_data(vice_chair_count="7", place_name="")
    )
    assert response.status_code == 400
    council.refresh_from_db()
    assert rules_of(council).vice_chair_count == 1


def test_another_councils_board_edits_only_their_own(
    client, outsider, council, other_council
):
    client.force_login(outsider)
    assert (
        client.post(
            reverse(SETTINGS_URL), settings_data(place_name="Hà Tĩnh")
        ).status_code
        == 302
    )
    council.refresh_from_db()
    other_council.refresh_from_db()
    assert rules_of(council).vice_chair_count == 1
    assert rules_of(other_council).vice_chair_count == 2


@pytest.mark.parametrize("actor", ["member_user", "viewer"])
def test_only_the_board_edits_settings(client, request, council, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse(SETTINGS_URL)).status_code == 403
    assert client.post(reverse(SETTINGS_URL), settings_data()).status_code == 403
    council.refresh_from_db()
    assert rules_of(council).vice_chair_count == 1


def test_settings_anonymous_and_wrong_method(client, board):
    assert_guarded(client, board, reverse(SETTINGS_URL))


# --- Query counts, at 3 and 9 members (the `sized` fixture) ----------------------


def test_election_form_query_count_is_constant(
    client, board, sized, django_assert_num_queries
):
    client.force_login(board)
    # session, user, bloc with council, the council's bloc rules; the candidates: the
    # bloc-years of the year and the year before, the members with units; last year's
    # chair and vice-chairs, the rotation slots with units; the recent elections (none:
    # no vice-chair prefetch); the back link's bloc-year; user's council (header); the
    # chair and vice-chair choice lists.
    with django_assert_num_queries(13):
        assert client.get(election_url(sized.bloc)).status_code == 200


def test_decide_page_query_count_is_constant(
    client, board, sized, django_assert_num_queries
):
    units = members(sized)
    election = make_election(sized.bloc, THIS_YEAR, units[-1], units[2:-1])
    client.force_login(board)
    # session, user, election with bloc, council, chair and the people; the open
    # bloc-year, its chair and vice-chair memberships with units, the election's
    # vice-chairs, the back link's bloc-year; user's council (header).
    with django_assert_num_queries(8):
        assert client.get(decide_url(election)).status_code == 200
