"""The covenant's drafting: its canonical text and hash, creating it, its commitments,
opening it for signing."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError

from campaigns import selectors, services
from campaigns.models import Commitment, Covenant
from tests.factories import (
    COMMITMENTS,
    LegalBasisFactory,
    commitment_texts,
    make_bloc_year,
    make_covenant,
    members,
    sign,
)

pytestmark = pytest.mark.django_db


# --- Canonical text and hash ----------------------------------------------------------


def test_canonical_text_holds_title_bases_preamble_commitments_annex_bloc_year_and_members(
    bloc_year,
):
    basis = LegalBasisFactory(number="34-CT/TW", kind="Chỉ thị", issuer="Bộ Chính trị")
    covenant = make_covenant(bloc_year)
    services.covenant_update(
        covenant=covenant, annex="Bảng chấm điểm", legal_bases=[basis]
    )
    text = selectors.covenant_canonical_text(covenant)
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
        selectors.covenant_canonical_text(covenant).encode()
    ).hexdigest()
    assert selectors.covenant_content_hash(covenant) == expected
    assert len(expected) == 64


def test_canonical_text_ignores_line_endings_and_trailing_spaces(bloc_year):
    covenant = make_covenant(bloc_year)
    services.covenant_update(covenant=covenant, preamble="Dòng một\nDòng hai")
    before = selectors.covenant_content_hash(Covenant.objects.get(pk=covenant.pk))
    services.covenant_update(covenant=covenant, preamble="Dòng một  \r\nDòng hai\r\n")
    assert (
        selectors.covenant_content_hash(Covenant.objects.get(pk=covenant.pk)) == before
    )


def test_canonical_text_changes_when_a_commitment_changes(bloc_year):
    covenant = make_covenant(bloc_year)
    before = selectors.covenant_content_hash(covenant)
    services.commitment_update(
        commitment=covenant.commitments.first(), text="Nội dung khác"
    )
    assert selectors.covenant_content_hash(covenant) != before


def test_hash_stored_at_freeze_equals_the_recomputed_hash(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    sign(covenant, members(bloc_year)[0])
    covenant.refresh_from_db()
    assert covenant.frozen_at is not None
    assert covenant.content_hash == selectors.covenant_content_hash(covenant)


# --- Drafting -------------------------------------------------------------------------


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


# --- Opening --------------------------------------------------------------------------


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
    assert covenant.content_hash == selectors.covenant_content_hash(covenant)


def test_opening_twice_is_refused(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    with pytest.raises(ValidationError):
        services.covenant_open_for_signing(covenant=covenant)


def test_other_bloc_years_covenant_is_independent(council):
    one = make_bloc_year(council=council, n_members=2)
    two = make_bloc_year(council=council, n_members=2)
    c1 = make_covenant(one, open_=True)
    make_covenant(two, open_=True)
    with pytest.raises(ValidationError):
        sign(c1, members(two)[0])
