from __future__ import annotations

import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand
from psycopg2 import sql


class Command(BaseCommand):
    help = "Create the PostgreSQL database named in DATABASE_URL when it does not exist yet."

    def handle(self, *args, **options):
        db = settings.DATABASES["default"]
        params = {
            "dbname": "postgres",
            "user": db.get("USER") or None,
            "password": db.get("PASSWORD") or None,
            "host": db.get("HOST") or None,
            "port": db.get("PORT") or None,
        }
        conn = psycopg2.connect(**{k: v for k, v in params.items() if v})
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
                )
                if cur.fetchone():
                    self.stdout.write(f"CSDL {db['NAME']} đã có.")
                    return
                cur.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"]))
                )
                self.stdout.write(self.style.SUCCESS(f"Đã tạo CSDL {db['NAME']}."))
        finally:
            conn.close()
