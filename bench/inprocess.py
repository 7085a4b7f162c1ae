"""The in-process half of the bench, for one database (run by bench/run.py).

    .venv/bin/python bench/inprocess.py --database-url URL --out result.json

With Django's test Client against the database, not under load:

- every page of bench/pages.py: the SQL queries of one request (count and time, through
  `connection.execute_wrapper`), and the median time of `--repeat` requests;
- every document (PDF, xlsx) of the largest bloc-year the same way;
- the import of `--import-rows` rows through the import views (upload → preview →
  confirm, the xlsx written with openpyxl from the downloadable template's headers),
  `--import-repeat` times, each in a transaction rolled back afterwards (constraints
  checked at once, so the commit's foreign-key checks are paid too).

The settings are the production ones bench/run.py passes in the environment. Writes
a JSON file: the URLs (with the demo objects' ids), the figures, the dataset's size.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SqlMeter:
    """Counts and times the SQL the connection runs (for `execute_wrapper`)."""

    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


class Browser:
    """One logged-in test Client per demo account, with the bench's year chosen."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.clients: dict = {}

    def client(self, username: str | None):
        from django.test import Client
        from django.urls import reverse

        from emulation.models import User

        if username not in self.clients:
            client = Client(raise_request_exception=False)
            if username:
                client.force_login(User.objects.get(username=username))
                client.post(reverse("year-select"), {"year": self.year, "next": "/"})
            self.clients[username] = client
        return self.clients[username]


def _body(response) -> bytes:
    return response.getvalue()


def measure(browser: Browser, page, objects, repeat: int) -> dict:
    from django.db import connection

    url = page.url(objects)
    client = browser.client(page.user)
    warm = client.get(url)  # caches, templates
    _body(warm)
    meter = SqlMeter()
    with connection.execute_wrapper(meter):
        response = client.get(url)
        body = _body(response)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        _body(client.get(url))
        times.append((time.perf_counter() - started) * 1000)
    return {
        "key": page.key,
        "name": page.name,
        "user": page.user,
        "note": page.note,
        "url": url,
        "status": response.status_code,
        "location": response.get("Location", ""),
        "bytes": len(body),
        "queries": meter.queries,
        "sql_ms": round(meter.seconds * 1000, 2),
        "single_ms": round(statistics.median(times), 2),
        "single_ms_all": [round(t, 2) for t in times],
    }


def _import_workbook(client, objects, rows: int) -> bytes:
    """`rows` new units for the council's blocs this year, under the template's headers."""
    from django.urls import reverse
    from openpyxl import Workbook, load_workbook

    from bench.steps.kernel import person
    from blocs.models import Bloc
    from emulation.models import Unit

    template = client.get(reverse("blocs:import-template"))
    sheet = load_workbook(io.BytesIO(_body(template)), read_only=True).worksheets[0]
    headers = [c for c in next(sheet.iter_rows(max_row=1, values_only=True)) if c]
    blocs = list(
        Bloc.objects.filter(council=objects.council)
        .order_by("sort_key")
        .values_list("name", flat=True)
    )
    rng = random.Random(2000)
    workbook = Workbook()
    out = workbook.active
    out.append(headers)
    for i in range(rows):
        values = {
            "Tên đơn vị": f"Ủy ban nhân dân xã Nhập Thử {i + 1:04d}",
            "Khối thi đua": blocs[i % len(blocs)],
            "Năm": objects.year,
            "Tên viết tắt": f"UBND-NT{i + 1:04d}",
            "Loại đơn vị": str(Unit.Kind.COMMUNE.label),
            "Thủ trưởng": person(rng),
            "Chức vụ": "Chủ tịch Ủy ban nhân dân xã",
            "Cán bộ thi đua": person(rng),
            "Điện thoại": f"0238 38{i:05d}",
            "Thư điện tử": f"vanphong.nt{i + 1:04d}@nghean.gov.vn",
        }
        out.append([values.get(h, "") for h in headers])
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def measure_import(objects, rows: int, repeat: int) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import resolve, reverse

    from bench.pages import BOARD
    from emulation.models import Unit, User

    board = User.objects.get(username=BOARD)
    setup = Client()
    setup.force_login(board)
    data = _import_workbook(setup, objects, rows)
    runs = []
    for _ in range(repeat):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            client = Client(raise_request_exception=False)
            client.force_login(board)
            upload = SimpleUploadedFile("danh-sach-2000.xlsx", data, content_type=XLSX)
            started = time.perf_counter()
            response = client.post(
                reverse("blocs:import-upload"), {"file": upload, "create_units": "on"}
            )
            upload_ms = (time.perf_counter() - started) * 1000
            if response.status_code != 302:
                raise RuntimeError(f"import upload answered {response.status_code}")
            preview_url = response["Location"]
            started = time.perf_counter()
            preview = client.get(preview_url)
            _body(preview)
            preview_ms = (time.perf_counter() - started) * 1000
            token = resolve(preview_url.split("?")[0]).kwargs["token"]
            before = Unit.objects.count()
            started = time.perf_counter()
            confirm = client.post(reverse("blocs:import-confirm"), {"token": token})
            confirm_ms = (time.perf_counter() - started) * 1000
            created = Unit.objects.count() - before
            runs.append(
                {
                    "upload_ms": round(upload_ms, 1),
                    "preview_ms": round(preview_ms, 1),
                    "preview_status": preview.status_code,
                    "confirm_ms": round(confirm_ms, 1),
                    "confirm_status": confirm.status_code,
                    "units_created": created,
                }
            )
            transaction.set_rollback(True)
    return {
        "rows": rows,
        "runs": runs,
        **{
            k: round(statistics.median(r[k] for r in runs), 1)
            for k in ("upload_ms", "preview_ms", "confirm_ms")
        },
    }


def dataset() -> dict:
    from blocs.models import Bloc, BlocYear, Membership
    from campaigns.models import Campaign, Covenant, Registration, Target
    from emulation.models import Council, Unit, User

    return {
        "councils": Council.objects.count(),
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "blocs": Bloc.objects.count(),
        "bloc_years": BlocYear.objects.count(),
        "memberships": Membership.objects.count(),
        "campaigns": Campaign.objects.count(),
        "covenants": Covenant.objects.count(),
        "registrations": Registration.objects.count(),
        "targets": Target.objects.count(),
    }


def result_name(database_url: str) -> str:
    return database_url.rsplit("/", 1)[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--doc-repeat", type=int, default=3)
    parser.add_argument("--import-rows", type=int, default=2000)
    parser.add_argument("--import-repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="only pages whose key contains this")
    args = parser.parse_args(argv)

    if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
        sys.path.pop(0)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()
    from django.core.exceptions import ObjectDoesNotExist

    from bench import pages
    from bench.steps import USERNAME_PREFIX
    from emulation.models import User

    try:
        objects = pages.Objects()
    except ObjectDoesNotExist as exc:
        print(
            f"The demo is not (fully) loaded in {result_name(args.database_url)}: "
            f"{exc}. Run bench/generate.py on it first (make bench does).",
            file=sys.stderr,
        )
        return 2
    browser = Browser(objects.year)
    result: dict = {
        "database": result_name(args.database_url),
        "generated": User.objects.filter(username__startswith=USERNAME_PREFIX).exists(),
        "year": objects.year,
        "largest_bloc_year": {
            "id": objects.largest.pk,
            "name": str(objects.largest),
            "members": objects.largest_members,
        },
        "dataset": dataset(),
        "unmeasured": pages.unmeasured(),
        "pages": [],
        "documents": [],
    }
    started = time.perf_counter()
    for page in pages.PAGES:
        if args.only and args.only not in page.key and page is not pages.FLOOR:
            continue
        row = measure(browser, page, objects, args.repeat)
        result["pages"].append(row)
        print(
            f"  {row['key']:<48} {row['status']} {row['queries']:>4} q "
            f"{row['sql_ms']:>8.1f} ms SQL {row['single_ms']:>8.1f} ms",
            flush=True,
        )
    for page in pages.DOCUMENTS:
        if args.only and args.only not in page.key:
            continue
        row = measure(browser, page, objects, args.doc_repeat)
        result["documents"].append(row)
        print(
            f"  {row['key']:<48} {row['status']} {row['queries']:>4} q "
            f"{row['single_ms']:>8.1f} ms",
            flush=True,
        )
    if args.import_rows and not args.only:
        result["import"] = measure_import(objects, args.import_rows, args.import_repeat)
        print(f"  import {json.dumps(result['import'])}", flush=True)
    result["seconds"] = round(time.perf_counter() - started, 1)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
