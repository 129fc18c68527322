"""Attendance per site and the live quorum.

The secretary records, for each participant, present / absent (with the reason) /
represented by a deputy, and at which site (điểm cầu) they sit; the host unit's id means
the main hall. The quorum counts the members who must attend (the chair and members; not
the secretary, who keeps the record, and never guests). A deputy who attends for a member
(người được ủy quyền dự họp) speaks for them but does not make them present: the quorum is
about members. The rule is set per meeting: ``majority`` (more than half), ``two_thirds``
(at least two thirds), ``three_quarters``, ``all``, or a fraction ``n/d`` (at least n/d).

Who the members are is the body's own data: the people holding the role "thành viên" of the
host unit on the meeting's day (the members of a provincial People's Committee, not the
commune chairs who join from their sites: they attend and speak, they do not count or vote).
The quorum is then stated against all of them, invited or not. A body with no members
recorded (stores from before the map was data) counts the invited chair and members.
Without a rule set for the meeting, the body's own (``units.quorum_rule``) applies, else the
law's default: a People's Committee's session needs at least two thirds of its members
(Luật Tổ chức chính quyền địa phương), any other unit's more than half.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from meetings.lifecycle import load_meeting, meeting_day
from meetings.live.models import ATTENDANCE, Attendance, LiveSettings
from meetings.models import MeetingSite, Participant
from meetings.rsvp import rsvps
from store.codes import MeetingStatus, RsvpAnswer
from store.directory import Role, UnitKind, holders
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, flush_or_conflict, stamp
from store.models import Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from meetings.models import Meeting
    from store.uow import UnitOfWork

#: Roles the quorum counts.
QUORUM_ROLES = ("chair", "member")
NAMED_RULES = {"majority": None, "two_thirds": Fraction(2, 3), "three_quarters": Fraction(3, 4), "all": Fraction(1)}
RULE_VI = {"majority": "quá nửa số thành viên", "two_thirds": "ít nhất hai phần ba số thành viên",
           "three_quarters": "ít nhất ba phần tư số thành viên", "all": "toàn bộ thành viên"}
STATUS_VI = {"present": "có mặt", "absent": "vắng mặt", "deputy": "cử người dự thay"}
LIVE_STATUSES = (MeetingStatus.PUBLISHED, MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)


@dataclass(frozen=True)
class AttendanceRow:
    person_id: int
    full_name: str
    position: str
    role: str
    site_unit_id: int
    site_name: str
    status: str | None  # None: not recorded yet
    reason: str
    deputy_person_id: int | None
    deputy_name: str | None
    recorded_at: datetime | None
    member: bool = False  # counts towards the quorum and votes (see the module's note)
    #: The answer given to the invitation beforehand (``meetings.rsvp``), None when none was given.
    rsvp: RsvpAnswer | None = None
    rsvp_deputy_name: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "full_name": self.full_name, "role": self.role, "member": self.member,
                "site_unit_id": self.site_unit_id, "site": self.site_name, "status": self.status,
                "reason": self.reason, "deputy_person_id": self.deputy_person_id, "deputy": self.deputy_name,
                "rsvp": str(self.rsvp) if self.rsvp else None, "rsvp_deputy": self.rsvp_deputy_name}


@dataclass(frozen=True)
class SiteAttendance:
    site_unit_id: int
    site_name: str
    rows: tuple[AttendanceRow, ...]

    @property
    def present(self) -> int:
        return sum(1 for r in self.rows if r.status == "present")


@dataclass(frozen=True)
class Quorum:
    meeting_id: int
    rule: str
    members: int
    present: int
    required: int
    #: Members who answered the invitation "dự họp" (a deputy speaks for a member but does not
    #: count, as at the meeting itself): what the quorum is expected to be before it opens.
    confirmed: int = 0

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present >= self.required

    @property
    def expected(self) -> bool:
        """Enough members have confirmed that they attend."""
        return self.members > 0 and self.confirmed >= self.required

    def forecast_line(self) -> str:
        state = "dự kiến đủ túc số" if self.expected else "chưa đủ túc số dự kiến"
        return (f"{self.confirmed}/{self.members} thành viên đã xác nhận dự họp, cần {self.required} "
                f"({RULE_VI.get(self.rule, self.rule)}): {state}")

    def line(self) -> str:
        state = "đủ túc số" if self.reached else "chưa đủ túc số"
        return f"{self.present}/{self.members} thành viên có mặt, cần {self.required} ({RULE_VI.get(self.rule, self.rule)}): {state}"

    def as_json(self) -> dict[str, Any]:
        return {"meeting_id": self.meeting_id, "rule": self.rule, "members": self.members, "present": self.present,
                "required": self.required, "reached": self.reached, "confirmed": self.confirmed,
                "expected": self.expected}


def live_meeting(session: Session, meeting_id: int, allowed: tuple[str, ...] = LIVE_STATUSES) -> Meeting:
    """The meeting, if its status lets the secretary record the live session now.

    ``closed`` is allowed so the record can be completed from the secretary's notes before
    the minutes are finalised; an archived meeting is never changed.
    """
    meeting = load_meeting(session, meeting_id)
    if meeting.status not in allowed:
        raise InvalidInput(
            f"Cuộc họp đang ở trạng thái '{meeting.status}'; việc này chỉ làm được khi cuộc họp ở trạng thái: "
            f"{', '.join(allowed)}.",
            f"The meeting is '{meeting.status}'; this can only be done while it is: {', '.join(allowed)}.",
        )
    return meeting


def parse_rule(rule: str) -> Fraction | None:
    """None means "more than half"; otherwise the share that must be present, at least."""
    rule = rule.strip()
    if rule in NAMED_RULES:
        return NAMED_RULES[rule]
    try:
        share = Fraction(rule)
    except (ValueError, ZeroDivisionError):
        share = None
    if share is None or not 0 < share <= 1:
        raise InvalidInput(
            f"Quy tắc túc số '{rule}' không hợp lệ; dùng majority, two_thirds, three_quarters, all hoặc phân số như 3/5.",
            f"Quorum rule '{rule}' is not valid; use majority, two_thirds, three_quarters, all or a fraction like 3/5.",
        )
    return share


def required_present(rule: str, members: int) -> int:
    share = parse_rule(rule)
    if share is None:
        return members // 2 + 1
    return math.ceil(share * members)


def set_quorum_rule(uow: UnitOfWork, meeting_id: int, rule: str, *, expected_version: int | None = None) -> str:
    parse_rule(rule)
    s = uow.session
    meeting = load_meeting(s, meeting_id)
    settings = s.get(LiveSettings, meeting_id)
    if settings is None:
        settings = LiveSettings(meeting_id=meeting_id, quorum_rule=rule.strip())
        stamp(settings, uow)
        s.add(settings)
        s.flush()
    else:
        ensure_version(s, settings, expected_version, "Quy tắc túc số", {"rule": rule})
        settings.quorum_rule = rule.strip()
        stamp(settings, uow)
        flush_or_conflict(uow, settings, "Quy tắc túc số", {"rule": rule})
    uow.record("live.quorum_rule", "meeting", meeting_id, {"rule": rule.strip()}, meeting_id=meeting_id,
               unit_id=meeting.unit_id)
    return rule.strip()


#: The law's defaults per kind of body: a People's Committee's session needs two thirds of its
#: members present; anything else more than half.
DEFAULT_RULE = {UnitKind.ADMINISTRATIVE: "two_thirds"}


def quorum_rule(session: Session, meeting_id: int) -> str:
    """The meeting's own rule, else its body's, else the law's default for that kind of body."""
    settings = session.get(LiveSettings, meeting_id)
    if settings is not None:
        return settings.quorum_rule
    unit = session.get(Unit, load_meeting(session, meeting_id).unit_id)
    if unit is None:  # a meeting's unit is never deleted (RESTRICT); kept for the type checker
        return "majority"
    return unit.quorum_rule or DEFAULT_RULE.get(UnitKind(unit.kind), "majority")


def body_members(session: Session, meeting_id: int) -> frozenset[int] | None:
    """The host body's members on the meeting's day (role "thành viên"); None when the body has
    none recorded (the invited chair and members count then)."""
    meeting = load_meeting(session, meeting_id)
    found = holders(session, meeting.unit_id, Role.THANH_VIEN, on=meeting_day(meeting))
    return frozenset(r.person_id for r in found) or None


def member_count(session: Session, meeting_id: int) -> int:
    """How many members the quorum and the results are stated against."""
    members = body_members(session, meeting_id)
    if members is not None:
        return len(members)
    return sum(1 for r in attendance_rows(session, meeting_id) if r.member)


def _participant(session: Session, meeting_id: int, person_id: int) -> Participant:
    part = session.execute(select(Participant).where(Participant.meeting_id == meeting_id,
                                                     Participant.person_id == person_id)).scalar_one_or_none()
    if part is None:
        raise NotFound(f"Người số {person_id} không có trong thành phần cuộc họp; hãy mời họ trước.",
                       f"Person {person_id} is not a participant of the meeting; invite them first.")
    return part


def _check_site(session: Session, meeting: Meeting, site_unit_id: int) -> None:
    if site_unit_id == meeting.unit_id:
        return
    connected = session.execute(select(MeetingSite.id).where(MeetingSite.meeting_id == meeting.id,
                                                             MeetingSite.unit_id == site_unit_id)).first()
    if not connected:
        raise InvalidInput(f"Đơn vị số {site_unit_id} không phải điểm cầu của cuộc họp này.",
                           f"Unit {site_unit_id} is not a site of this meeting.")


def record_attendance(uow: UnitOfWork, meeting_id: int, person_id: int, *, site_unit_id: int | None = None,
                      status: str = "present", reason: str = "", deputy_person_id: int | None = None) -> AttendanceRow:
    """Record (or correct) one participant's attendance; the latest record stands, all are audited."""

    s = uow.session
    meeting = live_meeting(s, meeting_id)
    part = _participant(s, meeting_id, person_id)
    if status not in ATTENDANCE:
        raise InvalidInput(f"Tình trạng '{status}' không hợp lệ; chọn present, absent hoặc deputy.",
                           f"Status '{status}' is not valid; choose present, absent or deputy.")
    reason = " ".join(reason.split())
    if status == "absent" and not reason:
        raise InvalidInput("Vắng mặt cần ghi lý do.", "An absence needs a reason.")
    if status == "deputy":
        if deputy_person_id is None:
            raise InvalidInput("Cần chọn người dự thay.", "Choose the deputy who attends instead.")
        if deputy_person_id == person_id or s.get(Person, deputy_person_id) is None:
            raise InvalidInput("Người dự thay không hợp lệ.", "The deputy is not a valid person.")
    else:
        deputy_person_id = None
    site = site_unit_id if site_unit_id is not None else (part.site_unit_id or meeting.unit_id)
    _check_site(s, meeting, site)
    row = s.execute(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                             Attendance.person_id == person_id)).scalar_one_or_none()
    if row is None:
        row = Attendance(meeting_id=meeting_id, person_id=person_id)
        s.add(row)
    row.site_unit_id, row.status, row.reason, row.deputy_person_id = site, status, reason, deputy_person_id
    row.recorded_at, row.recorded_by_id = uow.now(), uow.actor_id
    s.flush()
    uow.record("live.attendance", "meeting", meeting_id,
               {"person_id": person_id, "status": status, "site_unit_id": site, "reason": reason,
                "deputy_person_id": deputy_person_id}, meeting_id=meeting_id, unit_id=site)
    return next(r for r in attendance_rows(s, meeting_id) if r.person_id == person_id)


def attendance_recorded(session: Session, meeting_id: int) -> bool:
    """Whether anyone's attendance was recorded for the meeting yet."""
    return session.execute(select(Attendance.id).where(Attendance.meeting_id == meeting_id)).first() is not None


def attendance_rows(session: Session, meeting_id: int) -> list[AttendanceRow]:
    """Every participant (recorded or not), host hall first, then sites, in invitation order."""

    meeting = load_meeting(session, meeting_id)
    parts = session.execute(select(Participant, Person).join(Person, Person.id == Participant.person_id)
                            .where(Participant.meeting_id == meeting_id).order_by(Participant.id)).all()
    records = {a.person_id: a for a in session.execute(select(Attendance).where(Attendance.meeting_id == meeting_id)).scalars()}
    unit_ids = {meeting.unit_id} | {p.site_unit_id for p, _ in parts if p.site_unit_id} | {a.site_unit_id for a in records.values()}
    names = {u.id: u.name for u in session.execute(select(Unit).where(Unit.id.in_(unit_ids))).scalars()}
    members = body_members(session, meeting_id)
    deputies = {p.id: p.full_name for p in session.execute(
        select(Person).where(Person.id.in_([a.deputy_person_id for a in records.values() if a.deputy_person_id]))).scalars()}
    answers = rsvps(session, meeting_id)
    rows = []
    for part, person in parts:
        rec = records.get(person.id)
        said = answers.get(person.id)
        site = rec.site_unit_id if rec else (part.site_unit_id or meeting.unit_id)
        rows.append(AttendanceRow(
            person.id, person.full_name, person.position, part.role, site, names.get(site, "?"),
            rec.status if rec else None, rec.reason if rec else "", rec.deputy_person_id if rec else None,
            deputies.get(rec.deputy_person_id) if rec and rec.deputy_person_id else None,
            rec.recorded_at if rec else None,
            person.id in members if members is not None else part.role in QUORUM_ROLES,
            said.answer if said else None, said.deputy_name if said else None))
    host = meeting.unit_id
    return sorted(rows, key=lambda r: r.site_unit_id != host)


def attendance_by_site(session: Session, meeting_id: int) -> list[SiteAttendance]:
    groups: dict[int, list[AttendanceRow]] = {}
    for row in attendance_rows(session, meeting_id):
        groups.setdefault(row.site_unit_id, []).append(row)
    return [SiteAttendance(site, rows[0].site_name, tuple(rows)) for site, rows in groups.items()]


def quorum(session: Session, meeting_id: int) -> Quorum:
    rows = [r for r in attendance_rows(session, meeting_id) if r.member]
    rule = quorum_rule(session, meeting_id)
    present = sum(1 for r in rows if r.status == "present")
    confirmed = sum(1 for r in rows if r.rsvp is RsvpAnswer.YES)
    members = member_count(session, meeting_id)
    return Quorum(meeting_id, rule, members, present, required_present(rule, members), confirmed)
