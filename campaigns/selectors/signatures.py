"""Reads for the signed covenant: what its documents show, its scanned copy and what
the public verification finds by code."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from blocs.models import Membership
from campaigns.models import (
    Commitment,
    Covenant,
    CovenantAddendum,
    LegalBasis,
    Meeting,
    Signature,
)


def covenant_document_queryset() -> QuerySet[Covenant]:
    """Everything a covenant document shows, in a fixed number of queries:
    the covenant with bloc and council and its issued signed copy, its legal bases,
    commitments, active signatures (with their units), addenda, the bloc-year's member
    units and its launch meetings."""
    return Covenant.objects.select_related(
        "bloc_year__bloc__council", "scanned_uploaded_by", "issued_document"
    ).prefetch_related(
        Prefetch(
            "legal_bases",
            queryset=LegalBasis.objects.order_by("issued_on", "number", "pk"),
        ),
        Prefetch("commitments", queryset=Commitment.objects.order_by("position", "pk")),
        Prefetch(
            "signatures",
            queryset=Signature.objects.filter(withdrawn_at__isnull=True).select_related(
                "unit"
            ),
            to_attr="active_signatures",
        ),
        Prefetch(
            "addenda",
            queryset=CovenantAddendum.objects.select_related("unit").order_by(
                "joined_on", "pk"
            ),
            to_attr="addendum_list",
        ),
        Prefetch(
            "bloc_year__memberships",
            queryset=Membership.objects.select_related("unit").order_by(
                "unit__sort_key", "unit__pk"
            ),
            to_attr="member_list",
        ),
        Prefetch(
            "bloc_year__meetings",
            queryset=Meeting.objects.filter(kind=Meeting.Kind.LAUNCH).order_by(
                "held_on"
            ),
            to_attr="launch_meetings",
        ),
    )


def covenant_scan_queryset() -> QuerySet[Covenant]:
    """The covenant with what its scanned-copy page shows: bloc, council, uploader."""
    return Covenant.objects.select_related(
        "bloc_year__bloc__council", "scanned_uploaded_by"
    )


def published_covenants(queryset: QuerySet[Covenant] | None = None):
    """Covenants the public may verify: a draft has published nothing."""
    queryset = Covenant.objects.all() if queryset is None else queryset
    return queryset.exclude(status=Covenant.Status.DRAFTING)


def published_covenant_exists(*, code: str) -> bool:
    return bool(code) and published_covenants().filter(verification_code=code).exists()
