"""Tables the store owns: units, people, blobs and the audit chain.

Other packages add their own tables on the same ``Base``; the migrations in
``store/migrations`` are written out by hand (no import of the models), so the store
never depends on the packages above it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, Versioned


class LevelScheme(Base):
    """A map of administrative levels (``2025``: three levels from the centre down; ``2019``:
    the three local levels before July 2025; migration 0007 seeds both with their names).
    Exactly one is current: new units are entered on it."""

    __tablename__ = "level_schemes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    current: Mapped[bool] = mapped_column(Boolean, default=False)


class UnitLevel(Base):
    """One level of a scheme: its names (Vietnamese and English) and where it may stand."""

    __tablename__ = "unit_levels"

    scheme: Mapped[str] = mapped_column(ForeignKey("level_schemes.code", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)  # 0 at the top
    name: Mapped[str] = mapped_column(String(200))  # "xã, phường, đặc khu"
    short: Mapped[str] = mapped_column(String(50))  # the short name a label puts after "cấp"
    name_en: Mapped[str] = mapped_column(String(200))
    short_en: Mapped[str] = mapped_column(String(50))
    may_be_root: Mapped[bool] = mapped_column(Boolean)
    default_abbreviation: Mapped[str] = mapped_column(String(32))


class LevelParent(Base):
    """In ``scheme``, a unit of ``child_level`` may sit directly under one of ``parent_level``."""

    __tablename__ = "level_parents"
    __table_args__ = (
        ForeignKeyConstraint(["scheme", "parent_level"], ["unit_levels.scheme", "unit_levels.code"],
                             name="fk_level_parents_parent_unit_levels", ondelete="CASCADE"),
        ForeignKeyConstraint(["scheme", "child_level"], ["unit_levels.scheme", "unit_levels.code"],
                             name="fk_level_parents_child_unit_levels", ondelete="CASCADE"),
    )

    scheme: Mapped[str] = mapped_column(String(16), primary_key=True)
    parent_level: Mapped[str] = mapped_column(String(16), primary_key=True)
    child_level: Mapped[str] = mapped_column(String(16), primary_key=True)


class Unit(Versioned, Base):
    """A unit: an administrative body (Chính phủ, UBND of a province or commune) or one of
    its office, agencies and boards (Văn phòng, Sở, phòng, ban).

    Administrative bodies sit where their scheme's levels allow; the others sit under the
    body (or agency) they belong to and share its level. Names, place name, abbreviation
    and identifier are data: nothing derives them. A unit ended by a reorganisation keeps
    its row (``valid_to``, ``successor_id``); what it was called before each change is in
    ``unit_history``.
    """

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # "Tỉnh Quảng Trị", "Sở Tài chính"
    level: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    scheme: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="administrative")
    official_name: Mapped[str] = mapped_column(String(300))  # "Ủy ban nhân dân tỉnh Quảng Trị"
    short_name: Mapped[str] = mapped_column(String(200))  # "UBND tỉnh Quảng Trị"
    place_name: Mapped[str] = mapped_column(String(100))  # địa danh: "Quảng Trị"
    abbreviation: Mapped[str] = mapped_column(String(32))  # "UBND", "STC", "VP"
    identifier: Mapped[str | None] = mapped_column(String(16), unique=True)  # mã định danh "000.00.00.H48"
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    successor_id: Mapped[int | None] = mapped_column(Integer)
    quorum_rule: Mapped[str | None] = mapped_column(String(16))  # None: the law's default
    passing_rule: Mapped[str | None] = mapped_column(String(16))


class Reorganisation(Base):
    """A decision that changed the map (sắp xếp đơn vị hành chính), as entered."""

    __tablename__ = "reorganisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    effective_on: Mapped[date] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(String(300))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class UnitHistory(Base):
    """What a unit was, from ``valid_from`` (unknown: since it began) until ``valid_to``."""

    __tablename__ = "unit_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    official_name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(200))
    place_name: Mapped[str] = mapped_column(String(100))
    abbreviation: Mapped[str] = mapped_column(String(32))
    identifier: Mapped[str | None] = mapped_column(String(16))
    scheme: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(Integer)
    reorganisation_id: Mapped[int | None] = mapped_column(ForeignKey("reorganisations.id", ondelete="SET NULL"))


class Person(Versioned, Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PersonRole(Base):
    """A person's role in a unit (văn thư, thư ký, lãnh đạo, chuyên viên, đại biểu, thành
    viên of the body), from ``since`` until ``until`` (open ends: no limit)."""

    __tablename__ = "person_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    granted_at: Mapped[datetime]
    granted_by_id: Mapped[int | None] = mapped_column(Integer)


class PersonIdentity(Base):
    """How a person proves who they are on an embedded store: a PIN (scrypt hash) and/or
    the operating-system account they work under."""

    __tablename__ = "person_identities"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    os_user: Mapped[str | None] = mapped_column(String(128), unique=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    set_at: Mapped[datetime]


class AuditEntry(Base):
    """One append-only, hash-chained audit row; see ``store.audit`` for the chain rule."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64))
    meeting_id: Mapped[int | None] = mapped_column(Integer, index=True)
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single row naming the chain's last entry.

    Appends lock it (``FOR UPDATE`` on PostgreSQL, the write lock on SQLite), so desktops
    appending at once still form one chain, and deleting the newest rows is detected.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    last_hash: Mapped[str] = mapped_column(String(64))


class Blob(Base):
    """A stored file, named by the SHA-256 of its bytes (same bytes, one blob)."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class BlobChunk(Base):
    """Blob bytes kept in the database itself (shared mode), in chunks of ~1 MiB."""

    __tablename__ = "blob_chunks"

    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Setting(Base):
    """Installation-wide settings shared by every desktop on this store (JSON values)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
