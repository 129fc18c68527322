"""Tables of classified papers' encryption (created by migration 0005_security).

- ``person_keys``: each person's public X25519 key, readable by every desktop (a secretary
  wraps document keys for the readers).
- ``person_key_secrets``: the same person's private key, sealed under their passphrase;
  in the shared store only its owner can read its row (row-level security), so nobody can
  even start guessing someone else's passphrase offline.
- ``document_keys``: one document version's content key wrapped for one reader. Adding a
  reader adds a row; recall deletes them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class PersonKey(Base):
    __tablename__ = "person_keys"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    #: SHA-256 of the public key, in hex: what a person reads out to check a key is theirs.
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class PersonKeySecret(Base):
    __tablename__ = "person_key_secrets"

    person_id: Mapped[int] = mapped_column(ForeignKey("person_keys.person_id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer, index=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    scrypt_n: Mapped[int] = mapped_column(Integer)
    scrypt_r: Mapped[int] = mapped_column(Integer)
    scrypt_p: Mapped[int] = mapped_column(Integer)
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentKey(Base):
    __tablename__ = "document_keys"
    __table_args__ = (UniqueConstraint("version_id", "person_id", name="uq_document_keys_version_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    ephemeral_public: Mapped[bytes] = mapped_column(LargeBinary)
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    granted_at: Mapped[datetime]
    granted_by_id: Mapped[int | None] = mapped_column(Integer)
