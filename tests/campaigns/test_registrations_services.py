"""Title kinds and registrations: the default list, and a unit registering until the
deadline or the chair's lock."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import services
from campaigns.models import Registration, TitleKind
from tests.factories import UnitFactory, members, register, unit_secretary

pytestmark = pytest.mark.django_db


# --- Title kinds ----------------------------------------------------------------------


def test_default_title_kinds_come_with_the_council_once(council):
    # Made when the council is created (campaigns/receivers.py), never by a GET.
    created = TitleKind.objects.filter(council=council).count()
    assert created > 0
    names = set(
        TitleKind.objects.filter(council=council).values_list("name", flat=True)
    )
    assert {
        "Tập thể lao động xuất sắc",
        "Cờ thi đua của UBND tỉnh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Cờ thi đua của Chính phủ",
        "Chiến sĩ thi đua cơ sở",
        "Lao động tiên tiến",
    } <= names
    assert services.title_kinds_ensure_defaults(council=council) == 0
    assert TitleKind.objects.filter(council=council).count() == created


def test_title_kind_names_are_unique_per_council(council, other_council):
    services.title_kind_create(council=council, name="Giấy khen", scope="collective")
    services.title_kind_create(
        council=other_council, name="Giấy khen", scope="collective"
    )
    with pytest.raises(ValidationError):
        services.title_kind_create(
            council=council, name="Giấy khen", scope="individual"
        )


# --- Registrations --------------------------------------------------------------------


def _save(bloc_year, unit, kinds, user=None, **extra):
    return register(
        bloc_year,
        unit,
        user=user,
        collective=[kinds["Tập thể lao động xuất sắc"]],
        counts={kinds["Lao động tiên tiến"]: 40, kinds["Chiến sĩ thi đua cơ sở"]: 5},
        targets=[("Tỷ lệ giải quyết đơn thư", "%", "95")],
        **extra,
    )


def test_unit_registers_titles_counts_and_targets(bloc_year, kinds):
    unit = members(bloc_year)[2]
    registration = _save(bloc_year, unit, kinds)
    assert registration.submitted_at is not None
    assert [k.name for k in registration.collective_titles.all()] == [
        "Tập thể lao động xuất sắc"
    ]
    assert {c.title.name: c.count for c in registration.individual_counts.all()} == {
        "Lao động tiên tiến": 40,
        "Chiến sĩ thi đua cơ sở": 5,
    }
    target = registration.targets.get()
    assert (target.name, target.unit_of_measure, target.target_value) == (
        "Tỷ lệ giải quyết đơn thư",
        "%",
        Decimal("95"),
    )


def test_saving_again_replaces_the_registration(bloc_year, kinds):
    unit = members(bloc_year)[2]
    user = unit_secretary(unit)
    _save(bloc_year, unit, kinds, user)
    services.registration_save(
        bloc_year=bloc_year, unit=unit, submitted_by=user, targets=[]
    )
    registration = Registration.objects.get(bloc_year=bloc_year, unit=unit)
    assert not registration.collective_titles.exists()
    assert not registration.individual_counts.exists()
    assert not registration.targets.exists()


def test_unit_registers_only_for_itself(bloc_year, kinds):
    unit_a, unit_b = members(bloc_year)[2:4]
    with pytest.raises(ValidationError, match="chính đơn vị mình"):
        _save(bloc_year, unit_b, kinds, user=unit_secretary(unit_a))
    assert not Registration.objects.exists()


def test_only_members_register(council, bloc_year, kinds):
    stranger = UnitFactory(council=council)
    with pytest.raises(ValidationError, match="không phải thành viên"):
        _save(bloc_year, stranger, kinds)


def test_registration_refused_after_the_deadline(bloc_year, kinds):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.registration_round_set_deadline(bloc_year=bloc_year, deadline=None)
    # The deadline is a date of the emulation year or the end of the previous one.
    bloc_year.year = yesterday.year
    bloc_year.save()
    services.registration_round_set_deadline(bloc_year=bloc_year, deadline=yesterday)
    with pytest.raises(ValidationError, match="hết hạn"):
        _save(bloc_year, members(bloc_year)[2], kinds)
    assert not Registration.objects.exists()


def test_registration_open_on_the_deadline_day(bloc_year, kinds):
    today = timezone.localdate()
    bloc_year.year = today.year
    bloc_year.save()
    services.registration_round_set_deadline(bloc_year=bloc_year, deadline=today)
    assert _save(bloc_year, members(bloc_year)[2], kinds).pk


def test_registration_refused_when_locked_and_open_again_when_unlocked(
    bloc_year, kinds
):
    unit = members(bloc_year)[2]
    user = unit_secretary(unit)
    services.registration_round_lock(bloc_year=bloc_year, locked=True)
    with pytest.raises(ValidationError, match="khóa"):
        _save(bloc_year, unit, kinds, user)
    services.registration_round_lock(bloc_year=bloc_year, locked=False)
    assert _save(bloc_year, unit, kinds, user).pk


def test_deadline_must_belong_to_the_year(bloc_year):
    with pytest.raises(ValidationError):
        services.registration_round_set_deadline(
            bloc_year=bloc_year, deadline=datetime.date(bloc_year.year + 1, 3, 1)
        )


def test_titles_must_be_the_councils_and_of_the_right_scope(
    bloc_year, kinds, other_council
):
    unit = members(bloc_year)[2]
    services.title_kinds_ensure_defaults(council=other_council)
    foreign = TitleKind.objects.filter(
        council=other_council, scope="collective"
    ).first()
    with pytest.raises(ValidationError):
        services.registration_save(
            bloc_year=bloc_year,
            unit=unit,
            submitted_by=unit_secretary(unit),
            collective_titles=[foreign],
        )
    with pytest.raises(ValidationError):
        services.registration_save(
            bloc_year=bloc_year,
            unit=unit,
            submitted_by=unit_secretary(unit),
            collective_titles=[kinds["Lao động tiên tiến"]],
        )


def test_target_value_cannot_be_negative(bloc_year, kinds):
    unit = members(bloc_year)[2]
    with pytest.raises(ValidationError):
        services.registration_save(
            bloc_year=bloc_year,
            unit=unit,
            submitted_by=unit_secretary(unit),
            targets=[{"name": "X", "unit_of_measure": "%", "target_value": "-1"}],
        )
    assert not Registration.objects.filter(targets__isnull=False).exists()
