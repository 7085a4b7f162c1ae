"""Views of the blocs pages, one module per workflow: `reference`, `elections`,
`year_open`, `restructuring` and `imports` (blocs/urls.py names them).

Every view fetches through blocs.permissions (missing → 404, not allowed → 403), binds
its form and calls a service through emulation.formviews (the form again with the
errors and status 400, or a redirect after success), and reads through blocs.selectors.
This module holds the little they share.
"""

from __future__ import annotations

from django.http import HttpRequest

from emulation.models import YEAR_MAX, YEAR_MIN


def year_param(request: HttpRequest, name: str, default: int | None) -> int | None:
    """`?<name>=` when it is a year the application accepts, else `default`."""
    try:
        year = int(request.GET.get(name, ""))
    except ValueError:
        return default
    return year if YEAR_MIN <= year <= YEAR_MAX else default
