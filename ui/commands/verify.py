"""`nghisu verify FILE.pdf [--trust ROOT.pem]... [--json]`: check a PDF's signatures.

Exit codes (the contract other tools rely on): 0 every signature valid and nothing but
signatures or validation data added after the last one; 1 invalid; 2 cannot verify or not a
PDF; 3 unsigned.
"""

from __future__ import annotations

import sys
from pathlib import Path

from store.errors import InvalidInput

EXIT_CODES = {"valid": 0, "invalid": 1, "cannot_verify": 2, "unsigned": 3}

_VERDICT_WORDS = {
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
    p.set_defaults(handler=run)


def run(args, ctx=None) -> int:
    from signing.keys.trust_roots import TrustRoots
    from signing.verify.service import verify_pdf

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            f"Không đọc được tệp {path}: {exc.strerror or exc}.",
            f"Cannot read the file {path}: {exc.strerror or exc}.",
        ) from exc
    trust = TrustRoots.from_files(args.trust)
    # Trust comes only from the roots given here (and, later, the store's list): never from the
    # file itself. Trusting a file's own certificates is a test-only switch of verify_pdf.
    report = verify_pdf(data, trust=trust)
    if args.json:
        sys.stdout.write(report.to_json() + "\n")
    else:
        _print_human(path, report)
    return EXIT_CODES[report.verdict]


def _print_human(path: Path, report) -> None:
    out = sys.stdout
    vi, en = _VERDICT_WORDS[report.verdict]
    out.write(f"{path.name}: tài liệu {vi} — document {en}\n")
    for r in report.reasons:
        out.write(f"  {r.vi} — {r.en}\n")
    for s in report.signatures:
        svi, sen = _VERDICT_WORDS[s.verdict]
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


def _vietnam_time(iso: str) -> str:
    """Signing times are shown as people read them: dd/mm/yyyy HH:MM:SS, Vietnam time."""
    from datetime import datetime

    from store.clock import VN_TZ

    try:
        return datetime.fromisoformat(iso).astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M:%S (+07:00)")
    except ValueError:
        return iso
