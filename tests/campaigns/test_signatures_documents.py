"""The covenant PDFs: the copy for signing by hand and the signed copy (Decree 30 layout)."""

from __future__ import annotations

import datetime
import io
import re

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
    # session, user, covenant + bloc-year + bloc + council + uploader + issued copy,
    # legal bases, commitments, active signatures + units, addenda + units,
    # memberships + units, launch meetings
    with django_assert_num_queries(9):
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


# --- The end of the document (issue "Trust and daily use" #18) ----------------------


def test_blank_copy_ends_with_the_copies_clause_and_the_recipients(
    client, secretary, bloc_year
):
    covenant = build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=0)
    html = documents.covenant_blank_html(covenant=covenant_for_docs(covenant))
    board = bloc_year.bloc.council.board_name
    clause = (
        "Bản giao ước được lập thành 05 bản có giá trị như nhau, mỗi đơn vị thành viên "
        f"giữ 01 bản, gửi {board} 01 bản."
    )
    assert clause in html
    client.force_login(secretary)
    response = client.get(reverse("covenants:pdf-blank", args=[covenant.pk]))
    text = pdf_text(b"".join(response.streaming_content))
    assert clause in text
    recipients = text[text.index("Nơi nhận:") :]
    for line in [
        f"- {board};",
        f"- {bloc_year.bloc.council.name};",
        "- Các đơn vị thành viên khối;",
        "- Lưu: VT.",
    ]:
        assert line in recipients
    # After the grid: the recipients close the document.
    assert text.index("ĐẠI DIỆN CÁC ĐƠN VỊ") < text.index("Nơi nhận:")


def test_the_copies_clause_counts_the_members(council):
    bloc_year = make_bloc_year(council=council, n_members=9, kind="cum")
    covenant = covenant_for_docs(build_covenant(bloc_year))
    html = documents.covenant_signed_html(covenant=covenant)
    assert "lập thành 10 bản" in html
    assert "- Các đơn vị thành viên cụm;" in html


def test_the_grid_and_the_verification_box_stay_with_what_precedes_them(bloc_year):
    """The closing clause is kept with the grid's title (and so its first row), the
    recipients with the last row, the verification box with the recipients: neither
    the grid nor the box sits alone at the top of a nearly empty last page."""
    covenant = covenant_for_docs(build_covenant(bloc_year))
    html = documents.covenant_signed_html(covenant=covenant)
    assert re.search(r"p\.copies \{[^}]*page-break-after: avoid", html)
    assert re.search(r"\.grid-title \{[^}]*page-break-after: avoid", html)
    assert re.search(r"table\.sig-row \{[^}]*page-break-inside: avoid", html)
    assert re.search(r"table\.recipients \{[^}]*page-break-before: avoid", html)
    assert re.search(r"\.verify-box \{[^}]*page-break-inside: avoid", html)
    assert re.search(r"\.verify-box \{[^}]*page-break-before: avoid", html)


def test_signed_pdf_keeps_the_last_grid_row_with_the_verification_box(council):
    """With one commitment and seven members the grid does not fit the first page: its
    last row moves to the second with the recipients and the box (never the box
    alone)."""
    bloc_year = make_bloc_year(council=council, n_members=7)
    covenant = covenant_for_docs(
        build_covenant(bloc_year, commitments=["Một nội dung."])
    )
    pdf = documents.covenant_signed_pdf(covenant=covenant)
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    last = " ".join(pages[-1].split())
    assert "XÁC MINH BẢN GIAO ƯỚC" in last and "Nơi nhận:" in last
    assert "ĐÃ KÝ LÚC" in last.upper()  # a grid row came along


LEGAL_BASES = [
    # (kind, number, issued on): given in an order that is neither force nor date
    ("Kế hoạch", "15/KH-UBND", datetime.date(2026, 1, 20)),
    ("Chỉ thị", "34-CT/TW", datetime.date(2014, 4, 7)),
    ("Hướng dẫn", "1479/HD-BTĐKT", datetime.date(2016, 7, 25)),
    ("Thông tư", "01/2024/TT-BNV", datetime.date(2024, 2, 15)),
    ("Luật", "06/2022/QH15", datetime.date(2022, 6, 15)),
    ("Quyết định", "598/QĐ-UBND", datetime.date(2018, 5, 25)),
    ("Nghị định", "152/2025/NĐ-CP", datetime.date(2025, 6, 14)),
    ("Thông tư liên tịch", "05/2012/TTLT-BNV", datetime.date(2012, 3, 1)),
    ("Nghị định", "98/2023/NĐ-CP", datetime.date(2023, 12, 31)),
]
BY_FORCE = [
    "06/2022/QH15",  # law
    "98/2023/NĐ-CP",  # decrees, by date
    "152/2025/NĐ-CP",
    "05/2012/TTLT-BNV",  # circulars, by date
    "01/2024/TT-BNV",
    "34-CT/TW",  # directive
    "598/QĐ-UBND",  # decision
    "1479/HD-BTĐKT",  # guidance
    "15/KH-UBND",  # plan
]


def test_legal_bases_are_cited_by_legal_force_then_date(
    client, board, bloc_year, django_capture_on_commit_callbacks
):
    from campaigns import services
    from tests.factories import LegalBasisFactory, make_covenant, sign

    bases = [
        LegalBasisFactory(kind=kind, number=number, issued_on=day)
        for kind, number, day in LEGAL_BASES
    ]
    covenant = make_covenant(bloc_year, open_=True)
    services.covenant_update(covenant=covenant, legal_bases=bases)

    def numbers(lines):
        return [next(n for n in BY_FORCE if f"số {n} " in line) for line in lines]

    # The draft's page and its copy for signing by hand.
    client.force_login(board)
    page = client.get(covenant.get_absolute_url()).content.decode()
    assert [page.index(f"số {n} ") for n in BY_FORCE] == sorted(
        page.index(f"số {n} ") for n in BY_FORCE
    )
    lines = documents.legal_basis_lines(covenant_for_docs(covenant))
    assert numbers(lines) == BY_FORCE
    assert [line[-1] for line in lines] == [";"] * 8 + ["."]
    # Frozen in that order at the first signature.
    sign(covenant, member_units(bloc_year)[0])
    covenant.refresh_from_db()
    assert numbers(covenant.snapshot["legal_bases"]) == BY_FORCE


@pytest.mark.parametrize(
    ("kind", "force"),
    [
        ("Luật", 1),
        ("Bộ luật", 1),
        ("  nghị   định ", 4),
        ("Thông tư liên tịch", 5),
        ("Chỉ thị", 6),
        ("Quyết định", 7),
        ("Kế hoạch", 9),
        ("Nghị quyết", 3),
        ("Công văn", 10),
        ("", 10),
    ],
)
def test_legal_force_of_a_kind(kind, force):
    from campaigns.models.legal_bases import legal_force

    assert legal_force(kind) == force


# --- The printed address (issue "Trust and daily use" #23) --------------------------

LONG_SITE = "https://thiduakhenthuong.nghean.gov.vn"
N_CODES = 30


def typed_as_read(text: str) -> str:
    """The address as someone reads it off the page: a line break after a "/" is not
    typed."""
    return re.sub(r"/\s+", "/", text)


def test_the_printed_address_reads_as_typed_for_a_kerned_code(bloc_year, settings):
    """A code with kerned pairs ("VA", "AT", "AY", "LT") read back from the PDF with
    spaces inside it ("V A V ATAYALTA V"), and `break-all` allowed a line to end
    inside it: the code is now printed unkerned and the address breaks only after a
    "/"."""
    settings.SITE_URL = LONG_SITE
    settings.SIGNING_P12_PATH = ""
    covenant = build_covenant(bloc_year)
    Covenant.objects.filter(pk=covenant.pk).update(verification_code="VAVATAYALTAV")
    text = pdf_text(documents.covenant_signed_pdf(covenant=covenant_for_docs(covenant)))
    assert "Mã xác minh: VAVA-TAYA-LTAV" in text
    assert "VAVATAYALTAV/" in text  # whole, on one line
    assert f"{LONG_SITE}/giao-uoc/xac-minh/VAVATAYALTAV/" in typed_as_read(text)
    html = documents.covenant_signed_html(covenant=covenant_for_docs(covenant))
    assert "break-all" not in html[html.index(".verify-url") :].split("}")[0]


def test_the_printed_address_keeps_every_code_whole(settings):
    """Thirty verification boxes of random codes, laid out as on the signed copy. The
    test failed at random before for two reasons: `break-all` split some codes across
    lines, and kerned pairs ("VA", "AY") made the PDF's text read with a space inside a
    code; codes and the address are now printed unkerned."""
    from django.template.loader import render_to_string

    from campaigns.models import new_verification_code
    from emulation.documents import html_to_pdf

    settings.SITE_URL = LONG_SITE
    codes = [new_verification_code() for _ in range(28)] + [
        "WWWWWWWWWWWW",
        "22222222LLLL",
    ]
    style = re.search(
        r"\{% block grid_style %\}(.*?)\{% endblock grid_style %\}",
        open(settings.BASE_DIR / "templates/pdf/covenant_signed.html").read(),
        re.S,
    ).group(1)
    style = re.sub(r"\{#.*?#\}|@page \{.*?\} \}", "", style)
    boxes = []
    for code in codes:
        url = f"{LONG_SITE}/giao-uoc/xac-minh/{code}/"
        boxes.append(
            render_to_string(
                "pdf/_covenant_verification.html",
                {
                    "qr_code": documents.qr_data_uri(url),
                    "verification_code": documents.format_code(code),
                    "verification_url_parts": documents.url_parts(url),
                    "content_hash": "0" * 64,
                    "content_hash_short": "0" * 16,
                },
            )
        )
    html = (
        f"<html><head><style>{style}</style></head><body>{''.join(boxes)}</body></html>"
    )
    text = pdf_text(html_to_pdf(html))
    for code in codes:
        assert f"Mã xác minh: {documents.format_code(code)}" in text, code
        assert f"{code}/" in text, code
        assert f"{LONG_SITE}/giao-uoc/xac-minh/{code}/" in typed_as_read(text), code


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        (
            "https://thidua.example.vn/giao-uoc/xac-minh/ABCD/",
            ["https://thidua.example.vn/", "giao-uoc/", "xac-minh/", "ABCD/"],
        ),
        ("http://127.0.0.1:8000/x", ["http://127.0.0.1:8000/", "x"]),
    ],
)
def test_url_parts(url, parts):
    assert documents.url_parts(url) == parts
    assert "".join(parts) == url
