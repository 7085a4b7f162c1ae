"""Meetings of a bloc-year: the chair and the board write, the council reads."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import Meeting
from tests.factories import MeetingFactory, UnitFactory, make_bloc_year, members
from tests.utils import campaigns_url as url

pytestmark = pytest.mark.django_db


JAN, DEC = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


# --- Rules ----------------------------------------------------------------------------


def test_meeting_units_must_be_members(council, bloc_year):
    stranger = UnitFactory(council=council)
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            bloc_year=bloc_year, held_on=JAN, kind="launch", units_present=[stranger]
        )
    assert "units_present" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            bloc_year=bloc_year, held_on=JAN, kind="launch", host_unit=stranger
        )
    assert "host_unit" in exc.value.message_dict


def test_meeting_records_attendance(bloc_year):
    units = members(bloc_year)
    meeting = services.meeting_create(
        bloc_year=bloc_year,
        held_on=datetime.date(2026, 3, 10),
        kind="launch",
        host_unit=units[0],
        units_present=units[:3],
        guests="Ban Thi đua – Khen thưởng tỉnh, Sở Nội vụ",
    )
    assert set(meeting.units_present.all()) == set(units[:3])
    services.meeting_update(meeting=meeting, units_present=units, kind="mid_year")
    meeting.refresh_from_db()
    assert meeting.kind == "mid_year" and meeting.units_present.count() == len(units)


# --- Pages ----------------------------------------------------------------------------


def meeting_data(bloc_year, **extra):
    """The meeting form: the launch meeting, hosted by the chair, every member present."""
    units = members(bloc_year)
    return {
        "kind": "launch",
        "held_on": "10/03/2026",
        "place": "Hội trường Tòa án nhân dân tỉnh",
        "host_unit": units[0].pk,
        "units_present": [u.pk for u in units],
        "guests": "Ban Thi đua – Khen thưởng tỉnh, Sở Nội vụ",
        "summary": "Phát động phong trào thi đua và ký kết giao ước thi đua năm 2026.",
        **extra,
    }


def test_chair_records_the_launch_meeting(client, chair_secretary, bloc_year):
    client.force_login(chair_secretary)
    assert client.get(url("meeting-create", bloc_year.pk)).status_code == 200
    response = client.post(url("meeting-create", bloc_year.pk), meeting_data(bloc_year))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == url(
        "meeting-detail", meeting.pk
    )
    assert meeting.held_on == datetime.date(2026, 3, 10)
    assert meeting.units_present.count() == 4
    assert meeting.guests == "Ban Thi đua – Khen thưởng tỉnh, Sở Nội vụ"


def test_board_edits_and_deletes_a_meeting(client, board, bloc_year):
    meeting = MeetingFactory(bloc_year=bloc_year)
    client.force_login(board)
    response = client.post(
        url("meeting-edit", meeting.pk), meeting_data(bloc_year, kind="mid_year")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.kind == "mid_year"
    assert client.get(url("meeting-delete", meeting.pk)).status_code == 405
    assert client.post(url("meeting-delete", meeting.pk)).status_code == 302
    assert not Meeting.objects.exists()


def test_meeting_form_errors_are_vietnamese(client, chair_secretary, bloc_year):
    client.force_login(chair_secretary)
    response = client.post(
        url("meeting-create", bloc_year.pk), meeting_data(bloc_year, held_on="")
    )
    assert response.status_code == 400
    assert "Hãy nhập ngày họp." in response.content.decode()
    assert not Meeting.objects.exists()


def test_units_of_another_bloc_are_not_offered(
    client, chair_secretary, council, bloc_year
):
    other = make_bloc_year(council=council, n_members=2)
    client.force_login(chair_secretary)
    response = client.post(
        url("meeting-create", bloc_year.pk),
        meeting_data(bloc_year, units_present=[members(other)[0].pk]),
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_members_and_viewers_read_but_do_not_write(
    client, secretary, viewer, bloc_year
):
    meeting = MeetingFactory(bloc_year=bloc_year, place="Hội trường Công an tỉnh")
    meeting.units_present.set(members(bloc_year))
    for user in (secretary, viewer):
        client.force_login(user)
        html = client.get(url("meeting-detail", meeting.pk)).content.decode()
        assert "Hội trường Công an tỉnh" in html
        assert members(bloc_year)[0].name in html
        assert client.get(url("meeting-list", bloc_year.pk)).status_code == 200
        assert client.get(url("meeting-create", bloc_year.pk)).status_code == 403
        assert (
            client.post(
                url("meeting-edit", meeting.pk), meeting_data(bloc_year)
            ).status_code
            == 403
        )
        assert client.post(url("meeting-delete", meeting.pk)).status_code == 403


def test_outsider_anonymous_and_missing(client, outsider, bloc_year):
    meeting = MeetingFactory(bloc_year=bloc_year)
    assert client.get(url("meeting-detail", meeting.pk)).status_code == 302
    client.force_login(outsider)
    assert client.get(url("meeting-detail", meeting.pk)).status_code == 403
    assert client.get(url("meeting-list", bloc_year.pk)).status_code == 403
    assert client.get(url("meeting-detail", 999999)).status_code == 404
    assert client.get(url("meeting-list", 999999)).status_code == 404


@pytest.mark.parametrize("n", [1, 8])
def test_meeting_list_query_count_is_constant(
    client, viewer, bloc_year, django_assert_num_queries, n
):
    for i in range(n):
        meeting = MeetingFactory(
            bloc_year=bloc_year,
            host_unit=members(bloc_year)[0],
            held_on=datetime.date(2026, 1, i + 1),
        )
        meeting.units_present.set(members(bloc_year))
    client.force_login(viewer)
    # session, user, bloc-year (+bloc, council), meetings with host and attendance
    # count, header council.
    with django_assert_num_queries(5):
        assert client.get(url("meeting-list", bloc_year.pk)).status_code == 200


@pytest.mark.parametrize("n", [2, 8])
def test_meeting_detail_query_count_is_constant(
    client, viewer, council, django_assert_num_queries, n
):
    by = make_bloc_year(council=council, n_members=n)
    meeting = MeetingFactory(bloc_year=by, host_unit=members(by)[0])
    meeting.units_present.set(members(by))
    client.force_login(viewer)
    # session, user, meeting (+bloc-year, bloc, council, host), units present,
    # header council.
    with django_assert_num_queries(5):
        assert client.get(url("meeting-detail", meeting.pk)).status_code == 200
