"""Creating meetings, editing their particulars, and moving them through their statuses.

Statuses move one way only: draft → published → in_progress → closed → archived.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from meetings.models import KINDS, STATUSES, AgendaItem, Meeting, MeetingSite, Participant
from meetings.records import AgendaNode, MeetingDetail, MeetingSummary, ParticipantInfo, SiteInfo
from store.clock import VN_TZ
from store.codes import MeetingKind, MeetingStatus
from store.directory import UnitInfo, list_schemes, unit_not_found, units_as_of
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, flush_or_conflict, stamp
from store.models import Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

# Views of store.codes, where the codes and their labels are defined.
NEXT_STATUS: dict[str, tuple[str, ...]] = {s: s.next for s in MeetingStatus}
STATUS_VI: dict[str, str] = {s: s.vi for s in MeetingStatus}
KIND_VI: dict[str, str] = {k: k.vi for k in MeetingKind}
EDITABLE = ("title", "kind", "starts_at", "ends_at", "location")


def summary(m: Meeting) -> MeetingSummary:
    return MeetingSummary(m.id, m.title, m.unit_id, m.kind, m.status, m.starts_at, m.ends_at, m.location, m.version)


def meeting_not_found(meeting_id: object) -> NotFound:
    return NotFound(f"Không có cuộc họp số {meeting_id}.", f"There is no meeting {meeting_id}.")


def load_meeting(session: Session, meeting_id: int, *, for_update: bool = False) -> Meeting:
    meeting = session.get(Meeting, meeting_id, with_for_update=for_update or None)
    if meeting is None:
        raise meeting_not_found(meeting_id)
    return meeting


def _check_fields(kind: str, title: str, starts_at: datetime, ends_at: datetime | None) -> None:
    if not title.strip():
        raise InvalidInput("Cuộc họp cần có tiêu đề.", "A meeting needs a title.")
    if kind not in KINDS:
        raise InvalidInput(
            f"Loại cuộc họp '{kind}' không hợp lệ; chọn: {', '.join(KINDS)}.",
            f"Meeting kind '{kind}' is not valid; choose: {', '.join(KINDS)}.",
        )
    if starts_at.tzinfo is None or (ends_at is not None and ends_at.tzinfo is None):
        raise InvalidInput("Thời gian phải có múi giờ.", "Times must carry a time zone.")
    if ends_at is not None and ends_at <= starts_at:
        raise InvalidInput("Giờ kết thúc phải sau giờ bắt đầu.", "The end must come after the start.")


def create_meeting(
    uow: UnitOfWork,
    *,
    unit_id: int,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    location: str = "",
) -> MeetingSummary:
    s = uow.session
    if s.get(Unit, unit_id) is None:
        raise unit_not_found(unit_id)
    _check_fields(kind, title, starts_at, ends_at)
    meeting = Meeting(
        unit_id=unit_id, title=title.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at,
        location=location.strip(), status=MeetingStatus.DRAFT, created_at=uow.now(), created_by_id=uow.actor_id,
    )
    stamp(meeting, uow)
    s.add(meeting)
    s.flush()
    uow.record("meeting.create", "meeting", meeting.id, {"title": meeting.title, "kind": kind,
               "starts_at": starts_at.isoformat()}, meeting_id=meeting.id, unit_id=unit_id)
    return summary(meeting)


def update_meeting(uow: UnitOfWork, meeting_id: int, *, expected_version: int | None, **changes: Any) -> MeetingSummary:
    """Change title, kind, times or place; refused with who/when if someone saved first."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Không sửa được: {', '.join(sorted(unknown))}.", f"Cannot edit: {', '.join(sorted(unknown))}.")
    s = uow.session
    meeting = load_meeting(s, meeting_id)
    ensure_version(s, meeting, expected_version, f"Cuộc họp '{meeting.title}'", changes)
    if meeting.status == MeetingStatus.ARCHIVED:
        raise InvalidInput("Cuộc họp đã lưu trữ, không sửa được.", "An archived meeting cannot be edited.")
    merged = {f: changes.get(f, getattr(meeting, f)) for f in EDITABLE}
    _check_fields(merged["kind"], merged["title"], merged["starts_at"], merged["ends_at"])
    for name, value in changes.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    stamp(meeting, uow)
    flush_or_conflict(uow, meeting, f"Cuộc họp '{meeting.title}'", changes)
    uow.record("meeting.update", "meeting", meeting.id, {k: str(v) for k, v in changes.items()},
               meeting_id=meeting.id, unit_id=meeting.unit_id)
    return summary(meeting)


def change_status(uow: UnitOfWork, meeting_id: int, new_status: str, *, expected_version: int | None = None) -> MeetingSummary:
    """Move a meeting to its next status; any other move is refused, naming the allowed ones."""
    s = uow.session
    meeting = load_meeting(s, meeting_id)
    ensure_version(s, meeting, expected_version, f"Cuộc họp '{meeting.title}'", {"status": new_status})
    allowed = NEXT_STATUS[meeting.status]
    if new_status not in allowed:
        if allowed:
            allowed_vi = ", ".join(f"{a} ({STATUS_VI[a]})" for a in allowed)
            allowed_en = ", ".join(allowed)
        else:
            allowed_vi, allowed_en = "không còn bước nào", "none"
        shown = f"{new_status} ({STATUS_VI[new_status]})" if new_status in STATUSES else new_status
        raise InvalidInput(
            f"Không thể chuyển cuộc họp từ {meeting.status} ({STATUS_VI[meeting.status]}) sang {shown}; "
            f"bước tiếp theo được phép: {allowed_vi}.",
            f"A meeting cannot move from {meeting.status} to {new_status}; allowed next: {allowed_en}.",
        )
    old = meeting.status
    meeting.status = new_status
    stamp(meeting, uow)
    flush_or_conflict(uow, meeting, f"Cuộc họp '{meeting.title}'", {"status": new_status})
    uow.record(f"meeting.{new_status}", "meeting", meeting.id, {"from": old, "to": new_status},
               meeting_id=meeting.id, unit_id=meeting.unit_id)
    return summary(meeting)


def start_meeting(uow: UnitOfWork, meeting_id: int, *, expected_version: int | None = None) -> MeetingSummary:
    return change_status(uow, meeting_id, MeetingStatus.IN_PROGRESS, expected_version=expected_version)


def close_meeting(uow: UnitOfWork, meeting_id: int, *, expected_version: int | None = None) -> MeetingSummary:
    return change_status(uow, meeting_id, MeetingStatus.CLOSED, expected_version=expected_version)


def archive_meeting(uow: UnitOfWork, meeting_id: int, *, expected_version: int | None = None) -> MeetingSummary:
    return change_status(uow, meeting_id, MeetingStatus.ARCHIVED, expected_version=expected_version)


def list_meetings(session: Session, *, unit_id: int | None = None, status: str | None = None) -> list[MeetingSummary]:
    q = select(Meeting).order_by(Meeting.starts_at, Meeting.id)
    if unit_id is not None:
        q = q.where(Meeting.unit_id == unit_id)
    if status is not None:
        q = q.where(Meeting.status == status)
    return [summary(m) for m in session.execute(q).scalars()]


def find_meeting(session: Session, *, unit_id: int, title: str) -> MeetingSummary | None:
    m = session.execute(select(Meeting).where(Meeting.unit_id == unit_id, Meeting.title == title)).scalars().first()
    return summary(m) if m else None


def agenda_tree(session: Session, meeting_id: int) -> tuple[AgendaNode, ...]:
    """The agenda, numbered from the order of the rows: 1, 2, 2.1, 2.2, 3 …"""

    rows = session.execute(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position, AgendaItem.id)
    ).scalars().all()
    by_parent: dict[int | None, list[AgendaItem]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)

    def build(parent_id: int | None, prefix: str) -> tuple[AgendaNode, ...]:
        nodes = []
        for i, row in enumerate(by_parent.get(parent_id, []), start=1):
            number = f"{prefix}{i}"
            nodes.append(AgendaNode(row.id, number, row.title, row.presenter, row.planned_minutes, row.notes,
                                    row.parent_id, row.version, build(row.id, number + ".")))
        return tuple(nodes)

    return build(None, "")


def site_infos(session: Session, units: list[UnitInfo]) -> tuple[SiteInfo, ...]:
    """Sites top level first (by their scheme's ranks), then by parent, as entered."""
    levels = {(lv.scheme, lv.code): lv for scheme in list_schemes(session) for lv in scheme.levels}

    def rank(u: UnitInfo) -> int:
        level = levels.get((u.scheme, u.level))
        return level.rank if level else 99

    ordered = sorted(units, key=lambda u: (rank(u), u.parent_id or 0, u.id))
    return tuple(SiteInfo(u.id, u.name, u.level, u.parent_id, u.official_name,
                          levels[(u.scheme, u.level)].short if (u.scheme, u.level) in levels else "")
                 for u in ordered)


def meeting_day(meeting: Meeting):
    """The day a meeting is held, in Vietnam: its papers name units as they were that day."""
    return meeting.starts_at.astimezone(VN_TZ).date()


def get_meeting(session: Session, meeting_id: int) -> MeetingDetail:
    """The meeting with its host and sites named as they were on the meeting's day."""

    meeting = load_meeting(session, meeting_id)
    site_ids = session.execute(select(MeetingSite.unit_id).where(MeetingSite.meeting_id == meeting_id)).scalars().all()
    units = units_as_of(session, [meeting.unit_id, *site_ids], meeting_day(meeting))
    people = session.execute(
        select(Participant, Person).join(Person, Person.id == Participant.person_id)
        .where(Participant.meeting_id == meeting_id).order_by(Participant.id)
    ).all()
    return MeetingDetail(
        meeting=summary(meeting),
        unit=units[meeting.unit_id],
        sites=site_infos(session, [units[i] for i in site_ids]),
        participants=tuple(ParticipantInfo(p.id, p.full_name, p.position, part.role, part.site_unit_id) for part, p in people),
        agenda=agenda_tree(session, meeting_id),
    )
