"""State changes of the blocs app. Views, commands and imports call these; they
validate (full_clean), lock where a race matters, and return the object.

The rules come from RULES.md §1.1, §2 ("Chair and vice-chair"), §5 and §6 ("Role selection",
"Restructuring"). Every rule that varies by province is a field of `Council` with its default:
`chair_selection_method` (rotation), `vice_chair_count` (1), `vice_chair_moves_up` (True),
`chair_approval_required` (True), `chair_term_years` (1).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blocs.history import current_successors
from blocs.models import (
    Bloc,
    BlocRules,
    BlocYear,
    ChairElection,
    Membership,
    RotationSlot,
    SelectionMethod,
)
from blocs.selectors import bloc_rules
from emulation.models import Council, Succession, Unit

logger = logging.getLogger(__name__)


# --- Small helpers -------------------------------------------------------------------


def _d(value: datetime.date) -> str:
    """A date as the user reads it (dd/mm/yyyy in Vietnamese)."""
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _names(units: Iterable[Unit]) -> str:
    return ", ".join(u.name for u in units)


def _by_name(units: Iterable[Unit]) -> list[Unit]:
    return sorted(units, key=lambda u: u.sort_key or u.name)


def unit_is_active_in(unit: Unit, year: int) -> bool:
    """Active, and its dates (if any) cover part of the year."""
    if unit.status != Unit.Status.ACTIVE:
        return False
    if unit.active_to and unit.active_to < datetime.date(year, 1, 1):
        return False
    if unit.active_from and unit.active_from > datetime.date(year, 12, 31):
        return False
    return True


# --- Membership ----------------------------------------------------------------------


@transaction.atomic
def membership_add(
    *,
    bloc_year: BlocYear,
    unit: Unit,
    role: str = Membership.Role.MEMBER,
    joined_on: datetime.date | None = None,
) -> Membership:
    """Put a unit in a bloc for the bloc-year's year (full_clean refuses a second bloc)."""
    other = (
        Membership.objects.filter(unit=unit, year=bloc_year.year)
        .select_related("bloc_year__bloc")
        .first()
    )
    if other is not None:
        # Said plainly here; the unique constraint (unit, year) is the final guard.
        raise ValidationError(
            _("%(unit)s đã là thành viên của %(bloc)s năm %(year)s.")
            % {
                "unit": unit.name,
                "bloc": other.bloc_year.bloc.name,
                "year": bloc_year.year,
            }
        )
    membership = Membership(
        bloc_year=bloc_year,
        unit=unit,
        year=bloc_year.year,
        role=role,
        joined_on=joined_on,
    )
    membership.full_clean()
    membership.save()
    return membership


# --- Who may hold a role: the bloc's members for a year ------------------------------


def role_candidates(*, bloc: Bloc, year: int) -> tuple[list[Unit], int]:
    """The units that may chair or vice-chair `bloc` in `year`, and the year the list comes from.

    The members of the bloc's `year` if it is open, else of `year - 1` (the election is held
    at the year-end conference, before the new year is opened), each carried through its
    successions (a merged unit's place goes to its successor). Only units active in `year`.
    """
    years = {
        by.year: by
        for by in BlocYear.objects.filter(bloc=bloc, year__in=[year, year - 1])
    }
    source = years.get(year) or years.get(year - 1)
    if source is None:
        raise ValidationError(
            _(
                "%(bloc)s chưa có danh sách đơn vị thành viên năm %(prev)s hoặc năm %(year)s."
            )
            % {"bloc": bloc.name, "prev": year - 1, "year": year}
        )
    members = [m.unit for m in source.memberships.select_related("unit")]
    mapped = current_successors(members)
    found: dict[int, Unit] = {}
    for member in members:
        for unit in mapped[member.pk]:
            if unit.council_id == bloc.council_id and unit_is_active_in(unit, year):
                found[unit.pk] = unit
    return _by_name(found.values()), source.year


def year_roles(*, bloc: Bloc, year: int) -> tuple[Unit | None, list[Unit]]:
    """The chair and vice-chairs of `bloc` in `year`: from the bloc-year, else the approved election."""
    rows = list(
        Membership.objects.filter(
            bloc_year__bloc=bloc,
            year=year,
            role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR],
        ).select_related("unit")
    )
    if rows:
        chair = next((m.unit for m in rows if m.role == Membership.Role.CHAIR), None)
        return chair, _by_name(
            m.unit for m in rows if m.role == Membership.Role.VICE_CHAIR
        )
    election = (
        ChairElection.objects.filter(
            bloc=bloc, year=year, status=ChairElection.Status.APPROVED
        )
        .select_related("chair")
        .prefetch_related("vice_chairs")
        .first()
    )
    if election is not None:
        return election.chair, _by_name(election.vice_chairs.all())
    return None, []


# --- Rotation (luân phiên) -------------------------------------------------------------


@dataclass(frozen=True)
class RotationProposal:
    """The chair and vice-chairs the rotation order gives for a year, and why (in Vietnamese)."""

    chair: Unit
    vice_chairs: list[Unit]
    explanation: str


def rotation_propose(*, bloc: Bloc, year: int) -> RotationProposal:
    """Propose `year`'s chair and vice-chairs from the rotation order and the chair history.

    Council settings [PROV]: `vice_chair_moves_up` (default True: last year's first vice-chair
    becomes chair; otherwise the unit after last year's chair in the order), `vice_chair_count`
    (default 1: the next units in the order after the chair), `chair_term_years` (default 1: a
    chair with a longer term keeps the chair until the term is over). Units that are no longer
    members or no longer active are skipped; a merged unit's slot goes to its successor; members
    missing from the order come after it, in name order; the order wraps around.
    """
    council = bloc.council
    candidates, _source_year = role_candidates(bloc=bloc, year=year)
    if not candidates:
        raise ValidationError(
            _(
                "%(bloc)s không còn đơn vị thành viên nào đang hoạt động trong năm %(year)s."
            )
            % {"bloc": bloc.name, "year": year}
        )
    eligible = {u.pk for u in candidates}
    prev = year - 1
    prev_chair, prev_vices = year_roles(bloc=bloc, year=prev)
    slots = list(bloc.rotation_slots.select_related("unit").order_by("position"))
    mapped = current_successors(
        [s.unit for s in slots]
        + ([prev_chair] if prev_chair else [])
        + list(prev_vices)
    )
    notes: list[str] = []

    # The effective order: slots carried through successions, without duplicates. Units merged
    # into one successor give it the first of their places.
    order: list[Unit] = []
    seen: set[int] = set()
    carried_from: dict[int, list[Unit]] = {}
    for slot in slots:
        targets = mapped[slot.unit.pk]
        if len(targets) > 1:
            notes.append(
                _(
                    "%(old)s đã chia tách thành %(new)s: vị trí này trong thứ tự luân phiên được bỏ qua."
                )
                % {"old": slot.unit.name, "new": _names(targets)}
            )
            continue
        target = targets[0] if targets else slot.unit
        if target.pk != slot.unit.pk:
            carried_from.setdefault(target.pk, []).append(slot.unit)
        if target.pk not in seen:
            seen.add(target.pk)
            order.append(target)
    for position, unit in enumerate(order, start=1):
        if unit.pk in carried_from:
            notes.append(
                _(
                    "%(old)s đã sắp xếp, sáp nhập: %(new)s nhận vị trí thứ %(position)s trong thứ tự luân phiên."
                )
                % {
                    "old": _names(carried_from[unit.pk]),
                    "new": unit.name,
                    "position": position,
                }
            )
    extra = [u for u in candidates if u.pk not in seen]
    if extra:
        if slots:
            notes.append(
                _("%(units)s chưa có trong thứ tự luân phiên nên được xếp sau cùng.")
                % {"units": _names(extra)}
            )
        else:
            notes.append(
                _(
                    "Khối chưa có thứ tự luân phiên: tạm xếp các đơn vị thành viên theo thứ tự tên."
                )
            )
        order.extend(extra)
    skipped = [u for u in order if u.pk not in eligible]
    if skipped:
        notes.append(
            _(
                "Không xét %(units)s: không còn là thành viên của khối hoặc không còn hoạt động."
            )
            % {"units": _names(skipped)}
        )
    index = {u.pk: i for i, u in enumerate(order)}
    n = len(order)

    def walk(start: int, exclude: set[int]) -> list[Unit]:
        """Eligible units after position `start`, in order, wrapping around."""
        out = []
        for step in range(1, n + 1):
            unit = order[(start + step) % n]
            if unit.pk in eligible and unit.pk not in exclude and unit not in out:
                out.append(unit)
        return out

    def carried(unit: Unit | None) -> Unit | None:
        if unit is None:
            return None
        targets = mapped.get(unit.pk) or [unit]
        return targets[0] if len(targets) == 1 else None

    sentences: list[str] = []
    if prev_chair is None:
        sentences.append(
            _("Chưa có thông tin khối trưởng năm %(prev)s.") % {"prev": prev}
        )
    else:
        sentences.append(
            _("Năm %(prev)s: khối trưởng là %(chair)s; khối phó: %(vices)s.")
            % {
                "prev": prev,
                "chair": prev_chair.name,
                "vices": _names(prev_vices) or _("không có"),
            }
        )

    chair: Unit | None = None
    kept_vices: list[Unit] = []
    last_chair = carried(prev_chair)
    start = index.get(last_chair.pk, -1) if last_chair else -1
    term = bloc_rules(council).chair_term_years
    if last_chair is not None and term > 1 and last_chair.pk in eligible:
        served = 1
        for back in range(prev - 1, prev - term, -1):
            earlier, _v = year_roles(bloc=bloc, year=back)
            if carried(earlier) != last_chair:
                break
            served += 1
        if served < term:
            chair = last_chair
            kept_vices = [
                v for v in (carried(u) for u in prev_vices) if v and v.pk in eligible
            ]
            sentences.append(
                _(
                    "Nhiệm kỳ khối trưởng là %(term)s năm; %(chair)s mới làm khối trưởng %(served)s năm "
                    "nên tiếp tục làm khối trưởng năm %(year)s."
                )
                % {"term": term, "chair": chair.name, "served": served, "year": year}
            )
    if (
        chair is None
        and last_chair is not None
        and bloc_rules(council).vice_chair_moves_up
        and prev_vices
    ):
        # "First" vice-chair: the one that comes first in the order after last year's chair.
        vices = [v for v in (carried(u) for u in prev_vices) if v is not None]
        vices.sort(key=lambda v: (index[v.pk] - start) % n if v.pk in index else n)
        chair = next((v for v in vices if v.pk in eligible), None)
        if chair is not None:
            sentences.append(
                _(
                    "Theo quy định của hội đồng, khối phó năm trước làm khối trưởng năm sau: "
                    "đề xuất %(chair)s làm khối trưởng năm %(year)s."
                )
                % {"chair": chair.name, "year": year}
            )
        else:
            notes.append(
                _(
                    "Khối phó năm %(prev)s không còn là thành viên đang hoạt động: chọn theo thứ tự luân phiên."
                )
                % {"prev": prev}
            )
    if chair is None:
        if last_chair is not None and start >= 0:
            chair = walk(start, set())[0]
            sentences.append(
                _(
                    "Theo thứ tự luân phiên, đơn vị kế tiếp sau %(last)s là %(chair)s: "
                    "đề xuất làm khối trưởng năm %(year)s."
                )
                % {"last": last_chair.name, "chair": chair.name, "year": year}
            )
        else:
            chair = walk(-1, set())[0]
            sentences.append(
                _(
                    "Đề xuất đơn vị đầu tiên theo thứ tự luân phiên, %(chair)s, làm khối trưởng năm %(year)s."
                )
                % {"chair": chair.name, "year": year}
            )

    wanted = bloc_rules(council).vice_chair_count
    vice_chairs = [v for v in kept_vices if v.pk != chair.pk][:wanted]
    taken = {chair.pk} | {v.pk for v in vice_chairs}
    vice_chairs += walk(index[chair.pk], taken)[: wanted - len(vice_chairs)]
    if wanted:
        if vice_chairs:
            sentences.append(
                _(
                    "Khối phó (%(count)s đơn vị kế tiếp theo thứ tự luân phiên): %(vices)s."
                )
                % {"count": wanted, "vices": _names(vice_chairs)}
            )
        if len(vice_chairs) < wanted:
            notes.append(
                _("Khối không đủ đơn vị thành viên để có %(count)s khối phó.")
                % {"count": wanted}
            )
    # One sentence a line: the page shows them with line breaks.
    return RotationProposal(
        chair=chair, vice_chairs=vice_chairs, explanation="\n".join(sentences + notes)
    )


# --- Election and approval --------------------------------------------------------------


def _apply_roles(
    *,
    bloc_year: BlocYear,
    chair: Unit,
    vice_chairs: Sequence[Unit],
    approved_on: datetime.date | None,
    reference: str,
    method: str,
) -> None:
    """Give the bloc-year's memberships the elected roles (a merged unit's through its successor)."""
    memberships = {m.unit_id: m for m in bloc_year.memberships.select_for_update()}
    mapped = current_successors([chair, *vice_chairs])

    def resolve(unit: Unit) -> Membership | None:
        if unit.pk in memberships:
            return memberships[unit.pk]
        hits = [memberships[t.pk] for t in mapped[unit.pk] if t.pk in memberships]
        return hits[0] if len(hits) == 1 else None

    chair_m = resolve(chair)
    vice_ms = [resolve(v) for v in vice_chairs]
    missing = [
        u
        for u, m in zip([chair, *vice_chairs], [chair_m, *vice_ms], strict=True)
        if m is None
    ]
    if missing:
        raise ValidationError(
            _(
                "%(units)s không phải là đơn vị thành viên của %(bloc)s năm %(year)s nên không thể nhận vai trò."
            )
            % {
                "units": _names(missing),
                "bloc": bloc_year.bloc.name,
                "year": bloc_year.year,
            }
        )
    picked = [m.pk for m in [chair_m, *vice_ms]]
    if len(set(picked)) != len(picked):
        raise ValidationError(
            _("Khối trưởng và khối phó phải là các đơn vị khác nhau.")
        )
    now = timezone.now()
    # Reset the old roles first so that "one chair per bloc-year" holds after every statement.
    bloc_year.memberships.exclude(role=Membership.Role.MEMBER).update(
        role=Membership.Role.MEMBER, updated_at=now
    )
    Membership.objects.filter(pk__in=[m.pk for m in vice_ms]).update(
        role=Membership.Role.VICE_CHAIR, updated_at=now
    )
    Membership.objects.filter(pk=chair_m.pk).update(
        role=Membership.Role.CHAIR, updated_at=now
    )
    bloc_year.roles_approved_on = approved_on
    bloc_year.roles_approval_reference = reference
    bloc_year.selection_method = method
    bloc_year.full_clean()
    bloc_year.save(
        update_fields=[
            "roles_approved_on",
            "roles_approval_reference",
            "selection_method",
            "updated_at",
        ]
    )


def _election_approve(
    *, election: ChairElection, decided_by, decided_on: datetime.date, reference: str
) -> None:
    election.status = ChairElection.Status.APPROVED
    election.decided_by = decided_by
    election.decided_on = decided_on
    election.approval_reference = reference
    election.full_clean()
    election.save()
    bloc_year = (
        BlocYear.objects.select_for_update()
        .filter(bloc=election.bloc, year=election.year)
        .first()
    )
    if bloc_year is not None:
        _apply_roles(
            bloc_year=bloc_year,
            chair=election.chair,
            vice_chairs=_by_name(election.vice_chairs.all()),
            approved_on=decided_on,
            reference=reference,
            method=election.method,
        )


@transaction.atomic
def election_record(
    *,
    bloc: Bloc,
    year: int,
    chair: Unit,
    vice_chairs: Sequence[Unit],
    method: str,
    meeting_on: datetime.date | None,
    vote_summary: str,
    recorded_by,
) -> ChairElection:
    """Record the choice of `year`'s chair and vice-chairs (the year-end election), pending approval.

    Refused (ValidationError) if the chair is also a vice-chair, the number of vice-chairs is not
    the council's `vice_chair_count`, a unit is not of the council or not a member of the bloc,
    or an election for that year is already pending or approved (the board must reject it
    first). If the council's `chair_approval_required` is off, it is approved at once.
    """
    # Lock the bloc so two submissions for the same year cannot both pass the check below.
    bloc = Bloc.objects.select_for_update().select_related("council").get(pk=bloc.pk)
    council = bloc.council
    vice_chairs = list(vice_chairs)
    vote_summary = (vote_summary or "").strip()
    errors: list[str] = []
    if method not in SelectionMethod.values:
        errors.append(_("Cách chọn khối trưởng không hợp lệ."))
    vice_ids = [v.pk for v in vice_chairs]
    if chair.pk in vice_ids:
        errors.append(
            _("%(unit)s không thể vừa là khối trưởng vừa là khối phó.")
            % {"unit": chair.name}
        )
    if len(set(vice_ids)) != len(vice_ids):
        errors.append(_("Một đơn vị được chọn làm khối phó hai lần."))
    outsiders = [u for u in [chair, *vice_chairs] if u.council_id != council.pk]
    if outsiders:
        errors.append(
            _("%(units)s không thuộc %(council)s.")
            % {"units": _names(outsiders), "council": council.name}
        )
    try:
        candidates, source_year = role_candidates(bloc=bloc, year=year)
    except ValidationError as exc:
        errors.extend(exc.messages)
    else:
        ids = {u.pk for u in candidates}
        strangers = [
            u
            for u in [chair, *vice_chairs]
            if u.council_id == council.pk and u.pk not in ids
        ]
        if strangers:
            errors.append(
                _(
                    "%(units)s không phải là đơn vị thành viên đang hoạt động của %(bloc)s (năm %(year)s)."
                )
                % {"units": _names(strangers), "bloc": bloc.name, "year": source_year}
            )
        wanted = min(bloc_rules(council).vice_chair_count, max(len(candidates) - 1, 0))
        if len(set(vice_ids)) != wanted:
            errors.append(
                _(
                    "Theo quy định của hội đồng, khối có %(wanted)s khối phó; đã chọn %(got)s."
                )
                % {"wanted": wanted, "got": len(set(vice_ids))}
            )
    if method == SelectionMethod.ELECTION:
        if meeting_on is None:
            errors.append(_("Bầu tại hội nghị: cần ghi ngày hội nghị."))
        if not vote_summary:
            errors.append(_("Bầu tại hội nghị: cần ghi kết quả biểu quyết."))
    existing = ChairElection.objects.filter(bloc=bloc, year=year).exclude(
        status=ChairElection.Status.REJECTED
    )
    existing = existing.first()
    if existing is not None:
        errors.append(
            _(
                "Khối đã có kết quả chọn khối trưởng năm %(year)s (%(status)s). Ban Thi đua – Khen thưởng "
                "phải không phê duyệt kết quả đó trước khi ghi nhận kết quả mới."
            )
            % {"year": year, "status": existing.get_status_display().lower()}
        )
    if errors:
        raise ValidationError(errors)

    election = ChairElection(
        bloc=bloc,
        year=year,
        chair=chair,
        method=method,
        meeting_on=meeting_on,
        vote_summary=vote_summary,
        recorded_by=recorded_by,
        status=ChairElection.Status.PENDING,
    )
    election.full_clean()
    try:
        with transaction.atomic():
            election.save()
    except IntegrityError as exc:  # the partial unique constraint: a racing submission
        raise ValidationError(
            _("Khối đã có kết quả chọn khối trưởng năm %(year)s.") % {"year": year}
        ) from exc
    election.vice_chairs.set(vice_chairs)
    if not bloc_rules(council).chair_approval_required:
        _election_approve(
            election=election,
            decided_by=recorded_by,
            decided_on=meeting_on or timezone.localdate(),
            reference="",
        )
    return election


@transaction.atomic
def election_decide(
    *,
    election: ChairElection,
    approve: bool,
    decided_by,
    decided_on: datetime.date,
    reference: str = "",
) -> ChairElection:
    """The board approves or rejects an election.

    Approval, when the bloc-year of that year already exists, gives its memberships the roles
    (old roles reset first) and sets `roles_approved_on`, `roles_approval_reference` and
    `selection_method`; the chair's rights then pass to the new chair unit's secretary on
    1 January of that year (blocs.permissions derives them). If the year is not open yet,
    `year_open` applies the roles. Rejecting an approved election withdraws the approval so a
    new one can be recorded; the bloc-year's roles stay until a new election is approved.
    """
    # Lock the bloc first, as election_record and year_open do, so these never interleave.
    Bloc.objects.select_for_update().filter(pk=election.bloc_id).first()
    election = (
        ChairElection.objects.select_for_update()
        .select_related("bloc__council", "chair")
        .get(pk=election.pk)
    )
    reference = (reference or "").strip()
    if decided_on is None:
        raise ValidationError(_("Cần ghi ngày quyết định."))
    if election.status == ChairElection.Status.REJECTED:
        raise ValidationError(
            _("Kết quả này đã không được phê duyệt; hãy ghi nhận kết quả mới.")
        )
    if approve:
        if election.status == ChairElection.Status.APPROVED:
            raise ValidationError(_("Kết quả này đã được phê duyệt."))
        _election_approve(
            election=election,
            decided_by=decided_by,
            decided_on=decided_on,
            reference=reference,
        )
    else:
        election.status = ChairElection.Status.REJECTED
        election.decided_by = decided_by
        election.decided_on = decided_on
        election.approval_reference = reference
        election.full_clean()
        election.save()
    return election


# --- Opening a new year ("Mở năm thi đua mới") -------------------------------------------


class Outcome:
    KEPT = "kept"
    REPLACED = "replaced"
    DROPPED = "dropped"
    CONFLICT = "conflict"

    LABELS = {
        KEPT: gettext_lazy("Giữ nguyên"),
        REPLACED: gettext_lazy("Thay bằng đơn vị kế thừa"),
        DROPPED: gettext_lazy("Không chuyển sang"),
        CONFLICT: gettext_lazy("Đã thuộc khối khác"),
    }


@dataclass
class YearOpenRow:
    """What becomes of one member of year N in year N+1."""

    unit: Unit  # the member in year N
    outcome: str  # Outcome.*
    target: Unit | None = (
        None  # the unit in year N+1 (kept: the same; replaced: the successor)
    )
    note: str = ""
    other_bloc: Bloc | None = None  # conflict: the bloc the target is in that year
    already: bool = (
        False  # the target is already a member of the new year (nothing to do)
    )

    @property
    def outcome_label(self) -> str:
        return str(Outcome.LABELS[self.outcome])


@dataclass
class YearOpenPlan:
    """The preview of opening `to_year` from `from_year`; `year_open` commits exactly this."""

    bloc: Bloc
    from_year: int
    to_year: int
    source: BlocYear
    target: BlocYear | None  # the new year if it already exists
    rows: list[YearOpenRow] = field(default_factory=list)
    extra_members: list[Unit] = field(
        default_factory=list
    )  # already in the new year, not from N
    election: ChairElection | None = None  # the approved election for the new year
    chair: Unit | None = None
    vice_chairs: list[Unit] = field(default_factory=list)
    roles_apply: bool = False  # the election's roles will be given on commit
    role_notes: list[str] = field(default_factory=list)

    def _of(self, outcome: str) -> list[YearOpenRow]:
        return [r for r in self.rows if r.outcome == outcome]

    @property
    def kept(self) -> list[YearOpenRow]:
        return self._of(Outcome.KEPT)

    @property
    def replaced(self) -> list[YearOpenRow]:
        return self._of(Outcome.REPLACED)

    @property
    def dropped(self) -> list[YearOpenRow]:
        return self._of(Outcome.DROPPED)

    @property
    def conflicts(self) -> list[YearOpenRow]:
        return self._of(Outcome.CONFLICT)

    @property
    def units_to_add(self) -> list[Unit]:
        """The units that will become members of the new year, each once."""
        out: dict[int, Unit] = {}
        for row in self.rows:
            if row.outcome in (Outcome.KEPT, Outcome.REPLACED) and not row.already:
                out.setdefault(row.target.pk, row.target)
        return _by_name(out.values())

    @property
    def new_members(self) -> list[Unit]:
        """Every member of the new year after the commit."""
        out: dict[int, Unit] = {u.pk: u for u in self.extra_members}
        for row in self.rows:
            if row.outcome in (Outcome.KEPT, Outcome.REPLACED):
                out.setdefault(row.target.pk, row.target)
        return _by_name(out.values())

    @property
    def changes_nothing(self) -> bool:
        return (
            self.target is not None and not self.units_to_add and not self.roles_apply
        )


def year_open_preview(*, bloc: Bloc, from_year: int) -> YearOpenPlan:
    """What opening year `from_year + 1` of `bloc` will do, row by row, without writing anything."""
    to_year = from_year + 1
    years = {
        by.year: by
        for by in BlocYear.objects.filter(bloc=bloc, year__in=[from_year, to_year])
    }
    source = years.get(from_year)
    if source is None:
        raise ValidationError(
            _("%(bloc)s chưa có năm thi đua %(year)s để chuyển sang năm sau.")
            % {"bloc": bloc.name, "year": from_year}
        )
    plan = YearOpenPlan(
        bloc=bloc,
        from_year=from_year,
        to_year=to_year,
        source=source,
        target=years.get(to_year),
    )
    members = [
        m.unit
        for m in source.memberships.select_related("unit").order_by("unit__sort_key")
    ]
    mapped = current_successors(members)
    targets = {t.pk: t for ts in mapped.values() for t in ts}
    # Where each possible target already is in the new year (this bloc or another: one query).
    taken = {
        m.unit_id: m.bloc_year.bloc
        for m in Membership.objects.filter(
            year=to_year, unit_id__in=targets
        ).select_related("bloc_year__bloc")
    }
    for unit in members:
        ends = [
            t
            for t in mapped[unit.pk]
            if t.pk != unit.pk and unit_is_active_in(t, to_year)
        ]
        if unit_is_active_in(unit, to_year):
            row = YearOpenRow(unit=unit, outcome=Outcome.KEPT, target=unit)
        elif len(ends) == 1:
            row = YearOpenRow(
                unit=unit,
                outcome=Outcome.REPLACED,
                target=ends[0],
                note=_("%(old)s đã sắp xếp, sáp nhập vào %(new)s.")
                % {"old": unit.name, "new": ends[0].name},
            )
        elif len(ends) > 1:
            row = YearOpenRow(
                unit=unit,
                outcome=Outcome.DROPPED,
                note=_(
                    "Đã chia tách thành %(units)s: Ban Thi đua – Khen thưởng xếp các đơn vị này vào khối phù hợp."
                )
                % {"units": _names(ends)},
            )
        elif unit.status == Unit.Status.DISSOLVED:
            row = YearOpenRow(
                unit=unit, outcome=Outcome.DROPPED, note=_("Đơn vị đã giải thể.")
            )
        elif unit.status == Unit.Status.MERGED:
            row = YearOpenRow(
                unit=unit,
                outcome=Outcome.DROPPED,
                note=_("Đã sáp nhập nhưng chưa có đơn vị kế thừa đang hoạt động."),
            )
        else:
            row = YearOpenRow(
                unit=unit,
                outcome=Outcome.DROPPED,
                note=_("Không còn hoạt động trong năm %(year)s.") % {"year": to_year},
            )
        if row.target is not None and row.target.pk in taken:
            other = taken[row.target.pk]
            if other.pk == bloc.pk:
                row.already = True
            else:
                row.outcome = Outcome.CONFLICT
                row.other_bloc = other
                row.note = _(
                    "%(unit)s đã là thành viên của %(bloc)s năm %(year)s: không sao chép."
                ) % {
                    "unit": row.target.name,
                    "bloc": other.name,
                    "year": to_year,
                }
        plan.rows.append(row)
    if plan.target is not None:
        from_source = {r.target.pk for r in plan.rows if r.target is not None}
        plan.extra_members = _by_name(
            m.unit
            for m in plan.target.memberships.select_related("unit")
            if m.unit_id not in from_source
        )

    plan.election = (
        ChairElection.objects.filter(
            bloc=bloc, year=to_year, status=ChairElection.Status.APPROVED
        )
        .select_related("chair")
        .prefetch_related("vice_chairs")
        .first()
    )
    if plan.election is None:
        plan.role_notes.append(
            _(
                "Chưa có kết quả chọn khối trưởng, khối phó năm %(year)s được phê duyệt: các đơn vị được "
                "chuyển sang với vai trò thành viên; vai trò được giao khi Ban Thi đua – Khen thưởng phê duyệt."
            )
            % {"year": to_year}
        )
        return plan
    new_ids = {u.pk for u in plan.new_members}
    elected = [plan.election.chair, *_by_name(plan.election.vice_chairs.all())]
    carried = current_successors(elected)

    def place(unit: Unit) -> Unit | None:
        if unit.pk in new_ids:
            return unit
        hits = [t for t in carried[unit.pk] if t.pk in new_ids]
        return hits[0] if len(hits) == 1 else None

    plan.chair = place(plan.election.chair)
    plan.vice_chairs = [v for v in (place(u) for u in elected[1:]) if v is not None]
    lost = [u for u in elected if place(u) is None]
    if lost:
        plan.role_notes.append(
            _("%(units)s không có trong danh sách năm %(year)s nên không nhận vai trò.")
            % {"units": _names(lost), "year": to_year}
        )
    has_roles = plan.target is not None and (
        plan.target.roles_approved_on is not None
        or plan.target.memberships.exclude(role=Membership.Role.MEMBER).exists()
    )
    if has_roles:
        plan.role_notes.append(
            _("Năm %(year)s đã có khối trưởng, khối phó: giữ nguyên.")
            % {"year": to_year}
        )
    plan.roles_apply = plan.chair is not None and not has_roles
    return plan


@transaction.atomic
def year_open(*, bloc: Bloc, from_year: int, opened_by) -> BlocYear:
    """Open year `from_year + 1` of the bloc: exactly what `year_open_preview` shows, in one transaction.

    Copies the members of year N (merged units replaced by their successor, dissolved or
    inactive units dropped, units already in another bloc that year left out), gives the
    approved election's chair and vice-chairs their roles with its approval date. Running it
    again changes nothing: existing rows are kept and nothing is duplicated.
    """
    # Lock the bloc so two board members opening the same year cannot interleave.
    bloc = Bloc.objects.select_for_update().select_related("council").get(pk=bloc.pk)
    plan = year_open_preview(bloc=bloc, from_year=from_year)
    target = plan.target
    if target is None:
        target = BlocYear(
            bloc=bloc,
            year=plan.to_year,
            selection_method=bloc_rules(bloc.council).chair_selection_method,
        )
        target.full_clean()
        target.save()
    for unit in plan.units_to_add:
        membership_add(bloc_year=target, unit=unit)
    if plan.roles_apply:
        _apply_roles(
            bloc_year=target,
            chair=plan.chair,
            vice_chairs=plan.vice_chairs,
            approved_on=plan.election.decided_on,
            reference=plan.election.approval_reference,
            method=plan.election.method,
        )
    logger.info(
        "year_open bloc=%s %s→%s by=%s added=%s roles=%s",
        bloc.pk,
        from_year,
        plan.to_year,
        getattr(opened_by, "pk", None),
        len(plan.units_to_add),
        plan.roles_apply,
    )
    return target


# --- Restructuring (sắp xếp, sáp nhập) -------------------------------------------------------


def _check_effective_after_start(
    units: Iterable[Unit], effective_on: datetime.date
) -> list[str]:
    return [
        _("Ngày có hiệu lực phải sau ngày %(unit)s bắt đầu hoạt động (%(date)s).")
        % {"unit": u.name, "date": _d(u.active_from)}
        for u in units
        if u.active_from and effective_on <= u.active_from
    ]


def _retire(unit: Unit, *, effective_on: datetime.date) -> None:
    unit.status = Unit.Status.MERGED
    unit.active_to = effective_on - datetime.timedelta(days=1)
    unit.full_clean()
    unit.save()


@transaction.atomic
def units_merge(
    *,
    council: Council,
    predecessors: Sequence[Unit],
    successor_name: str,
    effective_on: datetime.date,
    reference: str = "",
    kind: str | None = None,
) -> Unit:
    """A + B → C: create C (or use the council's active unit of that name), link, retire A and B.

    `kind` is the kind (Unit.Kind) of a newly created C; by default the predecessors' common
    kind. A and B get `status=merged` and `active_to = effective_on - 1 day`; their memberships
    and records stay on them (nothing of the past is rewritten); years opened later show C.
    """
    ids = [u.pk for u in predecessors]
    locked = list(
        Unit.objects.select_for_update().filter(pk__in=ids).order_by("sort_key")
    )
    name = " ".join((successor_name or "").split())
    reference = (reference or "").strip()
    errors: list[str] = []
    if len(set(ids)) < 2:
        errors.append(_("Sáp nhập cần ít nhất 2 đơn vị."))
    strangers = [u for u in locked if u.council_id != council.pk]
    if strangers:
        errors.append(
            _("%(units)s không thuộc %(council)s.")
            % {"units": _names(strangers), "council": council.name}
        )
    inactive = [u for u in locked if u.status != Unit.Status.ACTIVE]
    if inactive:
        errors.append(
            _("%(units)s đã sáp nhập hoặc giải thể.") % {"units": _names(inactive)}
        )
    if effective_on is None:
        errors.append(_("Cần nhập ngày có hiệu lực."))
    else:
        errors += _check_effective_after_start(locked, effective_on)
    if kind is not None and kind not in Unit.Kind.values:
        errors.append(_("Loại đơn vị không hợp lệ."))
    existing = None
    if not name:
        errors.append(_("Cần nhập tên đơn vị sau sáp nhập."))
    else:
        existing = (
            Unit.objects.select_for_update().filter(council=council, name=name).first()
        )
        if existing is not None and existing.pk in ids:
            errors.append(_("Đơn vị sau sáp nhập phải khác các đơn vị được sáp nhập."))
        elif existing is not None and existing.status != Unit.Status.ACTIVE:
            errors.append(
                _(
                    "Tên “%(name)s” là của một đơn vị đã sáp nhập hoặc giải thể; hãy chọn tên khác."
                )
                % {"name": name}
            )
    if errors:
        raise ValidationError(errors)

    if existing is not None:
        successor = existing
    else:
        kinds = {u.kind for u in locked}
        successor = Unit(
            council=council,
            name=name,
            kind=kind or (kinds.pop() if len(kinds) == 1 else Unit.Kind.OTHER),
            active_from=effective_on,
        )
        successor.full_clean()
        successor.save()
    for unit in locked:
        link = Succession(
            predecessor=unit,
            successor=successor,
            kind=Succession.Kind.MERGE,
            effective_on=effective_on,
            reference=reference,
        )
        link.full_clean()
        link.save()
        _retire(unit, effective_on=effective_on)
    return successor


@transaction.atomic
def unit_rename(
    *, unit: Unit, new_name: str, effective_on: datetime.date, reference: str = ""
) -> Unit:
    """Đổi tên: a new unit with the new name continues the old one's history (succession `rename`).

    The old unit is retired (`status=merged`, `active_to = effective_on - 1 day`) and keeps its
    memberships; the new one copies its kind, head and contact details.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    name = " ".join((new_name or "").split())
    reference = (reference or "").strip()
    errors: list[str] = []
    if unit.status != Unit.Status.ACTIVE:
        errors.append(
            _("%(unit)s đã sáp nhập hoặc giải thể, không thể đổi tên.")
            % {"unit": unit.name}
        )
    if effective_on is None:
        errors.append(_("Cần nhập ngày có hiệu lực."))
    else:
        errors += _check_effective_after_start([unit], effective_on)
    if not name:
        errors.append(_("Cần nhập tên mới."))
    elif name == unit.name:
        errors.append(_("Tên mới phải khác tên hiện tại."))
    elif Unit.objects.filter(council_id=unit.council_id, name=name).exists():
        errors.append(_("Hội đồng đã có đơn vị tên “%(name)s”.") % {"name": name})
    if errors:
        raise ValidationError(errors)
    renamed = Unit(
        council_id=unit.council_id,
        name=name,
        kind=unit.kind,
        head_name=unit.head_name,
        head_position=unit.head_position,
        contact_name=unit.contact_name,
        contact_phone=unit.contact_phone,
        contact_email=unit.contact_email,
        active_from=effective_on,
    )
    renamed.full_clean()
    renamed.save()
    link = Succession(
        predecessor=unit,
        successor=renamed,
        kind=Succession.Kind.RENAME,
        effective_on=effective_on,
        reference=reference,
    )
    link.full_clean()
    link.save()
    _retire(unit, effective_on=effective_on)
    return renamed


# --- The council's rules for its blocs (a section of the council settings page) -------

BLOC_RULES_FIELDS = (
    "chair_selection_method",
    "vice_chair_count",
    "vice_chair_moves_up",
    "chair_approval_required",
    "chair_term_years",
)


@transaction.atomic
def bloc_rules_update(*, council: Council, data: dict) -> BlocRules:
    """Change the council's rules for chairs and vice-chairs (only those fields)."""
    unknown = set(data) - set(BLOC_RULES_FIELDS)
    if unknown:
        raise ValueError(f"not bloc rules: {sorted(unknown)}")
    rules = BlocRules.objects.select_for_update().filter(
        council=council
    ).first() or BlocRules(council=council)
    for name, value in data.items():
        setattr(rules, name, value)
    rules.full_clean()
    rules.save()
    council.bloc_rules = rules  # the cached reverse one-to-one follows the change
    return rules


# --- Reference data edited by board staff and the chair: units, blocs, bloc-years,
# memberships and the rotation order. ---

UNIT_FIELDS = (
    "name",
    "short_name",
    "kind",
    "head_name",
    "head_position",
    "contact_name",
    "contact_phone",
    "contact_email",
    "active_from",
    "active_to",
    "status",
)
BLOC_FIELDS = ("name", "kind", "description", "active_from", "active_to")
BLOC_YEAR_SCHEDULE_FIELDS = (
    "theme",
    "launch_meeting_on",
    "midyear_meeting_on",
    "yearend_meeting_on",
    "flag_handover_on",
)


def _set_fields(obj: Any, allowed: Sequence[str], values: dict[str, Any]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(obj, name, value)


def _save(obj: Any) -> None:
    """full_clean then save; a racing duplicate that slips past full_clean becomes a ValidationError."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Dữ liệu vừa bị thay đổi bởi người khác, vui lòng thử lại.")
        ) from exc


# --- Units ---------------------------------------------------------------------------


def _check_name_free(
    model, *, council_id: int, name: str, message, exclude_pk: int | None = None
) -> None:
    """Names are unique in a council regardless of case (the constraint only sees exact case)."""
    qs = model.objects.filter(council_id=council_id, name__iexact=name.strip())
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"name": message})


def _check_unit_name(
    *, council_id: int, name: str, exclude_pk: int | None = None
) -> None:
    _check_name_free(
        Unit,
        council_id=council_id,
        name=name,
        exclude_pk=exclude_pk,
        message=_("Hội đồng đã có đơn vị mang tên này."),
    )


@transaction.atomic
def unit_create(*, council: Council, name: str, **fields: Any) -> Unit:
    """A new unit of the council; `fields` are the other columns of UNIT_FIELDS."""
    _check_unit_name(council_id=council.pk, name=name)
    unit = Unit(council=council, name=name.strip())
    _set_fields(unit, UNIT_FIELDS, fields)
    _save(unit)
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, **fields: Any) -> Unit:
    """Change a unit's details (name, kind, contact, status, dates)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        _check_unit_name(
            council_id=unit.council_id, name=fields["name"], exclude_pk=unit.pk
        )
    _set_fields(unit, UNIT_FIELDS, fields)
    _save(unit)
    return unit


# --- Blocs ---------------------------------------------------------------------------


def _check_bloc_name(
    *, council_id: int, name: str, exclude_pk: int | None = None
) -> None:
    _check_name_free(
        Bloc,
        council_id=council_id,
        name=name,
        exclude_pk=exclude_pk,
        message=_("Hội đồng đã có khối, cụm thi đua mang tên này."),
    )


@transaction.atomic
def bloc_create(*, council: Council, name: str, **fields: Any) -> Bloc:
    """A new bloc (khối) or cluster (cụm) of the council."""
    _check_bloc_name(council_id=council.pk, name=name)
    bloc = Bloc(council=council, name=name.strip())
    _set_fields(bloc, BLOC_FIELDS, fields)
    _save(bloc)
    return bloc


@transaction.atomic
def bloc_update(*, bloc: Bloc, **fields: Any) -> Bloc:
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        _check_bloc_name(
            council_id=bloc.council_id, name=fields["name"], exclude_pk=bloc.pk
        )
    _set_fields(bloc, BLOC_FIELDS, fields)
    _save(bloc)
    return bloc


# --- Bloc-years ----------------------------------------------------------------------


@transaction.atomic
def bloc_year_create(*, bloc: Bloc, year: int, theme: str = "") -> BlocYear:
    """An empty emulation year of a bloc (members are added afterwards, or by opening the year)."""
    if BlocYear.objects.filter(bloc=bloc, year=year).exists():
        raise ValidationError(
            {"year": _("Khối đã có năm thi đua %(year)s.") % {"year": year}}
        )
    council = bloc.council
    bloc_year = BlocYear(
        bloc=bloc,
        year=year,
        theme=theme.strip(),
        selection_method=bloc_rules(council).chair_selection_method,
    )
    _save(bloc_year)
    return bloc_year


def _check_schedule(bloc_year: BlocYear) -> None:
    """Meetings follow each other, and every date is near the emulation year (typing errors)."""
    errors: dict[str, str] = {}
    lowest = datetime.date(bloc_year.year - 1, 1, 1)
    highest = datetime.date(bloc_year.year + 1, 12, 31)
    for name in BLOC_YEAR_SCHEDULE_FIELDS[1:]:
        value = getattr(bloc_year, name)
        if value and not lowest <= value <= highest:
            errors[name] = _("Ngày phải nằm trong khoảng từ %(a)s đến %(b)s.") % {
                "a": lowest.strftime("%d/%m/%Y"),
                "b": highest.strftime("%d/%m/%Y"),
            }
    launch, mid, end = (
        bloc_year.launch_meeting_on,
        bloc_year.midyear_meeting_on,
        bloc_year.yearend_meeting_on,
    )
    if launch and mid and mid < launch and "midyear_meeting_on" not in errors:
        errors["midyear_meeting_on"] = _("Hội nghị sơ kết phải sau hội nghị phát động.")
    if (
        end
        and (mid or launch)
        and end < (mid or launch)
        and "yearend_meeting_on" not in errors
    ):
        errors["yearend_meeting_on"] = _(
            "Hội nghị tổng kết phải sau hội nghị phát động và sơ kết."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def bloc_year_update(*, bloc_year: BlocYear, **fields: Any) -> BlocYear:
    """The chair's (or board's) edits of a bloc-year: theme and meeting dates."""
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    if "theme" in fields:
        fields["theme"] = (fields["theme"] or "").strip()
    _set_fields(bloc_year, BLOC_YEAR_SCHEDULE_FIELDS, fields)
    _check_schedule(bloc_year)
    _save(bloc_year)
    return bloc_year


# --- Memberships ---------------------------------------------------------------------


@transaction.atomic
def bloc_year_member_add(
    *, bloc_year: BlocYear, unit: Unit, joined_on: datetime.date | None = None
) -> Membership:
    """Add a unit of the council to a bloc-year as a plain member.

    Lock the bloc-year so two board staff adding at once see each other's rows; the
    unique (unit, year) constraint is the final guard against a second bloc.
    """
    bloc_year = (
        BlocYear.objects.select_for_update().select_related("bloc").get(pk=bloc_year.pk)
    )
    if unit.council_id != bloc_year.bloc.council_id:
        raise ValidationError({"unit": _("Đơn vị không thuộc hội đồng của khối này.")})
    existing = (
        Membership.objects.filter(unit=unit, year=bloc_year.year)
        .select_related("bloc_year__bloc")
        .first()
    )
    if existing is not None:
        if existing.bloc_year_id == bloc_year.pk:
            raise ValidationError(
                {"unit": _("Đơn vị đã là thành viên của khối trong năm này.")}
            )
        raise ValidationError(
            {
                "unit": _("Đơn vị đã thuộc %(bloc)s trong năm %(year)s.")
                % {"bloc": existing.bloc_year.bloc.name, "year": bloc_year.year}
            }
        )
    try:
        with transaction.atomic():
            return membership_add(bloc_year=bloc_year, unit=unit, joined_on=joined_on)
    except IntegrityError as exc:
        raise ValidationError(
            {
                "unit": _(
                    "Đơn vị vừa được thêm vào một khối khác, vui lòng kiểm tra lại."
                )
            }
        ) from exc


@transaction.atomic
def bloc_year_member_remove(*, membership: Membership) -> None:
    """Take a plain member out of a bloc-year.

    The chair and vice-chairs are refused: roles change through an election, not here.
    Rows of other areas that protect the membership (covenant signatures…) also refuse it.
    """
    membership = (
        Membership.objects.select_for_update()
        .select_related("unit")
        .get(pk=membership.pk)
    )
    if membership.role != Membership.Role.MEMBER:
        raise ValidationError(
            _(
                "Không thể bỏ %(unit)s khỏi khối vì đơn vị đang là %(role)s. Hãy chọn lại khối trưởng, khối phó trước."
            )
            % {
                "unit": membership.unit.name,
                "role": membership.get_role_display().lower(),
            }
        )
    try:
        with transaction.atomic():
            membership.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _(
                "Không thể bỏ %(unit)s khỏi khối vì đơn vị đã có dữ liệu thi đua trong năm."
            )
            % {"unit": membership.unit.name}
        ) from exc


# --- Rotation order ------------------------------------------------------------------


@transaction.atomic
def rotation_set(*, bloc: Bloc, units: Sequence[Unit]) -> list[RotationSlot]:
    """Replace the bloc's rotation order: `units[0]` takes the chair first, and so on.

    The bloc row is locked so two edits cannot interleave; the old slots are
    deleted before the new ones are written, so the unique position never clashes.
    """
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    ids = [u.pk for u in units]
    if len(set(ids)) != len(ids):
        raise ValidationError(
            _("Một đơn vị chỉ được xếp một lần trong thứ tự luân phiên.")
        )
    if any(u.council_id != bloc.council_id for u in units):
        raise ValidationError(_("Thứ tự luân phiên chỉ gồm các đơn vị của hội đồng."))
    RotationSlot.objects.filter(bloc=bloc).delete()
    slots = []
    for position, unit in enumerate(units, start=1):
        slot = RotationSlot(bloc=bloc, unit=unit, position=position)
        slot.full_clean(validate_constraints=False)
        slots.append(slot)
    return RotationSlot.objects.bulk_create(slots)
