"""Circulation: who received which version, who opened it, what they read; recall.

Publishing a meeting sends the current version of each of its documents to every
recipient (a delivery row per person and version). Readers report receipts through
``record_opened`` / ``record_pages_read``; summaries answer "Đakrông: 12/15 đã mở" and
"who has not opened this?".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import case, func, select

from documents.classified import service as classified
from documents.classified.service import revoke_keys
from documents.models import Delivery, Document, DocumentVersion
from documents.search.service import unindex_document
from store.codes import Classification
from store.errors import InvalidInput, NotFound, PermissionDenied
from store.models import Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


@dataclass(frozen=True)
class Recipient:
    person_id: int
    site_unit_id: int | None = None  # None: the host's own hall


@dataclass(frozen=True)
class SiteReceipts:
    site_unit_id: int | None
    site_name: str
    delivered: int
    opened: int

    def line(self) -> str:
        return f"{self.site_name}: {self.opened}/{self.delivered} đã mở"

    def as_json(self) -> dict:
        return {"site_unit_id": self.site_unit_id, "site": self.site_name, "delivered": self.delivered,
                "opened": self.opened}


@dataclass(frozen=True)
class PersonReceipt:
    document_id: int
    version_no: int
    person_id: int
    full_name: str
    site_unit_id: int | None
    delivered_at: object
    first_opened_at: object | None
    last_read_at: object | None
    pages_read: int
    changed_since_opened: bool

    def as_json(self) -> dict:
        return {"document_id": self.document_id, "version": self.version_no, "person_id": self.person_id,
                "full_name": self.full_name, "site_unit_id": self.site_unit_id,
                "delivered_at": str(self.delivered_at),
                "first_opened_at": str(self.first_opened_at) if self.first_opened_at else None,
                "last_read_at": str(self.last_read_at) if self.last_read_at else None,
                "pages_read": self.pages_read, "changed_since_opened": self.changed_since_opened}


class DocumentRecalled(PermissionDenied):
    def __init__(self, title: str) -> None:
        super().__init__(f"Tài liệu '{title}' đã bị thu hồi và không còn được xem.",
                         f"The document '{title}' was recalled and can no longer be shown.")


def circulate(uow: UnitOfWork, meeting_id: int, recipients: Sequence[Recipient]) -> int:
    """Deliver every current, non-recalled document of the meeting to every recipient.

    Idempotent: what was already delivered is not delivered twice. Returns new rows.
    """

    s = uow.session
    docs = s.execute(select(Document).where(Document.meeting_id == meeting_id, Document.recalled_at.is_(None))).scalars().all()
    if not docs:
        return 0
    version_ids = [d.current_version_id for d in docs]
    have = set(s.execute(select(Delivery.version_id, Delivery.person_id).where(Delivery.version_id.in_(version_ids))).all())
    now = uow.now()
    rows = [
        {"meeting_id": meeting_id, "document_id": d.id, "version_id": d.current_version_id, "person_id": r.person_id,
         "site_unit_id": r.site_unit_id, "delivered_at": now, "pages_read": []}
        for d in docs for r in recipients if (d.current_version_id, r.person_id) not in have
    ]
    if rows:
        s.execute(Delivery.__table__.insert(), rows)
        uow.record("meeting.circulate", "meeting", meeting_id,
                   {"documents": len(docs), "recipients": len(recipients), "deliveries": len(rows)},
                   meeting_id=meeting_id)
    return len(rows)


def redeliver_new_version(uow: UnitOfWork, doc: Document, old_version_id: int | None, old_no: int, new_version_id: int) -> int:
    """Send a new version to everyone who had the old one; flag it for those who opened it."""

    if old_version_id is None:
        return 0
    s = uow.session
    olds = s.execute(select(Delivery).where(Delivery.version_id == old_version_id)).scalars().all()
    now = uow.now()
    rows = [{"meeting_id": d.meeting_id, "document_id": doc.id, "version_id": new_version_id, "person_id": d.person_id,
             "site_unit_id": d.site_unit_id, "delivered_at": now, "pages_read": [],
             "changed_from_version_no": old_no if d.first_opened_at is not None else None}
            for d in olds]
    if rows:
        s.execute(Delivery.__table__.insert(), rows)
    return len(rows)


def _current_delivery(s: Session, document_id: int, person_id: int) -> tuple[Document, Delivery]:
    doc = s.get(Document, document_id)
    if doc is None:
        raise NotFound(f"Không có tài liệu số {document_id}.", f"There is no document {document_id}.")
    if doc.recalled_at is not None:
        raise DocumentRecalled(doc.title)
    delivery = s.execute(select(Delivery).where(Delivery.version_id == doc.current_version_id,
                                                Delivery.person_id == person_id)).scalar_one_or_none()
    if delivery is None:
        raise PermissionDenied("Tài liệu này chưa được gửi tới bạn.", "This document has not been sent to you.")
    return doc, delivery


def record_opened(uow: UnitOfWork, document_id: int, person_id: int) -> None:
    doc, delivery = _current_delivery(uow.session, document_id, person_id)
    now = uow.now()
    first = delivery.first_opened_at is None
    if first:
        delivery.first_opened_at = now
    delivery.last_read_at = now
    if delivery.changed_from_version_no is not None and delivery.change_seen_at is None:
        delivery.change_seen_at = now
    uow.session.flush()
    if first:
        uow.record("document.open", "document", document_id, {"person_id": person_id, "version": doc.current_version_no},
                   meeting_id=doc.meeting_id)


def record_pages_read(uow: UnitOfWork, document_id: int, person_id: int, pages: Iterable[int]) -> int:
    """Add pages to what the person has read of the current version; returns the total."""
    doc, delivery = _current_delivery(uow.session, document_id, person_id)
    version = uow.session.get(DocumentVersion, doc.current_version_id)
    wanted = set(pages)
    bad = [p for p in wanted if not 1 <= p <= version.page_count]
    if bad:
        raise InvalidInput(f"Trang {bad[0]} không có trong tài liệu ({version.page_count} trang).",
                           f"Page {bad[0]} is not in the document ({version.page_count} pages).")
    now = uow.now()
    if delivery.first_opened_at is None:
        delivery.first_opened_at = now
    delivery.pages_read = sorted(set(delivery.pages_read or []) | wanted)
    delivery.last_read_at = now
    uow.session.flush()
    return len(delivery.pages_read)


def open_for_reading(uow: UnitOfWork, document_id: int, person_id: int, *, private_key=None,
                     passphrase: str | None = None) -> bytes:
    """The current version's bytes for a reader, recording the receipt; recalled → refused.

    Classified papers are decrypted with the reader's private key (or their passphrase,
    which is checked first, before anything about the document is looked up).
    """

    if private_key is None and passphrase is not None:
        private_key = classified.unlock_private_key(uow.session, person_id, passphrase)
    doc, _ = _current_delivery(uow.session, document_id, person_id)
    if classified.is_classified(doc.classification):
        if private_key is None:
            raise PermissionDenied("Tài liệu mật: hãy nhập cụm mật khẩu khóa giải mã của bạn để mở.",
                                   "A classified paper: enter your key's passphrase to open it.")
        data = classified.open_classified(uow, document_id, person_id, private_key)
        record_opened(uow, document_id, person_id)
        return data
    record_opened(uow, document_id, person_id)
    version = uow.session.get(DocumentVersion, doc.current_version_id)
    return uow.get_blob(version.blob_sha256)


def recall_documents(uow: UnitOfWork, meeting_id: int, document_ids: Sequence[int] | None = None, *,
                     classified_only: bool = True) -> list[int]:
    """Mark documents recalled; readers refuse them from now on. Callers check the meeting."""

    s = uow.session
    q = select(Document).where(Document.meeting_id == meeting_id, Document.recalled_at.is_(None))
    if document_ids is not None:
        q = q.where(Document.id.in_(document_ids))
    if classified_only:
        q = q.where(Document.classification != Classification.THUONG)
    recalled = []
    for doc in s.execute(q).scalars():
        doc.recalled_at = uow.now()
        doc.recalled_by_id = uow.actor_id
        unindex_document(uow, doc.id)
        if doc.classification != Classification.THUONG:  # nobody but the custodians can decrypt it any more

            revoke_keys(uow, doc.id, keep=(doc.created_by_id, uow.actor_id))
        recalled.append(doc.id)
        uow.record("document.recall", "document", doc.id, {"title": doc.title}, meeting_id=meeting_id)
    s.flush()
    return recalled


def receipts_by_site(session: Session, meeting_id: int, host_name: str) -> list[SiteReceipts]:
    """Per site: deliveries of current versions and how many were opened."""

    rows = session.execute(
        select(Delivery.site_unit_id, func.count(), func.sum(case((Delivery.first_opened_at.is_not(None), 1), else_=0)))
        .join(Document, Document.current_version_id == Delivery.version_id)
        .where(Delivery.meeting_id == meeting_id, Document.recalled_at.is_(None))
        .group_by(Delivery.site_unit_id)
    ).all()
    names = {u.id: u.name for u in session.execute(select(Unit).where(Unit.id.in_([r[0] for r in rows if r[0]]))).scalars()}
    out = [SiteReceipts(site, names.get(site, host_name) if site else host_name, total, int(opened or 0))
           for site, total, opened in rows]
    return sorted(out, key=lambda r: (r.site_unit_id is not None, r.site_name))


def receipts_for_meeting(session: Session, meeting_id: int) -> list[PersonReceipt]:
    rows = session.execute(
        select(Delivery, Person.full_name, Document.current_version_no)
        .join(Document, Document.current_version_id == Delivery.version_id)
        .join(Person, Person.id == Delivery.person_id)
        .where(Delivery.meeting_id == meeting_id).order_by(Delivery.document_id, Delivery.person_id)
    ).all()
    return [PersonReceipt(d.document_id, no, d.person_id, name, d.site_unit_id, d.delivered_at, d.first_opened_at,
                          d.last_read_at, len(d.pages_read or []),
                          d.changed_from_version_no is not None and d.change_seen_at is None)
            for d, name, no in rows]


def not_opened(session: Session, document_id: int) -> list[PersonReceipt]:
    """Who has received the current version of a document and not opened it yet."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(f"Không có tài liệu số {document_id}.", f"There is no document {document_id}.")
    return [r for r in receipts_for_meeting(session, doc.meeting_id)
            if r.document_id == document_id and r.first_opened_at is None]
