"""`nghisu incoming reassign --from P --to Q [--unit U] [--as VAN_THU] [--json]`: the văn thư
gives every open incoming document of P in the unit (P transferred, retired: their role ended)
to Q, who must work in the unit now; refused in one line otherwise. Registered by
``ui.commands.incoming``."""

from __future__ import annotations

from ui.commands.numbers import record_id


def add_reassign(isub) -> None:
    xp = isub.add_parser("reassign", help="văn thư giao lại mọi văn bản đang xử lý của một người (đã chuyển công tác, "
                         "nghỉ hưu) cho người khác của đơn vị")
    xp.add_argument("--from", dest="from_person", type=record_id, required=True, metavar="P", help="người đang giữ việc")
    xp.add_argument("--to", dest="to_person", type=record_id, required=True, metavar="Q",
                    help="người nhận việc: đang công tác ở đơn vị")
    xp.add_argument("--unit", type=record_id, metavar="U", help="đơn vị (mặc định: sổ văn thư đang giữ)")
    xp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="văn thư của đơn vị")
    xp.add_argument("--json", action="store_true")
    xp.set_defaults(handler=run_reassign)


def run_reassign(args, ctx) -> int:
    from register.incoming.handling import reassign  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from ui.commands.incoming import home_unit, person_acting  # noqa: PLC0415 -- the module that registers this one

    actor = person_acting(ctx, args)
    unit_id = home_unit(ctx, actor, args.unit)
    with ctx.store().uow(actor) as uow:
        moved = reassign(uow, from_id=args.from_person, to_id=args.to_person, unit_id=unit_id)
        uow.commit()
    if args.json:
        ctx.print_json({"unit_id": moved.unit_id, "from_id": moved.from_id, "to_id": moved.to_id,
                        "handled": list(moved.handled), "co_handled": list(moved.co_handled)})
        return 0
    if not (moved.handled or moved.co_handled):
        print(f"Người #{moved.from_id} không giữ văn bản đến nào đang xử lý ở đơn vị #{moved.unit_id}; không có gì để "
              f"giao lại — person #{moved.from_id} holds no open incoming document of unit #{moved.unit_id}.")
        return 0
    print(f"Đã giao lại cho {moved.to_name}: {len(moved.handled)} văn bản xử lý chính, {len(moved.co_handled)} "
          f"văn bản phối hợp — reassigned to {moved.to_name}: {len(moved.handled)} as main handler, "
          f"{len(moved.co_handled)} as co-handler.")
    return 0
