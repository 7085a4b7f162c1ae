from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

# The fixtures' bloc-year is 2026 (tests.factories.make_bloc_year).
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def today(monkeypatch):
    """Pin "today" (the dashboard's default year and its reminders depend on it)."""

    def set_today(day: datetime.date = TODAY) -> datetime.date:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    set_today()
    return set_today
