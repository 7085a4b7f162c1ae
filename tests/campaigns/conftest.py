"""Fixtures of the campaigns tests (the shared actors are in tests/conftest.py): issued
files in a temporary folder, a signing certificate for the tests that check a copy's
digital signature, and the council's title kinds."""

from __future__ import annotations

import io
import os

import pytest
from django.core.management import call_command

from tests.factories import title_kinds

SIGNING_PASSWORD = "mat-khau-giao-uoc"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Completed covenants issue their signed copy as a file: never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def signing_certificate(tmp_path_factory):
    """One self-signed PKCS#12 certificate for the session, made by the real command."""
    path = tmp_path_factory.mktemp("covenant-signing") / "test.p12"
    previous = os.environ.get("SIGNING_P12_PASSWORD")
    os.environ["SIGNING_P12_PASSWORD"] = SIGNING_PASSWORD
    try:
        call_command("ensure_signing_certificate", path=str(path), stdout=io.StringIO())
    finally:
        if previous is None:
            del os.environ["SIGNING_P12_PASSWORD"]
        else:
            os.environ["SIGNING_P12_PASSWORD"] = previous
    return path


@pytest.fixture
def signing(settings, signing_certificate):
    """The signed copy carries a PAdES signature."""
    settings.SIGNING_P12_PATH = str(signing_certificate)
    settings.SIGNING_P12_PASSWORD = SIGNING_PASSWORD
    return settings


@pytest.fixture
def kinds(council):
    """The council's default title kinds, by name."""
    return title_kinds(council)
