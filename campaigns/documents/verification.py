"""What the public verification page of a covenant shows (docs/domain.md §5.2): the
frozen text it vouches for, its signatories and addenda, and whether the stored hash
still matches. Nothing personal beyond the signers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from campaigns.documents.covenants import (
    _active_signatures,
    _members,
    format_code,
    numbered_commitments,
)
from campaigns.models import Covenant, CovenantAddendum, FrozenMember
from campaigns.selectors.covenants import covenant_text, names_today, own_text_intact


@dataclass
class Signatory:
    """A member unit (its name as signed, and what it is called today if that changed)
    and its signature, for the verification page."""

    unit_name: str
    signer_name: str = ""
    signer_position: str = ""
    signed_at: datetime.datetime | None = None
    name_today: str = ""


@dataclass
class AddendumLine:
    """A unit that joined after the covenant was complete, and its addendum."""

    unit_name: str
    joined_on: datetime.date
    signed_at: datetime.datetime | None = None
    signer_name: str = ""
    signer_position: str = ""
    name_today: str = ""


# --- The public verification page ------------------------------------------------


def _addenda(covenant: Covenant) -> list[CovenantAddendum]:
    addenda = getattr(covenant, "addendum_list", None)
    if addenda is None:
        addenda = list(covenant.addenda.select_related("unit").order_by("joined_on"))
    return addenda


def verification_context(covenant: Covenant) -> dict:
    """What anyone holding a paper copy may see: no people other than the signers, no
    accounts, e-mails, phone numbers or internal ids.

    Everything the covenant vouches for is read from its frozen text; a unit or the bloc
    renamed since is shown under its frozen name with what it is called today. The hash
    is recomputed from that text, and the covenant's own rows are checked against it."""
    text = covenant_text(covenant)
    signatures = _active_signatures(covenant)
    addenda = _addenda(covenant)
    units = {m.unit_id: m.unit for m in _members(covenant)}
    units.update({uid: s.unit for uid, s in signatures.items()})
    units.update({a.unit_id: a.unit for a in addenda})
    frozen = [
        *text.members,
        *(FrozenMember(unit_id=a.unit_id, name=a.unit_name) for a in addenda),
    ]
    today = names_today(frozen, units)
    signatories = []
    seen = set()
    for member in text.members:
        seen.add(member.unit_id)
        signature = signatures.get(member.unit_id)
        signatories.append(
            Signatory(
                unit_name=member.name,
                name_today=today.get(member.unit_id, ""),
                signer_name=signature.signer_name if signature else "",
                signer_position=signature.signer_position if signature else "",
                signed_at=signature.signed_at if signature else None,
            )
        )
    for unit_id, signature in signatures.items():
        if unit_id not in seen:
            signatories.append(
                Signatory(
                    unit_name=signature.unit.name,
                    signer_name=signature.signer_name,
                    signer_position=signature.signer_position,
                    signed_at=signature.signed_at,
                )
            )
    recomputed = text.hash
    if covenant.frozen_at is None:
        # Nobody has signed: nothing is vouched for yet, the hash follows the text.
        stored, matches = recomputed, True
    else:
        stored = covenant.content_hash
        matches = recomputed == stored and (
            covenant.snapshot is None or own_text_intact(covenant, text)
        )
    bloc = covenant.bloc_year.bloc
    return {
        "covenant": covenant,
        "bloc_year": covenant.bloc_year,
        "bloc": bloc,
        "title": text.title,
        "bloc_name": text.bloc_name,
        "bloc_today": bloc.name if bloc.name != text.bloc_name else "",
        "year": text.year,
        "council_name": bloc.council.name,
        "signatories": signatories,
        "signed_count": sum(1 for s in signatories if s.signed_at),
        "addenda": [
            AddendumLine(
                unit_name=a.unit_name,
                name_today=today.get(a.unit_id, ""),
                joined_on=a.joined_on,
                signed_at=a.signed_at,
                signer_name=a.signer_name,
                signer_position=a.signer_position,
            )
            for a in addenda
        ],
        "verification_code": format_code(covenant.verification_code),
        "stored_hash": stored,
        "recomputed_hash": recomputed,
        "hash_matches": matches,
        "commitments": numbered_commitments(covenant, text=text),
        "is_complete": covenant.status == Covenant.Status.COMPLETE,
        "issued_document": covenant.issued_document,
    }
