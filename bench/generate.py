"""Create a bench database: the demo, and (unless --demo-only) the national-scale data.

    .venv/bin/python bench/generate.py \\
        --database-url postgres://postgres@127.0.0.1:5432/thidua_bench_national \\
        [--councils 34 --blocs 20 --units 10 --years 5] [--reset] [--demo-only]

Creates the database if it is missing, migrates it, loads the demo (`manage.py
load_demo`, so the demo logins exist) and runs the generator steps (bench/steps/) in
one transaction. The sizes generated are kept as the database's comment: a second run
with the same sizes does nothing, with other sizes it refuses (use --reset, which drops
and recreates the database; only allowed for a database whose name contains "bench").
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
COMMENT_PREFIX = "thidua bench:"


def _setup_django(database_url: str) -> None:
    # Run as a script, Python puts bench/ first on the path: the project root instead.
    if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
        sys.path.pop(0)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()


def _maintenance_connection():
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    params = {
        "dbname": "postgres",
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    conn = psycopg2.connect(**{k: v for k, v in params.items() if v})
    conn.autocommit = True
    return conn


def database_name(database_url: str) -> str:
    return urlparse(database_url).path.lstrip("/")


def drop_database(name: str) -> None:
    from psycopg2 import sql

    if "bench" not in name:
        raise SystemExit(
            f"--reset refused: {name!r} is not a bench database (its name has no 'bench')."
        )
    conn = _maintenance_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )
    finally:
        conn.close()
    print(f"Dropped database {name}.")


def read_comment(name: str) -> str:
    conn = _maintenance_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = %s",
                [name],
            )
            row = cur.fetchone()
            return (row[0] if row else "") or ""
    finally:
        conn.close()


def write_comment(name: str, text: str) -> None:
    from psycopg2 import sql

    conn = _maintenance_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(
                sql.SQL("COMMENT ON DATABASE {} IS %s").format(sql.Identifier(name)),
                [text],
            )
    finally:
        conn.close()


def prepare(*, quiet: bool = True) -> None:
    """ensure_database, migrate, load_demo (the Makefile's `db` and `run` steps)."""
    from django.core.management import call_command
    from django.db import connection

    with open(os.devnull, "w") as devnull:
        out = devnull if quiet else None
        call_command("ensure_database", stdout=out)
        connection.close()  # any connection was opened before the database existed
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", stdout=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--councils", type=int, default=34)
    parser.add_argument("--blocs", type=int, default=20, help="per council")
    parser.add_argument("--units", type=int, default=10, help="per bloc (average)")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--last-year",
        type=int,
        default=None,
        help="default: the demo's last year (2026)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--verbose", action="store_true", help="time each part of each step"
    )
    parser.add_argument(
        "--reset", action="store_true", help="drop and recreate the database first"
    )
    parser.add_argument(
        "--demo-only",
        action="store_true",
        help="only create, migrate and load the demo (the demo-size database)",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    _setup_django(args.database_url)
    name = database_name(args.database_url)
    if args.reset:
        drop_database(name)
    prepare()
    print(f"{name}: migrated, demo loaded ({time.perf_counter() - started:.1f} s).")
    if args.demo_only:
        return 0

    from bench.steps import USERNAME_PREFIX, Sizes, default_last_year, generate
    from emulation.models import User

    sizes = Sizes(
        councils=args.councils,
        blocs=args.blocs,
        units=args.units,
        years=args.years,
        last_year=args.last_year or default_last_year(),
    )
    wanted = f"{COMMENT_PREFIX} {sizes.describe()} seed={args.seed}"
    present = read_comment(name)
    if User.objects.filter(username__startswith=USERNAME_PREFIX).exists():
        if present.startswith(wanted):
            print(f"{name}: already generated ({present}); nothing to do.")
            return 0
        print(
            f"{name} already holds generated data ({present or 'sizes unknown'}), "
            f"not {wanted!r}.\nRun again with --reset to drop and regenerate it.",
            file=sys.stderr,
        )
        return 2

    print(f"Generating {sizes.describe()}…")
    gen_started = time.perf_counter()
    counts = generate(sizes, seed=args.seed, log=print, verbose=args.verbose)
    elapsed = time.perf_counter() - gen_started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()
    write_comment(name, f"{wanted} took={elapsed:.0f}s")
    for key, value in counts.items():
        print(f"  {key:>20}: {value:,}")
    print(
        f"{name}: generated in {elapsed:.1f} s "
        f"(total with migrate and demo {time.perf_counter() - started:.1f} s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
