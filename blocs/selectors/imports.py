"""Reads of an import of members: what each row of the file would do, checked against
the database without saving (the preview), and the lists the template offers."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db.models import BooleanField, ExpressionWrapper
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blocs.models import Bloc, BlocYear, Membership
from blocs.uploads import KIND_LOOKUP, ImportRow, fold, name_key, unit_fields
from emulation.models import YEAR_MAX, YEAR_MIN, Council, Unit, active_in_year_q


class Outcome:
    ADD = "add"
    CREATE = "create"
    EXISTS = "exists"
    ERROR = "error"

    LABELS = {
        ADD: gettext_lazy("Thêm vào khối"),
        CREATE: gettext_lazy("Tạo đơn vị mới và thêm vào khối"),
        EXISTS: gettext_lazy("Đã là thành viên — không thay đổi"),
        ERROR: gettext_lazy("Lỗi — không nhập"),
    }


@dataclass
class RowResult:
    line: int
    values: dict[str, str]
    outcome: str = Outcome.ADD
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: Unit | None = None
    bloc: Bloc | None = None
    year: int | None = None
    new_unit_key: str = ""  # the unit this row (or an earlier row) will create

    @property
    def label(self) -> str:
        return str(Outcome.LABELS[self.outcome])

    @property
    def is_error(self) -> bool:
        return self.outcome == Outcome.ERROR

    @property
    def saves(self) -> bool:
        return self.outcome in (Outcome.ADD, Outcome.CREATE)


@dataclass
class ImportPreview:
    rows: list[RowResult]
    create_units: bool
    new_bloc_years: list[tuple[Bloc, int]] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "total": len(self.rows),
            "add": self.count(Outcome.ADD),
            "create": self.count(Outcome.CREATE),
            "exists": self.count(Outcome.EXISTS),
            "error": self.count(Outcome.ERROR),
            "saves": self.count(Outcome.ADD) + self.count(Outcome.CREATE),
        }


def _parse_year(raw: str) -> tuple[int | None, str | None]:
    raw = raw.strip()
    if not raw:
        return None, _("Thiếu năm thi đua.")
    if not re.fullmatch(r"\d+(\.0+)?", raw):
        return None, _("Năm “%(value)s” không phải là số.") % {"value": raw}
    year = int(raw.split(".")[0])
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None, _("Năm %(year)s nằm ngoài khoảng cho phép (%(min)s–%(max)s).") % {
            "year": year,
            "min": YEAR_MIN,
            "max": YEAR_MAX,
        }
    return year, None


def _unit_field_errors(unit: Unit) -> list[str]:
    """Field errors of a unit to be created (lengths…), without touching the database."""
    try:
        # The e-mail and the kind are checked (with clearer messages) by import_validate.
        exclude = ["council", "contact_email", "kind"]
        unit.full_clean(
            exclude=exclude, validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        return [
            f"{Unit._meta.get_field(name).verbose_name.capitalize()}: {' '.join(messages)}"
            for name, messages in exc.message_dict.items()
        ]
    return []


def import_validate(
    *, council: Council, rows: list[ImportRow], create_units: bool
) -> ImportPreview:
    """What each row would do, without saving. Four queries whatever the number of rows:
    the council's units (each marked active or not in every year named), its blocs, the
    bloc-years and the memberships of the years named."""
    years = {
        y for r in rows if (y := _parse_year(r.values.get("year", ""))[0]) is not None
    }
    validator = _Validator(council, years, create_units)
    results = [validator.check(row) for row in rows]
    # A unit is created only by its first valid row; if that row has an error, a later
    # row creates it.
    return ImportPreview(
        rows=results,
        create_units=create_units,
        new_bloc_years=list(validator.new_bloc_years.values()),
    )


class _Validator:
    """The council's units, blocs, bloc-years and memberships of the years named, read
    once, and what the rows already checked will create."""

    def __init__(self, council: Council, years: set[int], create_units: bool):
        self.council, self.create_units = council, create_units
        # "Active in the year" is the kernel's rule on the unit's dates (a merged unit
        # may still be imported into the years it was active).
        active = {
            f"active_{y}": ExpressionWrapper(
                active_in_year_q(y), output_field=BooleanField()
            )
            for y in years
        }
        units = Unit.objects.filter(council=council).annotate(**active)
        self.units = {name_key(u.name): u for u in units}
        self.blocs = {}
        for bloc in Bloc.objects.filter(council=council):
            bloc.council = council  # saving opens bloc-years with the council's rules
            self.blocs[name_key(bloc.name)] = bloc
        self.bloc_years = {
            (by.bloc_id, by.year)
            for by in BlocYear.objects.filter(
                bloc__council=council, year__in=years
            ).only("bloc_id", "year")
        }
        self.memberships = {
            (m.unit_id, m.year): m
            for m in Membership.objects.filter(
                unit__council=council, year__in=years
            ).select_related("bloc_year__bloc")
        }
        self.email_validator = EmailValidator()
        self.seen: dict[
            tuple[str, int], int
        ] = {}  # (unit, year) → first line naming it
        self.new_units: dict[str, int] = {}  # unit to create → line that creates it
        self.new_bloc_years: dict[tuple[int, int], tuple[Bloc, int]] = {}

    def check(self, row: ImportRow) -> RowResult:
        v = row.values
        result = RowResult(line=row.line, values=v)
        result.year, year_error = _parse_year(v.get("year", ""))
        if year_error:
            result.errors.append(year_error)
        self._bloc(result, " ".join(v.get("bloc_name", "").split()))
        self._details(result)
        unit_name = " ".join(v.get("unit_name", "").split())
        self._unit(result, unit_name)
        self._once_in_file(result, unit_name)
        self._membership(result)
        self._decide(result)
        return result

    def _bloc(self, result: RowResult, bloc_name: str) -> None:
        if not bloc_name:
            result.errors.append(_("Thiếu tên khối thi đua."))
            return
        result.bloc = self.blocs.get(name_key(bloc_name))
        if result.bloc is None:
            result.errors.append(
                _("Không có khối thi đua “%(name)s” trong danh mục của hội đồng.")
                % {"name": bloc_name}
            )

    def _details(self, result: RowResult) -> None:
        email = result.values.get("contact_email", "").strip()
        if email:
            try:
                self.email_validator(email)
            except ValidationError:
                result.errors.append(
                    _("Thư điện tử “%(value)s” không hợp lệ.") % {"value": email}
                )
        kind = result.values.get("kind", "").strip()
        if kind and fold(kind) not in KIND_LOOKUP:
            result.errors.append(
                _("Loại đơn vị “%(value)s” không hợp lệ; dùng một trong: %(choices)s.")
                % {
                    "value": kind,
                    "choices": ", ".join(str(label) for _v, label in Unit.Kind.choices),
                }
            )

    def _unit(self, result: RowResult, unit_name: str) -> None:
        if not unit_name:
            result.errors.append(_("Thiếu tên đơn vị."))
            return
        key = name_key(unit_name)
        result.unit = unit = self.units.get(key)
        if unit is None:
            if key in self.new_units:
                result.new_unit_key = key  # an earlier row of the file creates it
            elif not self.create_units:
                result.errors.append(
                    _(
                        "Đơn vị “%(name)s” chưa có trong danh mục. Sửa lại tên cho đúng, "
                        "hoặc chọn “Tạo đơn vị mới nếu chưa có trong danh mục” khi tải "
                        "tệp lên."
                    )
                    % {"name": unit_name}
                )
            else:
                new = Unit(council=self.council, **unit_fields(result.values))
                result.errors.extend(_unit_field_errors(new))
                result.new_unit_key = key
        elif result.year is not None and not getattr(unit, f"active_{result.year}"):
            result.errors.append(_inactive(unit, result.year))

    def _once_in_file(self, result: RowResult, unit_name: str) -> None:
        if not unit_name or result.year is None:
            return
        key = (name_key(unit_name), result.year)
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = result.line
            return
        result.errors.append(
            _(
                "Trùng với dòng %(line)s: đơn vị “%(name)s” đã có trong tệp cho năm "
                "%(year)s."
            )
            % {"line": first, "name": unit_name, "year": result.year}
        )

    def _membership(self, result: RowResult) -> None:
        unit, bloc, year = result.unit, result.bloc, result.year
        if unit is None or year is None:
            return
        current = self.memberships.get((unit.pk, year))
        if current is None:
            return
        if bloc is not None and current.bloc_year.bloc_id == bloc.pk:
            if not result.errors:
                result.outcome = Outcome.EXISTS
                result.notes.append(
                    _("Đơn vị đã là %(role)s của khối năm %(year)s.")
                    % {"role": current.get_role_display().lower(), "year": year}
                )
        else:
            result.errors.append(
                _("Đơn vị “%(name)s” đã là thành viên của “%(bloc)s” năm %(year)s.")
                % {
                    "name": unit.name,
                    "bloc": current.bloc_year.bloc.name,
                    "year": year,
                }
            )

    def _decide(self, result: RowResult) -> None:
        if result.errors:
            result.outcome = Outcome.ERROR
            return
        if result.outcome == Outcome.EXISTS:
            return
        key = result.new_unit_key
        if result.unit is None and key not in self.new_units:
            result.outcome = Outcome.CREATE
            self.new_units[key] = result.line
        else:
            result.outcome = Outcome.ADD
            if result.unit is None:
                result.notes.append(
                    _("Đơn vị được tạo ở dòng %(line)s.")
                    % {"line": self.new_units[key]}
                )
        bloc, year = result.bloc, result.year
        assert bloc is not None and year is not None
        if (bloc.pk, year) not in self.bloc_years:
            self.new_bloc_years.setdefault((bloc.pk, year), (bloc, year))
            result.notes.append(_("Mở năm thi đua %(year)s cho khối.") % {"year": year})


def _inactive(unit: Unit, year: int) -> str:
    """Why a unit cannot be a member in `year`: its dates do not reach the year."""
    if unit.active_to and unit.active_to < datetime.date(year, 1, 1):
        return _("Đơn vị “%(name)s” đã ngừng hoạt động từ %(date)s (%(status)s).") % {
            "name": unit.name,
            "date": unit.active_to.strftime("%d/%m/%Y"),
            "status": unit.get_status_display().lower(),
        }
    return _("Đơn vị “%(name)s” bắt đầu hoạt động từ %(date)s.") % {
        "name": unit.name,
        "date": unit.active_from.strftime("%d/%m/%Y"),
    }


def template_bloc_names(*, council: Council | None) -> list[str]:
    """The council's bloc names for the template's drop-down list, in Vietnamese order."""
    if council is None:
        return []
    return list(
        Bloc.objects.filter(council=council)
        .order_by("sort_key")
        .values_list("name", flat=True)
    )
