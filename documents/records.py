"""What document services hand out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from store.codes import Classification


@dataclass(frozen=True)
class VersionInfo:
    id: int
    document_id: int
    version_no: int
    sha256: str
    size: int
    page_count: int
    source: str
    filename: str
    created_at: datetime
    note: str = ""


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    meeting_id: int
    unit_id: int
    agenda_item_id: int | None
    position: int
    title: str
    doc_type: str
    number: str
    issuing_unit: str
    issued_on: date | None
    classification: str
    current_version: VersionInfo
    recalled_at: datetime | None
    version: int

    @property
    def classified(self) -> bool:
        return self.classification != Classification.THUONG

    def as_json(self) -> dict[str, Any]:
        v = self.current_version
        return {"id": self.id, "meeting_id": self.meeting_id, "agenda_item_id": self.agenda_item_id,
                "title": self.title, "type": self.doc_type, "number": self.number,
                "issuing_unit": self.issuing_unit, "issued_on": self.issued_on.isoformat() if self.issued_on else None,
                "classification": self.classification, "version": v.version_no, "pages": v.page_count,
                "sha256": v.sha256, "recalled": self.recalled_at is not None}


@dataclass(frozen=True)
class DocumentMeta:
    """What a person types when attaching a document."""

    title: str
    doc_type: str = "khac"
    number: str = ""
    issuing_unit: str = ""
    issued_on: date | None = None
    classification: str = Classification.THUONG
