"""Materials from the command line: import, documents list, search, book, publish, receipts, recall."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from documents.active_content import describe
from documents.doctypes import doc_type_name, parse_doc_type
from documents.records import DocumentMeta
from documents.search.service import search
from store.codes import Classification
from ui.commands.numbers import count, record_id


def register(sub) -> None:
    p = sub.add_parser("import", help="nhập tệp PDF (hoặc Word/Excel/PowerPoint) vào một mục chương trình")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--meeting", type=record_id, required=True, metavar="ID")
    p.add_argument("--item", metavar="NUMBER", help="số mục chương trình, ví dụ 2.1")
    p.add_argument("--title")
    p.add_argument("--type", default="khac", help="loại văn bản: Tờ trình, Báo cáo, QĐ, … (mặc định: khác)")
    p.add_argument("--number", default="", help="số, ký hiệu, ví dụ 45/TTr-UBND")
    p.add_argument("--issuer", default="", help="cơ quan ban hành")
    p.add_argument("--date", type=date.fromisoformat, help="ngày ban hành YYYY-MM-DD")
    p.add_argument("--classification", default=Classification.THUONG.value, choices=[c.value for c in Classification])
    p.add_argument("--password-file", type=Path, help="mật khẩu của PDF được mã hóa")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    p.set_defaults(handler=run_import)

    p = sub.add_parser("documents", help="tài liệu của cuộc họp")
    dsub = p.add_subparsers(dest="documents_command", metavar="ACTION", required=True)
    lp = dsub.add_parser("list")
    lp.add_argument("--meeting", type=record_id, required=True, metavar="ID")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(handler=run_list)

    p = sub.add_parser("search", help="tìm trong toàn văn tài liệu (có dấu hoặc không dấu)")
    p.add_argument("query")
    p.add_argument("--meeting", type=record_id, metavar="ID")
    p.add_argument("--unit", type=record_id, metavar="UNIT_ID")
    p.add_argument("--type")
    p.add_argument("--limit", type=count, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_search)

    p = sub.add_parser("book", help="tạo tập tài liệu cuộc họp (một tệp PDF)")
    p.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.add_argument("--watermark", metavar="NAME", help="in tên người nhận chìm trên mọi trang")
    p.set_defaults(handler=run_book)

    p = sub.add_parser("publish", help="phát hành cuộc họp và gửi tài liệu tới mọi đại biểu, điểm cầu")
    p.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    p.set_defaults(handler=run_publish)

    p = sub.add_parser("receipts", help="ai đã nhận, đã mở tài liệu")
    p.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_receipts)

    p = sub.add_parser("recall", help="thu hồi tài liệu mật sau khi cuộc họp kết thúc")
    p.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    p.add_argument("--document", type=record_id, action="append", metavar="ID")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    p.set_defaults(handler=run_recall)


def run_import(args, ctx) -> int:
    from meetings.materials import import_materials  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from ui.commands.signing import _secret  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

    password = (_secret(str(args.password_file), "tệp mật khẩu", "password file").decode("utf-8", "replace").strip()
                if args.password_file else None)
    doc_type = parse_doc_type(args.type)
    batch = []
    for file in args.files:
        title = args.title if args.title and len(args.files) == 1 else Path(file).stem.replace("_", " ")
        batch.append((file, DocumentMeta(title=title, doc_type=doc_type, number=args.number, issuing_unit=args.issuer,
                                         issued_on=args.date, classification=args.classification)))
    # All or none: every file is checked before any is stored (README, "Importing materials").
    for imported in import_materials(ctx.store(), args.actor, args.meeting, args.item, batch, password=password):
        info = imported.document
        print(f"Đã nhập #{info.id} '{info.title}' ({info.current_version.page_count} trang) "
              f"vào cuộc họp #{info.meeting_id}" + (f", mục {args.item}" if args.item else ""))
        if imported.active_content:
            vi, en = describe(imported.active_content)
            print(f"  Lưu ý: tệp có nội dung chủ động ({vi}); bản gốc được lưu nguyên như khi nhập, còn tập tài "
                  f"liệu gửi đại biểu không mang nội dung này — Note: the file has active content ({en}); the "
                  "original is kept as imported, the meeting book sent to members carries none of it.")
    return 0


def run_list(args, ctx) -> int:
    from meetings.materials import meeting_materials  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    rows = meeting_materials(ctx.store(), args.meeting)
    if args.json:
        ctx.print_json([{**r.document.as_json(), "item": r.item_number, "delivered": r.delivered, "opened": r.opened}
                        for r in rows])
        return 0
    for r in rows:
        d = r.document
        recalled = " [đã thu hồi]" if d.recalled_at else ""
        print(f"#{d.id} mục {r.item_number or '-'} · {doc_type_name(d.doc_type)} {d.number} · {d.title} · "
              f"{Classification(d.classification).vi} · v{d.current_version.version_no} · "
              f"{d.current_version.page_count} trang · {r.opened}/{r.delivered} đã mở{recalled}")
    return 0


def run_search(args, ctx) -> int:
    with ctx.store().read() as s:
        hits = search(s, args.query, meeting_id=args.meeting, unit_id=args.unit,
                      doc_type=parse_doc_type(args.type) if args.type else None, limit=args.limit)
    if args.json:
        ctx.print_json([{"document_id": h.document_id, "title": h.title, "page": h.page, "snippet": h.snippet,
                         "meeting_id": h.meeting_id, "number": h.number} for h in hits])
        return 0
    if not hits:
        print("Không tìm thấy — no match")
    for h in hits:
        print(f"#{h.document_id} {h.number} {h.title} — trang {h.page}\n    {h.snippet}")
    return 0


def run_book(args, ctx) -> int:
    from meetings.book import compile_meeting_book  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r  {done}/{total}", end="", file=sys.stderr, flush=True)

    result = compile_meeting_book(ctx.store(), args.meeting_id, args.output, watermark_for=args.watermark,
                                  progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Đã tạo {result.path}: {result.page_count} trang, {len(result.documents)} tài liệu, "
          f"{result.size / 1048576:.1f} MiB")
    return 0


def run_publish(args, ctx) -> int:
    from meetings.materials import publish_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.uow(args.actor) as uow:
        summary, sent = publish_meeting(uow, args.meeting_id)
        uow.commit()
    print(f"Đã phát hành '{summary.title}'; {sent} lượt gửi tài liệu.")
    return 0


def run_receipts(args, ctx) -> int:
    from documents.circulation import receipts_by_site, receipts_for_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.lifecycle import get_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        detail = get_meeting(s, args.meeting_id)
        sites = receipts_by_site(s, args.meeting_id, detail.unit.name)
        people = receipts_for_meeting(s, args.meeting_id)
    if args.json:
        ctx.print_json({"sites": [x.as_json() for x in sites], "receipts": [p.as_json() for p in people]})
        return 0
    print(f"{detail.unit.official_name} — {detail.meeting.title}")
    for site in sites:
        print(f"  {site.line()}")
    waiting: dict[str, list[int]] = {}
    for p in people:
        if p.first_opened_at is None:
            waiting.setdefault(p.full_name, []).append(p.document_id)
    if waiting:
        print("  Chưa mở:")
        for name, docs in waiting.items():
            print(f"    - {name}: tài liệu {', '.join(f'#{d}' for d in docs)}")
    return 0


def run_recall(args, ctx) -> int:
    from meetings.materials import recall_classified  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.uow(args.actor) as uow:
        recalled = recall_classified(uow, args.meeting_id, args.document)
        uow.commit()
    print(f"Đã thu hồi {len(recalled)} tài liệu mật." if recalled else "Không có tài liệu mật nào cần thu hồi.")
    return 0
