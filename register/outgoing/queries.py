"""Reading outgoing documents: one record, a document's page, the list, the released bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from register.models import RegisterNumber
from register.outgoing.models import (
    OutgoingComment,
    OutgoingDispatch,
    OutgoingDocument,
    OutgoingReviewer,
    OutgoingVersion,
)
from register.outgoing.records import (
    Authority,
    CommentInfo,
    DispatchInfo,
    OutgoingDetail,
    OutgoingInfo,
    OutgoingStatus,
    OutgoingVersionInfo,
    VersionKind,
)
from store.errors import InvalidInput, NotFound
from store.models import AuditEntry, Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def outgoing_not_found(outgoing_id: object) -> NotFound:
    return NotFound(f"Không có văn bản đi số {outgoing_id}.", f"There is no outgoing document {outgoing_id}.")


def load_outgoing(session: Session, outgoing_id: int, *, lock: bool = False) -> OutgoingDocument:
    doc = session.get(OutgoingDocument, outgoing_id, with_for_update=lock or None)
    if doc is None:
        raise outgoing_not_found(outgoing_id)
    return doc


def outgoing_info(session: Session, doc: OutgoingDocument) -> OutgoingInfo:
    number = session.get(RegisterNumber, doc.number_id) if doc.number_id is not None else None
    reviewers = tuple(session.execute(select(OutgoingReviewer.person_id).where(OutgoingReviewer.outgoing_id == doc.id)
                                      .order_by(OutgoingReviewer.id)).scalars())
    shown = number is not None and doc.released_on is not None  # a number being released is not yet the document's
    return OutgoingInfo(doc.id, doc.unit_id, doc.drafting_unit_id, doc.drafter_id, doc.signer_id, doc.doc_type,
                        doc.subject, doc.classification, Authority(doc.authority), OutgoingStatus(doc.status),
                        number.number if shown and number else None, number.symbol if shown and number else None,
                        doc.released_on, doc.current_version_no, tuple(doc.recipients or ()), reviewers, doc.version,
                        doc.reply_by)


def get_outgoing(session: Session, outgoing_id: int) -> OutgoingInfo:
    return outgoing_info(session, load_outgoing(session, outgoing_id))


def list_outgoing(session: Session, *, year: int | None = None, unit_id: int | None = None,
                  status: OutgoingStatus | None = None) -> list[OutgoingInfo]:
    """Newest first; ``year``: released that year (by the release date), or created that year if not released."""
    q = select(OutgoingDocument).order_by(OutgoingDocument.id.desc())
    if unit_id is not None:
        q = q.where(OutgoingDocument.unit_id == unit_id)
    if status is not None:
        q = q.where(OutgoingDocument.status == str(status))
    out = []
    for doc in session.execute(q).scalars():
        when = doc.released_on or doc.created_at.date()
        if year is not None and when.year != year:
            continue
        out.append(outgoing_info(session, doc))
    return out


def versions_of(session: Session, outgoing_id: int) -> list[OutgoingVersionInfo]:
    rows = session.execute(select(OutgoingVersion).where(OutgoingVersion.outgoing_id == outgoing_id)
                           .order_by(OutgoingVersion.version_no)).scalars()
    return [OutgoingVersionInfo(v.version_no, VersionKind(v.kind), v.blob_sha256, v.size, v.page_count, v.filename,
                                v.note, v.created_at, v.created_by_id) for v in rows]


def current_version(session: Session, doc: OutgoingDocument) -> OutgoingVersion:
    version = session.execute(select(OutgoingVersion).where(
        OutgoingVersion.outgoing_id == doc.id, OutgoingVersion.version_no == doc.current_version_no)).scalar_one()
    return version


def _history(session: Session, outgoing_id: int) -> list[dict[str, Any]]:
    rows = session.execute(select(AuditEntry).where(AuditEntry.subject_type == "outgoing",
                                                    AuditEntry.subject_id == str(outgoing_id))
                           .order_by(AuditEntry.seq)).scalars()
    return [{"at": r.at.isoformat(), "actor_id": r.actor_id, "actor": r.actor_name, "action": r.action,
             "details": r.details} for r in rows]


def outgoing_detail(session: Session, outgoing_id: int) -> OutgoingDetail:
    doc = load_outgoing(session, outgoing_id)
    names = {pid: name for pid, name in session.execute(select(Person.id, Person.full_name))}
    comments = tuple(
        CommentInfo(c.id, c.version_no, c.author_id, names.get(c.author_id, f"#{c.author_id}"), c.text, c.agrees,
                    c.created_at, c.answered_in_version_no, c.answer)
        for c in session.execute(select(OutgoingComment).where(OutgoingComment.outgoing_id == doc.id)
                                 .order_by(OutgoingComment.id)).scalars())
    dispatches = tuple(
        DispatchInfo(d.id, d.recipient_unit_id, d.recipient_name, d.channel, d.status, d.dispatched_at, d.incoming_id)
        for d in session.execute(select(OutgoingDispatch).where(OutgoingDispatch.outgoing_id == doc.id)
                                 .order_by(OutgoingDispatch.id)).scalars())
    return OutgoingDetail(outgoing_info(session, doc), tuple(versions_of(session, doc.id)), comments, dispatches,
                          tuple(_history(session, doc.id)))


def released_version(session: Session, outgoing_id: int) -> OutgoingVersionInfo:
    """The file as sent: the version the organisation signed at release."""
    doc = load_outgoing(session, outgoing_id)
    if doc.status not in (OutgoingStatus.RELEASED, OutgoingStatus.CANCELLED):
        status = OutgoingStatus(doc.status)
        raise InvalidInput(f"Văn bản chưa phát hành (đang ở bước '{status.vi}'); chưa có tệp đã gửi đi.",
                           f"The document is not released yet ({status.value}); there is no file as sent.")
    released = [v for v in versions_of(session, doc.id) if v.kind is VersionKind.RELEASED]
    return released[-1]
