"""Changes of a bloc-year's members against its covenant (docs/domain.md §5.2).

The blocs app announces a change with `blocs.signals.membership_changed` (it must not
import this app); campaigns/receivers.py passes it to `covenant_members_changed`:

- while the covenant is drafted, or open but not yet signed, only its hash follows the
  text (the member list is part of it);
- while it is being signed, the frozen member list follows the bloc and completion is
  checked again: removing the last unsigned member completes it (and issues the signed
  copy);
- once it is complete, nothing of it changes: a unit that joins then signs a dated
  addendum (phụ lục gia nhập); a unit that leaves before signing its addendum takes the
  unsigned addendum with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.models import BlocYear, Membership
from campaigns.models import Covenant, CovenantAddendum, Signature
from campaigns.selectors.covenants import covenant_content_hash
from campaigns.services.signatures import complete_if_all_signed, follow_members

if TYPE_CHECKING:  # pragma: no cover
    from emulation.models import User


@transaction.atomic
def covenant_members_changed(*, bloc_year: BlocYear) -> Covenant | None:
    """Bring the bloc-year's covenant (if any) in line with its members of now. Safe to
    call any number of times: a call that finds nothing to do changes nothing."""
    locked = (
        Covenant.objects.select_for_update().filter(bloc_year_id=bloc_year.pk).first()
    )
    if locked is None or locked.status == Covenant.Status.DRAFTING:
        return locked
    if locked.status == Covenant.Status.SIGNING:
        if locked.frozen_at is None:
            locked.content_hash = covenant_content_hash(locked)
        else:
            follow_members(locked)
            complete_if_all_signed(locked, timezone.now())
        locked.full_clean()
        locked.save()
        return locked
    _sync_addenda(locked)
    return locked


def _sync_addenda(locked: Covenant) -> None:
    """A complete covenant: every member without a signature has an addendum; a unit
    that left without signing its addendum no longer has one."""
    memberships = {
        m.unit_id: m
        for m in Membership.objects.filter(
            bloc_year_id=locked.bloc_year_id
        ).select_related("unit")
    }
    signed = set(
        Signature.objects.filter(
            covenant=locked, withdrawn_at__isnull=True
        ).values_list("unit_id", flat=True)
    )
    addenda = {a.unit_id: a for a in CovenantAddendum.objects.filter(covenant=locked)}
    today = timezone.localdate()
    for unit_id, membership in memberships.items():
        if unit_id in signed or unit_id in addenda:
            continue
        addendum = CovenantAddendum(
            covenant=locked,
            unit=membership.unit,
            unit_name=membership.unit.name,
            joined_on=membership.joined_on or today,
        )
        addendum.full_clean()
        addendum.save()
    stale = [
        a.pk
        for unit_id, a in addenda.items()
        if unit_id not in memberships and a.signed_at is None
    ]
    CovenantAddendum.objects.filter(pk__in=stale).delete()


@transaction.atomic
def covenant_addendum_sign(
    *,
    addendum: CovenantAddendum,
    signer_name: str,
    signer_position: str,
    recorded_by: User,
) -> CovenantAddendum:
    """The unit that joined signs its addendum, for itself, once."""
    # The covenant's lock: a change of members cannot remove the addendum meanwhile.
    covenant = Covenant.objects.select_for_update().get(pk=addendum.covenant_id)
    locked = CovenantAddendum.objects.select_for_update().get(pk=addendum.pk)
    if locked.signed_at is not None:
        raise ValidationError(_("Đơn vị đã ký phụ lục gia nhập."))
    if recorded_by.unit_id != locked.unit_id:
        raise ValidationError(
            _("Mỗi đơn vị chỉ ký phụ lục gia nhập cho chính đơn vị mình.")
        )
    if not Membership.objects.filter(
        bloc_year_id=covenant.bloc_year_id, unit_id=locked.unit_id
    ).exists():
        raise ValidationError(_("Đơn vị không phải thành viên của khối trong năm này."))
    locked.signer_name = (signer_name or "").strip()
    locked.signer_position = (signer_position or "").strip()
    locked.signed_at = timezone.now()
    locked.recorded_by = recorded_by
    locked.full_clean()
    locked.save()
    return locked
