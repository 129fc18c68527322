"""Signing keys: PKCS#12 files and PKCS#11 tokens, behind one ``SigningKey``.

Every failure a person can cause (wrong password, wrong PIN, a file without a key, a token
that is not plugged in) becomes a plain error from :mod:`signing.errors`; pyHanko and
python-pkcs11 exceptions never escape. pyHanko is imported inside the functions because
importing it costs about 0.9 s.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from signing.errors import (
    CertificateUnusable,
    KeyNotOnToken,
    NoPrivateKey,
    NotAPkcs12,
    TokenError,
    TokenLibraryMissing,
    TokenNotFound,
    WrongPassword,
    WrongPin,
)

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

log = logging.getLogger(__name__)

#: Vietnam keeps UTC+7 all year; no tz database needed.
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")


class SigningKey:
    """A ready-to-use signer: pyHanko ``Signer``, its certificate and the chain it carries.

    The underlying key is loaded once (for PKCS#12, as a ``cryptography`` key; for a
    token, as an object handle in an open session) and reused for every signature.
    Close it (or use it as a context manager) to log out of a token.
    """

    def __init__(self, signer: Any, certificate: asn1_x509.Certificate, chain: tuple, source: str,
                 session: Any = None) -> None:
        self.signer = signer
        self.certificate = certificate
        self.chain = chain
        self.source = source
        self._session = session

    @property
    def certificate_der(self) -> bytes:
        return self.certificate.dump()

    @property
    def x509(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.certificate.dump())

    @property
    def common_name(self) -> str:
        attrs = self.x509.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        return str(attrs[0].value) if attrs else self.x509.subject.rfc4514_string()

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            except Exception:  # closing a token that was unplugged: nothing left to do
                log.warning("closing the PKCS#11 session failed", exc_info=True)
            self._session = None

    def __enter__(self) -> SigningKey:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SigningKey({self.common_name!r}, source={self.source})"


# --- certificate checks ----------------------------------------------------------------------


def _to_cryptography(cert: Any) -> x509.Certificate:
    if isinstance(cert, x509.Certificate):
        return cert
    if hasattr(cert, "dump"):  # asn1crypto
        return x509.load_der_x509_certificate(cert.dump())
    if isinstance(cert, bytes | bytearray):
        data = bytes(cert)
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    raise TypeError(f"not a certificate: {type(cert).__name__}")


def _show(moment: datetime) -> str:
    return moment.astimezone(VIETNAM_TZ).strftime("%H:%M %d/%m/%Y")


def check_certificate_usable(cert: Any, at: datetime) -> None:
    """Refuse a certificate that may not sign at ``at``, saying why.

    Raises :class:`CertificateUnusable` with ``reason`` ``expired``, ``not_yet_valid``,
    ``key_usage`` or ``unreadable``. Accepts a ``cryptography`` or asn1crypto certificate,
    or PEM/DER bytes.
    """
    try:
        c = _to_cryptography(cert)
    except (ValueError, TypeError) as exc:
        raise CertificateUnusable(
            "unreadable",
            "Không đọc được chứng thư số; hãy chọn lại tệp khóa.",
            "The certificate cannot be read; choose the key file again.",
        ) from exc
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    who = _subject_cn(c)
    start, end = c.not_valid_before_utc, c.not_valid_after_utc
    if at > end:
        raise CertificateUnusable(
            "expired",
            f"Chứng thư số của {who} đã hết hạn lúc {_show(end)}; hãy gia hạn chứng thư rồi ký lại.",
            f"The certificate of {who} expired at {_show(end)}; renew it, then sign again.",
        )
    if at < start:
        raise CertificateUnusable(
            "not_yet_valid",
            f"Chứng thư số của {who} chỉ có hiệu lực từ {_show(start)}; hãy ký sau thời điểm đó "
            "hoặc kiểm tra đồng hồ máy tính.",
            f"The certificate of {who} is valid only from {_show(start)}; sign after that or "
            "check the computer's clock.",
        )
    try:
        ku = c.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return  # RFC 5280: no keyUsage extension means no restriction
    if not (ku.digital_signature or ku.content_commitment):
        raise CertificateUnusable(
            "key_usage",
            f"Chứng thư số của {who} không được phép dùng để ký (mục đích khóa không có "
            "digitalSignature hay nonRepudiation); hãy dùng chứng thư ký số.",
            f"The certificate of {who} may not be used for signing (its key usage has neither "
            "digitalSignature nor nonRepudiation); use a signing certificate.",
        )


def _subject_cn(c: x509.Certificate) -> str:
    attrs = c.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else c.subject.rfc4514_string()


# --- PKCS#12 ---------------------------------------------------------------------------------


def _looks_like_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12 as asn1_pkcs12  # noqa: PLC0415 -- heavy library deferred for start-up: asn1crypto

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in (
            "data",
            "signed_data",
        )
    except Exception:  # any parse failure means "not a PKCS#12 structure"
        return False


def load_pkcs12(data: bytes, password: bytes) -> SigningKey:
    """Open a .p12/.pfx file with its password and keep its key loaded."""
    from asn1crypto import keys as asn1_keys  # noqa: PLC0415 -- heavy library deferred for start-up: asn1crypto
    from asn1crypto import x509 as asn1_x509  # noqa: PLC0415 -- heavy library deferred for start-up: asn1crypto
    from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko_certvalidator

    from signing.pdf.signers import CachedKeySigner  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko, pyhanko_certvalidator

    if not data or not _looks_like_pkcs12(data):
        raise NotAPkcs12()
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password or None)
    except ValueError as exc:
        raise WrongPassword() from exc
    except Exception as exc:  # unsupported algorithms etc. inside a well-formed PFX
        raise NotAPkcs12() from exc
    if key is None:
        raise NoPrivateKey()
    if cert is None:
        raise NotAPkcs12()
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    chain = tuple(
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in extra
    )
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    signer = CachedKeySigner(
        signing_cert=signing_cert,
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs([signing_cert, *chain]),
        loaded_key=key,
    )
    return SigningKey(signer, signing_cert, chain, source="pkcs12")


# --- PKCS#11 ---------------------------------------------------------------------------------


def open_token(
    lib_path: str,
    token_label: str,
    pin: str,
    key_label: str,
    *,
    cert_label: str | None = None,
    extra_certs: tuple = (),
) -> SigningKey:
    """Log in to a PKCS#11 token (a USB token, or SoftHSM2 in tests) and find the key.

    The certificate is read from the token (label ``cert_label``, default ``key_label``),
    and every other certificate on the token joins the chain. ECDSA keys use the raw
    mechanism (the token signs a digest we compute), which SoftHSM 2.6 and many USB
    tokens need.
    """
    from pkcs11 import exceptions as p11_exc  # noqa: PLC0415 -- heavy library deferred for start-up: pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign import pkcs11 as ph_pkcs11  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if not os.path.isfile(lib_path):
        raise TokenLibraryMissing(lib_path)
    try:
        session = ph_pkcs11.open_pkcs11_session(
            lib_path, token_criteria=TokenCriteria(label=token_label), user_pin=pin
        )
    except p11_exc.PinIncorrect as exc:
        raise WrongPin() from exc
    except p11_exc.PinLocked as exc:
        raise WrongPin(locked=True) from exc
    except (p11_exc.PinLenRange, p11_exc.ArgumentsBad) as exc:
        raise WrongPin() from exc
    except p11_exc.PKCS11Error as exc:
        if "loading" in str(exc):  # python-pkcs11 could not dlopen the module
            raise TokenLibraryMissing(lib_path) from exc
        if type(exc) is p11_exc.PKCS11Error:  # raised by pyHanko itself: no token has that label
            raise TokenNotFound(token_label) from exc
        raise TokenError(type(exc).__name__) from exc
    except (OSError, RuntimeError) as exc:
        raise TokenLibraryMissing(lib_path) from exc

    label = cert_label or key_label
    try:
        signer = ph_pkcs11.PKCS11Signer(
            session, key_label=key_label, cert_label=label, other_certs_to_pull=None,
            ca_chain=list(extra_certs),
        )
        cert = signer.signing_cert  # pulls the certificate and the key handle now
        if cert.public_key.algorithm == "ec":
            signer = ph_pkcs11.PKCS11Signer(
                session, key_label=key_label, signing_cert=cert, other_certs_to_pull=None,
                ca_chain=list(extra_certs), use_raw_mechanism=True,
            )
            _ = signer.signing_cert
        chain = tuple(c for c in signer.cert_registry if c.dump() != cert.dump())
    except p11_exc.PKCS11Error as exc:
        session.close()
        if type(exc) is p11_exc.PKCS11Error:  # raised by pyHanko itself: nothing has that label
            raise KeyNotOnToken(label) from exc
        raise TokenError(type(exc).__name__) from exc
    return SigningKey(signer, cert, chain, source="pkcs11", session=session)
