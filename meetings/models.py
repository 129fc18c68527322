"""Meeting tables. Every row links explicitly to its meeting (and the meeting to its host
unit), so row-level security in shared mode can decide visibility per row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, Versioned
from store.codes import MeetingKind, MeetingStatus

KINDS = tuple(MeetingKind)
STATUSES = tuple(MeetingStatus)
ROLES = ("chair", "secretary", "member", "guest")


class Meeting(Versioned, Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None]
    location: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default=MeetingStatus.DRAFT, index=True)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    # What the invitation (giấy mời) says beyond the meeting itself (migration 0017).
    invite_bring: Mapped[str] = mapped_column(String(500), default="")
    invite_contact: Mapped[str] = mapped_column(String(300), default="")
    invite_note: Mapped[str] = mapped_column(String(1000), default="")


class MeetingSite(Base):
    """A connected site (điểm cầu): a unit below the host that joins the meeting."""

    __tablename__ = "meeting_sites"
    __table_args__ = (UniqueConstraint("meeting_id", "unit_id", name="uq_meeting_sites_meeting_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", name="uq_participants_meeting_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    #: The unit whose site the person attends from; None means the host's own hall.
    site_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))


class AgendaItem(Versioned, Base):
    """An agenda item; top-level items have no parent, sub-items one (two levels at most)."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    presenter: Mapped[str] = mapped_column(String(200), default="")
    planned_minutes: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
