"""Campaigns (phong trào thi đua): the launcher rules, the list, the detail and the forms."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import Campaign
from tests.factories import (
    CampaignFactory,
    LegalBasisFactory,
    UnitFactory,
    UserFactory,
    make_bloc_year,
    members,
)
from tests.utils import campaigns_url as url
from tests.utils import select_year

pytestmark = pytest.mark.django_db


JAN, DEC = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


# --- Rules ----------------------------------------------------------------------------


def create(council, level: str, **fields):
    """campaign_create of a 2026 campaign at this level (titled "X" unless given)."""
    fields = {"title": "X", "starts_on": JAN, "ends_on": DEC, **fields}
    return services.campaign_create(council=council, level=level, **fields)


def test_council_campaign_keeps_no_launcher(council, bloc_year):
    unit = members(bloc_year)[0]
    campaign = create(
        council,
        "council",
        title="Thi đua chào mừng Đại hội XIV",
        bloc_year=bloc_year,
        unit=unit,
    )
    assert campaign.bloc_year is None and campaign.unit is None


def test_bloc_campaign_needs_its_bloc_year(council):
    with pytest.raises(ValidationError) as exc:
        create(council, "bloc")
    assert "bloc_year" in exc.value.message_dict


def test_unit_campaign_needs_its_unit(council):
    with pytest.raises(ValidationError) as exc:
        create(council, "unit")
    assert "unit" in exc.value.message_dict


def test_campaign_dates_must_be_ordered(council, bloc_year):
    with pytest.raises(ValidationError) as exc:
        create(council, "council", starts_on=DEC, ends_on=JAN)
    assert "ngày kết thúc" in str(exc.value.message_dict["ends_on"]).lower()
    assert not Campaign.objects.exists()


def test_campaign_launcher_must_be_of_the_council(council, other_council):
    foreign = UnitFactory(council=other_council)
    with pytest.raises(ValidationError) as exc:
        create(council, "unit", unit=foreign)
    assert "unit" in exc.value.message_dict


def test_campaign_keeps_its_legal_bases_and_can_change_level(council, bloc_year):
    basis = LegalBasisFactory()
    unit = members(bloc_year)[0]
    campaign = create(
        council,
        "unit",
        unit=unit,
        title="Vì an ninh Tổ quốc",
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


def campaign_data(**extra):
    """The campaign form: a thematic council campaign of the first half of 2026."""
    return {
        "level": "council",
        "title": "Phong trào thi đua chào mừng Đại hội XIV của Đảng",
        "theme": "Đoàn kết, kỷ cương, trách nhiệm, sáng tạo",
        "kind": "thematic",
        "occasion": "",
        "launched_on": "",
        "starts_on": "01/01/2026",
        "ends_on": "30/06/2026",
        "description": "",
        **extra,
    }


# --- List -----------------------------------------------------------------------------


def test_list_shows_the_councils_campaigns_of_the_selected_year(
    client, viewer, council, other_council
):
    CampaignFactory(council=council, title="Vì an ninh Tổ quốc")
    CampaignFactory(
        council=council,
        title="Mừng Đảng, mừng Xuân",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 2, 28),
    )
    CampaignFactory(council=other_council, title="Phong trào của tỉnh khác")
    client.force_login(viewer)
    select_year(client, 2026)
    html = client.get(url("campaign-list")).content.decode()
    assert "Vì an ninh Tổ quốc" in html
    assert "Mừng Đảng, mừng Xuân" not in html
    assert "Phong trào của tỉnh khác" not in html
    html = client.get(url("campaign-list") + "?year=").content.decode()
    assert "Mừng Đảng, mừng Xuân" in html


def test_list_filters_by_search_kind_level_unit_and_bloc(
    client, viewer, council, bloc_year
):
    unit = members(bloc_year)[2]
    CampaignFactory(
        council=council, title="Quyết thắng", level="unit", unit=unit, kind="yearly"
    )
    CampaignFactory(council=council, title="Đợt cao điểm 75 năm", kind="peak")
    CampaignFactory(
        council=council, title="Phong trào của khối", level="bloc", bloc_year=bloc_year
    )
    client.force_login(viewer)

    def titles(query):
        response = client.get(url("campaign-list") + "?year=2026&" + query)
        assert response.status_code == 200
        return {c.title for c in response.context["page"].object_list}

    assert titles("q=quyết") == {"Quyết thắng"}
    assert titles("kind=peak") == {"Đợt cao điểm 75 năm"}
    assert titles("level=bloc") == {"Phong trào của khối"}
    assert titles(f"unit={unit.pk}") == {"Quyết thắng"}
    assert titles(f"bloc={bloc_year.bloc_id}") == {"Quyết thắng", "Phong trào của khối"}


def test_list_is_paginated_by_25(client, viewer, council):
    for i in range(30):
        CampaignFactory(council=council, title=f"Phong trào {i:02d}")
    client.force_login(viewer)
    response = client.get(url("campaign-list") + "?year=2026")
    assert len(response.context["page"].object_list) == 25
    response = client.get(url("campaign-list") + "?year=2026&page=2")
    assert len(response.context["page"].object_list) == 5


def test_list_needs_login(client):
    response = client.get(url("campaign-list"))
    assert response.status_code == 302 and "/dang-nhap/" in response.url


@pytest.mark.parametrize("n", [2, 20])
def test_list_query_count_is_constant(
    client, board, council, bloc_year, django_assert_num_queries, n
):
    unit = members(bloc_year)[0]
    for i in range(n):
        CampaignFactory(council=council, level="unit", unit=unit, title=f"Đơn vị {i}")
        CampaignFactory(
            council=council, level="bloc", bloc_year=bloc_year, title=f"Khối {i}"
        )
    client.force_login(board)
    # session, user, the user's council (list and header), COUNT for the paginator,
    # the filter's choices (blocs, units), the page of campaigns with unit and
    # bloc-year joined.
    with django_assert_num_queries(7):
        assert client.get(url("campaign-list")).status_code == 200


def test_user_without_council_is_refused(client):
    user = UserFactory(council=None)
    client.force_login(user)
    assert client.get(url("campaign-list")).status_code == 403


# --- Detail ---------------------------------------------------------------------------


def test_detail_shows_theme_and_legal_bases(client, viewer, council):
    basis = LegalBasisFactory(number="34-CT/TW", kind="Chỉ thị", issuer="Bộ Chính trị")
    campaign = CampaignFactory(
        council=council, theme="Chủ động, hiệu quả, kỷ cương, linh hoạt"
    )
    campaign.legal_bases.add(basis)
    client.force_login(viewer)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "Chủ động, hiệu quả, kỷ cương, linh hoạt" in html
    assert "Chỉ thị số 34-CT/TW" in html
    assert url("campaign-edit", campaign.pk) not in html


def test_detail_403_404(client, outsider, council):
    campaign = CampaignFactory(council=council)
    client.force_login(outsider)
    assert client.get(campaign.get_absolute_url()).status_code == 403
    assert client.get(url("campaign-detail", 999999)).status_code == 404


# --- Create, edit, delete -------------------------------------------------------------


def test_board_launches_a_council_campaign(client, board, council):
    basis = LegalBasisFactory()
    client.force_login(board)
    response = client.post(
        url("campaign-create"), campaign_data(legal_bases=[basis.pk])
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == campaign.get_absolute_url()
    assert campaign.council == council and campaign.level == "council"
    assert campaign.starts_on == datetime.date(2026, 1, 1)
    assert list(campaign.legal_bases.all()) == [basis]


def test_chair_launches_a_bloc_campaign(client, chair_secretary, bloc_year):
    client.force_login(chair_secretary)
    assert (
        client.get(url("campaign-create") + f"?bloc_year={bloc_year.pk}").status_code
        == 200
    )
    response = client.post(
        url("campaign-create"), campaign_data(level="bloc", bloc_year=bloc_year.pk)
    )
    assert response.status_code == 302
    assert Campaign.objects.get().bloc_year == bloc_year


def test_secretary_launches_for_its_unit_only(client, secretary, bloc_year):
    other = (
        members(bloc_year)[3]
        if members(bloc_year)[3] != secretary.unit
        else members(bloc_year)[2]
    )
    client.force_login(secretary)
    response = client.post(
        url("campaign-create"), campaign_data(level="unit", unit=secretary.unit.pk)
    )
    assert response.status_code == 302
    assert Campaign.objects.get().unit == secretary.unit
    response = client.post(
        url("campaign-create"), campaign_data(level="unit", unit=other.pk)
    )
    assert response.status_code == 400
    assert Campaign.objects.count() == 1


def test_secretary_cannot_launch_council_or_other_bloc_campaigns(
    client, secretary, council, bloc_year
):
    other_bloc_year = make_bloc_year(council=council, n_members=2)
    client.force_login(secretary)
    response = client.post(url("campaign-create"), campaign_data(level="council"))
    assert response.status_code == 400
    response = client.post(
        url("campaign-create"),
        campaign_data(level="bloc", bloc_year=other_bloc_year.pk),
    )
    assert response.status_code == 400
    assert not Campaign.objects.exists()


def test_create_shows_vietnamese_errors(client, board):
    client.force_login(board)
    response = client.post(
        url("campaign-create"),
        campaign_data(title="", starts_on="31/12/2026", ends_on="xx"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy nhập tên phong trào." in html
    assert "Ngày không hợp lệ" in html
    response = client.post(
        url("campaign-create"),
        campaign_data(starts_on="31/12/2026", ends_on="01/01/2026"),
    )
    assert (
        "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu." in response.content.decode()
    )
    assert not Campaign.objects.exists()


def test_viewer_cannot_create(client, viewer):
    client.force_login(viewer)
    assert client.get(url("campaign-create")).status_code == 403
    assert client.post(url("campaign-create"), campaign_data()).status_code == 403
    assert not Campaign.objects.exists()


def test_outsider_launches_only_in_its_own_council(
    client, outsider, council, other_council
):
    client.force_login(outsider)
    client.post(url("campaign-create"), campaign_data())
    assert Campaign.objects.get().council == other_council


def test_unit_secretary_edits_its_campaign_but_not_anothers(
    client, secretary, council, bloc_year
):
    own = CampaignFactory(
        council=council, level="unit", unit=secretary.unit, title="Của đơn vị"
    )
    other_unit = next(u for u in members(bloc_year) if u != secretary.unit)
    foreign = CampaignFactory(
        council=council, level="unit", unit=other_unit, title="Của đơn vị khác"
    )
    client.force_login(secretary)
    response = client.post(
        url("campaign-edit", own.pk),
        campaign_data(level="unit", unit=secretary.unit.pk, title="Đã sửa"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Đã sửa"
    assert client.get(url("campaign-edit", foreign.pk)).status_code == 403
    assert client.post(url("campaign-delete", foreign.pk)).status_code == 403


def test_chair_manages_bloc_campaigns_board_manages_all(
    client, chair_secretary, board, council, bloc_year
):
    bloc_campaign = CampaignFactory(council=council, level="bloc", bloc_year=bloc_year)
    council_campaign = CampaignFactory(council=council)
    client.force_login(chair_secretary)
    assert client.get(url("campaign-edit", bloc_campaign.pk)).status_code == 200
    assert client.get(url("campaign-edit", council_campaign.pk)).status_code == 403
    client.force_login(board)
    assert client.get(url("campaign-edit", council_campaign.pk)).status_code == 200


def test_delete_is_post_only(client, board, council):
    campaign = CampaignFactory(council=council)
    client.force_login(board)
    assert client.get(url("campaign-delete", campaign.pk)).status_code == 405
    assert client.post(url("campaign-delete", campaign.pk)).status_code == 302
    assert not Campaign.objects.exists()
    assert client.post(url("campaign-delete", campaign.pk)).status_code == 404


@pytest.mark.parametrize("n", [1, 8])
def test_detail_query_count_is_constant(
    client, viewer, council, django_assert_num_queries, n
):
    campaign = CampaignFactory(council=council)
    campaign.legal_bases.set([LegalBasisFactory() for _ in range(n)])
    client.force_login(viewer)
    # session, user, campaign (+council, unit, bloc-year, bloc), its legal bases,
    # header council.
    with django_assert_num_queries(5):
        assert client.get(campaign.get_absolute_url()).status_code == 200
