"""The `{% blocyear_steps bloc_year %}` tag on the bloc-year page."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from blocs.models import BlocYear
from campaigns import services
from tests.factories import (
    BlocYearFactory,
    CampaignFactory,
    MeetingFactory,
    make_bloc_year,
    make_covenant,
    members,
    sign,
    unit_secretary,
)

pytestmark = pytest.mark.django_db


def render(bloc_year, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    bloc_year = BlocYear.objects.select_related("bloc__council").get(pk=bloc_year.pk)
    template = Template("{% load dashboard_tags %}{% blocyear_steps bloc_year %}")
    return template.render(Context({"bloc_year": bloc_year, "request": request}))


def test_steps_without_anything_yet(chair_secretary, bloc_year):
    html = render(bloc_year, chair_secretary)
    assert "Chưa soạn" in html
    assert 'id="covenant-create"' in html
    assert 'id="covenant-create-from-previous"' not in html
    assert "0/4 đơn vị đã đăng ký" in html
    assert "Chưa tổ chức" in html


def test_chair_is_offered_last_years_covenant(chair_secretary, bloc_year):
    make_covenant(BlocYearFactory(bloc=bloc_year.bloc, year=bloc_year.year - 1))
    assert 'id="covenant-create-from-previous"' in render(bloc_year, chair_secretary)


def test_member_is_not_offered_to_draft(secretary, bloc_year):
    html = render(bloc_year, secretary)
    assert 'id="covenant-create"' not in html
    assert 'id="step-registration-edit"' in html


def test_steps_show_covenant_status(viewer, bloc_year):
    covenant = make_covenant(bloc_year)
    assert "Đang soạn thảo" in render(bloc_year, viewer)
    services.covenant_open_for_signing(covenant=covenant)
    units = members(bloc_year)
    sign(covenant, units[0])
    assert "Đang ký kết 1/4" in render(bloc_year, viewer)
    for unit in units[1:]:
        sign(covenant, unit)
    assert "Đã ký đủ" in render(bloc_year, viewer)


def test_steps_show_meetings_registrations_and_member_campaigns(
    council, viewer, bloc_year
):
    MeetingFactory(bloc_year=bloc_year, place="Hội trường Công an tỉnh")
    unit = members(bloc_year)[2]
    services.title_kinds_ensure_defaults(council=council)
    services.registration_save(
        bloc_year=bloc_year, unit=unit, submitted_by=unit_secretary(unit)
    )
    CampaignFactory(
        council=council, level="unit", unit=unit, title="Vì an ninh Tổ quốc"
    )
    CampaignFactory(
        council=council, level="bloc", bloc_year=bloc_year, title="Phong trào của khối"
    )
    other = make_bloc_year(council=council, n_members=2)
    CampaignFactory(
        council=council, level="unit", unit=members(other)[0], title="Của khối khác"
    )
    html = render(bloc_year, viewer)
    assert "Hội trường Công an tỉnh" in html
    assert "1/4 đơn vị đã đăng ký" in html
    assert "Vì an ninh Tổ quốc" in html and "Phong trào của khối" in html
    assert "Của khối khác" not in html


@pytest.mark.parametrize("n", [2, 9])
def test_steps_query_count_is_constant(council, django_assert_num_queries, n):
    by = make_bloc_year(council=council, n_members=n)
    covenant = make_covenant(by, open_=True)
    services.title_kinds_ensure_defaults(council=council)
    for unit in members(by):
        sign(covenant, unit)
        services.registration_save(
            bloc_year=by, unit=unit, submitted_by=unit_secretary(unit)
        )
        CampaignFactory(council=council, level="unit", unit=unit)
        MeetingFactory(bloc_year=by)
    user = unit_secretary(members(by)[1])
    render(by, user)  # warm the user's cached chair rights
    by = BlocYear.objects.select_related("bloc__council").get(pk=by.pk)
    # bloc-year reload in render(), the counts (members, registrations, meetings,
    # round, last year's covenant, membership, own registration), covenant with its
    # signature count, meetings, campaigns.
    with django_assert_num_queries(5):
        render(by, user)
