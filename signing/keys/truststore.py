"""The installation's trust store: the root certificates this office trusts.

A signature is only ``valid`` when its signer's certificate chains to one of these roots
(``trust_roots(session)`` hands them to the verifier). Roots come from the office's CA
provider as PEM or DER files, bundles included; every addition and removal is an audit row,
because changing what is trusted changes what every later verification says.
"""

from __future__ import annotations

import base64
import textwrap
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from signing.keys.certificates import certificate_facts
from signing.keys.trust_list import StoreRoot
from signing.keys.trust_roots import TrustRoots, load_certificate_file, load_certificates
from signing.models import TrustRoot
from store.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


@dataclass(frozen=True)
class TrustRootInfo:
    id: int
    sha256: str
    subject: str
    not_after: datetime | None
    note: str
    added_at: datetime
    added_by_id: int | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "sha256": self.sha256, "subject": self.subject,
                "not_after": self.not_after.isoformat() if self.not_after else None, "note": self.note,
                "added_at": self.added_at.isoformat(), "added_by_id": self.added_by_id}


@dataclass(frozen=True)
class TrustAddResult:
    """Roots newly trusted, and those the store already held (nothing changed for them)."""

    added: tuple[TrustRootInfo, ...]
    already: tuple[TrustRootInfo, ...]


def _info(row: TrustRoot) -> TrustRootInfo:
    return TrustRootInfo(row.id, row.sha256, row.subject, row.not_after, row.note, row.added_at, row.added_by_id)


def add_trust_roots(uow: UnitOfWork, data: bytes, *, note: str = "", unit_id: int | None = None,
                    source: str = "") -> TrustAddResult:
    """Trust every certificate in ``data`` (one DER certificate or a PEM bundle)."""

    ders = load_certificates(data, source=source)
    added: list[TrustRootInfo] = []
    already: list[TrustRootInfo] = []
    for der in ders:
        facts = certificate_facts(der)
        row = uow.session.execute(select(TrustRoot).where(TrustRoot.sha256 == facts.sha256)).scalar_one_or_none()
        if row is not None:
            already.append(_info(row))
            continue
        row = TrustRoot(sha256=facts.sha256, subject=facts.subject, der=facts.der, not_after=facts.not_after,
                        note=note.strip()[:300], unit_id=unit_id, added_at=uow.now(), added_by_id=uow.actor_id)
        uow.session.add(row)
        uow.session.flush()
        uow.record("trust.add", "trust_root", row.id,
                   {"sha256": facts.sha256, "subject": facts.subject, "ca": facts.is_ca, "note": row.note},
                   unit_id=unit_id)
        added.append(_info(row))
    return TrustAddResult(tuple(added), tuple(already))


def add_trust_root_file(uow: UnitOfWork, path: str | Path, *, note: str = "", unit_id: int | None = None) -> TrustAddResult:
    """``add_trust_roots`` on a PEM/DER file; a missing or unreadable file gets a plain message."""
    ders = load_certificate_file(path)
    return add_trust_roots(uow, b"".join(_pem(d) for d in ders), note=note or Path(path).name, unit_id=unit_id,
                           source=str(path))


def _pem(der: bytes) -> bytes:
    body = "\n".join(textwrap.wrap(base64.b64encode(der).decode("ascii"), 64))
    return f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n".encode("ascii")


def list_trust_roots(session: Session) -> list[TrustRootInfo]:
    return [_info(r) for r in session.execute(select(TrustRoot).order_by(TrustRoot.id)).scalars()]


def _find(session: Session, ref: int | str) -> TrustRoot:
    """A root by id, or by its fingerprint (hex, colons allowed, at least 8 leading digits)."""

    text = str(ref).strip().lower().replace(":", "")
    row = None
    if text.isdigit() and len(text) < 8:
        row = session.get(TrustRoot, int(text))
    elif len(text) >= 8 and all(c in "0123456789abcdef" for c in text):
        rows = session.execute(select(TrustRoot).where(TrustRoot.sha256.startswith(text))).scalars().all()
        if len(rows) > 1:
            raise InvalidInput(
                f"Có nhiều chứng thư gốc bắt đầu bằng {text}; hãy nhập dấu vân tay dài hơn.",
                f"Several trust roots start with {text}; type more of the fingerprint.",
            )
        row = rows[0] if rows else None
    if row is None:
        raise NotFound(
            f"Không có chứng thư gốc '{ref}' trong kho tin cậy; xem danh sách bằng `nghisu trust list`.",
            f"There is no trust root '{ref}' in the trust store; see `nghisu trust list`.",
        )
    return row


def remove_trust_root(uow: UnitOfWork, ref: int | str) -> TrustRootInfo:
    """Stop trusting a root. Signatures chaining only to it then read ``cannot_verify``."""
    row = _find(uow.session, ref)
    info = _info(row)
    uow.session.delete(row)
    uow.session.flush()
    uow.record("trust.remove", "trust_root", info.id, {"sha256": info.sha256, "subject": info.subject},
               unit_id=row.unit_id)
    return info


def list_trust_roots_with_der(session: Session) -> tuple[StoreRoot, ...]:
    """The trust list with each root's certificate, as ``trust_list.read_store_roots`` gives it."""

    return tuple(StoreRoot(r.id, r.sha256, r.subject, r.der)
                 for r in session.execute(select(TrustRoot).order_by(TrustRoot.id)).scalars())


def trust_roots(session: Session) -> TrustRoots:
    """The installation's roots, as the verifier takes them."""

    return TrustRoots(tuple(session.execute(select(TrustRoot.der).order_by(TrustRoot.id)).scalars()))
