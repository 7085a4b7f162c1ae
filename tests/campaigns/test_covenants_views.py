"""The covenant pages: the list, drafting, opening, the covenant page and its signing board."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns import selectors
from campaigns.models import Commitment, Covenant
from tests.factories import (
    COMMITMENTS,
    BlocYearFactory,
    commitment_texts,
    make_bloc_year,
    make_covenant,
    members,
    sign,
    unit_secretary,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


# --- Covenant list --------------------------------------------------------------------


def test_covenant_list_shows_status_and_signature_counts(client, board, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    sign(covenant, members(bloc_year)[0])
    drafting = make_bloc_year(
        council=bloc_year.bloc.council, n_members=3, name="Cụm thi đua số 2"
    )
    make_covenant(drafting)
    client.force_login(board)
    response = client.get(url("covenant-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert bloc_year.bloc.name in html and drafting.bloc.name in html
    assert "Đang ký kết 1/4" in html
    assert "Đang soạn thảo" in html


def test_covenant_list_shows_only_the_selected_year_and_own_council(
    client, board, bloc_year, other_council
):
    make_bloc_year(council=bloc_year.bloc.council, year=2025, name="Khối năm trước")
    make_bloc_year(council=other_council, name="Khối của tỉnh khác")
    client.force_login(board)
    session = client.session
    session["thidua_year"] = 2026
    session.save()
    html = client.get(url("covenant-list")).content.decode()
    assert bloc_year.bloc.name in html
    assert "Khối năm trước" not in html
    assert "Khối của tỉnh khác" not in html


def test_covenant_list_needs_login(client):
    response = client.get(url("covenant-list"))
    assert response.status_code == 302 and "/dang-nhap/" in response.url


@pytest.mark.parametrize("n_blocs", [1, 6])
def test_covenant_list_query_count_is_constant(
    client, board, council, django_assert_num_queries, n_blocs
):
    for i in range(n_blocs):
        by = make_bloc_year(council=council, n_members=3, name=f"Khối số {i}")
        covenant = make_covenant(by, open_=True)
        sign(covenant, members(by)[0])
    client.force_login(board)
    # session, user, the user's council (list and header), COUNT for the paginator,
    # the bloc-years with covenant, counts and chair name (the board has no chair
    # rights query).
    with django_assert_num_queries(5):
        assert client.get(url("covenant-list")).status_code == 200


# --- Drafting -------------------------------------------------------------------------


def test_chair_creates_the_covenant(client, chair_secretary, bloc_year):
    client.force_login(chair_secretary)
    response = client.post(url("covenant-create", bloc_year.pk))
    covenant = Covenant.objects.get(bloc_year=bloc_year)
    assert response.status_code == 302 and response.url == covenant.get_absolute_url()
    assert covenant.created_by == chair_secretary


def test_chair_creates_from_last_years_covenant(client, chair_secretary, bloc_year):
    last = BlocYearFactory(bloc=bloc_year.bloc, year=bloc_year.year - 1)
    make_covenant(last)
    client.force_login(chair_secretary)
    client.post(url("covenant-create", bloc_year.pk), {"from_previous": "1"})
    covenant = Covenant.objects.get(bloc_year=bloc_year)
    assert commitment_texts(covenant) == COMMITMENTS


def test_create_from_previous_without_one_shows_an_error(
    client, chair_secretary, bloc_year
):
    client.force_login(chair_secretary)
    response = client.post(
        url("covenant-create", bloc_year.pk), {"from_previous": "1"}, follow=True
    )
    assert "Năm trước khối chưa có giao ước" in response.content.decode()
    assert not Covenant.objects.exists()


def test_member_cannot_create_the_covenant(client, secretary, bloc_year):
    client.force_login(secretary)
    assert client.post(url("covenant-create", bloc_year.pk)).status_code == 403
    assert not Covenant.objects.exists()


def test_outsider_cannot_create_the_covenant(client, outsider, bloc_year):
    client.force_login(outsider)
    assert client.post(url("covenant-create", bloc_year.pk)).status_code == 403


def test_create_covenant_rejects_get_and_missing_bloc_year(
    client, chair_secretary, bloc_year
):
    client.force_login(chair_secretary)
    assert client.get(url("covenant-create", bloc_year.pk)).status_code == 405
    assert client.post(url("covenant-create", 999999)).status_code == 404


def test_chair_edits_the_text_and_commitments(client, chair_secretary, bloc_year):
    covenant = make_covenant(bloc_year)
    client.force_login(chair_secretary)
    response = client.post(
        url("covenant-edit", covenant.pk),
        {
            "title": "Giao ước thi đua năm 2026 của Khối",
            "preamble": "Lời mở đầu",
            "annex": "",
            "signing_place": "",
        },
    )
    assert response.status_code == 302
    covenant.refresh_from_db()
    assert covenant.title == "Giao ước thi đua năm 2026 của Khối"
    client.post(url("commitment-add", covenant.pk), {"text": "Nội dung thứ tư"})
    assert commitment_texts(covenant)[-1] == "Nội dung thứ tư"
    last = Commitment.objects.get(covenant=covenant, text="Nội dung thứ tư")
    client.post(url("commitment-move", last.pk), {"direction": "up"})
    assert commitment_texts(covenant)[2] == "Nội dung thứ tư"
    client.post(url("commitment-edit", last.pk), {"text": "Nội dung đã sửa"})
    assert "Nội dung đã sửa" in commitment_texts(covenant)
    client.post(url("commitment-delete", last.pk))
    assert commitment_texts(covenant) == COMMITMENTS


def test_empty_commitment_is_a_form_error(client, chair_secretary, bloc_year):
    covenant = make_covenant(bloc_year)
    client.force_login(chair_secretary)
    response = client.post(url("commitment-add", covenant.pk), {"text": ""})
    assert response.status_code == 400
    assert "Hãy nhập nội dung giao ước" in response.content.decode()


def test_member_cannot_edit_the_covenant(client, secretary, bloc_year):
    covenant = make_covenant(bloc_year)
    client.force_login(secretary)
    assert client.get(url("covenant-edit", covenant.pk)).status_code == 403
    assert (
        client.post(url("commitment-add", covenant.pk), {"text": "X"}).status_code
        == 403
    )
    commitment = covenant.commitments.first()
    assert client.post(url("commitment-delete", commitment.pk)).status_code == 403
    assert commitment_texts(covenant) == COMMITMENTS


def test_commitment_views_404_and_405(client, chair_secretary, bloc_year):
    covenant = make_covenant(bloc_year)
    client.force_login(chair_secretary)
    assert client.get(url("commitment-edit", 999999)).status_code == 404
    assert (
        client.get(
            url("commitment-delete", covenant.commitments.first().pk)
        ).status_code
        == 405
    )
    assert client.get(url("commitment-add", covenant.pk)).status_code == 405


def test_frozen_covenant_refuses_edits_through_the_pages(
    client, chair_secretary, bloc_year
):
    covenant = make_covenant(bloc_year, open_=True)
    sign(covenant, members(bloc_year)[2])
    client.force_login(chair_secretary)
    assert client.get(url("covenant-edit", covenant.pk)).status_code == 302
    assert (
        client.get(url("commitment-edit", covenant.commitments.first().pk)).status_code
        == 302
    )
    assert client.get(url("covenant-edit", covenant.pk)).status_code == 302
    response = client.post(
        url("covenant-edit", covenant.pk),
        {"title": "Đổi tiêu đề", "preamble": "", "annex": "", "signing_place": ""},
    )
    assert response.status_code == 400
    assert "nội dung đã được khóa" in response.content.decode()
    client.post(url("commitment-add", covenant.pk), {"text": "Thêm sau khi ký"})
    covenant.refresh_from_db()
    assert covenant.title != "Đổi tiêu đề"
    assert commitment_texts(covenant) == COMMITMENTS
    assert covenant.content_hash == selectors.covenant_content_hash(covenant)


def test_chair_opens_for_signing(client, chair_secretary, bloc_year):
    covenant = make_covenant(bloc_year)
    client.force_login(chair_secretary)
    assert client.post(url("covenant-open", covenant.pk)).status_code == 302
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.SIGNING


def test_member_cannot_open_for_signing(client, secretary, bloc_year):
    covenant = make_covenant(bloc_year)
    client.force_login(secretary)
    assert client.post(url("covenant-open", covenant.pk)).status_code == 403
    assert client.get(url("covenant-open", covenant.pk)).status_code == 405
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.DRAFTING


# --- Detail and signing board ---------------------------------------------------------


def test_detail_shows_text_and_document_buttons(client, viewer, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    client.force_login(viewer)
    response = client.get(covenant.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in COMMITMENTS:
        assert text in html
    assert reverse("covenants:pdf-blank", args=[covenant.pk]) in html
    assert "In bản để ký tay" in html
    assert 'id="signing-board"' not in html  # viewers see the count, not the board
    assert 'id="covenant-sign"' not in html


def test_chair_and_board_see_the_signing_board(
    client, chair_secretary, board, bloc_year
):
    covenant = make_covenant(bloc_year, open_=True)
    signed, unsigned = members(bloc_year)[2], members(bloc_year)[3]
    sign(covenant, signed)
    for user in (chair_secretary, board):
        client.force_login(user)
        html = client.get(covenant.get_absolute_url()).content.decode()
        assert 'id="signing-board"' in html
        assert "1/4 đã ký" in html
        assert signed.name in html and unsigned.name in html
        assert "Chưa ký" in html


def test_complete_covenant_links_the_signed_pdf(client, board, bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    for unit in members(bloc_year):
        sign(covenant, unit)
    client.force_login(board)
    html = client.get(covenant.get_absolute_url()).content.decode()
    assert reverse("covenants:pdf-signed", args=[covenant.pk]) in html
    assert "Tải bản đã ký (PDF)" in html
    assert covenant.verification_code in html
    assert "Đã ký đủ" in html


def test_detail_404_403_and_login(client, outsider, board, bloc_year):
    covenant = make_covenant(bloc_year)
    assert client.get(covenant.get_absolute_url()).status_code == 302
    client.force_login(outsider)
    assert client.get(covenant.get_absolute_url()).status_code == 403
    client.force_login(board)
    assert client.get(url("covenant-detail", 999999)).status_code == 404


@pytest.mark.parametrize("n_members", [3, 10])
def test_detail_query_count_is_constant(
    client, council, django_assert_num_queries, n_members
):
    by = make_bloc_year(council=council, n_members=n_members)
    covenant = make_covenant(by, open_=True)
    for unit in members(by)[:-1]:
        sign(covenant, unit)
    chair = unit_secretary(members(by)[0])
    client.force_login(chair)
    # session, user, covenant (+bloc-year, bloc, council), legal bases, commitments,
    # members (+units), signatures (+units), addenda, chair rights, header council,
    # header unit.
    with django_assert_num_queries(11):
        assert client.get(covenant.get_absolute_url()).status_code == 200
