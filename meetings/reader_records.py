"""What a member reads on the tablet, as the reader holds it: a meeting with its agenda and the
materials sent to them. Plain dataclasses, importable without the database (the reader window
is built before any store is open); filled by ``meetings.reading``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meetings.records import AgendaNode, MeetingSummary


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
