"""`nghisu incoming ...`: the incoming register (sổ văn bản đến) and the handling of what arrives.

- `incoming receive FILE --from SENDER --subject T [--symbol S] [--type T] [--date D] [--unit U]
  [--classification C] [--urgency U] [--as P] [--json]`: verify, register, number
- `incoming register ID`: register a document another unit of the store delivered
- `incoming assign ID --to P [--co P …] [--due D] [--note T]`, `incoming progress ID --note T`,
  `incoming done ID [--reply OUT_ID] [--note T]`
- `incoming reassign --from P --to Q [--unit U]`: ``ui.commands.incoming_reassign``
- `incoming list [--overdue] [--due-soon] [--needs-handler] [--unit U] [--year Y] [--status S] [--handler P]
  [--type T] [--series den|den_mat] [--from-date D] [--to-date D] [--search T] [--limit N] [--json]`
- `incoming show ID [--json]`, `incoming todo`, `incoming deadlines [--unit U]`,
  `incoming cascade OUT_ID`, `incoming export ID -o F.pdf`

The acting person is `--as P`; on a shared store it is the login's person by default.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from documents.files import write_output
from store.clock import VN_TZ
from store.errors import InvalidInput
from ui.commands.incoming_cascade import run_cascade
from ui.commands.incoming_reassign import add_reassign
from ui.commands.numbers import count, record_id

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def day(text: str) -> date:
    """A date as 2026-12-15 or 15/12/2026."""
    value = text.strip()
    try:
        m = _DMY.match(value)
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải ngày (viết 15/12/2026 hoặc 2026-12-15) — "
            f"'{text}' is not a date (write 15/12/2026 or 2026-12-15)") from None


def register(sub) -> None:
    p = sub.add_parser("incoming", help="sổ văn bản đến: nhận, vào sổ, giao xử lý, theo dõi hạn")
    isub = p.add_subparsers(dest="incoming_command", metavar="ACTION", required=True)

    rp = isub.add_parser("receive", help="nhận văn bản đến từ tệp PDF: kiểm tra chữ ký số, vào sổ, cấp số đến")
    rp.add_argument("file", type=Path, metavar="FILE")
    rp.add_argument("--from", dest="sender", metavar="UNIT", help="nơi gửi: tên cơ quan, hoặc mã đơn vị trong kho")
    rp.add_argument("--subject", metavar="T", help="trích yếu nội dung")
    rp.add_argument("--symbol", default="", metavar="S", help="số và ký hiệu văn bản, vd. 15/QĐ-UBND")
    rp.add_argument("--type", dest="doc_type", default="", metavar="T", help="loại văn bản (QĐ, CV, quyet_dinh …)")
    rp.add_argument("--date", dest="doc_date", type=day, metavar="D", help="ngày tháng của văn bản")
    rp.add_argument("--unit", type=record_id, metavar="U", help="đơn vị nhận (mặc định: đơn vị của người nhận)")
    rp.add_argument("--classification", default="thuong", metavar="C", help="độ mật: thuong, mat, toi_mat")
    rp.add_argument("--urgency", default="thuong", metavar="U", help="độ khẩn: thuong, khan, thuong_khan, hoa_toc")
    rp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="văn thư nhận văn bản")
    rp.add_argument("--json", action="store_true")
    rp.set_defaults(handler=run_receive)

    gp = isub.add_parser("register", help="vào sổ văn bản do đơn vị khác trong kho gửi đến")
    gp.add_argument("entry_id", type=record_id, metavar="ID")
    gp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    gp.set_defaults(handler=run_register)

    ap = isub.add_parser("assign", help="giao xử lý: người chủ trì, người phối hợp, hạn, bút phê")
    ap.add_argument("entry_id", type=record_id, metavar="ID")
    ap.add_argument("--to", dest="handler_person", type=record_id, required=True, metavar="P", help="người xử lý chính")
    ap.add_argument("--co", type=record_id, nargs="+", default=[], metavar="P", help="người phối hợp")
    ap.add_argument("--due", type=day, metavar="D",
                    help="hạn xử lý (mặc định: hạn nơi gửi đề nghị báo cáo, trả lời, nếu có)")
    ap.add_argument("--note", default="", metavar="T", help="ý kiến chỉ đạo (bút phê)")
    ap.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    ap.set_defaults(handler=run_assign)

    pp = isub.add_parser("progress", help="ghi tiến độ xử lý")
    pp.add_argument("entry_id", type=record_id, metavar="ID")
    pp.add_argument("--note", required=True, metavar="T")
    pp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    pp.set_defaults(handler=run_progress)

    dp = isub.add_parser("done", help="hoàn thành xử lý (kèm văn bản đi trả lời, nếu có)")
    dp.add_argument("entry_id", type=record_id, metavar="ID")
    dp.add_argument("--reply", type=record_id, metavar="OUT_ID", help="văn bản đi trả lời")
    dp.add_argument("--note", default="", metavar="T")
    dp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    dp.set_defaults(handler=run_done)

    add_reassign(isub)
    lp = isub.add_parser("list", help="danh sách văn bản đến (lọc, tìm kiếm, quá hạn)")
    lp.add_argument("--overdue", action="store_true", help="chỉ văn bản đã quá hạn xử lý")
    lp.add_argument("--needs-handler", action="store_true", help="chỉ văn bản người xử lý đã thôi nhiệm vụ, cần giao lại")
    lp.add_argument("--due-soon", action="store_true", help="chỉ văn bản sắp đến hạn: chưa quá hạn, hạn trong 3 ngày tới")
    lp.add_argument("--unit", type=record_id, metavar="U")
    lp.add_argument("--year", type=count, metavar="Y")
    lp.add_argument("--status", metavar="S", help="received, registered, assigned, done")
    lp.add_argument("--handler", dest="handler_person", type=record_id, metavar="P", help="người xử lý (chính hoặc phối hợp)")
    lp.add_argument("--type", dest="doc_type", metavar="T")
    lp.add_argument("--series", choices=("den", "den_mat"))
    lp.add_argument("--from-date", type=day, metavar="D", help="đến từ ngày")
    lp.add_argument("--to-date", type=day, metavar="D", help="đến hết ngày")
    lp.add_argument("--search", metavar="T", help="tìm trong số ký hiệu, nơi gửi, trích yếu và nội dung")
    lp.add_argument("--limit", type=count, default=100, metavar="N")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(handler=run_list)

    sp = isub.add_parser("show", help="một văn bản đến: sổ, chữ ký, lịch sử xử lý")
    sp.add_argument("entry_id", type=record_id, metavar="ID")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(handler=run_show)

    tp = isub.add_parser("todo", help="việc cần xử lý của một người")
    tp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    tp.add_argument("--json", action="store_true")
    tp.set_defaults(handler=run_todo)

    cp = isub.add_parser("deadlines", help="quá hạn và sắp đến hạn, theo người và theo đơn vị")
    cp.add_argument("--unit", type=record_id, metavar="U")
    cp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    cp.add_argument("--json", action="store_true")
    cp.set_defaults(handler=run_deadlines)

    bp = isub.add_parser("cascade", help="một văn bản gửi nhiều đơn vị: ai đã nhận, vào sổ, giao, trả lời")
    bp.add_argument("outgoing_id", type=record_id, metavar="OUT_ID")
    bp.add_argument("--json", action="store_true")
    bp.set_defaults(handler=run_cascade)

    ep = isub.add_parser("export", help="ghi tệp văn bản đến ra đĩa (đúng từng byte đã nhận)")
    ep.add_argument("entry_id", type=record_id, metavar="ID")
    ep.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    ep.set_defaults(handler=run_export)


def person_acting(ctx, args) -> int | None:
    from store.accounts import current_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if getattr(args, "actor", None) is not None:
        return int(args.actor)
    with ctx.store().read() as s:
        return current_person(s)


def _today(ctx) -> date:
    return ctx.store().clock.now().astimezone(VN_TZ).date()


def home_unit(ctx, actor: int | None, given: int | None) -> int:
    from register.incoming.access import register_unit_of  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if given is not None:
        return given
    if actor is None:
        raise InvalidInput("Cho biết đơn vị (--unit U) hoặc người thực hiện (--as P).",
                           "Give the unit (--unit U) or the acting person (--as P).")
    with ctx.store().read() as s:
        return register_unit_of(s, actor, _today(ctx))


def _sender(ctx, text: str | None) -> str:
    from store.directory.units import find_unit_by_code  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if not text or not text.strip():
        raise InvalidInput("Cần ghi nơi gửi: --from \"Bộ Nội vụ\" (hoặc mã một đơn vị trong kho).",
                           "Give the sender: --from \"Bộ Nội vụ\" (or the code of a unit in the store).")
    with ctx.store().read() as s:
        unit = find_unit_by_code(s, text.strip())
    return (unit.official_name or unit.name) if unit else text


def _line(e) -> str:
    from register.incoming.records import NEEDS_HANDLER_VI  # noqa: PLC0415 -- deferred for start-up: beside the register
    number = f"{e.number:>4}" if e.number is not None else "   —"
    due = f" hạn {e.due_on:%d/%m/%Y}" if e.due_on else ""
    who = f" — {e.handler_name}" if e.handler_name else ""
    who += f" ({NEEDS_HANDLER_VI})" if e.needs_handler else ""
    return (f"#{e.id:<5} số đến {number}  {e.received_on:%d/%m/%Y}  {e.doc_symbol or '(không số)'}  "
            f"{e.sender_name}: {e.subject}  [{e.status.vi}{due}{who}]")


def run_receive(args, ctx) -> int:
    from documents.intake.limits import DEFAULT_LIMITS, read_candidate  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.receive import receive_file  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.incoming.records import IncomingMeta  # noqa: PLC0415 -- deferred for start-up: beside receive_file
    from store.codes import Classification, Urgency  # noqa: PLC0415 -- deferred for start-up: beside receive_file

    try:
        classification, urgency = Classification(args.classification), Urgency(args.urgency)
    except ValueError:
        raise InvalidInput(f"Độ mật/độ khẩn không hợp lệ; độ mật: {Classification.choices_vi()}; "
                           "độ khẩn: thuong, khan, thuong_khan, hoa_toc.",
                           "Invalid classification or urgency; classification: thuong, mat, toi_mat; "
                           "urgency: thuong, khan, thuong_khan, hoa_toc.") from None
    data = read_candidate(args.file, DEFAULT_LIMITS)
    actor = person_acting(ctx, args)
    unit_id = home_unit(ctx, actor, args.unit)
    meta = IncomingMeta(_sender(ctx, args.sender), args.subject or "", args.symbol, args.doc_type, args.doc_date,
                        classification, urgency)
    outcome = receive_file(ctx.store(), unit_id, data, meta, filename=args.file.name, actor_id=actor)
    e = outcome.entry
    if args.json:
        ctx.print_json({**e.as_json(), "duplicate": outcome.duplicate, "verdict": e.verdict})
        return 0
    # A duplicate is one line naming the entry it was linked to; the entry itself is `incoming show`.
    if outcome.duplicate and e.number is None:  # delivered by another unit of the store, not registered yet
        print(f"Văn bản này đã nhận, trùng với văn bản đến #{e.id}, đang chờ vào sổ: nghisu incoming register {e.id}; "
              f"không nhận lần nữa, đã ghi lần nhận này vào lịch sử — a duplicate of incoming entry #{e.id}, "
              "waiting to be registered; this arrival was linked to it.")
        return 0
    if outcome.duplicate:
        print(f"Văn bản này đã có trong sổ: trùng với văn bản đến #{e.id} (số đến {e.number}/{e.year}); không vào sổ "
              f"lần nữa, đã ghi lần nhận này vào lịch sử — a duplicate of incoming entry #{e.id} (number "
              f"{e.number}/{e.year}): not registered again, this arrival was linked to it.")
        return 0
    print(f"Đã vào sổ văn bản đến số {e.number}/{e.year} (#{e.id}); chữ ký số: {_verdict(e.verdict)}.")
    print(_line(e))
    return 0


def run_register(args, ctx) -> int:
    from register.incoming.receive import register_received  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(person_acting(ctx, args)) as uow:
        e = register_received(uow, args.entry_id)
        uow.commit()
    print(f"Đã vào sổ văn bản đến số {e.number}/{e.year} (#{e.id}).")
    return 0


def run_assign(args, ctx) -> int:
    from register.incoming.handling import assign  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(person_acting(ctx, args)) as uow:
        e = assign(uow, args.entry_id, handler_id=args.handler_person, co_handler_ids=args.co, due_on=args.due,
                   instruction=args.note)
        uow.commit()
    print(f"Đã giao xử lý văn bản đến số {e.number}: {e.handler_name}, hạn {e.due_on:%d/%m/%Y}.")
    return 0


def run_progress(args, ctx) -> int:
    from register.incoming.handling import record_progress  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(person_acting(ctx, args)) as uow:
        e = record_progress(uow, args.entry_id, args.note)
        uow.commit()
    print(f"Đã ghi tiến độ văn bản đến số {e.number}.")
    return 0


def run_done(args, ctx) -> int:
    from register.incoming.handling import mark_done  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(person_acting(ctx, args)) as uow:
        e = mark_done(uow, args.entry_id, reply_outgoing_id=args.reply, note=args.note)
        uow.commit()
    reply = f", trả lời bằng văn bản đi #{e.reply_outgoing_id}" if e.reply_outgoing_id else ""
    print(f"Văn bản đến số {e.number} đã xử lý xong{reply}.")
    return 0


def _status(text: str | None):  # noqa: ANN202 -- IncomingStatus, deferred
    from store.codes import IncomingStatus  # noqa: PLC0415 -- deferred for start-up: beside the list

    if text is None:
        return None
    try:
        return IncomingStatus(text)
    except ValueError:
        known = ", ".join(f"{s.value} ({s.vi})" for s in IncomingStatus)
        raise InvalidInput(f"Trạng thái '{text}' không có; chọn: {known}.",
                           f"There is no status '{text}'; choose: {', '.join(s.value for s in IncomingStatus)}.") from None


def run_list(args, ctx) -> int:
    from register.incoming.lists import IncomingFilter, count_incoming, list_incoming  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.receive import parse_incoming_type  # noqa: PLC0415 -- deferred for start-up

    if args.overdue and args.due_soon:  # together they could only list nothing
        raise InvalidInput("--overdue và --due-soon không dùng cùng nhau: sắp đến hạn là chưa quá hạn; hãy chọn một.",
                           "--overdue and --due-soon exclude each other: due soon means not overdue yet; choose one.")
    today = _today(ctx)
    f = IncomingFilter(unit_id=args.unit, year=args.year, series=args.series,
                       doc_type=parse_incoming_type(args.doc_type) if args.doc_type else None, handler_id=args.handler_person,
                       status=_status(args.status), received_from=args.from_date, received_to=args.to_date,
                       text=args.search, overdue_on=today if args.overdue else None,
                       due_soon_on=today if args.due_soon else None,
                       needs_handler_on=today if args.needs_handler else None)
    with ctx.store().read() as s:
        entries = list_incoming(s, f, limit=args.limit, today=today)
        waiting = count_incoming(s, IncomingFilter(unit_id=args.unit, needs_handler_on=today))
    if args.json:
        ctx.print_json([e.as_json() for e in entries])
        return 0
    if not entries:
        print("Không có văn bản đến nào khớp — no incoming document matches.")
    for e in entries:
        mark = " QUÁ HẠN" if e.overdue(today) else ""
        print(_line(e) + mark)
    if waiting:  # the văn thư's cue, whatever the filter showed
        print(f"{waiting} văn bản đến có người xử lý đã thôi nhiệm vụ, cần giao lại (nghisu incoming list --needs-handler; "
              f"nghisu incoming reassign --from P --to Q) — {waiting} whose handler left the unit: reassign them.")
    return 0


def _show_json(e, events) -> dict[str, Any]:
    return {**e.as_json(), "year": e.year, "channel": str(e.channel), "doc_type": e.doc_type,
            "doc_date": e.doc_date.isoformat() if e.doc_date else None, "classification": str(e.classification),
            "urgency": str(e.urgency), "verdict": e.verdict, "file_sha256": e.file_sha256, "page_count": e.page_count,
            "sender_unit_id": e.sender_unit_id, "source_outgoing_id": e.source_outgoing_id,
            "reply_due_on": e.reply_due_on.isoformat() if e.reply_due_on else None,
            "co_handler_ids": list(e.co_handler_ids), "instruction": e.instruction,
            "reply_outgoing_id": e.reply_outgoing_id,
            "history": [{"at": h.at.isoformat(), "person_id": h.person_id, "person": h.person_name,
                         "kind": str(h.kind), "note": h.note, "details": h.details} for h in events]}


def _verdict(code: str) -> str:
    """A verdict as `nghisu verify` words it (the code itself stays in --json)."""
    from ui.commands.verify import VERDICT_WORDS  # noqa: PLC0415 -- deferred for start-up: beside the report

    return VERDICT_WORDS[code][0] if code in VERDICT_WORDS else code


def run_show(args, ctx) -> int:
    from register.incoming.entries import get_incoming, history, verification_of  # noqa: PLC0415 -- deferred for start-up

    with ctx.store().read() as s:
        e = get_incoming(s, args.entry_id, _today(ctx))
        events = history(s, args.entry_id)
        report = verification_of(s, args.entry_id)
    if args.json:
        ctx.print_json({**_show_json(e, events), "verification": report.to_dict()})
        return 0
    print(_line(e))
    if e.needs_handler:
        print(f"Văn thư giao lại: nghisu incoming reassign --from {e.handler_id} --to Q — the clerk reassigns it.")
    print(f"Chữ ký số khi nhận: {_verdict(e.verdict)}")
    for sig in report.signatures:
        print(f"  - {sig.signer or '?'}: {_verdict(sig.verdict)}")
    if e.instruction:
        print(f"Bút phê: {e.instruction}")
    if e.reply_due_on:
        print(f"Nơi gửi đề nghị báo cáo, trả lời trước ngày {e.reply_due_on:%d/%m/%Y}")
    print("Lịch sử:")
    for h in events:
        note = f": {h.note}" if h.note else ""
        print(f"  {h.at.astimezone(VN_TZ):%H:%M %d/%m/%Y}  {h.person_name or '—'}  {h.kind.vi}{note}")
    return 0


def run_todo(args, ctx) -> int:
    from register.incoming.lists import work_to_do  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    actor = person_acting(ctx, args)
    if actor is None:
        raise InvalidInput("Cho biết người cần xem việc (--as P).", "Say whose work to list (--as P).")
    today = _today(ctx)
    with ctx.store().read() as s:
        entries = work_to_do(s, actor)
    if args.json:
        ctx.print_json([{**e.as_json(), "overdue": e.overdue(today), "due_soon": e.due_soon(today)} for e in entries])
        return 0
    if not entries:
        print("Không có việc cần xử lý — nothing to handle.")
    for e in entries:
        mark = " QUÁ HẠN" if e.overdue(today) else " sắp đến hạn" if e.due_soon(today) else ""
        print(_line(e) + mark)
    return 0


def run_deadlines(args, ctx) -> int:
    from register.incoming.lists import deadline_counts, handlers_gone  # noqa: PLC0415 -- deferred for start-up

    unit_id = home_unit(ctx, person_acting(ctx, args), args.unit)
    with ctx.store().read() as s:
        counts, gone = deadline_counts(s, unit_id, _today(ctx)), handlers_gone(s, unit_id, _today(ctx))
    if args.json:
        ctx.print_json([{"person_id": c.person_id, "name": c.name, "open": c.open, "overdue": c.overdue,
                         "due_soon": c.due_soon, "needs_handler": c.person_id in gone} for c in counts])
        return 0
    for c in counts:
        who = c.name if c.person_id is not None or c.name else "Cả đơn vị"
        left = "   đã thôi nhiệm vụ — cần giao lại" if c.person_id in gone else ""
        print(f"{who:<32} đang xử lý {c.open:>4}   quá hạn {c.overdue:>4}   sắp đến hạn {c.due_soon:>4}{left}")
    return 0


def run_export(args, ctx) -> int:
    from register.incoming.entries import get_incoming  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.read() as s:
        e = get_incoming(s, args.entry_id)
    path = write_output(args.output, store.blobs.get(e.file_sha256))
    print(f"Đã ghi {path} ({e.size} byte).")
    return 0
