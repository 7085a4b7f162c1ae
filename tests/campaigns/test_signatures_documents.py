"""The covenant PDFs: the copy for signing by hand and the signed copy (Decree 30 layout)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.documents import covenants as documents
from campaigns.models import Covenant, Meeting
from emulation.models import User
from tests.factories import (
    COMMITMENT_TEXTS,
    MembershipFactory,
    UnitFactory,
    UserFactory,
    build_covenant,
    covenant_for_docs,
    make_bloc_year,
    member_units,
    signer_name,
)
from tests.utils import pdf_fonts, pdf_text

# --- The copy for signing by hand -----------------------------------------------------


def test_blank_pdf_has_motto_title_every_member_and_commitment(
    client, secretary, bloc_year
):
    covenant = build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=0)
    client.force_login(secretary)
    response = client.get(reverse("covenants:pdf-blank", args=[covenant.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "BẢN GIAO ƯỚC THI ĐUA" in text
    assert "Năm 2026" in text
    assert bloc_year.bloc.name.upper() in text
    assert "ĐẠI DIỆN CÁC ĐƠN VỊ THÀNH VIÊN KÝ GIAO ƯỚC" in text
    for unit in member_units(bloc_year):
        assert unit.name.upper() in text
    for i, commitment in enumerate(COMMITMENT_TEXTS, start=1):
        assert f"{i}. {commitment}" in text
    assert any("DocSerif" in name for name in pdf_fonts(pdf))
    assert "Mã xác minh" not in text  # only the signed copy carries one


def test_blank_html_cites_legal_bases_in_italics_with_decree_punctuation(bloc_year):
    covenant = covenant_for_docs(
        build_covenant(bloc_year, legal_bases=3, status=Covenant.Status.DRAFTING)
    )
    html = documents.covenant_blank_html(covenant=covenant)
    lines = documents.legal_basis_lines(covenant)
    assert [line[-1] for line in lines] == [";", ";", "."]
    assert all(line.startswith("Căn cứ Thông tư số ") for line in lines)
    assert '<div class="doc-basis">' in html  # italic in print.css
    for line in lines:
        assert line in html


def test_blank_html_header_is_the_bloc_under_the_parent_body_with_the_signing_conference_date(
    bloc_year,
):
    Meeting.objects.create(
        bloc_year=bloc_year, kind=Meeting.Kind.LAUNCH, held_on=datetime.date(2026, 2, 5)
    )
    covenant = covenant_for_docs(build_covenant(bloc_year))
    html = documents.covenant_blank_html(covenant=covenant)
    council = bloc_year.bloc.council
    assert council.parent_body.upper() in html
    assert bloc_year.bloc.name.upper() in html
    assert f"{council.place_name}, ngày 05 tháng 02 năm 2026" in html


def test_blank_html_without_preamble_has_the_usual_opening_sentence(bloc_year):
    covenant = covenant_for_docs(
        build_covenant(bloc_year, status=Covenant.Status.DRAFTING)
    )
    html = documents.covenant_blank_html(covenant=covenant)
    assert (
        f"Các đơn vị thành viên {bloc_year.bloc.name} thống nhất ký kết giao ước thi đua năm 2026"
        in html
    )


def test_blank_html_keeps_preamble_and_annex_paragraphs(bloc_year):
    covenant = build_covenant(
        bloc_year,
        preamble="Đoạn mở đầu thứ nhất.\r\nĐoạn mở đầu thứ hai.",
        annex="Bảng chấm điểm 100 điểm.",
    )
    html = documents.covenant_blank_html(covenant=covenant_for_docs(covenant))
    assert (
        "<p>Đoạn mở đầu thứ nhất.</p>" in html and "<p>Đoạn mở đầu thứ hai.</p>" in html
    )
    assert "PHỤ LỤC" in html and "Bảng chấm điểm 100 điểm." in html
    assert "thống nhất ký kết giao ước thi đua năm" not in html


def test_draft_copy_is_marked_draft_and_open_copy_is_not(bloc_year):
    covenant = build_covenant(bloc_year, status=Covenant.Status.DRAFTING)
    assert "DỰ THẢO" in documents.covenant_blank_html(
        covenant=covenant_for_docs(covenant)
    )
    covenant.delete()
    covenant = build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=0)
    assert "DỰ THẢO" not in documents.covenant_blank_html(
        covenant=covenant_for_docs(covenant)
    )


def test_blank_grid_prints_the_head_if_known_and_leaves_lines_empty_otherwise(
    bloc_year,
):
    units = member_units(bloc_year)
    units[0].head_name, units[0].head_position = (
        "Phạm Văn Thủ Trưởng",
        "Chánh Thanh tra tỉnh",
    )
    units[0].save()
    units[1].head_name = units[1].head_position = ""
    units[1].save()
    covenant = covenant_for_docs(
        build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=0)
    )
    cells = {
        c.unit_name: c
        for row in documents.signature_grid(covenant, signed=False)
        for c in row
    }
    assert cells[units[0].name.upper()].name == "Phạm Văn Thủ Trưởng"
    assert cells[units[0].name.upper()].position == "CHÁNH THANH TRA TỈNH"
    assert cells[units[1].name.upper()].name == ""
    assert cells[units[1].name.upper()].position == ""


def test_grid_lists_members_in_vietnamese_order(council):
    bloc_year = make_bloc_year(council=council, n_members=0, name="Khối thử thứ tự")
    for name in [
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Ban Dân vận Tỉnh ủy",
        "Đài Phát thanh tỉnh",
        "Công an tỉnh",
    ]:
        MembershipFactory(
            bloc_year=bloc_year, unit=UnitFactory(council=council, name=name)
        )
    covenant = covenant_for_docs(
        build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=0)
    )
    names = [
        c.unit_name
        for row in documents.signature_grid(covenant, signed=False)
        for c in row
    ]
    assert names == [
        "BAN DÂN VẬN TỈNH ỦY",
        "CÔNG AN TỈNH",
        "ĐÀI PHÁT THANH TỈNH",
        "ỦY BAN KIỂM TRA TỈNH ỦY",
    ]


@pytest.mark.parametrize(
    ("n_members", "row_sizes"),
    [(4, [2, 2]), (5, [2, 2, 1]), (6, [2, 2, 2]), (7, [3, 3, 1])],
)
def test_grid_has_two_columns_up_to_six_members_then_three(
    council, n_members, row_sizes
):
    bloc_year = make_bloc_year(council=council, n_members=n_members)
    covenant = covenant_for_docs(
        build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=0)
    )
    assert [
        len(row) for row in documents.signature_grid(covenant, signed=False)
    ] == row_sizes


def test_withdrawn_signature_is_not_printed(bloc_year, board):
    covenant = build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=2)
    first = covenant.signatures.order_by("signed_at").first()
    first.withdrawn_at, first.withdrawn_by = timezone.now(), board
    first.save()
    html = documents.covenant_blank_html(covenant=covenant_for_docs(covenant))
    assert first.signer_name not in html
    assert signer_name(1) in html


@pytest.mark.parametrize("n_members", [2, 8])
def test_blank_pdf_query_count_is_constant(
    client, council, django_assert_num_queries, n_members
):
    bloc_year = make_bloc_year(council=council, n_members=n_members)
    covenant = build_covenant(
        bloc_year, status=Covenant.Status.SIGNING, signed=n_members // 2
    )
    viewer = UserFactory(role=User.Role.VIEWER, council=council)
    client.force_login(viewer)
    # session, user, covenant + bloc-year + bloc + council + uploader, legal bases,
    # commitments, active signatures + units, memberships + units, launch meetings
    with django_assert_num_queries(8):
        response = client.get(reverse("covenants:pdf-blank", args=[covenant.pk]))
    assert response.status_code == 200


# --- The signed copy ------------------------------------------------------------------


def test_signed_pdf_prints_every_signer_time_and_verification_code(
    client, viewer, bloc_year, settings
):
    settings.SIGNING_P12_PATH = ""
    settings.SITE_URL = "https://thidua.nghean.gov.vn"
    covenant = build_covenant(bloc_year)
    client.force_login(viewer)
    response = client.get(reverse("covenants:pdf-signed", args=[covenant.pk]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    text = pdf_text(pdf)
    for i, unit in enumerate(member_units(bloc_year)):
        assert unit.name.upper() in text
        assert signer_name(i) in text
        assert f"PHÓ THỦ TRƯỞNG SỐ {i + 1}" in text
    assert "Đã ký lúc 09:15 ngày 10/03/2026" in text
    code = covenant.verification_code
    assert f"Mã xác minh: {code[:4]}-{code[4:8]}-{code[8:]}" in text
    assert f"https://thidua.nghean.gov.vn/giao-uoc/xac-minh/{code}/" in text
    assert covenant.content_hash[:16] in text
    assert any("DocSerif" in name for name in pdf_fonts(pdf))


def test_signed_html_has_qr_code_of_the_verification_address_and_full_hash(
    bloc_year, settings
):
    settings.SITE_URL = "https://thidua.example.vn"
    covenant = covenant_for_docs(build_covenant(bloc_year))
    html = documents.covenant_signed_html(covenant=covenant)
    assert '<img src="data:image/svg+xml;base64,' in html
    assert covenant.content_hash in html
    assert documents.verification_url(covenant) == (
        f"https://thidua.example.vn/giao-uoc/xac-minh/{covenant.verification_code}/"
    )


@pytest.mark.parametrize("status", [Covenant.Status.SIGNING, Covenant.Status.DRAFTING])
def test_signed_pdf_is_refused_until_every_member_has_signed(
    client, viewer, bloc_year, status
):
    covenant = build_covenant(bloc_year, status=status, signed=1)
    client.force_login(viewer)
    response = client.get(reverse("covenants:pdf-signed", args=[covenant.pk]))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Chưa có bản giao ước đã ký" in body
    assert reverse("covenants:pdf-blank", args=[covenant.pk]) in body
    with pytest.raises(ValueError):
        documents.covenant_signed_pdf(covenant=covenant_for_docs(covenant))


# --- Permissions ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["covenants:pdf-blank", "covenants:pdf-signed"])
def test_pdfs_require_login(client, bloc_year, name):
    covenant = build_covenant(bloc_year)
    response = client.get(reverse(name, args=[covenant.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["covenants:pdf-blank", "covenants:pdf-signed"])
def test_pdfs_are_forbidden_to_another_council(client, outsider, bloc_year, name):
    covenant = build_covenant(bloc_year)
    client.force_login(outsider)
    assert client.get(reverse(name, args=[covenant.pk])).status_code == 403


@pytest.mark.parametrize("name", ["covenants:pdf-blank", "covenants:pdf-signed"])
def test_pdfs_of_a_missing_covenant_are_404(client, viewer, name):
    client.force_login(viewer)
    assert client.get(reverse(name, args=[999999])).status_code == 404


@pytest.mark.parametrize("name", ["covenants:pdf-blank", "covenants:pdf-signed"])
def test_pdfs_refuse_post(client, viewer, bloc_year, name):
    covenant = build_covenant(bloc_year)
    client.force_login(viewer)
    assert client.post(reverse(name, args=[covenant.pk])).status_code == 405
