"""Document tables: documents, their versions, page text, deliveries and receipts.

Every row names its meeting (and documents their host unit) explicitly, so that row-level
security in the shared store can decide per row. Links to meeting tables are plain foreign
keys by table name: ``documents`` sits below ``meetings`` and never imports it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, Versioned
from store.codes import Classification

CLASSIFICATIONS = tuple(Classification)


class Document(Versioned, Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # meetings and agenda_items belong to the layer above: the foreign keys exist in the
    # database (migration 0002) but are not declared to the ORM, which would otherwise need
    # the meetings models loaded before any document could be saved.
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer, ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    doc_type: Mapped[str] = mapped_column(String(64), index=True)
    number: Mapped[str] = mapped_column(String(64), default="")
    issuing_unit: Mapped[str] = mapped_column(String(300), default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    classification: Mapped[str] = mapped_column(String(16), default=Classification.THUONG)
    current_version_id: Mapped[int | None] = mapped_column(Integer)
    current_version_no: Mapped[int] = mapped_column(Integer, default=0)
    recalled_at: Mapped[datetime | None]
    recalled_by_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class DocumentVersion(Base):
    """One immutable version: its bytes are a blob; a signature adds a new version."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "version_no", name="uq_document_versions_doc_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="RESTRICT"))
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(16), default="import")  # import | replace | signature
    note: Mapped[str] = mapped_column(Text, default="")
    was_encrypted: Mapped[bool] = mapped_column(default=False)
    repaired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class DocumentPage(Base):
    """The text of one page of one version, NFC, plus its search-folded form and index terms
    (``documents.search.terms.page_row`` computes all three)."""

    __tablename__ = "document_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(Integer, index=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    page_no: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(Text)
    #: Marked words and document numbers (documents.search.terms), space-separated.
    terms: Mapped[str] = mapped_column(Text, default="", server_default="")


class Delivery(Base):
    """A document version sent to one person (at the host's hall or a connected site)."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("version_id", "person_id", name="uq_deliveries_version_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(Integer, ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    site_unit_id: Mapped[int | None] = mapped_column(Integer)
    delivered_at: Mapped[datetime]
    first_opened_at: Mapped[datetime | None]
    last_read_at: Mapped[datetime | None]
    pages_read: Mapped[list[int]] = mapped_column(JSON, default=list)
    #: Set on a new version's delivery when the person had opened an earlier one: "it changed".
    changed_from_version_no: Mapped[int | None] = mapped_column(Integer)
    change_seen_at: Mapped[datetime | None]


class OfficePolicy(Base):
    """Per-installation document rules (one row), edited by the office administrator."""

    __tablename__ = "office_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    allow_decrypted_storage: Mapped[bool] = mapped_column(default=False)
    max_upload_mb: Mapped[int] = mapped_column(Integer, default=200)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
