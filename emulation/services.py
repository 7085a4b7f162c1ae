"""Writes of the kernel: the council's own settings."""

from __future__ import annotations

from django.db import transaction

from emulation.models import Council

COUNCIL_DOCUMENT_FIELDS = ("place_name", "parent_body", "board_name")


@transaction.atomic
def council_update_documents(*, council: Council, data: dict) -> Council:
    """Change the names the council's documents print (only those fields)."""
    unknown = set(data) - set(COUNCIL_DOCUMENT_FIELDS)
    if unknown:
        raise ValueError(f"not council document fields: {sorted(unknown)}")
    locked = Council.objects.select_for_update().get(pk=council.pk)
    for name, value in data.items():
        setattr(locked, name, value)
        setattr(council, name, value)
    locked.full_clean()
    locked.save()
    return locked
