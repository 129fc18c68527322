"""`nghisu meetings list|show`."""

from __future__ import annotations

from store.clock import VN_TZ
from ui.commands.numbers import record_id


def register(sub) -> None:
    p = sub.add_parser("meetings", help="cuộc họp: list, show")
    msub = p.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)
    lp = msub.add_parser("list", help="danh sách cuộc họp")
    lp.add_argument("--unit", type=record_id, metavar="UNIT_ID")
    lp.add_argument("--status")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(handler=run_list)
    sp = msub.add_parser("show", help="chi tiết một cuộc họp")
    sp.add_argument("meeting_id", type=record_id, metavar="ID")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(handler=run_show)


def run_list(args, ctx) -> int:
    from meetings.lifecycle import STATUS_VI, list_meetings  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        meetings = list_meetings(s, unit_id=args.unit, status=args.status)
    if args.json:
        ctx.print_json([m.as_json() for m in meetings])
        return 0
    for m in meetings:
        print(f"#{m.id} {m.starts_at.astimezone(VN_TZ).strftime('%d/%m/%Y %H:%M')} [{STATUS_VI[m.status]}] {m.title}")
    return 0


def run_show(args, ctx) -> int:
    from meetings.lifecycle import KIND_VI, STATUS_VI, get_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.sites import ROLE_VI  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        detail = get_meeting(s, args.meeting_id)
    if args.json:
        ctx.print_json(detail.as_json())
        return 0
    m = detail.meeting
    start = m.starts_at.astimezone(VN_TZ)
    print(f"{m.title}")
    print(f"  Đơn vị chủ trì: {detail.unit.name} · {KIND_VI[m.kind]} · {STATUS_VI[m.status]}")
    end = f" – {m.ends_at.astimezone(VN_TZ).strftime('%H:%M')}" if m.ends_at else ""
    print(f"  Thời gian: {start.strftime('%H:%M')}{end}, ngày {start.strftime('%d/%m/%Y')} · Địa điểm: {m.location}")
    if detail.sites:
        print(f"  Điểm cầu ({len(detail.sites)}):")
        for site in detail.sites:
            print(f"    - {site.name} ({site.level_name})")
    if detail.participants:
        print(f"  Thành phần ({len(detail.participants)}):")
        for part in detail.participants:
            print(f"    - {part.full_name}, {part.position} — {ROLE_VI[part.role]}")
    print(f"  Chương trình (tổng {detail.total_planned_minutes()} phút):")
    for node in detail.agenda_items():
        indent = "    " + "  " * node.number.count(".")
        minutes = f" ({node.planned_minutes} phút)" if node.planned_minutes else ""
        presenter = f" — {node.presenter}" if node.presenter else ""
        print(f"{indent}{node.number}. {node.title}{presenter}{minutes}")
    return 0
