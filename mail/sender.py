"""Sending the queue: read what is due, open one encrypted SMTP connection, send each copy, and
record each answer in its own short transaction.

No transaction is held while the server is talking. A connection failure (unreachable, TLS,
login) raises before anything is sent, leaving every copy queued. A copy the server accepted
whose answer could not be recorded (the store went away) is sent again next time: a duplicate
is better than a loss, and the receiving side recognises it (same Message-ID, same file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mail.codes import DeliveryStatus, MailKind
from mail.compose import Outgoing, build_email
from mail.models import MailDelivery, MailMessage
from mail.outbox import DeliveryInfo, list_deliveries, record_attempt
from mail.settings import require_mail_account
from mail.smtp_transport import SmtpConnection, SmtpOutcome

if TYPE_CHECKING:
    from store.engine import Store

#: (done, total, the copy just handled) → False to stop after it.
Progress = Callable[[int, int, DeliveryInfo], bool | None]
_STATUS = {SmtpOutcome.SENT: DeliveryStatus.SENT, SmtpOutcome.REFUSED: DeliveryStatus.REFUSED,
           SmtpOutcome.DEFERRED: DeliveryStatus.QUEUED}


@dataclass
class SendReport:
    sent: list[DeliveryInfo] = field(default_factory=list)
    refused: list[DeliveryInfo] = field(default_factory=list)
    deferred: list[DeliveryInfo] = field(default_factory=list)
    stopped: bool = False  # cancelled before the end: the rest stays queued

    @property
    def handled(self) -> int:
        return len(self.sent) + len(self.refused) + len(self.deferred)


def _load(store: Store, actor_id: int | None, delivery_id: int, cache: dict[str, bytes]) -> Outgoing:
    with store.uow(actor_id) as uow:
        d = uow.session.get(MailDelivery, delivery_id)
        assert d is not None
        m = uow.session.get(MailMessage, d.message_id)
        assert m is not None
        data = None
        if m.attachment_sha256:
            if m.attachment_sha256 not in cache:
                cache[m.attachment_sha256] = uow.get_blob(m.attachment_sha256)
            data = cache[m.attachment_sha256]
        return Outgoing(d.id, d.address, d.name, MailKind(m.kind), m.subject, m.body, m.message_ref, data,
                        m.attachment_name, m.calendar)


def send_queue(store: Store, unit_id: int, password: str, *, actor_id: int | None = None,
               include_deferred: bool = False, progress: Progress | None = None) -> SendReport:
    """Send the unit's queued copies whose time has come (``include_deferred``: those waiting to be
    retried too)."""
    with store.uow(actor_id) as uow:
        account = require_mail_account(uow.session, unit_id)
        now = uow.now()
        due = (list_deliveries(uow.session, unit_id=unit_id, status=DeliveryStatus.QUEUED) if include_deferred
               else list_deliveries(uow.session, unit_id=unit_id, due_at=now))
    report = SendReport()
    if not due:
        return report
    cache: dict[str, bytes] = {}
    with SmtpConnection(account, password) as smtp:
        for n, info in enumerate(due, 1):
            item = _load(store, actor_id, info.id, cache)
            reply = smtp.send(build_email(account, item, store.clock.now()), item.address)
            with store.uow(actor_id) as uow:
                done = record_attempt(uow, info.id, _STATUS[reply.outcome], reply.text)
                uow.commit()
            {DeliveryStatus.SENT: report.sent, DeliveryStatus.REFUSED: report.refused,
             DeliveryStatus.QUEUED: report.deferred}[done.status].append(done)
            if progress is not None and progress(n, len(due), done) is False and n < len(due):
                report.stopped = True
                break
    return report
