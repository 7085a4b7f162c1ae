"""Fixtures of the campaigns tests (the shared actors are in tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.factories import title_kinds


@pytest.fixture
def kinds(council):
    """The council's default title kinds, by name."""
    return title_kinds(council)
