"""Writes of legal bases (căn cứ): dated data, never text in code (docs/domain.md §1.5)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import LegalBasis
from emulation.models import Council
from emulation.writes import create, save, set_fields

LEGAL_BASIS_FIELDS = (
    "number",
    "kind",
    "issuer",
    "issued_on",
    "title",
    "effective_from",
    "effective_to",
    "replaced_by",
    "council",
)

# A legal basis keeps its council (national or the council's own) once created.
EDITABLE_FIELDS = tuple(f for f in LEGAL_BASIS_FIELDS if f != "council")

# What a covenant's canonical text cites: frozen once a signed covenant cites it.
CITED_FIELDS = ("number", "kind", "issuer", "issued_on", "title")


@transaction.atomic
def legal_basis_create(*, council: Council | None, **fields: Any) -> LegalBasis:
    return create(LegalBasis, LEGAL_BASIS_FIELDS, fields, council=council)


@transaction.atomic
def legal_basis_update(*, basis: LegalBasis, **fields: Any) -> LegalBasis:
    """Edit a legal basis. Its citation is part of the text signed covenants vouch for,
    so it cannot change once a frozen covenant cites it (its dates of force still can)."""
    before = LegalBasis.objects.select_for_update().get(pk=basis.pk)
    set_fields(basis, EDITABLE_FIELDS, fields, strict=False)
    changed = [f for f in CITED_FIELDS if getattr(before, f) != getattr(basis, f)]
    if changed and before.covenants.filter(frozen_at__isnull=False).exists():
        raise ValidationError(
            _(
                "Văn bản này đã được dẫn trong giao ước đã ký; không thể sửa số, loại, "
                "cơ quan ban hành, ngày ban hành hay trích yếu. Hãy tạo văn bản mới nếu cần."
            )
        )
    return save(basis)
