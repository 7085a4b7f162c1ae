"""The covenant's rules: drafting, opening, signing, freezing, completing, withdrawing."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns import services
from campaigns.models import Commitment, Covenant, Signature
from tests.campaigns.factories import (
    COMMITMENTS,
    LegalBasisFactory,
    commitment_texts,
    make_covenant,
    members,
    sign,
    unit_secretary,
)
from tests.factories import UnitFactory, make_bloc_year

pytestmark = pytest.mark.django_db


# --- Canonical text and hash ---------------------------------------------------------


def test_canonical_text_holds_title_bases_preamble_commitments_annex_bloc_year_and_members(
    bloc_year,
):
    basis = LegalBasisFactory(number="34-CT/TW", kind="Chỉ thị", issuer="Bộ Chính trị")
    covenant = make_covenant(bloc_year)
    services.covenant_update(
        covenant=covenant, annex="Bảng chấm điểm", legal_bases=[basis]
    )
    text = services.covenant_canonical_text(covenant)
    assert covenant.title in text
    assert "Chỉ thị số 34-CT/TW" in text
    assert covenant.preamble in text
    for i, commitment in enumerate(COMMITMENTS, start=1):
        assert f"{i}. {commitment}" in text
    assert "Bảng chấm điểm" in text
    assert bloc_year.bloc.name in text and str(bloc_year.year) in text
    for unit in members(bloc_year):
        assert f"- {unit.name}" in text


def test_content_hash_is_sha256_of_the_canonical_text(bloc_year):
    covenant = make_covenant(bloc_year)
    expected = hashlib.sha256(
        services.covenant_canonical_text(covenant).encode()
    ).hexdigest()
    assert services.covenant_content_hash(covenant) == expected
    assert len(expected) == 64


def test_canonical_text_ignores_line_endings_and_trailing_spaces(bloc_year):
    covenant = make_covenant(bloc_year)
    services.covenant_update(covenant=covenant, preamble="Dòng một\nDòng hai")
    before = services.covenant_content_hash(Covenant.objects.get(pk=covenant.pk))
    services.covenant_update(covenant=covenant, preamble="Dòng một  \r\nDòng hai\r\n")
    assert (
        services.covenant_content_hash(Covenant.objects.get(pk=covenant.pk)) == before
    )


def test_canonical_text_changes_when_a_commitment_changes(bloc_year):
    covenant = make_covenant(bloc_year)
    before = services.covenant_content_hash(covenant)
    services.commitment_update(
        commitment=covenant.commitments.first(), text="Nội dung khác"
    )
    assert services.covenant_content_hash(covenant) != before


def test_hash_stored_at_freeze_equals_the_recomputed_hash(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    sign(covenant, members(bloc_year)[0])
    covenant.refresh_from_db()
    assert covenant.frozen_at is not None
    assert covenant.content_hash == services.covenant_content_hash(covenant)


# --- Drafting ------------------------------------------------------------------------


def test_new_covenant_cites_the_legal_bases_in_force(bloc_year):
    old = LegalBasisFactory(
        number="98/2023/NĐ-CP",
        kind="Nghị định",
        issued_on=datetime.date(2023, 12, 31),
        effective_from=datetime.date(2024, 1, 1),
        effective_to=datetime.date(2025, 6, 30),
    )
    new = LegalBasisFactory(
        number="152/2025/NĐ-CP",
        kind="Nghị định",
        issued_on=datetime.date(2025, 6, 14),
        effective_from=datetime.date(2025, 7, 1),
    )
    covenant = services.covenant_create(bloc_year=bloc_year, created_by=None)
    assert set(covenant.legal_bases.all()) == {new}
    assert old not in covenant.legal_bases.all()
    assert covenant.status == Covenant.Status.DRAFTING
    assert str(bloc_year.year) in covenant.title


def test_a_bloc_year_has_one_covenant(bloc_year):
    services.covenant_create(bloc_year=bloc_year, created_by=None)
    with pytest.raises(ValidationError):
        services.covenant_create(bloc_year=bloc_year, created_by=None)


def test_create_from_previous_copies_last_years_text_and_updates_replaced_bases(
    council, bloc_year
):
    new_decree = LegalBasisFactory(
        number="152/2025/NĐ-CP",
        issued_on=datetime.date(2025, 6, 14),
        effective_from=datetime.date(2025, 7, 1),
    )
    old_decree = LegalBasisFactory(
        number="98/2023/NĐ-CP",
        issued_on=datetime.date(2023, 12, 31),
        effective_to=datetime.date(2025, 6, 30),
        replaced_by=new_decree,
    )
    from tests.factories import BlocYearFactory

    last_year = BlocYearFactory(bloc=bloc_year.bloc, year=bloc_year.year - 1)
    previous = services.covenant_create(bloc_year=last_year, created_by=None)
    services.covenant_update(
        covenant=previous,
        title=f"Giao ước thi đua năm {last_year.year} của khối",
        annex="Bảng chấm điểm năm trước",
        legal_bases=[old_decree],
    )
    for text in ["Nội dung một", "Nội dung hai"]:
        services.commitment_add(covenant=previous, text=text)

    covenant = services.covenant_create(
        bloc_year=bloc_year, created_by=None, from_previous=True
    )
    assert covenant.title == f"Giao ước thi đua năm {bloc_year.year} của khối"
    assert f"phong trào thi đua yêu nước năm {bloc_year.year}," in covenant.preamble
    assert covenant.annex == "Bảng chấm điểm năm trước"
    assert commitment_texts(covenant) == ["Nội dung một", "Nội dung hai"]
    assert list(covenant.legal_bases.all()) == [new_decree]
    # Last year's covenant is untouched.
    assert commitment_texts(previous) == ["Nội dung một", "Nội dung hai"]


def test_create_from_previous_without_last_year_is_refused(bloc_year):
    with pytest.raises(ValidationError):
        services.covenant_create(
            bloc_year=bloc_year, created_by=None, from_previous=True
        )
    assert not Covenant.objects.exists()


def test_commitments_are_numbered_and_renumbered(bloc_year):
    covenant = make_covenant(bloc_year)
    first, second, third = covenant.commitments.order_by("position")
    services.commitment_delete(commitment=second)
    assert list(
        covenant.commitments.order_by("position").values_list("position", "pk")
    ) == [
        (1, first.pk),
        (2, third.pk),
    ]


def test_commitments_reorder_and_move(bloc_year):
    covenant = make_covenant(bloc_year)
    a, b, c = covenant.commitments.order_by("position")
    services.commitment_reorder(covenant=covenant, order=[c.pk, a.pk, b.pk])
    assert commitment_texts(covenant) == [c.text, a.text, b.text]
    services.commitment_move(commitment=Commitment.objects.get(pk=b.pk), up=True)
    assert commitment_texts(covenant) == [c.text, b.text, a.text]


def test_reorder_must_name_every_commitment_once(bloc_year):
    covenant = make_covenant(bloc_year)
    a, b, _c = covenant.commitments.order_by("position")
    with pytest.raises(ValidationError):
        services.commitment_reorder(covenant=covenant, order=[a.pk, b.pk])


def test_empty_commitment_is_refused(bloc_year):
    covenant = make_covenant(bloc_year, commitments=[])
    with pytest.raises(ValidationError):
        services.commitment_add(covenant=covenant, text="   ")


# --- Opening -------------------------------------------------------------------------


def test_opening_needs_a_commitment(bloc_year):
    covenant = make_covenant(bloc_year, commitments=[])
    with pytest.raises(ValidationError):
        services.covenant_open_for_signing(covenant=covenant)


def test_opening_keeps_the_hash_of_the_current_text_until_the_first_signature(
    bloc_year,
):
    covenant = make_covenant(bloc_year, open_=True)
    assert covenant.status == Covenant.Status.SIGNING and covenant.opened_at is not None
    assert covenant.frozen_at is None
    # A correction before anyone signs is still allowed and re-hashed.
    services.commitment_add(covenant=covenant, text="Nội dung bổ sung trước khi ký")
    covenant.refresh_from_db()
    assert covenant.content_hash == services.covenant_content_hash(covenant)


def test_opening_twice_is_refused(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    with pytest.raises(ValidationError):
        services.covenant_open_for_signing(covenant=covenant)


# --- Signing -------------------------------------------------------------------------


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
    assert covenant.content_hash == services.covenant_content_hash(covenant)


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


def test_legal_basis_cited_by_a_frozen_covenant_keeps_its_citation(bloc_year):
    basis = LegalBasisFactory()
    covenant = make_covenant(bloc_year)
    services.covenant_update(covenant=covenant, legal_bases=[basis])
    services.covenant_open_for_signing(covenant=covenant)
    sign(covenant, members(bloc_year)[0])
    with pytest.raises(ValidationError):
        services.legal_basis_update(basis=basis, title="trích yếu khác")
    basis.refresh_from_db()
    # Its dates of force may still be recorded.
    services.legal_basis_update(basis=basis, effective_to=datetime.date(2030, 1, 1))
    basis.refresh_from_db()
    assert basis.effective_to == datetime.date(2030, 1, 1)


def test_other_bloc_years_covenant_is_independent(council):
    one = make_bloc_year(council=council, n_members=2)
    two = make_bloc_year(council=council, n_members=2)
    c1 = make_covenant(one, open_=True)
    make_covenant(two, open_=True)
    with pytest.raises(ValidationError):
        sign(c1, members(two)[0])
