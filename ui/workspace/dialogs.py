"""Small forms: a new meeting, a new agenda item, a participant. They only collect values;
the services check them and their refusals are shown as they come."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from store.clock import VN_TZ
from ui.models.labels import KIND, ROLE, tr


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("dialogs", "Hủy"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def to_datetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=VN_TZ)


class NewMeetingDialog(QDialog):
    def __init__(self, unit_name: str, now: datetime, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cuộc họp mới — {unit}").format(unit=unit_name))
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Ví dụ: Phiên họp UBND thường kỳ tháng 1 năm 2027"))
        self.kind = QComboBox()
        for code in KIND:
            self.kind.addItem(tr(KIND, code), code)

        local = now.astimezone(VN_TZ)
        start = QDateTime(QDate(local.year, local.month, local.day), QTime(8, 0)).addDays(7)
        self.starts = QDateTimeEdit(start)
        self.starts.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.starts.setCalendarPopup(True)
        self.ends = QDateTimeEdit(start.addSecs(3 * 3600))
        self.ends.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.ends.setCalendarPopup(True)
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("Phòng họp, địa chỉ"))
        form.addRow(self.tr("Tên cuộc họp:"), self.title)
        form.addRow(self.tr("Hình thức:"), self.kind)
        form.addRow(self.tr("Bắt đầu:"), self.starts)
        form.addRow(self.tr("Kết thúc:"), self.ends)
        form.addRow(self.tr("Địa điểm:"), self.location)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Tạo cuộc họp")))
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"title": self.title.text(), "kind": self.kind.currentData(),
                "starts_at": to_datetime(self.starts.dateTime()), "ends_at": to_datetime(self.ends.dateTime()),
                "location": self.location.text()}


class AgendaItemDialog(QDialog):
    def __init__(self, parent_title: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thêm mục con vào “{title}”").format(title=parent_title) if parent_title
                            else self.tr("Thêm mục chương trình"))
        form = QFormLayout()
        self.title = QLineEdit()
        self.presenter = QLineEdit()
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSuffix(self.tr(" phút"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        form.addRow(self.tr("Nội dung:"), self.title)
        form.addRow(self.tr("Người trình bày:"), self.presenter)
        form.addRow(self.tr("Thời lượng dự kiến:"), self.minutes)
        form.addRow(self.tr("Ghi chú:"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Thêm")))
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"title": self.title.text(), "presenter": self.presenter.text(),
                "planned_minutes": self.minutes.value(), "notes": self.notes.toPlainText()}


class ParticipantDialog(QDialog):
    """Pick a person, a role and where they attend from (the host's hall or a connected site)."""

    def __init__(self, people, sites, host_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mời đại biểu"))
        form = QFormLayout()
        self.person = QComboBox()
        self.person.setEditable(True)  # type to find a name among many
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for p in people:
            self.person.addItem(f"{p.full_name} — {p.position}", p.id)
        self.role = QComboBox()
        for code in ROLE:
            self.role.addItem(tr(ROLE, code), code)
        self.role.setCurrentIndex(list(ROLE).index("member"))
        self.site = QComboBox()
        self.site.addItem(self.tr("Hội trường chính ({host})").format(host=host_name), None)
        for s in sites:
            self.site.addItem(s.name, s.unit_id)
        form.addRow(self.tr("Đại biểu:"), self.person)
        form.addRow(self.tr("Vai trò:"), self.role)
        form.addRow(self.tr("Dự tại:"), self.site)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Mời")))
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"person_id": self.person.currentData(), "role": self.role.currentData(),
                "site_unit_id": self.site.currentData()}
