"""Under load: wrk on every page through the sizes' gunicorns, its output parsed; the
PDF requests before the workers' memory is read."""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import re
import subprocess

from bench.common import ROOT, log
from bench.servers import Gunicorn, get, login

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
