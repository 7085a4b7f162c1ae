"""What the campaigns app does when a lower layer announces a change (connected in
`CampaignsConfig.ready`). Receivers only pass the change on to a service."""

from __future__ import annotations

from django.db.models.signals import post_save

from blocs.signals import membership_changed
from campaigns import services
from emulation.models import Council


def on_membership_changed(sender, *, bloc_year, **kwargs) -> None:
    """A bloc-year's members changed: its covenant follows (services/addenda.py)."""
    services.covenant_members_changed(bloc_year=bloc_year)


def on_council_saved(sender, *, instance, created, raw=False, **kwargs) -> None:
    """A new council gets the default list of titles and awards at once, so no page
    has to create it on a GET (issue "Trust and daily use" #13)."""
    if created and not raw:
        services.title_kinds_ensure_defaults(council=instance)


def connect() -> None:
    membership_changed.connect(
        on_membership_changed, dispatch_uid="campaigns.covenant_members_changed"
    )
    post_save.connect(
        on_council_saved, sender=Council, dispatch_uid="campaigns.title_kinds_seed"
    )
