"""The demo data: councils, blocs and years (blocs app), users, and each later app's part."""

from __future__ import annotations

from pathlib import Path

from blocs.models import Council, Unit
from emulation.models import User


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


def load_all(data: dict, folder: Path) -> dict[str, int]:
    from blocs import demo as blocs_demo

    counts = blocs_demo.load(data)
    counts["users"] = load_users(data)
    # Later apps add their part here (each reads its own file in `folder`).
    for loader in _app_loaders():
        counts.update(loader(folder))
    return counts


def _app_loaders() -> list:
    loaders = []
    try:
        from campaigns import demo as campaigns_demo
    except ImportError:
        campaigns_demo = None
    if campaigns_demo is not None and hasattr(campaigns_demo, "load"):
        loaders.append(campaigns_demo.load)
    return loaders
