"""People's registered signing certificates: the roster source of every signing request.

A signer is matched to the roster BY CERTIFICATE (its SHA-256 fingerprint, or its issuer and
serial number), never by the name written in it: anyone can make a self-signed certificate
carrying the chair's name. A certificate is registered to a person when the office test CA
issues it, or when the person brings a certificate from a licensed CA (their .p12 or the
certificate file) and an administrator registers it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from signing.models import PersonCertificate
from signing.verify.report import RosterEntry
from store.directory import get_person
from store.errors import InvalidInput
from store.models import Person

if TYPE_CHECKING:
    from cryptography import x509
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


@dataclass(frozen=True)
class CertificateFacts:
    """What we keep about any certificate, read once with ``cryptography``."""

    der: bytes
    sha256: str
    subject: str
    common_name: str
    issuer: str
    serial: int
    not_before: datetime
    not_after: datetime
    is_ca: bool


@dataclass(frozen=True)
class CertificateInfo:
    """A certificate registered to a person."""

    id: int
    person_id: int
    sha256: str
    subject: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    source: str
    added_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "person_id": self.person_id, "sha256": self.sha256, "subject": self.subject,
                "issuer": self.issuer, "serial": self.serial, "not_before": self.not_before.isoformat(),
                "not_after": self.not_after.isoformat(), "source": self.source}


def _load(cert: Any) -> x509.Certificate:
    from cryptography import x509  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    if isinstance(cert, x509.Certificate):
        return cert
    if hasattr(cert, "dump"):  # asn1crypto, as pyHanko hands it out
        return x509.load_der_x509_certificate(cert.dump())
    if isinstance(cert, bytes | bytearray):
        data = bytes(cert)
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    raise TypeError(type(cert).__name__)


def certificate_facts(cert: Any) -> CertificateFacts:
    """Fingerprint, names and validity of a certificate (``cryptography``/asn1crypto object,
    PEM or DER bytes); a file that is not a certificate gets a plain message."""
    from cryptography import x509  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    try:
        c = _load(cert)
        der = c.public_bytes(serialization.Encoding.DER)
        subject = c.subject.rfc4514_string()
        issuer = c.issuer.rfc4514_string()
    except (ValueError, TypeError) as exc:
        raise InvalidInput(
            "Tệp không phải là chứng thư số hợp lệ (PEM hoặc DER); hãy chọn đúng tệp chứng thư.",
            "The file is not a valid certificate (PEM or DER); choose the right certificate file.",
        ) from exc
    cns = c.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    try:
        is_ca = bool(c.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        is_ca = False
    return CertificateFacts(
        der=der, sha256=hashlib.sha256(der).hexdigest(), subject=subject,
        common_name=str(cns[0].value) if cns else subject, issuer=issuer, serial=c.serial_number,
        not_before=c.not_valid_before_utc, not_after=c.not_valid_after_utc, is_ca=is_ca,
    )


def _info(row: PersonCertificate) -> CertificateInfo:
    return CertificateInfo(row.id, row.person_id, row.sha256, row.subject, row.issuer, row.serial,
                           row.not_before, row.not_after, row.source, row.added_at)


def register_certificate(uow: UnitOfWork, person_id: int, cert: Any, *, source: str = "import") -> CertificateInfo:
    """Register ``cert`` as one of ``person_id``'s signing certificates (idempotent).

    Refused: a CA certificate, or a certificate already registered to someone else (one
    certificate, one person: otherwise the roster could not say who signed).
    """

    facts = certificate_facts(cert)
    person = get_person(uow.session, person_id)
    if facts.is_ca:
        raise InvalidInput(
            "Đây là chứng thư của tổ chức cấp chứng thư (CA), không phải chứng thư ký của một người; "
            "hãy chọn chứng thư của người ký.",
            "This is a certificate authority's certificate, not a person's signing certificate; "
            "choose the signer's certificate.",
        )
    row = uow.session.execute(select(PersonCertificate).where(PersonCertificate.sha256 == facts.sha256)).scalar_one_or_none()
    if row is not None:
        if row.person_id == person_id:
            return _info(row)
        owner = uow.session.get(Person, row.person_id)
        owner_name = owner.full_name if owner else f"#{row.person_id}"
        raise InvalidInput(
            f"Chứng thư này đã được đăng ký cho {owner_name}; mỗi chứng thư chỉ thuộc về một người.",
            f"This certificate is already registered to {owner_name}; a certificate belongs to one person only.",
        )
    row = PersonCertificate(
        person_id=person_id, unit_id=person.unit_id, sha256=facts.sha256, subject=facts.subject,
        issuer=facts.issuer, serial=str(facts.serial), der=facts.der, not_before=facts.not_before,
        not_after=facts.not_after, source=source, added_at=uow.now(), added_by_id=uow.actor_id,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.record("certificate.register", "person", person_id,
               {"sha256": facts.sha256, "subject": facts.subject, "issuer": facts.issuer, "source": source,
                "not_after": facts.not_after.isoformat()}, unit_id=person.unit_id)
    return _info(row)


def list_certificates(session: Session, person_id: int) -> list[CertificateInfo]:
    rows = session.execute(select(PersonCertificate).where(PersonCertificate.person_id == person_id)
                           .order_by(PersonCertificate.id)).scalars()
    return [_info(r) for r in rows]


def certificate_registered_to(session: Session, person_id: int, sha256: str) -> bool:
    return session.execute(select(PersonCertificate.id).where(
        PersonCertificate.person_id == person_id, PersonCertificate.sha256 == sha256.lower())).first() is not None


def person_for_certificate(session: Session, sha256: str) -> int | None:
    return session.execute(select(PersonCertificate.person_id)
                           .where(PersonCertificate.sha256 == sha256.lower())).scalar_one_or_none()


def roster_for(session: Session, person_ids: Iterable[int]) -> list[RosterEntry]:
    """One roster entry per registered certificate of each person (a person may hold several,
    e.g. a renewed one); a person without a certificate matches no signer."""

    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return []
    rows = session.execute(select(PersonCertificate, Person.full_name).join(Person, Person.id == PersonCertificate.person_id)
                           .where(PersonCertificate.person_id.in_(ids)).order_by(PersonCertificate.id)).all()
    # Pinned by fingerprint only: issuer and serial are just names and numbers that a forged
    # certificate can copy.
    return [RosterEntry(name=name, cert_sha256=row.sha256) for row, name in rows]
