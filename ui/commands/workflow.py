"""`nghisu signing ...`: signing requests on stored documents, in turn, and their verification.

- `signing request DOC_ID --signers P1,P2[,P3] [--certify] [--reason T]`
- `signing status DOC_ID | --request ID [--json]`
- `signing sign REQUEST_ID --as PERSON_ID (--p12 FILE --password-file F | --pkcs11-lib PATH
  --token-label L --key-label K --pin-file F)`
- `signing verify DOC_ID [--version N] [--json] [--stored]` (exit codes as `nghisu verify`)
- `signing export DOC_ID -o FILE [--version N]`
- `signing register-cert PERSON_ID FILE [--password-file F]` (a .p12, PEM or DER certificate)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from documents.files import write_output
from store.clock import VN_TZ
from store.errors import InvalidInput
from ui.commands.numbers import count, record_id
from ui.commands.signing import IMAGE_LIMIT, _open_key, _read, _secret
from ui.commands.verify import EXIT_CODES, print_report


def _orm_tables() -> None:
    """The meeting tables the signing tables name in their foreign keys (``meetings.tables``)."""
    from meetings.tables import load_tables  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    load_tables()


def register(sub) -> None:
    p = sub.add_parser("signing", help="ký số văn bản trong kho theo thứ tự người ký, kiểm tra, xuất tệp")
    ssub = p.add_subparsers(dest="signing_command", metavar="ACTION", required=True)

    rp = ssub.add_parser("request", help="yêu cầu ký: tạo ô ký cho từng người, ký lần lượt theo thứ tự")
    rp.add_argument("document_id", type=record_id, metavar="DOC_ID")
    rp.add_argument("--signers", required=True, metavar="P1,P2[,P3]", help="số người ký, theo thứ tự ký")
    rp.add_argument("--certify", action="store_true", help="chữ ký đầu tiên chứng nhận tài liệu (cấm sửa nội dung)")
    rp.add_argument("--reason", metavar="T", help="lý do ký")
    rp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người tạo yêu cầu")
    rp.set_defaults(handler=run_request)

    st = ssub.add_parser("status", help="tình trạng ký: ai đã ký, đến lượt ai")
    st.add_argument("document_id", type=record_id, nargs="?", metavar="DOC_ID")
    st.add_argument("--request", type=record_id, metavar="ID")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=run_status)

    sp = ssub.add_parser("sign", help="ký phiên bản mới nhất của tài liệu khi đến lượt mình")
    sp.add_argument("request_id", type=record_id, metavar="REQUEST_ID")
    sp.add_argument("--as", dest="person", type=record_id, required=True, metavar="PERSON_ID", help="người ký")
    sp.add_argument("--p12", metavar="FILE", help="tệp chứng thư số .p12/.pfx")
    sp.add_argument("--password-file", metavar="F", help="tệp chứa mật khẩu của tệp .p12")
    sp.add_argument("--pkcs11-lib", metavar="PATH", help="thư viện PKCS#11 của USB token")
    sp.add_argument("--token-label", metavar="L")
    sp.add_argument("--key-label", metavar="K")
    sp.add_argument("--pin-file", metavar="F", help="tệp chứa mã PIN của token")
    sp.add_argument("--reason", metavar="T")
    sp.add_argument("--location", metavar="T")
    sp.add_argument("--timestamp-url", metavar="URL", help="máy chủ dấu thời gian RFC 3161 (PAdES B-T)")
    sp.add_argument("--signature-image", metavar="PNG", help="ảnh chữ ký tay (PNG nền trong, màu xanh)")
    sp.add_argument("--seal-image", metavar="PNG", help="ảnh con dấu (PNG nền trong, màu đỏ)")
    sp.add_argument("--expected-version", type=count, metavar="N", help=argparse.SUPPRESS)
    sp.set_defaults(handler=run_sign)

    vp = ssub.add_parser("verify", help="kiểm tra chữ ký của tài liệu trong kho và lưu báo cáo "
                         "(mã thoát: 0 hợp lệ, 1 không hợp lệ, 2 không kiểm tra được, 3 chưa ký)")
    vp.add_argument("document_id", type=record_id, metavar="DOC_ID")
    vp.add_argument("--version", type=count, metavar="N", help="phiên bản (mặc định: mới nhất)")
    vp.add_argument("--json", action="store_true", help="in báo cáo dạng JSON")
    vp.add_argument("--stored", action="store_true", help="chỉ in báo cáo đã lưu gần nhất, không kiểm tra lại")
    vp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    vp.set_defaults(handler=run_verify)

    ep = ssub.add_parser("export", help="ghi một phiên bản của tài liệu ra tệp (đúng từng byte đã lưu)")
    ep.add_argument("document_id", type=record_id, metavar="DOC_ID")
    ep.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    ep.add_argument("--version", type=count, metavar="N", help="phiên bản (mặc định: mới nhất)")
    ep.set_defaults(handler=run_export)

    cp = ssub.add_parser("register-cert", help="đăng ký chứng thư ký số (.p12, PEM, DER) cho một người")
    cp.add_argument("person_id", type=record_id, metavar="PERSON_ID")
    cp.add_argument("file", type=Path, metavar="FILE")
    cp.add_argument("--password-file", metavar="F", help="mật khẩu, khi FILE là tệp .p12")
    cp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    cp.set_defaults(handler=run_register_cert)


def _signer_ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError as exc:
        raise InvalidInput(f"Danh sách người ký '{text}' phải là các số, cách nhau bởi dấu phẩy (ví dụ 5,3,1).",
                           f"The signer list '{text}' must be numbers separated by commas (e.g. 5,3,1).") from exc
    return ids


def _print_request(info) -> None:
    turn = info.turn
    state = {"open": "đang ký", "completed": "đã đủ chữ ký", "cancelled": "đã hủy"}[info.status]
    print(f"Yêu cầu ký #{info.id} — tài liệu #{info.document_id}: {state} ({info.status})")
    for slot in info.slots:
        mark = "✓" if slot.signed else ("→" if turn and turn.position == slot.position else " ")
        when = f" lúc {slot.signed_at.astimezone(_vn()).strftime('%H:%M %d/%m/%Y')}, phiên bản {slot.version_no}" \
            if slot.signed else ""
        print(f"  {mark} {slot.position + 1}. {slot.person_name} (#{slot.person_id}, {slot.person_position}){when}")
    if turn:
        print(f"Đến lượt: {turn.person_name} — next to sign: person #{turn.person_id}")


def _vn():
    return VN_TZ


def run_request(args, ctx) -> int:
    _orm_tables()
    from signing.workflow import request_signatures  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    store = ctx.store()
    with store.uow(args.actor) as uow:
        info = request_signatures(uow, args.document_id, _signer_ids(args.signers), certify_first=args.certify,
                                  reason=args.reason)
        uow.commit()
    print(f"Đã tạo yêu cầu ký #{info.id}; ô ký nằm ở phiên bản {info.fields_version_no} của tài liệu.")
    _print_request(info)
    return 0


def run_status(args, ctx) -> int:
    _orm_tables()
    from signing.workflow import get_request, requests_for_document  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    if (args.document_id is None) == (args.request is None):
        raise InvalidInput("Cho biết một trong hai: DOC_ID hoặc --request ID.", "Give either DOC_ID or --request ID.")
    with ctx.store().read() as s:
        infos = [get_request(s, args.request)] if args.request is not None else requests_for_document(s, args.document_id)
    if args.json:
        ctx.print_json([i.as_json() for i in infos])
        return 0
    if not infos:
        print(f"Tài liệu #{args.document_id} chưa có yêu cầu ký — no signing request for this document.")
    for info in infos:
        _print_request(info)
    return 0


def run_sign(args, ctx) -> int:
    _orm_tables()
    from signing.workflow import sign_request  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    signature_png = (_read(args.signature_image, "ảnh chữ ký", "signature image", IMAGE_LIMIT)
                     if args.signature_image else None)
    seal_png = _read(args.seal_image, "ảnh con dấu", "seal image", IMAGE_LIMIT) if args.seal_image else None
    store = ctx.store()
    with _open_key(args) as key:
        outcome = sign_request(store, args.request_id, args.person, key, expected_version=args.expected_version,
                               reason=args.reason, location=args.location, timestamp_url=args.timestamp_url,
                               signature_image_png=signature_png, seal_image_png=seal_png)
    print(f"{outcome.slot.person_name} đã ký ô '{outcome.slot.field_name}' → tài liệu #{outcome.document.id} "
          f"phiên bản {outcome.document.current_version.version_no} — signed")
    if outcome.seal_note:  # the seal drawn smaller than it is: its field is lower than the seal
        print(f"Lưu ý: {outcome.seal_note[0]} — note: {outcome.seal_note[1]}")
    _print_request(outcome.request)
    return 0


def run_verify(args, ctx) -> int:
    _orm_tables()
    from signing.document_verification import latest_verification, verify_document  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    if args.stored:
        with store.read() as s:
            stored = latest_verification(s, args.document_id, version_no=args.version)
        if stored is None:
            raise InvalidInput("Tài liệu chưa được kiểm tra lần nào; chạy `nghisu signing verify DOC_ID`.",
                               "The document has not been verified yet; run `nghisu signing verify DOC_ID`.")
    else:
        stored = verify_document(store, args.document_id, version_no=args.version, actor_id=args.actor)
    if args.json:
        sys.stdout.write(json.dumps(stored.report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_report(Path(f"tài liệu #{stored.document_id} phiên bản {stored.version_no}"), stored.report)
        print(f"  Kiểm tra lúc {stored.verified_at.astimezone(_vn()).strftime('%H:%M:%S %d/%m/%Y')}"
              + ("; người ký được đối chiếu theo chứng thư đã đăng ký" if stored.with_roster else ""))
    return EXIT_CODES[stored.verdict]


def run_export(args, ctx) -> int:
    _orm_tables()
    from documents.library import get_document, list_versions  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.read() as s:
        doc = get_document(s, args.document_id)
        versions = {v.version_no: v for v in list_versions(s, args.document_id)}
    wanted = args.version or doc.current_version.version_no
    if wanted not in versions:
        raise InvalidInput(f"Tài liệu #{doc.id} không có phiên bản {wanted} (có 1–{doc.current_version.version_no}).",
                           f"Document #{doc.id} has no version {wanted} (it has 1–{doc.current_version.version_no}).")
    data = store.blobs.get(versions[wanted].sha256)

    write_output(args.output, data)
    print(f"Đã ghi tài liệu #{doc.id} phiên bản {wanted} ({len(data)} byte) → {args.output}")
    return 0


def run_register_cert(args, ctx) -> int:
    _orm_tables()
    from signing.keys.certificates import register_certificate  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    data = _read(str(args.file), "tệp chứng thư", "certificate file")
    if args.password_file:
        from signing.keys.signing_keys import load_pkcs12  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

        with load_pkcs12(data, _secret(args.password_file, "tệp mật khẩu", "password file")) as key:
            cert = key.certificate_der
    else:
        cert = data
    store = ctx.store()
    with store.uow(args.actor) as uow:
        info = register_certificate(uow, args.person_id, cert)
        uow.commit()
    print(f"Đã đăng ký chứng thư {info.subject} cho người #{info.person_id} (SHA-256 {info.sha256[:16]}…)")
    return 0
