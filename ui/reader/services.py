"""The core calls the reader makes, each run in the task runner (never on the main thread).

They take the store and the reader's person id and hand back frozen dataclasses, so the
widgets never hold a session or an ORM object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from documents.files import write_output
from store.codes import Classification

if TYPE_CHECKING:
    from documents.reading.notes import NoteInfo
    from meetings.records import AgendaNode, MeetingSummary
    from store.engine import Store

#: Meetings a member reads for: published before the meeting, during it, and after it
#: until archived (a draft has no materials sent yet; an archived one is wiped from devices).
READABLE = ("published", "in_progress", "closed")


@dataclass(frozen=True)
class ReaderMaterial:
    document_id: int
    title: str
    number: str
    item_id: int | None
    pages: int
    classified: bool
    sha256: str


@dataclass(frozen=True)
class ReaderMeeting:
    meeting: MeetingSummary
    role: str
    agenda: tuple[AgendaNode, ...]
    materials: tuple[ReaderMaterial, ...]

    def materials_for(self, item_id: int | None) -> list[ReaderMaterial]:
        return [m for m in self.materials if m.item_id == item_id]

    def material(self, document_id: int) -> ReaderMaterial | None:
        return next((m for m in self.materials if m.document_id == document_id), None)


@dataclass(frozen=True)
class OpenedMaterial:
    material: ReaderMaterial
    data: bytes
    notes: tuple[NoteInfo, ...]


def reader_meetings(store: Store, person_id: int) -> list[ReaderMeeting]:
    """The meetings the person takes part in, each with the materials sent to them and not
    recalled (current versions only), soonest first."""
    from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from documents.models import Delivery, Document, DocumentVersion  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.lifecycle import agenda_tree, summary  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.models import Meeting, Participant  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    out = []
    with store.read() as s:
        rows = s.execute(select(Meeting, Participant.role).join(Participant, Participant.meeting_id == Meeting.id)
                         .where(Participant.person_id == person_id, Meeting.status.in_(READABLE))
                         .order_by(Meeting.starts_at.desc(), Meeting.id)).all()
        for meeting, role in rows:
            docs = s.execute(
                select(Document, DocumentVersion)
                .join(DocumentVersion, DocumentVersion.id == Document.current_version_id)
                .join(Delivery, Delivery.version_id == Document.current_version_id)
                .where(Document.meeting_id == meeting.id, Delivery.person_id == person_id,
                       Document.recalled_at.is_(None))
                .order_by(Document.position, Document.id)).all()
            materials = tuple(ReaderMaterial(d.id, d.title, d.number or "", d.agenda_item_id, v.page_count,
                                             d.classification != Classification.THUONG, v.blob_sha256) for d, v in docs)
            out.append(ReaderMeeting(summary(meeting), role, agenda_tree(s, meeting.id), materials))
    return out


def open_material(store: Store, person_id: int, material: ReaderMaterial, passphrase: str | None = None
                  ) -> OpenedMaterial:
    """The bytes to show, recording that the person opened it (the receipt), and their notes."""
    from documents.circulation import open_for_reading  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from documents.reading.notes import visible_notes  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        data = open_for_reading(uow, material.document_id, person_id, passphrase=passphrase)
        uow.commit()
    with store.read() as s:
        notes = visible_notes(s, person_id, material.document_id)
    return OpenedMaterial(material, data, tuple(notes))


def record_pages(store: Store, person_id: int, document_id: int, pages: Iterable[int]) -> int:
    from documents.circulation import record_pages_read  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        total = record_pages_read(uow, document_id, person_id, sorted(set(pages)))
        uow.commit()
    return total


def notes_of(store: Store, person_id: int, document_id: int) -> list[NoteInfo]:
    from documents.reading.notes import visible_notes  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return visible_notes(s, person_id, document_id)


def save_note(store: Store, person_id: int, document_id: int, page: int, kind: str, data: dict[str, Any]
              ) -> NoteInfo:
    from documents.reading.notes import add_note  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        note = add_note(uow, person_id, document_id, page, kind, data)
        uow.commit()
    return note


def set_shared(store: Store, person_id: int, note_id: int, shared: bool) -> NoteInfo:
    from documents.reading.notes import share_note  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        note = share_note(uow, note_id, person_id, shared)
        uow.commit()
    return note


def remove_note(store: Store, person_id: int, note_id: int) -> int:
    from documents.reading.notes import delete_note  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        delete_note(uow, note_id, person_id)
        uow.commit()
    return note_id


def export_notes(store: Store, person_id: int, document_id: int, path: str) -> str:
    from documents.reading.notes import export_my_notes  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        data = export_my_notes(s, store.blobs, person_id, document_id)

    write_output(path, data)
    return path


def person_name(store: Store, person_id: int) -> str:
    from store.directory import get_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return get_person(s, person_id).full_name
