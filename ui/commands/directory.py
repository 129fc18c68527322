"""`nghisu units` and `nghisu people`: the directory of units and officials."""

from __future__ import annotations

from ui.commands.directory_edit import register_people, register_units
from ui.commands.numbers import record_id
from ui.commands.whoami import register_whoami


def register(sub) -> None:
    p = sub.add_parser("units", help="đơn vị: danh sách; add, edit, merge, move, dissolve")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_units)
    register_units(p.add_subparsers(dest="units_command", metavar="ACTION"))
    p = sub.add_parser("people", help="cán bộ: danh sách; add, edit, role")
    p.add_argument("--unit", type=record_id, metavar="UNIT_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_people)
    p.actions = p.add_subparsers(dest="people_command", metavar="ACTION")  # `security` adds its login actions here
    register_people(p.actions)
    register_whoami(p.actions)


def run_units(args, ctx) -> int:
    from store.directory import list_schemes, list_units  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        units = list_units(s)
        levels = {(lv.scheme, lv.code): lv.short for sc in list_schemes(s) for lv in sc.levels}
    if args.json:
        ctx.print_json([u.as_json() for u in units])
        return 0
    children: dict[int | None, list] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u)

    def show(parent: int | None, depth: int) -> None:
        for u in children.get(parent, []):
            print(f"{'  ' * depth}#{u.id} {u.name} (cấp {levels.get((u.scheme, u.level), u.level)}, mã {u.code})")
            show(u.id, depth + 1)

    show(None, 0)
    return 0


def run_people(args, ctx) -> int:
    from store.directory import list_persons  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        people = list_persons(s, unit_id=args.unit)
    if args.json:
        ctx.print_json([{"id": p.id, "full_name": p.full_name, "position": p.position,
                         "unit_id": p.unit_id, "email": p.email} for p in people])
        return 0
    for p in people:
        print(f"#{p.id} {p.full_name} — {p.position} (đơn vị #{p.unit_id}) {p.email or ''}")
    return 0
