"""Fetching the unit's mailbox into its incoming register (sổ văn bản đến).

For each message not yet taken: read it, hand each PDF attachment to the register's own
receipt (``register.incoming.receive.receive_file``: intake in its sandbox, every signature
verified and the report kept, a duplicate by file or by sender and number linked instead of
registered twice), record what was done in the audit log, and only then mark the message taken
on the server. If the store stops answering mid-way, the fetch stops there: that message is not
marked and is taken again next time (the register recognises what it already holds), so
nothing is lost and nothing is registered twice. Messages are never deleted or moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from documents.errors import DocumentRejected
from mail.imap_mailbox import Mailbox
from mail.incoming_mail import MailPart, ReadMail, read_mail
from mail.settings import require_mail_account
from register.incoming.access import require_office
from register.incoming.receive import receive_file
from register.incoming.records import IncomingMeta
from store.clock import VN_TZ
from store.codes import IncomingChannel
from store.directory.units import load_unit
from store.errors import InvalidInput

if TYPE_CHECKING:
    from store.engine import Store


@dataclass(frozen=True)
class TakenPart:
    filename: str
    outcome: str  # registered | duplicate | skipped
    entry_id: int | None = None
    number: int | None = None
    verdict: str = ""
    reason: str = ""

    def line(self) -> str:
        if self.outcome == "registered":
            return f"vào sổ đến số {self.number} ({self.verdict}): {self.filename}"
        if self.outcome == "duplicate":
            return f"đã có trong sổ (mục #{self.entry_id}), không vào sổ lần nữa: {self.filename}"
        return f"bỏ qua {self.filename}: {self.reason}"


@dataclass(frozen=True)
class TakenMail:
    uid: int
    message_id: str
    sender: str
    subject: str
    parts: tuple[TakenPart, ...]
    skipped: str = ""  # why the whole message gave nothing, when it did not

    def as_json(self) -> dict[str, Any]:
        return {"uid": self.uid, "message_id": self.message_id, "sender": self.sender, "subject": self.subject,
                "skipped": self.skipped, "parts": [vars(p) for p in self.parts]}


@dataclass
class FetchReport:
    taken: list[TakenMail] = field(default_factory=list)
    stopped: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for m in self.taken for p in m.parts if p.outcome == outcome)


Progress = Callable[[int, int, TakenMail], bool | None]


def _meta(mail: ReadMail, part: MailPart, today: Any) -> IncomingMeta:
    subject = mail.subject or part.filename.rsplit(".", 1)[0]
    return IncomingMeta(sender_name=mail.sender_name, subject=subject, doc_symbol=mail.doc_symbol,
                        doc_date=mail.doc_date if mail.doc_date and mail.doc_date <= today else None)


def take_part(store: Store, unit_id: int, mail: ReadMail, part: MailPart, actor_id: int | None) -> TakenPart:
    if not part.is_pdf:
        return TakenPart(part.filename, "skipped",
                         reason=f"không phải tệp PDF ({part.content_type}) — not a PDF")
    try:
        done = receive_file(store, unit_id, part.data, _meta(mail, part, store.clock.now().astimezone(VN_TZ).date()),
                            filename=part.filename, actor_id=actor_id, channel=IncomingChannel.MAIL)
    except (DocumentRejected, InvalidInput) as exc:  # refused by intake or the register: said, not lost
        return TakenPart(part.filename, "skipped", reason=str(exc))
    entry = done.entry
    return TakenPart(part.filename, "duplicate" if done.duplicate else "registered", entry.id, entry.number,
                     entry.verdict)


def take_message(store: Store, unit_id: int, uid: int, raw: bytes, actor_id: int | None) -> TakenMail:
    mail = read_mail(raw)
    if mail.problem:
        return TakenMail(uid, mail.message_id, mail.sender_name, mail.subject, (), mail.problem)
    parts = tuple(take_part(store, unit_id, mail, p, actor_id) for p in mail.parts)
    skipped = "" if any(p.outcome != "skipped" for p in parts) else (
        "không có tệp PDF đính kèm — no PDF attached" if not any(p.is_pdf for p in mail.parts)
        else "không tệp PDF nào vào sổ được — no PDF could be registered")
    return TakenMail(uid, mail.message_id, mail.sender_name, mail.subject, parts, skipped)


def fetch_mailbox(store: Store, unit_id: int, password: str, *, actor_id: int | None = None,
                  progress: Progress | None = None) -> FetchReport:
    """Take every new message of the unit's mailbox into its incoming register."""
    with store.read() as s:
        account = require_mail_account(s, unit_id)
        unit = load_unit(s, unit_id)
        # Only the văn thư registers incoming documents: refused before the mailbox is touched.
        require_office(s, actor_id, unit_id, store.clock.now().astimezone(VN_TZ).date(), unit.name)
    report = FetchReport()
    with Mailbox(account, password) as box:
        pending = box.pending()
        for n, uid in enumerate(pending, 1):
            taken = take_message(store, unit_id, uid, box.fetch(uid), actor_id)
            with store.uow(actor_id) as uow:
                uow.record("mail.fetched", "unit", unit_id, taken.as_json(), unit_id=unit_id)
                uow.commit()
            box.mark_taken(uid)  # only now: everything above is in the store
            report.taken.append(taken)
            if progress is not None and progress(n, len(pending), taken) is False and n < len(pending):
                report.stopped = True
                break
    return report
