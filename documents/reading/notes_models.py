"""The private notes layer: ink, highlights and text notes on a document version's pages.

Notes live in their own table, never in the PDF: the circulated bytes (and any signature
over them) stay exactly as they were. Each note belongs to one person; ``shared`` makes it
visible to the meeting's other participants, on purpose and one note at a time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, Versioned

NOTE_KINDS = ("ink", "highlight", "text")


class PrivateNote(Versioned, Base):
    __tablename__ = "private_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    page: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    #: ink: {"strokes": [[[x, y], ...], ...], "color", "width"}; highlight: {"rects": [[x0, y0, x1, y1]],
    #: "color"}; text: {"at": [x, y], "text", "color"}. PDF points, origin at the page's lower left.
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    #: A random id the device gave the note, so a note made offline is stored once however
    #: many times its sync is retried.
    client_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
