"""`nghisu audit verify`: check the audit log's hash chain."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("audit", help="nhật ký kiểm tra")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    vp = asub.add_parser("verify", help="kiểm tra chuỗi băm của nhật ký (0: toàn vẹn, 1: bị sửa)")
    vp.add_argument("--json", action="store_true")
    vp.set_defaults(handler=run_verify)


def run_verify(args, ctx) -> int:
    from store.audit import verify_audit_chain  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        verdict = verify_audit_chain(s)
    if args.json:
        ctx.print_json({"ok": verdict.ok, "rows_checked": verdict.rows_checked, "first_bad_seq": verdict.first_bad_seq,
                        "problem": {"vi": verdict.problem_vi, "en": verdict.problem_en} if not verdict.ok else None})
    elif verdict.ok:
        print(verdict.describe())
    else:
        print(verdict.describe(), file=sys.stderr)
    return 0 if verdict.ok else 1
