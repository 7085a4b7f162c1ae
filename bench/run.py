"""Measure every page at demo size and at national size, side by side.

    .venv/bin/python bench/run.py [--sizes demo,national] [--duration 3] [--only KEY]

For each size (its database prepared by bench/generate.py; `make bench` does it):

1. in-process, not under load (bench/inprocess.py, a child process): SQL queries and
   SQL time of one request per page, the median time of single requests, the PDFs and
   spreadsheets of the largest bloc-year, the import of 2,000 rows;
2. under load: gunicorn started as `make serve` starts it (production settings,
   collectstatic; 2 workers) on a free port of 127.0.0.1, the demo users logged in
   through the login form, then `wrk` (2 threads, 32 connections, `--duration` seconds,
   --latency) on every page with the user's session cookie, the floor first;
3. 100 PDF requests, then the resident memory (VmRSS) of each gunicorn worker.

Prints one table (both sizes side by side, the targets' misses marked) and writes
bench/results/<date>-<size>.json, <date>-combined.json and <date>-table.md. Only
127.0.0.1 is contacted; everything started is stopped, also on Ctrl-C and errors.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEMO_PASSWORD = "thidua@2026"  # Makefile DEMO_PASSWORD
DEFAULT_URLS = {
    "demo": "postgres://postgres@127.0.0.1:5432/thidua_bench_demo",
    "national": "postgres://postgres@127.0.0.1:5432/thidua_bench_national",
}

# The targets of the issue "Performance at national scale".
TARGET_TIME_RATIO = 1.3  # single request, national ≤ 1.3 × demo
TARGET_RPS_SHARE = 0.5  # under load, ≥ 50 % of the floor's requests per second
TARGET_P99_MS = 300
TARGET_PDF_MS = 500  # every PDF of a 12-member bloc-year
TARGET_PREVIEW_MS = 1000  # import of 2,000 rows
TARGET_CONFIRM_MS = 2000
TARGET_RSS_MIB = 160  # a worker after 100 PDFs


def log(text: str) -> None:
    print(text, flush=True)


# --- Processes ---------------------------------------------------------------------


class Stop(Exception):
    """SIGTERM: stop like Ctrl-C (the finally blocks stop what was started)."""


def _on_sigterm(signum, frame):
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


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output: str) -> dict:
    result: dict = {"raw": output}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result["rps"] = float(rps.group(1)) if rps else 0.0
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M)
        result[f"p{pct}_ms"] = round(_ms(match.group(1)), 2) if match else None
    total = re.search(r"(\d+) requests in", output)
    result["requests"] = int(total.group(1)) if total else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx_3xx"] = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result["socket_errors"] = sum(int(g) for g in errors.groups()) if errors else 0
    return result


def run_wrk(url: str, cookie: str | None, args) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "30s",
        "--latency",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=args.duration + 60
    )
    return parse_wrk(done.stdout + done.stderr)


# --- One size --------------------------------------------------------------------------


def measure_inprocess(size: str, env: dict[str, str], args, stamp: str) -> dict:
    """bench/inprocess.py on this size's database, in a child process."""
    database_url = env["DATABASE_URL"]
    child_out = Path(args.out_dir) / f".{stamp}-{size}-inprocess.json"
    log(f"\n== {size}: {database_url.rsplit('/', 1)[-1]} — in-process measures")
    child_env = {**env, "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
    command = [
        str(PY),
        str(ROOT / "bench" / "inprocess.py"),
        "--database-url",
        database_url,
        "--out",
        str(child_out),
        "--repeat",
        str(args.repeat),
        "--import-rows",
        str(args.import_rows),
        "--import-repeat",
        str(args.import_repeat),
    ]
    if args.only:
        command += ["--only", args.only]
    subprocess.run(command, cwd=ROOT, env=child_env, check=True, timeout=1800)
    result = json.loads(child_out.read_text())
    child_out.unlink()
    result["size"] = size
    if size == "national" and not result.get("generated"):
        log(
            f"  warning: {result['database']} has no generated data "
            "(run bench/generate.py on it): it is measured at demo size."
        )
    return result


def _cookies(server: Gunicorn, result: dict) -> dict:
    users = {p["user"] for p in result["pages"] + result["documents"]} - {None}
    cookies: dict = {u: login(server.base, u, result["year"]) for u in sorted(users)}
    cookies[None] = None
    return cookies


def _load_one(server: Gunicorn, page: dict, cookie: str | None, args) -> dict:
    statuses = {get(server.base, page["url"], cookie)[0] for _ in range(args.warmup)}
    load = run_wrk(server.base + page["url"], cookie, args)
    result = {k: v for k, v in load.items() if k != "raw"}
    result["http_status"] = sorted(statuses)
    if load["requests"] == 0:
        result["raw"] = load["raw"]
    return result


def measure_load(results: dict[str, dict], envs: dict[str, dict], args) -> None:
    """Every page under wrk, the sizes' servers side by side: page by page, one size
    after the other, so a change of the machine's load touches both alike. The floor
    is measured first (after a discarded warm-up run) and again last."""
    sizes = list(results)
    with contextlib.ExitStack() as stack:
        servers, cookies = {}, {}
        for size in sizes:
            logfile = ROOT / "var" / "bench" / f"gunicorn-{size}.log"
            servers[size] = stack.enter_context(
                Gunicorn(envs[size], args.workers, logfile)
            )
            cookies[size] = _cookies(servers[size], results[size])
            results[size]["server"] = {"workers": args.workers}
        log(f"\n== under load: gunicorn ({args.workers} workers per size) and wrk")
        floor = {s: results[s]["pages"][0] for s in sizes}
        for size in sizes:  # warm-up, discarded
            warm = argparse.Namespace(**{**vars(args), "duration": 1})
            _load_one(
                servers[size], floor[size], cookies[size][floor[size]["user"]], warm
            )
        pages = {s: {p["key"]: p for p in results[s]["pages"]} for s in sizes}
        keys = [p["key"] for p in results[sizes[0]]["pages"]]
        for key in [*keys, keys[0]]:
            line = f"  {key:<48}"
            for size in sizes:
                page = pages[size].get(key)
                if page is None:
                    continue
                load = _load_one(servers[size], page, cookies[size][page["user"]], args)
                if "load" in page:  # the floor, measured again at the end
                    page["load_end"] = load
                    page["load_start"] = page["load"]
                    page["load"] = {
                        **load,
                        "rps": round((load["rps"] + page["load"]["rps"]) / 2, 2),
                    }
                else:
                    page["load"] = load
                line += (
                    f" | {size[:4]} {load['rps']:>7.1f} rps p50 "
                    f"{load['p50_ms'] or 0:>7.1f} p99 {load['p99_ms'] or 0:>7.1f} ms"
                )
                bad = load["non_2xx_3xx"] + load["socket_errors"]
                line += f" ({bad} errors)" if bad else ""
            log(line)


def measure_memory(result: dict, env: dict[str, str], args) -> dict:
    """A fresh gunicorn, `--pdf-requests` PDFs, then its workers' VmRSS."""
    logfile = ROOT / "var" / "bench" / f"gunicorn-{result['size']}-memory.log"
    with Gunicorn(env, args.workers, logfile) as server:
        memory = pdf_memory(server, result, _cookies(server, result), args.pdf_requests)
    log(f"  {result['size']}: memory after {args.pdf_requests} PDFs: {memory}")
    return memory


def pdf_memory(server: Gunicorn, result: dict, cookies, n: int) -> dict:
    """`n` PDF requests over two connections (both workers), then each worker's VmRSS."""
    pdfs = [d for d in result["documents"] if d["url"].endswith(".pdf")]
    if not pdfs:
        return {}
    before = server.worker_rss_mib()
    jobs = [pdfs[i % len(pdfs)] for i in range(n)]

    def fetch(doc):
        status, ms, _size = get(server.base, doc["url"], cookies[doc["user"]])
        return doc["key"], status, ms

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        done = list(pool.map(fetch, jobs))
    after = server.worker_rss_mib()
    for doc in pdfs:
        times = sorted(ms for key, _s, ms in done if key == doc["key"])
        doc["http_ms"] = round(times[len(times) // 2], 1) if times else None
    return {
        "pdf_requests": n,
        "statuses": sorted({s for _k, s, _ms in done}),
        "rss_before_mib": list(before.values()),
        "rss_after_mib": list(after.values()),
        "max_rss_after_mib": max(after.values()) if after else None,
    }


# --- The table -------------------------------------------------------------------------


def _by_key(rows: list[dict]) -> dict[str, dict]:
    return {r["key"]: r for r in rows}


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def evaluate(results: dict[str, dict]) -> dict:
    """Rows of the table with the targets' misses, and the summary of the documents,
    the import and the memory."""
    demo, nat = results.get("demo"), results.get("national")
    main = nat or demo
    floor_key = main["pages"][0]["key"]
    floors = {
        s: _by_key(r["pages"])[floor_key]["load"]["rps"]
        for s, r in results.items()
        if _by_key(r["pages"]).get(floor_key, {}).get("load")
    }
    rows = []
    demo_pages = _by_key(demo["pages"]) if demo else {}
    nat_pages = _by_key(nat["pages"]) if nat else {}
    keys = [p["key"] for p in main["pages"]]
    for key in keys:
        d, n = demo_pages.get(key), nat_pages.get(key)
        row: dict = {"key": key, "note": (n or d)["note"], "misses": []}
        for size, page in (("demo", d), ("national", n)):
            if page is None:
                continue
            load = page.get("load", {})
            floor = floors.get(size)
            row[size] = {
                "status": page["status"],
                "rps": load.get("rps"),
                "p50_ms": load.get("p50_ms"),
                "p99_ms": load.get("p99_ms"),
                "floor_ratio": round(load["rps"] / floor, 2)
                if floor and load.get("rps") is not None
                else None,
                "queries": page["queries"],
                "sql_ms": page["sql_ms"],
                "single_ms": page["single_ms"],
                "errors": load.get("non_2xx_3xx", 0) + load.get("socket_errors", 0),
            }
        at = row.get("national") or row.get("demo")
        if d and n:
            row["time_ratio"] = (
                round(n["single_ms"] / d["single_ms"], 2) if d["single_ms"] else None
            )
            if d["queries"] != n["queries"]:
                row["misses"].append("queries")
            if n["single_ms"] > TARGET_TIME_RATIO * d["single_ms"]:
                row["misses"].append("time")
        if at["floor_ratio"] is not None and at["floor_ratio"] < TARGET_RPS_SHARE:
            row["misses"].append("rps")
        if at["p99_ms"] is not None and at["p99_ms"] > TARGET_P99_MS:
            row["misses"].append("p99")
        if at["status"] >= 400 or at["errors"]:
            row["misses"].append("errors")
        rows.append(row)

    documents = []
    demo_docs = _by_key(demo["documents"]) if demo else {}
    for doc in main["documents"]:
        d = demo_docs.get(doc["key"])
        n = _by_key(nat["documents"]).get(doc["key"]) if nat else None
        at = n or d
        is_pdf = at["url"].endswith(".pdf")
        documents.append(
            {
                "key": doc["key"],
                "note": doc["note"],
                "demo_ms": d["single_ms"] if d else None,
                "national_ms": n["single_ms"] if n else None,
                "http_ms": at.get("http_ms"),
                "queries": [x["queries"] for x in (d, n) if x],
                "status": at["status"],
                "miss": is_pdf and at["single_ms"] > TARGET_PDF_MS,
            }
        )
    summary = {
        "floor_rps": floors,
        "largest_bloc_year": {s: r["largest_bloc_year"] for s, r in results.items()},
        "import": {s: r.get("import") for s, r in results.items()},
        "memory": {s: r.get("memory") for s, r in results.items()},
    }
    return {"rows": rows, "documents": documents, "summary": summary}


SHORT = {"demo": "demo", "national": "nat."}


def table(evaluated: dict, results: dict, load_text: str) -> str:
    sizes = [s for s in ("demo", "national") if s in results]
    lines = []
    header = ["page (user)"]
    for label in ("rps", "p50 ms", "p99 ms", "×floor", "queries", "SQL ms", "1 req ms"):
        header += [f"{label} {SHORT[s]}" for s in sizes]
    if len(sizes) == 2:
        header.append("1 req nat./demo")
    header.append("misses")
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join("---" for _ in header) + "|")
    for row in evaluated["rows"]:
        cells = [row["key"] + (f" — {row['note']}" if row["note"] else "")]
        for field, digits in (
            ("rps", 0),
            ("p50_ms", 1),
            ("p99_ms", 1),
            ("floor_ratio", 2),
            ("queries", 0),
            ("sql_ms", 1),
            ("single_ms", 1),
        ):
            for s in sizes:
                value = row.get(s, {}).get(field)
                cells.append(_fmt(value, digits))
        if len(sizes) == 2:
            cells.append(_fmt(row.get("time_ratio"), 2))
        cells.append(", ".join(f"✗ {m}" for m in row["misses"]) or "✓")
        lines.append("| " + " | ".join(cells) + " |")

    lines.append("")
    lines.append(
        "| document (largest bloc-year) | 1 req ms demo | 1 req ms national | "
        "via gunicorn ms | queries | miss (PDF ≤ 500 ms) |"
    )
    lines.append("|---|---|---|---|---|---|")
    for doc in evaluated["documents"]:
        lines.append(
            f"| {doc['key']} — {doc['note']} | {_fmt(doc['demo_ms'])} | "
            f"{_fmt(doc['national_ms'])} | {_fmt(doc['http_ms'])} | "
            f"{'/'.join(str(q) for q in doc['queries'])} | "
            f"{'✗' if doc['miss'] else '✓'} |"
        )
    summary = evaluated["summary"]
    lines.append("")
    for s in sizes:
        largest = summary["largest_bloc_year"][s]
        lines.append(
            f"- {s}: largest bloc-year {largest['name']} ({largest['members']} members); "
            f"floor {_fmt(summary['floor_rps'].get(s), 0)} rps"
        )
        imp = summary["import"].get(s)
        if imp:
            lines.append(
                f"- {s}: import of {imp['rows']} rows — upload {imp['upload_ms']:.0f} ms, "
                f"preview {imp['preview_ms']:.0f} ms "
                f"({'✓' if imp['preview_ms'] <= TARGET_PREVIEW_MS else '✗'} ≤ 1 s), "
                f"confirm {imp['confirm_ms']:.0f} ms "
                f"({'✓' if imp['confirm_ms'] <= TARGET_CONFIRM_MS else '✗'} ≤ 2 s)"
            )
        mem = summary["memory"].get(s)
        if mem:
            ok = mem["max_rss_after_mib"] and mem["max_rss_after_mib"] <= TARGET_RSS_MIB
            lines.append(
                f"- {s}: worker memory after {mem['pdf_requests']} PDFs: "
                f"{', '.join(f'{v:.0f}' for v in mem['rss_after_mib'])} MiB "
                f"(before {', '.join(f'{v:.0f}' for v in mem['rss_before_mib'])}) "
                f"({'✓' if ok else '✗'} ≤ 160 MiB)"
            )
    unmeasured = sorted({n for r in results.values() for n in r.get("unmeasured", [])})
    if unmeasured:
        lines.append(f"- URL names not in bench/pages.py: {', '.join(unmeasured)}")
    lines.append(f"- machine: {load_text}")
    return "\n".join(lines)


README_START, README_END = "<!-- results -->", "<!-- /results -->"


def update_readme(text: str, combined: dict) -> None:
    """Replace the table between the README's result markers."""
    readme = ROOT / "bench" / "README.md"
    content = readme.read_text()
    if README_START not in content or README_END not in content:
        log(f"{readme}: no {README_START} … {README_END} markers; not updated.")
        return
    head, rest = content.split(README_START, 1)
    _old, tail = rest.split(README_END, 1)
    settings = combined["settings"]
    intro = (
        f"Run of {combined['date']} ({combined['seconds']} s; wrk "
        f"-t{settings['threads']} -c{settings['connections']} "
        f"-d{settings['duration']}s, {settings['workers']} gunicorn workers). "
        f"Machine: {combined['machine']}.\n\n"
    )
    readme.write_text(f"{head}{README_START}\n{intro}{text}\n{README_END}{tail}")
    log(f"{readme}: 'Last results' updated.")


def uptime() -> str:
    try:
        load = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        return "load unknown"
    return f"{os.cpu_count()} CPUs, load average {' '.join(load)}"


# --- Main ------------------------------------------------------------------------------


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="demo,national")
    parser.add_argument("--demo-url", default=DEFAULT_URLS["demo"])
    parser.add_argument("--national-url", default=DEFAULT_URLS["national"])
    parser.add_argument("--duration", type=int, default=3, help="wrk seconds per page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=2, help="GETs before wrk")
    parser.add_argument("--repeat", type=int, default=5, help="single requests")
    parser.add_argument("--import-rows", type=int, default=2000)
    parser.add_argument("--import-repeat", type=int, default=1)
    parser.add_argument("--pdf-requests", type=int, default=100)
    parser.add_argument("--only", default="", help="only pages whose key contains this")
    parser.add_argument(
        "--no-signing", action="store_true", help="PDFs without the digital signature"
    )
    parser.add_argument("--out-dir", default=str(ROOT / "bench" / "results"))
    parser.add_argument(
        "--update-readme",
        action="store_true",
        help="put the table in bench/README.md, section 'Last results'",
    )
    args = parser.parse_args(argv)

    if shutil.which("wrk") is None:
        log("wrk is missing: apt-get install -y wrk (make bench installs it).")
        return 1
    signal.signal(signal.SIGTERM, _on_sigterm)
    # Ctrl-C stops the run even when started in the background (SIGINT inherited ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    urls = {"demo": args.demo_url, "national": args.national_url}
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    Path(args.out_dir).mkdir(parents=True, exist_ok=True)
    stamp = datetime.date.today().isoformat()
    started = time.perf_counter()
    load_start = uptime()
    results: dict[str, dict] = {}
    phases: dict[str, float] = {}
    try:
        signing = prepare(
            None if args.no_signing else ROOT / "var" / "signing" / "demo.p12",
            urls[sizes[0]],
        )
        envs = {s: production_env(urls[s], signing) for s in sizes}
        for size in sizes:
            t = time.perf_counter()
            results[size] = measure_inprocess(size, envs[size], args, stamp)
            phases[f"in-process {size}"] = round(time.perf_counter() - t)
        t = time.perf_counter()
        measure_load(results, envs, args)
        phases["under load"] = round(time.perf_counter() - t)
        if args.pdf_requests:
            log("\n== worker memory")
            for size in sizes:
                t = time.perf_counter()
                if results[size]["documents"]:
                    results[size]["memory"] = measure_memory(
                        results[size], envs[size], args
                    )
                phases[f"memory {size}"] = round(time.perf_counter() - t)
        for size in sizes:
            path = Path(args.out_dir) / f"{stamp}-{size}.json"
            path.write_text(json.dumps(results[size], ensure_ascii=False, indent=1))
    except (KeyboardInterrupt, Stop):
        log("\nInterrupted: everything started is stopped.")
        return 130
    load_text = f"{load_start} at the start, {uptime().split(', ', 1)[1]} at the end"
    evaluated = evaluate(results)
    text = table(evaluated, results, load_text)
    combined = {
        "date": stamp,
        "seconds": round(time.perf_counter() - started),
        "phases_seconds": phases,
        "machine": load_text,
        "settings": {
            k: getattr(args, k)
            for k in ("duration", "threads", "connections", "workers", "import_rows")
        },
        "targets": {
            "queries": "equal at demo and national size",
            "single_request_ratio": TARGET_TIME_RATIO,
            "rps_share_of_floor": TARGET_RPS_SHARE,
            "p99_ms": TARGET_P99_MS,
            "pdf_ms": TARGET_PDF_MS,
            "import_preview_ms": TARGET_PREVIEW_MS,
            "import_confirm_ms": TARGET_CONFIRM_MS,
            "worker_rss_mib": TARGET_RSS_MIB,
        },
        **evaluated,
    }
    out = Path(args.out_dir)
    (out / f"{stamp}-combined.json").write_text(
        json.dumps(combined, ensure_ascii=False, indent=1)
    )
    (out / f"{stamp}-table.md").write_text(text + "\n")
    if args.update_readme:
        update_readme(text, combined)
    log("\n" + text)
    log(
        f"\nWritten to {out}/{stamp}-*.json and {stamp}-table.md ({combined['seconds']} s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
