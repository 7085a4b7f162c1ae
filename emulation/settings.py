"""Settings for Thi đua, read from the environment (see README, "Cấu hình")."""

from __future__ import annotations

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def load_env_file(path: Path) -> None:
    """Read KEY=value lines (like .env.example) into os.environ; the real environment wins."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.removeprefix("export ").split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if (
            value
        ):  # an empty line in the file (KEY=) means "not set", as in .env.example
            os.environ.setdefault(key.strip(), value)


# ENV_FILE="" turns the file off (the settings tests do, to see only their own variables).
load_env_file(Path(os.environ.get("ENV_FILE", BASE_DIR / ".env")))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} phải là true hoặc false (đang là {value!r}).")


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Thiếu SECRET_KEY: khi DEBUG tắt (production) phải đặt SECRET_KEY "
            "(SECRET_KEY is required when DEBUG is off; set DEBUG=true for development)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "emulation.apps.AdminConfig",  # Django's admin; its site: emulation/admin_site.py
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "emulation.apps.AxesConfig",  # django-axes: limits failed logins
    "emulation",
    "blocs",
    "campaigns",
    "awards",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "emulation.middleware.CleanInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Instead of Django's LocaleMiddleware: Vietnamese unless the user chose English.
    "emulation.middleware.LanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "emulation.urls"
WSGI_APPLICATION = "emulation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "emulation.context_processors.navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------


def _repair_pgserver_pid_list(pgdata: Path) -> None:
    """pgserver keeps the pids of its clients in a JSON file that it truncates and rewrites
    at every start and exit. Stopping `make run` (kill, Ctrl-C) can leave it empty, and then
    every later command fails on it. We leave the server running (cleanup_mode=None), so the
    list carries nothing we need: an unreadable one is reset."""
    import json

    pid_list = pgdata / ".handle_pids.json"
    try:
        json.loads(pid_list.read_text())
    except FileNotFoundError:
        pass
    except ValueError:
        pid_list.write_text("[]")


# DATABASE_URL wins; without it the embedded PostgreSQL under var/ is started (once; reused).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
EMBEDDED_DATABASE = not DATABASE_URL
if EMBEDDED_DATABASE:
    # platformdirs warns on every command when XDG_RUNTIME_DIR is unset (containers, CI).
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    from emulation.embedded_db import data_dir, ensure_url

    _repair_pgserver_pid_list(data_dir(BASE_DIR))
    DATABASE_URL = ensure_url(BASE_DIR)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured(
        "Thi đua chỉ chạy trên PostgreSQL: DATABASE_URL phải có dạng postgres://…"
    )
# A unix-socket URL (postgresql://user@/db?host=/path, as the embedded server gives) puts
# the socket folder in OPTIONS; HOST is where Django and `manage.py ensure_database` look.
if not DATABASES["default"]["HOST"] and "host" in DATABASES["default"].get(
    "OPTIONS", {}
):
    DATABASES["default"]["HOST"] = DATABASES["default"]["OPTIONS"].pop("host")
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "emulation.User"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "emulation.validators.MinimumLengthValidator"
    },  # Django's, Vietnamese message
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
# A password-reset link sent by e-mail works once, for this long.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# --- Failed logins (django-axes) -------------------------------------------------------
# Five wrong passwords in a row for one account, or from one address, lock logins for
# 15 minutes (the app's login page and the admin's); board staff can unlock their
# council's users earlier (/nguoi-dung/). The login page says when to retry.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own
AXES_RESET_ON_SUCCESS = True  # only failures in a row count
# Trying again while locked out does not push the announced retry time further.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The login form shows the message itself (emulation.forms); the response is only a 429.
AXES_LOCKOUT_CALLABLE = "emulation.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "emulation.lockout.client_ip"
# Behind a proxy every request comes from the proxy: the client is the last address it
# adds to X-Forwarded-For (BEHIND_HTTPS_PROXY below).
TRUST_X_FORWARDED_FOR = env_bool("BEHIND_HTTPS_PROXY", default=False)

# --- Language, time ----------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["emulation.formats"]
LANGUAGE_COOKIE_NAME = "thidua_language"
# The choice made before login is kept for a year (the browser's language is ignored:
# emulation.middleware.LanguageMiddleware). After login the account's choice wins.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

# --- Static and uploaded files -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 15 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail --------------------------------------------------------------------
# EMAIL_URL: smtp://user:password@host:587?tls=1 (STARTTLS), smtps://user:password@host:465 (SSL),
# or console:// (the default: mails are printed, for development). Quote special characters
# of the password (%40 for @).
EMAIL_URL = os.environ.get("EMAIL_URL", "console://")
if EMAIL_URL.startswith("console:"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif EMAIL_URL.startswith(("smtp:", "smtps:")):
    from urllib.parse import parse_qs, unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    _query = parse_qs(_mail.query)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_SSL = _mail.scheme == "smtps" or _query.get("ssl", ["0"])[0] in (
        "1",
        "true",
    )
    EMAIL_USE_TLS = not EMAIL_USE_SSL and _query.get("tls", ["0"])[0] in ("1", "true")
    EMAIL_PORT = _mail.port or (465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
else:
    raise ImproperlyConfigured(
        "EMAIL_URL phải có dạng smtp://…, smtps://… hoặc console://"
    )
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (production) -----------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG
)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
if env_bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "emulation.views.csrf_failure"

# --- Documents -------------------------------------------------------------------
# Public address printed on documents (QR codes, verification links).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# PKCS#12 file and password used to digitally sign PDFs (PAdES); empty = no signature.
SIGNING_P12_PATH = os.environ.get("SIGNING_P12_PATH", "")
SIGNING_P12_PASSWORD = os.environ.get("SIGNING_P12_PASSWORD", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"fontTools": {"level": "ERROR"}, "weasyprint": {"level": "ERROR"}},
}
