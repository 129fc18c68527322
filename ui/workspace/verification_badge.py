"""The verification badge: green valid, red invalid, grey cannot verify, nothing when there is
nothing to check; and the report it opens.

The badge is drawn by a delegate in any table whose model answers ``VERDICT_ROLE`` (the
Signing tab's documents), or stands alone as a button (``VerificationBadge``). Clicking it
opens ``VerificationReportDialog``: the verdict, each signature's signer, time and reasons in
the person's language, and "Mở tài liệu", which opens the file in the viewer with its
signature panel. Settings' "trusted roots" list lives here too: it decides what the badge says.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.models.labels import vn_time
from ui.models.signing import VERDICT_ROLE
from ui.workspace.context import document_bytes, with_uow
from ui.workspace.sign_dialog import common_name, message_of, say

if TYPE_CHECKING:
    from collections.abc import Callable

    from signing.document_verification import StoredVerification
    from signing.verify.report import Reason
    from store.engine import Store
    from ui.settings import AppSettings
    from ui.tasks import TaskRunner
    from ui.workspace.context import WorkspaceContext

#: verdict -> badge colour (the viewer's signature panel uses the same ones).
COLOURS = {
    "valid": "#2e7d32",
    "invalid": "#c62828",
    "cannot_verify": "#757575",
    "unsigned": "#90a4ae",
    "unchecked": "#90a4ae",
    "checking": "#b0bec5",
}


def verdict_text(verdict: str) -> str:
    """The badge's words; "" for a document with nothing to check."""
    return {
        "valid": QCoreApplication.translate("VerificationBadge", "Hợp lệ"),
        "invalid": QCoreApplication.translate("VerificationBadge", "Không hợp lệ"),
        "cannot_verify": QCoreApplication.translate("VerificationBadge", "Không kiểm tra được"),
        "unsigned": QCoreApplication.translate("VerificationBadge", "Chưa ký"),
        "unchecked": QCoreApplication.translate("VerificationBadge", "Chưa kiểm tra"),
        "checking": QCoreApplication.translate("VerificationBadge", "Đang kiểm tra…"),
    }.get(verdict, "")


def verdict_sentence(verdict: str) -> str:
    return {
        "valid": QCoreApplication.translate("VerificationBadge", "Mọi chữ ký đều hợp lệ: tài liệu không bị sửa sau khi ký và người ký đúng danh sách."),
        "invalid": QCoreApplication.translate("VerificationBadge", "Có chữ ký không hợp lệ: không dùng bản này như bản đã ký; xem lý do bên dưới."),
        "cannot_verify": QCoreApplication.translate("VerificationBadge", "Không kiểm tra được chữ ký: chưa thể nói tài liệu còn nguyên vẹn; xem lý do bên dưới."),
        "unsigned": QCoreApplication.translate("VerificationBadge", "Phiên bản hiện tại không có chữ ký số."),
    }.get(verdict, "")


def paint_badge(painter: QPainter, rect, verdict: str, font=None) -> None:
    """A rounded pill with the verdict's words, centred vertically in ``rect``."""
    text = verdict_text(verdict)
    if not text:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if font is not None:
        painter.setFont(font)
    metrics = QFontMetrics(painter.font())
    width = min(rect.width() - 6, metrics.horizontalAdvance(text) + 22)
    height = min(rect.height() - 4, metrics.height() + 6)
    pill = QRectF(rect.left() + 3, rect.top() + (rect.height() - height) / 2, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(COLOURS.get(verdict, COLOURS["cannot_verify"])))
    painter.drawRoundedRect(pill, height / 2, height / 2)
    painter.setPen(QColor("white"))
    painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                                   int(width) - 10))
    painter.restore()


class BadgeDelegate(QStyledItemDelegate):
    """Draws ``VERDICT_ROLE`` as a coloured pill; ``clicked`` when the pill is clicked."""

    clicked = Signal(QModelIndex)

    def paint(self, painter: QPainter, option, index) -> None:
        style = option.widget.style() if option.widget is not None else None
        if style is not None and option.state & QStyle.StateFlag.State_Selected:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        paint_badge(painter, option.rect, str(index.data(VERDICT_ROLE) or ""), option.font)

    def sizeHint(self, option, index) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(metrics.horizontalAdvance(verdict_text("cannot_verify")) + 30, metrics.height() + 10)

    def editorEvent(self, event, model, option, index) -> bool:
        if (event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton
                and verdict_text(str(index.data(VERDICT_ROLE) or ""))):
            self.clicked.emit(index)
            return True
        return super().editorEvent(event, model, option, index)


class VerificationBadge(QPushButton):
    """The badge as a flat button (the selected document's verdict above its signers)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.verdict = "none"
        self.set_verdict("none")

    def set_verdict(self, verdict: str) -> None:
        self.verdict = verdict
        text = verdict_text(verdict)
        self.setVisible(bool(text))
        self.setText(text + ("  ›" if verdict not in ("checking", "unchecked") else ""))
        self.setToolTip(QCoreApplication.translate("VerificationBadge", "Xem báo cáo kiểm tra chữ ký") if verdict not in ("checking", "unchecked") else "")
        colour = COLOURS.get(verdict, COLOURS["cannot_verify"])
        self.setStyleSheet(f"QPushButton {{ background: {colour}; color: white; font-weight: bold; border: none; "
                           "border-radius: 10px; padding: 3px 14px; }")


def vn_iso(iso: str | None) -> str:
    """A time as the report carries it (ISO 8601) on Vietnam's wall clock, or "" when unknown."""

    if not iso:
        return ""
    try:
        return vn_time(datetime.fromisoformat(iso), "%H:%M:%S %d/%m/%Y")
    except ValueError:
        return iso


def _reason_text(r: Reason, language: str) -> str:
    return r.en if language == "en" else r.vi


def report_html(stored: StoredVerification, title: str, language: str = "vi") -> str:
    """The verification report as a small HTML page (shown in the dialog, copyable)."""
    rep = stored.report
    colour = COLOURS.get(rep.verdict, COLOURS["cannot_verify"])
    parts = [
        f"<h3 style='margin:0'>{html.escape(title)}</h3>",
        "<p style='color:#566573;margin-top:2px'>" + html.escape(
            QCoreApplication.translate("VerificationBadge", "Phiên bản {v} · kiểm tra lúc {when}").format(v=stored.version_no,
                                                          when=vn_time(stored.verified_at, "%H:%M %d/%m/%Y"))) + "</p>",
        f"<table width='100%' cellpadding='6'><tr><td style='background:{colour};color:white;font-weight:bold'>"
        f"{html.escape(verdict_sentence(rep.verdict) or verdict_text(rep.verdict))}</td></tr></table>",
    ]
    if not stored.with_roster and rep.signatures:
        parts.append("<p style='color:#8d6e00'>" + html.escape(
            QCoreApplication.translate("VerificationBadge", "Tài liệu không có yêu cầu ký nên không đối chiếu được người ký với danh sách người ký.")) + "</p>")
    general = [*rep.reasons, *rep.warnings]
    if general:
        parts.append("<ul>" + "".join(f"<li>{html.escape(_reason_text(r, language))}</li>" for r in general) + "</ul>")
    for n, sig in enumerate(rep.signatures, 1):
        sc = COLOURS.get(sig.verdict, COLOURS["cannot_verify"])
        kind = QCoreApplication.translate("VerificationBadge", "Dấu thời gian") if sig.kind == "timestamp" else QCoreApplication.translate("VerificationBadge", "Chữ ký")
        who = sig.signer or QCoreApplication.translate("VerificationBadge", "(không rõ người ký)")
        parts.append(f"<h4 style='margin-bottom:2px'>{n}. {html.escape(kind)} — {html.escape(who)} "
                     f"<span style='color:{sc}'>● {html.escape(verdict_text(sig.verdict))}</span></h4>")
        facts = [QCoreApplication.translate("VerificationBadge", "Ký lúc {time} (giờ Việt Nam)").format(time=vn_iso(sig.signed_at) or "?"),
                 QCoreApplication.translate("VerificationBadge", "Ô ký: {field}").format(field=sig.field)]
        parts.append("<p style='margin:0;color:#424949'>" + " · ".join(html.escape(f) for f in facts) + "</p>")
        if sig.reasons:
            items = []
            for r in sig.reasons:
                style = " style='color:#c62828'" if r.severity == "invalid" else ""
                items.append(f"<li{style}>{html.escape(_reason_text(r, language))}</li>")
            parts.append("<ul style='margin-top:2px'>" + "".join(items) + "</ul>")
    return "\n".join(parts)


class VerificationReportDialog(QDialog):
    """The stored report of one document; "Mở tài liệu" and "Kiểm tra lại" go back to the tab."""

    openRequested = Signal(int)  # document id
    reverifyRequested = Signal(int)  # document id

    def __init__(self, stored: StoredVerification, title: str, language: str = "vi", parent=None) -> None:
        super().__init__(parent)
        self.stored = stored
        self.setWindowTitle(self.tr("Kết quả kiểm tra chữ ký số"))
        self.setWindowIcon(icon("sign"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(report_html(stored, title, language))
        note = QLabel(self.tr("Báo cáo này được lưu cùng tài liệu. Kiểm tra lại sau khi thay đổi danh sách chứng thư "
                              "gốc tin cậy."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #566573;")
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(self.tr("Mở tài liệu"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setIcon(icon("pdf"))
        self.reverify_button = buttons.addButton(self.tr("Kiểm tra lại"), QDialogButtonBox.ButtonRole.ActionRole)
        self.reverify_button.setIcon(icon("reload"))
        close = buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.open_button.clicked.connect(lambda: (self.openRequested.emit(stored.document_id), self.accept()))
        self.reverify_button.clicked.connect(lambda: (self.reverifyRequested.emit(stored.document_id), self.accept()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 560)


def store_trust_roots(store: Store):
    """The installation's trust roots (the viewer asks on its worker thread at each verification)."""
    from signing.keys.truststore import trust_roots  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return trust_roots(s)


def open_in_viewer(ctx: WorkspaceContext, document_id: int, opened: Callable | None = None) -> None:
    """"Mở tài liệu": the current version in the viewer, its signature panel open and checked
    against the store's trust roots (the same ones the badge's verdict used)."""

    def show(result) -> None:
        doc, data = result
        viewer = ctx.open_pdf(data, doc.number or doc.title)
        if viewer is None:
            return
        store = ctx.store
        viewer.set_trust(lambda: store_trust_roots(store))
        viewer.show_signature_panel(True)
        if opened is not None:
            opened(viewer)

    ctx.runner.run("document.open", document_bytes, ctx.store, document_id, on_result=show, on_error=ctx.show_error)


# -- Settings: the store's trusted roots ------------------------------------------------------
def list_roots(store) -> list:
    from signing.keys.truststore import list_trust_roots  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return list_trust_roots(s)


class TrustRootsBox(QWidget):
    """The store's trusted roots: added and removed at once, for every desktop of the store."""

    def __init__(self, settings: AppSettings, runner: TaskRunner, store, parent=None) -> None:
        super().__init__(parent)
        self.settings, self.runner, self.store = settings, runner, store
        self.list = QListWidget()
        self.list.setMinimumHeight(70)
        self.list.setMaximumHeight(120)
        add = QPushButton(icon("add"), self.tr("Thêm tệp…"))
        self.remove_button = QPushButton(icon("remove"), self.tr("Bỏ"))
        add.clicked.connect(self._choose)
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.status = QLabel(self.tr("Thay đổi có hiệu lực ngay cho mọi máy dùng chung kho dữ liệu."))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #566573;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        for w in (add, self.remove_button, self.list):
            w.setEnabled(store is not None)
        if store is None:
            self.status.setText(self.tr("Chưa mở kho dữ liệu: danh sách chứng thư gốc nằm trong kho."))
        else:
            self.refresh()

    def refresh(self) -> None:
        self.runner.run("settings.roots", list_roots, self.store, on_result=self._show,
                        on_error=lambda exc: say(self.status, message_of(exc, self.settings.language), False))

    def _show(self, roots: list) -> None:
        self.list.clear()
        for r in roots:
            text = self.tr("{name}\nhết hạn {date} · SHA-256 {sha}…").format(
                name=common_name(r.subject), date=vn_time(r.not_after, "%d/%m/%Y"), sha=r.sha256[:12])
            self.list.addItem(text)
            item = self.list.item(self.list.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(f"{r.subject}\nSHA-256 {r.sha256}\n{r.note}")

    def roots(self) -> list[int]:
        return [int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn chứng thư gốc tin cậy"), "",
                                                self.tr("Chứng thư gốc (*.pem *.crt *.cer *.der)"))
        self.add_files(paths)

    def _write(self, name: str, fn, *args, done) -> None:
        self.runner.run(name, with_uow, self.store, self.settings.person_id, fn, *args, write=True,
                        on_result=lambda result: (done(result), self.refresh()),
                        on_error=lambda exc: say(self.status, message_of(exc, self.settings.language), False))

    def add_files(self, paths: list[str]) -> None:
        from signing.keys.truststore import add_trust_root_file  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        for path in paths:
            self._write("settings.trust.add", add_trust_root_file, path, done=lambda r: say(self.status, self.tr(
                "Đã thêm {n} chứng thư gốc; {m} chứng thư đã có sẵn.").format(n=len(r.added), m=len(r.already)), True))

    def remove_selected(self, ask: bool = True) -> None:
        from signing.keys.truststore import remove_trust_root  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        item = self.list.currentItem()
        if item is None:
            return
        if ask and QMessageBox.question(self, self.tr("Bỏ chứng thư gốc"), self.tr(
                "Không tin cậy “{name}” nữa? Chữ ký chỉ dựa vào chứng thư này sẽ thành “không kiểm tra được” "
                "ở các lần kiểm tra sau.").format(name=item.text())) != QMessageBox.StandardButton.Yes:
            return
        self._write("settings.trust.remove", remove_trust_root, int(item.data(Qt.ItemDataRole.UserRole)),
                    done=lambda info: say(self.status, self.tr("Đã bỏ “{name}”.").format(
                        name=common_name(info.subject)), True))
