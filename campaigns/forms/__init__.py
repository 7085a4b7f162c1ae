"""Forms of the campaigns app, one module per workflow: they validate input; the
services save it. The form classes are re-exported here, so views write
`forms.CovenantForm`."""

from campaigns.forms.campaigns import CampaignForm
from campaigns.forms.covenants import CommitmentForm, CovenantForm
from campaigns.forms.legal_bases import LegalBasisForm
from campaigns.forms.meetings import MeetingForm
from campaigns.forms.registrations import (
    RegistrationForm,
    RegistrationRoundForm,
    TargetForm,
    TargetFormSet,
    TitleKindForm,
    filled_targets,
    registration_initial,
)
from campaigns.forms.signatures import ScanUploadForm, SignatureForm

__all__ = [
    "CampaignForm",
    "CommitmentForm",
    "CovenantForm",
    "LegalBasisForm",
    "MeetingForm",
    "RegistrationForm",
    "RegistrationRoundForm",
    "ScanUploadForm",
    "SignatureForm",
    "TargetForm",
    "TargetFormSet",
    "TitleKindForm",
    "filled_targets",
    "registration_initial",
]
