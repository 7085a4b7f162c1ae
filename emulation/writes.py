"""How a service writes a row, in one place: set the fields it allows, `full_clean`, then
save, and a row that a racing request saved meanwhile (the database's constraint refuses
this one) becomes a ValidationError in Vietnamese, not a server error.

See docs/ARCHITECTURE.md, "Inside an app" (services)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

M = TypeVar("M", bound=Model)

CHANGED_MEANWHILE = _("Dữ liệu vừa bị thay đổi bởi người khác, vui lòng thử lại.")


def set_fields(
    obj: Model, allowed: Collection[str], values: Mapping[str, Any], *, strict=True
) -> None:
    """Copy `values` onto the row, field by field, only those `allowed`: another name is
    a caller's mistake (TypeError), or with `strict=False` is left out (a form's extra
    fields)."""
    unknown = set(values) - set(allowed)
    if unknown and strict:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in values.items():
        if name in allowed:
            setattr(obj, name, value)


def constraint_of(exc: IntegrityError) -> str | None:
    """The name of the database constraint that refused a row (psycopg2 tells it)."""
    return getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)


def full_clean(obj: Model, *, unchecked: Collection[str] = ()) -> None:
    """`full_clean`, except the constraints on the `unchecked` fields, left to the
    database (the service has said the rule in its own words before)."""
    if not unchecked:
        obj.full_clean()
        return
    errors: dict = {}
    try:
        obj.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        obj.validate_constraints(exclude=set(unchecked))
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def save(
    obj: M, *, unchecked: Collection[str] = (), refusals: Mapping | None = None
) -> M:
    """`full_clean` (see above), then save in a savepoint. When a constraint refuses the
    row, the ValidationError says `refusals[constraint]` if the constraint is named
    there, else that the data changed meanwhile."""
    full_clean(obj, unchecked=unchecked)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        refusal = (refusals or {}).get(constraint_of(exc))
        raise ValidationError(refusal or CHANGED_MEANWHILE) from exc
    return obj


def create(model: type[M], allowed: Collection[str], values: Mapping, **fixed) -> M:
    """A new row: the `fixed` fields (what the service decides) and the `allowed` ones
    of `values` (what was typed; others are left out), validated and saved."""
    obj = model(**fixed)
    set_fields(obj, allowed, values, strict=False)
    return save(obj)


def update(obj: M, allowed: Collection[str], values: Mapping) -> M:
    """The `allowed` fields of `values` set on the row (others are left out), validated
    and saved."""
    set_fields(obj, allowed, values, strict=False)
    return save(obj)
