"""The office TEST CA, kept in the store, so demos and tests can sign out of the box.

THIS IS A TEST CA. Its private key is kept in the store, unencrypted, readable by every
desktop that can open the store: anyone with access could issue certificates in its name.
Real offices sign with certificates from a licensed provider (Ban Cơ yếu Chính phủ,
VNPT-CA, Viettel-CA, ...) and add that provider's root with ``nghisu trust add``.

``init_office_ca`` creates it once and adds its root to the trust store;
``issue_certificate`` issues a person's signing certificate (name, e-mail, unit and
organisation from the directory; digitalSignature + nonRepudiation) and registers it to
that person, so the roster recognises their signatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from signing.keys.ca import (
    IssuedCertificate,
    KeyKind,
    OfficeCA,
    create_office_ca,
    issue_person_certificate,
    load_office_ca,
)
from signing.keys.certificates import CertificateInfo, certificate_facts, register_certificate
from signing.keys.truststore import add_trust_roots
from signing.models import OfficeTestCA
from store.directory import get_person, get_unit
from store.errors import InvalidInput, NotFound
from store.models import Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

TEST_CA_PREFIX = "CA THỬ NGHIỆM"


@dataclass(frozen=True)
class OfficeCaInfo:
    sha256: str
    subject: str
    common_name: str
    cert_pem: bytes
    created_at: datetime
    not_after: datetime


@dataclass(frozen=True)
class IssuedForPerson:
    """A certificate just issued (with its key, in memory only) and its registration."""

    issued: IssuedCertificate
    registration: CertificateInfo


class OfficeCaExists(InvalidInput):
    def __init__(self, info: OfficeCaInfo) -> None:
        super().__init__(
            f"Kho dữ liệu đã có CA thử nghiệm “{info.common_name}” (SHA-256 {info.sha256[:16]}…); không tạo lại.",
            f"The store already has a test CA “{info.common_name}” (SHA-256 {info.sha256[:16]}…); nothing was created.",
        )
        self.info = info


class NoOfficeCa(NotFound):
    def __init__(self) -> None:
        super().__init__(
            "Kho dữ liệu chưa có CA thử nghiệm; hãy chạy `nghisu ca init` trước.",
            "The store has no test CA yet; run `nghisu ca init` first.",
        )


def _info(row: OfficeTestCA) -> OfficeCaInfo:
    facts = certificate_facts(row.cert_pem.encode("ascii"))
    return OfficeCaInfo(row.sha256, row.subject, facts.common_name, row.cert_pem.encode("ascii"), row.created_at,
                        facts.not_after)


def office_ca_info(session: Session) -> OfficeCaInfo | None:
    row = session.get(OfficeTestCA, 1)
    return _info(row) if row is not None else None


def load_ca(session: Session) -> OfficeCA:
    """The test CA with its key, or ``NoOfficeCa``."""
    row = session.get(OfficeTestCA, 1)
    if row is None:
        raise NoOfficeCa()
    return load_office_ca(row.cert_pem.encode("ascii"), row.key_pem.encode("ascii"))


def _organisation_of(session: Session, unit_id: int | None) -> str:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit is None:
        unit = session.execute(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.id)).scalars().first()
    if unit is None:
        return "Văn phòng Ủy ban nhân dân"
    return unit.official_name  # as its papers write it; never derived from the unit's name


def init_office_ca(uow: UnitOfWork, *, organization: str | None = None, common_name: str | None = None,
                   unit_id: int | None = None, key: KeyKind = "rsa2048") -> OfficeCaInfo:
    """Create the office test CA (once) and trust its root; ``OfficeCaExists`` the second time."""
    s = uow.session
    existing = s.get(OfficeTestCA, 1, with_for_update=True)
    if existing is not None:
        raise OfficeCaExists(_info(existing))
    org = (organization or _organisation_of(s, unit_id)).strip()
    name = (common_name or f"{TEST_CA_PREFIX} — {org}").strip()
    ca = create_office_ca(name, organization=org, now=uow.now(), valid_years=20, key=key)
    facts = certificate_facts(ca.cert)
    row = OfficeTestCA(id=1, sha256=facts.sha256, subject=facts.subject, cert_pem=ca.cert_pem.decode("ascii"),
                       key_pem=ca.key_pem.decode("ascii"), unit_id=unit_id, created_at=uow.now(),
                       created_by_id=uow.actor_id)
    s.add(row)
    s.flush()
    uow.record("ca.init", "office_ca", 1, {"sha256": facts.sha256, "subject": facts.subject, "test_ca": True},
               unit_id=unit_id)
    add_trust_roots(uow, ca.cert_pem, note="CA thử nghiệm của văn phòng (test CA)", unit_id=unit_id)
    return _info(row)


def ensure_office_ca(uow: UnitOfWork, **kwargs) -> tuple[OfficeCaInfo, bool]:
    """The test CA, created if missing: ``(info, created)`` (the demo runs this every time)."""
    existing = office_ca_info(uow.session)
    if existing is not None:
        return existing, False
    return init_office_ca(uow, **kwargs), True


def issue_certificate(uow: UnitOfWork, person_id: int, *, key: KeyKind = "rsa2048",
                      valid_days: int = 730) -> IssuedForPerson:
    """Issue a signing certificate for a person from the directory and register it to them.

    The key exists only in the returned object: the caller hands it out (a .p12 file with a
    password) or uses it right away; the store keeps the certificate, never the person's key.
    """

    if not 1 <= valid_days <= 3650:
        raise InvalidInput("Thời hạn chứng thư phải từ 1 đến 3650 ngày.",
                           "A certificate's validity must be 1 to 3650 days.")
    ca = load_ca(uow.session)
    person = get_person(uow.session, person_id)
    if not person.active:
        raise InvalidInput(f"{person.full_name} không còn hoạt động; không cấp chứng thư.",
                           f"{person.full_name} is no longer active; no certificate was issued.")
    unit = get_unit(uow.session, person.unit_id)
    issued = issue_person_certificate(
        ca, full_name=person.full_name, email=person.email, organization=_organisation_of(uow.session, unit.id),
        unit=unit.name, now=uow.now(), valid_days=valid_days, key=key,
    )
    registration = register_certificate(uow, person_id, issued.cert, source="office_ca")
    uow.record("ca.issue", "person", person_id,
               {"sha256": registration.sha256, "subject": registration.subject, "key": key,
                "not_after": registration.not_after.isoformat(), "test_ca": True}, unit_id=person.unit_id)
    return IssuedForPerson(issued, registration)
