from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.selectors import selected_year

# (label, icon, url name, namespaces/url names that make it active). Only built areas
# are listed: a later app adds its entry when its pages exist.
NAV_ITEMS = [
    (_("Tổng quan"), "bi-speedometer2", "dashboard", {"dashboard"}),
    (
        _("Khối thi đua"),
        "bi-diagram-3",
        "blocs:bloc-list",
        {"blocs:bloc", "blocs:blocyear", "blocs:import", "blocyear"},
    ),
    (_("Đơn vị"), "bi-building", "blocs:unit-list", {"blocs:unit"}),
    (_("Phong trào"), "bi-flag", "campaigns:campaign-list", {"campaigns:campaign"}),
    (
        _("Giao ước"),
        "bi-pen",
        "campaigns:covenant-list",
        {"campaigns:covenant", "campaigns:registration"},
    ),
]
# Shown to board staff only: the pages they alone may open.
BOARD_NAV_ITEMS = [
    (_("Cấu hình"), "bi-gear", "council-settings", {"council-settings"}),
]


def _nav_items(request: HttpRequest) -> list[dict]:
    user = request.user
    entries = NAV_ITEMS + (BOARD_NAV_ITEMS if user.is_board and user.council_id else [])
    match = getattr(request, "resolver_match", None)
    url_name = (
        match.url_name if match else None
    ) or ""  # unnamed and unresolved pages: ""
    current = f"{match.namespace}:{url_name}" if match and match.namespace else url_name
    items = []
    for label, icon, url_name, active_prefixes in entries:
        url = reverse(url_name)  # a mistyped name fails loudly
        active = any(
            current == p
            or current.startswith(p + "-")
            or (p.endswith(":") and current.startswith(p))
            for p in active_prefixes
        )
        items.append({"label": label, "icon": icon, "url": url, "active": active})
    return items


def navigation(request: HttpRequest) -> dict:
    """The current council, the year and the navigation shown in every page's header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    year = selected_year(request)
    return {
        "nav_council": user.council,  # one query, cached on the user for the request
        "nav_year": year,
        "nav_years": list(range(max(year, _this_year()) + 1, 2019, -1)),
        "nav_items": _nav_items(request),
    }


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year
