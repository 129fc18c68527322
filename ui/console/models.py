"""Item models of the secretary console: attendance, the speaker queue, votes, a vote's result."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor

from ui.models.indexes import NO_PARENT, Index
from ui.models.labels import ROLE, tr

if TYPE_CHECKING:
    from meetings.live.attendance import AttendanceRow
    from meetings.live.speakers import SpeakerInfo
    from meetings.live.votes import VoteResult

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLORS = {"present": "#1e8449", "absent": "#a93226", "deputy": "#b9770e"}


def percent(n: int, total: int) -> str:
    """As the core writes it (meetings.votes.percent): a decimal comma, "80%", "71,43%"."""
    return f"{round(n * 100 / total, 2):g}%".replace(".", ",")


def mmss(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


class _Table(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headers(self) -> tuple[str, ...]:
        return self.HEADERS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = self.headers()
            return names[section] if 0 <= section < len(names) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Any, col: int, role: int) -> Any:
        raise NotImplementedError


class AttendanceModel(_Table):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Điểm cầu"), self.tr("Họ và tên"), self.tr("Chức vụ"), self.tr("Vai trò"),
                self.tr("Tình trạng"), self.tr("Lý do / người dự thay"))

    def status_text(self, status: str | None) -> str:
        return {"present": self.tr("có mặt"), "absent": self.tr("vắng mặt"),
                "deputy": self.tr("cử người dự thay"), None: self.tr("chưa điểm danh")}.get(status, status or "")

    def cell(self, r: AttendanceRow, col: int, role: int) -> Any:
        if role == ROW_ID_ROLE:
            return r.person_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return r.site_name
            if col == 1:
                return r.full_name
            if col == 2:
                return r.position
            if col == 3:
                return tr(ROLE, r.role)
            if col == 4:
                return self.status_text(r.status)
            if col == 5:
                return r.deputy_name or r.reason
        if role == Qt.ItemDataRole.ForegroundRole and col == 4:
            return QBrush(QColor(STATUS_COLORS.get(r.status, "#566573")))
        return None


class SpeakerModel(_Table):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.now: datetime | None = None

    def headers(self) -> tuple[str, ...]:
        return (self.tr("STT"), self.tr("Người phát biểu"), self.tr("Trạng thái"), self.tr("Thời gian"))

    def state_text(self, state: str) -> str:
        return {"waiting": self.tr("đang chờ"), "speaking": self.tr("đang phát biểu"), "done": self.tr("đã phát biểu"),
                "withdrawn": self.tr("đã rút")}.get(state, state)

    def cell(self, r: SpeakerInfo, col: int, role: int) -> Any:
        if role == ROW_ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(r.position)
            if col == 1:
                return r.full_name
            if col == 2:
                return self.state_text(r.state)
            if col == 3:
                if r.state == "speaking" and self.now is not None:
                    return self.tr("còn {t}").format(t=mmss(r.remaining_seconds(self.now)))
                if r.state == "done" and self.now is not None:
                    return self.tr("đã nói {t}").format(t=mmss(r.spoke_seconds(self.now)))
                return self.tr("{m} phút").format(m=r.allotted_seconds // 60)
        if role == Qt.ItemDataRole.ForegroundRole and r.state == "speaking":
            return QBrush(QColor("#1e8449"))
        return None


class VotesModel(_Table):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Số"), self.tr("Nội dung biểu quyết"), self.tr("Hình thức"), self.tr("Trạng thái"),
                self.tr("Đã biểu quyết"))

    def kind_text(self, kind: str) -> str:
        return {"show_of_hands": self.tr("giơ tay"), "roll_call": self.tr("điểm danh từng người"),
                "secret": self.tr("bỏ phiếu kín")}.get(kind, kind)

    def cell(self, r: VoteResult, col: int, role: int) -> Any:
        v = r.vote
        if role == ROW_ID_ROLE:
            return v.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(v.id), v.question, self.kind_text(v.kind),
                    self.tr("đang mở") if v.status == "open" else self.tr("đã kết thúc"),
                    f"{r.voted}/{r.eligible}")[col]
        return None


class ResultModel(_Table):
    """One vote's options: total, share of all members, and (show of hands) the count per site."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.result: VoteResult | None = None

    def set_result(self, result: VoteResult | None) -> None:
        self.beginResetModel()
        self.result = result
        self._rows = list(result.counts) if result is not None else []
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        sites = tuple(name for _, name, _ in self.result.by_site) if self.result is not None else ()
        return (self.tr("Phương án"), self.tr("Số phiếu"), self.tr("Tỷ lệ")) + sites

    def cell(self, row: tuple[str, int], col: int, role: int) -> Any:
        option, n = row
        r = self.result
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return option
            if col == 1:
                return str(n) if r.vote.kind != "secret" or r.vote.status == "closed" else "—"
            if col == 2:
                return percent(n, r.eligible) if r.eligible and (r.vote.kind != "secret" or r.vote.status == "closed") else ""
            counts = dict(r.by_site[col - 3][2])
            return str(counts.get(option, 0))
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
