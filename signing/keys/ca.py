"""An office test certificate authority, so demos and tests can sign out of the box.

Real offices get their certificates from a licensed provider (Ban Cơ yếu Chính phủ, VNPT-CA,
Viettel-CA, ...); this CA exists so that a fresh installation, the demo and the tests have
keys whose chain the office's trust store can hold. Names keep their diacritics: the
``cryptography`` builder writes them as UTF8String.

The keys returned here are unencrypted PKCS#8 PEM: for tests and the demo only. Callers
store them encrypted or hand them out as a password-protected PKCS#12 file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from store.errors import InvalidInput

KeyKind = Literal["rsa2048", "ec-p256"]

#: id-kp-documentSigning (RFC 9336): the purpose that says "signs documents".
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")

_KEY_USAGE_NAMES = {
    "digitalSignature": "digital_signature",
    "nonRepudiation": "content_commitment",
    "keyEncipherment": "key_encipherment",
    "dataEncipherment": "data_encipherment",
    "keyAgreement": "key_agreement",
}


@dataclass(frozen=True)
class OfficeCA:
    """The office CA: its self-signed certificate and (test/demo only) its key."""

    cert: x509.Certificate
    cert_pem: bytes
    key_pem: bytes

    @property
    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def common_name(self) -> str:
        return _common_name(self.cert)


@dataclass(frozen=True)
class IssuedCertificate:
    """A person's certificate, its key, and the CA certificate that issued it."""

    cert: x509.Certificate
    cert_pem: bytes
    key_pem: bytes
    ca_cert_pem: bytes

    @property
    def common_name(self) -> str:
        return _common_name(self.cert)

    def to_pkcs12(self, password: bytes) -> bytes:
        """A .p12 holding the key, the certificate and the CA certificate, AES-encrypted."""

        if not password:
            raise InvalidInput(
                "Tệp .p12 phải có mật khẩu; hãy đặt mật khẩu.",
                "A .p12 file needs a password; set one.",
            )
        key = serialization.load_pem_private_key(self.key_pem, password=None)
        ca_cert = x509.load_pem_x509_certificate(self.ca_cert_pem)
        return pkcs12.serialize_key_and_certificates(
            name=self.common_name.encode("utf-8"),
            key=key,  # type: ignore[arg-type]
            cert=self.cert,
            cas=[ca_cert],
            encryption_algorithm=serialization.BestAvailableEncryption(password),
        )


def _common_name(cert: x509.Certificate) -> str:
    attrs = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else cert.subject.rfc4514_string()


def _new_key(kind: KeyKind):
    if kind == "rsa2048":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "ec-p256":
        return ec.generate_private_key(ec.SECP256R1())
    raise InvalidInput(
        f"Loại khóa '{kind}' không được hỗ trợ; hãy chọn rsa2048 hoặc ec-p256.",
        f"Key type '{kind}' is not supported; choose rsa2048 or ec-p256.",
    )


def _key_pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise InvalidInput(
            "Thời điểm phải có múi giờ.", "The time must carry a time zone (an aware datetime)."
        )
    # X.509 validity has one-second precision; drop microseconds so what we state is exact.
    return now.astimezone(UTC).replace(microsecond=0)


def _serial(*parts: str) -> int:
    # Random serials are the norm; a hash of the content plus 64 random bits keeps them unique
    # and positive (RFC 5280 allows at most 20 octets).
    seed = hashlib.sha256("|".join(parts).encode("utf-8")).digest()[:8]
    return int.from_bytes(seed, "big") << 64 | x509.random_serial_number() >> 95


def create_office_ca(
    common_name: str,
    *,
    organization: str,
    now: datetime,
    valid_years: int = 10,
    key: KeyKind = "rsa2048",
) -> OfficeCA:
    """Create a self-signed CA for one office, valid ``valid_years`` from ``now``."""
    if not common_name.strip() or not organization.strip():
        raise InvalidInput(
            "Tên CA và tên cơ quan không được để trống.",
            "The CA name and the organisation name must not be empty.",
        )
    start = _aware(now)
    private_key = _new_key(key)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization.strip()),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name.strip()),
        ]
    )
    public = private_key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(_serial(common_name, start.isoformat()))
        .not_valid_before(start - timedelta(minutes=5))
        .not_valid_after(start + timedelta(days=365 * valid_years + valid_years // 4))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(private_key, hashes.SHA256())
    )
    return OfficeCA(
        cert=cert,
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem=_key_pem(private_key),
    )


def load_office_ca(cert_pem: bytes, key_pem: bytes) -> OfficeCA:
    """Rebuild an :class:`OfficeCA` from the PEM the store keeps."""
    try:
        cert = x509.load_pem_x509_certificate(cert_pem)
        serialization.load_pem_private_key(key_pem, password=None)
    except ValueError as exc:
        raise InvalidInput(
            "Chứng thư hoặc khóa của CA bị hỏng; hãy tạo lại CA.",
            "The CA certificate or key is damaged; create the CA again.",
        ) from exc
    return OfficeCA(cert=cert, cert_pem=cert_pem, key_pem=key_pem)


def issue_person_certificate(
    ca: OfficeCA,
    *,
    full_name: str,
    email: str | None,
    organization: str,
    unit: str | None = None,
    now: datetime,
    valid_days: int = 730,
    key: KeyKind = "rsa2048",
    key_usage: tuple[str, ...] = ("digitalSignature", "nonRepudiation"),
    not_before: datetime | None = None,
) -> IssuedCertificate:
    """Issue a signing certificate for one person.

    ``not_before`` (default: ``now``) and ``valid_days`` let tests make expired and
    not-yet-valid certificates; ``key_usage`` lets them make one that may not sign.
    """
    if not full_name.strip():
        raise InvalidInput("Họ tên không được để trống.", "The full name must not be empty.")
    unknown = [u for u in key_usage if u not in _KEY_USAGE_NAMES]
    if unknown or not key_usage:
        raise InvalidInput(
            f"Mục đích khóa không hợp lệ: {', '.join(unknown) or '(trống)'}.",
            f"Unknown key usage: {', '.join(unknown) or '(empty)'}.",
        )
    start = _aware(not_before or now)
    ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
    private_key = _new_key(key)
    public = private_key.public_key()

    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization.strip()),
    ]
    if unit and unit.strip():
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit.strip()))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, full_name.strip()))

    flags = {v: False for v in _KEY_USAGE_NAMES.values()}
    for usage in key_usage:
        flags[_KEY_USAGE_NAMES[usage]] = True
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca.cert.subject)
        .public_key(public)
        .serial_number(_serial(full_name, email or "", start.isoformat()))
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(**flags, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    cert = builder.sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
    return IssuedCertificate(
        cert=cert,
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem=_key_pem(private_key),
        ca_cert_pem=ca.cert_pem,
    )
