"""The cascade board ("who hasn't"): one document a unit released to many units of the same
store (a province to its communes), and where it is in each of their registers: received,
registered, assigned, answered; with the ones that have not, and the answers that came back.

Both ways: a report requested from the communes by a date is the same document with
``reply_due_on``; a commune answers by closing its entry with its outgoing reply, and the reply,
released to the province, arrives in the province's own register (whose entry this board finds
by the reply's id). Only that arrival makes the commune "answered": a reply linked while still a
draft (not numbered, not sent) is "replying" (đang soạn trả lời), and the province could not
read the commune's drafts anyway. An entry closed without a reply (nothing was asked back)
counts as answered. On PostgreSQL the sending unit's people see the entries it delivered
(migration 0016), nothing else of the other registers.

The date asked for is the outgoing document's ``reply_by`` (hạn báo cáo, trả lời), given to every
copy at release (migration 0028): a unit that has not answered once it has passed is late (quá
hạn). Seen on a given day, the board lists the late units first, then those that have not
answered yet, then the answered ones, each group by name.

A unit that answers after the date stays marked, by how many days (trả lời muộn N ngày), and is
counted apart from the units still late. The day it answered is the reply's release date (the
date on the answer, which the release fixes once), or the day it closed its entry when nothing
was asked back in writing (Vietnam time); on time means that day is on or before the date asked.
Both are kept already and never change (a release date is the văn thư's, a closed entry is not
closed again), so nothing more is stored: the board works the days out each time it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from register.incoming.models import IncomingDocument
from register.outgoing.models import OutgoingDocument
from store.clock import VN_TZ
from store.codes import IncomingStatus
from store.models import Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _vn_day(at: datetime | None) -> date | None:
    return at.astimezone(VN_TZ).date() if at is not None else None


@dataclass(frozen=True)
class CascadeRow:
    """One receiving unit's handling of the document."""

    unit_id: int
    unit_name: str
    entry_id: int
    received_at: datetime
    number: int | None  # its incoming number there (None: not registered yet)
    status: IncomingStatus
    handler_name: str
    due_on: date | None
    done_at: datetime | None
    reply_outgoing_id: int | None
    reply_due_on: date | None
    answer_entry_id: int | None  # the reply as registered back in the sender's register
    answer_number: int | None
    #: The day the unit answered (None: not yet): its reply's release date, else its closing day.
    answered_on: date | None = None

    @property
    def registered(self) -> bool:
        return self.number is not None

    @property
    def assigned(self) -> bool:
        return self.status in (IncomingStatus.ASSIGNED, IncomingStatus.DONE)

    @property
    def answered(self) -> bool:
        """Closed, and its reply (if it has one) released and arrived back in the sender's register."""
        return self.status is IncomingStatus.DONE and (self.reply_outgoing_id is None
                                                       or self.answer_entry_id is not None)

    @property
    def replying(self) -> bool:
        """Closed with a reply that has not come back released yet (a draft, or waiting to be signed)."""
        return self.status is IncomingStatus.DONE and not self.answered

    @property
    def late_days(self) -> int | None:
        """How many days after the date asked the answer came (0: in time); None while not
        answered, or when no date was asked."""
        if not self.answered or self.answered_on is None or self.reply_due_on is None:
            return None
        return max(0, (self.answered_on - self.reply_due_on).days)

    def late(self, today: date) -> bool:
        """Asked to answer by a date that has passed, and not answered."""
        return not self.answered and self.reply_due_on is not None and self.reply_due_on < today


@dataclass(frozen=True)
class CascadeBoard:
    source_outgoing_id: int
    rows: tuple[CascadeRow, ...]
    today: date | None = None  # the day it is seen on: who is late (None: nobody is counted late)

    @property
    def reply_by(self) -> date | None:
        """The date the units were asked to answer by (the latest, should copies differ)."""
        return max((r.reply_due_on for r in self.rows if r.reply_due_on is not None), default=None)

    def late(self) -> list[CascadeRow]:
        """The units that have not answered by the date asked, which has passed."""
        return [r for r in self.rows if self.today is not None and r.late(self.today)]

    def answered_late(self) -> list[CascadeRow]:
        """The units that answered, after the date asked."""
        return [r for r in self.rows if r.late_days]

    def missing(self, step: str) -> list[CascadeRow]:
        """The units that have not: ``registered``, ``assigned`` or ``answered``."""
        return [r for r in self.rows if not getattr(r, step)]

    def counts(self) -> dict[str, int]:
        return {"units": len(self.rows), "registered": sum(r.registered for r in self.rows),
                "assigned": sum(r.assigned for r in self.rows), "answered": sum(r.answered for r in self.rows),
                "replying": sum(r.replying for r in self.rows), "late": len(self.late()),
                "answered_late": len(self.answered_late())}


def cascade_board(session: Session, source_outgoing_id: int, *, sender_unit_id: int | None = None,
                  today: date | None = None) -> CascadeBoard:
    """Where the document ``source_outgoing_id`` is in every register it was delivered to, seen
    on ``today``: the late units first, then those that have not answered, then the rest."""
    d = IncomingDocument
    q = (select(d, Unit.name, Person.full_name).join(Unit, Unit.id == d.unit_id)
         .outerjoin(Person, Person.id == d.handler_id).where(d.source_outgoing_id == source_outgoing_id))
    if sender_unit_id is not None:
        q = q.where(d.sender_unit_id == sender_unit_id)
    found = session.execute(q.order_by(Unit.name, d.id)).all()
    replies = [r.reply_outgoing_id for r, _, _ in found if r.reply_outgoing_id is not None]
    answers: dict[int, tuple[int, int | None, date | None]] = {}
    if replies:
        senders = {r.sender_unit_id for r, _, _ in found if r.sender_unit_id is not None}
        # The reply's release date; on the shared store the sender reads the reply (sent to it,
        # migration 0019), else the date its register holds for the answer (given from it on arrival).
        for source, entry_id, number, released_on, dated, arrived in session.execute(
                select(d.source_outgoing_id, d.id, d.number, OutgoingDocument.released_on, d.doc_date, d.received_at)
                .outerjoin(OutgoingDocument, OutgoingDocument.id == d.source_outgoing_id)
                .where(d.source_outgoing_id.in_(replies), d.unit_id.in_(senders)).order_by(d.id)):
            if source is not None:
                answers.setdefault(source, (entry_id, number, released_on or dated or _vn_day(arrived)))
    rows = []
    for r, unit_name, handler in found:
        answer = answers.get(r.reply_outgoing_id) if r.reply_outgoing_id is not None else None
        status = IncomingStatus(r.status)
        answered_on = answer[2] if answer else (
            _vn_day(r.done_at) if status is IncomingStatus.DONE and r.reply_outgoing_id is None else None)
        rows.append(CascadeRow(r.unit_id, unit_name, r.id, r.received_at, r.number, status,
                               handler or "", r.due_on, r.done_at, r.reply_outgoing_id, r.reply_due_on,
                               answer[0] if answer else None, answer[1] if answer else None, answered_on))
    rows.sort(key=lambda r: (not (today is not None and r.late(today)), r.answered))  # stable: by name within
    return CascadeBoard(source_outgoing_id, tuple(rows), today)
