"""Writes of restructuring (docs/domain.md §4.2): merging units (A + B → C) and renaming
one (A → A′). Nothing of the past is rewritten: the old units keep their memberships and
records, are retired, and a `Succession` link says whose history the new one continues.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from blocs.naming import unit_names
from blocs.selectors import units_named
from blocs.services.reference import unit_create
from emulation.models import Council, Succession, Unit
from emulation.text import normalise_name


def _d(value: datetime.date) -> str:
    """A date as the user reads it (dd/mm/yyyy in Vietnamese)."""
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _check_effective_after_start(
    units: Iterable[Unit], effective_on: datetime.date
) -> list[str]:
    return [
        _("Ngày có hiệu lực phải sau ngày %(unit)s bắt đầu hoạt động (%(date)s).")
        % {"unit": u.name, "date": _d(u.active_from)}
        for u in units
        if u.active_from and effective_on <= u.active_from
    ]


def _link(old: Unit, new: Unit, kind: str, on: datetime.date, reference: str) -> None:
    """Continue the `old` unit's history in the `new` one and retire it (status merged,
    active until the day before `on`, the effective date)."""
    link = Succession(
        predecessor=old, successor=new, kind=kind, effective_on=on, reference=reference
    )
    link.full_clean()
    link.save()
    old.status = Unit.Status.MERGED
    old.active_to = on - datetime.timedelta(days=1)
    old.full_clean()
    old.save()


def _merge_errors(
    council: Council,
    ids: list[int],
    locked: list[Unit],
    effective_on: datetime.date | None,
    kind: str | None,
) -> list[str]:
    errors: list[str] = []
    if len(set(ids)) < 2:
        errors.append(_("Sáp nhập cần ít nhất 2 đơn vị."))
    strangers = [u for u in locked if u.council_id != council.pk]
    if strangers:
        errors.append(
            _("%(units)s không thuộc %(council)s.")
            % {"units": unit_names(strangers), "council": council.name}
        )
    inactive = [u for u in locked if u.status != Unit.Status.ACTIVE]
    if inactive:
        errors.append(
            _("%(units)s đã sáp nhập hoặc giải thể.") % {"units": unit_names(inactive)}
        )
    if effective_on is None:
        errors.append(_("Cần nhập ngày có hiệu lực."))
    else:
        errors += _check_effective_after_start(locked, effective_on)
    if kind is not None and kind not in Unit.Kind.values:
        errors.append(_("Loại đơn vị không hợp lệ."))
    return errors


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
    """A + B → C: create C (or use the council's active unit of that name, whatever its
    case), link, retire A and B.

    `kind` is the kind (Unit.Kind) of a newly created C; by default the predecessors'
    common kind. A and B get `status=merged` and `active_to = effective_on - 1 day`; their
    memberships and records stay on them; years opened later show C.
    """
    ids = [u.pk for u in predecessors]
    locked = list(
        Unit.objects.select_for_update().filter(pk__in=ids).order_by("sort_key")
    )
    name = normalise_name(successor_name)
    reference = (reference or "").strip()
    errors = _merge_errors(council, ids, locked, effective_on, kind)
    existing = None
    if not name:
        errors.append(_("Cần nhập tên đơn vị sau sáp nhập."))
    else:
        named = units_named(council_id=council.pk, name=name)
        existing = named.select_for_update().first()
        if existing is not None and existing.pk in ids:
            errors.append(_("Đơn vị sau sáp nhập phải khác các đơn vị được sáp nhập."))
        elif existing is not None and existing.status != Unit.Status.ACTIVE:
            errors.append(
                _(
                    "Tên “%(name)s” là của một đơn vị đã sáp nhập hoặc giải thể; hãy "
                    "chọn tên khác."
                )
                % {"name": name}
            )
    if errors:
        raise ValidationError(errors)

    successor = existing
    if successor is None:
        kinds = {u.kind for u in locked}
        successor = unit_create(
            council=council,
            name=name,
            kind=kind or (kinds.pop() if len(kinds) == 1 else Unit.Kind.OTHER),
            active_from=effective_on,
        )
    for unit in locked:
        _link(unit, successor, Succession.Kind.MERGE, effective_on, reference)
    return successor


@transaction.atomic
def unit_rename(
    *, unit: Unit, new_name: str, effective_on: datetime.date, reference: str = ""
) -> Unit:
    """Đổi tên: a new unit with the new name continues the old one's history
    (succession `rename`).

    The old unit is retired (`status=merged`, `active_to = effective_on - 1 day`) and
    keeps its memberships; the new one copies its kind, head and contact details.
    """
    unit = (
        Unit.objects.select_for_update(of=("self",))
        .select_related("council")
        .get(pk=unit.pk)
    )
    name = normalise_name(new_name)
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
    elif name.casefold() == normalise_name(unit.name).casefold():
        errors.append(_("Tên mới phải khác tên hiện tại."))
    elif units_named(council_id=unit.council_id, name=name).exists():
        errors.append(_("Hội đồng đã có đơn vị tên “%(name)s”.") % {"name": name})
    if errors:
        raise ValidationError(errors)
    renamed = unit_create(
        council=unit.council,
        name=name,
        kind=unit.kind,
        head_name=unit.head_name,
        head_position=unit.head_position,
        contact_name=unit.contact_name,
        contact_phone=unit.contact_phone,
        contact_email=unit.contact_email,
        active_from=effective_on,
    )
    _link(unit, renamed, Succession.Kind.RENAME, effective_on, reference)
    return renamed
