"""What a member reads on the tablet: the meetings they take part in, each with its agenda and
the materials sent to them (current versions, not recalled).

The reader (ui/reader) calls it in its task runner and gets frozen dataclasses
(``meetings.records.ReaderMeeting``), never a session or an ORM object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from documents.models import Delivery, Document, DocumentVersion
from meetings.lifecycle import agenda_tree, summary
from meetings.models import Meeting, Participant
from meetings.reader_records import ReaderMaterial, ReaderMeeting
from store.codes import Classification

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Meetings a member reads for: published before the meeting, during it, and after it
#: until archived (a draft has no materials sent yet; an archived one is wiped from devices).
READABLE = ("published", "in_progress", "closed")


def meetings_to_read(session: Session, person_id: int) -> list[ReaderMeeting]:
    """The meetings the person takes part in, each with the materials sent to them and not
    recalled (current versions only), soonest first."""
    out = []
    rows = session.execute(select(Meeting, Participant.role).join(Participant, Participant.meeting_id == Meeting.id)
                           .where(Participant.person_id == person_id, Meeting.status.in_(READABLE))
                           .order_by(Meeting.starts_at.desc(), Meeting.id)).all()
    for meeting, role in rows:
        docs = session.execute(
            select(Document, DocumentVersion)
            .join(DocumentVersion, DocumentVersion.id == Document.current_version_id)
            .join(Delivery, Delivery.version_id == Document.current_version_id)
            .where(Document.meeting_id == meeting.id, Delivery.person_id == person_id,
                   Document.recalled_at.is_(None))
            .order_by(Document.position, Document.id)).all()
        materials = tuple(ReaderMaterial(d.id, d.title, d.number or "", d.agenda_item_id, v.page_count,
                                         d.classification != Classification.THUONG, v.blob_sha256) for d, v in docs)
        out.append(ReaderMeeting(summary(meeting), role, tuple(agenda_tree(session, meeting.id)), materials))
    return out
