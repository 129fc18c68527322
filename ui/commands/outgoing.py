"""`nghisu outgoing ...`: outgoing documents (văn bản đi) from draft to dispatch.

- `outgoing draft FILE --type QĐ --subject … --drafting-unit U --signer P --as DRAFTER
  [--recipients R …] [--authority TM|KT|TL|Q] [--reviewers P …] [--classification mat] [--unit U]
  [--reply-by YYYY-MM-DD]`
- `outgoing reply-by ID (YYYY-MM-DD | --none) --as P`: the reply deadline, until the release
- `outgoing review ID --as P (--reviewers P … | --comment T | --agree)`
- `outgoing revise ID FILE --answer T --as DRAFTER`
- `outgoing approve ID --as P`
- `outgoing sign ID --as SIGNER (--p12 F --password-file F | --pkcs11-lib …) [--signature-image PNG]`
- `outgoing release ID --as VAN_THU (--p12 F --password-file F | …) [--seal-image PNG]`
- `outgoing cancel ID --reason T --as VAN_THU`
- `outgoing list [--year Y] [--json]`, `outgoing show ID [--json]`, `outgoing export ID -o F.pdf`
"""

from __future__ import annotations

import argparse
from pathlib import Path

from documents.files import read_bounded, write_output
from register.outgoing.placement import PlacementRefused
from store.clock import VN_TZ
from store.errors import InvalidInput
from ui.commands.incoming import day
from ui.commands.numbers import count, record_id
from ui.commands.signing import IMAGE_LIMIT, _open_key, _read

#: A draft is a document, not a book: what the import of a material allows.
DRAFT_LIMIT = 200 * 1024 * 1024
#: A dispatch's state in words (delivered: in the recipient's incoming register, registered there or not;
#: the cascade board says which); the codes stay in --json.
DISPATCH_WORDS = {"waiting": "chờ gửi", "delivered": "đã chuyển tới đơn vị nhận"}


def _key_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--p12", metavar="FILE", help="tệp chứng thư số .p12/.pfx")
    p.add_argument("--password-file", metavar="F", help="tệp chứa mật khẩu của tệp .p12")
    p.add_argument("--pkcs11-lib", metavar="PATH", help="thư viện PKCS#11 của USB token")
    p.add_argument("--token-label", metavar="L")
    p.add_argument("--key-label", metavar="K")
    p.add_argument("--pin-file", metavar="F", help="tệp chứa mã PIN của token")
    p.add_argument("--timestamp-url", metavar="URL", help="máy chủ dấu thời gian RFC 3161 (PAdES B-T)")


def register(sub) -> None:
    p = sub.add_parser("outgoing", help="văn bản đi: soạn thảo, xin ý kiến, duyệt, ký, cấp số, phát hành")
    osub = p.add_subparsers(dest="outgoing_command", metavar="ACTION", required=True)

    dp = osub.add_parser("draft", help="tạo dự thảo văn bản đi từ một tệp PDF")
    dp.add_argument("file", type=Path, metavar="FILE")
    dp.add_argument("--type", required=True, metavar="QĐ", help="loại văn bản (mã, tên hoặc chữ viết tắt)")
    dp.add_argument("--subject", required=True, metavar="T", help="trích yếu nội dung")
    dp.add_argument("--drafting-unit", required=True, type=record_id, metavar="U", help="đơn vị soạn thảo")
    dp.add_argument("--signer", required=True, type=record_id, metavar="P", help="người ký có thẩm quyền")
    dp.add_argument("--recipients", nargs="*", default=[], metavar="R", help="nơi nhận: mã đơn vị hoặc tên")
    dp.add_argument("--authority", default="", metavar="TM|KT|TL|Q", help="hình thức ký (để trống: ký tên mình)")
    dp.add_argument("--reviewers", nargs="*", type=record_id, default=[], metavar="P", help="người góp ý")
    dp.add_argument("--classification", default="thuong", metavar="C", help="độ mật: thuong, mat, toi_mat")
    dp.add_argument("--unit", type=record_id, metavar="U", help="cơ quan ban hành (mặc định: cơ quan của đơn vị soạn)")
    dp.add_argument("--reply-by", type=day, metavar="YYYY-MM-DD",
                    help="hạn báo cáo, trả lời của nơi nhận (thành hạn xử lý ở sổ đến của đơn vị nhận)")
    dp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID", help="người soạn thảo")
    dp.set_defaults(handler=run_draft)

    yp = osub.add_parser("reply-by", help="sửa hoặc bỏ hạn báo cáo, trả lời (trước khi phát hành)")
    yp.add_argument("outgoing_id", type=record_id, metavar="ID")
    yp.add_argument("date", type=day, nargs="?", metavar="YYYY-MM-DD")
    yp.add_argument("--none", action="store_true", help="bỏ hạn báo cáo, trả lời")
    yp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID")
    yp.set_defaults(handler=run_reply_by)

    rp = osub.add_parser("review", help="xin ý kiến (người soạn) hoặc góp ý (người được mời)")
    rp.add_argument("outgoing_id", type=record_id, metavar="ID")
    rp.add_argument("--reviewers", nargs="+", type=record_id, metavar="P")
    rp.add_argument("--comment", metavar="T")
    rp.add_argument("--agree", action="store_true", help="nhất trí với phiên bản hiện tại")
    rp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID")
    rp.set_defaults(handler=run_review)

    vp = osub.add_parser("revise", help="phiên bản mới tiếp thu các ý kiến góp ý")
    vp.add_argument("outgoing_id", type=record_id, metavar="ID")
    vp.add_argument("file", type=Path, metavar="FILE")
    vp.add_argument("--answer", default="", metavar="T", help="tiếp thu, giải trình thế nào")
    vp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID")
    vp.set_defaults(handler=run_revise)

    ap = osub.add_parser("approve", help="duyệt dự thảo để trình ký")
    ap.add_argument("outgoing_id", type=record_id, metavar="ID")
    ap.add_argument("--signature-at", type=_signature_at, metavar="TRANG:X1,Y1,X2,Y2",
                    help="vị trí ô ký (trang từ 1, tọa độ điểm PDF) khi không tìm thấy khối chữ ký trong văn bản")
    ap.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID")
    ap.set_defaults(handler=run_approve)

    sp = osub.add_parser("sign", help="người có thẩm quyền ký số văn bản đã duyệt")
    sp.add_argument("outgoing_id", type=record_id, metavar="ID")
    sp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID")
    sp.add_argument("--signature-image", metavar="PNG", help="ảnh chữ ký tay (PNG nền trong, màu xanh)")
    _key_args(sp)
    sp.set_defaults(handler=run_sign)

    lp = osub.add_parser("release", help="văn thư cấp số, ghi ngày, ký số của cơ quan và gửi đi")
    lp.add_argument("outgoing_id", type=record_id, metavar="ID")
    lp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID")
    lp.add_argument("--seal-image", metavar="PNG", help="ảnh con dấu (PNG nền trong, màu đỏ)")
    _key_args(lp)
    lp.set_defaults(handler=run_release)

    cp = osub.add_parser("cancel", help="hủy văn bản đã phát hành (số không được dùng lại)")
    cp.add_argument("outgoing_id", type=record_id, metavar="ID")
    cp.add_argument("--reason", required=True, metavar="T")
    cp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID")
    cp.set_defaults(handler=run_cancel)

    ls = osub.add_parser("list", help="danh sách văn bản đi")
    ls.add_argument("--year", type=count, metavar="Y")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)

    sh = osub.add_parser("show", help="một văn bản đi: phiên bản, ý kiến, nơi nhận, lịch sử")
    sh.add_argument("outgoing_id", type=record_id, metavar="ID")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=run_show)

    ep = osub.add_parser("export", help="ghi tệp đã phát hành (đúng như đã gửi đi)")
    ep.add_argument("outgoing_id", type=record_id, metavar="ID")
    ep.add_argument("-o", "--output", required=True, type=Path, metavar="F.pdf")
    ep.set_defaults(handler=run_export)


def _signature_at(text: str) -> tuple[int, tuple[float, float, float, float]]:
    try:
        page, coords = text.split(":", 1)
        x1, y1, x2, y2 = (float(v) for v in coords.split(","))
        number = int(page)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' không đúng dạng TRANG:X1,Y1,X2,Y2 (vd. 2:330,120,530,200) — "
            f"'{text}' is not PAGE:X1,Y1,X2,Y2 (e.g. 2:330,120,530,200)") from None
    if number < 1 or x2 - x1 < 40 or y2 - y1 < 30:
        raise argparse.ArgumentTypeError("trang từ 1; ô ký rộng ít nhất 40 và cao ít nhất 30 điểm — "
                                         "pages count from 1; a field is at least 40 wide and 30 high")
    return number - 1, (x1, y1, x2, y2)


def _pdf(path: Path):
    from documents.intake.service import inspect_pdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf

    return inspect_pdf(read_bounded(path, DRAFT_LIMIT))


def _print(info) -> None:
    number = info.symbol or "chưa có số"
    print(f"Văn bản đi #{info.id} [{number}] {info.subject} — {info.status.vi} ({info.status.value})")
    if info.reply_by:
        print(f"  Hạn báo cáo, trả lời: {info.reply_by:%d/%m/%Y}")


def run_draft(args, ctx) -> int:
    from register.outgoing.drafts import draft_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.signature_block import parse_authority  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    authority = parse_authority(args.authority)
    pdf = _pdf(args.file)
    store = ctx.store()
    with store.uow(args.actor) as uow:
        info = draft_outgoing(uow, pdf, filename=args.file.name, doc_type=args.type, subject=args.subject,
                              drafting_unit_id=args.drafting_unit, signer_id=args.signer, authority=authority,
                              recipients=args.recipients, classification=args.classification, unit_id=args.unit,
                              reviewer_ids=args.reviewers, reply_by=args.reply_by)
        uow.commit()
    _print(info)
    return 0


def run_reply_by(args, ctx) -> int:
    from register.outgoing.drafts import set_reply_by  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if (args.date is None) == (not args.none):
        raise InvalidInput("Cho biết một trong hai: ngày (YYYY-MM-DD) hoặc --none (bỏ hạn).",
                           "Give either a date (YYYY-MM-DD) or --none (no deadline).")
    store = ctx.store()
    with store.uow(args.actor) as uow:
        info = set_reply_by(uow, args.outgoing_id, args.date)
        uow.commit()
    _print(info)
    return 0


def run_review(args, ctx) -> int:
    from register.outgoing.drafts import ask_review, comment_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    asks, says = bool(args.reviewers), bool(args.comment or args.agree)
    if asks == says:
        raise InvalidInput("Cho biết một trong hai: --reviewers (xin ý kiến) hoặc --comment/--agree (góp ý).",
                           "Give either --reviewers (ask for review) or --comment/--agree (review).")
    store = ctx.store()
    with store.uow(args.actor) as uow:
        info = (ask_review(uow, args.outgoing_id, args.reviewers) if asks
                else comment_outgoing(uow, args.outgoing_id, args.comment or "", agrees=args.agree))
        uow.commit()
    _print(info)
    return 0


def run_revise(args, ctx) -> int:
    from register.outgoing.drafts import revise_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    pdf = _pdf(args.file)
    store = ctx.store()
    with store.uow(args.actor) as uow:
        info = revise_outgoing(uow, args.outgoing_id, pdf, filename=args.file.name, answer=args.answer)
        uow.commit()
    _print(info)
    return 0


def run_approve(args, ctx) -> int:
    from register.outgoing.release import approve_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    store = ctx.store()
    try:
        with store.uow(args.actor) as uow:
            info = approve_outgoing(uow, args.outgoing_id, signature_at=args.signature_at)
            uow.commit()
    except PlacementRefused as exc:  # the core says "place it yourself"; here that is an option
        raise PlacementRefused(f"{exc.vi} Dùng --signature-at TRANG:X1,Y1,X2,Y2 (điểm PDF).",
                               f"{exc.en} Use --signature-at PAGE:X1,Y1,X2,Y2 (PDF points).") from None
    _print(info)
    return 0


def run_sign(args, ctx) -> int:
    from register.outgoing.release import sign_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    image = _read(args.signature_image, "ảnh chữ ký", "signature image", IMAGE_LIMIT) if args.signature_image else None
    store = ctx.store()
    with _open_key(args) as key:
        info = sign_outgoing(store, args.outgoing_id, args.actor, key, signature_image_png=image,
                             timestamp_url=args.timestamp_url)
    _print(info)
    return 0


def run_release(args, ctx) -> int:
    from register.outgoing.release import release_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    seal = _read(args.seal_image, "ảnh con dấu", "seal image", IMAGE_LIMIT) if args.seal_image else None
    store = ctx.store()
    with _open_key(args) as key:
        info = release_outgoing(store, args.outgoing_id, args.actor, key, seal_image_png=seal,
                                timestamp_url=args.timestamp_url)
    _print(info)
    return 0


def run_cancel(args, ctx) -> int:
    from register.outgoing.release import cancel_release  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    store = ctx.store()
    with store.uow(args.actor) as uow:
        info = cancel_release(uow, args.outgoing_id, args.reason)
        uow.commit()
    _print(info)
    return 0


def run_list(args, ctx) -> int:
    from register.outgoing.queries import list_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        infos = list_outgoing(s, year=args.year)
    if args.json:
        ctx.print_json([i.as_json() for i in infos])
        return 0
    for info in infos:
        when = info.released_on.strftime("%d/%m/%Y") if info.released_on else "—"
        print(f"#{info.id:<5} {info.symbol or '(chưa có số)':<20} {when:<11} {info.status.vi:<22} {info.subject}")
    return 0


def run_show(args, ctx) -> int:
    from register.outgoing.queries import outgoing_detail  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        detail = outgoing_detail(s, args.outgoing_id)
    if args.json:
        ctx.print_json(detail.as_json())
        return 0
    _print(detail.info)
    for v in detail.versions:
        print(f"  v{v.version_no} {v.kind.vi}: {v.note} ({v.created_at.astimezone(VN_TZ).strftime('%H:%M %d/%m/%Y')})")
    for c in detail.comments:
        state = "nhất trí" if c.agrees else (f"đã tiếp thu ở v{c.answered_in_version_no}" if c.answered_in_version_no
                                             else "chưa tiếp thu")
        print(f"  Ý kiến của {c.author_name} về v{c.version_no}: {c.text} [{state}]")
    for d in detail.dispatches:
        print(f"  Gửi {d.recipient_name}: {DISPATCH_WORDS.get(d.status, d.status)}")
    return 0


def run_export(args, ctx) -> int:
    from register.outgoing.queries import released_version  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.read() as s:
        version = released_version(s, args.outgoing_id)
    write_output(args.output, store.blobs.get(version.sha256))
    print(f"Đã ghi {args.output} (phiên bản {version.version_no}, đúng như đã phát hành).")
    return 0
