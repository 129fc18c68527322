"""Tables of the incoming register (sổ văn bản đến): one row per registered document, its
co-handlers, and its history (who did what, when).

A row is the register entry itself: Decree 30's columns (số đến, ngày đến, tác giả, số và ký
hiệu, ngày tháng, trích yếu, người nhận, ghi chú) plus what the file was (its blob, the
signature verification made on receipt) and its handling (handler, deadline, bút phê, reply).
Entries are never deleted: a register is a legal record.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, Versioned
from store.codes import Classification, IncomingStatus, Urgency


class IncomingDocument(Versioned, Base):
    __tablename__ = "incoming_documents"
    __table_args__ = (
        # NULL numbers (arrivals not yet registered) do not collide on either backend.
        UniqueConstraint("unit_id", "year", "series", "number", name="uq_incoming_documents_number"),
        Index("ix_incoming_documents_unit_year_number", "unit_id", "year", "series", "number"),
        Index("ix_incoming_documents_unit_status_due", "unit_id", "status", "due_on"),
        Index("ix_incoming_documents_handler_status_due", "handler_id", "status", "due_on"),
        Index("ix_incoming_documents_unit_file", "unit_id", "file_sha256"),
        Index("ix_incoming_documents_unit_sender_symbol", "unit_id", "sender_key", "doc_symbol"),
        Index("ix_incoming_documents_source", "source_outgoing_id"),
        Index("ix_incoming_documents_unit_received", "unit_id", "received_at", "id"),  # migration 0020
        Index("ix_incoming_documents_open_due", "unit_id", "due_on", postgresql_where=text("status <> 'done'"),
              sqlite_where=text("status <> 'done'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    year: Mapped[int] = mapped_column(Integer)
    series: Mapped[str] = mapped_column(String(16))  # register.numbering.Series: "den", or "den_mat" when secret
    number: Mapped[int | None] = mapped_column(Integer)  # số đến; None until the văn thư registers it
    received_at: Mapped[datetime]
    received_by_id: Mapped[int | None] = mapped_column(Integer)
    registered_at: Mapped[datetime | None]
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=IncomingStatus.REGISTERED)
    # Who sent it (tác giả): the name as printed, and the unit when it is one of this store's.
    sender_name: Mapped[str] = mapped_column(String(300))
    sender_key: Mapped[str] = mapped_column(String(300))  # folded name: the duplicate check's key
    sender_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    doc_symbol: Mapped[str] = mapped_column(String(100), default="")  # "15/QĐ-UBND"
    doc_type: Mapped[str] = mapped_column(String(16), default="")  # "QĐ", "CV", "" unknown
    doc_date: Mapped[date | None] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text)  # trích yếu
    classification: Mapped[str] = mapped_column(String(16), default=Classification.THUONG)
    urgency: Mapped[str] = mapped_column(String(16), default=Urgency.THUONG)
    file_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="RESTRICT"))
    filename: Mapped[str] = mapped_column(String(300), default="")
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(16))  # valid | invalid | cannot_verify | unsigned
    verification: Mapped[dict[str, Any]] = mapped_column(JSON)  # the report, as kept on receipt
    body_text: Mapped[str] = mapped_column(Text, default="")  # the pages' text
    search_folded: Mapped[str] = mapped_column(Text, default="")  # folded subject, sender, symbol, text
    # The outgoing document this arrival is (released by another unit of this store), and the
    # answer its sender asked for by a date (the cascade board reads both).
    source_outgoing_id: Mapped[int | None] = mapped_column(Integer)
    reply_due_on: Mapped[date | None] = mapped_column(Date)
    # Handling: the main handler, the deadline, the leader's instruction (bút phê).
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    due_on: Mapped[date | None] = mapped_column(Date)
    instruction: Mapped[str] = mapped_column(Text, default="")
    assigned_by_id: Mapped[int | None] = mapped_column(Integer)
    assigned_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(Integer)
    done_note: Mapped[str] = mapped_column(Text, default="")
    reply_outgoing_id: Mapped[int | None] = mapped_column(Integer)  # the outgoing answer


class IncomingCoHandler(Base):
    """A co-handler (người phối hợp) of an incoming document."""

    __tablename__ = "incoming_co_handlers"
    __table_args__ = (UniqueConstraint("entry_id", "person_id", name="uq_incoming_co_handlers_entry_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("incoming_documents.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    added_at: Mapped[datetime]
    added_by_id: Mapped[int | None] = mapped_column(Integer)


class IncomingEvent(Base):
    """One step of an incoming document's history; written once, never changed."""

    __tablename__ = "incoming_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("incoming_documents.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    person_id: Mapped[int | None] = mapped_column(Integer)  # who did it
    person_name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
