"""The tablet reader: full screen, touch first. The agenda on the left (each material one tap
away), the page in the middle, the person's notes on the right, large buttons on top.

Every core call runs in the task runner: opening a material records the receipt
(``open_for_reading``), pages shown are reported in small batches (``record_pages_read``),
notes are stored as the person's own layer. While following the chair, the presenter's moves
arrive through ``FollowLink`` and turn the page. When the store cannot be reached, the
reader offers the materials cached for offline reading (``OfflineLink``); pages shown then are
kept in that cache and sent as receipts once the store answers again.

The window owns its parts: the agenda, the page canvas, the notes panel, and the ``NoteKeeper``
(note_keeper.py) that stores, shares and exports the notes those two ask for.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from store.errors import NghisuError, StoreUnavailable
from ui.icons import icon
from ui.reader import services as svc
from ui.reader.agenda_panel import TOUCH, AgendaPanel
from ui.reader.follow import FollowLink
from ui.reader.note_keeper import NoteKeeper
from ui.reader.notes_panel import NotesPanel
from ui.reader.offline import OfflineLink, go_offline, resume_online, save_offline
from ui.reader.opinions_sheet import OpinionsLink
from ui.reader.page_canvas import PageCanvas
from ui.reader.tablet_layout import TabletLayout
from ui.settings import AppSettings
from ui.viewer.compare import load_pdf_bytes

if TYPE_CHECKING:
    from meetings.live.follow import Position
    from meetings.reader_records import ReaderMaterial
    from store.engine import Store
    from ui.reader.services import OpenedMaterial

log = logging.getLogger(__name__)
RECEIPT_DELAY_MS = 1500  # pages read are sent in batches, not one write per swipe


class ReaderWindow(QWidget):
    documentShown = Signal(int)  # document id, once its first page is on screen
    notesChanged = Signal()

    def __init__(self, store: Store | None, runner, person_id: int | None, *, offline_folder=None,
                 poll_interval: float = 0.25, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Nghị Sự — Chế độ đọc"))
        self.store, self.runner, self.person_id = store, runner, person_id
        self.offline_mode = False
        self.material: ReaderMaterial | None = None
        self.document = QPdfDocument(self)
        self._buffer = None
        self._read_pages: set[int] = set()
        self.pages_recorded: int | None = None  # the store's total for the open document, after each batch
        self.errors: list[BaseException] = []
        self.follow_delays: list[float] = []  # seconds from the follower hearing of a move to the page on screen
        self._pending_page: int | None = None
        self.follow = FollowLink(runner, self, poll_interval=poll_interval)
        self.follow.positionArrived.connect(self.follow_position)
        self.follow.followingChanged.connect(self._update_follow_button)
        self.offline = OfflineLink(runner, person_id or 0, offline_folder, self)
        self.offline.failed.connect(self.show_error)
        self._receipts = QTimer(self, singleShot=True, interval=RECEIPT_DELAY_MS, timeout=self.flush_receipts)
        self._build()

    # -- layout -----------------------------------------------------------------------------
    def _button(self, name: str, text: str, slot, *, checkable: bool = False, tip: str = "") -> QToolButton:
        b = QToolButton()
        if name:
            b.setIcon(icon(name))
        b.setText(text)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon if text else Qt.ToolButtonStyle.ToolButtonIconOnly)
        b.setMinimumSize(TOUCH + 8, TOUCH + 4)
        b.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # never squeezed into "Ch…nh"
        b.setAutoRaise(True)
        b.setCheckable(checkable)
        b.setToolTip(tip or text)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page keeps the keyboard
        if checkable:
            b.toggled.connect(slot)
        else:
            b.clicked.connect(slot)
        return b

    def _build(self) -> None:
        self.canvas = PageCanvas(self.runner, self)
        self.notes = NotesPanel(self.person_id, self)
        self.note_keeper = NoteKeeper(self, self)
        self.note_keeper.notesLoaded.connect(self.canvas.set_notes)
        self.note_keeper.notesLoaded.connect(self.notes.set_notes)
        self.note_keeper.notesLoaded.connect(lambda _notes: self.notesChanged.emit())
        self.note_keeper.said.connect(self.say)
        self.note_keeper.failed.connect(self.show_error)
        self.canvas.pageChanged.connect(self._page_changed)
        self.canvas.noteDrawn.connect(self.note_keeper.store_note)
        self.canvas.textNoteRequested.connect(self.note_keeper.ask_text_note)
        self.canvas.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.agenda = AgendaPanel(self)
        self.agenda.materialChosen.connect(lambda doc_id: self.open_document(doc_id))
        self.agenda.meetingChosen.connect(self._meeting_chosen)
        self.notes.pageRequested.connect(self.canvas.go_to)
        self.notes.shareRequested.connect(self.note_keeper.share_note)
        self.notes.deleteRequested.connect(self.note_keeper.delete_note)
        self.notes.exportRequested.connect(self.note_keeper.export_notes)

        self.panel_button = self._button("meeting", self.tr("Chương trình"), self._toggle_agenda, checkable=True)
        self.title_label = QLabel(self.tr("Chế độ đọc"))
        self.title_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title_label.setMinimumWidth(60)
        self.title_label.setMaximumWidth(300)
        self.prev_button = self._button("up", "", self.canvas.previous_page, tip=self.tr("Trang trước"))
        self.next_button = self._button("down", "", self.canvas.next_page, tip=self.tr("Trang sau"))
        self.page_label = QLabel()
        self.page_label.setStyleSheet("font-size: 12pt;")
        # Always whole, however narrow the bar: "Trang 123/456" is how a member finds their place.
        self.page_label.setMinimumWidth(self.page_label.fontMetrics().horizontalAdvance("Trang 888/888") + 24)
        self.page_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.zoom_out_button = self._button("", "", self.canvas.zoom_out, tip=self.tr("Thu nhỏ"))
        self.zoom_out_button.setText("−")
        self.zoom_label = QLabel("100%")
        self.zoom_in_button = self._button("", "", self.canvas.zoom_in, tip=self.tr("Phóng to"))
        self.zoom_in_button.setText("+")
        for b in (self.zoom_out_button, self.zoom_in_button):
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.tools = QButtonGroup(self)
        self.tool_buttons = {}
        for key, name, text in (("browse", "browse", self.tr("Đọc")), ("ink", "pen", self.tr("Bút")),
                                ("highlight", "highlighter", self.tr("Tô sáng")), ("text", "text-note", self.tr("Ghi chữ"))):
            b = self._button(name, text, lambda on, k=key: on and self.canvas.set_tool(k), checkable=True)
            self.tools.addButton(b)
            self.tool_buttons[key] = b
        self.tool_buttons["browse"].setChecked(True)
        self.night_button = self._button("night", self.tr("Ban đêm"), self.canvas.set_night_mode, checkable=True)
        self.follow_button = self._button("start", self.tr("Thôi theo dõi"), self.toggle_follow,
                                          tip=self.tr("Theo trang chủ tọa đang trình bày, hoặc thôi để tự đọc"))
        self.follow_label = QLabel()
        self.notes_button = self._button("notes", self.tr("Ghi chú"), self._toggle_notes, checkable=True)
        self.offline_button = self._button("archive", self.tr("Ngoại tuyến…"), self.save_offline,
                                           tip=self.tr("Lưu để đọc ngoại tuyến…"))
        self.close_button = self._button("close", self.tr("Thoát"), self.close, tip=self.tr("Thoát chế độ đọc"))

        top = QHBoxLayout()
        top.setSpacing(6)
        for w in (self.panel_button, self.title_label):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.prev_button, self.page_label, self.next_button, self.zoom_out_button, self.zoom_label,
                  self.zoom_in_button):
            top.addWidget(w)
        top.addSpacing(12)
        for b in self.tool_buttons.values():
            top.addWidget(b)
        top.addWidget(self.night_button)
        top.addSpacing(12)
        top.addWidget(self.follow_button)
        top.addWidget(self.notes_button)
        top.addWidget(self.offline_button)
        top.addWidget(self.close_button)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.agenda)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(self.notes)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 900, 300])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("padding: 4px 8px; font-size: 11pt;")
        bar = QWidget()
        bar.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        # The bar never makes the window wider than the screen: narrow, it switches to icons
        # (TabletLayout) instead of pushing the page counter off the edge.
        bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(bar)
        layout.addWidget(self.splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        self.opinions = OpinionsLink(self)  # written opinions waiting for this member: a banner, then a sheet
        bottom.addWidget(self.opinions.banner)
        bottom.addWidget(self.follow_label)
        layout.addLayout(bottom)
        self.tablet = TabletLayout(self, top)
        self.panel_button.setChecked(True)
        self.notes.hide()
        self._update_follow_button()
        self._update_page_label()
        self.resize(1280, 800)

    def _toggle_agenda(self, on: bool) -> None:
        self.tablet.toggle_agenda(on)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.tablet.fit()

    def _toggle_notes(self, on: bool) -> None:
        self.notes.setVisible(on)

    # -- messages ---------------------------------------------------------------------------
    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("padding: 4px 8px; font-size: 11pt;" + (" color: #a93226;" if error else ""))

    def show_error(self, exc: BaseException) -> None:
        self.errors.append(exc)
        if isinstance(exc, StoreUnavailable):
            self.go_offline()
            return
        if isinstance(exc, NghisuError):
            self.say(exc.message(AppSettings().language), error=True)
        else:
            log.error("reader failure", exc_info=(type(exc), exc, exc.__traceback__))
            self.say(self.tr("Đã có lỗi không mong đợi; hãy thử lại."), error=True)

    # -- meetings and materials -------------------------------------------------------------
    def load(self, select_meeting: int | None = None) -> None:
        """Read the person's meetings and materials (in the background)."""
        if self.person_id is None:
            self.say(self.tr("Chưa chọn người dùng: vào Cài đặt để chọn bạn là ai, hoặc chạy nghisu reader --as SỐ."),
                     error=True)
            return
        if self.store is None:
            self.go_offline()
            return
        self.runner.run("reader.meetings", svc.reader_meetings, self.store, self.person_id,
                        on_result=lambda ms: self._meetings_loaded(ms, select_meeting), on_error=self.show_error)
        self.runner.run("reader.me", svc.person_name, self.store, self.person_id,
                        on_result=lambda name: self.setWindowTitle(self.tr("Nghị Sự — Chế độ đọc — {name}")
                                                                   .format(name=name)),
                        on_error=lambda exc: None)

    def _meetings_loaded(self, meetings, select_meeting: int | None) -> None:
        self.offline_mode = False
        self.agenda.set_meetings(meetings, select_meeting)
        self.opinions.refresh()
        resume_online(self)  # the store answers: pages read offline become receipts

    def _meeting_chosen(self, meeting_id: int) -> None:
        if self.store is not None and not self.offline_mode:
            self.follow.start(self.store, meeting_id)

    def open_document(self, document_id: int, page: int = 1, passphrase: str | None = None) -> None:
        self.tablet.paper_chosen()
        meeting = self.agenda.current_meeting()
        material = meeting.material(document_id) if meeting else None
        if material is None:
            self.say(self.tr("Tài liệu này không có trong các tài liệu đã gửi tới bạn."), error=True)
            return
        self.flush_receipts()
        if self.offline_mode:
            self.offline.read(document_id, lambda data: self._show(material, data, (), page))
            return
        if material.classified and passphrase is None:
            text, ok = QInputDialog.getText(self, self.tr("Tài liệu mật"),
                                            self.tr("Nhập cụm mật khẩu khóa giải mã của bạn để mở tài liệu mật:"),
                                            QLineEdit.EchoMode.Password)
            if not ok or not text:
                return
            passphrase = text
        self.say(self.tr("Đang mở “{title}”…").format(title=material.title))
        self.runner.run("reader.open", svc.open_material, self.store, self.person_id, material, passphrase,
                        on_result=lambda opened: self._opened(opened, page), on_error=self.show_error, write=True)

    def _opened(self, opened: OpenedMaterial, page: int) -> None:
        self._show(opened.material, opened.data, opened.notes, page)

    def _show(self, material: ReaderMaterial, data: bytes, notes, page: int) -> None:
        self.canvas.set_document(None)
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self.material = material
        self._read_pages = set()
        self._buffer = load_pdf_bytes(self.document, bytes(data), self)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.say(self.tr("Không hiển thị được tài liệu này."), error=True)
            return
        self.title_label.setText(material.number or material.title)
        self.title_label.setToolTip(material.title)
        self.canvas.set_document(self.document, max(1, min(page, self.document.pageCount())))
        self.canvas.set_notes(notes)
        self.notes.set_notes(notes)
        self.agenda.mark_document(material.document_id)
        self.say("")
        self.canvas.setFocus()
        self.documentShown.emit(material.document_id)

    def _update_page_label(self) -> None:
        count = self.canvas.page_count()
        self.page_label.setText(self.tr("Trang {n}/{total}").format(n=self.canvas.current_page(), total=count)
                                if count else "")

    def _page_changed(self, page: int) -> None:
        self._update_page_label()
        if self.material is not None:
            if self.offline_mode:
                self.offline.page_shown(self.material.document_id, page)
            else:
                self._read_pages.add(page)
            self._receipts.start()

    def flush_receipts(self) -> None:
        """Send the pages read since the last batch (called on a timer, on switching, on close)."""
        self._receipts.stop()
        self.offline.flush_reads()
        if not self._read_pages or self.material is None or self.store is None or self.offline_mode:
            return
        pages, self._read_pages = sorted(self._read_pages), set()

        def done(total: int) -> None:
            self.pages_recorded = total

        self.runner.run("reader.pages", svc.record_pages, self.store, self.person_id, self.material.document_id, pages,
                        on_result=done, on_error=self.show_error, write=True)

    # -- following the chair ----------------------------------------------------------------
    def toggle_follow(self) -> None:
        if self.follow.following:
            self.follow.pause()
            self.say(self.tr("Bạn đang tự đọc; bấm “Theo dõi lại” để về trang chủ tọa đang trình bày."))
        else:
            self.follow.rejoin()

    def _update_follow_button(self, *_args) -> None:
        on = self.follow.following
        self.follow_button.setText(self.tr("Thôi theo dõi") if on else self.tr("Theo dõi lại"))
        self.follow_label.setText(self.tr("Đang theo chủ tọa") if on else self.tr("Tự đọc"))
        self.follow_label.setStyleSheet("color: #1e8449; font-weight: bold;" if on else "color: #566573;")

    def follow_position(self, pos: Position) -> None:
        """The presenter moved: show their document and page (only while following)."""
        if not self.follow.following or pos.meeting_id != self.agenda.current_meeting_id():
            return
        if pos.item_id is not None:
            index = self.agenda.model.index_of_item(pos.item_id)
            if index is not None and pos.document_id is None:
                self.agenda.view.setCurrentIndex(index)
        if pos.document_id is None:
            return
        if self.material is not None and self.material.document_id == pos.document_id:
            self.canvas.go_to(pos.page)
        else:
            self.open_document(pos.document_id, page=pos.page)
        if pos.seen_at is not None:
            self.follow_delays.append(time.time() - pos.seen_at)
        self.follow_label.setText(self.tr("Đang theo chủ tọa: trang {n}").format(n=pos.page))

    # -- offline (ui.reader.offline) -------------------------------------------------------
    def save_offline(self, passphrase: str | None = None) -> None:
        """Cache the person's current materials on this device (and send notes made offline)."""
        save_offline(self, passphrase)

    def go_offline(self, passphrase: str | None = None) -> None:
        """The store cannot be reached: read what was cached, if the person can unlock it."""
        go_offline(self, passphrase)

    # -- closing ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the follower's thread and send the last pages read; the window may then go."""
        self.flush_receipts()
        self.follow.stop()
        self.offline.stop_watching()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)

