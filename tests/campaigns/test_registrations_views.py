"""Title kinds and registrations: the board keeps the list; a unit edits its own
registration until the deadline or the chair's lock; the chair sees who registered and
the summary."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.models import Registration, RegistrationRound, TitleKind
from tests.factories import (
    TitleKindFactory,
    UnitFactory,
    UserFactory,
    make_bloc_year,
    members,
    register,
    title_kinds,
    unit_secretary,
)
from tests.utils import campaigns_url as url

pytestmark = pytest.mark.django_db


# --- Title kinds ----------------------------------------------------------------------


def test_title_kind_list_seeds_the_defaults(client, board, council):
    client.force_login(board)
    html = client.get(url("titlekind-list")).content.decode()
    assert "Tập thể lao động xuất sắc" in html and "Chiến sĩ thi đua cơ sở" in html
    assert TitleKind.objects.filter(council=council).exists()


def test_board_adds_and_edits_a_title_kind(client, board, council):
    client.force_login(board)
    response = client.post(
        url("titlekind-create"),
        {
            "name": "Giấy khen của Giám đốc Sở",
            "scope": "collective",
            "position": 9,
            "active": "on",
        },
    )
    assert response.status_code == 302
    kind = TitleKind.objects.get(name="Giấy khen của Giám đốc Sở")
    response = client.post(
        url("titlekind-edit", kind.pk),
        {"name": kind.name, "scope": "collective", "position": 9},
    )
    kind.refresh_from_db()
    assert kind.active is False


def test_duplicate_title_kind_is_a_form_error(client, board, council):
    TitleKindFactory(council=council, name="Giấy khen")
    client.force_login(board)
    response = client.post(
        url("titlekind-create"),
        {"name": "Giấy khen", "scope": "collective", "position": 1},
    )
    assert response.status_code == 400
    assert "đã có danh hiệu" in response.content.decode()


def test_title_kinds_are_for_the_board(client, secretary, outsider, council):
    kind = TitleKindFactory(council=council)
    client.force_login(secretary)
    assert client.get(url("titlekind-list")).status_code == 403
    client.force_login(outsider)
    assert client.get(url("titlekind-edit", kind.pk)).status_code == 403
    assert client.get(url("titlekind-edit", 999999)).status_code == 404


# --- Registrations --------------------------------------------------------------------


def form_data(kinds, targets=(("Tỷ lệ giải quyết đơn thư", "%", "95"),), **extra):
    data = {
        "collective_titles": [
            kinds["Tập thể lao động xuất sắc"].pk,
            kinds["Cờ thi đua của UBND tỉnh"].pk,
        ],
        f"count_{kinds['Lao động tiên tiến'].pk}": "42",
        f"count_{kinds['Chiến sĩ thi đua cơ sở'].pk}": "6",
        "note": "",
        "targets-TOTAL_FORMS": str(len(targets) + 1),
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "50",
    }
    for i, (name, uom, value) in enumerate(targets):
        data.update(
            {
                f"targets-{i}-name": name,
                f"targets-{i}-unit_of_measure": uom,
                f"targets-{i}-target_value": value,
            }
        )
    data.update(extra)
    return data


def set_deadline(bloc_year, day):
    RegistrationRound.objects.update_or_create(
        bloc_year=bloc_year, defaults={"deadline": day}
    )


def test_member_registers(client, secretary, bloc_year, kinds):
    client.force_login(secretary)
    assert client.get(url("registration-edit", bloc_year.pk)).status_code == 200
    response = client.post(url("registration-edit", bloc_year.pk), form_data(kinds))
    registration = Registration.objects.get()
    assert response.status_code == 302 and response.url == url(
        "registration-detail", registration.pk
    )
    assert (
        registration.unit == secretary.unit and registration.submitted_by == secretary
    )
    assert {k.name for k in registration.collective_titles.all()} == {
        "Tập thể lao động xuất sắc",
        "Cờ thi đua của UBND tỉnh",
    }
    assert {c.title.name: c.count for c in registration.individual_counts.all()} == {
        "Lao động tiên tiến": 42,
        "Chiến sĩ thi đua cơ sở": 6,
    }
    assert registration.targets.get().name == "Tỷ lệ giải quyết đơn thư"


def test_edit_form_shows_the_saved_registration(client, secretary, bloc_year, kinds):
    client.force_login(secretary)
    client.post(
        url("registration-edit", bloc_year.pk),
        form_data(kinds, targets=[("Số mô hình", "mô hình", "12.50")]),
    )
    html = client.get(url("registration-edit", bloc_year.pk)).content.decode()
    assert (
        'value="Số mô hình"' in html and 'value="12.5"' in html and 'value="42"' in html
    )


def test_incomplete_target_is_a_vietnamese_form_error(
    client, secretary, bloc_year, kinds
):
    client.force_login(secretary)
    response = client.post(
        url("registration-edit", bloc_year.pk),
        form_data(kinds, targets=[("Chỉ tiêu", "", "-3")]),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy nhập đơn vị tính." in html and "Giá trị không được âm." in html
    assert not Registration.objects.exists()


def test_deleted_target_rows_are_dropped(client, secretary, bloc_year, kinds):
    client.force_login(secretary)
    data = form_data(
        kinds,
        targets=[("Giữ", "%", "1"), ("Bỏ", "%", "2")],
        **{"targets-1-DELETE": "on"},
    )
    client.post(url("registration-edit", bloc_year.pk), data)
    assert [t.name for t in Registration.objects.get().targets.all()] == ["Giữ"]


def test_registration_closed_after_deadline(client, secretary, bloc_year, kinds):
    set_deadline(bloc_year, timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(secretary)
    response = client.get(url("registration-edit", bloc_year.pk))
    assert response.status_code == 302
    response = client.post(
        url("registration-edit", bloc_year.pk), form_data(kinds), follow=True
    )
    assert "Đã hết hạn" in response.content.decode()
    assert not Registration.objects.exists()


def test_chair_sets_the_deadline_and_locks(
    client, chair_secretary, secretary, bloc_year, kinds
):
    client.force_login(chair_secretary)
    response = client.post(
        url("registration-deadline", bloc_year.pk), {"deadline": "31/03/2026"}
    )
    assert response.status_code == 302
    assert RegistrationRound.objects.get().deadline == datetime.date(2026, 3, 31)
    client.post(url("registration-lock", bloc_year.pk), {"locked": "1"})
    assert RegistrationRound.objects.get().locked_at is not None
    client.force_login(secretary)
    client.post(url("registration-edit", bloc_year.pk), form_data(kinds))
    assert not Registration.objects.exists()
    client.force_login(chair_secretary)
    client.post(url("registration-lock", bloc_year.pk), {"locked": "0"})
    assert RegistrationRound.objects.get().locked_at is None


def test_bad_deadline_is_reported(client, chair_secretary, bloc_year):
    client.force_login(chair_secretary)
    response = client.post(
        url("registration-deadline", bloc_year.pk),
        {"deadline": "32/13/2026"},
        follow=True,
    )
    assert "Ngày không hợp lệ" in response.content.decode()
    assert not RegistrationRound.objects.filter(deadline__isnull=False).exists()


def test_members_cannot_set_deadline_or_lock(client, secretary, bloc_year):
    client.force_login(secretary)
    assert (
        client.post(
            url("registration-deadline", bloc_year.pk), {"deadline": "31/03/2026"}
        ).status_code
        == 403
    )
    assert (
        client.post(url("registration-lock", bloc_year.pk), {"locked": "1"}).status_code
        == 403
    )
    assert client.get(url("registration-lock", bloc_year.pk)).status_code == 405
    assert not RegistrationRound.objects.filter(locked_at__isnull=False).exists()


@pytest.mark.parametrize("actor", ["board", "viewer", "outsider"])
def test_only_member_secretaries_edit_a_registration(
    client, bloc_year, kinds, actor, request
):
    client.force_login(request.getfixturevalue(actor))
    assert (
        client.post(
            url("registration-edit", bloc_year.pk), form_data(kinds)
        ).status_code
        == 403
    )
    assert not Registration.objects.exists()


def test_non_member_unit_cannot_register(client, council, bloc_year, kinds):
    stranger = UserFactory(
        role="secretary", council=council, unit=UnitFactory(council=council)
    )
    client.force_login(stranger)
    assert client.get(url("registration-edit", bloc_year.pk)).status_code == 403


def test_overview_shows_who_registered(
    client, chair_secretary, secretary, bloc_year, kinds
):
    services.registration_save(
        bloc_year=bloc_year,
        unit=secretary.unit,
        submitted_by=secretary,
        collective_titles=[kinds["Cờ thi đua của Chính phủ"]],
    )
    client.force_login(chair_secretary)
    response = client.get(url("registration-list", bloc_year.pk))
    html = response.content.decode()
    assert "1/4 đơn vị đã đăng ký" in html
    assert "Cờ thi đua của Chính phủ" in html
    assert html.count("Chưa đăng ký") == 3
    assert 'id="registration-lock"' in html


def test_registration_pages_404_403_anonymous(
    client, outsider, secretary, bloc_year, kinds
):
    registration = services.registration_save(
        bloc_year=bloc_year, unit=secretary.unit, submitted_by=secretary
    )
    assert client.get(url("registration-list", bloc_year.pk)).status_code == 302
    client.force_login(outsider)
    assert client.get(url("registration-list", bloc_year.pk)).status_code == 403
    assert client.get(url("registration-detail", registration.pk)).status_code == 403
    assert client.get(url("registration-summary-pdf", bloc_year.pk)).status_code == 403
    assert client.get(url("registration-detail", 999999)).status_code == 404
    assert client.get(url("registration-list", 999999)).status_code == 404


def test_detail_offers_editing_only_to_the_unit_while_open(
    client, secretary, viewer, bloc_year, kinds
):
    registration = services.registration_save(
        bloc_year=bloc_year, unit=secretary.unit, submitted_by=secretary
    )
    client.force_login(secretary)
    assert (
        'id="registration-edit"'
        in client.get(url("registration-detail", registration.pk)).content.decode()
    )
    client.force_login(viewer)
    assert (
        'id="registration-edit"'
        not in client.get(url("registration-detail", registration.pk)).content.decode()
    )


@pytest.mark.parametrize("n", [3, 10])
def test_overview_query_count_is_constant(
    client, council, django_assert_num_queries, n
):
    by = make_bloc_year(council=council, n_members=n)
    kinds = title_kinds(council).values()
    collective = [k for k in kinds if k.scope == "collective"]
    individual = [k for k in kinds if k.scope == "individual"]
    for unit in members(by):
        register(
            by,
            unit,
            collective=collective[:2],
            counts={individual[0]: 10},
            targets=[("Chỉ tiêu", "%", "90")],
        )
    client.force_login(unit_secretary(members(by)[0]))
    # session, user, bloc-year (+bloc, council), registrations (+submitted_by), their
    # collective titles, individual counts and targets, members (+units), round,
    # chair rights, header council, header unit.
    with django_assert_num_queries(12):
        assert client.get(url("registration-list", by.pk)).status_code == 200


def test_only_the_units_secretary_is_offered_to_register(
    client, council, secretary, bloc_year
):
    client.force_login(secretary)
    html = client.get(url("registration-list", bloc_year.pk)).content.decode()
    assert 'id="registration-edit"' in html
    # A board account attached to a member unit does not register for it.
    board_of_unit = UserFactory(role="board", council=council, unit=secretary.unit)
    client.force_login(board_of_unit)
    html = client.get(url("registration-list", bloc_year.pk)).content.decode()
    assert 'id="registration-edit"' not in html


@pytest.mark.parametrize("n", [1, 6])
def test_registration_detail_query_count_is_constant(
    client, viewer, secretary, bloc_year, kinds, django_assert_num_queries, n
):
    collective = [k for k in kinds.values() if k.scope == "collective"]
    individual = [k for k in kinds.values() if k.scope == "individual"]
    registration = services.registration_save(
        bloc_year=bloc_year,
        unit=secretary.unit,
        submitted_by=secretary,
        collective_titles=collective[:n],
        individual_counts={k: 3 for k in individual[:n]},
        targets=[
            {"name": f"Chỉ tiêu {i}", "unit_of_measure": "%", "target_value": "90"}
            for i in range(n)
        ],
    )
    client.force_login(viewer)
    # session, user, registration (+bloc-year, bloc, council, unit), round, its
    # collective titles, individual counts (+titles) and targets, header council.
    with django_assert_num_queries(8):
        response = client.get(url("registration-detail", registration.pk))
        assert response.status_code == 200


def test_a_new_council_has_its_title_kinds_and_no_get_writes(client, board):
    """Issue "Trust and daily use" #13: the default list is made when the council is
    created, not by the first GET of a page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from campaigns.models import TitleKind
    from tests.factories import CouncilFactory

    council = CouncilFactory(name="Hội đồng Thi đua – Khen thưởng tỉnh Quảng Trị")
    assert TitleKind.objects.filter(council=council).count() > 0
    client.force_login(board)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("campaigns:titlekind-list")).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert writes == []
