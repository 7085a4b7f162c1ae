"""The scanned paper copy signed by hand: upload (checked by content and size) and download."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import services
from campaigns.documents import scans
from campaigns.models import Covenant
from emulation.models import User
from tests.factories import UserFactory, build_covenant, make_bloc_year

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def covenant(bloc_year):
    return build_covenant(bloc_year)


def upload_url(covenant: Covenant) -> str:
    return reverse("covenants:scan-upload", args=[covenant.pk])


def download_url(covenant: Covenant) -> str:
    return reverse("covenants:scan-download", args=[covenant.pk])


def post_file(
    client,
    covenant,
    content: bytes,
    name: str = "ban-quet.pdf",
    content_type: str = "application/pdf",
):
    return client.post(
        upload_url(covenant),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


# --- Upload ---------------------------------------------------------------------------


def test_chair_uploads_a_pdf_scan(client, chair_secretary, covenant, media_root):
    client.force_login(chair_secretary)
    response = post_file(client, covenant, PDF)
    assert response.status_code == 302
    assert response["Location"] == upload_url(covenant)
    covenant.refresh_from_db()
    assert re.fullmatch(
        rf"covenants/\d{{4}}/giao-uoc-2026-{covenant.pk}-ban-quet-[0-9a-f]{{16}}\.pdf",
        covenant.scanned_copy.name,
    )
    assert covenant.scanned_uploaded_by == chair_secretary
    assert covenant.scanned_uploaded_at is not None
    assert (Path(media_root) / covenant.scanned_copy.name).read_bytes() == PDF
    page = client.get(upload_url(covenant)).content.decode()
    assert "Đã lưu bản quét giao ước có chữ ký tay." in page
    assert download_url(covenant) in page


@pytest.mark.parametrize(("content", "ext"), [(JPEG, "jpg"), (PNG, "png")])
def test_images_are_accepted_and_named_by_their_content(
    client, board, covenant, content, ext
):
    client.force_login(board)
    # The name says PDF; the content decides.
    assert post_file(client, covenant, content, name="scan.pdf").status_code == 302
    covenant.refresh_from_db()
    assert covenant.scanned_copy.name.endswith(f".{ext}")
    assert covenant.scanned_uploaded_by == board


def test_vice_chair_may_upload(client, vice_secretary, covenant):
    client.force_login(vice_secretary)
    assert post_file(client, covenant, PDF).status_code == 302


def test_other_content_named_pdf_is_refused(client, chair_secretary, covenant):
    client.force_login(chair_secretary)
    response = post_file(
        client, covenant, b"MZ\x90\x00 not really a pdf", name="giao-uoc.pdf"
    )
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF hoặc ảnh JPG/PNG" in response.content.decode()
    covenant.refresh_from_db()
    assert not covenant.scanned_copy
    assert covenant.scanned_uploaded_at is None


def test_html_disguised_as_png_is_refused(client, chair_secretary, covenant):
    client.force_login(chair_secretary)
    response = post_file(
        client,
        covenant,
        b"<html><script>alert(1)</script>",
        name="anh.png",
        content_type="image/png",
    )
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF hoặc ảnh JPG/PNG" in response.content.decode()


def test_too_large_file_is_refused(client, chair_secretary, covenant):
    client.force_login(chair_secretary)
    response = post_file(client, covenant, PDF + b"0" * scans.SCAN_MAX_BYTES)
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert "tối đa 10 MB" in response.content.decode()
    covenant.refresh_from_db()
    assert not covenant.scanned_copy


def test_a_file_at_the_limit_is_accepted(client, chair_secretary, covenant):
    client.force_login(chair_secretary)
    content = PDF + b"0" * (scans.SCAN_MAX_BYTES - len(PDF))
    assert post_file(client, covenant, content).status_code == 302


def test_missing_file_is_a_form_error(client, chair_secretary, covenant):
    client.force_login(chair_secretary)
    response = client.post(upload_url(covenant), {})
    assert response.status_code == 400
    assert "Hãy chọn tệp bản quét." in response.content.decode()


def test_a_new_scan_replaces_the_old_file(
    client, chair_secretary, covenant, media_root, django_capture_on_commit_callbacks
):
    client.force_login(chair_secretary)
    post_file(client, covenant, PDF)
    covenant.refresh_from_db()
    old = Path(media_root) / covenant.scanned_copy.name
    assert old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            post_file(
                client, covenant, PNG, name="lan-2.png", content_type="image/png"
            ).status_code
            == 302
        )
    covenant.refresh_from_db()
    assert covenant.scanned_copy.name.endswith(".png")
    assert not old.exists()


def test_upload_page_shows_the_form(client, chair_secretary, covenant):
    client.force_login(chair_secretary)
    response = client.get(upload_url(covenant))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert "Chưa có bản quét." in body


@pytest.mark.parametrize("actor", ["secretary", "viewer", "outsider"])
def test_upload_is_forbidden_to_others(client, covenant, actor, request):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(upload_url(covenant)).status_code == 403
    assert post_file(client, covenant, PDF).status_code == 403
    covenant.refresh_from_db()
    assert not covenant.scanned_copy


def test_upload_requires_login(client, covenant):
    response = client.get(upload_url(covenant))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_upload_for_a_missing_covenant_is_404(client, board, db):
    client.force_login(board)
    assert (
        client.get(reverse("covenants:scan-upload", args=[999999])).status_code == 404
    )


def test_upload_refuses_other_methods(client, board, covenant):
    client.force_login(board)
    assert client.put(upload_url(covenant)).status_code == 405


@pytest.mark.parametrize("n_members", [2, 8])
def test_upload_page_query_count_is_constant(
    client, council, django_assert_num_queries, n_members
):
    bloc_year = make_bloc_year(council=council, n_members=n_members)
    board = UserFactory(role=User.Role.BOARD, council=council)
    covenant = build_covenant(bloc_year, user=board)
    client.force_login(board)
    # session, user, covenant + bloc-year + bloc + council + uploader, header council
    with django_assert_num_queries(4):
        assert client.get(upload_url(covenant)).status_code == 200


# --- Download -------------------------------------------------------------------------


@pytest.fixture
def scanned(covenant, board):
    services.covenant_scan_attach(
        covenant=covenant,
        upload=SimpleUploadedFile("x.png", PNG, content_type="image/png"),
        user=board,
    )
    covenant.refresh_from_db()
    return covenant


@pytest.mark.parametrize("actor", ["secretary", "viewer", "board", "chair_secretary"])
def test_anyone_of_the_council_downloads_the_scan(client, scanned, actor, request):
    client.force_login(request.getfixturevalue(actor))
    response = client.get(download_url(scanned))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PNG


def test_download_is_forbidden_to_another_council(client, outsider, scanned):
    client.force_login(outsider)
    assert client.get(download_url(scanned)).status_code == 403


def test_download_requires_login(client, scanned):
    assert client.get(download_url(scanned)).status_code == 302


def test_download_without_a_scan_is_404(client, viewer, covenant):
    client.force_login(viewer)
    assert client.get(download_url(covenant)).status_code == 404


def test_download_refuses_post(client, viewer, scanned):
    client.force_login(viewer)
    assert client.post(download_url(scanned)).status_code == 405
