"""The kernel's step of the demo data: the users (councils and units come with the
blocs app's step; the whole demo is loaded by dashboard.demo)."""

from __future__ import annotations

import datetime

from emulation.models import Council, Unit, User


def _parsed(value, kind: type[datetime.date]):
    if value in (None, ""):
        return None
    if isinstance(value, kind):
        return value
    return kind.fromisoformat(str(value))


def demo_date(value) -> datetime.date | None:
    """A date of a demo file: a YAML date, an ISO text (2026-03-25), or none."""
    return _parsed(value, datetime.date)


def demo_datetime(value) -> datetime.datetime | None:
    """A moment of a demo file: a YAML timestamp, an ISO text, or none."""
    return _parsed(value, datetime.datetime)


def load_users(data: dict) -> int:
    password = data.get("demo_password", "thidua@2026")
    for u in data.get("users", []):
        council = Council.objects.get(name=u["council"]) if u.get("council") else None
        unit = (
            Unit.objects.get(council=council, name=u["unit"]) if u.get("unit") else None
        )
        user, created = User.objects.update_or_create(
            username=u["username"],
            defaults={
                "full_name": u.get("full_name", ""),
                "position": u.get("position", ""),
                "role": u.get("role", "viewer"),
                "council": council,
                "unit": unit,
                "is_superuser": bool(u.get("superuser")),
                "is_staff": bool(u.get("superuser")),
                "is_active": True,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
    return len(data.get("users", []))
