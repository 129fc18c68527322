"""What the secretary console shows, read in one snapshot in the task runner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from documents.files import write_output

if TYPE_CHECKING:
    from meetings.live.attendance import AttendanceRow, Quorum
    from meetings.live.follow import Position
    from meetings.live.speakers import SpeakerInfo
    from meetings.live.votes import VoteResult
    from store.engine import Store


@dataclass(frozen=True)
class Site:
    unit_id: int
    name: str


@dataclass(frozen=True)
class LiveSnapshot:
    meeting_id: int
    status: str
    host_unit_id: int
    sites: tuple[Site, ...]  # the host's hall first
    attendance: tuple[AttendanceRow, ...]
    quorum: Quorum
    queues: dict[int, tuple[SpeakerInfo, ...]]  # per agenda item
    votes: tuple[VoteResult, ...]
    position: Position | None
    read_at: datetime

    def site_name(self, unit_id: int) -> str:
        return next((s.name for s in self.sites if s.unit_id == unit_id), "?")

    def voters(self) -> list[AttendanceRow]:
        """Members who may vote now: chair and members not absent or represented."""
        return [r for r in self.attendance if r.role in ("chair", "member") and r.status not in ("absent", "deputy")]


def load_live(store: Store, meeting_id: int) -> LiveSnapshot:
    from meetings.lifecycle import get_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.attendance import attendance_rows, quorum  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.follow import current_position  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.speakers import speaker_queue  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.votes import list_votes, vote_result  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        detail = get_meeting(s, meeting_id)
        rows = attendance_rows(s, meeting_id)
        q = quorum(s, meeting_id)
        queues = {node.id: tuple(speaker_queue(s, node.id, include_closed=True)) for node in detail.agenda_items()}
        votes = tuple(vote_result(s, v.id) for v in list_votes(s, meeting_id))
        position = current_position(s, meeting_id)
    sites = (Site(detail.unit.id, detail.unit.name),) + tuple(Site(x.unit_id, x.name) for x in detail.sites)
    return LiveSnapshot(meeting_id, detail.meeting.status, detail.unit.id, sites, tuple(rows), q, queues, votes,
                        position, store.clock.now())


def export_votes_csv(store: Store, vote_ids: list[int], path: str) -> str:
    from meetings.live.vote_publication import votes_csv  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        text = votes_csv(s, vote_ids)
    write_output(path, text.encode("utf-8-sig"))  # with a BOM: Excel then reads the diacritics right
    return path
