"""Campaign pages, legal bases and title kinds."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Campaign, LegalBasis, TitleKind
from tests.campaigns.factories import (
    CampaignFactory,
    LegalBasisFactory,
    TitleKindFactory,
    members,
)
from tests.factories import UserFactory, make_bloc_year

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def campaign_data(**extra):
    data = {
        "level": "council",
        "title": "Phong trào thi đua chào mừng Đại hội XIV của Đảng",
        "theme": "Đoàn kết, kỷ cương, trách nhiệm, sáng tạo",
        "kind": "thematic",
        "occasion": "",
        "launched_on": "",
        "starts_on": "01/01/2026",
        "ends_on": "30/06/2026",
        "description": "",
    }
    data.update(extra)
    return data


# --- List ----------------------------------------------------------------------------


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
    session = client.session
    session["thidua_year"] = 2026
    session.save()
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
    client, board, council, bloc_year, django_assert_max_num_queries, n
):
    unit = members(bloc_year)[0]
    for i in range(n):
        CampaignFactory(council=council, level="unit", unit=unit, title=f"Đơn vị {i}")
        CampaignFactory(
            council=council, level="bloc", bloc_year=bloc_year, title=f"Khối {i}"
        )
    client.force_login(board)
    # session, user, header council, filter choices (blocs, units), COUNT, page of
    # campaigns with unit and bloc-year joined.
    with django_assert_max_num_queries(8):
        assert client.get(url("campaign-list")).status_code == 200


# --- Detail ----------------------------------------------------------------------------


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


# --- Create, edit, delete ----------------------------------------------------------------


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


# --- Legal bases ---------------------------------------------------------------------


def test_legal_basis_list_for_the_council(client, viewer, council, other_council):
    LegalBasisFactory(number="06/2022/QH15", kind="Luật", title="Thi đua, khen thưởng")
    LegalBasisFactory(number="04-CT/TU", council=council)
    LegalBasisFactory(number="2124/QĐ-UBND", council=other_council)
    client.force_login(viewer)
    html = client.get(url("legalbasis-list")).content.decode()
    assert "06/2022/QH15" in html and "04-CT/TU" in html
    assert "2124/QĐ-UBND" not in html
    assert url("legalbasis-create") not in html


def test_board_adds_a_council_legal_basis(client, board, council):
    client.force_login(board)
    response = client.post(
        url("legalbasis-create"),
        {
            "kind": "Chỉ thị",
            "number": "04-CT/TU",
            "issued_on": "08/04/2021",
            "issuer": "Ban Thường vụ Tỉnh ủy",
            "title": "nâng cao chất lượng công tác thi đua, khen thưởng",
            "effective_from": "",
            "effective_to": "",
            "replaced_by": "",
        },
    )
    assert response.status_code == 302
    basis = LegalBasis.objects.get()
    assert basis.council == council and basis.issued_on == datetime.date(2021, 4, 8)


def test_board_records_a_replacement(client, board, council):
    old = LegalBasisFactory(number="98/2023/NĐ-CP", council=council)
    new = LegalBasisFactory(
        number="152/2025/NĐ-CP", council=council, issued_on=datetime.date(2025, 6, 14)
    )
    client.force_login(board)
    response = client.post(
        url("legalbasis-edit", old.pk),
        {
            "kind": old.kind,
            "number": old.number,
            "issued_on": old.issued_on.strftime("%d/%m/%Y"),
            "issuer": old.issuer,
            "title": old.title,
            "effective_from": "",
            "effective_to": "30/06/2025",
            "replaced_by": new.pk,
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.replaced_by == new and old.effective_to == datetime.date(2025, 6, 30)


def test_only_superusers_edit_national_legal_bases(client, board):
    national = LegalBasisFactory()
    client.force_login(board)
    assert client.get(url("legalbasis-edit", national.pk)).status_code == 403


def test_legal_basis_forms_permissions(client, secretary, outsider, council):
    own = LegalBasisFactory(council=council)
    client.force_login(secretary)
    assert client.get(url("legalbasis-create")).status_code == 403
    assert client.get(url("legalbasis-edit", own.pk)).status_code == 403
    client.force_login(outsider)
    assert client.get(url("legalbasis-edit", own.pk)).status_code == 403
    assert client.get(url("legalbasis-edit", 999999)).status_code == 404


# --- Title kinds -----------------------------------------------------------------------


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


def test_user_without_council_is_refused(client):
    user = UserFactory(council=None)
    client.force_login(user)
    assert client.get(url("campaign-list")).status_code == 403
