"""Reads of legal bases (căn cứ): the council's list and the bases in force on a day."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from campaigns.models import LegalBasis
from emulation.models import Council


def legal_bases_for_council(*, council_id: int | None) -> QuerySet[LegalBasis]:
    """National legal bases and the council's own, newest first, with what replaces them."""
    return (
        LegalBasis.objects.filter(Q(council__isnull=True) | Q(council_id=council_id))
        .select_related("replaced_by")
        .order_by("-issued_on", "number")
    )


def legal_bases_matching(bases: QuerySet[LegalBasis], q: str) -> QuerySet[LegalBasis]:
    """The list page's search: every word in the number or in the title."""
    for word in q.split():
        bases = bases.filter(number__icontains=word) | bases.filter(
            title__icontains=word
        )
    return bases


def legal_bases_in_force(*, council: Council, on: datetime.date) -> list[LegalBasis]:
    """The national and the council's own legal bases in force on a day, oldest first."""
    rows = LegalBasis.objects.filter(
        Q(council__isnull=True) | Q(council=council)
    ).order_by("issued_on", "number")
    return [b for b in rows if b.in_force_on(on)]
