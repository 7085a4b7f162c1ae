"""Rules of campaigns, legal bases, meetings, title kinds and registrations."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import services
from campaigns.models import Campaign, LegalBasis, Registration, TitleKind
from tests.campaigns.factories import LegalBasisFactory, members, unit_secretary
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

JAN, DEC = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


# --- Campaigns -----------------------------------------------------------------------


def test_council_campaign_keeps_no_launcher(council, bloc_year):
    unit = members(bloc_year)[0]
    campaign = services.campaign_create(
        council=council,
        level="council",
        title="Thi đua chào mừng Đại hội XIV",
        starts_on=JAN,
        ends_on=DEC,
        bloc_year=bloc_year,
        unit=unit,
    )
    assert campaign.bloc_year is None and campaign.unit is None


def test_bloc_campaign_needs_its_bloc_year(council):
    with pytest.raises(ValidationError) as exc:
        services.campaign_create(
            council=council, level="bloc", title="X", starts_on=JAN, ends_on=DEC
        )
    assert "bloc_year" in exc.value.message_dict


def test_unit_campaign_needs_its_unit(council):
    with pytest.raises(ValidationError) as exc:
        services.campaign_create(
            council=council, level="unit", title="X", starts_on=JAN, ends_on=DEC
        )
    assert "unit" in exc.value.message_dict


def test_campaign_dates_must_be_ordered(council, bloc_year):
    with pytest.raises(ValidationError) as exc:
        services.campaign_create(
            council=council, level="council", title="X", starts_on=DEC, ends_on=JAN
        )
    assert "ngày kết thúc" in str(exc.value.message_dict["ends_on"]).lower()
    assert not Campaign.objects.exists()


def test_campaign_launcher_must_be_of_the_council(council, other_council):
    foreign = UnitFactory(council=other_council)
    with pytest.raises(ValidationError) as exc:
        services.campaign_create(
            council=council,
            level="unit",
            unit=foreign,
            title="X",
            starts_on=JAN,
            ends_on=DEC,
        )
    assert "unit" in exc.value.message_dict


def test_campaign_keeps_its_legal_bases_and_can_change_level(council, bloc_year):
    basis = LegalBasisFactory()
    unit = members(bloc_year)[0]
    campaign = services.campaign_create(
        council=council,
        level="unit",
        unit=unit,
        title="Vì an ninh Tổ quốc",
        starts_on=JAN,
        ends_on=DEC,
        legal_bases=[basis],
        kind="yearly",
    )
    assert list(campaign.legal_bases.all()) == [basis]
    services.campaign_update(
        campaign=campaign, level="bloc", bloc_year=bloc_year, legal_bases=[]
    )
    campaign.refresh_from_db()
    assert (
        campaign.level == "bloc"
        and campaign.bloc_year == bloc_year
        and campaign.unit is None
    )
    assert not campaign.legal_bases.exists()


# --- Legal bases ---------------------------------------------------------------------


def test_legal_basis_number_and_date_are_unique():
    LegalBasisFactory(number="34-CT/TW", issued_on=datetime.date(2014, 4, 7))
    with pytest.raises(ValidationError):
        services.legal_basis_create(
            council=None,
            number="34-CT/TW",
            issued_on=datetime.date(2014, 4, 7),
            kind="Chỉ thị",
            title="x",
        )


def test_legal_basis_effective_dates_ordered():
    with pytest.raises(ValidationError) as exc:
        services.legal_basis_create(
            council=None,
            number="1/2025/NĐ-CP",
            kind="Nghị định",
            title="x",
            issued_on=datetime.date(2025, 1, 1),
            effective_from=datetime.date(2025, 7, 1),
            effective_to=datetime.date(2025, 1, 1),
        )
    assert "effective_to" in exc.value.message_dict


def test_legal_basis_cannot_replace_itself():
    basis = LegalBasisFactory()
    with pytest.raises(ValidationError):
        services.legal_basis_update(basis=basis, replaced_by=basis)


def test_citations_follow_decree_30_dates_and_name_laws():
    directive = LegalBasis(
        kind="Chỉ thị",
        number="34-CT/TW",
        issued_on=datetime.date(2014, 4, 7),
        issuer="Bộ Chính trị",
        title="tiếp tục đổi mới công tác thi đua, khen thưởng",
    )
    assert directive.citation == (
        "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen thưởng"
    )
    law = LegalBasis(
        kind="Luật",
        number="06/2022/QH15",
        issued_on=datetime.date(2022, 6, 15),
        title="Thi đua, khen thưởng",
    )
    assert law.citation == "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022"
    decree = LegalBasis(
        kind="Nghị định",
        number="98/2023/NĐ-CP",
        issued_on=datetime.date(2023, 12, 31),
        issuer="Chính phủ",
        title="quy định chi tiết thi hành Luật Thi đua, khen thưởng",
    )
    assert decree.citation.endswith(
        "của Chính phủ quy định chi tiết thi hành Luật Thi đua, khen thưởng"
    )
    february = LegalBasis(
        kind="Kế hoạch", number="1/KH", issued_on=datetime.date(2024, 2, 3), title="x"
    )
    assert "ngày 03/02/2024" in february.citation


def test_legal_bases_in_force_follow_dates_and_council(council, other_council):
    old = LegalBasisFactory(
        issued_on=datetime.date(2023, 12, 31), effective_to=datetime.date(2025, 6, 30)
    )
    new = LegalBasisFactory(
        issued_on=datetime.date(2025, 6, 14), effective_from=datetime.date(2025, 7, 1)
    )
    own = LegalBasisFactory(council=council, issued_on=datetime.date(2021, 4, 8))
    LegalBasisFactory(council=other_council, issued_on=datetime.date(2024, 10, 18))
    assert services.legal_bases_in_force(
        council=council, on=datetime.date(2025, 3, 1)
    ) == [own, old]
    assert services.legal_bases_in_force(
        council=council, on=datetime.date(2025, 7, 1)
    ) == [own, new]


# --- Meetings ------------------------------------------------------------------------


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


# --- Title kinds ---------------------------------------------------------------------


def test_default_title_kinds_are_created_once(council):
    created = services.title_kinds_ensure_defaults(council=council)
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


# --- Registrations -------------------------------------------------------------------


@pytest.fixture
def kinds(council):
    services.title_kinds_ensure_defaults(council=council)
    return {k.name: k for k in TitleKind.objects.filter(council=council)}


def _save(bloc_year, unit, kinds, user=None, **extra):
    return services.registration_save(
        bloc_year=bloc_year,
        unit=unit,
        submitted_by=user or unit_secretary(unit),
        collective_titles=[kinds["Tập thể lao động xuất sắc"]],
        individual_counts={
            kinds["Lao động tiên tiến"]: 40,
            kinds["Chiến sĩ thi đua cơ sở"]: 5,
        },
        targets=[
            {
                "name": "Tỷ lệ giải quyết đơn thư",
                "unit_of_measure": "%",
                "target_value": "95",
            }
        ],
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
