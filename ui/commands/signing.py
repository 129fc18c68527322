"""`nghisu sign IN.pdf -o OUT.pdf ...`: add one PAdES signature, as an incremental update.

Key from a PKCS#12 file (``--p12 FILE --password-file F``) or a PKCS#11 token
(``--pkcs11-lib PATH --token-label L --key-label K --pin-file F``). Secrets are read from
files, never from the command line (which other users can see in the process list).
The input file is never rewritten: the output must be another path.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from documents.errors import DocumentRejected
from documents.files import check_output_path, read_bounded, write_output
from signing.pdf.fields import field_box, open_incremental, signature_fields
from store.errors import InvalidInput


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sign",
        help="ký số tệp PDF (PAdES) — sign a PDF",
        description="Ký số tệp PDF theo PAdES (ETSI.CAdES.detached, SHA-256), luôn ghi thêm "
        "(incremental update) để giữ nguyên các chữ ký trước.",
    )
    p.add_argument("input", metavar="IN.pdf", help="tệp PDF cần ký")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="tệp PDF đã ký (tệp mới)")
    p.add_argument("--p12", metavar="FILE", help="tệp chứng thư số .p12/.pfx")
    p.add_argument("--password-file", metavar="FILE", help="tệp chứa mật khẩu của tệp .p12")
    p.add_argument("--pkcs11-lib", metavar="PATH", help="thư viện PKCS#11 của USB token")
    p.add_argument("--token-label", metavar="L", help="nhãn của token")
    p.add_argument("--key-label", metavar="K", help="nhãn khóa trên token")
    p.add_argument("--pin-file", metavar="F", help="tệp chứa mã PIN của token")
    p.add_argument("--field", metavar="NAME",
                   help="ô chữ ký cần ký (mặc định: ô trống đầu tiên, hoặc tạo ô mới)")
    p.add_argument("--reason", metavar="T", help="lý do ký")
    p.add_argument("--location", metavar="T", help="nơi ký")
    p.add_argument("--certify", action="store_true",
                   help="chữ ký chứng nhận (chỉ chữ ký đầu tiên; cho phép ký tiếp, cấm sửa nội dung)")
    p.add_argument("--timestamp-url", metavar="URL", help="máy chủ dấu thời gian RFC 3161 (PAdES B-T)")
    p.add_argument("--name", metavar="T", help="họ tên hiện trên chữ ký (mặc định: tên trong chứng thư)")
    p.add_argument("--position", metavar="T", default="", help="chức vụ hiện trên chữ ký")
    p.add_argument("--unit", metavar="T", default="", help="cơ quan, đơn vị hiện trên chữ ký")
    p.add_argument("--signature-image", metavar="PNG", help="ảnh chữ ký tay (PNG nền trong, màu xanh)")
    p.add_argument("--seal-image", metavar="PNG", help="ảnh con dấu (PNG nền trong, màu đỏ)")
    p.set_defaults(handler=run_sign)


#: What each input of `sign` may weigh: a PDF as much as an import may; keys, secrets and images little.
PDF_LIMIT = 200 * 1024 * 1024
SMALL_LIMIT = 1024 * 1024
IMAGE_LIMIT = 16 * 1024 * 1024


def _read(path: str, what_vi: str, what_en: str, limit: int = SMALL_LIMIT) -> bytes:
    try:
        return read_bounded(path, limit)
    except DocumentRejected as exc:
        if Path(path).name in exc.vi:  # the message names the file already
            raise
        raise InvalidInput(f"{what_vi.capitalize()} '{path}': {exc.vi}", f"The {what_en} '{path}': {exc.en}") from exc


def _secret(path: str, what_vi: str, what_en: str) -> bytes:
    # One line; the newline an editor or `echo` adds is not part of the secret.
    return _read(path, what_vi, what_en).rstrip(b"\r\n")


def _open_key(args):
    from signing.keys.signing_keys import load_pkcs12, open_token  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

    token_args = (args.pkcs11_lib, args.token_label, args.key_label, args.pin_file)
    if args.p12 and any(token_args):
        raise InvalidInput(
            "Chọn một trong hai: tệp .p12 hoặc USB token, không dùng cả hai.",
            "Choose either a .p12 file or a token, not both.",
        )
    if args.p12:
        if not args.password_file:
            raise InvalidInput(
                "Thiếu --password-file (tệp chứa mật khẩu của tệp .p12).",
                "Missing --password-file (the file holding the .p12 password).",
            )
        return load_pkcs12(_read(args.p12, "tệp chứng thư", "certificate file"),
                           _secret(args.password_file, "tệp mật khẩu", "password file"))
    if all(token_args):
        pin = _secret(args.pin_file, "tệp mã PIN", "PIN file").decode("utf-8", "replace")
        return open_token(args.pkcs11_lib, args.token_label, pin, args.key_label)
    raise InvalidInput(
        "Thiếu khóa ký: dùng --p12 FILE --password-file F, hoặc --pkcs11-lib PATH --token-label L "
        "--key-label K --pin-file F.",
        "No signing key: use --p12 FILE --password-file F, or --pkcs11-lib PATH --token-label L "
        "--key-label K --pin-file F.",
    )


def run_sign(args, ctx=None) -> int:
    from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

    src, dst = Path(args.input), Path(args.output)
    if dst.resolve() == src.resolve():
        raise InvalidInput(
            "Tệp đã ký phải là tệp mới (-o khác tệp gốc); tệp gốc không bao giờ bị ghi đè.",
            "The signed file must be a new file (-o other than the input); the input is never overwritten.",
        )
    check_output_path(dst)
    pdf = _read(str(src), "tệp PDF", "PDF file", PDF_LIMIT)
    field = args.field
    existing = signature_fields(open_incremental(pdf).prev)
    if not field:
        empty = [name for name, signed in existing.items() if not signed]
        field = empty[0] if empty else f"ChuKy{len(existing) + 1}"
    clock = getattr(ctx, "clock", None)
    at = clock() if callable(clock) else datetime.now(UTC)
    signature_png = _read(args.signature_image, "ảnh chữ ký", "signature image", IMAGE_LIMIT) if args.signature_image else None
    seal_png = _read(args.seal_image, "ảnh con dấu", "seal image", IMAGE_LIMIT) if args.seal_image else None
    box = _room_for_seal(pdf, seal_png, len(existing)) if seal_png and field not in existing else None
    with _open_key(args) as key:
        request = SignRequest(
            field_name=field,
            signer=SignerDisplay(args.name or key.common_name, args.position, args.unit),
            at=at,
            reason=args.reason,
            location=args.location,
            certify=args.certify,
            timestamp_url=args.timestamp_url,
            signature_image_png=signature_png,
            seal_image_png=seal_png,
            box=box,
        )
        signed = sign_pdf(pdf, key, request)
    write_output(dst, signed)
    sys.stdout.write(f"Đã ký ô '{field}' → {dst} — signed field '{field}' into {dst}\n")
    _say_if_seal_smaller(signed, field, seal_png, made=field not in existing)
    return 0


def _room_for_seal(pdf: bytes, seal_png: bytes, existing: int) -> tuple[float, float, float, float] | None:
    """A new field at the next default place, as tall as the given seal at its real size needs,
    when the last page's text leaves room there; ``None``: the usual default box."""
    from signing.pdf.seal_room import default_boxes_with_room  # noqa: PLC0415 -- deferred for start-up: brings in pypdfium2
    from signing.pdf.stamp_images import MM, seal_size_pt  # noqa: PLC0415 -- deferred beside its one use

    room = default_boxes_with_room(pdf, existing + 1, seal_size_pt(seal_png) / MM)
    return room[-1][1] if room else None


def _say_if_seal_smaller(signed: bytes, field: str, seal_png: bytes | None, *, made: bool) -> None:
    from signing.pdf.seal_room import smaller_seal_note  # noqa: PLC0415 -- deferred for start-up: brings in pypdfium2

    why = ("trang không còn chỗ trống để nới ô ký", "no room on the page to make it taller") if made else \
        ("ô ký có sẵn trong tệp", "the field was in the file already")
    note = smaller_seal_note(seal_png, None, field_box(open_incremental(signed).prev, field), why)
    if note:
        sys.stdout.write(f"Lưu ý: {note[0]} — note: {note[1]}\n")
