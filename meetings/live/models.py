"""Tables of the live meeting: attendance, speakers, votes, written opinions, minutes,
conclusions and tasks, and the presenter's position that followers track.

Every row names its meeting (and, where it matters, a unit) so row-level security can
decide per row. Secret ballots are split across two tables on purpose: see
``meetings.live.votes`` for why ``secret_ballots`` has no voter, no time and a random key.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, Versioned
from store.codes import VoteKind

ATTENDANCE = ("present", "absent", "deputy")
VOTE_KINDS = tuple(VoteKind)
SPEAKER_STATES = ("waiting", "speaking", "done", "withdrawn")


class LiveSettings(Versioned, Base):
    """Per-meeting rules of the live session (the quorum rule, for now)."""

    __tablename__ = "live_settings"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    quorum_rule: Mapped[str] = mapped_column(String(32), default="majority")

    @property
    def id(self) -> int:  # what store.locking names a row by
        return self.meeting_id


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", name="uq_attendance_meeting_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    #: The unit whose site (điểm cầu) the person sits at; the host unit means the main hall.
    site_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    deputy_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    recorded_at: Mapped[datetime]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


class SpeakerRequest(Base):
    __tablename__ = "speaker_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="waiting")
    allotted_seconds: Mapped[int] = mapped_column(Integer, default=0)
    requested_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class Vote(Versioned, Base):
    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    question: Mapped[str] = mapped_column(Text)
    options: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="open")
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    #: Filled on close: {"counts": {option: n}, "eligible": n, "voted": n}.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class VoteSiteCount(Base):
    """Show of hands: how many hands per option at one site (the host unit: the main hall)."""

    __tablename__ = "vote_site_counts"
    __table_args__ = (UniqueConstraint("vote_id", "site_unit_id", "option", name="uq_vote_site_counts_vote_site_option"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    site_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    option: Mapped[str] = mapped_column(String(200))
    count: Mapped[int] = mapped_column(Integer)


class RollCallVote(Base):
    __tablename__ = "roll_call_votes"
    __table_args__ = (UniqueConstraint("vote_id", "person_id", name="uq_roll_call_votes_vote_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    option: Mapped[str] = mapped_column(String(200))
    cast_at: Mapped[datetime]


class SecretVoter(Base):
    """Who has voted in a secret ballot (to refuse a second ballot); never how."""

    __tablename__ = "secret_voters"

    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)


class SecretBallot(Base):
    """One ballot: a random key, the option and the hash of the voter's receipt code. No
    voter, no time; ``WITHOUT ROWID`` on SQLite so storage follows the random key."""

    __tablename__ = "secret_ballots"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    option: Mapped[str] = mapped_column(String(200))
    receipt_hash: Mapped[str] = mapped_column(String(64))


class OpinionPoll(Versioned, Base):
    """A written opinion (phiếu lấy ý kiến) asked of members between meetings."""

    __tablename__ = "opinion_polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    question: Mapped[str] = mapped_column(Text)
    options: Mapped[list[str]] = mapped_column(JSON)
    deadline: Mapped[datetime]
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class OpinionMember(Base):
    __tablename__ = "opinion_members"

    poll_id: Mapped[int] = mapped_column(ForeignKey("opinion_polls.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer, index=True)
    option: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text, default="")
    responded_at: Mapped[datetime | None]


class MinutesRecord(Versioned, Base):
    """The minutes' editable text, section by section, and the document it became."""

    __tablename__ = "minutes"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    sections: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    document_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]

    @property
    def id(self) -> int:  # what store.locking names a row by
        return self.meeting_id


class Conclusion(Versioned, Base):
    __tablename__ = "conclusions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)


class ConclusionTask(Versioned, Base):
    __tablename__ = "conclusion_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    conclusion_id: Mapped[int | None] = mapped_column(ForeignKey("conclusions.id", ondelete="SET NULL"))
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    description: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    done_at: Mapped[datetime | None]
    done_note: Mapped[str] = mapped_column(Text, default="")


class PresenterPosition(Base):
    """Where the chair (or secretary) is: the item, document and page followers show."""

    __tablename__ = "presenter_positions"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    item_id: Mapped[int | None] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer, default=1)
    set_at: Mapped[datetime]
    set_by_id: Mapped[int | None] = mapped_column(Integer)
