"""Connected sites (điểm cầu) and participants of a meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from meetings.lifecycle import load_meeting, site_infos
from meetings.models import ROLES, MeetingSite, Participant
from meetings.records import ParticipantInfo, SiteInfo
from store.codes import ENDED
from store.directory import descendant_unit_ids, get_unit, unit_not_found
from store.errors import InvalidInput, NotFound
from store.models import Person, Unit

if TYPE_CHECKING:
    from store.uow import UnitOfWork

ROLE_VI = {"chair": "chủ trì", "secretary": "thư ký", "member": "thành viên", "guest": "khách mời"}


def _editable(meeting) -> None:
    if meeting.status in ENDED:
        raise InvalidInput(
            "Cuộc họp đã kết thúc; không thay đổi điểm cầu hay thành phần được nữa.",
            "The meeting has ended; its sites and participants can no longer change.",
        )


def add_site(uow: UnitOfWork, meeting_id: int, unit_id: int) -> SiteInfo:
    """Connect a unit below the host (any depth); anything else is refused."""

    s = uow.session
    meeting = load_meeting(s, meeting_id)
    _editable(meeting)
    unit = s.get(Unit, unit_id)
    if unit is None:
        raise unit_not_found(unit_id)
    host = s.get(Unit, meeting.unit_id)
    if unit_id not in descendant_unit_ids(s, meeting.unit_id):
        raise InvalidInput(
            f"'{unit.name}' không trực thuộc '{host.name}', nên không thể là điểm cầu của cuộc họp này.",
            f"'{unit.name}' is not below '{host.name}', so it cannot be a site of this meeting.",
        )
    existing = s.execute(
        select(MeetingSite).where(MeetingSite.meeting_id == meeting_id, MeetingSite.unit_id == unit_id)
    ).scalar_one_or_none()
    if existing is None:
        s.add(MeetingSite(meeting_id=meeting_id, unit_id=unit_id))
        s.flush()
        uow.record("meeting.site_add", "meeting", meeting_id, {"unit_id": unit_id, "name": unit.name},
                   meeting_id=meeting_id, unit_id=unit_id)
    return site_infos(s, [get_unit(s, unit.id)])[0]


def remove_site(uow: UnitOfWork, meeting_id: int, unit_id: int) -> None:
    s = uow.session
    meeting = load_meeting(s, meeting_id)
    _editable(meeting)
    site = s.execute(
        select(MeetingSite).where(MeetingSite.meeting_id == meeting_id, MeetingSite.unit_id == unit_id)
    ).scalar_one_or_none()
    if site is None:
        raise NotFound("Đơn vị này không phải điểm cầu của cuộc họp.", "That unit is not a site of this meeting.")
    attending = s.execute(
        select(Participant.id).where(Participant.meeting_id == meeting_id, Participant.site_unit_id == unit_id)
    ).first()
    if attending:
        raise InvalidInput(
            "Còn đại biểu dự tại điểm cầu này; hãy chuyển hoặc bỏ họ trước.",
            "Participants still attend from this site; move or remove them first.",
        )
    s.delete(site)
    s.flush()
    uow.record("meeting.site_remove", "meeting", meeting_id, {"unit_id": unit_id}, meeting_id=meeting_id, unit_id=unit_id)


def add_participant(
    uow: UnitOfWork, meeting_id: int, person_id: int, role: str, *, site_unit_id: int | None = None
) -> ParticipantInfo:
    """Invite a person in a role, at the host's hall (no site) or at a connected site."""

    s = uow.session
    meeting = load_meeting(s, meeting_id)
    _editable(meeting)
    if role not in ROLES:
        raise InvalidInput(
            f"Vai trò '{role}' không hợp lệ; chọn: {', '.join(f'{r} ({ROLE_VI[r]})' for r in ROLES)}.",
            f"Role '{role}' is not valid; choose: {', '.join(ROLES)}.",
        )
    person = s.get(Person, person_id)
    if person is None:
        raise NotFound(f"Không có người số {person_id}.", f"There is no person {person_id}.")
    if site_unit_id is not None:
        is_site = s.execute(
            select(MeetingSite.id).where(MeetingSite.meeting_id == meeting_id, MeetingSite.unit_id == site_unit_id)
        ).first()
        if not is_site:
            raise InvalidInput(
                "Điểm cầu đã chọn chưa được kết nối với cuộc họp; hãy thêm điểm cầu trước.",
                "The chosen site is not connected to the meeting; add the site first.",
            )
    part = s.execute(
        select(Participant).where(Participant.meeting_id == meeting_id, Participant.person_id == person_id)
    ).scalar_one_or_none()
    if part is None:
        part = Participant(meeting_id=meeting_id, person_id=person_id, role=role, site_unit_id=site_unit_id)
        s.add(part)
    else:
        part.role, part.site_unit_id = role, site_unit_id
    s.flush()
    uow.record("meeting.participant_set", "meeting", meeting_id,
               {"person_id": person_id, "role": role, "site_unit_id": site_unit_id}, meeting_id=meeting_id)
    return ParticipantInfo(person.id, person.full_name, person.position, role, site_unit_id)


def remove_participant(uow: UnitOfWork, meeting_id: int, person_id: int) -> None:
    s = uow.session
    meeting = load_meeting(s, meeting_id)
    _editable(meeting)
    part = s.execute(
        select(Participant).where(Participant.meeting_id == meeting_id, Participant.person_id == person_id)
    ).scalar_one_or_none()
    if part is None:
        raise NotFound("Người này không có trong thành phần cuộc họp.", "That person is not a participant.")
    s.delete(part)
    s.flush()
    uow.record("meeting.participant_remove", "meeting", meeting_id, {"person_id": person_id}, meeting_id=meeting_id)
