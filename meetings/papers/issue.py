"""Issuing a meeting's invitation or programme: numbered through the register
(:mod:`meetings.papers.numbered`), stored with the meeting, sent to its signer.

Who numbers: the unit's văn thư, as for every outgoing document (``register.numbering``);
the signer then signs the field placed in the space of the signature block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from documents.intake.service import inspect_pdf
from documents.library import add_document, get_document
from documents.models import Document
from documents.records import DocumentMeta
from meetings.lifecycle import load_meeting
from meetings.papers.invitation import invitation_content, programme_content
from meetings.papers.numbered import store_numbered
from store.clock import VN_TZ
from store.codes import Labelled, MeetingStatus
from store.directory import get_unit
from store.errors import InvalidInput

if TYPE_CHECKING:
    from datetime import date

    from sqlalchemy.orm import Session

    from documents.intake.service import InspectedPdf, IntakeWorker
    from documents.records import DocumentInfo
    from meetings.papers.meeting_papers_pdf import Boxes
    from signing.workflow import SigningRequestInfo
    from store.engine import Store
    from store.uow import UnitOfWork

class MeetingPaper(Labelled):
    """What a meeting issues before it is held, by the register's document type."""

    INVITATION = "giay_moi", "giấy mời"
    PROGRAMME = "chuong_trinh", "chương trình"

    @property
    def filename(self) -> str:
        return {"giay_moi": "giay-moi.pdf", "chuong_trinh": "chuong-trinh.pdf"}[self.value]

    @property
    def reason(self) -> str:
        return f"Ký {self.vi}"


@dataclass(frozen=True)
class IssuedPaper:
    kind: MeetingPaper
    document: DocumentInfo
    number: str  # "15/GM-UBND"
    signer_id: int | None
    request: SigningRequestInfo | None


def _draw(session: Session, kind: MeetingPaper, meeting_id: int, number: str, issued_on: date,
          signer_id: int | None, authority: str | None) -> tuple[bytes, Boxes, int | None, str]:
    from meetings.papers.meeting_papers_pdf import render_invitation, render_programme  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    if kind is MeetingPaper.INVITATION:
        inv = invitation_content(session, meeting_id, issued_on=issued_on, signer_id=signer_id,
                                 authority=authority, number=number)
        data, boxes = render_invitation(inv)
        return data, boxes, inv.signer.person_id, inv.subject
    prog = programme_content(session, meeting_id, issued_on=issued_on, signer_id=signer_id, authority=authority,
                             number=number)
    data, boxes = render_programme(prog)
    return data, boxes, prog.signer.person_id, prog.subject


def issue_meeting_paper(store: Store, actor_id: int | None, meeting_id: int, kind: MeetingPaper, *,
                        signer_id: int | None = None, authority: str | None = None,
                        intake: IntakeWorker | None = None) -> IssuedPaper:
    """Number, store and send for signature the meeting's invitation or programme."""
    inspect: Callable[[bytes], InspectedPdf] = intake.inspect if intake is not None else inspect_pdf
    today = store.clock.now().astimezone(VN_TZ).date()
    with store.read() as s:
        meeting = load_meeting(s, meeting_id)
        if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.ARCHIVED):
            raise InvalidInput(f"Cuộc họp #{meeting_id} đã kết thúc; không phát hành {kind.vi} nữa.",
                               f"Meeting #{meeting_id} has ended; its {kind.value} is no longer issued.")
        unit_id = meeting.unit_id

    def draw(s: Session, number: str) -> tuple[bytes, tuple[Boxes, int | None, str]]:
        data, boxes, signer, subject = _draw(s, kind, meeting_id, number, today, signer_id, authority)
        return data, (boxes, signer, subject)

    def save(uow: UnitOfWork, number: str, pdf: InspectedPdf, drawn: tuple[Boxes, int | None, str]
             ) -> tuple[DocumentInfo, tuple[Boxes, int | None, str]]:
        subject = drawn[2]
        meta = DocumentMeta(title=f"{kind.vi.capitalize()} {subject[:1].lower()}{subject[1:]}", doc_type=kind.value,
                            number=number, issuing_unit=_agency(uow.session, unit_id), issued_on=today)
        info = add_document(uow, meeting_id=meeting_id, unit_id=unit_id, agenda_item_id=None, pdf=pdf, meta=meta,
                            filename=kind.filename)
        uow.record("meeting.paper_issued", "document", info.id, {"kind": kind.value, "number": number},
                   meeting_id=meeting_id, unit_id=unit_id)
        return info, drawn

    info, (boxes, signer, _subject) = store_numbered(store, actor_id, unit_id=unit_id, meeting_id=meeting_id,
                                                     doc_type=kind.value, draw=draw, inspect=inspect, save=save)
    request = None
    if signer is not None and "signer" in boxes:
        from signing.workflow import request_signatures  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

        # Its own transaction: on PostgreSQL the blob just stored is read through another connection.
        with store.uow(actor_id) as uow:
            request = request_signatures(uow, info.id, [signer], reason=kind.reason, placement=[boxes["signer"]],
                                         intake=intake)
            uow.commit()
    with store.read() as s:
        return IssuedPaper(kind, get_document(s, info.id), info.number, signer, request)


def _agency(session: Session, unit_id: int) -> str:
    return get_unit(session, unit_id).official_name


def issued_papers(session: Session, meeting_id: int, kind: MeetingPaper) -> list[int]:
    """The documents of this kind issued for the meeting, newest first (a changed meeting's
    invitation is issued again, with a new number)."""
    return list(session.execute(select(Document.id).where(Document.meeting_id == meeting_id,
                                                          Document.doc_type == kind.value)
                                .order_by(Document.id.desc())).scalars())
