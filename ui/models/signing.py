"""Signing as tables: the meeting's documents with their signing request and verification
badge, and the signers of one request in order, whose turn it is highlighted.

``load_signing`` reads what both show in one snapshot (through the task runner): every
document of the meeting that is not recalled, its signing requests and the newest stored
verification *of its current version* (a verdict on an older version says nothing about the
bytes people now open, so it is not shown).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui.icons import icon
from ui.models.indexes import NO_PARENT, Index
from ui.models.labels import vn_time

if TYPE_CHECKING:
    from documents.records import DocumentInfo
    from signing.document_verification import StoredVerification
    from signing.workflow_records import SigningRequestInfo, SlotInfo
    from store.engine import Store

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: valid | invalid | cannot_verify | unsigned (a stored verdict), unchecked (signed, not yet
#: verified), checking (running now), none (nothing signed, nothing to check)
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 2

TURN_BACKGROUND = QColor("#fdebd0")  # whose turn it is: a warm highlight, in both tables
MY_TURN_COLOUR = QColor("#b9770e")


@dataclass(frozen=True)
class DocumentSigning:
    """One document as the Signing tab shows it."""

    document: DocumentInfo
    item_number: str | None
    requests: tuple[SigningRequestInfo, ...]
    verification: StoredVerification | None  # of the current version only
    checking: bool = False  # a verification is running now

    @property
    def request(self) -> SigningRequestInfo | None:
        """The request to show: the open one, else the newest that was not cancelled."""
        live = [r for r in self.requests if r.status != "cancelled"]
        return next((r for r in live if r.status == "open"), live[-1] if live else None)

    @property
    def turn(self) -> SlotInfo | None:
        req = self.request
        return req.turn if req is not None else None

    @property
    def has_signatures(self) -> bool:
        return self.document.current_version.source == "signature" or any(
            slot.signed for r in self.requests for slot in r.slots)

    @property
    def verdict(self) -> str:
        if self.checking:
            return "checking"
        if self.verification is not None:
            return self.verification.verdict
        return "unchecked" if self.has_signatures else "none"

    @property
    def needs_verification(self) -> bool:
        """Signed, but nobody has checked the bytes of its current version yet."""
        return self.has_signatures and self.verification is None and not self.checking


def load_signing(store: Store, meeting_id: int) -> tuple[DocumentSigning, ...]:
    from documents.library import get_document  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.materials import meeting_materials  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from signing.document_verification import latest_verification  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from signing.workflow import requests_for_document  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    rows = [r for r in meeting_materials(store, meeting_id) if r.document.recalled_at is None]
    out = []
    with store.read() as s:
        for row in rows:
            doc = get_document(s, row.document.id)
            out.append(DocumentSigning(doc, row.item_number, tuple(requests_for_document(s, doc.id)),
                                       latest_verification(s, doc.id, version_no=doc.current_version.version_no)))
    return tuple(out)


def signatures_waiting(store: Store, meeting_ids: list[int]) -> dict[int, int]:
    """The "Chờ ký" counter: signatures still to be given on open requests, per meeting."""
    from signing.workflow import signatures_waiting as waiting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if not meeting_ids:
        return {}
    with store.read() as s:
        return waiting(s, meeting_ids)


class SigningDocumentsModel(QAbstractTableModel):
    """Item, document, version, request state, whose turn, verification badge."""

    ITEM, TITLE, VERSION, REQUEST, TURN, BADGE = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentSigning] = []
        self.me: int | None = None

    def set_rows(self, rows: Sequence[DocumentSigning], me: int | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.me = me
        self.endResetModel()

    def rows(self) -> list[DocumentSigning]:
        return list(self._rows)

    def entry(self, row: int) -> DocumentSigning | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, document_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.document.id == document_id), -1)

    def update(self, document_id: int, **changes: Any) -> None:
        """Change one document's entry (a verification arrived, or started) without a reset."""
        row = self.row_of(document_id)
        if row < 0:
            return
        self._rows[row] = replace(self._rows[row], **changes)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.BADGE))

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 6

    def _request_text(self, entry: DocumentSigning) -> str:
        req = entry.request
        if req is None:
            return self.tr("chưa có yêu cầu ký")
        done = sum(1 for s in req.slots if s.signed)
        if req.status == "completed":
            return self.tr("đủ chữ ký ({done}/{total})").format(done=done, total=len(req.slots))
        return self.tr("đang ký ({done}/{total})").format(done=done, total=len(req.slots))

    def _turn_text(self, entry: DocumentSigning) -> str:
        turn = entry.turn
        if turn is None:
            return "—" if entry.request is not None else ""
        if turn.person_id == self.me:
            return self.tr("Bạn ({name})").format(name=turn.person_name)
        return turn.person_name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry, col = self._rows[index.row()], index.column()
        doc = entry.document
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        if role == VERDICT_ROLE:
            return entry.verdict
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.ITEM:
                return entry.item_number or ""
            if col == self.TITLE:
                return doc.title
            if col == self.VERSION:
                return str(doc.current_version.version_no)
            if col == self.REQUEST:
                return self._request_text(entry)
            if col == self.TURN:
                return self._turn_text(entry)
            if col == self.BADGE:
                from ui.workspace.verification_badge import verdict_text  # noqa: PLC0415 -- import cycle: ui.workspace.verification_badge imports this module

                return verdict_text(entry.verdict)
        if role == Qt.ItemDataRole.DecorationRole and col == self.TITLE:
            return icon("pdf")
        turn = entry.turn
        mine = turn is not None and turn.person_id == self.me
        if role == Qt.ItemDataRole.BackgroundRole and col == self.TURN and mine:
            return QBrush(TURN_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.TURN and mine:
            return QBrush(MY_TURN_COLOUR)
        if role == Qt.ItemDataRole.FontRole and col == self.TURN and mine:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.VERSION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Mục"), self.tr("Tài liệu"), self.tr("Phiên bản"), self.tr("Yêu cầu ký"),
                 self.tr("Đến lượt ký"), self.tr("Chữ ký số"))
        return names[section] if 0 <= section < len(names) else None


class SignerSlotsModel(QAbstractTableModel):
    """The signers of one request in order: order, signer, position, status, signed at."""

    ORDER, SIGNER, POSITION, STATUS, SIGNED_AT = range(5)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._request: SigningRequestInfo | None = None
        self._slots: tuple[SlotInfo, ...] = ()
        self.me: int | None = None

    def set_request(self, request: SigningRequestInfo | None, me: int | None = None) -> None:
        self.beginResetModel()
        self._request = request
        self._slots = request.slots if request is not None else ()
        self.me = me
        self.endResetModel()

    @property
    def request(self) -> SigningRequestInfo | None:
        return self._request

    def slot(self, row: int) -> SlotInfo | None:
        return self._slots[row] if 0 <= row < len(self._slots) else None

    def turn_row(self) -> int:
        turn = self._request.turn if self._request is not None else None
        return turn.position if turn is not None else -1

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._slots)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 5

    def _status(self, slot: SlotInfo) -> str:
        if slot.signed:
            return self.tr("đã ký")
        if slot.position == self.turn_row():
            return self.tr("đến lượt bạn") if slot.person_id == self.me else self.tr("đến lượt")
        if self._request is not None and self._request.status == "cancelled":
            return self.tr("đã hủy")
        return self.tr("chờ người trước")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._slots):
            return None
        slot, col = self._slots[index.row()], index.column()
        turn = slot.position == self.turn_row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.ORDER:
                return str(slot.position + 1)
            if col == self.SIGNER:
                return slot.person_name
            if col == self.POSITION:
                return slot.person_position
            if col == self.STATUS:
                return self._status(slot)
            if col == self.SIGNED_AT:
                return vn_time(slot.signed_at, "%H:%M:%S %d/%m/%Y") if slot.signed_at else ""
        if role == Qt.ItemDataRole.DecorationRole and col == self.STATUS and slot.signed:
            return icon("sign")
        if role == Qt.ItemDataRole.BackgroundRole and turn:
            return QBrush(TURN_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            if slot.signed:
                return QBrush(QColor("#1e8449"))
            if turn:
                return QBrush(MY_TURN_COLOUR)
        if role == Qt.ItemDataRole.FontRole and turn:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.ORDER:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Thứ tự"), self.tr("Người ký"), self.tr("Chức vụ"), self.tr("Trạng thái"), self.tr("Ký lúc"))
        return names[section] if 0 <= section < len(names) else None
