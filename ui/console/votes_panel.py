"""Votes on an item: open show of hands (counts per site), roll-call (each member's choice by
name) and secret ballots (the receipt code shown once to the voter, never stored); results
per option, and the CSV the archive keeps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.console.data import export_votes_csv
from ui.console.models import ResultModel, VotesModel
from ui.icons import icon
from ui.screen_fit import fit_combo

if TYPE_CHECKING:
    from ui.console.console_tab import ConsoleTab
    from ui.console.data import LiveSnapshot

TOUCH = 44
DEFAULT_OPTIONS = "Đồng ý, Không đồng ý, Không biểu quyết"


class VoteDialog(QDialog):
    def __init__(self, items, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Biểu quyết mới"))
        self.question = QLineEdit()
        self.kind = QComboBox()
        for kind, text in (("show_of_hands", self.tr("Giơ tay (đếm theo điểm cầu)")),
                           ("roll_call", self.tr("Điểm danh từng người")), ("secret", self.tr("Bỏ phiếu kín"))):
            self.kind.addItem(text, kind)
        self.item = QComboBox()
        self.item.addItem(self.tr("(không gắn với mục nào)"), None)
        for node in items:
            self.item.addItem(f"{node.number}. {node.title}", node.id)
        self.options = QLineEdit(DEFAULT_OPTIONS)
        form = QFormLayout(self)
        form.addRow(self.tr("Nội dung:"), self.question)
        form.addRow(self.tr("Hình thức:"), self.kind)
        form.addRow(self.tr("Mục chương trình:"), self.item)
        form.addRow(self.tr("Các phương án (cách nhau bởi dấu phẩy):"), self.options)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(620, 220)

    def values(self) -> dict:
        return {"question": self.question.text(), "kind": self.kind.currentData(), "item_id": self.item.currentData(),
                "options": [o.strip() for o in self.options.text().split(",") if o.strip()]}


class VotesPanel(QWidget):
    def __init__(self, console: ConsoleTab) -> None:
        super().__init__(console)
        self.console = console
        self.snapshot: LiveSnapshot | None = None
        self.items = []
        self.receipts: list[str] = []  # receipt codes shown (tests read the last one)
        self.votes = VotesModel(self)
        self.vote_view = QTableView()
        self.vote_view.setModel(self.votes)
        self.vote_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.vote_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.vote_view.verticalHeader().hide()
        header = self.vote_view.horizontalHeader()
        # Number, kind, state and turnout as wide as their headers or values, never clipped;
        # the question takes what is left (its full text is in the result's title).
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.vote_view.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.result = ResultModel(self)
        self.result_view = QTableView()
        self.result_view.setModel(self.result)
        self.result_view.verticalHeader().hide()
        self.result_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.result_view.verticalHeader().setDefaultSectionSize(32)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.new_button = QPushButton(icon("add"), self.tr("Biểu quyết mới…"))
        self.close_button = QPushButton(icon("close"), self.tr("Kết thúc biểu quyết"))
        self.csv_button = QPushButton(icon("archive"), self.tr("Xuất CSV…"))
        for b in (self.new_button, self.close_button, self.csv_button):
            b.setMinimumHeight(TOUCH)
        self.new_button.clicked.connect(lambda: self.new_vote())
        self.close_button.clicked.connect(self.close_vote)
        self.csv_button.clicked.connect(lambda: self.export_csv())
        # Recording: per site (show of hands) or per person (roll-call, secret ballot).
        self.site_box = QComboBox()
        self.site_box.currentIndexChanged.connect(lambda _i: self._site_counts())
        fit_combo(self.site_box)
        self.count_boxes: dict[str, QSpinBox] = {}
        self.counts_grid = QGridLayout()
        self.hands_button = QPushButton(icon("start"), self.tr("Ghi số phiếu của điểm cầu"))
        self.hands_button.setMinimumHeight(TOUCH)
        self.hands_button.clicked.connect(lambda: self.record_hands())
        self.person_box = QComboBox()
        fit_combo(self.person_box)
        self.option_row = QHBoxLayout()
        self.option_buttons: list[QPushButton] = []
        self.record_area = QWidget()
        area = QVBoxLayout(self.record_area)
        area.setContentsMargins(0, 0, 0, 0)
        self.hands_row = QWidget()
        hands = QVBoxLayout(self.hands_row)
        hands.setContentsMargins(0, 0, 0, 0)
        site_row = QHBoxLayout()
        site_row.addWidget(QLabel(self.tr("Điểm cầu:")))
        site_row.addWidget(self.site_box, 1)
        hands.addLayout(site_row)
        hands.addLayout(self.counts_grid)
        hands.addWidget(self.hands_button)
        self.person_row = QWidget()
        person = QVBoxLayout(self.person_row)
        person.setContentsMargins(0, 0, 0, 0)
        prow = QHBoxLayout()
        prow.addWidget(QLabel(self.tr("Thành viên:")))
        prow.addWidget(self.person_box, 1)
        person.addLayout(prow)
        person.addLayout(self.option_row)
        area.addWidget(self.hands_row)
        area.addWidget(self.person_row)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        for b in (self.new_button, self.close_button, self.csv_button):
            bar.addWidget(b)
        bar.addStretch()
        lv.addLayout(bar)
        lv.addWidget(self.vote_view, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.result_label)
        rv.addWidget(self.result_view, 2)
        rv.addWidget(self.record_area)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([600, 440])  # the list of votes needs its columns' headers whole
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

    # -- showing ----------------------------------------------------------------------------
    def set_snapshot(self, snap: LiveSnapshot, items) -> None:
        self.snapshot, self.items = snap, list(items)
        current = self.current_vote()
        wanted = current.vote.id if current else None
        self.votes.set_rows(snap.votes)
        row = next((i for i, r in enumerate(snap.votes) if r.vote.id == wanted), len(snap.votes) - 1)
        if row >= 0:
            self.vote_view.selectRow(row)
        self.new_button.setEnabled(snap.status in ("in_progress", "closed"))
        self.csv_button.setEnabled(bool(snap.votes))
        self._show_selected()

    def current_vote(self):
        index = self.vote_view.currentIndex()
        return self.votes.row_at(index.row()) if index.isValid() and index.row() < self.votes.rowCount() else None

    def select_vote(self, vote_id: int) -> None:
        for i, r in enumerate(self.votes.rows()):
            if r.vote.id == vote_id:
                self.vote_view.selectRow(i)

    def _show_selected(self) -> None:
        r = self.current_vote()
        self.result.set_result(r)
        self.record_area.setVisible(r is not None and r.vote.status == "open")
        self.close_button.setEnabled(r is not None and r.vote.status == "open")
        if r is None:
            self.result_label.setText(self.tr("Chưa có cuộc biểu quyết nào. Bấm “Biểu quyết mới…”."))
            return
        v = r.vote
        if v.kind == "secret" and v.status == "open":
            line = self.tr("Bỏ phiếu kín đang mở: {voted}/{eligible} đã bỏ phiếu; kết quả chỉ hiện khi kết thúc.")
        else:
            line = self.tr("{question}: {voted}/{eligible} thành viên đã biểu quyết")
        text = line.format(question=v.question, voted=r.voted, eligible=r.eligible)
        if r.by_person:
            text += "\n" + "; ".join(f"{name}: {option}" for _, name, option in r.by_person)
        self.result_label.setText(text)
        self.hands_row.setVisible(v.kind == "show_of_hands")
        self.person_row.setVisible(v.kind != "show_of_hands")
        self._build_recording(r)

    def _build_recording(self, r) -> None:
        options = r.vote.options
        if list(self.count_boxes) != list(options):
            while self.counts_grid.count():
                self.counts_grid.takeAt(0).widget().deleteLater()
            self.count_boxes = {}
            for i, option in enumerate(options):
                box = QSpinBox()
                box.setRange(0, 10000)
                box.setMinimumHeight(TOUCH)
                self.counts_grid.addWidget(QLabel(option), 0, i)
                self.counts_grid.addWidget(box, 1, i)
                self.count_boxes[option] = box
            for b in self.option_buttons:
                self.option_row.removeWidget(b)
                b.deleteLater()
            self.option_buttons = []
            for option in options:
                b = QPushButton(option)
                b.setMinimumHeight(TOUCH)
                b.clicked.connect(lambda _=False, o=option: self.cast(o))
                self.option_row.addWidget(b)
                self.option_buttons.append(b)
        snap = self.snapshot
        wanted = self.site_box.currentData()
        self.site_box.clear()
        for site in snap.sites:
            members = sum(1 for a in snap.attendance if a.site_unit_id == site.unit_id and a.role in ("chair", "member"))
            if members:
                self.site_box.addItem(self.tr("{site} ({n} thành viên)").format(site=site.name, n=members), site.unit_id)
        self.site_box.setCurrentIndex(max(0, self.site_box.findData(wanted)))
        self._site_counts()
        voted = {pid for pid, _, _ in r.by_person}
        wanted = self.person_box.currentData()
        self.person_box.clear()
        for a in snap.voters():
            if a.person_id not in voted:
                self.person_box.addItem(f"{a.full_name} — {a.site_name}", a.person_id)
        self.person_box.setCurrentIndex(max(0, self.person_box.findData(wanted)))

    def _site_counts(self) -> None:
        """Show what was entered for the chosen site (entering again replaces it)."""
        r = self.current_vote()
        site = self.site_box.currentData()
        counts = next((dict(c) for unit, _, c in (r.by_site if r else ()) if unit == site), {})
        for option, box in self.count_boxes.items():
            box.setValue(counts.get(option, 0))

    # -- recording --------------------------------------------------------------------------
    def new_vote(self, question: str | None = None, kind: str = "show_of_hands", item_id: int | None = None,
                 options: list[str] | None = None) -> None:
        from meetings.live.votes import open_vote  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        if question is None:
            dialog = VoteDialog(self.items, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            values = dialog.values()
            question, kind, item_id, options = values["question"], values["kind"], values["item_id"], values["options"]
        options = options or [o.strip() for o in DEFAULT_OPTIONS.split(",")]
        self.console.write_many("vote.open", [(open_vote, (self.snapshot.meeting_id,),
                                               {"item_id": item_id, "kind": kind, "question": question,
                                                "options": options})],
                                on_result=lambda out: self.console.after_reload(lambda: self.select_vote(out[0].id)))

    def record_hands(self, site_unit_id: int | None = None, counts: dict[str, int] | None = None) -> None:
        from meetings.live.votes import record_hands  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        r = self.current_vote()
        site = site_unit_id if site_unit_id is not None else self.site_box.currentData()
        if r is None or site is None:
            return
        counts = counts if counts is not None else {o: box.value() for o, box in self.count_boxes.items()}
        self.console.write_many("vote.hands", [(record_hands, (r.vote.id, site, counts), {})])

    def cast(self, option: str, person_id: int | None = None) -> None:
        from meetings.live.votes import cast_vote  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        r = self.current_vote()
        person = person_id if person_id is not None else self.person_box.currentData()
        if r is None or person is None:
            self.console.notify(self.tr("Chọn thành viên biểu quyết trước."))
            return

        def done(out) -> None:
            code = out[0]
            if code:
                self.receipts.append(code)
                box = QMessageBox(QMessageBox.Icon.Information, self.tr("Mã biên nhận phiếu kín"),
                                  self.tr("Mã biên nhận (chỉ hiện một lần, người bỏ phiếu giữ riêng để tự kiểm tra "
                                          "sau khi kết thúc): {code}").format(code=code), QMessageBox.StandardButton.Ok,
                                  self)
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()

        self.console.write_many("vote.cast", [(cast_vote, (r.vote.id, person, option), {})], on_result=done)

    def close_vote(self) -> None:
        from meetings.live.votes import close_vote  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        r = self.current_vote()
        if r is not None:
            self.console.write_many("vote.close", [(close_vote, (r.vote.id,), {})])

    def export_csv(self, path: str | None = None) -> None:
        if self.snapshot is None or not self.snapshot.votes:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất kết quả biểu quyết"),
                                                  f"bieu-quyet-{self.snapshot.meeting_id}.csv", self.tr("Tệp CSV (*.csv)"))
            if not path:
                return
        ctx = self.console.ws.ctx
        ctx.runner.run("votes.csv", export_votes_csv, ctx.store, [r.vote.id for r in self.snapshot.votes], path,
                       on_result=lambda p: ctx.notify(self.tr("Đã xuất kết quả biểu quyết vào {path}").format(path=p)),
                       on_error=ctx.show_error)
