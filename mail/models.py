"""The outgoing queue: one message (what is sent: subject, body, the attachment as stored, the
calendar event) and one delivery per recipient (where it stands with the server).

Rows are never deleted or rewritten: a delivery only moves from queued to sent or refused, with
each attempt counted and the server's last answer kept. On PostgreSQL desktops may insert and
read them (the unit's office, the meeting's chair and secretary); only the server's function
``nghisu_mail_attempt`` records an attempt (migration 0015).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

# The tables these rows point at must be known to the ORM before the first flush, whatever the
# caller imported (a register-only command never loads meetings or documents otherwise).
import documents.models  # noqa: F401
import meetings.models  # noqa: F401
import store.models  # noqa: F401
from mail.codes import DeliveryStatus
from store.base import Base


class MailMessage(Base):
    __tablename__ = "mail_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="RESTRICT"))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    #: The attachment exactly as stored (a blob of a document version): sent byte for byte.
    attachment_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256", ondelete="RESTRICT"))
    attachment_name: Mapped[str] = mapped_column(String(300), default="")
    attachment_size: Mapped[int] = mapped_column(Integer, default=0)
    calendar: Mapped[str | None] = mapped_column(Text)  # the iCalendar event of an invitation
    message_ref: Mapped[str] = mapped_column(String(250), unique=True)  # the Message-ID header
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class MailDelivery(Base):
    __tablename__ = "mail_deliveries"
    __table_args__ = (
        UniqueConstraint("message_id", "address", name="uq_mail_deliveries_message_address"),
        CheckConstraint("status IN ('queued', 'sent', 'refused')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("mail_messages.id", ondelete="RESTRICT"), index=True)
    #: The message's unit and meeting again, so row-level security decides on the row itself.
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    address: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(300), default="")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(16), default=DeliveryStatus.QUEUED, server_default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    queued_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    reply: Mapped[str] = mapped_column(Text, default="", server_default="")  # the server's last answer
    sent_at: Mapped[datetime | None]
