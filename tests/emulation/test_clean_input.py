"""Issue "Trust and daily use" #12: a NUL character in a search or a form is dropped,
never a server error (PostgreSQL refuses NUL in text)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from emulation.models import Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "campaigns:legalbasis-list",
        "campaigns:campaign-list",
        "blocs:unit-list",
        "blocs:bloc-list",
    ],
)
def test_a_nul_in_a_search_is_dropped(client, board, name):
    client.force_login(board)
    response = client.get(reverse(name), {"q": "Sở\x00 Tư pháp"})
    assert response.status_code == 200
    assert response.wsgi_request.GET["q"] == "Sở Tư pháp"


def test_a_nul_in_a_posted_form_is_dropped(client, board):
    client.force_login(board)
    response = client.post(
        reverse("blocs:unit-create"),
        {
            "name": "Sở\x00 Ngoại vụ",
            "kind": Unit.Kind.DEPARTMENT,
            "status": Unit.Status.ACTIVE,
        },
    )
    assert response.status_code == 302
    assert Unit.objects.filter(name="Sở Ngoại vụ").exists()
