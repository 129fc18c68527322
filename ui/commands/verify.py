"""`nghisu verify FILE.pdf [--trust ROOT.pem]... [--json]`: check a PDF's signatures.

Exit codes (the contract other tools rely on): 0 every signature valid and nothing but
signatures or validation data added after the last one; 1 invalid; 2 cannot verify or not a
PDF; 3 unsigned.

Trusted roots: the store's trust list (``nghisu trust add``) when there is a store (the one
named by ``--store``/``--database-url`` or the environment, else the default one if it
exists), plus any ``--trust`` file; the output names every root used and where it came from.
A named store that does not exist is an error, never created. The command stays fast: the
trust list is read with the database driver alone (``signing.keys.trust_list``), and the
file is checked in a child forked from this process (``verify_pdf(one_shot=True)``).

Run again and again, the command asks the verification server (``ui.verify_server``), which
keeps these imports loaded and runs this same ``run`` for it; so the module itself imports
nothing heavy, and ``run`` brings in the verifier only when it checks here.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

#: A signed file may weigh as much as an imported one (documents.intake.limits.IntakeLimits).
VERIFY_LIMIT = 200 * 1024 * 1024
EXIT_CODES = {"valid": 0, "invalid": 1, "cannot_verify": 2, "unsigned": 3}

VERDICT_WORDS = {
    "valid": ("hợp lệ", "valid"),
    "invalid": ("KHÔNG hợp lệ", "INVALID"),
    "cannot_verify": ("không kiểm tra được", "cannot be verified"),
    "unsigned": ("chưa được ký", "not signed"),
}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "verify",
        help="kiểm tra chữ ký số trong tệp PDF (verify the signatures in a PDF)",
        description="Kiểm tra chữ ký số trong tệp PDF. Mã thoát: 0 hợp lệ, 1 không hợp lệ, "
        "2 không kiểm tra được, 3 chưa ký.",
    )
    p.add_argument("file", metavar="FILE.pdf", help="tệp PDF cần kiểm tra")
    p.add_argument(
        "--trust", action="append", default=[], metavar="ROOT.pem",
        help="thêm chứng thư gốc tin cậy cho lần chạy này (PEM hoặc DER; dùng được nhiều lần)",
    )
    p.add_argument("--json", action="store_true", help="in báo cáo dạng JSON")
    p.add_argument(
        "--no-server", action="store_true",
        help="kiểm tra ngay trong tiến trình này, không nhờ tiến trình kiểm tra thường trú "
        "(cũng tắt được bằng NGHISU_VERIFY_SERVER=off)",
    )
    p.set_defaults(handler=run)


def run(args, ctx=None) -> int:
    # The verifier, deferred for start-up: the command line parses with this module alone and
    # hands the file to the verification server when one is running (ui.verify_client).
    from documents.files import read_bounded  # noqa: PLC0415 -- deferred for start-up: see above
    from signing.keys.trust_list import file_root  # noqa: PLC0415 -- deferred for start-up: see above
    from signing.keys.trust_roots import TrustRoots, load_certificate_file  # noqa: PLC0415 -- deferred for start-up
    from signing.verify.service import verify_pdf  # noqa: PLC0415 -- deferred for start-up: pyHanko

    path = Path(args.file)
    data = read_bounded(path, VERIFY_LIMIT)
    used: list[dict[str, Any]] = []
    ders: list[bytes] = []
    store_name, store_roots = _store_roots(ctx)
    for root in store_roots:
        ders.append(root.der)
        used.append(root.as_json())
    for name in args.trust:
        for der in load_certificate_file(name):
            ders.append(der)
            used.append(file_root(der, str(name)))
    # Trust comes only from the store's list and the roots given here: never from the file
    # itself. Trusting a file's own certificates is a test-only switch of verify_pdf.
    trust = TrustRoots().adding(*ders)
    report = verify_pdf(data, trust=trust, one_shot=True)
    if args.json:
        out = report.to_dict()
        out["trust"] = {"store": store_name, "roots": used}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    else:
        print_report(path, report, store_name, used)
    return EXIT_CODES[report.verdict]


def _store_roots(ctx) -> tuple[str | None, tuple]:
    """(where the store is, its roots): (None, ()) without a store."""
    from signing.keys.trust_list import read_store_roots, sqlite_store_file  # noqa: PLC0415 -- deferred for start-up
    from store.errors import NotFound  # noqa: PLC0415 -- deferred for start-up

    if ctx is None:  # called without the command line's context: --trust files only
        return None, ()
    location = ctx.location()
    if not location.shared and sqlite_store_file(location) is None:
        if ctx.store_named():
            raise NotFound(
                f"Không có kho dữ liệu ở {location.describe()}: kiểm tra lại --store.",
                f"There is no store at {location.describe()}: check --store.",
            )
        return None, ()  # no default store on this machine: only --trust roots
    roots = read_store_roots(location)
    if roots is None:  # not readable directly (older or newer version, server trouble): the usual way
        from signing.keys.truststore import list_trust_roots_with_der  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        with ctx.store().read() as session:
            roots = list_trust_roots_with_der(session)
    return location.describe(), roots


def print_report(path: Path, report, store_name: str | None = None, used: list[dict[str, Any]] | None = None) -> None:
    """The report in plain lines (Vietnamese — English); with ``used``, the trusted roots too."""
    out = sys.stdout
    vi, en = VERDICT_WORDS[report.verdict]
    out.write(f"{path.name}: tài liệu {vi} — document {en}\n")
    for r in report.reasons:
        out.write(f"  {r.vi} — {r.en}\n")
    for s in report.signatures:
        svi, sen = VERDICT_WORDS[s.verdict]
        what = "Dấu thời gian" if s.kind == "timestamp" else "Chữ ký"
        what_en = "Timestamp" if s.kind == "timestamp" else "Signature"
        who = s.signer or "?"
        when = f", {_vietnam_time(s.signed_at)}" if s.signed_at else ""
        out.write(f"  {what} “{s.field}” của {who}{when}: {svi} — {what_en} by {who}: {sen}\n")
        for r in s.reasons:
            if r.severity in ("invalid", "cannot_verify"):
                out.write(f"    - {r.vi} — {r.en}\n")
    for w in report.warnings:
        out.write(f"  Lưu ý: {w.vi} — Note: {w.en}\n")
    if used is None:
        return
    if not used:
        where = f" (kho {store_name} chưa tin cậy chứng thư gốc nào — store {store_name} trusts no root yet)" if store_name else ""
        out.write(f"  Chứng thư gốc tin cậy: không có{where} — trusted roots: none; dùng --trust ROOT.pem "
                  "hoặc nghisu trust add\n")
        return
    out.write(f"  Chứng thư gốc tin cậy ({len(used)}) — trusted roots:\n")
    for root in used:
        source = (f"kho dữ liệu {store_name} #{root['id']} — store" if root["source"] == "store"
                  else f"tệp {root['file']} — file")
        out.write(f"    {root['subject']} (SHA-256 {root['sha256'][:16]}…; {source})\n")


def _vietnam_time(iso: str) -> str:
    """Signing times are shown as people read them: dd/mm/yyyy HH:MM:SS, Vietnam time."""

    from store.clock import VN_TZ  # noqa: PLC0415 -- deferred for start-up

    try:
        return datetime.fromisoformat(iso).astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M:%S (+07:00)")
    except ValueError:
        return iso
