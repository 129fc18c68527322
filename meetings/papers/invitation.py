"""A meeting's papers before it is held, drawn from the meeting itself: the invitation (giấy
mời), the programme with clock times (chương trình) and the attendance sheets per site.

What the meeting does not already know (what to bring, whom to contact, a note) is kept on
the meeting (``set_invitation_details``), so the same invitation comes out every time and the
desktop and the command line print the same paper. The signer's block follows the office's
practice (:mod:`meetings.papers.signer_practice`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from meetings.lifecycle import get_meeting, load_meeting
from meetings.papers.schedule import spoken_time, timed_agenda
from meetings.papers.signer_practice import SignerBlock, signer_block
from meetings.records import MeetingDetail, ParticipantInfo
from meetings.sites import ROLE_VI
from signing.stamp_library import seal_mm_of
from store.clock import VN_TZ
from store.codes import MeetingStatus
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, save_edit
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from meetings.papers.meeting_papers_pdf import (
        AttendanceContent,
        InvitationContent,
        PaperHead,
        ProgrammeContent,
    )
    from store.uow import UnitOfWork

LIMITS = {"bring": 500, "contact": 300, "note": 1000}


@dataclass(frozen=True)
class InvitationDetails:
    meeting_id: int
    bring: str
    contact: str
    note: str
    version: int  # the meeting's version: these are edited with it

    def as_json(self) -> dict[str, object]:
        return {"meeting_id": self.meeting_id, "bring": self.bring, "contact": self.contact, "note": self.note,
                "version": self.version}


def invitation_details(session: Session, meeting_id: int) -> InvitationDetails:
    m = load_meeting(session, meeting_id)
    return InvitationDetails(m.id, m.invite_bring, m.invite_contact, m.invite_note, m.version)


def set_invitation_details(uow: UnitOfWork, meeting_id: int, *, bring: str | None = None, contact: str | None = None,
                           note: str | None = None, expected_version: int | None = None) -> InvitationDetails:
    """Change what the invitation asks delegates to bring, whom they contact, and its note."""
    s = uow.session
    meeting = load_meeting(s, meeting_id)
    given = {"bring": bring, "contact": contact, "note": note}
    changes = {k: " ".join(v.split()) if k != "note" else v.strip() for k, v in given.items() if v is not None}
    ensure_version(s, meeting, expected_version, f"Cuộc họp '{meeting.title}'", changes)
    if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.ARCHIVED):
        raise InvalidInput("Cuộc họp đã kết thúc; giấy mời không sửa được nữa.",
                           "The meeting has ended; its invitation can no longer be changed.")
    for key, value in changes.items():
        if len(value) > LIMITS[key]:
            raise InvalidInput(f"Nội dung '{key}' dài quá {LIMITS[key]} ký tự.",
                               f"'{key}' is longer than {LIMITS[key]} characters.")
    before = save_edit(uow, meeting, {f"invite_{k}": v for k, v in changes.items()}, f"Cuộc họp '{meeting.title}'",
                       changes)
    uow.record("meeting.invitation", "meeting", meeting.id, {"before": before, "after": changes},
               meeting_id=meeting.id, unit_id=meeting.unit_id)
    return InvitationDetails(meeting.id, meeting.invite_bring, meeting.invite_contact, meeting.invite_note,
                             meeting.version)


# ------------------------------------------------------------------------------------- content


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def _person_line(p: ParticipantInfo) -> str:
    return f"Đồng chí {p.full_name}, {p.position}" if p.position else f"Đồng chí {p.full_name}"


def _site_names(detail: MeetingDetail) -> dict[int, str]:
    return {s.unit_id: s.official_name or s.name for s in detail.sites}


def _chair(detail: MeetingDetail) -> ParticipantInfo | None:
    return next((p for p in detail.participants if p.role == "chair"), None)


def _when(detail: MeetingDetail) -> str:
    m = detail.meeting
    if m.ends_at and m.ends_at.astimezone(VN_TZ).date() == m.starts_at.astimezone(VN_TZ).date():
        return spoken_time(m.starts_at, until=m.ends_at)
    return spoken_time(m.starts_at)


def _place(detail: MeetingDetail) -> str:
    return detail.meeting.location or f"Trụ sở {detail.unit.official_name}"


def choose_signer(session: Session, detail: MeetingDetail, signer_id: int | None, authority: str | None
                  ) -> SignerBlock:
    """The given signer, or the meeting's chair, in the office's signing practice."""
    if signer_id is not None:
        person = session.get(Person, signer_id)
        if person is None:
            raise NotFound(f"Không có người số {signer_id}.", f"There is no person {signer_id}.")
        return signer_block(person.full_name, person.position, authority=authority, person_id=person.id)
    chair = _chair(detail)
    if chair is None:
        raise InvalidInput("Cuộc họp chưa có chủ trì; chọn người ký bằng --signer.",
                           "The meeting has no chair yet; choose the signer with --signer.")
    return signer_block(chair.full_name, chair.position, authority=authority, person_id=chair.person_id)


def paper_head(session: Session, detail: MeetingDetail, abbreviation: str, issued_on: date,
               number: str | None) -> PaperHead:
    """The paper's header, and the unit's seal size its signer's block leaves room for."""
    from meetings.papers.meeting_papers_pdf import PaperHead  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    return PaperHead(agency=detail.unit.official_name, symbol=f"{abbreviation}-{detail.unit.abbreviation}",
                     place=detail.unit.place_name, issued_on=issued_on, number=number,
                     seal_mm=seal_mm_of(session, detail.unit.id))


def invitees(detail: MeetingDetail) -> list[str]:
    """Whom the invitation names: everyone invited except the chair (who invites), those at a
    connected site with it; a site with nobody named is invited as a whole."""
    sites = _site_names(detail)
    out = []
    named_sites = set()
    for p in detail.participants:
        if p.role == "chair":
            continue
        line = _person_line(p)
        if p.site_unit_id is not None and p.site_unit_id != detail.unit.id and p.site_unit_id in sites:
            named_sites.add(p.site_unit_id)
            line += f" (dự tại điểm cầu {sites[p.site_unit_id]})"
        out.append(line)
    out += [f"Lãnh đạo {name} (dự tại điểm cầu của địa phương)" for uid, name in sites.items() if uid not in named_sites]
    return out


def invitation_content(session: Session, meeting_id: int, *, issued_on: date, signer_id: int | None = None,
                       authority: str | None = None, for_person_id: int | None = None,
                       number: str | None = None) -> InvitationContent:
    from meetings.papers.meeting_papers_pdf import InvitationContent  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    detail = get_meeting(session, meeting_id)
    details = invitation_details(session, meeting_id)
    who: tuple[str, ...]
    if for_person_id is not None:
        person = next((p for p in detail.participants if p.person_id == for_person_id), None)
        if person is None:
            raise NotFound(f"Người số {for_person_id} không có trong thành phần cuộc họp #{meeting_id}.",
                           f"Person {for_person_id} is not invited to meeting #{meeting_id}.")
        who, recipients = (_person_line(person),), ("Như trên", "Lưu: VT")
    else:
        who, recipients = tuple(invitees(detail)), ("Như thành phần mời", "Lưu: VT")
    if not who:
        raise InvalidInput("Cuộc họp chưa có ai được mời; thêm thành phần trước khi in giấy mời.",
                           "Nobody is invited yet; add participants before printing the invitation.")
    chair = _chair(detail)
    secretary = next((p for p in detail.participants if p.role == "secretary"), None)
    contact = details.contact
    if not contact and secretary is not None:
        email = session.get(Person, secretary.person_id).email  # type: ignore[union-attr]
        contact = f"{secretary.full_name}, {secretary.position}" + (f", thư điện tử: {email}" if email else "")
    return InvitationContent(
        head=paper_head(session, detail, "GM", issued_on, number), subject=detail.meeting.title, invitees=who,
        meeting_phrase=_lower_first(detail.meeting.title),
        chair=f"Đồng chí {chair.full_name}, {chair.position}" if chair else "…", time=_when(detail),
        place=_place(detail), sites=tuple(_site_names(detail).values()),
        agenda=tuple(f"{n.title}" for n in detail.agenda),
        bring=details.bring or "tài liệu họp đã gửi trên Nghị Sự (máy tính bảng hoặc máy tính xách tay)",
        contact=contact, note=details.note, signer=choose_signer(session, detail, signer_id, authority),
        recipients=recipients)


def programme_content(session: Session, meeting_id: int, *, issued_on: date, signer_id: int | None = None,
                      authority: str | None = None, number: str | None = None) -> ProgrammeContent:
    from meetings.papers.meeting_papers_pdf import ProgrammeContent, ProgrammeRow  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    detail = get_meeting(session, meeting_id)
    if not detail.agenda:
        raise InvalidInput("Cuộc họp chưa có mục chương trình nào.", "The meeting has no agenda items yet.")
    chair = _chair(detail)
    rows = tuple(ProgrammeRow(t.span(), t.node.number, t.node.title, t.node.presenter, t.depth)
                 for t in timed_agenda(detail))
    return ProgrammeContent(
        head=paper_head(session, detail, "CTr", issued_on, number), subject=detail.meeting.title, time=_when(detail),
        place=_place(detail), chair=f"Đồng chí {chair.full_name}, {chair.position}" if chair else "…",
        sites=tuple(_site_names(detail).values()), rows=rows,
        signer=choose_signer(session, detail, signer_id, authority),
        recipients=("Thành phần dự họp", "Lưu: VT"))


def attendance_content(session: Session, meeting_id: int) -> AttendanceContent:
    """The host's hall first, then each connected site in the meeting's order."""
    from meetings.papers.meeting_papers_pdf import AttendanceContent, SheetRow, SiteSheet  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    detail = get_meeting(session, meeting_id)
    sites = _site_names(detail)

    def rows(site: int | None) -> tuple[SheetRow, ...]:
        at = [p for p in detail.participants
              if (p.site_unit_id if p.site_unit_id in sites else None) == site]
        order = {"chair": 0, "member": 1, "secretary": 2, "guest": 3}
        return tuple(SheetRow(p.full_name, p.position, ROLE_VI.get(p.role, p.role))
                     for p in sorted(at, key=lambda p: order.get(p.role, 9)))

    host = detail.unit.official_name
    title = "Điểm cầu chính: " + host if detail.sites else "Tại phòng họp: " + host
    sheets = [SiteSheet(title, _place(detail), rows(None))]
    sheets += [SiteSheet(f"Điểm cầu {name}", f"trụ sở {name}", rows(uid)) for uid, name in sites.items()]
    return AttendanceContent(agency=host, parent_agency=None, subject=detail.meeting.title, time=_when(detail),
                             sheets=tuple(sheets))
