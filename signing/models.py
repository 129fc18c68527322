"""Signing tables: the trust store, the office test CA, people's certificates, signing
requests with their ordered slots, and stored verification reports.

Every row names its unit and, where it belongs to one, its meeting, so that row-level
security in the shared store can decide per row. Installation-wide rows (trust roots, the
office CA) carry the unit of whoever added them, or NULL for the whole installation.
Links to document and meeting tables are plain foreign keys by table name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, Versioned

REQUEST_STATUSES = ("open", "completed", "cancelled")


class TrustRoot(Base):
    """A root certificate the office trusts: a signer must chain to one of these."""

    __tablename__ = "trust_roots"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(1000))
    der: Mapped[bytes] = mapped_column(LargeBinary)
    not_after: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(String(300), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    added_at: Mapped[datetime]
    added_by_id: Mapped[int | None] = mapped_column(Integer)


class OfficeTestCA(Base):
    """The office TEST CA (one row). Its private key is kept in the store, unencrypted:
    good for demos and tests, never for real signatures (real offices use a licensed CA)."""

    __tablename__ = "office_test_ca"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(1000))
    cert_pem: Mapped[str] = mapped_column(Text)
    key_pem: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class PersonCertificate(Base):
    """A signing certificate registered to one person: the roster matches signers by it."""

    __tablename__ = "person_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(1000))
    issuer: Mapped[str] = mapped_column(String(1000))
    serial: Mapped[str] = mapped_column(String(64))  # decimal: serials reach 160 bits
    der: Mapped[bytes] = mapped_column(LargeBinary)
    not_before: Mapped[datetime]
    not_after: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(16), default="import")  # office_ca | import
    added_at: Mapped[datetime]
    added_by_id: Mapped[int | None] = mapped_column(Integer)


class SigningRequest(Versioned, Base):
    """Signatures asked of an ordered list of people on one document.

    ``version`` (optimistic locking) moves with every signature, so a desktop that signed
    on stale state is refused at commit and nothing is lost.
    """

    __tablename__ = "signing_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    # The foreign key to meetings (the layer above) lives in migration 0003, not in the ORM.
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    reason: Mapped[str] = mapped_column(String(300), default="")
    certify_first: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    #: The slot position whose turn it is (None once completed or cancelled).
    turn: Mapped[int | None] = mapped_column(Integer)
    #: The document version that added the empty signature fields.
    fields_version_no: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)
    completed_at: Mapped[datetime | None]


class SigningSlot(Base):
    """One signer's place in a request: who, which field, and (once signed) what and when."""

    __tablename__ = "signing_slots"
    __table_args__ = (UniqueConstraint("request_id", "position", name="uq_signing_slots_request_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("signing_requests.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    field_name: Mapped[str] = mapped_column(String(120))
    signed_at: Mapped[datetime | None]
    cert_sha256: Mapped[str | None] = mapped_column(String(64))
    version_id: Mapped[int | None] = mapped_column(Integer)
    version_no: Mapped[int | None] = mapped_column(Integer)


class VerificationRecord(Base):
    """The JSON report of one verification of one stored document version."""

    __tablename__ = "verification_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer, index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    verified_at: Mapped[datetime]
    verified_by_id: Mapped[int | None] = mapped_column(Integer)
