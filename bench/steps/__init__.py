"""The national-scale dataset, built by a list of steps: one module per app, bottom
layer first (the same order as the apps' demo loaders).

Each step is a function `generate(ctx: Context) -> None` that writes its app's rows
with `bulk_create` and records what it made in `ctx.counts` (and, for the steps after
it, in the context's attributes). A later app adds `bench/steps/<app>.py` with its own
`generate` and appends it to `STEPS` (bench/README.md, "Adding an app's data").

Call `generate(Sizes(...))` with Django set up (the CLI, bench/generate.py, creates and
migrates the database first; the tests call it on the pytest database).
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

# Every generated account has this password (the demo's, Makefile DEMO_PASSWORD).
DEMO_PASSWORD = "thidua@2026"
# Generated accounts are named bench-<council>-…: their presence marks a generated database.
USERNAME_PREFIX = "bench-"
BATCH = 5000


@dataclass(frozen=True)
class Sizes:
    """How much to generate: `councils` × `blocs` × `units` (per bloc) × `years`.

    Bloc sizes vary around `units` (±2 when units ≥ 5: 12, 8, 11, 9, 10, …), so the
    largest bloc-year has `units + 2` members while the total stays councils × blocs ×
    units when `blocs` is a multiple of 5 (see `bloc_sizes`). The years end with
    `last_year` (default: this year)."""

    councils: int = 34
    blocs: int = 20
    units: int = 10
    years: int = 5
    last_year: int | None = None

    @property
    def year_list(self) -> list[int]:
        last = self.last_year or timezone.localdate().year
        return list(range(last - self.years + 1, last + 1))

    def describe(self) -> str:
        return (
            f"councils={self.councils} blocs={self.blocs} units={self.units} "
            f"years={self.years} last_year={self.year_list[-1]}"
        )


def default_last_year() -> int:
    """The demo's last year when the database has bloc-years (so the generated years
    are the demo's, whatever today's date), else this year."""
    from django.db.models import Max

    from blocs.models import BlocYear

    latest = BlocYear.objects.aggregate(latest=Max("year"))["latest"]
    return latest or timezone.localdate().year


def bloc_sizes(blocs: int, units: int) -> list[int]:
    """The number of units of each bloc of a council."""
    if units < 5:
        return [units] * blocs
    offsets = [2, -2, 1, -1, 0]
    return [units + offsets[i % len(offsets)] for i in range(blocs)]


@dataclass
class Context:
    """What the steps share. Each step documents the attributes it fills."""

    sizes: Sizes
    years: list[int]
    rng: random.Random
    now: datetime.datetime
    counts: dict[str, int] = field(default_factory=dict)
    # kernel: the councils, their units (grouped per bloc, in bloc order), accounts
    councils: list[Any] = field(default_factory=list)
    units_by_council: dict[int, list[list[Any]]] = field(default_factory=dict)
    board_user: dict[int, int] = field(default_factory=dict)  # council id → user id
    secretary: dict[int, int] = field(default_factory=dict)  # unit id → user id
    # blocs: every generated bloc-year with its members and roles
    bloc_years: list[Any] = field(default_factory=list)  # BlocYear rows
    members: dict[int, list[Any]] = field(default_factory=dict)  # bloc-year id → units
    chair: dict[int, Any] = field(default_factory=dict)  # bloc-year id → chair unit
    vice_chair: dict[int, Any] = field(default_factory=dict)
    council_of_bloc_year: dict[int, Any] = field(default_factory=dict)
    log: Callable[[str], None] | None = None
    _lap: float = field(default_factory=time.perf_counter)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def lap(self, what: str) -> None:
        """Log the time since the previous lap (with --verbose)."""
        now = time.perf_counter()
        if self.log:
            self.log(f"    {what}: {now - self._lap:.1f} s")
        self._lap = now


def bulk(model, rows: list, batch_size: int = BATCH) -> list:
    """`bulk_create` in batches; returns the rows with their primary keys. For the rows
    other rows point to (their ids are needed)."""
    return model.objects.bulk_create(rows, batch_size=batch_size)


def _copy_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # and datetime: isoformat keeps the offset
        return value.isoformat()
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return str(value)


def copy_insert(model, rows: Iterable[dict[str, Any]]) -> int:
    """Insert leaf rows (rows no other generated row needs the id of) with PostgreSQL's
    COPY: five times faster than `bulk_create` for the 100,000-row tables.

    Each row is a dict keyed by attname (`registration_id`, not `registration`); every
    concrete column it leaves out gets the model field's default, `auto_now` and
    `auto_now_add` columns the current time, exactly as `bulk_create` would (the
    derived columns `save()` computes must be given, as for `bulk_create`). The
    database checks every constraint as for any insert."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = (
        f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    )
    count = 0
    buffer = io.StringIO()

    def flush() -> None:
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(sql, buffer)
        buffer.seek(0)
        buffer.truncate()

    for row in rows:
        values = []
        for f in fields:
            if f.attname in row:
                value = row[f.attname]
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            else:
                value = f.get_default()
            values.append(_copy_text(value))
        buffer.write("\t".join(values))
        buffer.write("\n")
        count += 1
        if count % 50000 == 0:
            flush()
    flush()
    return count


def copy_m2m(model, field_name: str, pairs: Iterable[tuple[int, int]]) -> int:
    """Rows of a many-to-many table: `pairs` are (row id, related id)."""
    m2m = model._meta.get_field(field_name)
    through = m2m.remote_field.through
    src, dst = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    return copy_insert(through, ({f"{src}_id": a, f"{dst}_id": b} for a, b in pairs))


def _steps() -> list[Callable[[Context], None]]:
    # Imported here: the modules import the models (Django must be set up first).
    from bench.steps import blocs, campaigns, kernel

    # Bottom layer first; a later app appends its own step here.
    return [kernel.generate, blocs.generate, campaigns.generate]


def generate(
    sizes: Sizes,
    *,
    seed: int = 2026,
    log: Callable[[str], None] | None = None,
    verbose: bool = False,
) -> dict[str, int]:
    """Build the dataset in one transaction; returns the rows created, by kind.
    `log` receives one line per step (and per part of a step when `verbose`)."""
    if sizes.last_year is None:
        sizes = dataclasses.replace(sizes, last_year=default_last_year())
    ctx = Context(
        sizes=sizes,
        years=sizes.year_list,
        rng=random.Random(seed),
        now=timezone.now(),
        log=log if verbose else None,
    )
    with transaction.atomic():
        for step in _steps():
            started = time.perf_counter()
            ctx.lap("start")
            step(ctx)
            if log:
                log(f"  {step.__module__}: {time.perf_counter() - started:.1f} s")
    return ctx.counts
