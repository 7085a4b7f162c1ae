"""Campaigns (phong trào thi đua): the council's list, a campaign, and the forms of those
who launch them (docs/domain.md §5.2)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import forms, permissions, selectors, services
from campaigns.filters import CampaignFilter
from campaigns.models import Campaign
from campaigns.views.common import page_of
from emulation.formviews import bind, button, form_view
from emulation.selectors import selected_year


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    council = permissions.get_own_council_or_deny(request.user)
    data = request.GET.copy()
    if "year" not in data:
        data["year"] = str(selected_year(request))
    campaign_filter = CampaignFilter(
        data,
        queryset=selectors.campaigns_for_council(council_id=council.pk),
        council_id=council.pk,
    )
    query = data.copy()
    query.pop("page", None)
    context = {
        "filter": campaign_filter,
        "page": page_of(request, campaign_filter.qs),
        "query": query.urlencode(),
        "can_create": permissions.can_launch_any_campaign(request.user, council.pk),
        "Level": Campaign.Level,
        "Kind": Campaign.Kind,
    }
    return render(request, "campaigns/campaign_list.html", context)


@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.get_campaign_or_deny(request.user, pk)
    context = {
        "campaign": campaign,
        "can_manage": permissions.can_manage_campaign(request.user, campaign),
        "Level": Campaign.Level,
        **selectors.campaign_detail(campaign=campaign),
    }
    return render(request, "campaigns/campaign_detail.html", context)


def _campaign_initial(request: HttpRequest) -> dict:
    """The level (and launcher) the form starts with: the bloc-year named in the
    address, else the level asked for, else the council's (board) or the unit's."""
    initial: dict = {}
    user = request.user
    try:
        bloc_year_id = int(request.GET.get("bloc_year", ""))
    except ValueError:
        bloc_year_id = None
    if bloc_year_id:
        initial.update(level=Campaign.Level.BLOC, bloc_year=bloc_year_id)
    elif request.GET.get("level") in Campaign.Level.values:
        initial["level"] = request.GET["level"]
    elif permissions.is_board_of(user, user.council_id):
        initial["level"] = Campaign.Level.COUNCIL
    else:
        initial["level"] = Campaign.Level.UNIT
    if user.unit_id and initial["level"] == Campaign.Level.UNIT:
        initial["unit"] = user.unit_id
    return initial


@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    council = permissions.get_launching_council_or_deny(request.user)
    form = bind(
        request,
        forms.CampaignForm,
        user=request.user,
        council=council,
        initial=_campaign_initial(request),
    )
    return form_view(
        request,
        form,
        template="campaigns/campaign_form.html",
        run=lambda: services.campaign_create(council=council, **form.cleaned_data),
        success_message=_("Đã lưu phong trào thi đua."),
        context={"Level": Campaign.Level},
    )


@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.get_campaign_or_deny(request.user, pk, manage=True)
    form = bind(
        request,
        forms.CampaignForm,
        instance=campaign,
        user=request.user,
        council=campaign.council,
    )
    return form_view(
        request,
        form,
        template="campaigns/campaign_form.html",
        run=lambda: services.campaign_update(campaign=campaign, **form.cleaned_data),
        success_url=campaign.get_absolute_url(),
        success_message=_("Đã cập nhật phong trào thi đua."),
        context={"campaign": campaign, "Level": Campaign.Level},
    )


@require_POST
def campaign_delete(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.get_campaign_or_deny(request.user, pk, manage=True)
    return button(
        request,
        lambda: services.campaign_delete(campaign=campaign),
        success_message=_("Đã xóa phong trào thi đua."),
        to="campaigns:campaign-list",
    )
