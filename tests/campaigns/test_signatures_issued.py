"""The signed copy is an artefact (issue "Trust and daily use" #2): issued once into the
kernel's register when the covenant completes, stored with its SHA-256 and served as
stored; the public verification page checks a dropped PDF against it."""

from __future__ import annotations

import datetime
import hashlib
import io
import threading

import pytest
from django.db import connection
from django.urls import reverse

from blocs import services as bloc_services
from campaigns import services
from campaigns.documents import covenants as documents
from campaigns.models import Covenant
from emulation.models import IssuedDocument, User
from tests.factories import (
    CouncilFactory,
    UserFactory,
    build_covenant,
    make_bloc_year,
    make_covenant,
    members,
    named_bloc_year,
    sign,
    sign_all,
    unit_secretary,
)


def verify_url(covenant: Covenant) -> str:
    return reverse("covenants:verify", args=[covenant.verification_code])


def download(client, covenant: Covenant) -> bytes:
    response = client.get(reverse("covenants:pdf-signed", args=[covenant.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def drop(client, covenant: Covenant, data: bytes, name: str = "giao-uoc.pdf"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(verify_url(covenant), {"file": upload})


def one_byte_changed(pdf: bytes) -> bytes:
    """The PDF with one byte of its first page's content changed (inside what the
    digital signature covers; the length stays, so the file still parses)."""
    at = pdf.index(b"stream") + 20
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


# --- Issued once, served as stored ---------------------------------------------------


@pytest.mark.django_db
def test_the_last_signature_issues_the_signed_copy_into_the_register(
    bloc_year, django_capture_on_commit_callbacks
):
    covenant = make_covenant(bloc_year, open_=True)
    first, *others = members(bloc_year)
    with django_capture_on_commit_callbacks(execute=True):
        sign(covenant, first)
    assert not IssuedDocument.objects.exists()  # not complete: nothing issued
    last_user = unit_secretary(others[-1])
    with django_capture_on_commit_callbacks(execute=True):
        sign_all(covenant, others[:-1])
        sign(covenant, others[-1], last_user)
    covenant.refresh_from_db()
    document = covenant.issued_document
    assert document is not None and IssuedDocument.objects.count() == 1
    bloc = bloc_year.bloc
    assert (document.council, document.kind, document.year) == (
        bloc.council,
        "GU",
        2026,
    )
    assert document.issuer_key == f"bloc:{bloc.pk}"
    assert document.issuer_name == bloc.name
    # The covenant prints no number line ("Số: …"), so its copy is unnumbered.
    assert document.number is None and document.symbol == ""
    assert document.title == f"Bản giao ước thi đua năm 2026 – {bloc.name}"
    assert document.issued_by == last_user
    data = document.file.open("rb").read()
    assert data.startswith(b"%PDF")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert "Số:" not in documents.covenant_signed_html(covenant=covenant)


@pytest.mark.django_db
def test_two_downloads_are_the_stored_bytes(
    client, viewer, bloc_year, django_capture_on_commit_callbacks
):
    covenant = make_covenant(bloc_year, open_=True)
    with django_capture_on_commit_callbacks(execute=True):
        sign_all(covenant)
    covenant.refresh_from_db()
    client.force_login(viewer)
    first, second = download(client, covenant), download(client, covenant)
    assert first == second == covenant.issued_document.file.open("rb").read()
    assert IssuedDocument.objects.count() == 1


@pytest.mark.django_db
def test_a_copy_not_issued_yet_is_issued_once_by_the_first_download(
    client, viewer, bloc_year
):
    """A covenant completed before copies were kept, or whose copy failed to render
    after the last signature."""
    covenant = build_covenant(bloc_year)
    assert covenant.issued_document is None
    client.force_login(viewer)
    first = download(client, covenant)
    assert download(client, covenant) == first
    covenant.refresh_from_db()
    assert covenant.issued_document.sha256 == hashlib.sha256(first).hexdigest()
    assert covenant.issued_document.issued_by == viewer
    assert IssuedDocument.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_render_after_the_last_signature_loses_no_signature(
    bloc_year, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    covenant = make_covenant(bloc_year, open_=True)

    def broken(**kwargs):
        raise RuntimeError("WeasyPrint failed")

    monkeypatch.setattr(documents, "covenant_signed_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        sign_all(covenant)
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.COMPLETE
    assert covenant.signatures.count() == 4
    assert covenant.issued_document is None
    assert "WeasyPrint failed" in caplog.text
    monkeypatch.undo()
    document = services.covenant_issue_signed_copy(covenant=covenant)
    assert Covenant.objects.get(pk=covenant.pk).issued_document == document


@pytest.mark.django_db
def test_issuing_an_incomplete_covenant_is_refused(bloc_year):
    from django.core.exceptions import ValidationError

    covenant = build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=1)
    with pytest.raises(ValidationError, match="chưa được ký đủ"):
        services.covenant_issue_signed_copy(covenant=covenant)
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("n_members", [2, 6])
@pytest.mark.django_db
def test_signed_download_query_count_is_constant(
    client, council, django_assert_num_queries, n_members
):
    bloc_year = make_bloc_year(council=council, n_members=n_members)
    covenant = build_covenant(bloc_year)
    services.covenant_issue_signed_copy(covenant=covenant)
    client.force_login(UserFactory(role=User.Role.VIEWER, council=council))
    # session, user, covenant + bloc-year + bloc + council + uploader + issued copy,
    # legal bases, commitments, active signatures + units, addenda + units,
    # memberships + units, launch meetings
    with django_assert_num_queries(9):
        download(client, covenant)


# --- Exactly once, under concurrency -------------------------------------------------


def _race(workers) -> list[BaseException]:
    """Run the workers at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(work):
        try:
            barrier.wait()
            work()
        except BaseException as exc:  # pragma: no cover - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_the_two_last_signatures_racing_issue_one_document():
    council = CouncilFactory()
    bloc_year = make_bloc_year(council=council, n_members=4)
    covenant = make_covenant(bloc_year, open_=True)
    units = members(bloc_year)
    sign_all(covenant, units[:2])
    users = {u.pk: unit_secretary(u) for u in units[2:]}
    errors = _race([lambda u=u: sign(covenant, u, users[u.pk]) for u in units[2:]])
    assert errors == []
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.COMPLETE
    assert IssuedDocument.objects.filter(council=council).count() == 1
    assert covenant.issued_document is not None


@pytest.mark.django_db(transaction=True)
def test_racing_issues_of_the_same_covenant_make_one_document():
    """The step after the last signature and a first download, at the same moment."""
    council = CouncilFactory()
    covenant = build_covenant(make_bloc_year(council=council, n_members=2))
    issued = []
    errors = _race(
        [
            lambda: issued.append(
                services.covenant_issue_signed_copy(covenant=covenant)
            )
            for _ in range(3)
        ]
    )
    assert errors == []
    assert len({d.pk for d in issued}) == 1
    assert IssuedDocument.objects.filter(council=council).count() == 1


# --- The copy check on the public verification page ---------------------------------


@pytest.mark.django_db
def test_after_renaming_a_member_unit_and_the_bloc_the_page_still_matches_and_a_changed_byte_is_reported(  # noqa: E501
    client, council, signing, django_capture_on_commit_callbacks
):
    """The issue's done-means: after renaming a member unit and the bloc of a completed
    covenant, its verification page still says the content matches, and a PDF with one
    changed byte dropped on that page is reported as changed."""
    bloc_year = named_bloc_year(council, name="Khối thi đua Nội chính")
    covenant = make_covenant(bloc_year, open_=True)
    with django_capture_on_commit_callbacks(execute=True):
        sign_all(covenant)
    covenant.refresh_from_db()
    signed_pdf = covenant.issued_document.file.open("rb").read()
    thanh_tra = next(u for u in members(bloc_year) if u.name == "Thanh tra tỉnh")
    bloc_services.unit_rename(
        unit=thanh_tra,
        new_name="Thanh tra và Thi hành án tỉnh",
        effective_on=datetime.date(2026, 7, 1),
    )
    bloc_services.bloc_update(bloc=bloc_year.bloc, name="Khối thi đua Pháp luật")

    page = client.get(verify_url(covenant)).content.decode()
    assert "Nội dung khớp" in page and "Bản giao ước hợp lệ." in page
    assert "(nay là Thanh tra và Thi hành án tỉnh)" in page
    assert 'id="copy-check"' in page  # the upload box

    original = drop(client, covenant, signed_pdf)
    assert original.status_code == 200
    body = original.content.decode()
    assert "Khớp bản gốc" in body and "Chữ ký số: còn nguyên vẹn." in body

    changed = drop(client, covenant, one_byte_changed(signed_pdf))
    assert changed.status_code == 200
    body = changed.content.decode()
    assert "Tệp đã bị thay đổi sau khi ký" in body
    assert "Khớp bản gốc" not in body
    assert "Nội dung khớp" in body  # the covenant itself is still genuine


@pytest.mark.django_db
def test_a_pdf_dropped_without_a_digital_signature_is_reported_as_not_the_original(
    client, bloc_year, settings
):
    settings.SIGNING_P12_PATH = ""
    covenant = build_covenant(bloc_year)
    document = services.covenant_issue_signed_copy(covenant=covenant)
    data = document.file.open("rb").read()
    assert "Khớp bản gốc" in drop(client, covenant, data).content.decode()
    body = drop(client, covenant, one_byte_changed(data)).content.decode()
    assert "Không khớp bản gốc" in body and "không có chữ ký số" in body


@pytest.mark.django_db
def test_dropping_nothing_is_a_form_error(client, bloc_year):
    covenant = build_covenant(bloc_year)
    services.covenant_issue_signed_copy(covenant=covenant)
    response = client.post(verify_url(covenant), {})
    assert response.status_code == 400
    assert "Hãy chọn tệp PDF cần đối chiếu." in response.content.decode()


@pytest.mark.django_db
def test_dropping_a_file_before_the_copy_is_issued_is_a_form_error(client, bloc_year):
    covenant = build_covenant(bloc_year, status=Covenant.Status.SIGNING, signed=2)
    response = drop(client, covenant, b"%PDF-1.7 ban sao")
    assert response.status_code == 400
    body = response.content.decode()
    assert "chưa có bản đã ký được ban hành" in body
    assert 'id="copy-check"' not in body


@pytest.mark.django_db
def test_the_page_shows_the_issued_files_hash_and_no_internal_address(
    client, bloc_year
):
    covenant = build_covenant(bloc_year)
    document = services.covenant_issue_signed_copy(covenant=covenant)
    body = client.get(verify_url(covenant)).content.decode()
    assert document.sha256 in body
    assert reverse("document-download", args=[document.pk]) not in body
    # The box posts to this page, not to the register's page of the document.
    assert f'action="{verify_url(covenant)}#copy-check"' in body
