"""The forms of the "Văn bản" area: receive a file, assign, reassign a gone handler's work, close. They only collect values;
the area runs the core call in the background and shows any refusal in the window's one place."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from documents.doctypes import DOC_TYPES
from register.incoming.records import IncomingMeta
from store.codes import Classification, Urgency


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FormDialog(QDialog):
    """A titled form with OK and Cancel under its rows (``finish`` adds them last)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.form.addRow(self.buttons)


class ReceiveDialog(FormDialog):
    """Nhận văn bản đến từ tệp: the file and the register's columns read off the document."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Nhận văn bản đến"), parent)
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("Chọn tệp…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.form.addRow(self.tr("Tệp PDF"), row)
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText(self.tr("Ví dụ: Sở Nội vụ tỉnh Quảng Trị"))
        self.form.addRow(self.tr("Nơi gửi (tác giả)"), self.sender_edit)
        self.symbol_edit = QLineEdit()
        self.symbol_edit.setPlaceholderText("1234/SNV-VP")
        self.form.addRow(self.tr("Số, ký hiệu"), self.symbol_edit)
        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("(chưa rõ)"), "")
        for code, (name, _) in DOC_TYPES.items():
            if not code.startswith("du_thao"):
                self.type_combo.addItem(name, code)
        self.form.addRow(self.tr("Loại văn bản"), self.type_combo)
        self.dated = QCheckBox(self.tr("Có ngày tháng"))
        self.dated.setChecked(True)
        self.date_edit = QDateEdit(qdate(today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setMaximumDate(qdate(today))
        self.dated.toggled.connect(self.date_edit.setEnabled)
        drow = QHBoxLayout()
        drow.addWidget(self.dated)
        drow.addWidget(self.date_edit, 1)
        self.form.addRow(self.tr("Ngày văn bản"), drow)
        self.subject_edit = QPlainTextEdit()
        self.subject_edit.setFixedHeight(70)
        self.form.addRow(self.tr("Trích yếu"), self.subject_edit)
        self.class_combo = QComboBox()
        for c in Classification:
            self.class_combo.addItem(c.vi, c.value)
        self.form.addRow(self.tr("Độ mật"), self.class_combo)
        self.urgency_combo = QComboBox()
        for u in Urgency:
            self.urgency_combo.addItem(u.vi, u.value)
        self.form.addRow(self.tr("Độ khẩn"), self.urgency_combo)
        self.finish()
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn văn bản đến"), "", self.tr("Tệp PDF (*.pdf)"))
        if path:
            self.path_edit.setText(path)

    def meta(self) -> IncomingMeta:
        return IncomingMeta(
            sender_name=self.sender_edit.text(), subject=self.subject_edit.toPlainText(),
            doc_symbol=self.symbol_edit.text(), doc_type=str(self.type_combo.currentData()),
            doc_date=day_of(self.date_edit.date()) if self.dated.isChecked() else None,
            classification=Classification(self.class_combo.currentData()), urgency=Urgency(self.urgency_combo.currentData()))


class AssignDialog(FormDialog):
    """Giao xử lý: the main handler, co-handlers, the deadline and the bút phê. The deadline
    starts at the entry's own (``due``: the date its sender asked an answer by, for a document
    another unit of the store released with one) and goes no later than ``latest`` (that date)."""

    def __init__(self, people: list[tuple[int, str, str]], today: date, parent: QWidget | None = None, *,
                 due: date | None = None, latest: date | None = None) -> None:
        super().__init__(self.tr("Giao xử lý văn bản đến"), parent)
        self.handler_combo = QComboBox()
        for pid, name, position in people:
            self.handler_combo.addItem(f"{name} — {position}" if position else name, pid)
        self.form.addRow(self.tr("Người xử lý chính"), self.handler_combo)
        self.co_list = QListWidget()
        for pid, name, _ in people:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.co_list.addItem(item)
        self.co_list.setFixedHeight(110)
        self.form.addRow(self.tr("Người phối hợp"), self.co_list)
        self.due_edit = QDateEdit(qdate(due) if due is not None and due >= today else qdate(today).addDays(7))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("dd/MM/yyyy")
        self.due_edit.setMinimumDate(qdate(today))
        if latest is not None and latest >= today:  # the core refuses a later one (register.incoming.handling)
            self.due_edit.setMaximumDate(qdate(latest))
        self.form.addRow(self.tr("Hạn xử lý"), self.due_edit)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(80)
        self.note_edit.setPlaceholderText(self.tr("Ý kiến chỉ đạo (bút phê)"))
        self.form.addRow(self.tr("Bút phê"), self.note_edit)
        self.finish()
        self.resize(480, self.sizeHint().height())

    def values(self) -> tuple[int, list[int], date, str]:
        co = [int(self.co_list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.co_list.count())
              if self.co_list.item(i).checkState() == Qt.CheckState.Checked]
        return int(self.handler_combo.currentData()), co, day_of(self.due_edit.date()), self.note_edit.toPlainText()


class ReassignDialog(FormDialog):
    """Giao lại việc: every open document of one person (who left the unit: transferred,
    retired) to someone of the unit now; the văn thư's form. ``gone`` are the unit's handlers
    who left, ``people`` who may take their work, ``chosen`` the one to start from."""

    def __init__(self, gone: list[tuple[int, str]], people: list[tuple[int, str, str]],
                 parent: QWidget | None = None, *, chosen: int | None = None) -> None:
        super().__init__(self.tr("Giao lại việc của người đã thôi nhiệm vụ"), parent)
        self.from_combo = QComboBox()
        for pid, name in gone:
            self.from_combo.addItem(name, pid)
        if chosen is not None:
            self.from_combo.setCurrentIndex(max(0, self.from_combo.findData(chosen)))
        self.form.addRow(self.tr("Việc của"), self.from_combo)
        self.to_combo = QComboBox()
        for pid, name, position in people:
            self.to_combo.addItem(f"{name} — {position}" if position else name, pid)
        self.form.addRow(self.tr("Giao cho"), self.to_combo)
        self.finish()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(gone) and bool(people))
        self.resize(480, self.sizeHint().height())

    def values(self) -> tuple[int, int]:
        return int(self.from_combo.currentData()), int(self.to_combo.currentData())


class DoneDialog(FormDialog):
    """Hoàn thành xử lý: the outgoing document that answers it, if any, and a note."""

    def __init__(self, replies: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hoàn thành xử lý"), parent)
        self.reply_combo = QComboBox()
        self.reply_combo.addItem(self.tr("(không có văn bản trả lời)"), 0)
        for oid, label in replies:
            self.reply_combo.addItem(label, oid)
        self.reply_id = QSpinBox()
        self.reply_id.setRange(0, 2**31 - 1)
        self.reply_id.setSpecialValueText(self.tr("—"))
        self.reply_combo.currentIndexChanged.connect(lambda _i: self.reply_id.setValue(int(self.reply_combo.currentData())))
        self.form.addRow(self.tr("Văn bản đi trả lời"), self.reply_combo)
        self.form.addRow(self.tr("Số hiệu văn bản đi"), self.reply_id)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(70)
        self.form.addRow(self.tr("Ghi chú"), self.note_edit)
        self.finish()

    def values(self) -> tuple[int | None, str]:
        return (self.reply_id.value() or None), self.note_edit.toPlainText()
