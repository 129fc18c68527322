"""Conclusions per agenda item, the tasks they assign, and the conclusion notice.

A conclusion (kết luận) is the chair's text for an item; a task (nhiệm vụ) gives an owner
unit a deadline and stays open until someone marks it done (with when and a note). The
notice (thông báo kết luận, Decree 30 Mẫu 1.4 layout) is drawn from them and attached to
the meeting as a ``thong_bao`` document; issuing it again adds a new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from documents.intake.service import inspect_pdf
from documents.library import add_document, get_document
from documents.models import Document
from documents.records import DocumentMeta
from meetings.lifecycle import get_meeting, load_meeting
from meetings.live.attendance import live_meeting
from meetings.live.models import Conclusion, ConclusionTask
from meetings.models import AgendaItem
from meetings.papers.invitation import choose_signer
from meetings.papers.numbered import store_numbered
from signing.stamp_library import seal_mm_of
from store.clock import VN_TZ
from store.codes import LIVE_OR_ENDED
from store.directory import unit_not_found
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, flush_or_conflict, stamp
from store.models import Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from documents.intake.service import InspectedPdf, IntakeWorker
    from documents.records import DocumentInfo
    from meetings.papers.minutes_pdf import NoticeContent
    from store.engine import Store
    from store.uow import UnitOfWork


@dataclass(frozen=True)
class ConclusionInfo:
    id: int
    meeting_id: int
    item_id: int | None
    text: str
    version: int


@dataclass(frozen=True)
class TaskInfo:
    id: int
    meeting_id: int
    conclusion_id: int | None
    owner_unit_id: int
    owner_name: str
    description: str
    deadline: date
    status: str
    done_at: datetime | None
    done_note: str
    version: int

    def overdue(self, today: date) -> bool:
        return self.status == "open" and today > self.deadline

    def as_json(self) -> dict:
        return {"id": self.id, "meeting_id": self.meeting_id, "owner_unit_id": self.owner_unit_id,
                "owner": self.owner_name, "description": self.description, "deadline": self.deadline.isoformat(),
                "status": self.status, "done_at": self.done_at.isoformat() if self.done_at else None,
                "done_note": self.done_note}


def _cinfo(c: Conclusion) -> ConclusionInfo:
    return ConclusionInfo(c.id, c.meeting_id, c.item_id, c.text, c.version)


def _tinfo(t: ConclusionTask, owner: str) -> TaskInfo:
    return TaskInfo(t.id, t.meeting_id, t.conclusion_id, t.owner_unit_id, owner, t.description, t.deadline, t.status,
                    t.done_at, t.done_note, t.version)


def add_conclusion(uow: UnitOfWork, meeting_id: int, text: str, *, item_id: int | None = None) -> ConclusionInfo:
    s = uow.session
    live_meeting(s, meeting_id, LIVE_OR_ENDED)
    text = text.strip()
    if not text:
        raise InvalidInput("Kết luận không được để trống.", "A conclusion cannot be empty.")
    if item_id is not None:
        item = s.get(AgendaItem, item_id)
        if item is None or item.meeting_id != meeting_id:
            raise NotFound(f"Cuộc họp không có mục chương trình số {item_id}.", f"The meeting has no agenda item {item_id}.")
    last = s.execute(select(func.max(Conclusion.position)).where(Conclusion.meeting_id == meeting_id)).scalar_one()
    row = Conclusion(meeting_id=meeting_id, item_id=item_id, position=(last or 0) + 1, text=text)
    stamp(row, uow)
    s.add(row)
    s.flush()
    uow.record("conclusion.add", "conclusion", row.id, {"item_id": item_id, "text": text}, meeting_id=meeting_id)
    return _cinfo(row)


def edit_conclusion(uow: UnitOfWork, conclusion_id: int, text: str, *, expected_version: int | None) -> ConclusionInfo:
    s = uow.session
    row = s.get(Conclusion, conclusion_id)
    if row is None:
        raise NotFound(f"Không có kết luận số {conclusion_id}.", f"There is no conclusion {conclusion_id}.")
    live_meeting(s, row.meeting_id, LIVE_OR_ENDED)
    ensure_version(s, row, expected_version, "Kết luận", {"text": text})
    if not text.strip():
        raise InvalidInput("Kết luận không được để trống.", "A conclusion cannot be empty.")
    row.text = text.strip()
    stamp(row, uow)
    flush_or_conflict(uow, row, "Kết luận", {"text": text})
    uow.record("conclusion.edit", "conclusion", row.id, {"text": row.text}, meeting_id=row.meeting_id)
    return _cinfo(row)


def list_conclusions(session: Session, meeting_id: int) -> list[ConclusionInfo]:
    rows = session.execute(select(Conclusion).where(Conclusion.meeting_id == meeting_id)
                           .order_by(Conclusion.position, Conclusion.id)).scalars()
    return [_cinfo(c) for c in rows]


def add_task(uow: UnitOfWork, meeting_id: int, *, description: str, owner_unit_id: int, deadline: date,
             conclusion_id: int | None = None) -> TaskInfo:
    s = uow.session
    meeting = live_meeting(s, meeting_id, LIVE_OR_ENDED)
    owner = s.get(Unit, owner_unit_id)
    if owner is None:
        raise unit_not_found(owner_unit_id)
    if not description.strip():
        raise InvalidInput("Nhiệm vụ cần có nội dung.", "A task needs a description.")
    if deadline < meeting.starts_at.astimezone(VN_TZ).date():
        raise InvalidInput("Thời hạn không thể trước ngày họp.", "The deadline cannot be before the meeting.")
    if conclusion_id is not None:
        c = s.get(Conclusion, conclusion_id)
        if c is None or c.meeting_id != meeting_id:
            raise NotFound(f"Cuộc họp không có kết luận số {conclusion_id}.", f"The meeting has no conclusion {conclusion_id}.")
    task = ConclusionTask(meeting_id=meeting_id, conclusion_id=conclusion_id, owner_unit_id=owner_unit_id,
                          description=description.strip(), deadline=deadline, status="open", done_note="")
    stamp(task, uow)
    s.add(task)
    s.flush()
    uow.record("task.add", "task", task.id, {"description": task.description, "owner_unit_id": owner_unit_id,
               "deadline": deadline.isoformat()}, meeting_id=meeting_id, unit_id=owner_unit_id)
    return _tinfo(task, owner.name)


def _set_task(uow: UnitOfWork, task_id: int, done: bool, note: str, expected_version: int | None) -> TaskInfo:
    s = uow.session
    task = s.get(ConclusionTask, task_id)
    if task is None:
        raise NotFound(f"Không có nhiệm vụ số {task_id}.", f"There is no task {task_id}.")
    ensure_version(s, task, expected_version, "Nhiệm vụ", {"done": done, "note": note})
    if (task.status == "done") == done:
        raise InvalidInput("Nhiệm vụ đã ở trạng thái này.", "The task is already in that state.")
    task.status = "done" if done else "open"
    task.done_at = uow.now() if done else None
    task.done_note = note.strip()
    stamp(task, uow)
    flush_or_conflict(uow, task, "Nhiệm vụ", {"done": done, "note": note})
    uow.record("task.done" if done else "task.reopen", "task", task.id, {"note": task.done_note},
               meeting_id=task.meeting_id, unit_id=task.owner_unit_id)
    return _tinfo(task, s.get(Unit, task.owner_unit_id).name)


def complete_task(uow: UnitOfWork, task_id: int, *, note: str = "", expected_version: int | None = None) -> TaskInfo:
    return _set_task(uow, task_id, True, note, expected_version)


def reopen_task(uow: UnitOfWork, task_id: int, *, note: str = "", expected_version: int | None = None) -> TaskInfo:
    return _set_task(uow, task_id, False, note, expected_version)


def list_tasks(session: Session, *, meeting_id: int | None = None, owner_unit_id: int | None = None,
               open_only: bool = False) -> list[TaskInfo]:
    q = select(ConclusionTask, Unit.name).join(Unit, Unit.id == ConclusionTask.owner_unit_id)
    if meeting_id is not None:
        q = q.where(ConclusionTask.meeting_id == meeting_id)
    if owner_unit_id is not None:
        q = q.where(ConclusionTask.owner_unit_id == owner_unit_id)
    if open_only:
        q = q.where(ConclusionTask.status == "open")
    return [_tinfo(t, name) for t, name in session.execute(q.order_by(ConclusionTask.deadline, ConclusionTask.id)).all()]


def notice_content(session: Session, meeting_id: int, signer_id: int | None, issued_on: date, *,
                   authority: str | None = None, number: str | None = None) -> NoticeContent:
    """What the conclusion notice shows: its signer's block as the office's practice has it, and
    room for the unit's seal between the signer's title and name."""
    from documents.papers.typeset import Signer, date_words  # noqa: PLC0415 -- deferred for start-up: brings in reportlab
    from meetings.papers.minutes_pdf import NoticeContent, NoticeTask  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    detail = get_meeting(session, meeting_id)
    m = detail.meeting
    chair = next((p for p in detail.participants if p.role == "chair"), None)
    block = choose_signer(session, detail, signer_id, authority)  # the office's practice, not a fixed TM. / CHỦ TỊCH
    agency, place = detail.unit.official_name, detail.unit.place_name  # as on the meeting's day
    start = m.starts_at.astimezone(VN_TZ)
    chair_text = f"{chair.full_name}, {chair.position}" if chair else "lãnh đạo " + agency
    intro = (f"{date_words(start)[0].upper()}{date_words(start)[1:]}, tại {m.location or agency}, {chair_text} đã chủ trì "
             f"{m.title[0].lower()}{m.title[1:]}. Sau khi nghe báo cáo và ý kiến của các thành viên dự họp, "
             f"chủ tọa kết luận như sau:")
    conclusions = tuple(c.text for c in list_conclusions(session, meeting_id))
    tasks = tuple(NoticeTask(t.description, t.owner_name, t.deadline) for t in list_tasks(session, meeting_id=meeting_id))
    subject = f"Kết luận của chủ tọa tại {m.title[0].lower()}{m.title[1:]}"
    return NoticeContent(agency=agency, symbol=f"TB-{detail.unit.abbreviation}", place=place, issued_on=issued_on, subject=subject,
                         intro=intro, conclusions=conclusions, tasks=tasks,
                         signer=Signer(block.authority, block.title, block.name),
                         recipients=("Thành viên UBND", "Các cơ quan, đơn vị được giao nhiệm vụ", "Lưu: VT"),
                         number=number, seal_mm=seal_mm_of(session, detail.unit.id))


def _require_conclusions(session: Session, meeting_id: int) -> None:
    load_meeting(session, meeting_id)
    if not list_conclusions(session, meeting_id):
        raise InvalidInput("Chưa có kết luận nào để thông báo.", "There are no conclusions to announce yet.")


def draw_conclusion_notice(store: Store, meeting_id: int, *, signer_id: int | None = None,
                           authority: str | None = None) -> bytes:
    """The notice as it would be issued today, unnumbered and marked DỰ THẢO."""
    from meetings.papers.minutes_pdf import render_notice  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    with store.read() as s:
        _require_conclusions(s, meeting_id)
        content = notice_content(s, meeting_id, signer_id, store.clock.now().astimezone(VN_TZ).date(),
                                  authority=authority)
    return render_notice(content)[0]


def issued_notice(session: Session, meeting_id: int) -> DocumentInfo | None:
    """The meeting's issued conclusion notice, if any."""
    found = session.execute(select(Document.id).where(
        Document.meeting_id == meeting_id, Document.doc_type == "thong_bao", Document.agenda_item_id.is_(None),
        Document.title.like("Thông báo kết luận%"))).scalars().first()
    return get_document(session, found) if found is not None else None


def issue_conclusion_notice(store: Store, actor_id: int | None, meeting_id: int, *, signer_id: int | None = None,
                            authority: str | None = None, intake: IntakeWorker | None = None) -> DocumentInfo:
    """Number the notice through the register (``07/TB-UBND``: the meeting's chair or secretary
    or the văn thư), attach it to the meeting and send it to its signer. Issued once: a
    conclusion added afterwards goes into a new notice of its own, not into a numbered paper."""
    from meetings.papers.minutes_pdf import render_notice  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    today = store.clock.now().astimezone(VN_TZ).date()
    with store.read() as s:
        unit_id = load_meeting(s, meeting_id).unit_id
        _require_conclusions(s, meeting_id)
        earlier = issued_notice(s, meeting_id)
        if earlier is not None:
            raise InvalidInput(f"Thông báo kết luận của cuộc họp đã phát hành số {earlier.number} (tài liệu "
                               f"#{earlier.id}).", f"The meeting's conclusion notice was already issued as "
                               f"{earlier.number} (document #{earlier.id}).")

    def draw(session: Session, number: str) -> tuple[bytes, tuple[NoticeContent, dict[str, Any]]]:
        content = notice_content(session, meeting_id, signer_id, today, authority=authority, number=number)
        data, boxes = render_notice(content)
        return data, (content, boxes)

    def save(uow: UnitOfWork, number: str, pdf: InspectedPdf, drawn: tuple[NoticeContent, dict[str, Any]]
             ) -> tuple[DocumentInfo, dict[str, Any]]:
        live_meeting(uow.session, meeting_id, LIVE_OR_ENDED)
        content = drawn[0]
        meta = DocumentMeta(title=f"Thông báo kết luận {content.subject[9:]}", doc_type="thong_bao", number=number,
                            issuing_unit=content.agency, issued_on=content.issued_on)
        info = add_document(uow, meeting_id=meeting_id, unit_id=unit_id, agenda_item_id=None, pdf=pdf,
                            meta=meta, filename="thong-bao-ket-luan.pdf")
        uow.record("conclusions.notice", "document", info.id, {"number": number}, meeting_id=meeting_id,
                   unit_id=unit_id)
        return info, drawn[1]

    inspect = intake.inspect if intake is not None else inspect_pdf
    info, boxes = store_numbered(store, actor_id, unit_id=unit_id, meeting_id=meeting_id, doc_type="thong_bao",
                                 draw=draw, inspect=inspect, save=save)
    with store.read() as s:
        signer = choose_signer(s, get_meeting(s, meeting_id), signer_id, authority).person_id
    if signer is not None and "signer" in boxes:
        from signing.workflow import request_signatures  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

        with store.uow(actor_id) as uow:  # its own transaction: the blob is read through another connection
            request_signatures(uow, info.id, [signer], reason="Ký thông báo kết luận", placement=[boxes["signer"]],
                               intake=intake)
            uow.commit()
    with store.read() as s:
        return get_document(s, info.id)
