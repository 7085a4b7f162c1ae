"""Page-shaped reads of the campaigns app, one module per workflow (legal_bases,
campaigns, meetings, covenants, signatures, registrations) and the bloc-year's steps.
They own every select/prefetch/annotate, so that each page costs the same number of
queries however much data there is. The public names are re-exported here, so callers
write `selectors.covenant_page(...)`."""

from campaigns.selectors.bloc_year_steps import STEPS_CAMPAIGNS, bloc_year_steps
from campaigns.selectors.campaigns import (
    campaign_detail,
    campaigns_for_council,
    campaigns_of_bloc_year,
)
from campaigns.selectors.common import count_of, members_of, year_bounds
from campaigns.selectors.covenants import (
    CovenantPage,
    SigningRow,
    TextLine,
    covenant_canonical_text,
    covenant_commitments,
    covenant_content_hash,
    covenant_legal_bases,
    covenant_list_for_council,
    covenant_live_text,
    covenant_member_units,
    covenant_of_bloc_year,
    covenant_page,
    covenant_text,
    names_today,
    normalise_text,
    own_text_intact,
    previous_covenant,
    previous_covenant_exists,
    text_of,
)
from campaigns.selectors.legal_bases import (
    legal_bases_for_council,
    legal_bases_in_force,
    legal_bases_matching,
)
from campaigns.selectors.meetings import meeting_detail, meetings_of_bloc_year
from campaigns.selectors.registrations import (
    RegistrationRow,
    RegistrationSummary,
    registration_detail,
    registration_of_unit,
    registration_overview,
    registration_round,
    registration_summary,
    title_kinds_for_council,
)
from campaigns.selectors.signatures import (
    covenant_document_queryset,
    covenant_scan_queryset,
    published_covenant_exists,
    published_covenants,
)

__all__ = [
    "STEPS_CAMPAIGNS",
    "CovenantPage",
    "RegistrationRow",
    "RegistrationSummary",
    "SigningRow",
    "TextLine",
    "bloc_year_steps",
    "campaign_detail",
    "campaigns_for_council",
    "campaigns_of_bloc_year",
    "count_of",
    "covenant_canonical_text",
    "covenant_commitments",
    "covenant_content_hash",
    "covenant_document_queryset",
    "covenant_legal_bases",
    "covenant_list_for_council",
    "covenant_live_text",
    "covenant_member_units",
    "covenant_of_bloc_year",
    "covenant_page",
    "covenant_text",
    "covenant_scan_queryset",
    "legal_bases_for_council",
    "legal_bases_in_force",
    "legal_bases_matching",
    "meeting_detail",
    "meetings_of_bloc_year",
    "members_of",
    "names_today",
    "normalise_text",
    "own_text_intact",
    "previous_covenant",
    "previous_covenant_exists",
    "published_covenant_exists",
    "published_covenants",
    "registration_detail",
    "registration_of_unit",
    "registration_overview",
    "registration_round",
    "registration_summary",
    "text_of",
    "title_kinds_for_council",
    "year_bounds",
]
