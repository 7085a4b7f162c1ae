"""Restructuring (docs/domain.md §4.2, §4.3): merging and renaming units, and the
succession links the other rules follow."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blocs import history, services
from emulation.models import Succession, Unit, User
from tests.factories import (
    UnitFactory,
    UserFactory,
    make_units,
    succeed,
    unit_secretary,
)
from tests.utils import assert_guarded, flashed, text

# --- Merge and rename (services) --------------------------------------------------


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


@pytest.mark.parametrize(
    ("existing_name", "successor_name", "kind"),
    [
        ("Sở Nội vụ", "Sở Nội vụ", Unit.Kind.OTHER),
        # Whatever the case and the dashes of its name.
        ("Sở Nội vụ – Lao động", "SỞ NỘI VỤ - LAO ĐỘNG", None),
    ],
)
def test_merge_into_an_existing_unit_of_that_name(
    council, units, existing_name, successor_name, kind
):
    existing = UnitFactory(council=council, name=existing_name)
    merged = services.units_merge(
        council=council,
        predecessors=[units[2], units[5]],
        successor_name=successor_name,
        effective_on=datetime.date(2025, 3, 1),
        kind=kind,
    )
    assert merged == existing
    assert merged.name == existing_name
    assert Unit.objects.filter(council=council, name=existing_name).count() == 1


def test_merge_refuses_a_merged_units_name_whatever_its_case(council, units):
    UnitFactory(council=council, name="Ban cũ", status=Unit.Status.MERGED)
    with pytest.raises(ValidationError) as exc:
        services.units_merge(
            council=council,
            predecessors=units[:2],
            successor_name="BAN CŨ",
            effective_on=datetime.date(2025, 3, 1),
        )
    assert "là của một đơn vị đã sáp nhập hoặc giải thể" in exc.value.messages[0]


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
        ("Thi hành án dân sự tỉnh", "Tên mới phải khác tên hiện tại."),
        ("Công an tỉnh", "Hội đồng đã có đơn vị tên “Công an tỉnh”."),
        ("", "Cần nhập tên mới."),
        # Names are compared whatever their case and spacing.
        ("công an  tỉnh", "Hội đồng đã có đơn vị tên “công an tỉnh”."),
        ("THI HÀNH ÁN DÂN SỰ TỈNH", "Tên mới phải khác tên hiện tại."),
    ],
)
def test_rename_refusals(units, new_name, message):
    with pytest.raises(ValidationError) as exc:
        services.unit_rename(
            unit=units[5], new_name=new_name, effective_on=datetime.date(2025, 3, 1)
        )
    assert exc.value.messages == [message]


def test_rename_stores_the_normalised_name(units):
    renamed = services.unit_rename(
        unit=units[5],
        new_name=" Cục Thi hành án dân sự-tỉnh ",
        effective_on=datetime.date(2025, 3, 1),
    )
    assert renamed.name == "Cục Thi hành án dân sự – tỉnh"


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


# --- What follows the links (blocs.history) ---------------------------------------


@pytest.mark.parametrize("more", [0, 4])
def test_history_follows_links_transitively(
    council, units, django_assert_num_queries, more
):
    extra = [UnitFactory(council=council) for _ in range(more)]  # merged into AB too
    ab = services.units_merge(
        council=council,
        predecessors=[*units[:2], *extra],
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
    # One per generation (ABC, AB, the first units), plus the empty last one, however
    # many units merged.
    with django_assert_num_queries(4):
        predecessors = history.unit_predecessors(final)
    assert predecessors[0] == abc
    assert set(predecessors) == {abc, ab, units[0], units[1], units[2], *extra}
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
    succeed(a, b, on=datetime.date(2025, 1, 1))
    succeed(b, a, on=datetime.date(2025, 2, 1))
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
        succeed(old, p, on=datetime.date(2025, 1, 1), kind=Succession.Kind.SPLIT)
    assert history.current_successors([old])[old.pk] == sorted(
        parts, key=lambda u: u.sort_key
    )


# --- The pages --------------------------------------------------------------------


@pytest.fixture
def two(council):
    return make_units(council, ["Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy"])


MERGE_URL = "blocs:unit-merge"


def merge_data(units, **extra):
    """The merge form: these units into the Ban Tuyên giáo và Dân vận from 01/03/2025."""
    return {
        "predecessors": [u.pk for u in units],
        "successor_name": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "kind": "party",
        "effective_on": "01/03/2025",
        "reference": "Quyết định số 123-QĐ/TU",
        **extra,
    }


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
        unit_secretary(two[0], username="thuky")
        if actor == "secretary_user"
        else request.getfixturevalue(actor)
    )
    client.force_login(user)
    assert client.get(reverse(MERGE_URL)).status_code == 403
    assert client.post(reverse(MERGE_URL), merge_data(two)).status_code == 403
    assert not Succession.objects.exists()


def test_merge_anonymous_and_wrong_method(client, board):
    assert_guarded(client, board, reverse(MERGE_URL))


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


@pytest.mark.parametrize(
    ("new_name", "effective_on", "message"),
    [
        ("Ban Dân vận Tỉnh ủy", "01/03/2025", "Hội đồng đã có đơn vị mang tên này."),
        # A name of the council in another case is the same name.
        ("BAN DÂN VẬN TỈNH ỦY", "01/03/2025", "Hội đồng đã có đơn vị mang tên này."),
        ("", "", "Cần nhập tên mới."),
        # Issue "Trust and daily use" #12: year 0001 was a server error.
        ("Ban mới", "01/01/0001", "Ngày phải từ 01/01/1900 trở về sau."),
        ("Ban mới", "01/01/2101", "Ngày không được sau 31/12/2100."),
    ],
)
def test_rename_form_errors(client, board, two, new_name, effective_on, message):
    client.force_login(board)
    data = {"new_name": new_name, "effective_on": effective_on}
    response = client.post(rename_url(two[0]), data)
    assert response.status_code == 400
    assert message in text(response)
    assert not Succession.objects.exists()


def test_merge_and_import_are_forbidden_to_an_account_without_council(client, two):
    client.force_login(UserFactory(role=User.Role.BOARD, council=None))
    for name in ("blocs:unit-merge", "blocs:import-upload"):
        assert client.get(reverse(name)).status_code == 403


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
        unit_secretary(two[0], username="thuky")
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
    missing = reverse("blocs:unit-rename", args=[99999])
    assert_guarded(client, board, rename_url(two[0]), missing)
