"""What the incoming register hands out: frozen dataclasses over its rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from store.clock import VN_TZ
from store.codes import Classification, IncomingChannel, IncomingEventKind, IncomingStatus, Urgency


@dataclass(frozen=True)
class IncomingMeta:
    """What the receiving office reads off the document (Decree 30's register columns)."""

    sender_name: str  # tác giả: "Ủy ban nhân dân tỉnh Quảng Trị"
    subject: str  # trích yếu
    doc_symbol: str = ""  # "15/QĐ-UBND"
    doc_type: str = ""  # a code of documents.doctypes ("quyet_dinh"), "" when not known
    doc_date: date | None = None
    classification: Classification = Classification.THUONG
    urgency: Urgency = Urgency.THUONG


@dataclass(frozen=True)
class IncomingInfo:
    """One entry of the incoming register."""

    id: int
    unit_id: int
    year: int
    number: int | None
    received_at: datetime
    channel: IncomingChannel
    status: IncomingStatus
    sender_name: str
    sender_unit_id: int | None
    doc_symbol: str
    doc_type: str
    doc_date: date | None
    subject: str
    classification: Classification
    urgency: Urgency
    file_sha256: str
    filename: str
    size: int
    page_count: int
    verdict: str
    source_outgoing_id: int | None
    reply_due_on: date | None
    handler_id: int | None
    due_on: date | None
    instruction: str
    assigned_at: datetime | None
    done_at: datetime | None
    done_note: str
    reply_outgoing_id: int | None
    version: int
    co_handler_ids: tuple[int, ...] = ()
    handler_name: str = ""
    #: Open, and its main handler no longer works in the unit (transferred, retired, their role
    #: ended): nobody acts on it until the văn thư gives it to someone else. Known only where the
    #: reader gave the register's day (``list_incoming(..., today=)``, ``get_incoming(..., today=)``).
    needs_handler: bool = False

    @property
    def received_on(self) -> date:
        """The arrival date as the office sees it (Vietnam time)."""
        return self.received_at.astimezone(VN_TZ).date()

    def overdue(self, today: date) -> bool:
        return self.status is not IncomingStatus.DONE and self.due_on is not None and self.due_on < today

    def due_soon(self, today: date, days: int = 3) -> bool:
        return (self.status is not IncomingStatus.DONE and self.due_on is not None
                and today <= self.due_on <= date.fromordinal(today.toordinal() + days))

    def as_json(self) -> dict[str, Any]:
        """The shape of ``nghisu incoming list --json`` (issue 14)."""
        return {"id": self.id, "number": self.number, "received_at": self.received_at.isoformat(),
                "sender": self.sender_name, "symbol": self.doc_symbol, "subject": self.subject,
                "status": str(self.status), "due_on": self.due_on.isoformat() if self.due_on else None,
                "handler_id": self.handler_id, "needs_handler": self.needs_handler}


#: How the register names an entry whose handler has gone, for the CLI and the window alike.
NEEDS_HANDLER_VI = "người xử lý đã thôi nhiệm vụ — cần giao lại"
NEEDS_HANDLER_EN = "handler no longer in the unit — reassign"


@dataclass(frozen=True)
class Reassignment:
    """What ``register.incoming.handling.reassign`` moved from one person to another in a unit."""

    unit_id: int
    from_id: int
    to_id: int
    to_name: str
    handled: tuple[int, ...]  # entries whose main handler it was
    co_handled: tuple[int, ...]  # entries they were a co-handler of


@dataclass(frozen=True)
class ReceiveOutcome:
    """A receipt: the entry it made, or (``duplicate``) the entry it was already registered as."""

    entry: IncomingInfo
    duplicate: bool


@dataclass(frozen=True)
class Delivery:
    """A document delivered into another unit's register: the entry it made there, or (``duplicate``)
    the entry that register already held it as."""

    unit_id: int
    entry_id: int
    duplicate: bool


@dataclass(frozen=True)
class IncomingEventInfo:
    """One line of an entry's history."""

    id: int
    entry_id: int
    at: datetime
    person_id: int | None
    person_name: str
    kind: IncomingEventKind
    note: str
    details: dict[str, Any] = field(default_factory=dict)
