"""`nghisu people create-login|disable-login|enable-login`, `nghisu keys init`, `nghisu rls check`.

Logins exist only in a shared (PostgreSQL) store; run these as an administrator's login (or
the schema owner, to make the first administrator). Passwords and passphrases are read from
a file or typed at a hidden prompt, never taken on the command line (where `ps` and the
shell history would keep them).
"""

from __future__ import annotations

import getpass
from pathlib import Path

from store.errors import InvalidInput, PermissionDenied
from ui.commands.numbers import record_id


def register(sub) -> None:
    people = sub.choices.get("people") if hasattr(sub, "choices") else None
    if people is None:  # the directory's listing command is not there: stand alone
        people = sub.add_parser("people", help="cán bộ và tài khoản đăng nhập")
    # The directory's `people` has its actions already (add, edit, role): add to them.
    psub = getattr(people, "actions", None) or people.add_subparsers(dest="people_command", metavar="ACTION")
    cp = psub.add_parser("create-login", help="tạo tài khoản đăng nhập PostgreSQL riêng cho một người (kho dùng chung)")
    cp.add_argument("person_id", type=record_id, metavar="PERSON_ID")
    cp.add_argument("--login", help="tên đăng nhập (mặc định: <lược đồ>_p<số>)")
    cp.add_argument("--admin", action="store_true", help="thêm vào nhóm quản trị nghisu_admin")
    cp.add_argument("--password-file", type=Path, help="tệp chứa mật khẩu ban đầu (nếu không: hỏi, không hiện)")
    cp.set_defaults(handler=run_create_login)
    for name, enabled, text in (("disable-login", False, "khóa tài khoản đăng nhập"),
                                ("enable-login", True, "mở lại tài khoản đăng nhập")):
        dp = psub.add_parser(name, help=text)
        dp.add_argument("person_id", type=record_id, metavar="PERSON_ID")
        dp.set_defaults(handler=run_set_login, enabled=enabled)

    kp = sub.add_parser("keys", help="khóa giải mã tài liệu mật của từng người")
    ksub = kp.add_subparsers(dest="keys_command", metavar="ACTION")
    ip = ksub.add_parser("init", help="tạo cặp khóa X25519, khóa riêng được bảo vệ bằng cụm mật khẩu")
    ip.add_argument("--as", dest="person_id", type=record_id, required=True, metavar="PERSON_ID")
    ip.add_argument("--passphrase-file", type=Path, help="tệp chứa cụm mật khẩu (nếu không: hỏi, không hiện)")
    ip.add_argument("--replace", action="store_true", help="thay khóa cũ (tài liệu cũ phải được cấp lại)")
    ip.set_defaults(handler=run_keys_init)

    rp = sub.add_parser("rls", help="bảo mật mức dòng của kho dùng chung")
    rsub = rp.add_subparsers(dest="rls_command", metavar="ACTION")
    cp = rsub.add_parser("check", help="thử quyền của từng vai trò trên từng bảng bằng SQL thô; lỗi (1) nếu khác ma trận dự định")
    cp.add_argument("--json", action="store_true")
    cp.set_defaults(handler=run_rls_check)


def _secret(path: Path | None, prompt: str) -> str:
    if path is None:
        return getpass.getpass(prompt)
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as exc:
        raise InvalidInput(f"Không đọc được tệp {path}: {exc.strerror}.", f"Cannot read {path}: {exc.strerror}.") from exc


def run_create_login(args, ctx) -> int:
    from store.accounts import create_login  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    password = _secret(args.password_file, "Mật khẩu ban đầu (giao trực tiếp cho người dùng): ")
    with ctx.store().uow() as uow:
        info = create_login(uow, args.person_id, password, role_name=args.login, admin=args.admin)
        uow.commit()
    print(f"Đã tạo tài khoản '{info.role_name}' cho người số {info.person_id}"
          f"{' (quản trị)' if info.is_admin else ''}. Người dùng nên đổi mật khẩu khi đăng nhập lần đầu.")
    return 0


def run_set_login(args, ctx) -> int:
    from store.accounts import set_login_enabled  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow() as uow:
        info = set_login_enabled(uow, args.person_id, args.enabled)
        uow.commit()
    print(f"Tài khoản '{info.role_name}' {'đã mở lại' if info.enabled else 'đã bị khóa'}.")
    return 0


def run_keys_init(args, ctx) -> int:
    from documents.classified.service import init_keys  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    passphrase = _secret(args.passphrase_file, "Cụm mật khẩu bảo vệ khóa giải mã: ")
    with ctx.store().uow(args.person_id) as uow:
        info = init_keys(uow, args.person_id, passphrase, replace=args.replace)
        uow.commit()
    print(f"Đã tạo khóa cho người số {info.person_id}; dấu vân tay: {info.fingerprint[:16]}…")
    return 0


def run_rls_check(args, ctx) -> int:
    """Behaviour, not presence: every table, every role, raw SQL in rolled-back transactions,
    compared with the intended matrix (``store.rls.matrix``); exit 1 naming each difference."""
    import psycopg  # noqa: PLC0415 -- heavy library deferred for start-up: psycopg

    from demo.rls_scenery import check_store  # noqa: PLC0415 -- deferred for start-up: brings in psycopg
    from store.rls.probe import ProbeRole  # noqa: PLC0415 -- deferred for start-up: brings in psycopg

    store = ctx.store()
    if store.dialect != "postgresql":
        print("Kho nhúng (SQLite): không có bảo mật mức dòng; ai mở được thư mục kho thì đọc được kho. "
              "Tài liệu mật vẫn được mã hóa.")
        return 0
    try:
        report = check_store(store.location)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise PermissionDenied(
            "Lệnh kiểm tra quyền cần chạy bằng tài khoản chủ lược đồ (tạo lược đồ và tài khoản thử tạm thời).",
            "The rules check runs as the schema owner (it makes a throw-away schema and probe logins).",
        ) from exc
    tables = len(report.observed)
    if args.json:
        ctx.print_json({"ok": not report.differences and not report.unprobed, "tables": tables,
                        "roles": [str(r) for r in ProbeRole],
                        "differences": [{"table": d.table, "role": str(d.role), "what": d.what,
                                         "intended": d.intended, "observed": d.observed} for d in report.differences],
                        "unprobed": report.unprobed})
    else:
        for d in report.differences:
            print(d.line())
        for table, why in sorted(report.unprobed.items()):
            print(f"{table}: không thử được (không có dòng mẫu: {why}) — not probed (no probe row)")
        if report.differences or report.unprobed:
            print(f"{len(report.differences)} khác biệt so với ma trận quyền dự định, {len(report.unprobed)} bảng "
                  f"không thử được — {len(report.differences)} differences from the intended matrix")
        else:
            print(f"{tables} bảng × {len(ProbeRole)} vai trò: đúng như ma trận quyền dự định — "
                  f"{tables} tables × {len(ProbeRole)} roles behave as intended")
    return 1 if report.differences or report.unprobed else 0
