"""The signing pages: a member unit signs for itself, and withdraws while the covenant is open."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from campaigns import services
from campaigns.models import Covenant, Signature
from tests.factories import (
    UnitFactory,
    UserFactory,
    make_covenant,
    members,
    sign,
    unit_secretary,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


# --- Signing --------------------------------------------------------------------------


def test_sign_form_is_prefilled_with_the_head(client, secretary, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    client.force_login(secretary)
    response = client.get(url("covenant-sign", covenant.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert secretary.unit.head_name in html and secretary.unit.head_position in html


def test_member_signs_for_its_unit(client, secretary, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    client.force_login(secretary)
    response = client.post(
        url("covenant-sign", covenant.pk),
        {"signer_name": "Nguyễn Văn An", "signer_position": "Giám đốc"},
    )
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.unit == secretary.unit and signature.recorded_by == secretary
    assert signature.signer_name == "Nguyễn Văn An"
    covenant.refresh_from_db()
    assert covenant.frozen_at is not None


def test_sign_requires_name_and_position(client, secretary, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    client.force_login(secretary)
    response = client.post(
        url("covenant-sign", covenant.pk), {"signer_name": "", "signer_position": ""}
    )
    assert response.status_code == 400
    assert "Hãy nhập họ tên người ký" in response.content.decode()
    assert not Signature.objects.exists()


def test_second_signature_through_the_page_is_refused(client, secretary, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    client.force_login(secretary)
    data = {"signer_name": "Nguyễn Văn An", "signer_position": "Giám đốc"}
    client.post(url("covenant-sign", covenant.pk), data)
    response = client.post(url("covenant-sign", covenant.pk), data)
    assert response.status_code == 400
    assert "Đơn vị đã ký giao ước này" in response.content.decode()
    assert Signature.objects.count() == 1


def test_racing_double_submit_is_caught(client, secretary, bloc_year, monkeypatch):
    """If two requests pass the checks together, the partial unique index refuses the
    second; the view answers with a message, not a 500."""
    covenant = make_covenant(bloc_year, open_=True)

    def racing_sign(**kwargs):
        raise IntegrityError("campaigns_signature_one_per_unit")

    monkeypatch.setattr(services, "covenant_sign", racing_sign)
    client.force_login(secretary)
    response = client.post(
        url("covenant-sign", covenant.pk),
        {"signer_name": "A", "signer_position": "B"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Đơn vị đã ký giao ước này" in response.content.decode()


def test_non_member_unit_cannot_sign(client, council, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    stranger = UserFactory(
        role="secretary", council=council, unit=UnitFactory(council=council)
    )
    client.force_login(stranger)
    assert client.get(url("covenant-sign", covenant.pk)).status_code == 403
    assert (
        client.post(
            url("covenant-sign", covenant.pk),
            {"signer_name": "A", "signer_position": "B"},
        ).status_code
        == 403
    )
    assert not Signature.objects.exists()


@pytest.mark.parametrize("actor", ["board", "viewer", "outsider"])
def test_only_a_units_own_secretary_signs(client, bloc_year, actor, request):
    covenant = make_covenant(bloc_year, open_=True)
    client.force_login(request.getfixturevalue(actor))
    response = client.post(
        url("covenant-sign", covenant.pk), {"signer_name": "A", "signer_position": "B"}
    )
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_sign_page_redirects_while_drafting(client, secretary, bloc_year):
    covenant = make_covenant(bloc_year)
    client.force_login(secretary)
    response = client.post(
        url("covenant-sign", covenant.pk), {"signer_name": "A", "signer_position": "B"}
    )
    assert response.status_code == 302
    assert not Signature.objects.exists()


def test_sign_404(client, secretary):
    client.force_login(secretary)
    assert client.get(url("covenant-sign", 999999)).status_code == 404


def test_last_signature_through_the_page_completes(client, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    units = members(bloc_year)
    for unit in units[:-1]:
        sign(covenant, unit)
    client.force_login(unit_secretary(units[-1]))
    response = client.post(
        url("covenant-sign", covenant.pk),
        {"signer_name": "A", "signer_position": "B"},
        follow=True,
    )
    assert "giao ước đã hoàn tất" in response.content.decode()
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.COMPLETE


# --- Withdrawing ----------------------------------------------------------------------


def test_member_withdraws_its_signature(client, secretary, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    sign(covenant, secretary.unit, secretary)
    client.force_login(secretary)
    assert client.post(url("covenant-withdraw", covenant.pk)).status_code == 302
    assert Signature.objects.get().withdrawn_at is not None


def test_withdraw_refused_once_complete(client, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    users = [unit_secretary(u) for u in members(bloc_year)]
    for user in users:
        sign(covenant, user.unit, user)
    client.force_login(users[0])
    response = client.post(url("covenant-withdraw", covenant.pk), follow=True)
    assert "không thể rút chữ ký" in response.content.decode()
    assert not Signature.objects.filter(withdrawn_at__isnull=False).exists()


def test_withdraw_is_post_only_and_for_members(client, secretary, viewer, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    client.force_login(secretary)
    assert client.get(url("covenant-withdraw", covenant.pk)).status_code == 405
    client.force_login(viewer)
    assert client.post(url("covenant-withdraw", covenant.pk)).status_code == 403
