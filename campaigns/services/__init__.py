"""State changes of the campaigns app, one module per workflow: legal_bases, campaigns,
meetings, covenants (drafting), signatures (signing, withdrawing, the signed copy issued
once, the scanned copy), addenda (changes of members against the covenant) and
registrations (title kinds, rounds, registrations).

Every function is named `<entity>_<action>`, takes keyword-only arguments, validates
(`full_clean`) and returns the object. Rules that depend on who acts (the chair, the
unit's own secretary) are checked by the views through `campaigns.permissions`; the
services check the rules of the data itself (a covenant frozen at its first signature,
a unit signing only for itself, a registration closed after the deadline).

The public names are re-exported here, so callers write `services.covenant_sign(...)`.
"""

from campaigns.services.addenda import (
    covenant_addendum_sign,
    covenant_members_changed,
)
from campaigns.services.campaigns import (
    campaign_create,
    campaign_delete,
    campaign_update,
)
from campaigns.services.covenants import (
    commitment_add,
    commitment_delete,
    commitment_move,
    commitment_reorder,
    commitment_update,
    covenant_create,
    covenant_open_for_signing,
    covenant_update,
)
from campaigns.services.legal_bases import legal_basis_create, legal_basis_update
from campaigns.services.meetings import meeting_create, meeting_delete, meeting_update
from campaigns.services.registrations import (
    DEFAULT_TITLE_KINDS,
    registration_round_for,
    registration_round_lock,
    registration_round_set_deadline,
    registration_save,
    title_kind_create,
    title_kind_update,
    title_kinds_ensure_defaults,
)
from campaigns.services.signatures import (
    covenant_issue_signed_copy,
    covenant_scan_attach,
    covenant_sign,
    covenant_withdraw_signature,
)

__all__ = [
    "DEFAULT_TITLE_KINDS",
    "campaign_create",
    "campaign_delete",
    "campaign_update",
    "commitment_add",
    "commitment_delete",
    "commitment_move",
    "commitment_reorder",
    "commitment_update",
    "covenant_addendum_sign",
    "covenant_create",
    "covenant_issue_signed_copy",
    "covenant_members_changed",
    "covenant_open_for_signing",
    "covenant_scan_attach",
    "covenant_sign",
    "covenant_update",
    "covenant_withdraw_signature",
    "legal_basis_create",
    "legal_basis_update",
    "meeting_create",
    "meeting_delete",
    "meeting_update",
    "registration_round_for",
    "registration_round_lock",
    "registration_round_set_deadline",
    "registration_save",
    "title_kind_create",
    "title_kind_update",
    "title_kinds_ensure_defaults",
]
