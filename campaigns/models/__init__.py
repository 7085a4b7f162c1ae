"""Models of the campaigns app, one module per workflow: legal bases, campaigns,
meetings, covenants (with commitments, signatures and addenda) and registrations (with title
kinds, the round, counts and targets). See docs/domain.md §5.2, §5.3 and §8.9.

Every model is re-exported here: the app's models module, and the names other code and
the migrations use (`campaigns.models.Covenant`, `campaigns.models.new_verification_code`).
"""

from campaigns.models.campaigns import Campaign, CampaignLevel
from campaigns.models.covenants import (
    Commitment,
    Covenant,
    CovenantAddendum,
    CovenantStatus,
    CovenantText,
    FrozenMember,
    Signature,
    new_verification_code,
    normalise_text,
)
from campaigns.models.legal_bases import LegalBasis
from campaigns.models.meetings import Meeting
from campaigns.models.registrations import (
    IndividualTitleCount,
    Registration,
    RegistrationRound,
    Target,
    TitleKind,
)

__all__ = [
    "Campaign",
    "CampaignLevel",
    "Commitment",
    "Covenant",
    "CovenantAddendum",
    "CovenantStatus",
    "CovenantText",
    "FrozenMember",
    "IndividualTitleCount",
    "LegalBasis",
    "Meeting",
    "Registration",
    "RegistrationRound",
    "Signature",
    "Target",
    "TitleKind",
    "new_verification_code",
    "normalise_text",
]
