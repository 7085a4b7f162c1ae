"""The register of issued documents: numbers per series under a lock, the stored file
served as issued, and the public check of a copy (identical, or changed after signing)."""

from __future__ import annotations

import datetime
import hashlib
import io
import threading

import pytest
from django.db import connection
from django.urls import reverse

from emulation import services
from emulation.documents import html_to_pdf
from emulation.models import IssuedDocument
from tests.factories import CouncilFactory

DAY = datetime.date(2026, 12, 1)


@pytest.fixture(scope="module")
def pdf_bytes():
    return html_to_pdf("<p>Báo cáo tổng kết công tác thi đua năm 2026</p>")


def issue(council, *, kind="BC", year=2026, issuer_key="bloc:1", pdf=b"%PDF-1.7 x"):
    return services.document_issue(
        council=council,
        kind=kind,
        year=year,
        issuer_key=issuer_key,
        issuer_name="Khối thi đua Nội chính",
        symbol=f"{kind}-KTĐNC",
        title="Báo cáo tổng kết",
        issued_on=DAY,
        render=lambda number: pdf + str(number).encode(),
    )


@pytest.mark.django_db
def test_numbers_follow_each_series_and_restart_each_year(council):
    first, second = issue(council), issue(council)
    other_issuer = issue(council, issuer_key="unit:7")
    other_kind = issue(council, kind="BB")
    next_year = issue(council, year=2027)
    assert (first.number, second.number) == (1, 2)
    assert (other_issuer.number, other_kind.number, next_year.number) == (1, 1, 1)
    assert second.number_label == "02/BC-KTĐNC"


@pytest.mark.django_db
def test_the_stored_file_is_what_was_rendered_with_its_number(council):
    document = issue(council)
    data = document.file.open("rb").read()
    assert data == b"%PDF-1.7 x1"
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_issues_get_fifty_consecutive_numbers():
    council = CouncilFactory()
    numbers, errors = [], []

    def worker():
        try:
            numbers.append(issue(council).number)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 51))
    assert IssuedDocument.objects.filter(council=council).count() == 50


@pytest.mark.django_db
def test_download_serves_the_same_bytes_to_the_council_only(
    client, board, outsider, council
):
    document = issue(council)
    url = reverse("document-download", args=[document.pk])
    client.force_login(board)
    first = b"".join(client.get(url).streaming_content)
    second = b"".join(client.get(url).streaming_content)
    assert first == second == document.file.open("rb").read()
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_the_register_lists_the_councils_documents_for_board_staff(
    client, board, viewer, council, other_council
):
    mine = issue(council)
    theirs = issue(other_council)
    client.force_login(board)
    html = client.get(reverse("document-list")).content.decode()
    assert mine.verification_code in html and theirs.verification_code not in html
    client.force_login(viewer)
    assert client.get(reverse("document-list")).status_code == 403


def _post_copy(client, document, data: bytes):
    upload = io.BytesIO(data)
    upload.name = "ban-sao.pdf"
    url = reverse("document-verify", args=[document.verification_code])
    return client.post(url, {"file": upload})


@pytest.mark.django_db
def test_the_public_page_says_an_identical_copy_matches(client, council):
    document = issue(council)
    response = _post_copy(client, document, document.file.open("rb").read())
    assert response.status_code == 200
    assert "Khớp bản gốc" in response.content.decode()


@pytest.mark.django_db
def test_a_signed_copy_with_one_changed_byte_is_reported_as_changed(
    client, signing, council, pdf_bytes
):
    from emulation.signing import sign_pdf

    signed = sign_pdf(pdf_bytes, reason="Ban hành", location="Nghệ An")
    document = services.document_issue(
        council=council,
        kind="BB",
        year=2026,
        issuer_key="bloc:1",
        issuer_name="Khối",
        title="Biên bản",
        issued_on=DAY,
        render=lambda number: signed,
    )
    original = _post_copy(client, document, signed).content.decode()
    assert "Khớp bản gốc" in original and "Chữ ký số: còn nguyên vẹn." in original
    # One byte of the signed content changed (inside the page stream, not the signature).
    at = signed.index(b"stream") + 20
    tampered = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]
    html = _post_copy(client, document, tampered).content.decode()
    assert "Khớp bản gốc" not in html
    assert "Tệp đã bị thay đổi sau khi ký" in html


@pytest.mark.django_db
def test_an_unknown_code_is_404_and_an_empty_upload_is_a_form_error(client, council):
    assert client.get(reverse("document-verify", args=["KHONGCO"])).status_code == 404
    document = issue(council)
    url = reverse("document-verify", args=[document.verification_code])
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Hãy chọn tệp PDF cần đối chiếu." in response.content.decode()
