"""The kernel's step of the demo data: the users (councils and units come with the
blocs app's step; the whole demo is loaded by dashboard.demo)."""

from __future__ import annotations

from emulation.models import Council, Unit, User


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
