"""The signature panel: every signature's verdict, who signed, when, why, and "show what was signed".

Verification runs through the task runner (verify_pdf itself parses the file in its worker
process, so a hostile PDF can neither hang nor crash the window). The verdict colours are the
project's: green valid, red invalid, grey cannot verify; a file without signatures says so.
Times are shown in Vietnam time, dd/mm/yyyy HH:MM:SS. Reasons are shown in Vietnamese with
the English sentence as tooltip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from signing.keys.trust_roots import TrustRoots
from signing.verify.report import Reason, SignatureReport, VerificationReport, failed
from signing.verify.service import verify_pdf

log = logging.getLogger(__name__)

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
_Index = QModelIndex | QPersistentModelIndex

#: verdict -> colour of its badge.
VERDICT_COLOURS = {
    "valid": QColor("#2e7d32"),
    "invalid": QColor("#c62828"),
    "cannot_verify": QColor("#757575"),
    "unsigned": QColor("#90a4ae"),
    "checking": QColor("#b0bec5"),
}
VerdictRole = Qt.ItemDataRole.UserRole + 1
CodeRole = Qt.ItemDataRole.UserRole + 2


def _t(text: str) -> str:
    return QCoreApplication.translate("SignaturePanel", text)


def verdict_label(verdict: str) -> str:
    return {
        "valid": _t("Hợp lệ"),
        "invalid": _t("Không hợp lệ"),
        "cannot_verify": _t("Không kiểm tra được"),
        "unsigned": _t("Chưa ký"),
    }.get(verdict, verdict)


def document_verdict_text(verdict: str) -> str:
    return {
        "valid": _t("Mọi chữ ký đều hợp lệ"),
        "invalid": _t("Có chữ ký không hợp lệ"),
        "cannot_verify": _t("Không kiểm tra được chữ ký"),
        "unsigned": _t("Tài liệu không có chữ ký số"),
        "checking": _t("Đang kiểm tra chữ ký…"),
    }.get(verdict, verdict)


def format_vietnam_time(iso: str | None) -> str:
    """"2026-11-28T07:30:05+00:00" -> "28/11/2026 14:30:05" (Vietnam time); "" when unknown."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M:%S")


def verdict_dot(verdict: str, size: int = 14) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["cannot_verify"]))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return pix


class SignatureListModel(QAbstractListModel):
    """One row per signature of a VerificationReport."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sigs: tuple[SignatureReport, ...] = ()

    def set_report(self, report: VerificationReport | None) -> None:
        self.beginResetModel()
        self._sigs = report.signatures if report is not None else ()
        self.endResetModel()

    def signature(self, row: int) -> SignatureReport | None:
        return self._sigs[row] if 0 <= row < len(self._sigs) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._sigs)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._sigs):
            return None
        s = self._sigs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = self.tr("Dấu thời gian") if s.kind == "timestamp" else self.tr("Chữ ký")
            lines = [f"{s.signer or self.tr('(không rõ người ký)')}", f"{kind}: {verdict_label(s.verdict)}"]
            when = format_vietnam_time(s.signed_at)
            if when:
                lines.append(self.tr("Ký lúc {time}").format(time=when))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.DecorationRole:
            return verdict_dot(s.verdict)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Ô ký: {field}").format(field=s.field)
        if role == VerdictRole:
            return s.verdict
        return None


class ReasonListModel(QAbstractListModel):
    """The reasons behind a verdict and the document's warnings: Vietnamese, English as tooltip."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Reason, bool]] = []  # (reason, is_warning)

    def set_reasons(self, reasons: list[Reason], warnings: list[Reason] = ()) -> None:  # type: ignore[assignment]
        self.beginResetModel()
        self._rows = [(r, False) for r in reasons] + [(w, True) for w in warnings]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, warning = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return ("⚠ " if warning else "• ") + r.vi
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.en
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.severity == "invalid":
                return QBrush(VERDICT_COLOURS["invalid"])
            if warning or r.severity == "warning":
                return QBrush(QColor("#8d6e00"))
            return None
        if role == CodeRole:
            return r.code
        return None


class SignaturePanel(QWidget):
    """Verdict badge, the list of signatures, the reasons for the selected one, and the action."""

    reportReady = Signal(object)  # VerificationReport
    showSignedRequested = Signal(str, str)  # field name, signer

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._runner = None
        self._trust: Callable | None = None
        self._report: VerificationReport | None = None
        self._generation = 0
        self.badge = QLabel(self)
        self.badge.setWordWrap(True)
        self.badge.setMargin(8)
        self.signatures = SignatureListModel(self)
        self.reasons = ReasonListModel(self)
        self.list = QListView(self)
        self.list.setModel(self.signatures)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAccessibleName(self.tr("Danh sách chữ ký"))
        self.reason_view = QListView(self)
        self.reason_view.setModel(self.reasons)
        self.reason_view.setWordWrap(True)
        self.reason_view.setAccessibleName(self.tr("Lý do"))
        self.show_signed = QPushButton(self.tr("Xem nội dung đã ký"), self)
        self.show_signed.setToolTip(self.tr("Mở bản tài liệu đúng như lúc chữ ký này được tạo, bên cạnh bản hiện tại"))
        self.show_signed.setEnabled(False)

        col = QVBoxLayout(self)
        col.setContentsMargins(4, 4, 4, 4)
        col.addWidget(self.badge)
        col.addWidget(QLabel(self.tr("Chữ ký trong tài liệu:"), self))
        col.addWidget(self.list, 3)
        col.addWidget(QLabel(self.tr("Lý do và cảnh báo:"), self))
        col.addWidget(self.reason_view, 2)
        col.addWidget(self.show_signed)
        self.setMinimumWidth(260)

        self.list.selectionModel().currentChanged.connect(lambda cur, _prev: self._select(cur.row()))
        self.show_signed.clicked.connect(self._ask_show_signed)
        self._set_badge("unsigned")

    def set_task_runner(self, runner) -> None:
        self._runner = runner

    def set_trust(self, provider: Callable | None) -> None:
        self._trust = provider

    @property
    def report(self) -> VerificationReport | None:
        return self._report

    @property
    def verdict(self) -> str:
        return self._report.verdict if self._report is not None else "checking"

    def clear(self) -> None:
        self._generation += 1
        self._report = None
        self.signatures.set_report(None)
        self.reasons.set_reasons([])
        self.show_signed.setEnabled(False)
        self._set_badge("unsigned")

    def verify(self, data: bytes) -> None:
        """Verify ``data`` in the background; the panel fills in when the answer comes."""
        self.clear()
        self._set_badge("checking")
        if self._runner is None:
            log.warning("signature panel has no task runner; nothing verified")
            return
        gen = self._generation
        self._runner.run("verify signatures", _verify, bytes(data), self._trust,
                         on_result=lambda rep, g=gen: self._arrived(g, rep),
                         on_error=lambda exc, g=gen: self._failed(g, exc))

    def _arrived(self, generation: int, report: VerificationReport) -> None:
        if generation != self._generation:
            return
        self.show_report(report)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.warning("verification failed", exc_info=exc)

        self.show_report(failed("internal_error", type(exc).__name__))

    def show_report(self, report: VerificationReport) -> None:
        self._report = report
        self.signatures.set_report(report)
        self._set_badge(report.verdict)
        if report.signatures:
            self.list.setCurrentIndex(self.signatures.index(0, 0))
        else:
            self.reasons.set_reasons(list(report.reasons), list(report.warnings))
        self.reportReady.emit(report)

    def _select(self, row: int) -> None:
        s = self.signatures.signature(row)
        rep = self._report
        if s is None or rep is None:
            self.show_signed.setEnabled(False)
            return
        self.reasons.set_reasons([*rep.reasons, *s.reasons], list(rep.warnings))
        self.show_signed.setEnabled(s.kind == "signature" and s.byte_range is not None)

    def _ask_show_signed(self) -> None:
        s = self.signatures.signature(self.list.currentIndex().row())
        if s is not None:
            self.showSignedRequested.emit(s.field, s.signer)

    def _set_badge(self, verdict: str) -> None:
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["cannot_verify"])
        self.badge.setText(document_verdict_text(verdict))
        self.badge.setStyleSheet(
            f"QLabel {{ background: {colour.name()}; color: white; font-weight: bold; border-radius: 4px; }}")
        self.badge.setProperty("verdict", verdict)


def _verify(data: bytes, trust_provider: Callable | None) -> VerificationReport:
    """Worker-thread side: ask for the trust roots (may read the store), then verify_pdf."""

    trust = trust_provider() if trust_provider is not None else TrustRoots()
    return verify_pdf(data, trust=trust)
