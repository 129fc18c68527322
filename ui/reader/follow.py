"""Follow the chair: the core's ``Follower`` (PostgreSQL LISTEN/NOTIFY or SQLite polling) on
its own thread, its positions handed to the main thread through a Qt signal.

The member can stop following (browse on their own) and rejoin: rejoining reads where the
presenter is now, so they land on the meeting's page at once, not on the next move.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from meetings.live.follow import Follower, Position
    from store.engine import Store

log = logging.getLogger(__name__)


class FollowLink(QObject):
    """``positionArrived(Position)`` on the main thread for every move of one meeting's presenter."""

    positionArrived = Signal(object)
    followingChanged = Signal(bool)

    def __init__(self, runner, parent: QObject | None = None, *, poll_interval: float = 0.25) -> None:
        super().__init__(parent)
        self.runner = runner
        self.poll_interval = poll_interval
        self.follower: Follower | None = None
        self.meeting_id: int | None = None
        self.last: Position | None = None
        self._on = False  # what the person chose; the follower thread may still be starting
        self.positionArrived.connect(self._remember)

    def _remember(self, position: Position) -> None:
        self.last = position

    def start(self, store: Store, meeting_id: int) -> None:
        """Follow ``meeting_id`` (another meeting's follower is stopped first)."""
        from meetings.live.follow import Follower  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        if self.follower is not None and self.meeting_id == meeting_id:
            return
        self.stop()
        self.meeting_id = meeting_id
        # Emitting from the follower's thread: Qt queues the signal to this object's (main) thread.
        self.follower = Follower(store, meeting_id, self.positionArrived.emit, poll_interval=self.poll_interval)
        # start() waits until PostgreSQL's LISTEN is in place: not on the main thread.
        self.runner.run("follow.start", self.follower.start,
                        on_error=lambda exc: log.warning("cannot follow meeting %s: %s", meeting_id, exc))
        self._on = True
        self.followingChanged.emit(True)

    @property
    def following(self) -> bool:
        return self.follower is not None and self._on

    def pause(self) -> None:
        """Thôi theo dõi: moves are no longer delivered (the follower keeps its connection)."""
        if self.follower is not None:
            self._on = False
            self.follower.pause()
            self.followingChanged.emit(False)

    def rejoin(self) -> None:
        """Theo dõi lại: deliver where the presenter is now, then follow again."""
        if self.follower is None:
            return
        self._on = True
        self.runner.run("follow.rejoin", self.follower.rejoin,
                        on_error=lambda exc: log.warning("cannot rejoin: %s", exc))
        self.followingChanged.emit(True)

    def stop(self) -> None:
        """End the follower's thread (always called when the reader closes)."""
        follower, self.follower = self.follower, None
        self._on = False
        if follower is not None:
            follower.stop()
