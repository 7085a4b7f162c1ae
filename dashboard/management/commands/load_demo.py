from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from dashboard import demo


class Command(BaseCommand):
    help = "Load the demo data from fixtures/ (councils, units, blocs, years, users). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures",
            default=str(Path(settings.BASE_DIR) / "fixtures"),
            help="folder holding demo.yaml and the other demo files",
        )

    @transaction.atomic
    def handle(self, *args, fixtures: str, **options):
        folder = Path(fixtures)
        data = yaml.safe_load((folder / "demo.yaml").read_text(encoding="utf-8"))
        counts = demo.load_all(data, folder)
        summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({summary})."))
