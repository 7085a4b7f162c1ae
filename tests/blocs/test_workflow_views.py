"""The workflow pages: who may use them, what they show, what a POST changes."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from blocs.models import BlocYear, ChairElection, Membership
from emulation.models import Succession, Unit, User
from tests.blocs.factories import add_year, make_bloc, make_election, make_units
from tests.factories import (
    UnitFactory,
    UserFactory,
    make_bloc_year,
    rules_of,
    set_rules,
)

THIS_YEAR = timezone.localdate().year
NEXT_YEAR = THIS_YEAR + 1


# --- Actors around a bloc-year of the current calendar year ------------------------------------


@pytest.fixture
def current(council):
    """This year's bloc-year: 4 members, the first chairs, the second vice-chairs (approved)."""
    return make_bloc_year(
        council=council, year=THIS_YEAR, n_members=4, name="Khối thi đua Nội chính"
    )


def _unit(bloc_year, role):
    return (
        bloc_year.memberships.filter(role=role)
        .select_related("unit")
        .order_by("id")
        .first()
        .unit
    )


def _secretary(unit, username):
    return UserFactory(
        username=username, role=User.Role.SECRETARY, council=unit.council, unit=unit
    )


@pytest.fixture
def chair_user(current):
    return _secretary(_unit(current, Membership.Role.CHAIR), "khoitruong")


@pytest.fixture
def vice_user(current):
    return _secretary(_unit(current, Membership.Role.VICE_CHAIR), "khoipho")


@pytest.fixture
def member_user(current):
    return _secretary(_unit(current, Membership.Role.MEMBER), "thanhvien")


def text(response) -> str:
    return response.content.decode()


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_login_redirect(client, url, method="get"):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- Election form ---------------------------------------------------------------------------


def election_url(bloc, **query):
    url = reverse("blocs:election-create", args=[bloc.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


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
    vice = _unit(current, Membership.Role.VICE_CHAIR)
    form = response.context["form"]
    assert form.initial["chair"] == vice  # last year's vice-chair moves up
    assert len(form.initial["vice_chairs"]) == 1
    body = text(response)
    assert f"Khối trưởng, khối phó năm {NEXT_YEAR}" in body
    assert "khối phó năm trước làm khối trưởng năm sau" in body
    assert 'id="election-form"' in body


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
    vice = _unit(current, Membership.Role.VICE_CHAIR)
    response = client.post(
        election_url(current.bloc), election_post(current, chair=vice, vices=[])
    )
    assert response.status_code == 403
    assert not ChairElection.objects.exists()


def test_last_years_chair_may_not_record_this_years_election(client, council, current):
    last = add_year(current.bloc, THIS_YEAR - 1, make_units(council, ["Sở Tư pháp"]))
    last.memberships.update(role=Membership.Role.CHAIR)
    client.force_login(_secretary(last.memberships.get().unit, "cu"))
    assert client.get(election_url(current.bloc)).status_code == 403


def test_election_form_anonymous_missing_and_wrong_method(client, board, current):
    assert_login_redirect(client, election_url(current.bloc))
    client.force_login(board)
    assert client.get(reverse("blocs:election-create", args=[99999])).status_code == 404
    assert client.put(election_url(current.bloc)).status_code == 405


def test_chair_records_the_election_and_goes_to_the_bloc_year(
    client, chair_user, current
):
    client.force_login(chair_user)
    chair, vice = (
        _unit(current, Membership.Role.VICE_CHAIR),
        _unit(current, Membership.Role.MEMBER),
    )
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
    chair, vice = (
        _unit(current, Membership.Role.VICE_CHAIR),
        _unit(current, Membership.Role.MEMBER),
    )
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
    vice = _unit(current, Membership.Role.VICE_CHAIR)
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
    chair, vice = (
        _unit(current, Membership.Role.VICE_CHAIR),
        _unit(current, Membership.Role.MEMBER),
    )
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
    chair, vice = (
        _unit(current, Membership.Role.VICE_CHAIR),
        _unit(current, Membership.Role.MEMBER),
    )
    response = client.post(
        election_url(current.bloc), election_post(current, chair=chair, vices=[vice])
    )
    assert ChairElection.objects.get().status == "approved"
    assert "có hiệu lực ngay" in flashed(response)[0]


# --- Decide ------------------------------------------------------------------------------------


@pytest.fixture
def pending(current):
    return make_election(
        current.bloc,
        NEXT_YEAR,
        _unit(current, Membership.Role.VICE_CHAIR),
        [_unit(current, Membership.Role.MEMBER)],
    )


def decide_url(election):
    return reverse("blocs:election-decide", args=[election.pk])


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
        {
            "decision": "approve",
            "decided_on": f"22/12/{THIS_YEAR}",
            "reference": "Công văn số 125/BTĐKT-NV",
        },
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
    response = client.post(
        decide_url(pending), {"decision": "reject", "decided_on": f"22/12/{THIS_YEAR}"}
    )
    assert response.status_code == 302
    assert response.url == reverse("blocyear-detail", args=[current.pk])
    pending.refresh_from_db()
    assert pending.status == "rejected"


def test_decision_needs_a_valid_date(client, board, pending):
    client.force_login(board)
    response = client.post(
        decide_url(pending), {"decision": "approve", "decided_on": ""}
    )
    assert response.status_code == 400
    assert "Cần nhập ngày quyết định." in text(response)
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_rejected_election_is_read_only(client, board, current):
    rejected = make_election(
        current.bloc,
        NEXT_YEAR,
        _unit(current, Membership.Role.MEMBER),
        status=ChairElection.Status.REJECTED,
    )
    client.force_login(board)
    response = client.get(decide_url(rejected))
    assert response.status_code == 200
    assert 'id="election-decide-form"' not in text(response)
    response = client.post(
        decide_url(rejected),
        {"decision": "approve", "decided_on": f"22/12/{THIS_YEAR}"},
    )
    assert response.status_code == 400
    rejected.refresh_from_db()
    assert rejected.status == "rejected"


def test_an_approved_election_can_only_be_withdrawn(client, board, current):
    approved = make_election(
        current.bloc,
        NEXT_YEAR,
        _unit(current, Membership.Role.MEMBER),
        status=ChairElection.Status.APPROVED,
    )
    client.force_login(board)
    body = text(client.get(decide_url(approved)))
    assert 'id="decide-approve"' not in body and "Hủy phê duyệt" in body
    response = client.post(
        decide_url(approved),
        {"decision": "approve", "decided_on": f"22/12/{THIS_YEAR}"},
    )
    assert response.status_code == 400
    response = client.post(
        decide_url(approved), {"decision": "reject", "decided_on": f"22/12/{THIS_YEAR}"}
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == "rejected"


@pytest.mark.parametrize(
    "actor", ["chair_user", "vice_user", "member_user", "viewer", "outsider"]
)
def test_only_the_board_decides(client, request, pending, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(decide_url(pending)).status_code == 403
    response = client.post(
        decide_url(pending), {"decision": "approve", "decided_on": f"22/12/{THIS_YEAR}"}
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_decide_anonymous_missing_and_wrong_method(client, board, pending):
    assert_login_redirect(client, decide_url(pending))
    client.force_login(board)
    assert client.get(reverse("blocs:election-decide", args=[99999])).status_code == 404
    assert client.put(decide_url(pending)).status_code == 405


# --- Opening a new year ------------------------------------------------------------------------


def year_open_url(bloc, **query):
    url = reverse("blocs:year-open", args=[bloc.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_year_open_shows_the_preview_and_writes_nothing(
    client, board, council, current
):
    merged_from = _unit(current, Membership.Role.MEMBER)
    Unit.objects.filter(pk=merged_from.pk).update(status=Unit.Status.MERGED)
    successor = UnitFactory(council=council, name="Sở Nội vụ")
    Succession.objects.create(
        predecessor=merged_from,
        successor=successor,
        effective_on=datetime.date(THIS_YEAR, 7, 1),
    )
    client.force_login(board)
    response = client.get(year_open_url(current.bloc))
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.from_year == THIS_YEAR
    assert [r.target for r in plan.replaced] == [successor]
    body = text(response)
    assert "Sở Nội vụ" in body and "Thay bằng đơn vị kế thừa" in body
    assert 'id="year-open-confirm"' in body
    assert not BlocYear.objects.filter(year=NEXT_YEAR).exists()


def test_year_open_commits_on_post_and_twice_changes_nothing(client, board, current):
    client.force_login(board)
    response = client.post(year_open_url(current.bloc), {"from_year": THIS_YEAR})
    new = BlocYear.objects.get(bloc=current.bloc, year=NEXT_YEAR)
    assert response.status_code == 302
    assert response.url == reverse("blocyear-detail", args=[new.pk])
    assert "với 4 đơn vị thành viên" in flashed(response)[0]
    assert new.memberships.count() == 4
    response = client.post(year_open_url(current.bloc), {"from_year": THIS_YEAR})
    assert response.status_code == 302
    assert "không có thay đổi" in flashed(response)[-1]
    assert BlocYear.objects.filter(bloc=current.bloc, year=NEXT_YEAR).count() == 1
    assert new.memberships.count() == 4


def test_year_open_for_a_chosen_year(client, board, current):
    client.force_login(board)
    assert (
        client.get(year_open_url(current.bloc, nam=1999)).context["from_year"]
        == THIS_YEAR
    )  # ignored
    response = client.get(year_open_url(current.bloc, nam=THIS_YEAR - 3))
    assert response.status_code == 200
    assert f"chưa có năm thi đua {THIS_YEAR - 3}" in text(response)
    assert 'id="year-open-confirm"' not in text(response)


def test_year_open_of_a_bloc_without_years(client, board, council):
    bloc = make_bloc(council, [])
    client.force_login(board)
    response = client.get(year_open_url(bloc))
    assert response.status_code == 200
    assert "Khối chưa có năm thi đua nào" in text(response)


def test_year_open_refuses_bad_input(client, board, current):
    client.force_login(board)
    assert (
        client.post(year_open_url(current.bloc), {"from_year": "abc"}).status_code
        == 400
    )
    assert (
        client.post(
            year_open_url(current.bloc), {"from_year": THIS_YEAR - 5}
        ).status_code
        == 400
    )
    assert not BlocYear.objects.filter(year=NEXT_YEAR).exists()


@pytest.mark.parametrize("actor", ["chair_user", "member_user", "viewer", "outsider"])
def test_only_the_board_opens_a_year(client, request, current, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(year_open_url(current.bloc)).status_code == 403
    assert (
        client.post(year_open_url(current.bloc), {"from_year": THIS_YEAR}).status_code
        == 403
    )
    assert not BlocYear.objects.filter(year=NEXT_YEAR).exists()


def test_year_open_anonymous_missing_and_wrong_method(client, board, current):
    assert_login_redirect(client, year_open_url(current.bloc))
    client.force_login(board)
    assert client.get(reverse("blocs:year-open", args=[99999])).status_code == 404
    assert client.put(year_open_url(current.bloc)).status_code == 405


# --- Merge and rename ----------------------------------------------------------------------------


@pytest.fixture
def two(council):
    return make_units(council, ["Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy"])


MERGE_URL = "blocs:unit-merge"


def merge_data(units, **extra):
    data = {
        "predecessors": [u.pk for u in units],
        "successor_name": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "kind": "party",
        "effective_on": "01/03/2025",
        "reference": "Quyết định số 123-QĐ/TU",
    }
    data.update(extra)
    return data


def test_board_merges_units(client, board, two):
    client.force_login(board)
    response = client.get(reverse(MERGE_URL) + f"?don_vi={two[0].pk}")
    assert response.status_code == 200
    assert list(response.context["form"].initial["predecessors"]) == [two[0]]
    response = client.post(reverse(MERGE_URL), merge_data(two))
    merged = Unit.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy")
    assert response.status_code == 302
    assert response.url == reverse("blocs:unit-detail", args=[merged.pk])
    assert merged.kind == "party"
    for unit in two:
        unit.refresh_from_db()
        assert unit.status == Unit.Status.MERGED
        assert unit.active_to == datetime.date(2025, 2, 28)
    assert Succession.objects.filter(successor=merged).count() == 2
    assert "Đã sáp nhập" in flashed(response)[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"predecessors": "one"}, "Sáp nhập cần ít nhất 2 đơn vị."),
        (
            {"successor_name": "Ban Dân vận Tỉnh ủy"},
            "phải khác các đơn vị được sáp nhập",
        ),
        ({"effective_on": "32/13/2025"}, "Nhập một ngày hợp lệ"),
        ({"successor_name": ""}, "Cần nhập tên đơn vị sau sáp nhập."),
    ],
)
def test_merge_form_errors(client, board, two, change, message):
    client.force_login(board)
    data = merge_data(two)
    if change.get("predecessors") == "one":
        data["predecessors"] = [two[0].pk]
    else:
        data.update(change)
    response = client.post(reverse(MERGE_URL), data)
    assert response.status_code == 400
    assert message in text(response)
    assert not Succession.objects.exists()


def test_merge_refuses_a_name_of_a_merged_unit(client, board, council, two):
    UnitFactory(council=council, name="Ban cũ", status=Unit.Status.MERGED)
    client.force_login(board)
    response = client.post(reverse(MERGE_URL), merge_data(two, successor_name="Ban cũ"))
    assert response.status_code == 400
    assert "đã sáp nhập hoặc giải thể" in text(response)


def test_merge_refuses_an_effective_date_before_a_unit_started(client, board, two):
    Unit.objects.filter(pk=two[0].pk).update(active_from=datetime.date(2025, 6, 1))
    client.force_login(board)
    response = client.post(reverse(MERGE_URL), merge_data(two))
    assert response.status_code == 400
    assert (
        "Ngày có hiệu lực phải sau ngày Ban Tuyên giáo Tỉnh ủy bắt đầu hoạt động (01/06/2025)."
        in text(response)
    )


@pytest.mark.parametrize("own_units", [0, 2])
def test_another_councils_board_cannot_merge_our_units(
    client, outsider, other_council, two, own_units
):
    make_units(other_council, ["Sở Tư pháp", "Sở Nội vụ"][:own_units])
    client.force_login(outsider)
    response = client.post(reverse(MERGE_URL), merge_data(two))
    assert response.status_code == 400  # not among the units they may choose
    assert "không có trong danh sách" in text(response)
    two[0].refresh_from_db()
    assert two[0].status == Unit.Status.ACTIVE


@pytest.mark.parametrize("actor", ["secretary_user", "viewer"])
def test_only_the_board_merges(client, request, council, two, actor):
    user = (
        _secretary(two[0], "thuky")
        if actor == "secretary_user"
        else request.getfixturevalue(actor)
    )
    client.force_login(user)
    assert client.get(reverse(MERGE_URL)).status_code == 403
    assert client.post(reverse(MERGE_URL), merge_data(two)).status_code == 403
    assert not Succession.objects.exists()


def test_merge_anonymous_and_wrong_method(client, board):
    assert_login_redirect(client, reverse(MERGE_URL))
    client.force_login(board)
    assert client.put(reverse(MERGE_URL)).status_code == 405


def rename_url(unit):
    return reverse("blocs:unit-rename", args=[unit.pk])


def test_board_renames_a_unit(client, board, two):
    client.force_login(board)
    assert client.get(rename_url(two[0])).status_code == 200
    response = client.post(
        rename_url(two[0]),
        {"new_name": "Ban Tuyên giáo Tỉnh ủy (mới)", "effective_on": "01/03/2025"},
    )
    renamed = Unit.objects.get(name="Ban Tuyên giáo Tỉnh ủy (mới)")
    assert response.status_code == 302
    assert response.url == reverse("blocs:unit-detail", args=[renamed.pk])
    assert Succession.objects.get(predecessor=two[0]).kind == "rename"
    assert "Đã đổi tên" in flashed(response)[0]


def test_rename_form_errors(client, board, two):
    client.force_login(board)
    response = client.post(
        rename_url(two[0]),
        {"new_name": "Ban Dân vận Tỉnh ủy", "effective_on": "01/03/2025"},
    )
    assert response.status_code == 400
    assert "Hội đồng đã có đơn vị mang tên này." in text(response)
    response = client.post(rename_url(two[0]), {"new_name": "", "effective_on": ""})
    assert response.status_code == 400
    assert "Cần nhập tên mới." in text(response)
    assert not Succession.objects.exists()


def test_a_merged_unit_cannot_be_renamed(client, board, two):
    Unit.objects.filter(pk=two[0].pk).update(status=Unit.Status.MERGED)
    client.force_login(board)
    assert 'id="unit-inactive"' in text(client.get(rename_url(two[0])))
    response = client.post(
        rename_url(two[0]), {"new_name": "Tên khác", "effective_on": "01/03/2025"}
    )
    assert response.status_code == 400
    assert "không thể đổi tên" in text(response)


@pytest.mark.parametrize("actor", ["secretary_user", "viewer", "outsider"])
def test_only_the_board_renames(client, request, two, actor):
    user = (
        _secretary(two[0], "thuky")
        if actor == "secretary_user"
        else request.getfixturevalue(actor)
    )
    client.force_login(user)
    assert client.get(rename_url(two[0])).status_code == 403
    response = client.post(
        rename_url(two[0]), {"new_name": "Tên khác", "effective_on": "01/03/2025"}
    )
    assert response.status_code == 403
    assert not Succession.objects.exists()


def test_rename_anonymous_missing_and_wrong_method(client, board, two):
    assert_login_redirect(client, rename_url(two[0]))
    client.force_login(board)
    assert client.get(reverse("blocs:unit-rename", args=[99999])).status_code == 404
    assert client.put(rename_url(two[0])).status_code == 405


# --- Council settings -------------------------------------------------------------------------


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
    assert_login_redirect(client, reverse(SETTINGS_URL))
    client.force_login(board)
    assert client.put(reverse(SETTINGS_URL)).status_code == 405


# --- Query counts: the same bound for a small and a large bloc ---------------------------------


@pytest.mark.parametrize("n", [3, 9])
def test_election_form_query_count_is_constant(
    client, board, council, django_assert_max_num_queries, n
):
    by = make_bloc_year(council=council, year=THIS_YEAR, n_members=n)
    client.force_login(board)
    # session, user, bloc+council; candidates: bloc-years + members, twice (the form's list and the
    # proposal's); last year's roles, rotation slots; the elections list (its vice-chairs prefetch
    # when there are any); the back link's bloc-year; council (nav); the two choice lists
    with django_assert_max_num_queries(15):
        assert client.get(election_url(by.bloc)).status_code == 200


@pytest.mark.parametrize("n", [3, 9])
def test_year_open_preview_query_count_is_constant(
    client, board, council, django_assert_max_num_queries, n
):
    by = make_bloc_year(council=council, year=THIS_YEAR, n_members=n)
    client.force_login(board)
    # session, user, bloc+council, latest year; preview: bloc-years, members with units, where the
    # units are next year, the approved election; the year list, the back link's bloc-year, council (nav)
    with django_assert_max_num_queries(11):
        assert client.get(year_open_url(by.bloc)).status_code == 200
