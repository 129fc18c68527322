"""`nghisu ca init|issue|root` (the office TEST CA) and `nghisu trust add|list|remove`.

The office CA made here is a TEST CA: its private key is kept in the store, so anyone who
can open the store can issue certificates in its name. Use it for demos, training and tests;
real signatures come from a licensed CA whose root you add with `nghisu trust add`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from store.errors import InvalidInput
from store.secret_files import secret_folder, write_secret
from ui.commands.numbers import count, record_id
from ui.commands.signing import _secret

TEST_CA_NOTE = ("CA THỬ NGHIỆM: khóa bí mật của CA được lưu trong kho dữ liệu; chỉ dùng để trình diễn và kiểm thử, "
                "không dùng cho văn bản thật — TEST CA: its private key is kept in the store; for demos and tests only.")


def register(sub) -> None:
    p = sub.add_parser("ca", help="CA thử nghiệm của văn phòng (TEST CA: khóa lưu trong kho)",
                       description=TEST_CA_NOTE)
    csub = p.add_subparsers(dest="ca_command", metavar="ACTION", required=True)
    ip = csub.add_parser("init", help="tạo CA thử nghiệm (một lần) và tin cậy chứng thư gốc của nó",
                         description=TEST_CA_NOTE)
    ip.add_argument("--organization", metavar="T", help="tên cơ quan (mặc định: UBND của đơn vị cấp cao nhất)")
    ip.add_argument("--name", metavar="T", help="tên CA (mặc định: CA THỬ NGHIỆM — <cơ quan>)")
    ip.add_argument("--key", choices=["rsa2048", "ec-p256"], default="rsa2048")
    ip.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    ip.set_defaults(handler=run_init)

    sp = csub.add_parser("issue", help="cấp chứng thư ký số thử nghiệm cho một người và đăng ký cho người đó",
                         description=TEST_CA_NOTE)
    sp.add_argument("person_id", type=record_id, metavar="PERSON_ID")
    sp.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.p12", help="tệp .p12 cần ghi (tệp mới)")
    sp.add_argument("--password-file", required=True, type=Path, metavar="F", help="tệp chứa mật khẩu cho tệp .p12")
    sp.add_argument("--key", choices=["rsa2048", "ec-p256"], default="rsa2048")
    sp.add_argument("--valid-days", type=count, default=730, metavar="N")
    sp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    sp.set_defaults(handler=run_issue)

    rp = csub.add_parser("root", help="ghi chứng thư gốc của CA thử nghiệm ra tệp PEM (cho `nghisu verify --trust`)")
    rp.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pem")
    rp.set_defaults(handler=run_root)

    p = sub.add_parser("trust", help="kho chứng thư gốc tin cậy của cơ quan")
    tsub = p.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    ap = tsub.add_parser("add", help="tin cậy chứng thư gốc từ tệp PEM/DER (cả tệp gộp nhiều chứng thư)")
    ap.add_argument("files", nargs="+", type=Path, metavar="ROOT.pem")
    ap.add_argument("--note", default="", metavar="T")
    ap.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    ap.set_defaults(handler=run_trust_add)
    lp = tsub.add_parser("list", help="các chứng thư gốc đang được tin cậy")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(handler=run_trust_list)
    rm = tsub.add_parser("remove", help="thôi tin cậy một chứng thư gốc (theo số hoặc dấu vân tay SHA-256)")
    rm.add_argument("ref", metavar="ID|SHA256")
    rm.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    rm.set_defaults(handler=run_trust_remove)


def _orm_tables() -> None:
    """The meeting tables the signing tables name in their foreign keys (``meetings.tables``)."""
    from meetings.tables import load_tables  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    load_tables()


def _exists(path: Path) -> InvalidInput:
    return InvalidInput(f"Tệp {path} đã có; hãy chọn tên khác (không ghi đè).",
                        f"{path} already exists; choose another name (nothing is overwritten).")


def _write_new(path: Path, data: bytes, *, secret: bool = False) -> None:
    """Write a new file (never overwrite); ``secret`` (a private key): mode 0600, and a folder
    made for it 0700."""

    if path.exists():
        raise _exists(path)
    try:
        if secret:
            if not path.parent.exists():
                secret_folder(path.parent)
            write_secret(path, data)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as fh:
            fh.write(data)
    except FileExistsError as exc:
        raise _exists(path) from exc
    except OSError as exc:
        raise InvalidInput(f"Không ghi được tệp {path}: {exc.strerror or exc}.",
                           f"Cannot write {path}: {exc.strerror or exc}.") from exc


def run_init(args, ctx) -> int:
    """Create the test CA; on a store that has one already (every demo store does), plain
    `ca init` says so and succeeds: the README's tour runs it after `nghisu demo`. Asking for a
    particular name or organisation there is refused: that CA cannot be made any more."""
    _orm_tables()
    from signing.keys.office_ca import OfficeCaExists, ensure_office_ca, init_office_ca  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    store = ctx.store()
    with store.uow(args.actor) as uow:
        if args.organization or args.name:
            info, created = init_office_ca(uow, organization=args.organization, common_name=args.name,
                                           key=args.key), True
        else:
            info, created = ensure_office_ca(uow, key=args.key)
        uow.commit()
    if not created:
        exists = OfficeCaExists(info)
        print(f"{exists.vi.replace('; không tạo lại.', '')}: dùng CA này, không tạo CA mới — "
              f"{exists.en.replace('; nothing was created.', '')}: using it, nothing was created")
        return 0
    print(f"Đã tạo CA thử nghiệm “{info.common_name}” và thêm vào kho tin cậy — created the test CA and trusted it")
    print(f"  SHA-256: {info.sha256}")
    print("  Lưu ý: khóa bí mật của CA nằm trong kho dữ liệu; chỉ dùng để thử — its key is in the store: tests only.")
    return 0


def run_issue(args, ctx) -> int:
    _orm_tables()

    password = _secret(str(args.password_file), "tệp mật khẩu", "password file")
    if not password:
        raise InvalidInput("Tệp mật khẩu rỗng; tệp .p12 phải có mật khẩu.", "The password file is empty; a .p12 needs a password.")
    if args.output.exists():
        raise _exists(args.output)  # refused before anything is issued
    from signing.keys.office_ca import issue_certificate  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    store = ctx.store()
    with store.uow(args.actor) as uow:
        result = issue_certificate(uow, args.person_id, key=args.key, valid_days=args.valid_days)
        p12 = result.issued.to_pkcs12(password)
        _write_new(args.output, p12, secret=True)  # before commit: no registered certificate without its key file
        try:
            uow.commit()
        except BaseException:
            args.output.unlink(missing_ok=True)
            raise
    reg = result.registration
    print(f"Đã cấp chứng thư thử nghiệm cho {result.issued.common_name} → {args.output} "
          f"(hết hạn {reg.not_after:%d/%m/%Y}) — issued a test certificate, registered to person {args.person_id}")
    print(f"  SHA-256: {reg.sha256}")
    return 0


def run_root(args, ctx) -> int:
    _orm_tables()
    from signing.keys.office_ca import NoOfficeCa, office_ca_info  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    with ctx.store().read() as s:
        info = office_ca_info(s)
    if info is None:
        raise NoOfficeCa()
    _write_new(args.output, info.cert_pem)
    print(f"Đã ghi chứng thư gốc “{info.common_name}” → {args.output}")
    return 0


def run_trust_add(args, ctx) -> int:
    _orm_tables()
    from signing.keys.truststore import add_trust_root_file  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.uow(args.actor) as uow:
        results = [add_trust_root_file(uow, f, note=args.note) for f in args.files]
        uow.commit()
    for r in results:
        for root in r.added:
            print(f"Đã tin cậy #{root.id} {root.subject} (SHA-256 {root.sha256[:16]}…) — trusted")
        for root in r.already:
            print(f"Đã có sẵn #{root.id} {root.subject} — already trusted")
    return 0


def run_trust_list(args, ctx) -> int:
    _orm_tables()
    from signing.keys.truststore import list_trust_roots  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        roots = list_trust_roots(s)
    if args.json:
        ctx.print_json([r.as_json() for r in roots])
        return 0
    if not roots:
        print("Kho tin cậy trống — the trust store is empty (nghisu trust add ROOT.pem)")
    for r in roots:
        until = f", hết hạn {r.not_after:%d/%m/%Y}" if r.not_after else ""
        sys.stdout.write(f"#{r.id} {r.subject}{until}\n    SHA-256 {r.sha256}\n")
    return 0


def run_trust_remove(args, ctx) -> int:
    _orm_tables()
    from signing.keys.truststore import remove_trust_root  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.uow(args.actor) as uow:
        info = remove_trust_root(uow, args.ref)
        uow.commit()
    print(f"Đã thôi tin cậy #{info.id} {info.subject} — no longer trusted")
    return 0
