"""`nghisu incoming cascade OUT_ID [--json]`: a document released to several units of the store,
and where it is in each one's incoming register (received, registered, assigned, answered),
with the units that have not (the "who hasn't" board): the date they were asked to answer by,
and the ones late (quá hạn) first; a unit that answered after the date is marked "trả lời muộn
N ngày" and counted apart. Registered by ``ui.commands.incoming``."""

from __future__ import annotations

from store.clock import VN_TZ


def run_cascade(args, ctx) -> int:
    from register.incoming.cascade import cascade_board  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    today = ctx.store().clock.now().astimezone(VN_TZ).date()
    with ctx.store().read() as s:
        board = cascade_board(s, args.outgoing_id, today=today)
    reply_by = board.reply_by
    if args.json:
        ctx.print_json({"outgoing_id": board.source_outgoing_id, "reply_by": reply_by.isoformat() if reply_by else None,
                        "counts": board.counts(), "units": [
            {"unit_id": r.unit_id, "unit": r.unit_name, "entry_id": r.entry_id, "received_at": r.received_at.isoformat(),
             "registered": r.registered, "number": r.number, "assigned": r.assigned, "handler": r.handler_name,
             "due_on": r.due_on.isoformat() if r.due_on else None,
             "answered": r.answered, "replying": r.replying, "reply_outgoing_id": r.reply_outgoing_id,
             "reply_due_on": r.reply_due_on.isoformat() if r.reply_due_on else None, "late": r.late(today),
             "answer_entry_id": r.answer_entry_id,
             "answered_on": r.answered_on.isoformat() if r.answered_on else None,
             "answered_late_days": r.late_days} for r in board.rows]})
        return 0
    if not board.rows:
        print(f"Văn bản đi #{args.outgoing_id} chưa gửi tới đơn vị nào trong kho.")
        return 0
    c = board.counts()
    drafting = f", đang soạn trả lời {c['replying']}" if c["replying"] else ""
    print(f"Văn bản đi #{board.source_outgoing_id}: gửi {c['units']} đơn vị — vào sổ {c['registered']}, "
          f"đã giao {c['assigned']}, đã trả lời {c['answered']}{drafting}")
    if reply_by is not None:
        late = f" — quá hạn {c['late']} đơn vị" if c["late"] else ""
        late += f" — trả lời muộn {c['answered_late']} đơn vị" if c["answered_late"] else ""
        print(f"Hạn báo cáo, trả lời: {reply_by:%d/%m/%Y}{late}")
    for r in board.rows:
        steps = " ".join(("✓" if ok else "·") + name for ok, name in (
            (True, "nhận"), (r.registered, "vào sổ"), (r.assigned, "giao"), (r.answered, "trả lời")))
        replying = " (đang soạn trả lời)" if r.replying else ""
        late = " QUÁ HẠN" if r.late(today) else (f" (trả lời muộn {r.late_days} ngày)" if r.late_days else "")
        print(f"  {r.unit_name:<28} {steps}{replying}{late}")
    for step, vi in (("registered", "chưa vào sổ"), ("assigned", "chưa giao xử lý"), ("answered", "chưa trả lời")):
        missing = board.missing(step)
        if missing:
            print(f"{vi.capitalize()}: " + ", ".join(r.unit_name for r in missing))
    return 0
