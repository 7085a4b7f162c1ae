"""Model field declarations every app repeats, written once: references to other rows
(to the user who did something, to the council), optional dates and the check that a
date range is ordered.

Each factory returns the very field (or constraint) that was written out by hand before,
with the same arguments, so the migrations see no change (`makemigrations --check`).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def link(
    to: Any,
    verbose_name: Any = None,
    *,
    related_name: str,
    on_delete: Any = models.PROTECT,
    optional: bool = False,
    **kwargs: Any,
) -> models.ForeignKey:
    """A foreign key (PROTECT unless told); `optional` allows none (null and blank)."""
    if optional:
        kwargs.update(null=True, blank=True)
    if verbose_name is not None:
        kwargs["verbose_name"] = verbose_name
    return models.ForeignKey(
        to, on_delete=on_delete, related_name=related_name, **kwargs
    )


def part_of(
    to: Any, verbose_name: Any = None, *, related_name: str
) -> models.ForeignKey:
    """The row a row is part of (a bloc-year's members and meetings, a registration's
    targets): deleted with it."""
    return link(to, verbose_name, related_name=related_name, on_delete=models.CASCADE)


def council_link(related_name: str, **kwargs: Any) -> models.ForeignKey:
    """The council a row belongs to (`hội đồng`), the scope of every permission."""
    return link("emulation.Council", _("hội đồng"), related_name=related_name, **kwargs)


def user_ref(verbose_name: Any = None) -> models.ForeignKey:
    """Who did something (recorded, decided, issued): no reverse accessor, and the row
    stays when the user is deleted (the reference becomes empty)."""
    return link(
        "emulation.User",
        verbose_name,
        related_name="+",
        on_delete=models.SET_NULL,
        optional=True,
    )


def verification_code_field(default: Any) -> models.CharField:
    """The short code printed on an issued document, for its public verification page:
    unique, made by `default` when the row is created, never edited."""
    return models.CharField(
        _("mã xác minh"), max_length=16, unique=True, default=default, editable=False
    )


def optional_date(verbose_name: Any, **kwargs: Any) -> models.DateField:
    """A date that may stay empty."""
    return models.DateField(verbose_name, null=True, blank=True, **kwargs)


def dates_ordered(
    start: str, end: str, *, name: str, optional: bool = True
) -> models.CheckConstraint:
    """The database's guard that `end` is not before `start`; with `optional`, either
    date may be empty."""
    ordered = Q(**{f"{end}__gte": F(start)})
    if optional:
        ordered = (
            Q(**{f"{end}__isnull": True}) | Q(**{f"{start}__isnull": True}) | ordered
        )
    return models.CheckConstraint(condition=ordered, name=name)


def dates_reversed(start: Any, end: Any) -> bool:
    """Both dates are given and `end` comes before `start` (what `dates_ordered`
    refuses), for the Vietnamese message of a model's or a form's `clean()`."""
    return bool(start and end and end < start)
