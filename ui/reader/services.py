"""The core calls the reader makes, each run in the task runner (never on the main thread).

They take the store and the reader's person id and hand back frozen dataclasses, so the
widgets never hold a session or an ORM object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from documents.files import write_output
from meetings.reader_records import ReaderMaterial, ReaderMeeting

if TYPE_CHECKING:
    from documents.reading.notes import NoteInfo
    from store.engine import Store


@dataclass(frozen=True)
class OpenedMaterial:
    material: ReaderMaterial
    data: bytes
    notes: tuple[NoteInfo, ...]


def reader_meetings(store: Store, person_id: int) -> list[ReaderMeeting]:
    """The meetings the person takes part in, with the materials sent to them (``meetings.reading``)."""
    from meetings.reading import meetings_to_read  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return meetings_to_read(s, person_id)


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
