"""The outgoing queue: queue a message for its recipients, list where each copy stands, record
an attempt.

Queuing writes the message and one delivery per recipient in the caller's transaction; sending
(``mail.sender``) happens later, outside any transaction. A delivery moves only from queued to
sent or refused; a deferral (the server's 4xx) keeps it queued with the time of the next try.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, text, update
from sqlalchemy.exc import DBAPIError

from mail.account import check_address
from mail.codes import DeliveryStatus, MailKind
from mail.models import MailDelivery, MailMessage
from mail.settings import get_mail_account
from store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

#: A deferred copy is tried again after 5 minutes, then 10, 20 … at most 6 hours apart.
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=6)


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class Attachment:
    """A stored file sent as it is: its blob, the name it is sent under, its size."""

    sha256: str
    filename: str
    size: int


@dataclass(frozen=True)
class QueuedMail:
    message_id: int
    delivery_ids: tuple[int, ...]
    subject: str
    #: Who could not be queued and why (no e-mail address in the directory, say).
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeliveryInfo:
    id: int
    message_id: int
    kind: MailKind
    subject: str
    address: str
    name: str
    status: DeliveryStatus
    attempts: int
    queued_at: datetime
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    sent_at: datetime | None
    reply: str
    meeting_id: int | None
    document_id: int | None

    def as_json(self) -> dict[str, object]:
        def iso(d: datetime | None) -> str | None:
            return d.isoformat() if d else None

        return {"id": self.id, "message_id": self.message_id, "kind": str(self.kind), "subject": self.subject,
                "address": self.address, "name": self.name, "status": str(self.status), "attempts": self.attempts,
                "queued_at": iso(self.queued_at), "next_attempt_at": iso(self.next_attempt_at),
                "last_attempt_at": iso(self.last_attempt_at), "sent_at": iso(self.sent_at), "reply": self.reply,
                "meeting_id": self.meeting_id, "document_id": self.document_id}


def _message_ref(session: Session, unit_id: int) -> str:
    account = get_mail_account(session, unit_id)
    domain = account.address.rsplit("@", 1)[1] if account else "nghisu.invalid"
    return f"<nghisu.{uuid.uuid4().hex}@{domain}>"


def queue_mail(uow: UnitOfWork, *, unit_id: int, kind: MailKind, subject: str, body: str,
               recipients: list[Recipient], meeting_id: int | None = None, document_id: int | None = None,
               attachment: Attachment | None = None, calendar: str | None = None,
               skipped: tuple[str, ...] = ()) -> QueuedMail:
    """Queue one message for each recipient (an address given twice is queued once)."""
    subject = " ".join(subject.split())
    if not subject:
        raise InvalidInput("Thư cần có tiêu đề.", "A message needs a subject.")
    unique: dict[str, Recipient] = {}
    for r in recipients:
        address = check_address(r.address, f"Địa chỉ thư của {r.name or 'người nhận'}").lower()
        unique.setdefault(address, Recipient(address, r.name, r.person_id))
    if not unique:
        raise InvalidInput("Không có người nhận nào có địa chỉ thư; hãy thêm địa chỉ trong danh bạ hoặc nhập --to.",
                           "No recipient has an e-mail address; add one in the directory or give --to.")
    now = uow.now()
    message = MailMessage(unit_id=unit_id, kind=kind, meeting_id=meeting_id, document_id=document_id,
                          subject=subject[:500], body=body,
                          attachment_sha256=attachment.sha256 if attachment else None,
                          attachment_name=attachment.filename if attachment else "",
                          attachment_size=attachment.size if attachment else 0,
                          calendar=calendar, message_ref=_message_ref(uow.session, unit_id),
                          created_at=now, created_by_id=uow.actor_id)
    uow.session.add(message)
    uow.session.flush()
    deliveries = [MailDelivery(message_id=message.id, unit_id=unit_id, meeting_id=meeting_id, address=r.address,
                               name=r.name, person_id=r.person_id, status=DeliveryStatus.QUEUED, attempts=0,
                               queued_at=now, reply="")
                  for r in unique.values()]
    uow.session.add_all(deliveries)
    uow.session.flush()
    uow.record("mail.queued", "mail_message", message.id,
               {"kind": str(kind), "subject": message.subject, "recipients": sorted(unique),
                "attachment_sha256": message.attachment_sha256, "document_id": document_id},
               meeting_id=meeting_id, unit_id=unit_id)
    return QueuedMail(message.id, tuple(d.id for d in deliveries), message.subject, skipped)


def _info(d: MailDelivery, m: MailMessage) -> DeliveryInfo:
    return DeliveryInfo(d.id, m.id, MailKind(m.kind), m.subject, d.address, d.name, DeliveryStatus(d.status),
                        d.attempts, d.queued_at, d.next_attempt_at, d.last_attempt_at, d.sent_at, d.reply,
                        m.meeting_id, m.document_id)


def list_deliveries(session: Session, *, unit_id: int | None = None, status: DeliveryStatus | None = None,
                    meeting_id: int | None = None, due_at: datetime | None = None) -> list[DeliveryInfo]:
    """Copies in the order they were queued; ``due_at``: only queued ones whose next try has come."""
    q = select(MailDelivery, MailMessage).join(MailMessage, MailMessage.id == MailDelivery.message_id)
    if unit_id is not None:
        q = q.where(MailDelivery.unit_id == unit_id)
    if status is not None:
        q = q.where(MailDelivery.status == status)
    if meeting_id is not None:
        q = q.where(MailDelivery.meeting_id == meeting_id)
    if due_at is not None:
        q = q.where(MailDelivery.status == DeliveryStatus.QUEUED,
                    or_(MailDelivery.next_attempt_at.is_(None), MailDelivery.next_attempt_at <= due_at))
    return [_info(d, m) for d, m in session.execute(q.order_by(MailDelivery.id)).all()]


def retry_delay(attempts: int) -> timedelta:
    """After ``attempts`` tries (this one counted): 5 min, 10, 20 … capped at 6 h."""
    delay: timedelta = FIRST_RETRY * (2 ** min(max(attempts - 1, 0), 16))
    return min(delay, LONGEST_RETRY)


def record_attempt(uow: UnitOfWork, delivery_id: int, status: DeliveryStatus, reply: str) -> DeliveryInfo:
    """Count one attempt at a queued copy: sent, refused for good, or queued again (deferred)."""
    session = uow.session
    row = session.get(MailDelivery, delivery_id)
    if row is None:
        raise NotFound(f"Không có thư số {delivery_id} trong hàng đợi.", f"No queued mail {delivery_id}.")
    if row.status != DeliveryStatus.QUEUED:
        raise ConflictError(f"Thư gửi {row.address}", None, row.last_attempt_at)
    now = uow.now()
    next_at = now + retry_delay(row.attempts + 1) if status is DeliveryStatus.QUEUED else None
    if uow.dialect == "postgresql":
        _attempt_on_server(uow, row, status, reply, next_at)
    else:
        # Only a copy still queued is changed: two desktops recording at once cannot both win.
        done = session.execute(
            update(MailDelivery).where(MailDelivery.id == delivery_id, MailDelivery.status == DeliveryStatus.QUEUED)
            .values(status=status, attempts=MailDelivery.attempts + 1, last_attempt_at=now, reply=reply[:2000],
                    next_attempt_at=next_at, sent_at=now if status is DeliveryStatus.SENT else None)
            .execution_options(synchronize_session=False))
        if getattr(done, "rowcount", 1) != 1:
            raise ConflictError(f"Thư gửi {row.address}", None, None)
        session.refresh(row)
    message = session.get(MailMessage, row.message_id)
    assert message is not None
    if status is not DeliveryStatus.QUEUED:
        uow.record(f"mail.{status}", "mail_delivery", row.id, {"address": row.address, "reply": reply[:500]},
                   meeting_id=row.meeting_id, unit_id=row.unit_id)
    return _info(row, message)


def _attempt_on_server(uow: UnitOfWork, row: MailDelivery, status: DeliveryStatus, reply: str,
                       next_at: datetime | None) -> None:
    """Shared store: only ``nghisu_mail_attempt`` writes an attempt (migration 0015)."""
    def naive(d: datetime | None) -> datetime | None:
        return d.astimezone(UTC).replace(tzinfo=None) if d else None

    session = uow.session
    session.flush()
    try:
        with session.begin_nested():
            session.execute(text("SELECT nghisu_mail_attempt(:id, :status, :reply, :next, :at)"), {
                "id": row.id, "status": str(status), "reply": reply, "next": naive(next_at), "at": naive(uow.now())})
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":
            raise PermissionDenied("Chỉ văn phòng của đơn vị (hoặc chủ tọa, thư ký cuộc họp) gửi được thư này.",
                                   "Only the unit's office (or the meeting's chair or secretary) may send this mail.") from exc
        if getattr(exc.orig, "sqlstate", None) == "55000":
            raise ConflictError(f"Thư gửi {row.address}", None, None) from exc
        raise
    session.refresh(row)
