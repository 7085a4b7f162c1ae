"""English is a full second language: every string of the Vietnamese UI has a translation."""

from pathlib import Path

import polib
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(PO_PATH))
    assert len(po) > 500  # the catalogue covers the whole UI, not a stub
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_english_translation_is_used_after_switching(board, bloc_year):
    client = Client()
    client.force_login(board)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("dashboard")).content.decode()
    with translation.override("en"):
        assert translation.gettext("Tổng quan") in html
    assert 'lang="en"' in html
    assert "Tổng quan" not in html
