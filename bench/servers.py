"""The servers of bench/run.py: gunicorn started as `make serve` starts it, in its own
process group, and the demo users logged in through the login form."""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import PY, ROOT

GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEMO_PASSWORD = "thidua@2026"  # Makefile DEMO_PASSWORD


class Stop(Exception):
    """SIGTERM: stop like Ctrl-C (the finally blocks stop what was started)."""


def on_sigterm(signum, frame):
    raise Stop


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, signing: dict[str, str]) -> dict[str, str]:
    """The variables `make serve` sets, for this database."""
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "DATABASE_URL": database_url,
            "ENV_FILE": "",
            **signing,
        }
    )
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [str(PY), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=600,
    )


def prepare(signing_path: Path | None, database_url: str) -> dict[str, str]:
    """The `make serve` preparations: messages, static files; the demo certificate."""
    dev = {**os.environ, "DEBUG": "true", "DATABASE_URL": database_url, "ENV_FILE": ""}
    manage("compilemessages_py", env=dev)
    manage(
        "collectstatic",
        "--noinput",
        env=production_env(database_url, {}),
    )
    if signing_path is None:
        return {"SIGNING_P12_PATH": "", "SIGNING_P12_PASSWORD": ""}
    manage("ensure_signing_certificate", "--path", str(signing_path), env=dev)
    return {
        "SIGNING_P12_PATH": str(signing_path),
        "SIGNING_P12_PASSWORD": "thidua-demo",
    }


class Gunicorn:
    """gunicorn emulation.wsgi with `workers` workers, in its own process group."""

    def __init__(self, env: dict[str, str], workers: int, logfile: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "SITE_URL": self.base}
        self.workers = workers
        self.logfile = logfile
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        self.logfile.parent.mkdir(parents=True, exist_ok=True)
        out = self.logfile.open("w")
        self.proc = subprocess.Popen(
            [
                str(GUNICORN),
                "emulation.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__()  # __exit__ is not called when __enter__ raises
            raise
        return self

    def _wait_ready(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.logfile}")
            try:
                urllib.request.urlopen(self.base + "/dang-nhap/", timeout=2).read()
                if len(self.worker_pids()) >= self.workers:
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer; see {self.logfile}")

    def __exit__(self, *exc) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        # A second Ctrl-C or SIGTERM must not interrupt the stopping itself.
        handlers = {
            sig: signal.signal(sig, signal.SIG_IGN)
            for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)  # its own group: only ours
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        master = self.proc.pid
        try:
            text = Path(f"/proc/{master}/task/{master}/children").read_text()
            return [int(p) for p in text.split()]
        except OSError:
            pids = []
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == master:
                    pids.append(int(stat.parent.name))
            return pids

    def worker_rss_mib(self) -> dict[int, float]:
        rss = {}
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
            if match:
                rss[pid] = round(int(match.group(1)) / 1024, 1)
        return rss


# --- HTTP ----------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _csrf_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF token in the login form")
    return match.group(1)


def login(base: str, username: str, year: int) -> str:
    """Log in through the login form; choose the bench's year. Returns the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/dang-nhap/", timeout=30).read().decode()
    data = urllib.parse.urlencode(
        {
            "username": username,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": _csrf_from(form),
        }
    ).encode()
    opener.open(base + "/dang-nhap/", data=data, timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"login of {username} failed")
    year_form = urllib.request.Request(
        base + "/nam/",
        data=urllib.parse.urlencode({"year": year, "next": "/"}).encode(),
        headers={"X-CSRFToken": cookies["csrftoken"], "Referer": base + "/"},
    )
    opener.open(year_form, timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def get(base: str, path: str, cookie: str | None) -> tuple[int, float, int]:
    """One GET, redirects not followed: (status, milliseconds, bytes)."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(base + path)
    if cookie:
        request.add_header("Cookie", cookie)
    started = time.perf_counter()
    try:
        with opener.open(request, timeout=120) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        body = exc.read()
        status = exc.code
    return status, (time.perf_counter() - started) * 1000, len(body)
