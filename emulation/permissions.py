"""The generic permission predicates and fetch helpers every app builds on.

Roles (emulation.User.Role):
- board staff manage everything of their own council;
- a unit secretary acts for their own unit only (the chair's rights for a bloc-year
  come from the membership: blocs.permissions);
- a viewer reads their council's pages.
Superusers pass every check (they also have the Django admin).

Each app has its own `permissions` module with its `can_*` predicates and
`get_*_or_deny` fetchers: a missing object is a 404, an object the user may not see
or change is a 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from emulation.models import Council, Unit, User


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def in_council(user: User, council_id: int | None) -> bool:
    """Any role may read its own council's pages."""
    if not _active(user):
        return False
    return user.is_superuser or (
        council_id is not None and user.council_id == council_id
    )


def is_board_of(user: User, council_id: int | None) -> bool:
    """Board staff of this council (the application's administrators for it)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return (
        user.role == User.Role.BOARD
        and council_id is not None
        and user.council_id == council_id
    )


def acts_for_unit(user: User, unit: Unit | None) -> bool:
    """A unit secretary acts for their own unit and no other."""
    if not _active(user) or unit is None:
        return False
    return user.role == User.Role.SECRETARY and user.unit_id == unit.pk


def can_manage_council(user: User, council: Council) -> bool:
    return is_board_of(user, council.pk)


# --- Fetch helpers -------------------------------------------------------------------


def get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def get_council_or_deny(user: User, pk: int, *, manage: bool = False) -> Council:
    council = get_or_404(Council.objects.all(), pk=pk)
    deny_unless(
        is_board_of(user, council.pk) if manage else in_council(user, council.pk)
    )
    return council


def get_unit_or_deny(
    user: User, pk: int, *, act: bool = False, manage: bool = False
) -> Unit:
    """A unit of the user's council; `act` asks to act for it, `manage` for the board's rights."""
    unit = get_or_404(Unit.objects.select_related("council"), pk=pk)
    if manage:
        deny_unless(is_board_of(user, unit.council_id))
    elif act:
        deny_unless(acts_for_unit(user, unit))
    else:
        deny_unless(in_council(user, unit.council_id))
    return unit
