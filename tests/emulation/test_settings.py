"""Settings come from the environment. They are read at import time, so each case runs
Python in a subprocess with its own environment."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import formats, translation

BASE_DIR = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432/thidua_settings_probe"
STRONG_KEY = "k3y-" + "x9Qw7Lm2Zp5Rt8Vb1Nc4Hd6Jf0Gs3Ky" * 2

# The variables the settings read (and one the test run sets); each case starts without them.
SETTINGS_VARS = [
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "EMAIL_URL",
    "TEST_DATABASE_NAME",
    "EMBEDDED_PGDATA",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_HTTPS_PROXY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "ENV_FILE",  # set by tests/conftest.py for Playwright; never in deployment
]

PRINT_SETTINGS = """
import json, django
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "DB": {k: db[k] for k in ("NAME", "USER", "HOST", "PORT")},
    "TEST_NAME": db.get("TEST", {}).get("NAME"),
    "EMBEDDED": settings.EMBEDDED_DATABASE,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL": [getattr(settings, k, None) for k in
              ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
               "EMAIL_USE_TLS", "EMAIL_USE_SSL")],
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
}))
"""


def run_python(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARS}
    clean.update(
        DJANGO_SETTINGS_MODULE="emulation.settings",
        PYTHONWARNINGS="ignore",
        ENV_FILE="",
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def load_settings(**env: str) -> dict:
    result = run_python(["-c", PRINT_SETTINGS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_secret_key():
    result = run_python(["-c", PRINT_SETTINGS], DATABASE_URL=PG, DEBUG="false")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_debug_off_is_the_default():
    # No DEBUG at all means production: the missing SECRET_KEY is refused too.
    result = run_python(["-c", PRINT_SETTINGS], DATABASE_URL=PG)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_gets_a_default_secret_key():
    values = load_settings(DATABASE_URL=PG, DEBUG="true")
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("dev-only")
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


def test_production_uses_the_given_values():
    values = load_settings(
        DATABASE_URL=PG,
        DEBUG="off",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="thidua.nghean.gov.vn, www.thidua.nghean.gov.vn",
        CSRF_TRUSTED_ORIGINS="https://thidua.nghean.gov.vn",
    )
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == STRONG_KEY
    assert values["ALLOWED_HOSTS"] == [
        "thidua.nghean.gov.vn",
        "www.thidua.nghean.gov.vn",
    ]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://thidua.nghean.gov.vn"]
    # Production defaults are the safe ones.
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000


def test_an_env_file_is_read_but_the_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# Thi đua, production\n"
        f"DATABASE_URL={PG}\n"
        "DEBUG=false\n"
        f'export SECRET_KEY="{STRONG_KEY}"\n'
        "ALLOWED_HOSTS='thidua.nghean.gov.vn'\n"
        "CSRF_TRUSTED_ORIGINS=https://thidua.nghean.gov.vn\n",
        encoding="utf-8",
    )
    values = load_settings(ENV_FILE=str(env_file))
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == STRONG_KEY
    assert values["ALLOWED_HOSTS"] == ["thidua.nghean.gov.vn"]
    values = load_settings(ENV_FILE=str(env_file), ALLOWED_HOSTS="localhost")
    assert values["ALLOWED_HOSTS"] == ["localhost"]


def test_env_example_documents_every_variable_the_settings_read():
    import re

    source = (BASE_DIR / "emulation" / "settings.py").read_text(encoding="utf-8")
    source += (BASE_DIR / "emulation" / "embedded_db.py").read_text(encoding="utf-8")
    names = set(
        re.findall(
            r'(?:environ\.get|env_bool|env_list|environ)\(?\[?\s*"([A-Z][A-Z0-9_]+)"',
            source,
        )
    )
    assert {
        "DATABASE_URL",
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "EMAIL_URL",
    } <= names
    example = (BASE_DIR / ".env.example").read_text(encoding="utf-8")
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert re.search(rf"^(# )?{name}=", example, re.M) or name == "ENV_FILE", (
            f"{name} not in .env.example"
        )
        assert f"`{name}`" in readme, f"{name} not in README"


def test_env_example_is_a_working_production_file():
    values = load_settings(
        ENV_FILE=str(BASE_DIR / ".env.example"), SECRET_KEY=STRONG_KEY
    )
    assert values["DEBUG"] is False
    assert values["EMBEDDED"] is False
    assert values["ALLOWED_HOSTS"] == ["thidua.example.gov.vn"]


def test_a_wrong_boolean_is_refused():
    result = run_python(["-c", PRINT_SETTINGS], DATABASE_URL=PG, DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_database_url_selects_the_database():
    values = load_settings(
        DATABASE_URL="postgres://thidua:mat%40khau@db.example.vn:6543/thidua_prod",
        DEBUG="true",
        TEST_DATABASE_NAME="test_thidua_probe",
    )
    assert values["EMBEDDED"] is False
    assert values["DB"] == {
        "NAME": "thidua_prod",
        "USER": "thidua",
        "HOST": "db.example.vn",
        "PORT": 6543,
    }
    assert values["TEST_NAME"] == "test_thidua_probe"


def test_only_postgresql_is_accepted():
    result = run_python(
        ["-c", PRINT_SETTINGS], DATABASE_URL="sqlite:///tmp/x.db", DEBUG="true"
    )
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_the_test_run_itself_uses_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://thidua%40nghean.gov.vn:b%C3%AD-m%E1%BA%ADt@mail.nghean.gov.vn:587?tls=1",
         ["mail.nghean.gov.vn", 587, "thidua@nghean.gov.vn", "bí-mật", True, False]),
        ("smtps://hop-thu:pw@mail.example.vn",
         ["mail.example.vn", 465, "hop-thu", "pw", False, True]),
        ("smtp://relay.local", ["relay.local", 25, "", "", False, False]),
    ],
)  # fmt: skip
def test_email_url(url, expected):
    values = load_settings(DATABASE_URL=PG, DEBUG="true", EMAIL_URL=url)
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL"] == expected


def test_email_defaults_to_the_console_and_refuses_unknown_schemes():
    values = load_settings(DATABASE_URL=PG, DEBUG="true")
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    result = run_python(
        ["-c", PRINT_SETTINGS], DATABASE_URL=PG, DEBUG="true", EMAIL_URL="imap://x"
    )
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


PRODUCTION = {
    "DATABASE_URL": PG,
    "DEBUG": "false",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "thidua.nghean.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://thidua.nghean.gov.vn",
}


def test_check_deploy_leaves_only_what_a_variable_fixes():
    result = run_python(["manage.py", "check", "--deploy"], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    warnings = [
        line.split(")")[0].split("(")[-1]
        for line in result.stderr.splitlines()
        if "security.W" in line
    ]
    # HSTS preload is a commitment the site owner makes: README says SECURE_HSTS_PRELOAD=true.
    assert warnings == ["security.W021"], result.stderr


def test_check_deploy_is_clean_with_every_variable_set():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECURE_HSTS_PRELOAD="true",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_language_time_zone_and_formats():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ
    day = datetime.date(2026, 1, 8)
    for language in ("vi", "en"):
        with translation.override(language):
            assert formats.date_format(day, "SHORT_DATE_FORMAT") == "08/01/2026"
            assert formats.date_format(day) == "08/01/2026"
    with translation.override("vi"):
        assert (
            formats.get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"
        )  # forms read dd/mm/yyyy first


def test_static_files_are_vendored_and_served_by_whitenoise():
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
    for path in (
        "vendor/bootstrap/bootstrap.min.css",
        "vendor/bootstrap/bootstrap.bundle.min.js",
        "vendor/bootstrap-icons/bootstrap-icons.min.css",
        "css/app.css",
    ):
        assert finders.find(path), path


# --- The embedded PostgreSQL (no DATABASE_URL) ---------------------------------------------


def _stop_embedded(pgdata: Path) -> None:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text().splitlines()[0])
    try:
        os.kill(pid, signal.SIGINT)  # fast shutdown
    except ProcessLookupError:
        return
    for _ in range(100):
        if not pid_file.exists():
            return
        time.sleep(0.1)


@pytest.fixture
def embedded_pgdata(tmp_path_factory):
    # The unix socket lives in the data folder: keep its path short (~100 characters at most).
    base = Path(f"/tmp/tdpg{os.getpid()}")
    base.mkdir(exist_ok=True)
    pgdata = base / "pg"
    yield pgdata
    _stop_embedded(pgdata)
    subprocess.run(["rm", "-rf", str(base)], check=False)


def test_without_database_url_the_embedded_server_is_started_and_reused(
    embedded_pgdata,
):
    import psycopg2

    from emulation.embedded_db import DATABASE_NAME

    probe = (
        "from pathlib import Path; from emulation.embedded_db import ensure_url; "
        "print(ensure_url(Path('.')))"
    )
    first = run_python(["-c", probe], EMBEDDED_PGDATA=str(embedded_pgdata))
    assert first.returncode == 0, first.stderr
    url = first.stdout.strip().splitlines()[-1]
    assert url.endswith(f"/{DATABASE_NAME}?host={embedded_pgdata}")
    postmaster = (embedded_pgdata / "postmaster.pid").read_text().splitlines()[0]

    # A later command finds the running server and reuses it.
    second = run_python(["-c", probe], EMBEDDED_PGDATA=str(embedded_pgdata))
    assert second.stdout.strip().splitlines()[-1] == url
    assert (embedded_pgdata / "postmaster.pid").read_text().splitlines()[
        0
    ] == postmaster

    # The settings pick it when DATABASE_URL is absent, with the socket folder as HOST
    # (so `manage.py ensure_database` and psycopg2 reach the embedded server).
    values = load_settings(DEBUG="true", EMBEDDED_PGDATA=str(embedded_pgdata))
    assert values["EMBEDDED"] is True
    assert values["DB"]["NAME"] == DATABASE_NAME
    assert values["DB"]["HOST"] == str(embedded_pgdata)
    with psycopg2.connect(
        dbname=DATABASE_NAME, user="postgres", host=str(embedded_pgdata)
    ) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT current_database()")
            assert cur.fetchone() == (DATABASE_NAME,)
    # A stopped `make run` can leave pgserver's pid list empty; the next command still works.
    (embedded_pgdata / ".handle_pids.json").write_text("")
    ensure = run_python(
        ["manage.py", "ensure_database"],
        DEBUG="true",
        EMBEDDED_PGDATA=str(embedded_pgdata),
    )
    assert ensure.returncode == 0, ensure.stderr
    assert (
        "đã có" in ensure.stdout
    )  # found on the embedded server, not created elsewhere


def test_the_embedded_data_lives_under_var_by_default():
    from emulation.embedded_db import data_dir

    saved = os.environ.pop("EMBEDDED_PGDATA", None)
    try:
        assert data_dir(BASE_DIR) == BASE_DIR / "var" / "pgdata"
    finally:
        if saved is not None:
            os.environ["EMBEDDED_PGDATA"] = saved
