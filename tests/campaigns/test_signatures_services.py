"""Signing the covenant: the first signature freezes the text, the last completes it;
a unit withdraws its own signature until then."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns import selectors, services
from campaigns.models import Covenant, Signature
from tests.factories import (
    COMMITMENTS,
    UnitFactory,
    commitment_texts,
    make_covenant,
    members,
    sign,
    unit_secretary,
)

pytestmark = pytest.mark.django_db


# --- Signing --------------------------------------------------------------------------


def test_signing_a_draft_is_refused(bloc_year):
    covenant = make_covenant(bloc_year)
    with pytest.raises(ValidationError):
        sign(covenant, members(bloc_year)[0])
    assert not Signature.objects.exists()


def test_only_members_sign(council, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    stranger = UnitFactory(council=council)
    with pytest.raises(ValidationError, match="không phải thành viên"):
        sign(covenant, stranger)
    assert not Signature.objects.exists()


def test_a_unit_signs_only_for_itself(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    unit_a, unit_b = members(bloc_year)[:2]
    with pytest.raises(ValidationError, match="chính đơn vị mình"):
        sign(covenant, unit_b, user=unit_secretary(unit_a))
    assert not Signature.objects.exists()


def test_no_second_signature(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    unit = members(bloc_year)[0]
    user = unit_secretary(unit)
    sign(covenant, unit, user)
    with pytest.raises(ValidationError, match="đã ký"):
        sign(covenant, unit, user)
    assert Signature.objects.filter(unit=unit).count() == 1


def test_database_refuses_a_second_active_signature(bloc_year):
    """The partial unique constraint is the last guard against a racing double submit."""
    covenant = make_covenant(bloc_year, open_=True)
    unit = members(bloc_year)[0]
    first = sign(covenant, unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            covenant=covenant,
            unit=unit,
            signer_name="X",
            signer_position="Y",
            signed_at=timezone.now(),
            recorded_by=first.recorded_by,
        )


def test_first_signature_freezes_the_text(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    sign(covenant, members(bloc_year)[0])
    covenant.refresh_from_db()
    assert covenant.frozen_at is not None
    commitment = covenant.commitments.first()
    for attempt in (
        lambda: services.covenant_update(covenant=covenant, title="Tiêu đề mới"),
        lambda: services.commitment_add(covenant=covenant, text="Thêm"),
        lambda: services.commitment_update(commitment=commitment, text="Sửa"),
        lambda: services.commitment_delete(commitment=commitment),
        lambda: services.commitment_move(commitment=commitment, up=False),
    ):
        with pytest.raises(ValidationError, match="đã được khóa"):
            attempt()
    covenant.refresh_from_db()
    assert covenant.title != "Tiêu đề mới"
    assert commitment_texts(covenant) == COMMITMENTS
    assert covenant.content_hash == selectors.covenant_content_hash(covenant)


def test_last_signature_completes_and_locks(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    units = members(bloc_year)
    for unit in units[:-1]:
        sign(covenant, unit)
        covenant.refresh_from_db()
        assert covenant.status == Covenant.Status.SIGNING
    sign(covenant, units[-1])
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.COMPLETE
    assert covenant.completed_at is not None
    with pytest.raises(ValidationError):
        services.covenant_update(covenant=covenant, preamble="Sửa sau khi ký đủ")


# --- Withdrawing ----------------------------------------------------------------------


def test_withdrawal_before_completion_then_sign_again(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    unit = members(bloc_year)[0]
    user = unit_secretary(unit)
    sign(covenant, unit, user)
    signature = services.covenant_withdraw_signature(
        covenant=covenant, unit=unit, withdrawn_by=user
    )
    assert signature.withdrawn_at is not None and signature.withdrawn_by == user
    # The text stays frozen; the unit may sign again (the old row is kept, marked).
    covenant.refresh_from_db()
    assert covenant.frozen_at is not None
    sign(covenant, unit, user)
    assert Signature.objects.filter(unit=unit).count() == 2
    assert Signature.objects.filter(unit=unit, withdrawn_at__isnull=True).count() == 1


def test_withdrawal_refused_when_complete(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    users = {}
    for unit in members(bloc_year):
        users[unit.pk] = unit_secretary(unit)
        sign(covenant, unit, users[unit.pk])
    unit = members(bloc_year)[0]
    with pytest.raises(ValidationError, match="ký đủ"):
        services.covenant_withdraw_signature(
            covenant=covenant, unit=unit, withdrawn_by=users[unit.pk]
        )
    assert not Signature.objects.filter(withdrawn_at__isnull=False).exists()


def test_withdrawal_only_by_the_unit_itself(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    unit_a, unit_b = members(bloc_year)[:2]
    sign(covenant, unit_a)
    with pytest.raises(ValidationError):
        services.covenant_withdraw_signature(
            covenant=covenant, unit=unit_a, withdrawn_by=unit_secretary(unit_b)
        )
    assert Signature.objects.get(unit=unit_a).withdrawn_at is None


def test_withdrawal_without_signature_is_refused(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    unit = members(bloc_year)[0]
    with pytest.raises(ValidationError, match="chưa ký"):
        services.covenant_withdraw_signature(
            covenant=covenant, unit=unit, withdrawn_by=unit_secretary(unit)
        )
