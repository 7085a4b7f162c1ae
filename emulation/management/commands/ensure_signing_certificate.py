"""Create the self-signed demo certificate that signs PDFs, once (idempotent).

`make run` calls `manage.py ensure_signing_certificate --path var/signing/demo.p12` and
then starts the server with SIGNING_P12_PATH/SIGNING_P12_PASSWORD pointing at it. A
council with a real certificate sets those variables to its own PKCS#12 file instead.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

DEMO_PASSWORD = "thidua-demo"
DEMO_COMMON_NAME = "Thi đua – chứng thư thử nghiệm"
DEMO_ORGANIZATION = "Hệ thống quản lý thi đua – khen thưởng"


def create_self_signed_p12(
    path: Path,
    *,
    password: str,
    common_name: str = DEMO_COMMON_NAME,
    organization: str = DEMO_ORGANIZATION,
    years: int = 5,
) -> bytes:
    """Write a PKCS#12 file with a new RSA key and a self-signed certificate; return the
    certificate (DER).

    The certificate allows digital signatures and non-repudiation (what PDF readers and
    pyHanko's validator look for in a document-signing certificate).
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # a.k.a. non-repudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=common_name.encode(),
        key=key,
        cert=cert,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)  # the private key is inside
    return cert.public_bytes(serialization.Encoding.DER)


class Command(BaseCommand):
    help = (
        "Tạo chứng thư số tự ký (PKCS#12) dùng thử để ký số bản giao ước PDF, nếu tệp chưa có. "
        "Mật khẩu lấy từ biến môi trường SIGNING_P12_PASSWORD (mặc định: thidua-demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default="var/signing/demo.p12", help="Tệp PKCS#12 cần tạo."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ cho biết sẽ làm gì."
        )

    def handle(self, *args, path: str, dry_run: bool = False, **options):
        target = Path(path)
        if not target.is_absolute():
            target = Path(settings.BASE_DIR) / target
        if target.exists():
            self.stdout.write(f"Đã có chứng thư số: {target} (giữ nguyên).")
            return
        if dry_run:
            self.stdout.write(f"Sẽ tạo chứng thư số tự ký: {target}")
            return
        password = os.environ.get("SIGNING_P12_PASSWORD") or DEMO_PASSWORD
        create_self_signed_p12(target, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo chứng thư số tự ký dùng thử: {target}. "
                "Chỉ dùng để thử nghiệm; khi triển khai thật hãy dùng chứng thư số của cơ quan."
            )
        )
