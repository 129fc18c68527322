"""Follow the chair: the presenter's agenda item, document and page, pushed to every reader.

The chair or secretary moves with ``set_presenter_position``; the position is one row per
meeting (``presenter_positions``, with a sequence number), so a reader that joins late or
rejoins after browsing on its own reads where the meeting is now.

How readers hear of a move:
- PostgreSQL: the same transaction runs ``pg_notify('nghisu_follow', payload)``; the
  server delivers it at commit to every connection that ran ``LISTEN nghisu_follow``. A
  ``Follower`` holds its own psycopg 3 connection in autocommit and waits in
  ``Connection.notifies(timeout=…)`` on a background thread. The payload names the schema
  and meeting (one channel serves all; a follower ignores what is not its meeting), and
  ``sent_at``, the sender's wall-clock time just before commit, to measure the delay.
- SQLite (one office, one file): the follower polls the row every ``poll_interval`` s.

A ``Follower`` calls ``callback(position)`` on its own thread (a Qt caller hands it to the
main thread), or is read as an iterator. ``pause()`` stops following (the member browses
freely); ``rejoin()`` delivers the current position at once and follows again.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from documents.models import Document, DocumentVersion
from meetings.live.attendance import live_meeting
from meetings.live.models import PresenterPosition
from meetings.models import AgendaItem, Participant
from store.codes import MeetingStatus
from store.errors import InvalidInput, NotFound, PermissionDenied

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.engine import Store
    from store.uow import UnitOfWork

log = logging.getLogger(__name__)
CHANNEL = "nghisu_follow"
PRESENTER_ROLES = ("chair", "secretary")


@dataclass(frozen=True)
class Position:
    meeting_id: int
    seq: int
    item_id: int | None
    document_id: int | None
    page: int
    set_at: datetime
    set_by_id: int | None
    sent_at: float | None = None  # sender's wall clock before commit (PostgreSQL notifications)
    seen_at: float | None = None  # follower's wall clock when it learnt of the move

    def as_json(self) -> dict:
        return {"meeting_id": self.meeting_id, "seq": self.seq, "item_id": self.item_id,
                "document_id": self.document_id, "page": self.page, "set_at": self.set_at.isoformat(),
                "set_by_id": self.set_by_id, "sent_at": self.sent_at, "seen_at": self.seen_at}


def _position(row: PresenterPosition) -> Position:
    return Position(row.meeting_id, row.seq, row.item_id, row.document_id, row.page, row.set_at, row.set_by_id)


def set_presenter_position(uow: UnitOfWork, meeting_id: int, item_id: int | None, document_id: int | None,
                           page: int = 1) -> Position:
    """Move the presenter to an item / document / page; followers see it when this commits."""

    s = uow.session
    live_meeting(s, meeting_id, (MeetingStatus.PUBLISHED, MeetingStatus.IN_PROGRESS))
    if uow.actor_id is not None:
        role = s.execute(select(Participant.role).where(Participant.meeting_id == meeting_id,
                                                        Participant.person_id == uow.actor_id)).scalar_one_or_none()
        if role not in PRESENTER_ROLES:
            raise PermissionDenied("Chỉ chủ tọa hoặc thư ký điều khiển trang chung của cuộc họp.",
                                   "Only the chair or the secretary leads the meeting's shared page.")
    if item_id is not None:
        item = s.get(AgendaItem, item_id)
        if item is None or item.meeting_id != meeting_id:
            raise NotFound(f"Cuộc họp không có mục chương trình số {item_id}.", f"The meeting has no agenda item {item_id}.")
    if document_id is not None:
        doc = s.get(Document, document_id)
        if doc is None or doc.meeting_id != meeting_id:
            raise NotFound(f"Cuộc họp không có tài liệu số {document_id}.", f"The meeting has no document {document_id}.")

        pages = s.get(DocumentVersion, doc.current_version_id).page_count
        if not 1 <= page <= pages:
            raise InvalidInput(f"Trang {page} không có trong tài liệu ({pages} trang).",
                               f"Page {page} is not in the document ({pages} pages).")
    elif page < 1:
        raise InvalidInput("Số trang phải từ 1.", "Pages start at 1.")
    if uow.dialect == "postgresql":
        row = _move_on_server(uow, meeting_id, item_id, document_id, page)
    else:
        row = s.get(PresenterPosition, meeting_id, with_for_update=True)
        if row is None:
            row = PresenterPosition(meeting_id=meeting_id, seq=0)
            s.add(row)
        row.seq += 1
        row.item_id, row.document_id, row.page = item_id, document_id, page
        row.set_at, row.set_by_id = uow.now(), uow.actor_id
        s.flush()
    uow.record("live.follow", "meeting", meeting_id, {"item_id": item_id, "document_id": document_id, "page": page,
               "seq": row.seq}, meeting_id=meeting_id)
    return _position(row)


def _move_on_server(uow: UnitOfWork, meeting_id: int, item_id: int | None, document_id: int | None,
                    page: int) -> PresenterPosition:
    """Shared store: ``nghisu_move_presenter`` (migration 0011) checks the chair or secretary,
    writes the row and notifies followers with the meeting and sequence number only."""

    s = uow.session
    s.flush()
    s.execute(text("SELECT nghisu_move_presenter(:m, :i, :d, :p, :at)"), {
        "m": meeting_id, "i": item_id, "d": document_id, "p": page,
        "at": uow.now().astimezone(UTC).replace(tzinfo=None)})
    row = s.get(PresenterPosition, meeting_id)
    s.refresh(row)
    return row


def notification_meeting(payload: str, schema: str) -> tuple[int, float | None] | None:
    """The meeting a ``nghisu_follow`` notification says moved (and the server's send time, a
    measurement only), or None when it is not for this schema or is malformed. Anyone may
    notify: the payload is only a hint to re-read the position."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("schema") != schema:
        return None
    meeting, sent_at = data.get("meeting_id"), data.get("sent_at")
    if not isinstance(meeting, int) or isinstance(meeting, bool):
        return None
    return meeting, float(sent_at) if isinstance(sent_at, int | float) and not isinstance(sent_at, bool) else None


def current_position(session: Session, meeting_id: int) -> Position | None:
    row = session.get(PresenterPosition, meeting_id)
    return _position(row) if row else None


class Follower:
    """Follows one meeting's presenter position (see the module docstring)."""

    def __init__(self, store: Store, meeting_id: int, callback: Callable[[Position], None] | None = None, *,
                 poll_interval: float = 0.25) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.callback = callback
        self.poll_interval = poll_interval
        self._queue: queue.Queue[Position] = queue.Queue()
        self._stop = threading.Event()
        self._following = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_seq = -1
        self._lock = threading.Lock()
        self.error: BaseException | None = None

    # -- control ----------------------------------------------------------------------
    def start(self) -> Follower:
        """Begin following: the current position (if any) is delivered first."""
        if self._thread is not None:
            return self
        self._following.set()
        ready = threading.Event()
        target = self._listen if self.store.dialect == "postgresql" else self._poll
        self._thread = threading.Thread(target=target, args=(ready,), name=f"follow-{self.meeting_id}", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self, timeout: float = 5) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def pause(self) -> None:
        """Stop following for now (the reader browses on its own); moves are not delivered."""
        self._following.clear()

    def rejoin(self) -> Position | None:
        """Follow again, starting from where the presenter is now."""
        self._following.set()
        with self.store.read() as s:
            pos = current_position(s, self.meeting_id)
        if pos is not None:
            self._deliver(replace(pos, seen_at=time.time()), force=True)
        return pos

    @property
    def following(self) -> bool:
        return self._following.is_set()

    def __enter__(self) -> Follower:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def positions(self, timeout: float | None = None) -> Iterator[Position]:
        """Positions as they arrive; ends after ``timeout`` s without one (None: never)."""
        while not self._stop.is_set():
            try:
                yield self._queue.get(timeout=timeout)
            except queue.Empty:
                return

    __iter__ = positions

    # -- delivery ---------------------------------------------------------------------
    def _deliver(self, pos: Position, *, force: bool = False) -> None:
        with self._lock:
            if not self._following.is_set() or (pos.seq <= self._last_seq and not force):
                return
            self._last_seq = max(self._last_seq, pos.seq)
        self._queue.put(pos)
        if self.callback is not None:
            try:
                self.callback(pos)
            except Exception:  # a reader's bug must not stop following
                log.exception("follow callback failed")

    def _read_current(self, sent_at: float | None = None) -> None:
        with self.store.read() as s:
            pos = current_position(s, self.meeting_id)
        if pos is not None:
            self._deliver(replace(pos, sent_at=sent_at, seen_at=time.time()))

    def _poll(self, ready: threading.Event) -> None:
        ready.set()
        while not self._stop.is_set():
            try:
                self._read_current()
            except Exception as exc:  # the store may be briefly unreachable: keep trying
                self.error = exc
                log.warning("follow poll failed: %s", exc)
            self._stop.wait(self.poll_interval)

    def _listen(self, ready: threading.Event) -> None:
        import psycopg  # noqa: PLC0415 -- heavy library deferred for start-up: psycopg

        loc = self.store.location
        url = make_url(loc.database_url).set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
                if loc.schema:
                    conn.execute(f'SET search_path TO "{loc.schema}"')
                schema = conn.execute("SELECT current_schema()").fetchone()[0]
                conn.execute(f"LISTEN {CHANNEL}")
                ready.set()
                self._read_current()  # anything that moved before LISTEN took effect
                while not self._stop.is_set():
                    for note in conn.notifies(timeout=0.5):
                        moved = notification_meeting(note.payload, schema)
                        if moved is not None and moved[0] == self.meeting_id:
                            self._read_current(sent_at=moved[1])  # the table's position, never the payload's
                        if self._stop.is_set():
                            break
        except Exception as exc:
            self.error = exc
            log.warning("following meeting %s stopped: %s", self.meeting_id, exc)
        finally:
            ready.set()
