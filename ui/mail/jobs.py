"""The core calls the mail screens make, run on the task runner (never on the main thread)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mail.account import MailAccount
from mail.secrets import load_password, save_password

if TYPE_CHECKING:
    from mail.inbox import FetchReport
    from mail.outbox import DeliveryInfo
    from mail.sender import SendReport
    from store.engine import Store
    from ui.tasks import TaskContext


@dataclass(frozen=True)
class MailState:
    account: MailAccount | None
    has_password: bool
    deliveries: list[DeliveryInfo]


def load_state(store: Store, unit_id: int) -> MailState:
    from mail.errors import MailNotConfigured  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.outbox import list_deliveries  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.settings import get_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        account = get_mail_account(s, unit_id)
        rows = list_deliveries(s, unit_id=unit_id)
    has_password = False
    if account is not None:
        try:
            load_password(account)
            has_password = True
        except MailNotConfigured:
            has_password = False
    return MailState(account, has_password, rows)


def save_account(store: Store, actor_id: int | None, unit_id: int, account: MailAccount, password: str,
                 use_keyring: bool) -> MailAccount:
    from mail.settings import set_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(actor_id) as uow:
        set_mail_account(uow, unit_id, account)
        uow.commit()
    if password:
        save_password(account, password, use_keyring=use_keyring)
    return account


def try_account(account: MailAccount, password: str) -> str:
    """Log in to both servers and log out: what the person sees before trusting the settings."""
    from mail.imap_mailbox import Mailbox  # noqa: PLC0415 -- only when asked
    from mail.smtp_transport import SmtpConnection  # noqa: PLC0415 -- only when asked

    password = password or load_password(account)
    with SmtpConnection(account, password):
        pass
    with Mailbox(account, password) as box:
        waiting = len(box.pending())
    return f"SMTP và IMAP đều đăng nhập được; hộp thư có {waiting} thư chưa lấy về."


def send_now(store: Store, actor_id: int | None, unit_id: int, *, task: TaskContext) -> SendReport:
    from mail.sender import send_queue  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.settings import require_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        account = require_mail_account(s, unit_id)

    def progress(done: int, total: int, _info: Any) -> bool:
        task.progress(done, total)
        return not task.cancelled()

    return send_queue(store, unit_id, load_password(account), actor_id=actor_id, include_deferred=True,
                      progress=progress)


def fetch_now(store: Store, actor_id: int | None, unit_id: int, *, task: TaskContext) -> FetchReport:
    from mail.inbox import fetch_mailbox  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.settings import require_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        account = require_mail_account(s, unit_id)

    def progress(done: int, total: int, _taken: Any) -> bool:
        task.progress(done, total)
        return not task.cancelled()

    return fetch_mailbox(store, unit_id, load_password(account), actor_id=actor_id, progress=progress)


@dataclass(frozen=True)
class RsvpState:
    title: str
    invitees: list[tuple[int, str]]  # (person id, "name — position")
    people: list[tuple[int, str]]  # who may be named deputy: active people not invited
    answers: dict[int, Any]  # person id → meetings.rsvp.RsvpInfo
    forecast: str


def load_rsvp(store: Store, meeting_id: int) -> RsvpState:
    from meetings.lifecycle import get_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.attendance import quorum  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.rsvp import rsvps  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import list_persons  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        detail = get_meeting(s, meeting_id)
        invited = {p.person_id for p in detail.participants}
        people = [(p.id, f"{p.full_name} — {p.position}") for p in list_persons(s) if p.active and p.id not in invited]
        return RsvpState(detail.meeting.title,
                         [(p.person_id, f"{p.full_name} — {p.position}") for p in detail.participants],
                         people, rsvps(s, meeting_id), quorum(s, meeting_id).forecast_line())


def answer(store: Store, actor_id: int | None, meeting_id: int, person_id: int, said: str, deputy_id: int | None,
           note: str) -> Any:
    from meetings.rsvp import answer_invitation  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(actor_id) as uow:
        info = answer_invitation(uow, meeting_id, person_id, said, deputy_person_id=deputy_id, note=note)
        uow.commit()
    return info
