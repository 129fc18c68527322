"""The forms of the outgoing path: a new draft, the reviewers, a comment, a revision, the key
for a signature or the release (the signing tab's own key form, with the stamp's image), and
the reason a release is cancelled. They only collect values: the area runs the core call in
the background and shows any refusal in the window's one place."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from documents.doctypes import DOC_TYPES
from register.outgoing.records import Authority
from store.codes import Classification
from ui.register_area.dialogs import FormDialog, day_of, qdate
from ui.register_area.outgoing_jobs import DraftChoices, DraftValues
from ui.screen_fit import fit_combo
from ui.settings import AppSettings
from ui.workspace.sign_dialog import SignDialog

#: Types that never get a number: not offered for a draft that is to be released.
NOT_ISSUED = ("du_thao_nghi_quyet", "du_thao_quyet_dinh", "phu_luc", "khac")


def _file_row(dialog: QDialog, edit: QLineEdit, caption: str, pattern: str) -> QHBoxLayout:
    browse = QPushButton(QCoreApplication.translate("OutgoingDialogs", "Chọn tệp…"))

    def pick() -> None:
        path, _ = QFileDialog.getOpenFileName(dialog, caption, edit.text(), pattern)
        if path:
            edit.setText(path)

    browse.clicked.connect(pick)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


def _people_list(people: list[tuple[int, str, str]], skip: int | None = None) -> QListWidget:
    box = QListWidget()
    for pid, name, position in people:
        if pid == skip:
            continue
        item = QListWidgetItem(f"{name} — {position}" if position else name)
        item.setData(Qt.ItemDataRole.UserRole, pid)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)
    return box


def checked(box: QListWidget) -> list[int]:
    return [int(box.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(box.count())
            if box.item(i).checkState() == Qt.CheckState.Checked]


def check(box: QListWidget, person_ids: list[int]) -> None:
    for i in range(box.count()):
        item = box.item(i)
        item.setCheckState(Qt.CheckState.Checked if int(item.data(Qt.ItemDataRole.UserRole)) in person_ids
                           else Qt.CheckState.Unchecked)


class DraftDialog(FormDialog):
    """Soạn văn bản đi: the PDF, type, subject, drafting unit, signer and how they sign,
    recipients, classification, the date the recipients are asked to answer by (if any) and
    the people whose comments the draft needs."""

    def __init__(self, choices: DraftChoices, me: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Soạn văn bản đi"), parent)
        self.path_edit = QLineEdit()
        self.form.addRow(self.tr("Tệp PDF dự thảo"), _file_row(self, self.path_edit, self.tr("Chọn dự thảo"),
                                                               self.tr("Tệp PDF (*.pdf)")))
        self.type_combo = QComboBox()
        for code, (name, abbr) in DOC_TYPES.items():
            if code not in NOT_ISSUED:
                self.type_combo.addItem(f"{name} ({abbr})" if abbr else name, code)
        self.form.addRow(self.tr("Loại văn bản"), self.type_combo)
        self.subject_edit = QPlainTextEdit()
        self.subject_edit.setFixedHeight(60)
        self.subject_edit.setPlaceholderText(self.tr("Trích yếu nội dung, ví dụ: Về việc ban hành Kế hoạch…"))
        self.form.addRow(self.tr("Trích yếu"), self.subject_edit)
        self.unit_combo = QComboBox()
        for uid, name in choices.units:
            self.unit_combo.addItem(name, uid)
        self.form.addRow(self.tr("Đơn vị soạn thảo"), self.unit_combo)
        self.issuer_combo = QComboBox()
        self.issuer_combo.addItem(self.tr("Cơ quan của đơn vị soạn thảo"), 0)
        for uid, name in choices.boards:
            self.issuer_combo.addItem(name, uid)
        if choices.issuer is not None:  # the board's register is open: the board issues
            self.issuer_combo.setCurrentIndex(max(0, self.issuer_combo.findData(choices.issuer)))
        self.issuer_combo.setToolTip(self.tr("Ban, hội đồng tư vấn ban hành văn bản có sổ và số riêng"))
        self.form.addRow(self.tr("Cơ quan ban hành"), self.issuer_combo)
        self.signer_combo = QComboBox()
        for pid, name, position in choices.people:
            self.signer_combo.addItem(f"{name} — {position}" if position else name, pid)
        self.authority_combo = QComboBox()
        for a in Authority:
            self.authority_combo.addItem(a.vi, a.value)
        for combo in (self.type_combo, self.signer_combo):
            fit_combo(combo)
        signer_row = QHBoxLayout()
        signer_row.addWidget(self.signer_combo, 2)
        signer_row.addWidget(self.authority_combo, 1)
        self.form.addRow(self.tr("Người ký, hình thức ký"), signer_row)
        self.recipients_edit = QLineEdit()
        self.recipients_edit.setPlaceholderText(self.tr("Mã đơn vị hoặc tên, cách nhau bằng dấu ;"))
        self.form.addRow(self.tr("Nơi nhận"), self.recipients_edit)
        self.class_combo = QComboBox()
        for c in Classification:
            self.class_combo.addItem(c.vi, c.value)
        # Optional, beside the classification (one row more and the form outgrows a small screen):
        # the recipient units' copies get it as their deadline at release.
        today = qdate(choices.today or date.today())
        self.reply_check = QCheckBox(self.tr("Đề nghị trả lời trước"))
        self.reply_check.setToolTip(self.tr("Đơn vị nhận trong kho nhận văn bản với hạn xử lý là ngày này"))
        self.reply_edit = QDateEdit(today.addDays(7))
        self.reply_edit.setCalendarPopup(True)
        self.reply_edit.setDisplayFormat("dd/MM/yyyy")
        self.reply_edit.setMinimumDate(today)
        self.reply_edit.setEnabled(False)
        self.reply_check.toggled.connect(self.reply_edit.setEnabled)
        class_row = QHBoxLayout()
        class_row.addWidget(self.class_combo, 1)
        class_row.addWidget(self.reply_check)
        class_row.addWidget(self.reply_edit, 1)
        self.form.addRow(self.tr("Độ mật; hạn báo cáo"), class_row)
        self.reviewer_list = _people_list(choices.people, skip=me)
        self.reviewer_list.setFixedHeight(120)
        self.form.addRow(self.tr("Xin ý kiến của"), self.reviewer_list)
        self.finish()
        self.resize(620, self.sizeHint().height())

    def values(self) -> DraftValues:
        recipients = tuple(r.strip() for r in self.recipients_edit.text().split(";") if r.strip())
        return DraftValues(self.path_edit.text().strip(), str(self.type_combo.currentData()),
                           self.subject_edit.toPlainText(), int(self.unit_combo.currentData()),
                           int(self.signer_combo.currentData()), str(self.authority_combo.currentData()), recipients,
                           tuple(checked(self.reviewer_list)), str(self.class_combo.currentData()),
                           int(self.issuer_combo.currentData()) or None,
                           day_of(self.reply_edit.date()) if self.reply_check.isChecked() else None)


class ReviewersDialog(FormDialog):
    """Xin ý kiến: the people whose comments the draft needs."""

    def __init__(self, people: list[tuple[int, str, str]], me: int | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Xin ý kiến góp ý dự thảo"), parent)
        self.reviewer_list = _people_list(people, skip=me)
        self.reviewer_list.setMinimumHeight(180)
        self.form.addRow(self.tr("Người góp ý"), self.reviewer_list)
        self.finish()

    def values(self) -> list[int]:
        return checked(self.reviewer_list)


class CommentDialog(FormDialog):
    """Góp ý on the current version, or agree with it as it stands."""

    def __init__(self, version_no: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Góp ý dự thảo"), parent)
        self.form.addRow(QLabel(self.tr("Ý kiến về phiên bản {n} (phiên bản hiện tại).").format(n=version_no)))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setFixedHeight(100)
        self.form.addRow(self.tr("Nội dung góp ý"), self.text_edit)
        self.agree_check = QCheckBox(self.tr("Nhất trí với dự thảo này"))
        self.form.addRow("", self.agree_check)
        self.finish()
        self.resize(520, self.sizeHint().height())

    def values(self) -> tuple[str, bool]:
        return self.text_edit.toPlainText(), self.agree_check.isChecked()


class ReviseDialog(FormDialog):
    """Sửa dự thảo: the new version's PDF and how it answers the open comments."""

    def __init__(self, open_comments: list[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Phiên bản mới của dự thảo"), parent)
        self.path_edit = QLineEdit()
        self.form.addRow(self.tr("Tệp PDF mới"), _file_row(self, self.path_edit, self.tr("Chọn dự thảo đã sửa"),
                                                           self.tr("Tệp PDF (*.pdf)")))
        if open_comments:
            listed = QLabel("<ul>" + "".join(f"<li>{c}</li>" for c in open_comments) + "</ul>")
            listed.setTextFormat(Qt.TextFormat.RichText)
            listed.setWordWrap(True)
            self.form.addRow(self.tr("Ý kiến chưa tiếp thu"), listed)
        self.answer_edit = QPlainTextEdit()
        self.answer_edit.setFixedHeight(90)
        self.answer_edit.setPlaceholderText(self.tr("Đã tiếp thu, giải trình các ý kiến thế nào"))
        self.form.addRow(self.tr("Tiếp thu, giải trình"), self.answer_edit)
        self.finish()
        self.resize(560, self.sizeHint().height())

    def values(self) -> tuple[str, str]:
        return self.path_edit.text().strip(), self.answer_edit.toPlainText()


class CancelDialog(FormDialog):
    """Hủy phát hành: the reason the register records beside the number, never given again."""

    def __init__(self, symbol: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hủy văn bản đã phát hành"), parent)
        note = QLabel(self.tr("Số {symbol} vẫn giữ trong sổ, ghi là đã hủy, và không cấp lại cho văn bản khác.")
                      .format(symbol=symbol))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.reason_edit = QLineEdit()
        self.form.addRow(self.tr("Lý do hủy"), self.reason_edit)
        self.finish()
        self.resize(480, self.sizeHint().height())

    def reason(self) -> str:
        return self.reason_edit.text()


class StampKeyDialog(SignDialog):
    """The signing tab's key form (.p12 file or USB token), with the stamp's image: the
    signer's handwritten signature, or the organisation's seal for the release."""

    def __init__(self, settings: AppSettings, title: str, signer: str, *, seal: bool, parent: QWidget | None = None) -> None:
        super().__init__(settings, title, signer, parent)
        self.image_edit = QLineEdit()
        self.image_edit.setPlaceholderText(self.tr("Ảnh con dấu (PNG nền trong, màu đỏ)") if seal
                                           else self.tr("Ảnh chữ ký tay (PNG nền trong, màu xanh)"))
        row = _file_row(self, self.image_edit, self.tr("Chọn ảnh"), self.tr("Ảnh PNG (*.png)"))
        form = QFormLayout()
        form.addRow(self.tr("Ảnh con dấu:") if seal else self.tr("Ảnh chữ ký:"), row)
        layout = self.layout()
        assert layout is not None
        layout.insertLayout(layout.count() - 1, form)  # type: ignore[attr-defined]  # a QVBoxLayout

    def image_path(self) -> str:
        return self.image_edit.text().strip()
