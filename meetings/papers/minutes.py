"""Minutes (biên bản): drafted from the record, edited by the secretary, then finalised.

``draft_minutes`` writes the text from what was recorded (particulars, attendance by site,
for each agenda item its presenter, speakers, vote results and conclusions, the closing
line) as editable sections stored in the ``minutes`` row; the secretary changes the text
with ``edit_minutes`` (optimistic locking: an edit on a stale copy is refused with who
saved first, and the refused text is handed back). ``finalise_minutes`` draws the Decree 30
PDF, attaches it to the meeting as a ``bien_ban`` document, and sends it to be signed by
the secretary, then the chair.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from documents.intake.service import inspect_pdf
from documents.library import add_document, get_document
from documents.papers.typeset import date_words
from documents.records import DocumentMeta
from meetings.lifecycle import STATUS_VI, get_meeting, load_meeting
from meetings.live.attendance import attendance_by_site, live_meeting, quorum
from meetings.live.models import MinutesRecord
from meetings.live.speakers import meeting_speakers
from meetings.live.votes import KIND_VI, list_votes, vote_result
from meetings.papers.conclusions import list_conclusions
from meetings.papers.minutes_pdf import Box, MinutesContent, Section, render_minutes
from meetings.papers.numbered import store_numbered
from signing.stamp_library import seal_mm_of
from store.clock import VN_TZ
from store.codes import LIVE_OR_ENDED
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, flush_or_conflict, stamp
from store.models import AuditEntry

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from documents.intake.service import InspectedPdf, IntakeWorker
    from documents.records import DocumentInfo
    from store.engine import Store
    from store.uow import UnitOfWork

INLINE = ("time", "place", "attendance", "chair", "secretary")
Boxes = dict[str, tuple[int, Box]]
#: Meeting statuses with something to record: minutes of a meeting not yet held are refused.
HELD = ("in_progress", "closed", "archived")


def require_held(session: Session, meeting_id: int) -> None:
    """Minutes record a meeting that took place (or is taking place): refuse one still ahead."""

    meeting = load_meeting(session, meeting_id)
    if meeting.status not in HELD:
        raise InvalidInput(
            f"Cuộc họp #{meeting_id} chưa diễn ra (trạng thái: {STATUS_VI.get(meeting.status, meeting.status)}); "
            "biên bản được soạn khi cuộc họp bắt đầu hoặc đã kết thúc.",
            f"Meeting #{meeting_id} has not taken place yet (status: {meeting.status}); minutes are drafted once "
            "it has started or ended.",
        )


def no_draft(meeting_id: int) -> NotFound:
    return NotFound(f"Chưa có dự thảo biên bản; hãy soạn trước: nghisu minutes {meeting_id} --draft.",
                    f"There is no draft of the minutes yet; draft it first: nghisu minutes {meeting_id} --draft.")


@dataclass(frozen=True)
class MinutesSection:
    key: str
    heading: str
    text: str


@dataclass(frozen=True)
class MinutesDraft:
    meeting_id: int
    sections: tuple[MinutesSection, ...]
    status: str  # draft | final
    document_id: int | None
    version: int

    def text(self) -> str:
        return "\n".join(f"{s.heading}\n{s.text}" for s in self.sections)

    def section(self, key: str) -> MinutesSection:
        return next(s for s in self.sections if s.key == key)


def _draft(row: MinutesRecord) -> MinutesDraft:
    return MinutesDraft(row.meeting_id, tuple(MinutesSection(s["key"], s["heading"], s["text"]) for s in row.sections),
                        row.status, row.document_id, row.version)


def _clock_words(at: datetime) -> str:
    local = at.astimezone(VN_TZ)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {date_words(local)}"


def _closed_at(session: Session, meeting_id: int) -> datetime | None:
    return session.execute(select(AuditEntry.at).where(AuditEntry.meeting_id == meeting_id,
                                                       AuditEntry.action == "meeting.closed")).scalars().first()


def compose_sections(session: Session, meeting_id: int) -> list[MinutesSection]:
    """The minutes' text as the record tells it (nothing typed by hand yet)."""
    detail = get_meeting(session, meeting_id)
    official = {detail.unit.id: detail.unit.official_name} | {s.unit_id: s.official_name for s in detail.sites}
    m = detail.meeting
    sections = [MinutesSection("time", "Thời gian bắt đầu", _clock_words(m.starts_at) + "."),
                MinutesSection("place", "Địa điểm", (m.location or detail.unit.name) + ".")]
    q = quorum(session, meeting_id)
    # Two counts that must not read as one contradicting the other (a reviewer saw "5/6 thành
    # viên" beside "7/8 đại biểu"): the members who make the quorum, then everyone invited to
    # each site (members, guests, the secretary), each named for what it counts.
    lines = [f"Thành viên (tính túc số): có mặt {q.present}/{q.members} thành viên, "
             f"{'đủ' if q.reached else 'chưa đủ'} túc số theo quy định.",
             "" if not detail.sites else f"Cuộc họp được kết nối trực tuyến tới {len(detail.sites)} điểm cầu."]
    for site in attendance_by_site(session, meeting_id):
        if site.site_unit_id == m.unit_id:
            where = f"Tại điểm cầu chính ({official[site.site_unit_id]})" if detail.sites else "Tại phòng họp"
        else:
            where = f"Tại điểm cầu {official.get(site.site_unit_id, site.site_name)}"
        lines.append(f"{where}: có mặt {site.present}/{len(site.rows)} người được mời dự (thành viên, khách mời, "
                     "thư ký).")
        for r in site.rows:
            if r.status == "present":
                lines.append(f"- {r.full_name}, {r.position}: có mặt;")
            elif r.status == "absent":
                lines.append(f"- {r.full_name}, {r.position}: vắng mặt, lý do: {r.reason};")
            elif r.status == "deputy":
                lines.append(f"- {r.full_name}, {r.position}: vắng mặt, cử {r.deputy_name} dự thay;")
            else:
                lines.append(f"- {r.full_name}, {r.position}: chưa ghi nhận;")
    sections.append(MinutesSection("attendance", "Thành phần tham dự", "\n".join(ln for ln in lines if ln)))
    chair = next((p for p in detail.participants if p.role == "chair"), None)
    secretary = next((p for p in detail.participants if p.role == "secretary"), None)
    sections.append(MinutesSection("chair", "Chủ trì (chủ tọa)", f"{chair.full_name}, {chair.position}." if chair else "…"))
    sections.append(MinutesSection("secretary", "Thư ký (người ghi biên bản)",
                                   f"{secretary.full_name}, {secretary.position}." if secretary else "…"))
    speakers = meeting_speakers(session, meeting_id)
    votes_by_item: dict[int | None, list] = {}
    for v in list_votes(session, meeting_id):
        votes_by_item.setdefault(v.item_id, []).append(vote_result(session, v.id))
    concl_by_item: dict[int | None, list[str]] = {}
    for c in list_conclusions(session, meeting_id):
        concl_by_item.setdefault(c.item_id, []).append(c.text)
    sections.append(MinutesSection("content", "Nội dung", "Cuộc họp đã lần lượt xem xét các nội dung sau:"))
    for node in detail.agenda_items():
        body = []
        if node.presenter:
            body.append(f"{node.presenter} trình bày.")
        names = [s.full_name for s in speakers.get(node.id, [])]
        if names:
            body.append(f"Ý kiến phát biểu: {', '.join(names)}.")
        for r in votes_by_item.get(node.id, []):
            state = "" if r.vote.status == "closed" else " (chưa kết thúc)"
            body.append(f"Biểu quyết ({KIND_VI[r.vote.kind]}){state}: {r.vote.question}. Kết quả: {r.line()}.")
        for text in concl_by_item.get(node.id, []):
            body.append(f"Kết luận: {text}")
        sections.append(MinutesSection(f"item:{node.id}", f"{node.number}. {node.title}", "\n".join(body)))
    general = concl_by_item.get(None, []) + [f"Biểu quyết ({KIND_VI[r.vote.kind]}): {r.vote.question}. Kết quả: {r.line()}."
                                             for r in votes_by_item.get(None, [])]
    if general:
        sections.append(MinutesSection("general", "Kết luận chung", "\n".join(general)))
    end = _closed_at(session, meeting_id)
    if end is None or end.astimezone(VN_TZ).date() != m.starts_at.astimezone(VN_TZ).date():
        end = m.ends_at  # closed in the store on another day (recorded afterwards): the planned end
    closing = f"Cuộc họp kết thúc vào {_clock_words(end)}./." if end else "Cuộc họp kết thúc vào … giờ …, ngày … tháng … năm …/."
    sections.append(MinutesSection("closing", "", closing))
    return sections


def _row(session: Session, meeting_id: int) -> MinutesRecord | None:
    return session.get(MinutesRecord, meeting_id)


def draft_minutes(uow: UnitOfWork, meeting_id: int, *, regenerate: bool = False) -> MinutesDraft:
    """The stored draft; the first call (or ``regenerate``) writes it from the record."""
    require_held(uow.session, meeting_id)
    s = uow.session
    live_meeting(s, meeting_id, LIVE_OR_ENDED)
    row = _row(s, meeting_id)
    if row is not None and not regenerate:
        return _draft(row)
    if row is not None and row.status != "draft":
        raise InvalidInput("Biên bản đã hoàn tất; không soạn lại được.", "The minutes are final; they cannot be redrafted.")
    sections = [{"key": x.key, "heading": x.heading, "text": x.text} for x in compose_sections(s, meeting_id)]
    if row is None:
        row = MinutesRecord(meeting_id=meeting_id, sections=sections, status="draft", created_at=uow.now())
        s.add(row)
    else:
        row.sections = sections
    stamp(row, uow)
    s.flush()
    uow.record("minutes.draft", "minutes", meeting_id, {"sections": len(sections), "regenerate": regenerate},
               meeting_id=meeting_id)
    return _draft(row)


def edit_minutes(uow: UnitOfWork, meeting_id: int, sections: Mapping[str, str], *,
                 expected_version: int | None) -> MinutesDraft:
    """Replace the text of the named sections (by key); headings and order stay."""
    s = uow.session
    row = _row(s, meeting_id)
    if row is None:
        raise no_draft(meeting_id)
    ensure_version(s, row, expected_version, "Biên bản", dict(sections))
    if row.status != "draft":
        raise InvalidInput("Biên bản đã hoàn tất; không sửa được.", "The minutes are final; they cannot be edited.")
    known = {x["key"] for x in row.sections}
    unknown = set(sections) - known
    if unknown:
        raise InvalidInput(f"Biên bản không có phần: {', '.join(sorted(unknown))}.",
                           f"The minutes have no section: {', '.join(sorted(unknown))}.")
    row.sections = [{**x, "text": str(sections[x["key"]]).strip()} if x["key"] in sections else x for x in row.sections]
    stamp(row, uow)
    flush_or_conflict(uow, row, "Biên bản", dict(sections))
    uow.record("minutes.edit", "minutes", meeting_id, {"sections": sorted(sections)}, meeting_id=meeting_id)
    return _draft(row)


def get_minutes(session: Session, meeting_id: int) -> MinutesDraft | None:
    row = _row(session, meeting_id)
    return _draft(row) if row else None


def minutes_content(session: Session, meeting_id: int, draft: MinutesDraft, *, final: bool = False,
                    number: str | None = None) -> MinutesContent:
    """What the PDF shows; unless ``final`` (finalising), every page is marked DỰ THẢO;
    ``number`` is the register's (``05/BB-UBND``), printed once the minutes are finalised."""
    detail = get_meeting(session, meeting_id)
    chair = next((p for p in detail.participants if p.role == "chair"), None)
    secretary = next((p for p in detail.participants if p.role == "secretary"), None)
    sections = tuple(Section(x.heading, x.text, inline=x.key in INLINE) for x in draft.sections)
    return MinutesContent(agency=detail.unit.official_name, symbol=f"BB-{detail.unit.abbreviation}", meeting_title=detail.meeting.title,
                          sections=sections, secretary_name=secretary.full_name if secretary else "",
                          chair_name=chair.full_name if chair else "", recipients=("Thành viên dự họp", "Lưu: VT, Hồ sơ"),
                          draft=not final, number=number, seal_mm=seal_mm_of(session, detail.unit.id))


def render_minutes_pdf(store: Store, meeting_id: int) -> bytes:
    """The minutes as they stand, marked DỰ THẢO on every page (the stored draft, or drawn from
    the record if none yet); once final, the stored document (signed, when it has been)."""

    with store.read() as s:
        require_held(s, meeting_id)
        draft = get_minutes(s, meeting_id)
        if draft is not None and draft.status == "final" and draft.document_id is not None:
            return store.blobs.get(get_document(s, draft.document_id).current_version.sha256)
        if draft is None:
            draft = MinutesDraft(meeting_id, tuple(compose_sections(s, meeting_id)), "draft", None, 0)
        return render_minutes(minutes_content(s, meeting_id, draft))[0]


def finalise_minutes(store: Store, actor_id: int | None, meeting_id: int, *,
                     intake: IntakeWorker | None = None) -> DocumentInfo:
    """Draw the PDF, number it through the register (``05/BB-UBND``: the secretary or chair of
    the meeting, or the unit's văn thư, takes the number), attach it as the meeting's
    ``bien_ban``, and send it for signing in turn: the secretary, then the chair.

    If sending fails (e.g. no secretary), the minutes stay final and attached; call
    ``send_minutes_for_signature`` again once the cause is fixed. ``intake``: a checker
    process to reuse (the demo checks the fields and both signatures with the same one)."""

    with store.read() as s:
        meeting = load_meeting(s, meeting_id)
        title, unit_id = meeting.title, meeting.unit_id
        draft = get_minutes(s, meeting_id)
        if draft is None:
            raise no_draft(meeting_id)
        if draft.status != "draft":
            raise InvalidInput("Biên bản đã được hoàn tất trước đó.", "The minutes were already finalised.")

    def draw(session: Session, number: str) -> tuple[bytes, tuple[MinutesContent, Boxes]]:
        content = minutes_content(session, meeting_id, draft, final=True, number=number)
        data, boxes = render_minutes(content)
        return data, (content, boxes)

    def save(uow: UnitOfWork, number: str, pdf: InspectedPdf, drawn: tuple[MinutesContent, Boxes]
             ) -> tuple[DocumentInfo, Boxes]:
        row = uow.session.get(MinutesRecord, meeting_id, with_for_update=True)
        ensure_version(uow.session, row, draft.version, "Biên bản", {"finalise": True})
        if row.status != "draft":
            raise InvalidInput("Biên bản đã được hoàn tất trước đó.", "The minutes were already finalised.")
        meta = DocumentMeta(title=f"Biên bản {title[0].lower()}{title[1:]}", doc_type="bien_ban", number=number,
                            issuing_unit=drawn[0].agency, issued_on=uow.now().astimezone(VN_TZ).date())
        info = add_document(uow, meeting_id=meeting_id, unit_id=unit_id, agenda_item_id=None, pdf=pdf,
                            meta=meta, filename="bien-ban.pdf")
        row.status, row.document_id = "final", info.id
        stamp(row, uow)
        flush_or_conflict(uow, row, "Biên bản", {"finalise": True})
        uow.record("minutes.finalise", "minutes", meeting_id, {"document_id": info.id, "number": number,
                   "sha256": info.current_version.sha256}, meeting_id=meeting_id, unit_id=unit_id)
        return info, drawn[1]

    # Our own output, checked like any file before it is stored; numbered as it is stored.
    inspect = intake.inspect if intake is not None else inspect_pdf
    info, boxes = store_numbered(store, actor_id, unit_id=unit_id, meeting_id=meeting_id, doc_type="bien_ban",
                                 draw=draw, inspect=inspect, save=save)
    # A second transaction: on PostgreSQL ``uow.get_blob`` reads through another connection,
    # which cannot see a blob this transaction has not committed yet.
    with store.uow(actor_id) as uow:
        send_minutes_for_signature(uow, meeting_id, info.id, boxes, intake=intake)
        uow.commit()
    with store.read() as s:
        return get_document(s, info.id)


def send_minutes_for_signature(uow: UnitOfWork, meeting_id: int, document_id: int,
                               boxes: Mapping[str, tuple[int, tuple[float, float, float, float]]] | None = None,
                               *, intake: IntakeWorker | None = None):
    """Ask the secretary, then the chair, to sign the minutes, with their fields placed in
    the blank space of the THƯ KÝ and CHỦ TỌA blocks."""
    from signing.workflow import request_signatures  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

    detail = get_meeting(uow.session, meeting_id)
    by_role = {p.role: p.person_id for p in detail.participants if p.role in ("secretary", "chair")}
    if set(by_role) != {"secretary", "chair"}:
        raise InvalidInput("Cuộc họp cần có thư ký và chủ tọa để ký biên bản.",
                           "The meeting needs a secretary and a chair to sign the minutes.")
    placement = [boxes["secretary"], boxes["chair"]] if boxes and {"secretary", "chair"} <= set(boxes) else None
    return request_signatures(uow, document_id, [by_role["secretary"], by_role["chair"]],
                              reason="Ký biên bản cuộc họp", placement=placement, intake=intake)
