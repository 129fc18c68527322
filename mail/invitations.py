"""Invitations by e-mail: the meeting's giấy mời (the signed PDF, when there is one) with its
calendar event, to every invitee who has an address, in Vietnamese, saying how to confirm
attendance or name a deputy."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mail.attachments import document_attachment
from mail.calendar import CalendarEvent, event_ics
from mail.codes import MailKind
from mail.outbox import QueuedMail, Recipient, queue_mail
from mail.settings import get_mail_account
from meetings.lifecycle import get_meeting
from meetings.papers.issue import MeetingPaper, issued_papers
from signing.workflow import requests_for_document
from store.clock import VN_TZ
from store.codes import MeetingStatus
from store.errors import InvalidInput
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from meetings.records import MeetingDetail
    from store.uow import UnitOfWork

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
ROLE_VI = {"chair": "chủ trì", "secretary": "thư ký", "member": "thành viên", "guest": "khách mời"}


def when_vi(at: datetime) -> str:
    """``08 giờ 00, thứ Tư, ngày 10/12/2026`` (Vietnam time)."""
    local = at.astimezone(VN_TZ)
    return f"{local:%H} giờ {local:%M}, {WEEKDAYS[local.weekday()]}, ngày {local:%d/%m/%Y}"


def invitation_subject(detail: MeetingDetail) -> str:
    return f"Giấy mời họp: {detail.meeting.title} — {when_vi(detail.meeting.starts_at)}"


def invitation_body(detail: MeetingDetail, name: str, person_id: int | None, office: str) -> str:
    m = detail.meeting
    lines = [f"Kính gửi: {name or 'Quý đại biểu'},", "",
             f"{detail.unit.official_name} trân trọng kính mời {name or 'Quý đại biểu'} dự {m.title}.", "",
             f"Thời gian: {when_vi(m.starts_at)} (giờ Việt Nam)."]
    if m.location:
        lines.append(f"Địa điểm: {m.location}.")
    if detail.sites:
        lines.append("Các điểm cầu: " + "; ".join(s.official_name or s.name for s in detail.sites) + ".")
    items = detail.agenda
    if items:
        lines += ["", "Nội dung:"] + [f"  {n.number}. {n.title}" for n in items]
    lines += ["", "Giấy mời có chữ ký số được gửi kèm thư này (tệp PDF); tệp lịch (.ics) kèm theo để thêm cuộc họp "
                  "vào lịch của Quý đại biểu.", "",
              "Xác nhận tham dự hoặc cử người dự thay:",
              "  - trong ứng dụng Nghị Sự: mở cuộc họp, chọn \"Xác nhận tham dự\";"]
    who = str(person_id) if person_id is not None else "MÃ_NGƯỜI_ĐƯỢC_MỜI"
    lines += [f"  - hoặc bằng lệnh: nghisu rsvp {m.id} --as {who} yes   (dự họp)",
              f"                  nghisu rsvp {m.id} --as {who} no    (vắng mặt)",
              f"                  nghisu rsvp {m.id} --as {who} deputy MÃ_NGƯỜI_DỰ_THAY   (cử người dự thay);",
              "  - nếu không dùng Nghị Sự: trả lời thư này, ghi rõ \"Dự họp\", \"Vắng mặt\" (kèm lý do) "
              "hoặc họ tên, chức vụ người dự thay.", "",
              "Trân trọng.", office]
    return "\n".join(lines)


def _ics(detail: MeetingDetail, organiser: tuple[str, str], recipients: list[Recipient], now: datetime) -> str:
    domain = organiser[0].rsplit("@", 1)[1]
    description = "\n".join(f"{n.number}. {n.title}" for n in detail.agenda)
    return event_ics(CalendarEvent(
        uid=f"nghisu-meeting-{detail.meeting.id}@{domain}", title=detail.meeting.title,
        starts_at=detail.meeting.starts_at, ends_at=detail.meeting.ends_at, location=detail.meeting.location,
        description=description, organiser_address=organiser[0], organiser_name=organiser[1],
        attendees=tuple((r.address, r.name) for r in recipients)), now)


def signed_invitation(session: Session, meeting_id: int) -> int:
    """The meeting's latest issued giấy mời, once every signature it asks for is there."""
    issued = issued_papers(session, meeting_id, MeetingPaper.INVITATION)
    if not issued:
        raise InvalidInput(f"Cuộc họp #{meeting_id} chưa phát hành giấy mời; hãy phát hành trước (thẻ Văn bản cuộc "
                           f"họp → Phát hành giấy mời, hoặc nghisu invite {meeting_id} -o giay-moi.pdf --issue).",
                           f"Meeting #{meeting_id} has no issued invitation yet; issue it first (the meeting's papers "
                           f"tab → Release the invitation, or nghisu invite {meeting_id} -o giay-moi.pdf --issue).")
    pending = [r for r in requests_for_document(session, issued[0]) if r.status != "completed"]
    if pending:
        raise InvalidInput(f"Giấy mời (tài liệu #{issued[0]}) chưa ký số xong; người ký ký trước rồi mới gửi (thẻ Ký "
                           f"số của cuộc họp, hoặc nghisu signing sign {pending[0].id} …).",
                           f"The invitation (document #{issued[0]}) is not signed yet; it is sent once signed (the "
                           f"meeting's Signing tab, or nghisu signing sign {pending[0].id} …).")
    return issued[0]


def queue_invitation(uow: UnitOfWork, meeting_id: int, *, document_id: int | None = None,
                     person_ids: list[int] | None = None) -> QueuedMail:
    """Queue the invitation to the meeting's invitees (or those of ``person_ids``), each copy
    addressed to them by name, with the giấy mời ``document_id`` attached when given."""
    session = uow.session
    detail = get_meeting(session, meeting_id)
    m = detail.meeting
    if m.status in (MeetingStatus.CLOSED, MeetingStatus.ARCHIVED) or m.starts_at <= uow.now():
        raise InvalidInput(f"Cuộc họp '{m.title}' đã diễn ra ({when_vi(m.starts_at)}); không gửi giấy mời nữa.",
                           f"The meeting '{m.title}' has already taken place; no invitation is sent.")
    invited = {p.person_id: p for p in detail.participants}
    wanted = person_ids if person_ids is not None else list(invited)
    outsiders = [p for p in wanted if p not in invited]
    if outsiders:
        raise InvalidInput(f"Người số {outsiders[0]} không có trong danh sách mời của cuộc họp này.",
                           f"Person {outsiders[0]} is not invited to this meeting.")
    recipients: list[Recipient] = []
    skipped: list[str] = []
    for pid in wanted:
        person = session.get(Person, pid)
        assert person is not None
        if person.email:
            recipients.append(Recipient(person.email, person.full_name, pid))
        else:
            skipped.append(f"{person.full_name}: chưa có địa chỉ thư — no e-mail address")
    account = get_mail_account(session, m.unit_id)
    office_name = account.display_name if account else f"Văn phòng {detail.unit.official_name}"
    office_address = account.address if account else "vanphong@nghisu.invalid"
    attachment = document_attachment(session, document_id, meeting_id=meeting_id) if document_id else None
    if not recipients:
        raise InvalidInput("Không người được mời nào có địa chỉ thư; hãy thêm địa chỉ trong danh bạ.",
                           "No invitee has an e-mail address; add them in the directory.")
    # One message per invitee: each copy greets its reader and tells them their own id to answer with.
    queued: list[QueuedMail] = []
    calendar = _ics(detail, (office_address, office_name), recipients, uow.now())
    for r in recipients:
        queued.append(queue_mail(uow, unit_id=m.unit_id, kind=MailKind.INVITATION, subject=invitation_subject(detail),
                                 body=invitation_body(detail, r.name, r.person_id, office_name), recipients=[r],
                                 meeting_id=meeting_id, document_id=document_id, attachment=attachment,
                                 calendar=calendar))
    return QueuedMail(queued[0].message_id, tuple(d for q in queued for d in q.delivery_ids), queued[0].subject,
                      tuple(skipped))
