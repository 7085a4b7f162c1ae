"""Page-shaped reads of the top app: the dashboard's to-do lists, calendar and tables.

It reads every app's tables (it is the top layer, docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs import selectors as bloc_selectors
from blocs.models import Bloc, BlocYear, ChairElection, Membership
from blocs.selectors import bloc_rules
from emulation.models import Council, Unit, active_in_year_q

# How many names a to-do line lists before "và N đơn vị khác".
TODO_NAMES_SHOWN = 5
# The Bootstrap icon of each kind of to-do line.
TODO_ICONS = {
    "pending-elections": "bi-hourglass-split",
    "pending-election": "bi-hourglass-split",
    "no-chair": "bi-person-x",
    "unapproved": "bi-patch-question",
    "not-opened": "bi-calendar-plus",
    "unassigned": "bi-building-exclamation",
    "next-year": "bi-arrow-repeat",
}
# From this month on, the dashboard reminds the board to choose next year's chairs.
NEXT_YEAR_REMINDER_MONTH = 10


Entry = Callable[[Any], tuple[str, str | None]]  # a row of a to-do line: (label, url)


@dataclass
class TodoItem:
    """One line of "Việc cần làm": what to do, how many, and a few of them by name."""

    key: str
    icon: str
    title: str
    count: int
    names: list[tuple[str, str | None]] = field(default_factory=list)  # (label, url)
    more: int = 0
    level: str = "warning"  # Bootstrap colour: warning (to do), info (coming up)

    @classmethod
    def listing(
        cls, key: str, title: str, rows: list, entry: Entry, **kwargs: Any
    ) -> TodoItem:
        """The line of `rows`: how many, and the first few by `entry(row)`, a (label,
        url) pair."""
        shown = [entry(row) for row in rows[:TODO_NAMES_SHOWN]]
        more = len(rows) - len(shown)
        return cls(key, TODO_ICONS[key], title, len(rows), shown, more, **kwargs)

    @classmethod
    def one(cls, key: str, title: str, label: str, url: str | None = None) -> TodoItem:
        """A reminder of one thing (coming up, not late)."""
        return cls(key, TODO_ICONS[key], title, 1, [(label, url)], level="info")


@dataclass
class CalendarEvent:
    """A dated step of the emulation year (handover, approval, conferences)."""

    date: datetime.date
    label: str
    bloc_name: str
    past: bool


def _url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def _chair_and_vices(bloc_year: BlocYear) -> tuple[Any, list[Any]]:
    """The chair and vice-chair memberships among the prefetched `role_memberships`."""
    roles = getattr(bloc_year, "role_memberships", [])
    chair = next((m for m in roles if m.role == Membership.Role.CHAIR), None)
    return chair, [m for m in roles if m.role == Membership.Role.VICE_CHAIR]


def year_calendar(
    bloc_years: list[BlocYear], *, today: datetime.date
) -> list[CalendarEvent]:
    """The dated steps recorded on the bloc-years, oldest first (no query)."""
    labels = [
        ("flag_handover_on", _("Bàn giao cờ luân lưu, nhận nhiệm vụ khối trưởng")),
        (
            "roles_approved_on",
            _("Ban Thi đua – Khen thưởng phê duyệt khối trưởng, khối phó"),
        ),
        ("launch_meeting_on", _("Hội nghị phát động thi đua, ký kết giao ước")),
        ("midyear_meeting_on", _("Hội nghị sơ kết 6 tháng")),
        ("yearend_meeting_on", _("Hội nghị tổng kết, bình xét thi đua")),
    ]
    events = [
        CalendarEvent(date=day, label=label, bloc_name=by.bloc.name, past=day <= today)
        for by in bloc_years
        for attr, label in labels
        if (day := getattr(by, attr))
    ]
    return sorted(events, key=lambda e: (e.date, e.bloc_name))


def _bloc_year_entry(by: BlocYear) -> tuple[str, str]:
    return by.bloc.name, by.get_absolute_url()


def board_todo(
    *, council: Council, year: int, bloc_years: list[BlocYear], today: datetime.date
) -> list[TodoItem]:
    """What the council's board staff still has to do for the year (4 queries).

    Only facts from the database: elections waiting for approval, bloc-years with no
    chair or with roles not approved, active blocs with no year opened, active units in
    no bloc, and (late in the current year) blocs with next year's chair not chosen.
    """

    todo: list[TodoItem] = []

    def add(key: str, title: str, rows: list, entry: Entry, **kwargs: Any) -> None:
        if rows:
            todo.append(TodoItem.listing(key, title, rows, entry, **kwargs))

    pending = (
        ChairElection.objects.filter(
            bloc__council=council, status=ChairElection.Status.PENDING
        )
        .select_related("bloc", "chair")
        .order_by("year", "bloc__sort_key")
    )
    add(
        "pending-elections",
        _("Kết quả chọn khối trưởng, khối phó chờ phê duyệt"),
        list(pending),
        lambda e: (
            f"{e.bloc.name} – {e.year}: {e.chair.name}",
            _url("blocs:election-decide", e.pk),
        ),
    )
    add(
        "no-chair",
        _("Khối, cụm chưa có khối trưởng năm %(year)s") % {"year": year},
        [by for by in bloc_years if _chair_and_vices(by)[0] is None],
        _bloc_year_entry,
    )
    if bloc_rules(council).chair_approval_required:
        unapproved = [
            by
            for by in bloc_years
            if by.roles_approved_on is None and _chair_and_vices(by)[0] is not None
        ]
        title = _("Khối trưởng, khối phó năm %(year)s chưa được phê duyệt")
        add("unapproved", title % {"year": year}, unapproved, _bloc_year_entry)

    not_opened = (
        Bloc.objects.filter(active_in_year_q(year), council=council)
        .exclude(years__year=year)
        .only("id", "name")
        .order_by("sort_key")
    )
    add(
        "not-opened",
        _("Khối, cụm chưa mở năm thi đua %(year)s") % {"year": year},
        list(not_opened),
        lambda b: (b.name, _url("blocs:year-open", b.pk)),
    )

    # Units of the council active in the year that belong to no bloc that year.
    unassigned = (
        Unit.objects.filter(
            active_in_year_q(year),
            Q(status=Unit.Status.ACTIVE)
            | Q(active_to__isnull=False),  # merged units count until they end
            council=council,
        )
        .exclude(memberships__year=year)
        .only("id", "name")
        .order_by("sort_key")
    )
    title = _("Đơn vị chưa thuộc khối, cụm nào năm %(year)s")
    add(
        "unassigned",
        title % {"year": year},
        list(unassigned),
        lambda u: (u.name, u.get_absolute_url()),
    )

    if year == today.year and today.month >= NEXT_YEAR_REMINDER_MONTH and bloc_years:
        next_year = year + 1
        chosen = set(
            ChairElection.objects.filter(bloc__council=council, year=next_year)
            .exclude(status=ChairElection.Status.REJECTED)
            .values_list("bloc_id", flat=True)
        )
        waiting = [
            by
            for by in bloc_years
            if by.bloc_id not in chosen and _still_active(by.bloc, next_year)
        ]
        title = _("Khối, cụm chưa chọn khối trưởng, khối phó năm %(year)s")
        add(
            "next-year",
            title % {"year": next_year},
            waiting,
            lambda by: (by.bloc.name, _url("blocs:election-create", by.bloc_id)),
            level="info",
        )
    return todo


def _still_active(bloc, year: int) -> bool:
    return bloc.active_to is None or bloc.active_to >= datetime.date(year, 1, 1)


@dataclass
class ChairHistoryRow:
    bloc_name: str
    bloc_url: str
    chairs: list[str | None]  # one per year of ChairHistory.years


@dataclass
class ChairHistory:
    years: list[int]
    rows: list[ChairHistoryRow]


def chair_history(*, council: Council, year: int, span: int = 3) -> ChairHistory:
    """Who chaired each bloc in the last `span` years up to `year` (1 query)."""

    years = list(range(year - span + 1, year + 1))
    chairs = (
        Membership.objects.filter(
            bloc_year__bloc__council=council, role=Membership.Role.CHAIR, year__in=years
        )
        .select_related("unit", "bloc_year__bloc")
        .order_by("bloc_year__bloc__kind", "bloc_year__bloc__sort_key", "year")
    )
    rows: dict[int, ChairHistoryRow] = {}
    for m in chairs:
        bloc = m.bloc_year.bloc
        row = rows.setdefault(
            bloc.pk,
            ChairHistoryRow(
                bloc_name=bloc.name,
                bloc_url=bloc.get_absolute_url(),
                chairs=[None] * span,
            ),
        )
        row.chairs[years.index(m.year)] = m.unit.name
    return ChairHistory(years=years, rows=list(rows.values()))


def board_dashboard(*, council: Council, year: int, with_todo: bool) -> dict[str, Any]:
    """The council's year at a glance: blocs, counts, calendar and (for board staff) the
    to-do list."""

    today = timezone.localdate()
    bloc_years = list(
        bloc_selectors.bloc_years_for_council(council_id=council.pk, year=year)
    )
    for by in bloc_years:
        by.chair_membership, by.vice_memberships = _chair_and_vices(by)
    counts = bloc_selectors.council_unit_counts(council_id=council.pk, year=year)
    context: dict[str, Any] = {
        "bloc_years": bloc_years,
        "counts": counts,
        "khoi_count": sum(1 for by in bloc_years if by.bloc.kind == "khoi"),
        "cum_count": sum(1 for by in bloc_years if by.bloc.kind == "cum"),
        "approved_count": sum(1 for by in bloc_years if by.roles_approved_on),
        "calendar": year_calendar(bloc_years, today=today),
        "chair_history": chair_history(council=council, year=year),
    }
    if with_todo:
        context["todo"] = board_todo(
            council=council, year=year, bloc_years=bloc_years, today=today
        )
    return context


def chair_todo(*, bloc_year: BlocYear, today: datetime.date) -> list[TodoItem]:
    """The chair's reminders for their bloc (1 query): next year's chair, late in the year."""

    todo: list[TodoItem] = []
    if bloc_year.year == today.year and today.month >= NEXT_YEAR_REMINDER_MONTH:
        next_year = bloc_year.year + 1
        election = (
            ChairElection.objects.filter(bloc_id=bloc_year.bloc_id, year=next_year)
            .exclude(status=ChairElection.Status.REJECTED)
            .select_related("chair")
            .first()
        )
        if election is None:
            title = _("Tổ chức chọn khối trưởng, khối phó năm %(year)s")
            create = _url("blocs:election-create", bloc_year.bloc_id)
            todo.append(
                TodoItem.one(
                    "next-year",
                    title % {"year": next_year},
                    bloc_year.bloc.name,
                    create,
                )
            )
        elif election.status == ChairElection.Status.PENDING:
            title = _(
                "Kết quả chọn khối trưởng năm %(year)s đang chờ Ban Thi đua phê duyệt"
            )
            todo.append(
                TodoItem.one(
                    "pending-election", title % {"year": next_year}, election.chair.name
                )
            )
    return todo


def unit_dashboard(*, unit: Unit, year: int) -> dict[str, Any]:
    """A unit secretary's page: their unit, its recent years, and its bloc this year."""

    today = timezone.localdate()
    memberships = list(bloc_selectors.unit_memberships(unit=unit)[:4])
    current = next((m for m in memberships if m.year == year), None)
    context: dict[str, Any] = {
        "unit": unit,
        "unit_memberships": memberships,
        "current_membership": current,
    }
    if current is not None:
        bloc_year = current.bloc_year
        members = list(
            bloc_year.memberships.select_related("unit").order_by("unit__sort_key")
        )
        chair = next((m for m in members if m.role == Membership.Role.CHAIR), None)
        context.update(
            bloc_year=bloc_year,
            bloc_members=members,
            bloc_chair=chair,
            bloc_vices=[m for m in members if m.role == Membership.Role.VICE_CHAIR],
            calendar=year_calendar([bloc_year], today=today),
        )
    return context
