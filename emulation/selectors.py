"""Page-shaped reads of the kernel: the emulation year the user is looking at."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from emulation.models import YEAR_MAX, YEAR_MIN

SESSION_YEAR_KEY = "thidua_year"


def selected_year(request: HttpRequest) -> int:
    """The emulation year the user is looking at (chosen in the header, default this year)."""
    session = getattr(request, "session", None)
    if session is not None:
        year = session.get(SESSION_YEAR_KEY)
        if isinstance(year, int) and YEAR_MIN <= year <= YEAR_MAX:
            return year
    return timezone.localdate().year
