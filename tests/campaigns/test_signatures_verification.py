"""The public verification page: anyone holding a paper copy checks it, without logging in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns.models import Covenant
from emulation.models import User
from tests.factories import (
    UserFactory,
    build_covenant,
    make_bloc_year,
    member_units,
    signer_name,
)


def verify_url(covenant: Covenant) -> str:
    return reverse("covenants:verify", args=[covenant.verification_code])


def test_verification_page_is_public_and_shows_the_covenant(client, bloc_year):
    covenant = build_covenant(bloc_year)
    response = client.get(verify_url(covenant))
    assert response.status_code == 200
    body = response.content.decode()
    assert covenant.title in body
    assert bloc_year.bloc.name in body
    assert "2026" in body
    assert "Đã ký đủ" in body
    for i, unit in enumerate(member_units(bloc_year)):
        assert unit.name in body
        assert signer_name(i) in body
        assert f"Phó Thủ trưởng số {i + 1}" in body
    assert "09:15 10/03/2026" in body  # the first signature, local time
    assert covenant.content_hash in body  # recomputed
    assert (
        f"<strong>{covenant.content_hash[:16]}</strong>{covenant.content_hash[16:]}"
        in body
    )  # stored
    assert "Nội dung khớp" in body
    assert "Bản giao ước hợp lệ." in body


def test_verification_page_shows_nothing_private(
    client, bloc_year, board, chair_secretary
):
    units = member_units(bloc_year)
    units[0].contact_name, units[0].contact_email, units[0].contact_phone = (
        "Cán Bộ Liên Hệ",
        "lienhe@congan.example.vn",
        "0238 3844 555",
    )
    units[0].save()
    covenant = build_covenant(bloc_year)
    covenant.scanned_uploaded_by = board
    covenant.save()
    body = client.get(verify_url(covenant)).content.decode()
    recorded_by = covenant.signatures.first().recorded_by
    for private in [
        recorded_by.username,
        recorded_by.full_name,
        recorded_by.email,
        board.username,
        board.full_name,
        chair_secretary.username,
        "Cán Bộ Liên Hệ",
        "lienhe@congan.example.vn",
        "0238 3844 555",
        f"/giao-uoc/{covenant.pk}/",  # internal ids
        f"/khoi/{bloc_year.pk}/",
    ]:
        assert private not in body, private


def test_changed_content_is_flagged(client, bloc_year):
    covenant = build_covenant(bloc_year)
    commitment = covenant.commitments.first()
    commitment.text = "Nội dung đã bị sửa sau khi ký."
    commitment.save()
    body = client.get(verify_url(covenant)).content.decode()
    assert "Nội dung không khớp" in body
    assert "Cảnh báo: nội dung không khớp." in body
    assert "Nội dung khớp<" not in body


def test_covenant_still_being_signed_shows_who_has_not_signed(client, bloc_year):
    covenant = build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=1)
    body = client.get(verify_url(covenant)).content.decode()
    assert "Giao ước đang được ký kết." in body
    assert "Đã có 1/4 đơn vị ký." in body
    assert body.count("Chưa ký") == 3


def test_unknown_code_is_404(client, db):
    assert (
        client.get(reverse("covenants:verify", args=["KHONGCOMA234"])).status_code
        == 404
    )


def test_drafting_covenant_has_published_nothing(client, bloc_year):
    covenant = build_covenant(bloc_year, status=Covenant.Status.DRAFTING)
    assert client.get(verify_url(covenant)).status_code == 404


def test_typed_code_with_dashes_and_lower_case_redirects_to_the_canonical_address(
    client, bloc_year
):
    covenant = build_covenant(bloc_year)
    code = covenant.verification_code
    typed = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()
    response = client.get(reverse("covenants:verify", args=[typed]))
    assert response.status_code == 302
    assert response["Location"] == verify_url(covenant)


def test_verification_page_refuses_other_methods(client, bloc_year):
    covenant = build_covenant(bloc_year)
    assert client.put(verify_url(covenant)).status_code == 405
    assert client.delete(verify_url(covenant)).status_code == 405


def test_logged_in_users_of_another_council_can_verify_too(client, outsider, bloc_year):
    covenant = build_covenant(bloc_year)
    client.force_login(outsider)
    assert client.get(verify_url(covenant)).status_code == 200


@pytest.mark.parametrize("n_members", [2, 9])
def test_verification_query_count_is_constant(
    client, council, django_assert_num_queries, n_members
):
    bloc_year = make_bloc_year(council=council, n_members=n_members)
    covenant = build_covenant(
        bloc_year, user=UserFactory(role=User.Role.BOARD, council=council)
    )
    # covenant + bloc-year + bloc + council + uploader + issued copy, legal bases,
    # commitments, active signatures + units, addenda + units, memberships + units,
    # launch meetings; the hash is recomputed from the frozen text, and every unit is
    # active, so no succession is read (no session: the page is public)
    with django_assert_num_queries(7):
        assert client.get(verify_url(covenant)).status_code == 200


# --- Typing the code from paper -------------------------------------------------------


def test_lookup_form_is_public(client, db):
    response = client.get(reverse("covenants:verify-lookup"))
    assert response.status_code == 200
    assert "Mã xác minh" in response.content.decode()


def test_lookup_redirects_to_the_covenant(client, bloc_year):
    covenant = build_covenant(bloc_year)
    code = covenant.verification_code
    response = client.get(
        reverse("covenants:verify-lookup"), {"ma": f" {code[:4]}-{code[4:].lower()} "}
    )
    assert response.status_code == 302
    assert response["Location"] == verify_url(covenant)


def test_lookup_of_an_unknown_code_says_so(client, db):
    response = client.get(reverse("covenants:verify-lookup"), {"ma": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 404
    assert "Không tìm thấy bản giao ước có mã xác minh này" in response.content.decode()
