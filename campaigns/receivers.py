"""What the campaigns app does when a lower layer announces a change (connected in
`CampaignsConfig.ready`). Receivers only pass the change on to a service."""

from __future__ import annotations

from blocs.signals import membership_changed
from campaigns import services


def on_membership_changed(sender, *, bloc_year, **kwargs) -> None:
    """A bloc-year's members changed: its covenant follows (services/addenda.py)."""
    services.covenant_members_changed(bloc_year=bloc_year)


def connect() -> None:
    membership_changed.connect(
        on_membership_changed, dispatch_uid="campaigns.covenant_members_changed"
    )
