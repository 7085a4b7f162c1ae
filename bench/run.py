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

This module is the command line and the order of the phases; bench/servers.py starts
and stops gunicorn and logs the users in, bench/load.py runs wrk and the PDF requests,
bench/report.py evaluates the targets and writes the table and the README section.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

# Run as a script, Python puts bench/ first on the path: the project root instead.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PY, ROOT, log
from bench.load import measure_load, measure_memory
from bench.report import (
    TARGET_CONFIRM_MS,
    TARGET_P99_MS,
    TARGET_PDF_MS,
    TARGET_PREVIEW_MS,
    TARGET_RPS_SHARE,
    TARGET_RSS_MIB,
    TARGET_TIME_RATIO,
    evaluate,
    table,
    update_readme,
    uptime,
)
from bench.servers import Stop, on_sigterm, prepare, production_env

DEFAULT_URLS = {
    "demo": "postgres://postgres@127.0.0.1:5432/thidua_bench_demo",
    "national": "postgres://postgres@127.0.0.1:5432/thidua_bench_national",
}


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
    signal.signal(signal.SIGTERM, on_sigterm)
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
