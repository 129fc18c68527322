"""`nghisu people whoami [--bind PERSON_ID]`: who this computer account is on the store.

A person bound to the account they are logged in as needs no ``--as`` (``store.directory.identity``):
the command line takes them as the person acting when ``--as`` is left out."""

from __future__ import annotations

import getpass

from store.errors import InvalidInput, StoreNotFound
from ui.commands.numbers import record_id


def os_user() -> str | None:
    """The operating-system account running this process, if it can be told."""
    try:
        return getpass.getuser() or None
    except (OSError, KeyError):  # no login name in the environment nor the password database
        return None


def ask_pin() -> str:
    """The person's PIN, typed without echo; never logged."""
    try:
        return getpass.getpass("Mã PIN của bạn — your PIN: ")
    except (EOFError, OSError) as exc:  # no terminal to type it at
        raise InvalidInput("Người này đã có mã PIN: hãy chạy lệnh ở cửa sổ dòng lệnh để nhập mã PIN.",
                           "This person has a PIN: run the command at a terminal to type it.") from exc


def register_whoami(psub) -> None:
    wp = psub.add_parser("whoami", help="bạn là ai trên máy này; --bind PERSON_ID: gắn tài khoản máy với cán bộ đó")
    wp.add_argument("--bind", type=record_id, metavar="PERSON_ID", help="cán bộ dùng tài khoản máy này (chính bạn)")
    wp.add_argument("--json", action="store_true")
    wp.set_defaults(handler=run_whoami)


def person_of_this_account(ctx) -> int | None:
    """The person bound to this computer account on the store, if any (read only)."""
    from store.directory import person_for_os_user  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    account = os_user()
    if account is None:
        return None
    with ctx.store().read() as s:
        return person_for_os_user(s, account)


def run_whoami(args, ctx) -> int:
    from store.directory import bind_os_user, get_person, identity_of  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    account = os_user()
    if account is None:
        raise InvalidInput("Không biết tên tài khoản máy đang dùng.", "The computer account in use cannot be told.")
    if args.bind is not None:
        with ctx.store().read() as s:
            has_pin = identity_of(s, args.bind).has_pin
        pin = ask_pin() if has_pin else None
        with ctx.store().uow(args.bind) as uow:  # the person binds their own account
            bind_os_user(uow, args.bind, account, pin=pin)
            uow.commit()
    person_id = person_of_this_account(ctx)
    with ctx.store().read() as s:
        person = get_person(s, person_id) if person_id is not None else None
    if args.json:
        ctx.print_json({"os_user": account, "person_id": person_id, "full_name": person.full_name if person else None})
    elif person is None:
        print(f"Tài khoản máy '{account}' chưa gắn với cán bộ nào (nghisu people whoami --bind SỐ_NGƯỜI).")
    else:
        print(f"Tài khoản máy '{account}' là #{person.id} {person.full_name} — {person.position}")
    return 0


def default_actor(ctx) -> int | None:
    """Who acts when ``--as`` is left out: the person bound to this computer account, else
    nobody (the core then refuses a change on a store where people say who they are)."""
    try:
        return person_of_this_account(ctx)
    except StoreNotFound:  # the command itself may create the store (--create, nghisu demo)
        return None
