"""The outgoing path from buttons, under the "Văn bản đi" list: draft, ask for review, comment,
revise, approve (placing the signature by hand when the page text does not show where),
sign, release by the văn thư, cancel a release, export the released file, open a version.

Each button is one small operation on the task runner (writes on the write queue, in order):
a form collects the values, the core does the work off the main thread, progress shows while a
PDF is checked or a key signs, and a refusal is one line in the window's one place. The
buttons offer what the selected document's step and the person at the desktop allow; the core
decides again, in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.register_area import outgoing_jobs as jobs
from ui.register_area.outgoing_dialogs import (
    CancelDialog,
    CommentDialog,
    DraftDialog,
    ReviewersDialog,
    ReviseDialog,
    StampKeyDialog,
)
from ui.register_area.outgoing_page import signatures_html
from ui.register_area.placement_dialog import PlacementDialog

if TYPE_CHECKING:
    from register.outgoing.placement import Box
    from register.outgoing.records import OutgoingInfo
    from signing.verify.report import VerificationReport
    from ui.main_window import MainWindow


class OutgoingActions(QWidget):
    """The buttons of the outgoing list; shows the selected document's page in ``page_view``."""

    def __init__(self, window: MainWindow, show_page: Callable[[jobs.OutgoingPage, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.show_page = show_page  # the area draws the page (with the per-unit board once released)
        self.placement_dialog: PlacementDialog | None = None
        self.page: jobs.OutgoingPage | None = None
        self.current_id: int | None = None
        self.busy = False
        self.changed: Callable[[], None] = lambda: None  # the area refreshes its lists
        #: The register the area shows (its unit issues a new draft); None: the person's own body.
        self.register_unit: Callable[[], int | None] = lambda: None
        self.last_export: str | None = None
        #: Verified signatures per (document, version): a signed version never changes, so once is enough.
        self.reports: dict[tuple[int, int], VerificationReport] = {}
        self._verifying: set[tuple[int, int]] = set()

        def button(text: str, slot: Callable[[], None], name: str | None = None) -> QPushButton:
            b = QPushButton(icon(name), text) if name else QPushButton(text)
            b.clicked.connect(slot)
            return b

        self.draft_button = button(self.tr("Soạn văn bản đi…"), self.draft, "add")
        self.review_button = button(self.tr("Xin ý kiến…"), self.ask_review)
        self.comment_button = button(self.tr("Góp ý…"), self.comment)
        self.revise_button = button(self.tr("Sửa dự thảo…"), self.revise)
        self.approve_button = button(self.tr("Duyệt"), self.approve)
        self.sign_button = button(self.tr("Ký số…"), self.sign, "sign")
        self.release_button = button(self.tr("Cấp số, phát hành…"), self.release)
        self.cancel_button = button(self.tr("Hủy phát hành…"), self.cancel)
        self.export_button = button(self.tr("Xuất tệp…"), self.export)
        self.open_button = button(self.tr("Mở tệp"), self.open_current, "pdf")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress_label = QLabel()
        self.stop_button = QPushButton(self.tr("Dừng"))
        self.stop_button.clicked.connect(self._stop)
        self._handle: Any = None
        # Two rows of five: in one row the ten buttons were wider than a 1366×768 screen at 150 %
        # leaves beside the unit tree, and the whole window grew past the screen's edge.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        buttons = self.buttons()
        for start in (0, 5):
            row = QHBoxLayout()
            for b in buttons[start:start + 5]:
                row.addWidget(b)
            row.addStretch(1)
            rows.addLayout(row)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress)
        row.addWidget(self.stop_button)
        self._set_busy("")

    def buttons(self) -> list[QPushButton]:
        return [self.draft_button, self.review_button, self.comment_button, self.revise_button, self.approve_button,
                self.sign_button, self.release_button, self.cancel_button, self.export_button, self.open_button]

    def follow(self, lists: QTabWidget, outgoing_view: QWidget, incoming_buttons: list[QPushButton]) -> None:
        """Shown under the "Văn bản đi" list, the incoming buttons under the incoming ones."""

        def changed(index: int) -> None:
            outgoing = lists.widget(index) is outgoing_view
            for b in incoming_buttons:
                b.setVisible(not outgoing)
            self.setVisible(outgoing)
            self.enable()

        lists.currentChanged.connect(changed)
        changed(lists.currentIndex())

    # -- the selected document ----------------------------------------------------------------
    @property
    def me(self) -> int | None:
        return self.window_.actor_id

    def show_document(self, outgoing_id: int) -> None:
        store = self.window_.store
        if store is None:
            return
        self.current_id = outgoing_id
        self.window_.runner.run("register.outgoing.page", jobs.load_outgoing_page, store, outgoing_id,
                                on_result=self._page_loaded)

    def _page_loaded(self, page: jobs.OutgoingPage) -> None:
        if page.detail.info.id != self.current_id:
            return  # another document was chosen meanwhile
        self.page = page
        self._draw()
        self.enable()

    def _draw(self) -> None:
        """The page, with the current version's signatures once it carries some (verified in
        the background the first time, shown as being checked meanwhile)."""
        page = self.page
        if page is None:
            return
        info = page.detail.info
        if str(info.status) not in ("signed", "released", "cancelled"):
            self.show_page(page, "")
            return
        key = (info.id, info.current_version_no)
        self.show_page(page, signatures_html(page, self.reports.get(key)))
        store = self.window_.store
        if key in self.reports or key in self._verifying or store is None:
            return
        self._verifying.add(key)

        def verified(result: tuple[int, int, VerificationReport]) -> None:
            self._verifying.discard(key)
            self.reports[(result[0], result[1])] = result[2]
            if self.page is not None and (self.page.detail.info.id, self.page.detail.info.current_version_no) == key:
                self._draw()

        def failed(exc: BaseException) -> None:
            self._verifying.discard(key)
            self.window_.show_error(exc)

        self.window_.runner.run("register.outgoing.verify", jobs.verify_current, store, info.id, on_result=verified,
                                on_error=failed)

    def enable(self) -> None:
        info = self.page.detail.info if self.page is not None else None
        status, me = (str(info.status) if info else ""), self.me
        free = not self.busy and self.window_.store is not None
        self.draft_button.setEnabled(free and me is not None)
        drafting = status in ("draft", "in_review")
        self.review_button.setEnabled(free and drafting and info is not None and me == info.drafter_id)
        self.comment_button.setEnabled(free and status == "in_review" and info is not None and me in info.reviewers)
        self.revise_button.setEnabled(free and drafting and info is not None and me == info.drafter_id)
        self.approve_button.setEnabled(free and drafting and me is not None)
        self.sign_button.setEnabled(free and status == "approved" and info is not None and me == info.signer_id)
        self.release_button.setEnabled(free and status == "signed" and me is not None)
        self.cancel_button.setEnabled(free and status == "released" and me is not None)
        self.export_button.setEnabled(free and status in ("released", "cancelled"))
        self.open_button.setEnabled(free and info is not None)

    def _set_busy(self, text: str) -> None:
        self.busy = bool(text)
        self.progress_label.setText(text)
        for w in (self.progress, self.progress_label):
            w.setVisible(bool(text))
        self.stop_button.setVisible(False)
        self.enable()

    # -- running ------------------------------------------------------------------------------
    def _run(self, name: str, fn: Callable[..., Any], *args: Any, busy: str, done: str,
             steps: tuple[str, ...] = (), stoppable: bool = False) -> None:
        """A write on the write queue as the person at the desktop, with progress while it lasts."""
        store = self.window_.store
        if store is None:
            return

        def progressed(step: int, _total: int) -> None:
            if step < len(steps):
                self.progress_label.setText(steps[step])

        def finished(info: OutgoingInfo) -> None:
            self._handle = None
            self._set_busy("")
            self.window_.notify(done.format(symbol=info.symbol or "", subject=info.subject))
            self.current_id = info.id
            self.changed()
            self.show_document(info.id)

        def failed(exc: BaseException) -> None:
            self._handle = None
            self._set_busy("")
            if isinstance(exc, jobs.Stopped):
                self.window_.notify(exc.message(self.window_.settings.language))
            else:
                self.window_.show_error(exc)
            if self.current_id is not None:
                self.show_document(self.current_id)

        self._set_busy(busy)
        self.stop_button.setVisible(stoppable)
        self._handle = self.window_.runner.run(name, fn, store, self.me, *args, write=True, on_result=finished,
                                               on_error=failed, on_progress=progressed)

    def _stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self.progress_label.setText(self.tr("Đang dừng…"))

    # -- the steps ----------------------------------------------------------------------------
    def draft(self) -> None:
        store, me = self.window_.store, self.me
        if store is None or me is None:
            return

        def offered(choices: jobs.DraftChoices) -> None:
            dialog = DraftDialog(choices, me, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._run("register.outgoing.draft", jobs.draft, dialog.values(), busy=self.tr("Đang kiểm tra tệp PDF…"),
                          steps=(self.tr("Đang kiểm tra tệp PDF…"), self.tr("Đang lưu dự thảo…")), stoppable=True,
                          done=self.tr("Đã tạo dự thảo “{subject}”."))

        self.window_.runner.run("register.outgoing.choices", jobs.draft_choices, store, me, self.register_unit(),
                                on_result=offered)

    def ask_review(self) -> None:
        store, page = self.window_.store, self.page
        if store is None or page is None:
            return
        info = page.detail.info

        def offered(choices: jobs.DraftChoices) -> None:
            dialog = ReviewersDialog(choices.people, self.me, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._run("register.outgoing.ask", jobs.ask_review, info.id, dialog.values(),
                          busy=self.tr("Đang lưu…"), done=self.tr("Đã gửi dự thảo xin ý kiến."))

        self.window_.runner.run("register.outgoing.choices", jobs.draft_choices, store, info.drafter_id, info.unit_id,
                                on_result=offered)

    def comment(self) -> None:
        if self.page is None:
            return
        dialog = CommentDialog(self.page.detail.info.current_version_no, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            text, agrees = dialog.values()
            self._run("register.outgoing.comment", jobs.comment, self.page.detail.info.id, text, agrees,
                      busy=self.tr("Đang lưu…"), done=self.tr("Đã ghi ý kiến góp ý."))

    def revise(self) -> None:
        if self.page is None:
            return
        waiting = [f"{c.author_name}: {c.text}" for c in self.page.detail.comments if c.open]
        dialog = ReviseDialog(waiting, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            path, answer = dialog.values()
            self._run("register.outgoing.revise", jobs.revise, self.page.detail.info.id, path, answer,
                      busy=self.tr("Đang kiểm tra tệp PDF…"), stoppable=True,
                      steps=(self.tr("Đang kiểm tra tệp PDF…"), self.tr("Đang lưu phiên bản mới…")),
                      done=self.tr("Đã lưu phiên bản mới của dự thảo."))

    def approve(self) -> None:
        """Approve; first ask the core where the fields would go, and when it cannot place them
        by itself, let the person place the signature on the page."""
        store, page = self.window_.store, self.page
        if store is None or page is None:
            return
        self._set_busy(self.tr("Đang tìm khối chữ ký…"))

        def placed(check: jobs.PlacementCheck) -> None:
            self._set_busy("")
            if check.problem is None:
                self._approve(check.outgoing_id, None)
                return
            dialog = PlacementDialog(check.pdf, check.page, check.problem, self.window_.runner,
                                     self.window_.settings.language, check.crop_boxes, self, look=check.look)
            self.placement_dialog = dialog  # tests reach the open dialog here
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.signature_at() is not None:
                self._approve(check.outgoing_id, dialog.signature_at())

        def failed(exc: BaseException) -> None:
            self._set_busy("")
            self.window_.show_error(exc)

        self.window_.runner.run("register.outgoing.placement", jobs.check_placement, store, page.detail.info.id,
                                self.window_.settings.language, on_result=placed, on_error=failed)

    def _approve(self, outgoing_id: int, signature_at: tuple[int, Box] | None) -> None:
        self._run("register.outgoing.approve", jobs.approve, outgoing_id, signature_at,
                  busy=self.tr("Đang duyệt và thêm ô ký…"),
                  done=self.tr("Đã duyệt “{subject}”; văn bản chờ người có thẩm quyền ký."))

    def _key(self, *, seal: bool) -> StampKeyDialog | None:
        if self.page is None:
            return None
        who = self.page.names.get(self.me or 0, "") if not seal else self.tr("Văn thư (chữ ký số của cơ quan)")
        dialog = StampKeyDialog(self.window_.settings, self.page.detail.info.subject, who, seal=seal, parent=self)
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None

    def sign(self) -> None:
        dialog = self._key(seal=False)
        if dialog is not None and self.page is not None:
            self._run("register.outgoing.sign", jobs.sign, self.page.detail.info.id, dialog.source(),
                      dialog.image_path(), busy=self.tr("Đang mở khóa ký…"),
                      steps=(self.tr("Đang mở khóa ký…"), self.tr("Đang ký số và lưu phiên bản mới…")),
                      done=self.tr("Đã ký số “{subject}”; văn bản chờ văn thư phát hành."))

    def release(self) -> None:
        dialog = self._key(seal=True)
        if dialog is not None and self.page is not None:
            self._run("register.outgoing.release", jobs.release, self.page.detail.info.id, dialog.source(),
                      dialog.image_path(), busy=self.tr("Đang mở khóa ký…"),
                      steps=(self.tr("Đang mở khóa ký…"), self.tr("Đang cấp số, ký số của cơ quan và gửi đi…")),
                      done=self.tr("Đã phát hành văn bản số {symbol}."))

    def cancel(self) -> None:
        if self.page is None:
            return
        dialog = CancelDialog(self.page.detail.info.symbol or "", self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run("register.outgoing.cancel", jobs.cancel, self.page.detail.info.id, dialog.reason(),
                      busy=self.tr("Đang lưu…"), done=self.tr("Đã hủy văn bản số {symbol}; số này không cấp lại."))

    def export(self) -> None:
        store, page = self.window_.store, self.page
        if store is None or page is None:
            return
        info = page.detail.info
        suggested = (info.symbol or f"van-ban-{info.id}").replace("/", "-") + ".pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất văn bản đã phát hành"), suggested,
                                              self.tr("Tệp PDF (*.pdf)"))
        if not path:
            return

        def written(out: Any) -> None:
            self.last_export = str(out)
            self.window_.notify(self.tr("Đã ghi {path}, đúng như đã phát hành.").format(path=out))

        self.window_.runner.run("register.outgoing.export", jobs.export, store, info.id, path, on_result=written)

    def open_current(self) -> None:
        store, page = self.window_.store, self.page
        if store is not None and page is not None:
            self.window_.runner.run("register.outgoing.open", jobs.version_bytes, store, page.detail.info.id,
                                    on_result=lambda got: self.window_.open_pdf(got[0], got[1]))
