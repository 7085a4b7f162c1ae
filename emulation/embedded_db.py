"""The embedded PostgreSQL used when no DATABASE_URL is given.

A new user needs nothing installed: the `pgserver` package ships PostgreSQL
binaries, and its data lives under `var/pgdata`. The server is started once and
left running, so later commands (migrate, runserver, tests) reuse it.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_NAME = "thidua"


def data_dir(base_dir: Path) -> Path:
    return Path(os.environ.get("EMBEDDED_PGDATA", base_dir / "var" / "pgdata"))


def ensure_url(base_dir: Path) -> str:
    """Start (or reuse) the embedded server and return a URL for our database."""
    import pgserver  # imported here: only needed on the embedded path

    pgdata = data_dir(base_dir)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: leave the server running after this process exits.
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    exists = server.psql(
        f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"
    )
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    # pgserver knows where its socket is (the data folder, or a short temporary path when
    # the data folder's path is too long for a unix socket).
    return server.get_uri(DATABASE_NAME)
