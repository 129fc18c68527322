"""Outgoing documents and what they carry: versions (each a blob), reviewers and their
comments per version, and one dispatch row per recipient.

Every row names its document; the document names its issuing unit, so that row-level
security in the shared store can decide per row (migration 0019).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, Versioned
from store.codes import Classification


class OutgoingDocument(Versioned, Base):
    __tablename__ = "outgoing_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)  # issuing
    drafting_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    drafter_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    signer_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    doc_type: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(1000))  # trích yếu
    classification: Mapped[str] = mapped_column(String(16), default=Classification.THUONG)
    authority: Mapped[str] = mapped_column(String(16), default="")  # TM, KT, TL, Q or "" (the signer's own name)
    #: Where the generator or the page text put things: number, date and signature boxes (JSON).
    layout: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recipients: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), index=True)
    current_version_no: Mapped[int] = mapped_column(Integer, default=0)
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(Integer)
    signed_at: Mapped[datetime | None]
    number_id: Mapped[int | None] = mapped_column(ForeignKey("register_numbers.id", ondelete="RESTRICT"))
    released_on: Mapped[date | None] = mapped_column(Date)
    released_at: Mapped[datetime | None]
    released_by_id: Mapped[int | None] = mapped_column(Integer)
    #: Hạn báo cáo, trả lời: the date the recipients are asked to answer by (migration 0028); at
    #: release each recipient unit's incoming copy gets it as its deadline.
    reply_by: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class OutgoingVersion(Base):
    """One immutable version: a draft, a revision answering comments, the signature fields,
    the leader's signature, the filled number and date, the organisation's signature."""

    __tablename__ = "outgoing_versions"
    __table_args__ = (UniqueConstraint("outgoing_id", "version_no", name="uq_outgoing_versions_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outgoing_id: Mapped[int] = mapped_column(ForeignKey("outgoing_documents.id", ondelete="CASCADE"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="RESTRICT"))
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class OutgoingReviewer(Base):
    __tablename__ = "outgoing_reviewers"
    __table_args__ = (UniqueConstraint("outgoing_id", "person_id", name="uq_outgoing_reviewers_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outgoing_id: Mapped[int] = mapped_column(ForeignKey("outgoing_documents.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    asked_at: Mapped[datetime]
    asked_by_id: Mapped[int | None] = mapped_column(Integer)


class OutgoingComment(Base):
    """A reviewer's comment on one version (or their agreement); a later version answers it."""

    __tablename__ = "outgoing_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    outgoing_id: Mapped[int] = mapped_column(ForeignKey("outgoing_documents.id", ondelete="CASCADE"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    text: Mapped[str] = mapped_column(Text)
    agrees: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    answered_in_version_no: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[str | None] = mapped_column(Text)


class OutgoingDispatch(Base):
    """The released document sent to one recipient: a unit in this store (handed to its
    incoming register), or a named recipient outside it (by post or e-mail)."""

    __tablename__ = "outgoing_dispatches"

    id: Mapped[int] = mapped_column(primary_key=True)
    outgoing_id: Mapped[int] = mapped_column(ForeignKey("outgoing_documents.id", ondelete="CASCADE"), index=True)
    recipient_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    recipient_name: Mapped[str] = mapped_column(String(300))
    channel: Mapped[str] = mapped_column(String(16))  # store | external
    status: Mapped[str] = mapped_column(String(16))  # waiting | received
    dispatched_at: Mapped[datetime]
    dispatched_by_id: Mapped[int | None] = mapped_column(Integer)
    incoming_id: Mapped[int | None] = mapped_column(Integer)
