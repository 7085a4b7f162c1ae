"""Writes of campaigns (phong trào thi đua), launched by the council, a bloc or a unit
(docs/domain.md §5.2)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from blocs.models import BlocYear
from campaigns.models import Campaign, LegalBasis
from emulation.models import Council, Unit
from emulation.writes import save, set_fields, update

CAMPAIGN_FIELDS = (
    "title",
    "theme",
    "kind",
    "occasion",
    "launched_on",
    "starts_on",
    "ends_on",
    "description",
)


def _launcher(
    level: str, bloc_year: BlocYear | None, unit: Unit | None
) -> tuple[Any, Any]:
    """Only the launcher the level names is kept (a council campaign has neither)."""
    if level == Campaign.Level.COUNCIL:
        return None, None
    if level == Campaign.Level.BLOC:
        return bloc_year, None
    return None, unit


@transaction.atomic
def campaign_create(
    *,
    council: Council,
    level: str,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    bloc_year: BlocYear | None = None,
    unit: Unit | None = None,
    legal_bases: Iterable[LegalBasis] = (),
    **fields: Any,
) -> Campaign:
    bloc_year, unit = _launcher(level, bloc_year, unit)
    fields.update(title=title, starts_on=starts_on, ends_on=ends_on)
    campaign = Campaign(council=council, level=level, bloc_year=bloc_year, unit=unit)
    set_fields(campaign, CAMPAIGN_FIELDS, fields, strict=False)
    save(campaign).legal_bases.set(list(legal_bases))
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    legal_bases: Iterable[LegalBasis] | None = None,
    **fields: Any,
) -> Campaign:
    level = fields.pop("level", campaign.level)
    bloc_year = fields.pop("bloc_year", campaign.bloc_year)
    unit = fields.pop("unit", campaign.unit)
    campaign.level = level
    campaign.bloc_year, campaign.unit = _launcher(level, bloc_year, unit)
    update(campaign, CAMPAIGN_FIELDS, fields)
    if legal_bases is not None:
        campaign.legal_bases.set(list(legal_bases))
    return campaign


@transaction.atomic
def campaign_delete(*, campaign: Campaign) -> None:
    campaign.legal_bases.clear()
    campaign.delete()
