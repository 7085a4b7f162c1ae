"""The PAdES digital signature of the signed copy, and the demo certificate command."""

from __future__ import annotations

import io
import stat

import pytest
from django.core.management import call_command
from django.urls import reverse

from campaigns.documents import covenants as documents
from emulation.documents import html_to_pdf
from emulation.signing import sign_pdf, signing_configured
from tests.factories import build_covenant, covenant_for_docs
from tests.utils import SIGNING_PASSWORD


@pytest.fixture(scope="session")
def certificate(signing_certificate):
    return signing_certificate


@pytest.fixture(scope="session")
def trust_root(certificate):
    """The certificate itself, as the validator's only trust anchor."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _key, cert, _chain = pkcs12.load_key_and_certificates(
        certificate.read_bytes(), SIGNING_PASSWORD.encode()
    )
    return x509.Certificate.load(cert.public_bytes(Encoding.DER))


@pytest.fixture(scope="session")
def sample_pdf():
    return html_to_pdf("<p>Bản giao ước thi đua năm 2026</p>")


def validate(pdf: bytes, trust_root):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(pdf))
    assert len(reader.embedded_signatures) == 1
    return validate_pdf_signature(
        reader.embedded_signatures[0], ValidationContext(trust_roots=[trust_root])
    )


def test_without_a_certificate_the_pdf_is_unchanged(settings, sample_pdf):
    settings.SIGNING_P12_PATH = ""
    assert sign_pdf(sample_pdf, reason="Thử", location="Nghệ An") == sample_pdf


def test_signature_is_valid_and_trusted(signing, sample_pdf, trust_root):
    signed = sign_pdf(sample_pdf, reason="Bản giao ước đã ký đủ", location="Nghệ An")
    assert signed != sample_pdf
    status = validate(signed, trust_root)
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    assert (
        b"/ETSI.CAdES.detached" in signed
    )  # PAdES baseline, not the legacy PKCS#7 subfilter


def test_tampered_signed_pdf_fails_validation(signing, sample_pdf, trust_root):
    signed = sign_pdf(sample_pdf, reason="Bản giao ước đã ký đủ", location="Nghệ An")
    # Change one byte of the document information (inside the signed byte range),
    # keeping the length so the file still parses.
    index = signed.index(b"WeasyPrint")
    tampered = signed[:index] + b"X" + signed[index + 1 :]
    status = validate(tampered, trust_root)
    assert not status.intact
    assert not status.bottom_line


@pytest.mark.parametrize(
    ("path", "password"),
    [("certificate", "sai-mat-khau"), ("/khong/co/tep.p12", SIGNING_PASSWORD)],
)
def test_a_broken_configuration_serves_the_pdf_unsigned(
    settings, certificate, sample_pdf, caplog, path, password
):
    settings.SIGNING_P12_PATH = str(certificate) if path == "certificate" else path
    settings.SIGNING_P12_PASSWORD = password
    assert sign_pdf(sample_pdf, reason="Thử", location="Nghệ An") == sample_pdf
    assert "PDF signing failed" in caplog.text
    assert not signing_configured()


def test_a_relative_certificate_path_is_taken_from_the_project_folder(
    settings, certificate
):
    from emulation.signing import p12_path

    settings.SIGNING_P12_PATH = "var/signing/demo.p12"
    assert p12_path() == settings.BASE_DIR / "var" / "signing" / "demo.p12"
    settings.SIGNING_P12_PATH = str(certificate)
    assert p12_path() == certificate


def test_signed_copy_download_carries_a_valid_signature(
    client, viewer, bloc_year, signing, trust_root
):
    covenant = build_covenant(bloc_year)
    client.force_login(viewer)
    response = client.get(reverse("covenants:pdf-signed", args=[covenant.pk]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    status = validate(pdf, trust_root)
    assert status.bottom_line
    assert "Bản điện tử này có chữ ký số" in documents.covenant_signed_html(
        covenant=covenant_for_docs(covenant)
    )


def test_blank_copy_is_not_digitally_signed(client, viewer, bloc_year, signing):
    covenant = build_covenant(bloc_year)
    client.force_login(viewer)
    pdf = b"".join(
        client.get(reverse("covenants:pdf-blank", args=[covenant.pk])).streaming_content
    )
    assert b"/ByteRange" not in pdf


# --- manage.py ensure_signing_certificate ---------------------------------------------


def test_command_creates_a_private_self_signed_certificate(tmp_path, monkeypatch):
    from cryptography.hazmat.primitives.serialization import pkcs12

    monkeypatch.delenv("SIGNING_P12_PASSWORD", raising=False)
    path = tmp_path / "sub" / "demo.p12"
    out = io.StringIO()
    call_command("ensure_signing_certificate", path=str(path), stdout=out)
    assert "Đã tạo chứng thư số tự ký" in out.getvalue()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key, cert, _chain = pkcs12.load_key_and_certificates(
        path.read_bytes(), b"thidua-demo"
    )  # default password
    assert key is not None
    assert "Thi đua – chứng thư thử nghiệm" in cert.subject.rfc4514_string()
    assert cert.subject == cert.issuer


def test_command_is_idempotent(certificate):
    before = certificate.read_bytes()
    out = io.StringIO()
    call_command("ensure_signing_certificate", path=str(certificate), stdout=out)
    assert certificate.read_bytes() == before
    assert "Đã có chứng thư số" in out.getvalue()


def test_command_dry_run_creates_nothing(tmp_path):
    path = tmp_path / "demo.p12"
    call_command(
        "ensure_signing_certificate", path=str(path), dry_run=True, stdout=io.StringIO()
    )
    assert not path.exists()
