"""Fixtures of the campaigns tests: issued files in a temporary folder and the council's
title kinds (the shared actors and the signing certificate are in tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.factories import title_kinds


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Completed covenants issue their signed copy as a file: never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def kinds(council):
    """The council's default title kinds, by name."""
    return title_kinds(council)
