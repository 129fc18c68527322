"""What meeting services hand out: frozen dataclasses, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from store.directory import UnitInfo


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    title: str
    unit_id: int
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime | None
    location: str
    version: int

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "unit_id": self.unit_id, "status": self.status,
                "starts_at": self.starts_at.isoformat()}


@dataclass(frozen=True)
class SiteInfo:
    """A connected site, with the names it had on the meeting's day."""

    unit_id: int
    name: str
    level: str
    parent_id: int | None
    official_name: str = ""  # "Ủy ban nhân dân xã Vĩnh Giang"
    level_name: str = ""  # the level's short name in its scheme: "xã"

    def as_json(self) -> dict:
        return {"unit_id": self.unit_id, "name": self.name, "level": self.level, "official_name": self.official_name,
                "level_name": self.level_name}


@dataclass(frozen=True)
class ParticipantInfo:
    person_id: int
    full_name: str
    position: str
    role: str
    site_unit_id: int | None

    def as_json(self) -> dict:
        return {"person_id": self.person_id, "full_name": self.full_name, "position": self.position,
                "role": self.role, "site_unit_id": self.site_unit_id}


@dataclass(frozen=True)
class AgendaNode:
    id: int
    number: str
    title: str
    presenter: str
    planned_minutes: int
    notes: str
    parent_id: int | None
    version: int
    children: tuple[AgendaNode, ...] = ()

    def as_json(self) -> dict:
        return {"id": self.id, "number": self.number, "title": self.title, "presenter": self.presenter,
                "planned_minutes": self.planned_minutes, "notes": self.notes,
                "children": [c.as_json() for c in self.children]}

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingSummary
    unit: UnitInfo
    sites: tuple[SiteInfo, ...] = ()
    participants: tuple[ParticipantInfo, ...] = ()
    agenda: tuple[AgendaNode, ...] = field(default=())

    @property
    def id(self) -> int:
        return self.meeting.id

    def agenda_items(self) -> list[AgendaNode]:
        """Every item, depth first, in agenda order."""
        return [node for top in self.agenda for node in top.walk()]

    def item_by_number(self, number: str) -> AgendaNode | None:
        return next((n for n in self.agenda_items() if n.number == number), None)

    def total_planned_minutes(self) -> int:
        return sum(n.planned_minutes for n in self.agenda_items() if not n.children)

    def as_json(self) -> dict:
        m = self.meeting
        return {
            "id": m.id, "title": m.title, "kind": m.kind, "status": m.status,
            "starts_at": m.starts_at.isoformat(), "ends_at": m.ends_at.isoformat() if m.ends_at else None,
            "location": m.location, "unit": self.unit.as_json(),
            "sites": [s.as_json() for s in self.sites],
            "participants": [p.as_json() for p in self.participants],
            "agenda": [n.as_json() for n in self.agenda],
        }
