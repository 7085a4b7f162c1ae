"""Reads of the covenant (giao ước thi đua): its text (live or frozen) and hash, last
year's covenant, the council's list of covenants and the covenant page
(docs/domain.md §5.2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery

from blocs.history import current_successors
from blocs.models import BlocYear, Membership
from campaigns.models import (
    Commitment,
    Covenant,
    CovenantAddendum,
    CovenantText,
    FrozenMember,
    LegalBasis,
    Signature,
    normalise_text,
)
from campaigns.selectors.common import count_of, members_of
from emulation.models import Unit

# --- The covenant's text and its hash ---------------------------------------------
#
# Until the first signature the text is read from the live rows (covenant_live_text);
# from then on from the covenant's snapshot (Covenant.frozen_text), which is what the
# hash, the signed copy and the public verification use. `covenant_text` picks the one
# that applies. Covenants frozen before snapshots existed, whose live text no longer
# matched their hash, have none: they are read live, as before.


def covenant_legal_bases(covenant: Covenant) -> list[LegalBasis]:
    """The covenant's legal bases in the order documents cite them: legal force (law,
    decree, circular, then directives, decisions, plans), then date and number
    (docs/domain.md §8.5)."""
    return sorted(covenant.legal_bases.all(), key=lambda b: b.citation_order)


def covenant_commitments(covenant: Covenant) -> list[Commitment]:
    """The numbered commitments, in their order."""
    return sorted(covenant.commitments.all(), key=lambda c: (c.position, c.pk))


def _bloc_year_with_bloc(covenant: Covenant) -> BlocYear:
    """The covenant's bloc-year with its bloc: as the caller loaded it, else one query."""
    if Covenant.bloc_year.is_cached(covenant) and BlocYear.bloc.is_cached(
        covenant.bloc_year
    ):
        return covenant.bloc_year
    return BlocYear.objects.select_related("bloc").get(pk=covenant.bloc_year_id)


def covenant_member_units(covenant: Covenant) -> list[Unit]:
    """The units expected to sign: every member of the bloc-year, in Vietnamese order."""
    memberships = getattr(covenant.bloc_year, "member_list", None)
    if memberships is None:
        memberships = Membership.objects.filter(
            bloc_year_id=covenant.bloc_year_id
        ).select_related("unit")
    return sorted((m.unit for m in memberships), key=lambda u: (u.sort_key, u.pk))


def text_of(
    covenant: Covenant,
    *,
    bloc_year: BlocYear,
    legal_bases: Iterable[LegalBasis],
    commitments: Iterable[Commitment],
    units: Iterable[Unit],
) -> CovenantText:
    """The covenant's text from rows already loaded (in their citing order)."""
    return CovenantText(
        title=covenant.title,
        bloc_name=bloc_year.bloc.name,
        year=bloc_year.year,
        legal_bases=[b.citation for b in legal_bases],
        preamble=covenant.preamble,
        commitments=[c.text for c in commitments],
        annex=covenant.annex,
        members=[FrozenMember(unit_id=u.pk, name=u.name) for u in units],
    )


def covenant_live_text(covenant: Covenant) -> CovenantText:
    """The text as the live rows read now: what the first signature freezes."""
    return text_of(
        covenant,
        bloc_year=_bloc_year_with_bloc(covenant),
        legal_bases=covenant_legal_bases(covenant),
        commitments=covenant_commitments(covenant),
        units=covenant_member_units(covenant),
    )


def covenant_text(covenant: Covenant) -> CovenantText:
    """The text pages and documents print: the frozen one once a unit has signed."""
    return covenant.frozen_text or covenant_live_text(covenant)


def covenant_canonical_text(covenant: Covenant) -> str:
    """The deterministic text of the covenant's live rows: title, bloc and year, legal
    bases, preamble, numbered commitments, annex and the member units."""
    return covenant_live_text(covenant).canonical()


def covenant_content_hash(covenant: Covenant) -> str:
    """SHA-256 (hex) of `covenant_canonical_text`: what the first signature stores."""
    return covenant_live_text(covenant).hash


def own_text_intact(covenant: Covenant, text: CovenantText) -> bool:
    """The covenant's own rows (title, preamble, commitments, annex) still read as the
    frozen text: no service changes them after the first signature, so a difference
    means they were changed behind the application's back."""
    live = [normalise_text(c.text) for c in covenant_commitments(covenant)]
    return (
        normalise_text(covenant.title) == normalise_text(text.title)
        and normalise_text(covenant.preamble) == normalise_text(text.preamble)
        and normalise_text(covenant.annex) == normalise_text(text.annex)
        and live == [normalise_text(c) for c in text.commitments]
    )


def names_today(
    members: Iterable[FrozenMember], units: dict[int, Unit]
) -> dict[int, str]:
    """For each member whose name changed since the covenant froze it, the name(s) it
    goes by today: its successor(s) after a merge or a rename (the kernel's succession
    links, docs/domain.md §4.3), or its own corrected name. The frozen name is never
    rewritten; pages print this beside it. One query per generation of links, none when
    every unit is active."""
    members = list(members)
    present = [units[m.unit_id] for m in members if m.unit_id in units]
    successors = current_successors(present)
    today: dict[int, str] = {}
    for member in members:
        unit = units.get(member.unit_id)
        if unit is None:
            continue
        names = [u.name for u in successors.get(unit.pk) or [unit]]
        if names != [member.name]:
            today[member.unit_id] = ", ".join(names)
    return today


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
    """One line of the signing board: a member unit and its signature, if any; or, for a
    unit that joined after the covenant was complete, its addendum."""

    membership: Membership
    signature: Signature | None = None
    addendum: CovenantAddendum | None = None

    @property
    def unit(self) -> Unit:
        return self.membership.unit

    @property
    def has_signed(self) -> bool:
        return self.signature is not None or bool(
            self.addendum and self.addendum.signed_at
        )


@dataclass
class TextLine:
    """A commitment as the page shows it (`pk` only while it may still be edited)."""

    text: str
    pk: int | None = None


@dataclass
class CovenantPage:
    covenant: Covenant
    legal_bases: list[LegalBasis]
    commitments: list[Commitment]
    rows: list[SigningRow]
    text: CovenantText
    withdrawn: list[Signature] = field(default_factory=list)
    addenda: list[CovenantAddendum] = field(default_factory=list)

    @property
    def frozen(self) -> bool:
        return self.covenant.frozen_text is not None

    @property
    def citations(self) -> list[str]:
        return self.text.legal_bases

    @property
    def commitment_lines(self) -> list[TextLine]:
        if self.frozen:
            return [TextLine(text=t) for t in self.text.commitments]
        return [TextLine(text=c.text, pk=c.pk) for c in self.commitments]

    @property
    def n_members(self) -> int:
        return len(self.rows)

    @property
    def n_signed(self) -> int:
        return sum(1 for r in self.rows if r.has_signed)

    def row_of(self, unit_id: int | None) -> SigningRow | None:
        """The row of this unit (the viewer's own), if it is a member."""
        if unit_id is None:
            return None
        return next((r for r in self.rows if r.membership.unit_id == unit_id), None)


def covenant_page(*, covenant: Covenant) -> CovenantPage:
    """Everything the covenant page shows, in a fixed number of queries: legal bases,
    commitments, members, signatures (active and withdrawn), addenda."""
    legal_bases = sorted(covenant.legal_bases.all(), key=lambda b: b.citation_order)
    commitments = list(covenant.commitments.order_by("position", "pk"))
    memberships = list(members_of(covenant.bloc_year))
    signatures = list(
        Signature.objects.filter(covenant=covenant)
        .select_related("unit")
        .order_by("signed_at", "pk")
    )
    addenda = list(covenant.addenda.order_by("joined_on", "pk"))
    active = {s.unit_id: s for s in signatures if s.withdrawn_at is None}
    withdrawn = [s for s in signatures if s.withdrawn_at is not None]
    by_unit = {a.unit_id: a for a in addenda}
    rows = [
        SigningRow(
            membership=m,
            signature=active.get(m.unit_id),
            addendum=by_unit.get(m.unit_id),
        )
        for m in memberships
    ]
    text = covenant.frozen_text or text_of(
        covenant,
        bloc_year=covenant.bloc_year,
        legal_bases=legal_bases,
        commitments=commitments,
        units=[m.unit for m in memberships],
    )
    return CovenantPage(
        covenant=covenant,
        legal_bases=legal_bases,
        commitments=commitments,
        rows=rows,
        text=text,
        withdrawn=withdrawn,
        addenda=addenda,
    )
