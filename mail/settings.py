"""Where a unit's mail account is kept: the store's shared ``settings`` (``mail.account.<unit>``),
so every desktop of the office sends and fetches the same way. On PostgreSQL only an
administrator may write settings; the password is never here (``mail.secrets``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from mail.account import MailAccount
from mail.errors import MailNotConfigured
from store.models import Setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


def _key(unit_id: int) -> str:
    return f"mail.account.{unit_id}"


def set_mail_account(uow: UnitOfWork, unit_id: int, account: MailAccount) -> MailAccount:
    from store.directory import get_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    unit = get_unit(uow.session, unit_id)  # NotFound for a unit that does not exist
    row = uow.session.get(Setting, _key(unit_id))
    if row is None:
        uow.session.add(Setting(key=_key(unit_id), value=account.to_json(), note=f"Thư công vụ của {unit.name}"))
    else:
        row.value = account.to_json()
    uow.session.flush()
    uow.record("mail.account.set", "unit", unit_id, {"address": account.address, "smtp": account.smtp_host,
                                                     "imap": account.imap_host}, unit_id=unit_id)
    return account


def get_mail_account(session: Session, unit_id: int) -> MailAccount | None:
    row = session.get(Setting, _key(unit_id))
    return None if row is None else MailAccount.from_json(dict(row.value))


def require_mail_account(session: Session, unit_id: int) -> MailAccount:
    account = get_mail_account(session, unit_id)
    if account is None:
        raise MailNotConfigured(
            f"Đơn vị số {unit_id} chưa có tài khoản thư công vụ; hãy cấu hình bằng `nghisu mail account set --unit {unit_id} …` "
            "hoặc trong Cài đặt → Thư công vụ.",
            f"Unit {unit_id} has no official mail account; set one with `nghisu mail account set --unit {unit_id} …` "
            "or in Settings → Official e-mail.",
        )
    return account


def unit_mail_addresses(session: Session) -> dict[int, MailAccount]:
    """Every unit's account, by unit id: the address a unit is reached at in this store."""
    rows = session.execute(select(Setting).where(Setting.key.like("mail.account.%"))).scalars()
    out: dict[int, MailAccount] = {}
    for row in rows:
        tail = row.key.rsplit(".", 1)[-1]
        if tail.isdigit():
            out[int(tail)] = MailAccount.from_json(dict(row.value))
    return out
