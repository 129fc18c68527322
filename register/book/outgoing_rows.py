"""The outgoing book's rows: every number of the year's series, in order, from the numbers the
register gave (``register.numbering``), with what each went to: an outgoing document
(``register.outgoing``: its subject, signer, recipients and release date) or a meeting's paper
(the meeting's title). A number whose release was cancelled keeps its row, marked so: a number
is never reused."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, select, text

from documents.doctypes import doc_type_name
from register.book.rows import OUTGOING_COLUMNS, RegisterBook, heading
from register.models import RegisterNumber
from register.numbering import Series
from register.outgoing.models import OutgoingDocument
from store.clock import VN_TZ
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _meeting_titles(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    # By table name: meetings sit above the register (as register.numbering reads them).
    query = text("SELECT id, title FROM meetings WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
    rows = session.execute(query, {"ids": sorted(ids)}).all()
    return {int(i): str(t) for i, t in rows}


def _outgoing(session: Session, ids: set[int]) -> dict[int, tuple[OutgoingDocument, str]]:
    if not ids:
        return {}
    rows = session.execute(select(OutgoingDocument, Person.full_name).join(Person, Person.id == OutgoingDocument.signer_id)
                           .where(OutgoingDocument.id.in_(ids))).all()
    return {doc.id: (doc, signer) for doc, signer in rows}


def outgoing_book(session: Session, unit_id: int, year: int, series: Series = Series.DI) -> RegisterBook:
    n = RegisterNumber
    numbers = session.execute(select(n).where(n.unit_id == unit_id, n.year == year, n.series == str(series))
                              .order_by(n.number)).scalars().all()
    meetings = _meeting_titles(session, {r.subject_id for r in numbers
                                         if r.subject_type == "meeting" and r.subject_id is not None})
    documents = _outgoing(session, {r.subject_id for r in numbers
                                    if r.subject_type == "outgoing" and r.subject_id is not None})
    rows: list[tuple[str, ...]] = []
    days: list[date] = []
    for r in numbers:
        day = r.taken_at.astimezone(VN_TZ).date()
        days.append(day)
        kind = doc_type_name(r.doc_type) if r.doc_type else ""
        subject, signer, recipients, sent = "", "", "", ""
        if r.subject_type == "meeting":
            subject = meetings.get(r.subject_id or 0, "")
        elif r.subject_type == "outgoing" and r.subject_id in documents:
            doc, signer = documents[r.subject_id]
            subject = doc.subject
            recipients = "; ".join(str(x.get("name", "")) for x in doc.recipients or ())
            if doc.released_on is not None:
                day, sent = doc.released_on, f"{doc.released_on:%d/%m/%Y}"
        described = f"{kind}: {subject}" if kind and subject else kind or subject
        note = f"Đã hủy: {r.cancel_reason}" if r.cancelled_at is not None else ""
        rows.append((r.symbol or f"{r.number:02d}", f"{day:%d/%m/%Y}", described, signer, recipients, "Văn thư", "",
                     sent, "", note))
    agency, parent, place = heading(session, unit_id)
    return RegisterBook(unit_id, agency, parent, place, year, series, OUTGOING_COLUMNS, tuple(rows),
                        numbers[0].number if numbers else None, numbers[-1].number if numbers else None,
                        min(days, default=None), max(days, default=None))
