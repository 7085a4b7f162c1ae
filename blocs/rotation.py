"""The rotation order's proposal of a year's chair and vice-chairs (docs/domain.md §3.2,
§3.4): a pure function over plain data.

`blocs.selectors.rotation_propose` reads what it needs (the members who may hold a role,
the order, last years' chairs and the successions) and calls `propose`; nothing here
touches the database, so the rule can be read, and tested, on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from blocs.naming import unit_names
from emulation.models import Unit


class Rules(Protocol):
    """The council settings the proposal follows (blocs.BlocRules has them)."""

    vice_chair_moves_up: bool
    vice_chair_count: int
    chair_term_years: int


@dataclass(frozen=True)
class RotationProposal:
    """The chair and vice-chairs the rotation order gives for a year, and why (in
    Vietnamese, one sentence a line)."""

    chair: Unit
    vice_chairs: list[Unit]
    explanation: str


@dataclass(frozen=True)
class History:
    """Who held the roles before `year`: last year's chair and vice-chairs, and the chairs
    of the years before (newest first, as many as a longer term needs; None: no chair)."""

    prev_chair: Unit | None
    prev_vices: Sequence[Unit]
    earlier_chairs: Sequence[Unit | None] = ()


def propose(
    *,
    bloc_name: str,
    year: int,
    candidates: Sequence[Unit],
    order: Sequence[Unit],
    successors: Mapping[int, Sequence[Unit]],
    history: History,
    rules: Rules,
) -> RotationProposal:
    """Propose `year`'s chair and vice-chairs.

    `candidates`: the units that may hold a role (members, active, in name order);
    `order`: the units of the rotation order, by position; `successors`: for each unit of
    `order` and of `history`, the unit(s) its history continues in today.

    Council settings: `vice_chair_moves_up` (last year's first vice-chair becomes chair;
    otherwise the unit after last year's chair), `vice_chair_count` (the next units in the
    order after the chair), `chair_term_years` (a chair with a longer term keeps the chair
    until the term is over). Units that are no longer members or no longer active are
    skipped; a merged unit's slot goes to its successor, a split unit's slot is skipped;
    members missing from the order come after it, in name order; the order wraps around.
    """
    if not candidates:
        raise ValidationError(
            _(
                "%(bloc)s không còn đơn vị thành viên nào đang hoạt động trong năm "
                "%(year)s."
            )
            % {"bloc": bloc_name, "year": year}
        )
    walk = _Walk(candidates, order, successors)
    chooser = _Chooser(walk, year, history, rules)
    chair, kept_vices = chooser.chair()
    vice_chairs = chooser.vice_chairs(chair, kept_vices)
    # One sentence a line: the page shows them with line breaks.
    return RotationProposal(
        chair=chair,
        vice_chairs=vice_chairs,
        explanation="\n".join(chooser.sentences + walk.notes + chooser.notes),
    )


class _Walk:
    """The effective order: the slots carried through successions, without duplicates,
    then the members missing from it; and the notes that explain it."""

    def __init__(
        self,
        candidates: Sequence[Unit],
        slots: Sequence[Unit],
        successors: Mapping[int, Sequence[Unit]],
    ):
        self.successors = successors
        self.eligible = {u.pk for u in candidates}
        self.notes: list[str] = []
        self.order: list[Unit] = []
        seen: set[int] = set()
        # Units merged into one successor give it the first of their places.
        carried_from: dict[int, list[Unit]] = {}
        for unit in slots:
            targets = successors[unit.pk]
            if len(targets) > 1:
                self.notes.append(
                    _(
                        "%(old)s đã chia tách thành %(new)s: vị trí này trong thứ tự "
                        "luân phiên được bỏ qua."
                    )
                    % {"old": unit.name, "new": unit_names(targets)}
                )
                continue
            target = targets[0] if targets else unit
            if target.pk != unit.pk:
                carried_from.setdefault(target.pk, []).append(unit)
            if target.pk not in seen:
                seen.add(target.pk)
                self.order.append(target)
        for position, unit in enumerate(self.order, start=1):
            if unit.pk in carried_from:
                self.notes.append(
                    _(
                        "%(old)s đã sắp xếp, sáp nhập: %(new)s nhận vị trí thứ "
                        "%(position)s trong thứ tự luân phiên."
                    )
                    % {
                        "old": unit_names(carried_from[unit.pk]),
                        "new": unit.name,
                        "position": position,
                    }
                )
        self._add_missing(candidates, seen, has_slots=bool(slots))
        self.index = {u.pk: i for i, u in enumerate(self.order)}

    def _add_missing(
        self, candidates: Sequence[Unit], seen: set[int], *, has_slots: bool
    ) -> None:
        extra = [u for u in candidates if u.pk not in seen]
        if extra:
            if has_slots:
                self.notes.append(
                    _(
                        "%(units)s chưa có trong thứ tự luân phiên nên được xếp sau cùng."
                    )
                    % {"units": unit_names(extra)}
                )
            else:
                self.notes.append(
                    _(
                        "Khối chưa có thứ tự luân phiên: tạm xếp các đơn vị thành viên "
                        "theo thứ tự tên."
                    )
                )
            self.order.extend(extra)
        skipped = [u for u in self.order if u.pk not in self.eligible]
        if skipped:
            self.notes.append(
                _(
                    "Không xét %(units)s: không còn là thành viên của khối hoặc không "
                    "còn hoạt động."
                )
                % {"units": unit_names(skipped)}
            )

    def after(self, start: int, exclude: set[int]) -> list[Unit]:
        """Eligible units after position `start`, in order, wrapping around."""
        n = len(self.order)
        out: list[Unit] = []
        for step in range(1, n + 1):
            unit = self.order[(start + step) % n]
            if unit.pk in self.eligible and unit.pk not in exclude and unit not in out:
                out.append(unit)
        return out

    def carried(self, unit: Unit | None) -> Unit | None:
        """The unit `unit`'s place goes to today (None after a split)."""
        if unit is None:
            return None
        targets = self.successors.get(unit.pk) or [unit]
        return targets[0] if len(targets) == 1 else None


class _Chooser:
    """The choice of the chair and vice-chairs along the walk, with its sentences."""

    def __init__(self, walk: _Walk, year: int, history: History, rules: Rules):
        self.walk, self.year, self.history, self.rules = walk, year, history, rules
        self.notes: list[str] = []
        prev, chair = year - 1, history.prev_chair
        if chair is None:
            self.sentences = [
                _("Chưa có thông tin khối trưởng năm %(prev)s.") % {"prev": prev}
            ]
        else:
            self.sentences = [
                _("Năm %(prev)s: khối trưởng là %(chair)s; khối phó: %(vices)s.")
                % {
                    "prev": prev,
                    "chair": chair.name,
                    "vices": unit_names(history.prev_vices) or _("không có"),
                }
            ]
        self.last_chair = walk.carried(chair)
        self.start = walk.index.get(self.last_chair.pk, -1) if self.last_chair else -1

    def chair(self) -> tuple[Unit, list[Unit]]:
        """The chair, and the vice-chairs it keeps when it stays for a longer term."""
        kept = self._term_goes_on()
        if kept is not None:
            return kept
        chair = self._vice_chair_moves_up()
        if chair is not None:
            return chair, []
        last, year = self.last_chair, self.year
        if last is not None and self.start >= 0:
            chair = self.walk.after(self.start, set())[0]
            self.sentences.append(
                _(
                    "Theo thứ tự luân phiên, đơn vị kế tiếp sau %(last)s là %(chair)s: "
                    "đề xuất làm khối trưởng năm %(year)s."
                )
                % {"last": last.name, "chair": chair.name, "year": year}
            )
        else:
            chair = self.walk.after(-1, set())[0]
            self.sentences.append(
                _(
                    "Đề xuất đơn vị đầu tiên theo thứ tự luân phiên, %(chair)s, làm "
                    "khối trưởng năm %(year)s."
                )
                % {"chair": chair.name, "year": year}
            )
        return chair, []

    def _term_goes_on(self) -> tuple[Unit, list[Unit]] | None:
        walk, last, term = self.walk, self.last_chair, self.rules.chair_term_years
        if last is None or term <= 1 or last.pk not in walk.eligible:
            return None
        served = 1
        for earlier in self.history.earlier_chairs[: term - 1]:
            if walk.carried(earlier) != last:
                break
            served += 1
        if served >= term:
            return None
        kept = [
            v
            for v in (walk.carried(u) for u in self.history.prev_vices)
            if v and v.pk in walk.eligible
        ]
        self.sentences.append(
            _(
                "Nhiệm kỳ khối trưởng là %(term)s năm; %(chair)s mới làm khối trưởng "
                "%(served)s năm nên tiếp tục làm khối trưởng năm %(year)s."
            )
            % {"term": term, "chair": last.name, "served": served, "year": self.year}
        )
        return last, kept

    def _vice_chair_moves_up(self) -> Unit | None:
        walk, prev_vices = self.walk, self.history.prev_vices
        if self.last_chair is None or not self.rules.vice_chair_moves_up:
            return None
        if not prev_vices:
            return None
        # "First" vice-chair: the one that comes first in the order after last year's chair.
        n = len(walk.order)
        vices = [v for v in (walk.carried(u) for u in prev_vices) if v is not None]
        vices.sort(
            key=lambda v: (
                (walk.index[v.pk] - self.start) % n if v.pk in walk.index else n
            )
        )
        chair = next((v for v in vices if v.pk in walk.eligible), None)
        if chair is not None:
            self.sentences.append(
                _(
                    "Theo quy định của hội đồng, khối phó năm trước làm khối trưởng năm "
                    "sau: đề xuất %(chair)s làm khối trưởng năm %(year)s."
                )
                % {"chair": chair.name, "year": self.year}
            )
        else:
            self.notes.append(
                _(
                    "Khối phó năm %(prev)s không còn là thành viên đang hoạt động: chọn "
                    "theo thứ tự luân phiên."
                )
                % {"prev": self.year - 1}
            )
        return chair

    def vice_chairs(self, chair: Unit, kept: list[Unit]) -> list[Unit]:
        wanted = self.rules.vice_chair_count
        vice_chairs = [v for v in kept if v.pk != chair.pk][:wanted]
        taken = {chair.pk} | {v.pk for v in vice_chairs}
        vice_chairs += self.walk.after(self.walk.index[chair.pk], taken)[
            : wanted - len(vice_chairs)
        ]
        if wanted:
            if vice_chairs:
                self.sentences.append(
                    _(
                        "Khối phó (%(count)s đơn vị kế tiếp theo thứ tự luân phiên): "
                        "%(vices)s."
                    )
                    % {"count": wanted, "vices": unit_names(vice_chairs)}
                )
            if len(vice_chairs) < wanted:
                self.notes.append(
                    _("Khối không đủ đơn vị thành viên để có %(count)s khối phó.")
                    % {"count": wanted}
                )
        return vice_chairs
