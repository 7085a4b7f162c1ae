"""`load_demo` loads the campaigns part (fixtures/demo_campaigns.yaml) and is idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from campaigns import selectors
from campaigns.models import (
    Campaign,
    Covenant,
    LegalBasis,
    Meeting,
    Registration,
    Signature,
    TitleKind,
)

pytestmark = pytest.mark.django_db

BLOC = "Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"


def snapshot() -> dict:
    return {
        "legal_bases": LegalBasis.objects.count(),
        "campaigns": Campaign.objects.count(),
        "title_kinds": TitleKind.objects.count(),
        "covenants": list(
            Covenant.objects.order_by("pk").values_list("pk", "status", "content_hash")
        ),
        "signatures": Signature.objects.count(),
        "meetings": Meeting.objects.count(),
        "registrations": list(
            Registration.objects.order_by("pk").values_list("pk", "submitted_at")
        ),
    }


def test_demo_loads_the_seeds_and_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first

    complete = Covenant.objects.get(bloc_year__bloc__name=BLOC, bloc_year__year=2025)
    assert complete.status == Covenant.Status.COMPLETE
    assert complete.commitments.count() == 6
    assert complete.content_hash == selectors.covenant_content_hash(complete)
    signing = Covenant.objects.get(bloc_year__bloc__name=BLOC, bloc_year__year=2026)
    assert signing.status == Covenant.Status.SIGNING
    assert 0 < signing.signatures.filter(withdrawn_at__isnull=True).count() < 6
    assert signing.content_hash == selectors.covenant_content_hash(signing)

    nd98 = LegalBasis.objects.get(number="98/2023/NĐ-CP")
    assert nd98.replaced_by.number == "152/2025/NĐ-CP"
    assert str(nd98.replaced_by.effective_from) == "2025-07-01"
    assert LegalBasis.objects.get(number="34-CT/TW").council is None
    assert LegalBasis.objects.get(number="04-CT/TU").council.place_name == "Nghệ An"

    titles = set(Campaign.objects.values_list("title", flat=True))
    assert "Phong trào thi đua Quyết thắng" in titles
    assert "Phong trào thi đua Vì công lý" in titles
    assert Campaign.objects.filter(
        kind="peak", occasion__contains="11/6/1948 - 11/6/2023"
    ).exists()
    assert Campaign.objects.filter(
        theme="Mừng Đảng, mừng Xuân, quyết tâm giành 4 nhất"
    ).exists()
    assert Meeting.objects.filter(bloc_year__year=2025, kind="launch").exists()
    assert Registration.objects.filter(bloc_year__year=2025).count() == 6
    assert 0 < Registration.objects.filter(bloc_year__year=2026).count() < 6
