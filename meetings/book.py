"""The meeting book: the whole meeting in one PDF, built from the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from documents.book.compile import (
    AgendaEntry,
    BookDocument,
    BookPlan,
    ConnectedSite,
    MeetingInfo,
    Watermark,
    compile_book,
)
from documents.classified.placeholder import classified_placeholder_pdf
from documents.doctypes import doc_type_name
from meetings.lifecycle import get_meeting
from meetings.materials import meeting_materials
from store.clock import VN_TZ
from store.codes import Classification, MeetingKind

if TYPE_CHECKING:
    from documents.book.compile import BookResult
    from store.engine import Store


def book_plan(store: Store, meeting_id: int, *, watermark_for: str | None = None, at: datetime | None = None) -> BookPlan:
    with store.read() as s:
        detail = get_meeting(s, meeting_id)
    materials = meeting_materials(store, meeting_id)
    by_item: dict[str | None, list] = {}
    for row in materials:
        if row.document.recalled_at is None:
            by_item.setdefault(row.item_number, []).append(row.document)

    def source(sha: str):
        return lambda: store.blobs.get(sha)

    def placeholder(d):
        return lambda: classified_placeholder_pdf(d.title, d.number, Classification(d.classification).vi)

    def docs(number: str | None):
        # Classified papers are stored encrypted for their cleared readers: the shared book
        # carries a stand-in page saying where they belong and how to read them.
        return tuple(BookDocument(d.title, placeholder(d) if d.classified else source(d.current_version.sha256),
                                  doc_type_name(d.doc_type), d.number)
                     for d in by_item.get(number, []))

    m = detail.meeting
    host = detail.unit  # as it was named on the meeting's day
    info = MeetingInfo(
        host_unit=host.official_name, title=m.title, starts_at=m.starts_at.astimezone(VN_TZ),
        ends_at=m.ends_at.astimezone(VN_TZ) if m.ends_at else None, location=m.location,
        kind=f"Họp {MeetingKind(m.kind).vi}", place=host.place_name,
        sites=tuple(ConnectedSite(site.official_name, site.level_name) for site in detail.sites),
    )
    agenda = tuple(AgendaEntry(n.number, n.title, n.presenter, n.planned_minutes or None, docs(n.number))
                   for n in detail.agenda_items())
    unplaced = docs(None)
    if unplaced:
        agenda += (AgendaEntry(str(len(detail.agenda) + 1), "Tài liệu khác", "", None, unplaced),)
    classified = any(r.document.classified for r in materials)
    watermark = None
    if watermark_for:
        watermark = Watermark(watermark_for, (at or store.clock.now()).astimezone(VN_TZ), "MẬT" if classified else "")
    return BookPlan(info, agenda, watermark)


def compile_meeting_book(store: Store, meeting_id: int, out: str | Path, *, watermark_for: str | None = None,
                         progress: Callable[[int, int], None] | None = None, cancel=None) -> BookResult:
    return compile_book(book_plan(store, meeting_id, watermark_for=watermark_for), out, progress=progress, cancel=cancel)
