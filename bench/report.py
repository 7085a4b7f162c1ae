"""The results of bench/run.py: the targets, the table's rows with their misses, the
Markdown table and the README's 'Last results' section."""

from __future__ import annotations

import os
from pathlib import Path

from bench.common import ROOT, log

# The targets of the issue "Performance at national scale".
TARGET_TIME_RATIO = 1.3  # single request, national ≤ 1.3 × demo
TARGET_RPS_SHARE = 0.5  # under load, ≥ 50 % of the floor's requests per second
TARGET_P99_MS = 300
TARGET_PDF_MS = 500  # every PDF of a 12-member bloc-year
TARGET_PREVIEW_MS = 1000  # import of 2,000 rows
TARGET_CONFIRM_MS = 2000
TARGET_RSS_MIB = 160  # a worker after 100 PDFs


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
