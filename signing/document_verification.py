"""Verify a stored document version and keep the JSON report with it.

The verifier (``signing.verify.service.verify_pdf``, in a worker process, failing closed) gets the
installation's trust roots and, when the document has signing requests, a roster built from
the registered certificates of every person on them, so a signer is recognised by
certificate and never by the name a certificate claims. Verification runs outside any
transaction; only storing the report takes the store's write lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from documents.library import document_not_found
from documents.models import Document, DocumentVersion
from signing.keys.certificates import roster_for
from signing.keys.truststore import trust_roots
from signing.models import SigningRequest, SigningSlot, VerificationRecord
from signing.verify.report import VerificationReport
from signing.verify.service import verify_pdf
from store.errors import NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.engine import Store


@dataclass(frozen=True)
class StoredVerification:
    """One verification of one document version, as stored."""

    id: int
    document_id: int
    version_id: int
    version_no: int
    meeting_id: int
    verdict: str
    report: VerificationReport
    verified_at: datetime
    verified_by_id: int | None
    with_roster: bool

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "document_id": self.document_id, "version_no": self.version_no,
                "verdict": self.verdict, "verified_at": self.verified_at.isoformat(),
                "verified_by_id": self.verified_by_id, "with_roster": self.with_roster,
                "report": self.report.to_dict()}


def _stored(row: VerificationRecord, version_no: int) -> StoredVerification:
    body = dict(row.report)
    with_roster = bool(body.pop("_with_roster", False))
    return StoredVerification(row.id, row.document_id, row.version_id, version_no, row.meeting_id, row.verdict,
                              VerificationReport.from_dict(body), row.verified_at, row.verified_by_id, with_roster)


def _version(session: Session, document_id: int, version_no: int | None) -> tuple[Document, DocumentVersion]:
    doc = session.get(Document, document_id)
    if doc is None:
        raise document_not_found(document_id)
    wanted = doc.current_version_no if version_no is None else version_no
    version = session.execute(select(DocumentVersion).where(DocumentVersion.document_id == document_id,
                                                            DocumentVersion.version_no == wanted)).scalar_one_or_none()
    if version is None:
        raise NotFound(f"Tài liệu {document_id} không có phiên bản {wanted} (có 1–{doc.current_version_no}).",
                       f"Document {document_id} has no version {wanted} (it has 1–{doc.current_version_no}).")
    return doc, version


def roster_for_document(session: Session, document_id: int):
    """The expected signers of a document (None when it has no signing request)."""

    person_ids = session.execute(select(SigningSlot.person_id).join(SigningRequest, SigningRequest.id == SigningSlot.request_id)
                                 .where(SigningRequest.document_id == document_id,
                                        SigningRequest.status != "cancelled")
                                 .order_by(SigningRequest.id, SigningSlot.position)).scalars().all()
    if not person_ids:
        return None
    return roster_for(session, person_ids)


def verify_document(store: Store, document_id: int, *, version_no: int | None = None,
                    actor_id: int | None = None) -> StoredVerification:
    """Verify the stored bytes of a document version (default: the newest) and store the report."""

    with store.read() as s:
        doc, version = _version(s, document_id, version_no)
        version_id, number, sha = version.id, version.version_no, version.blob_sha256
        meeting_id, unit_id = doc.meeting_id, doc.unit_id
        trust = trust_roots(s)
        roster = roster_for_document(s, document_id)
    data = store.blobs.get(sha)
    report = verify_pdf(data, trust=trust, roster=roster)
    body = report.to_dict()
    body["_with_roster"] = roster is not None
    with store.uow(actor_id) as uow:
        row = VerificationRecord(document_id=document_id, version_id=version_id, meeting_id=meeting_id,
                                 unit_id=unit_id, verdict=report.verdict, report=body, verified_at=uow.now(),
                                 verified_by_id=actor_id)
        uow.session.add(row)
        uow.session.flush()
        uow.record("document.verify", "document", document_id,
                   {"version": number, "verdict": report.verdict, "signatures": len(report.signatures),
                    "report_id": row.id}, meeting_id=meeting_id, unit_id=unit_id)
        uow.commit()
    return _stored(row, number)


def latest_verification(session: Session, document_id: int, *, version_no: int | None = None) -> StoredVerification | None:
    """The newest stored verification of the document (of one version when ``version_no`` is given)."""

    q = (select(VerificationRecord, DocumentVersion.version_no)
         .join(DocumentVersion, DocumentVersion.id == VerificationRecord.version_id)
         .where(VerificationRecord.document_id == document_id))
    if version_no is not None:
        q = q.where(DocumentVersion.version_no == version_no)
    found = session.execute(q.order_by(VerificationRecord.id.desc()).limit(1)).first()
    return _stored(found[0], found[1]) if found else None
