"""Several desktops, one meeting: a bar that says someone else changed it, and offers a reload.

Two ways in:
- ``AuditWatcher`` asks the audit log every few seconds (through the task runner, never on the
  main thread) for rows of this meeting written by *other* people since the last look;
- a save refused with ``ConflictError`` shows the same bar with who saved first and when.
The bar never blocks: the person may keep typing, reload when ready, or close it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

from ui.icons import icon
from ui.models.labels import vn_time

if TYPE_CHECKING:
    from store.audit import AuditChange
    from store.engine import Store
    from store.errors import ConflictError
    from ui.tasks import TaskRunner


def latest_seq(store: Store, meeting_id: int) -> int:
    from store.audit import latest_meeting_seq  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return latest_meeting_seq(s, meeting_id)


def changes_since(store: Store, meeting_id: int, after_seq: int, me: int | None) -> tuple[int, list[AuditChange]]:
    """Audit rows of the meeting after ``after_seq`` by anyone but ``me``; and the newest seq seen."""
    from store.audit import meeting_changes_after  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        changes = meeting_changes_after(s, meeting_id, after_seq)
    last = changes[-1].seq if changes else after_seq
    return last, [c for c in changes if c.actor_id != me and not c.action.startswith(NOT_CHANGES)]


#: Audit rows that change nothing anyone is editing: a member opening or verifying a paper, their
#: private notes, the presenter turning pages. The audit log keeps them; the bar asking people to
#: reload must not ("someone changed a document" when a member only opened it).
NOT_CHANGES = ("document.open", "document.verify", "note.", "live.follow")


#: How the bar names what changed, by audit action (prefix match, first wins).
ACTIONS = (
    ("agenda.add", QT_TRANSLATE_NOOP("conflicts", "thêm mục chương trình")),
    ("agenda.edit", QT_TRANSLATE_NOOP("conflicts", "sửa mục chương trình")),
    ("agenda.remove", QT_TRANSLATE_NOOP("conflicts", "xóa mục chương trình")),
    ("agenda.move", QT_TRANSLATE_NOOP("conflicts", "chuyển mục chương trình")),
    ("agenda.", QT_TRANSLATE_NOOP("conflicts", "sửa chương trình")),
    ("meeting.update", QT_TRANSLATE_NOOP("conflicts", "sửa thông tin cuộc họp")),
    ("meeting.site", QT_TRANSLATE_NOOP("conflicts", "thay đổi điểm cầu")),
    ("meeting.participant", QT_TRANSLATE_NOOP("conflicts", "thay đổi thành phần dự họp")),
    ("meeting.", QT_TRANSLATE_NOOP("conflicts", "chuyển trạng thái cuộc họp")),
    ("document.", QT_TRANSLATE_NOOP("conflicts", "thay đổi tài liệu")),  # import, recall, keys
    ("", QT_TRANSLATE_NOOP("conflicts", "thay đổi cuộc họp")),
)


def describe(change: AuditChange) -> str:
    what = next(text for prefix, text in ACTIONS if change.action.startswith(prefix))
    text = QCoreApplication.translate("conflicts", what)
    title = change.details.get("title")
    return f"{text} “{title}”" if isinstance(title, str) and title else text


class AuditWatcher(QObject):
    """Polls the audit log of one meeting; ``changed`` carries other people's new rows."""

    changed = Signal(list)

    def __init__(self, runner: TaskRunner, store: Store, meeting_id: int, me: int | None,
                 interval_ms: int = 4000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.store, self.meeting_id, self.me = runner, store, meeting_id, me
        self.last_seq: int | None = None
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self, seen_seq: int) -> None:
        self.last_seq = seen_seq
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        if self._busy or self.last_seq is None:
            return
        self._busy = True
        self.runner.run("audit.poll", changes_since, self.store, self.meeting_id, self.last_seq, self.me,
                        on_result=self._result, on_error=self._error)

    def _result(self, result: tuple[int, list[AuditChange]]) -> None:
        self._busy = False
        last, changes = result
        self.last_seq = max(self.last_seq or 0, last)
        if changes:
            self.changed.emit(changes)

    def _error(self, exc: BaseException) -> None:
        # A lost connection while polling is not worth a dialog: the next save will say so.
        self._busy = False


class ConflictBar(QFrame):
    """"Nguyễn Văn A đã sửa mục chương trình … lúc 09:12; [Tải lại] [×]"."""

    reloadRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBar")
        self.setStyleSheet("#conflictBar { background: #fef5e7; border: 1px solid #f0b27a; border-radius: 4px; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        badge = QLabel()
        badge.setPixmap(icon("warning").pixmap(20, 20))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.reload_button = QPushButton(icon("reload"), self.tr("Tải lại"))
        self.reload_button.clicked.connect(self._reload)
        close = QToolButton()
        close.setIcon(icon("cancel"))
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Ẩn thông báo"))
        close.clicked.connect(self.hide)
        layout.addWidget(badge)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(close)
        self.hide()

    def _reload(self) -> None:
        self.hide()
        self.reloadRequested.emit()

    def show_changes(self, changes: list[AuditChange]) -> None:
        last = changes[-1]
        who = last.actor_name or self.tr("Người khác")
        text = self.tr("{who} đã {what} lúc {when}.").format(who=who, what=describe(last), when=vn_time(last.at, "%H:%M"))
        if len(changes) > 1:
            text += " " + self.tr("(và {n} thay đổi khác)").format(n=len(changes) - 1)
        self.label.setText(text + " " + self.tr("Bấm “Tải lại” để xem bản mới nhất."))
        self.show()

    def show_conflict(self, exc: ConflictError, language: str = "vi") -> None:
        who = exc.changed_by or self.tr("Người khác")
        when = vn_time(exc.changed_at, "%H:%M") if exc.changed_at else "?"
        self.label.setText(self.tr("{who} đã lưu trước bạn lúc {when}; thay đổi của bạn chưa được lưu. "
                                   "Nội dung bạn đã gõ vẫn còn trong ô soạn: bấm “Tải lại” rồi “Lưu” lại.")
                           .format(who=who, when=when))
        self.show()
