"""Reads of opening a new year (docs/domain.md §5.1, §4.3): the preview of what
`blocs.services.year_open` will do, row by row, and the page around it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blocs.history import current_successors
from blocs.models import Bloc, BlocYear, ChairElection, Membership
from blocs.naming import by_name, unit_names
from blocs.selectors.reference import bloc_year_index
from emulation.models import Unit


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
    # The unit in year N+1 (kept: the same; replaced: the successor).
    target: Unit | None = None
    note: str = ""
    other_bloc: Bloc | None = None  # conflict: the bloc the target is in that year
    # The target is already a member of the new year (nothing to do).
    already: bool = False

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
    # Already in the new year, not from year N.
    extra_members: list[Unit] = field(default_factory=list)
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
        return by_name(out.values())

    @property
    def new_members(self) -> list[Unit]:
        """Every member of the new year after the commit."""
        out: dict[int, Unit] = {u.pk: u for u in self.extra_members}
        for row in self.rows:
            if row.outcome in (Outcome.KEPT, Outcome.REPLACED):
                out.setdefault(row.target.pk, row.target)
        return by_name(out.values())

    @property
    def changes_nothing(self) -> bool:
        return (
            self.target is not None and not self.units_to_add and not self.roles_apply
        )


def year_open_preview(*, bloc: Bloc, from_year: int) -> YearOpenPlan:
    """What opening year `from_year + 1` of `bloc` will do, row by row, without writing
    anything (`blocs.services.year_open` commits exactly this)."""
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
            t for t in mapped[unit.pk] if t.pk != unit.pk and t.is_active_in(to_year)
        ]
        if unit.is_active_in(to_year):
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
                    "Đã chia tách thành %(units)s: Ban Thi đua – Khen thưởng xếp các "
                    "đơn vị này vào khối phù hợp."
                )
                % {"units": unit_names(ends)},
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
        plan.extra_members = by_name(
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
                "Chưa có kết quả chọn khối trưởng, khối phó năm %(year)s được phê "
                "duyệt: các đơn vị được "
                "chuyển sang với vai trò thành viên; vai trò được giao khi Ban Thi đua "
                "– Khen thưởng phê duyệt."
            )
            % {"year": to_year}
        )
        return plan
    new_ids = {u.pk for u in plan.new_members}
    elected = [plan.election.chair, *by_name(plan.election.vice_chairs.all())]
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
            % {"units": unit_names(lost), "year": to_year}
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


def year_open_page(*, bloc: Bloc, from_year: int | None, or_latest: bool) -> dict:
    """The page of opening a year from `from_year` (its latest year when `or_latest` and
    no year is given): the plan, or the problems that prevent it, and the bloc's years."""
    years = bloc_year_index(bloc=bloc)
    if from_year is None and or_latest and years:
        from_year = years[0].year
    problems: list[str] = []
    plan = None
    if from_year is None:
        problems.append(
            _(
                "Khối chưa có năm thi đua nào; hãy lập danh sách đơn vị thành viên "
                "trước."
            )
        )
    else:
        try:
            plan = year_open_preview(bloc=bloc, from_year=from_year)
        except ValidationError as exc:
            problems.extend(exc.messages)
    return {
        "bloc": bloc,
        "plan": plan,
        "problems": problems,
        "from_year": from_year,
        "years": [by.year for by in years],
        "back_url": years[0].get_absolute_url() if years else bloc.get_absolute_url(),
    }
