"""Reads of the covenant (giao ước thi đua): its canonical text and hash, last year's
covenant, the council's list of covenants and the covenant page (docs/domain.md §5.2)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery

from blocs.models import BlocYear, Membership
from campaigns.models import Commitment, Covenant, LegalBasis, Signature
from campaigns.selectors.common import count_of, members_of
from emulation.models import Unit

# --- The covenant's canonical text and its hash -------------------------------------
#
# The text below is what a signature vouches for. It is deterministic: the same covenant
# always gives the same text, whatever the language of the page or the order rows come
# back in. Its labels are fixed Vietnamese strings (never translated: a translation
# would change the hash). Legal bases follow their date of issue, commitments their
# position, member units the Vietnamese order of their names.


def normalise_text(text: str) -> str:
    """Unify line endings and drop trailing spaces, so that a browser's CRLF changes
    nothing."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def covenant_legal_bases(covenant: Covenant) -> list[LegalBasis]:
    """The covenant's legal bases in the order documents cite them (date of issue,
    number)."""
    return sorted(
        covenant.legal_bases.all(), key=lambda b: (b.issued_on, b.number, b.pk)
    )


def covenant_commitments(covenant: Covenant) -> list[Commitment]:
    """The numbered commitments, in their order."""
    return sorted(covenant.commitments.all(), key=lambda c: (c.position, c.pk))


def covenant_member_units(covenant: Covenant) -> list[Unit]:
    """The units expected to sign: every member of the bloc-year, in Vietnamese order."""
    memberships = Membership.objects.filter(
        bloc_year_id=covenant.bloc_year_id
    ).select_related("unit")
    return sorted((m.unit for m in memberships), key=lambda u: (u.sort_key, u.pk))


def covenant_canonical_text(covenant: Covenant) -> str:
    """The deterministic text of the covenant: title, legal bases, preamble, numbered
    commitments, annex, bloc and year, and the member units."""
    bloc_year = BlocYear.objects.select_related("bloc").get(pk=covenant.bloc_year_id)
    parts = [
        "BẢN GIAO ƯỚC THI ĐUA",
        f"Tiêu đề: {normalise_text(covenant.title)}",
        f"Khối thi đua: {normalise_text(bloc_year.bloc.name)}",
        f"Năm thi đua: {bloc_year.year}",
        "Căn cứ:",
        *(f"- {normalise_text(b.citation)}" for b in covenant_legal_bases(covenant)),
        "Lời mở đầu:",
        normalise_text(covenant.preamble),
        "Nội dung giao ước:",
        *(
            f"{i}. {normalise_text(c.text)}"
            for i, c in enumerate(covenant_commitments(covenant), start=1)
        ),
        "Phụ lục:",
        normalise_text(covenant.annex),
        "Đơn vị thành viên:",
        *(f"- {normalise_text(u.name)}" for u in covenant_member_units(covenant)),
    ]
    return "\n".join(parts) + "\n"


def covenant_content_hash(covenant: Covenant) -> str:
    """SHA-256 (hex) of `covenant_canonical_text`: what is stored when the text is
    frozen."""
    return hashlib.sha256(covenant_canonical_text(covenant).encode("utf-8")).hexdigest()


# --- Drafting --------------------------------------------------------------------------


def previous_covenant(*, bloc_year: BlocYear) -> Covenant | None:
    """Last year's covenant of the same bloc, if it had one."""
    return (
        Covenant.objects.filter(
            bloc_year__bloc_id=bloc_year.bloc_id, bloc_year__year=bloc_year.year - 1
        )
        .prefetch_related("legal_bases__replaced_by", "commitments")
        .first()
    )


def previous_covenant_exists(*, bloc_year: BlocYear) -> bool:
    return Covenant.objects.filter(
        bloc_year__bloc_id=bloc_year.bloc_id, bloc_year__year=bloc_year.year - 1
    ).exists()


def covenant_of_bloc_year(*, bloc_year: BlocYear) -> Covenant | None:
    return Covenant.objects.filter(bloc_year=bloc_year).first()


# --- The council's covenants -------------------------------------------------------


def covenant_list_for_council(
    *, council_id: int | None, year: int
) -> QuerySet[BlocYear]:
    """The council's bloc-years of a year with their covenant (if any), member and
    signature counts and the chair's name: one query whatever the number of blocs."""
    active_signatures = Signature.objects.filter(
        covenant__bloc_year=OuterRef("pk"), withdrawn_at__isnull=True
    )
    chair = Membership.objects.filter(
        bloc_year=OuterRef("pk"), role=Membership.Role.CHAIR
    )
    return (
        BlocYear.objects.filter(bloc__council_id=council_id, year=year)
        .select_related("bloc", "covenant")
        .annotate(
            n_members=count_of(Membership.objects.filter(bloc_year=OuterRef("pk"))),
            n_signed=count_of(active_signatures),
            chair_name=Subquery(chair.values("unit__name")[:1]),
        )
        .order_by("bloc__kind", "bloc__sort_key")
    )


# --- The covenant page -------------------------------------------------------------


@dataclass
class SigningRow:
    """One line of the signing board: a member unit and its signature, if any."""

    membership: Membership
    signature: Signature | None = None

    @property
    def unit(self) -> Unit:
        return self.membership.unit


@dataclass
class CovenantPage:
    covenant: Covenant
    legal_bases: list[LegalBasis]
    commitments: list[Commitment]
    rows: list[SigningRow]
    withdrawn: list[Signature] = field(default_factory=list)

    @property
    def n_members(self) -> int:
        return len(self.rows)

    @property
    def n_signed(self) -> int:
        return sum(1 for r in self.rows if r.signature is not None)

    def row_of(self, unit_id: int | None) -> SigningRow | None:
        """The row of this unit (the viewer's own), if it is a member."""
        if unit_id is None:
            return None
        return next((r for r in self.rows if r.membership.unit_id == unit_id), None)


def covenant_page(*, covenant: Covenant) -> CovenantPage:
    """Everything the covenant page shows, in a fixed number of queries: legal bases,
    commitments, members, signatures (active and withdrawn)."""
    legal_bases = list(covenant.legal_bases.order_by("issued_on", "number", "pk"))
    commitments = list(covenant.commitments.order_by("position", "pk"))
    memberships = list(members_of(covenant.bloc_year))
    signatures = list(
        Signature.objects.filter(covenant=covenant)
        .select_related("unit")
        .order_by("signed_at", "pk")
    )
    active = {s.unit_id: s for s in signatures if s.withdrawn_at is None}
    withdrawn = [s for s in signatures if s.withdrawn_at is not None]
    rows = [
        SigningRow(membership=m, signature=active.get(m.unit_id)) for m in memberships
    ]
    return CovenantPage(
        covenant=covenant,
        legal_bases=legal_bases,
        commitments=commitments,
        rows=rows,
        withdrawn=withdrawn,
    )
