"""Changing the directory from the command line: ``nghisu units add|edit|merge|move|dissolve``
and ``nghisu people add|edit|role``.

A unit may be named by its number or its code. Every change runs in one unit of work: a
refusal (a commune under a commune, a merge into itself, a name already taken, an unknown
level) is one line on stderr, exit 2, and nothing is written.
"""

from __future__ import annotations

import re
from datetime import date

from store.errors import InvalidInput
from ui.commands.numbers import record_id

DATE_HELP = "ngày YYYY-MM-DD hoặc dd/mm/yyyy"
UNIT_FIELDS = ("name", "official_name", "short_name", "place_name", "abbreviation")


def parse_day(text: str) -> date:
    """A date as offices write it (05/03/2025) or as ISO (2025-03-05)."""
    value = text.strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"Ngày '{text}' không hợp lệ; viết dd/mm/yyyy hoặc YYYY-MM-DD.",
                           f"Date '{text}' is not valid; write dd/mm/yyyy or YYYY-MM-DD.") from None


def unit_ref(session, ref: str) -> int:
    """A unit by number or code; an unknown one is refused naming what was typed."""
    from store.directory import find_unit_by_code, get_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    text = ref.strip()
    if text.isdigit():
        return get_unit(session, int(text)).id
    found = find_unit_by_code(session, text)
    if found is None:
        raise InvalidInput(f"Không có đơn vị mã '{text}' (xem: nghisu units).", f"There is no unit with code '{text}'.")
    return found.id


def _reorg_args(p) -> None:
    p.add_argument("--effective", required=True, metavar="DATE", help=f"ngày có hiệu lực ({DATE_HELP})")
    p.add_argument("--decision", required=True, help="quyết định/nghị quyết sắp xếp (số, ngày, cơ quan ban hành)")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    p.add_argument("--json", action="store_true")


def _name_args(p) -> None:
    p.add_argument("--name", help="tên đơn vị (Tỉnh Quảng Trị, Sở Tài chính)")
    p.add_argument("--official-name", help="tên chính thức trên văn bản (Ủy ban nhân dân tỉnh Quảng Trị)")
    p.add_argument("--short-name", help="tên viết gọn (UBND tỉnh Quảng Trị)")
    p.add_argument("--place-name", help="địa danh ở dòng ngày tháng (Quảng Trị)")
    p.add_argument("--abbreviation", help="chữ viết tắt trong ký hiệu văn bản (UBND, STC, VP)")


def register_units(usub) -> None:
    ap = usub.add_parser("add", help="thêm đơn vị (cơ quan hành chính, văn phòng, sở, ban)")
    ap.add_argument("--code", required=True, help="mã đơn vị, duy nhất (QT, QT-DH)")
    _name_args(ap)
    ap.add_argument("--level", help="cấp, theo hệ thống cấp của kho (xem: nghisu units --json)")
    ap.add_argument("--parent", metavar="UNIT", help="đơn vị cấp trên (số hoặc mã)")
    ap.add_argument("--kind", default="administrative", help="administrative, office, agency, board")
    ap.add_argument("--scheme", help="hệ thống cấp (mặc định: hệ thống hiện hành của kho)")
    ap.add_argument("--identifier", help="mã định danh QCVN 102:2016/BTTTT (000.00.00.H48)")
    ap.add_argument("--valid-from", metavar="DATE", help=f"ngày bắt đầu hoạt động ({DATE_HELP})")
    ap.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    ap.add_argument("--json", action="store_true")
    ap.set_defaults(handler=run_unit_add)
    ep = usub.add_parser("edit", help="sửa thông tin đơn vị; với --effective: đổi tên từ ngày đó (giữ tên cũ cho văn bản cũ)")
    ep.add_argument("unit", metavar="UNIT")
    _name_args(ep)
    ep.add_argument("--code")
    ep.add_argument("--identifier")
    ep.add_argument("--effective", metavar="DATE", help=f"đổi tên có hiệu lực từ ngày ({DATE_HELP}); cần --decision")
    ep.add_argument("--decision")
    ep.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    ep.add_argument("--json", action="store_true")
    ep.set_defaults(handler=run_unit_edit)
    mp = usub.add_parser("merge", help="hợp nhất: các đơn vị kết thúc, đơn vị --into kế thừa")
    mp.add_argument("sources", nargs="+", metavar="UNIT")
    mp.add_argument("--into", required=True, metavar="UNIT", help="đơn vị kế thừa (đã có, hoặc vừa thêm bằng units add)")
    _reorg_args(mp)
    mp.set_defaults(handler=run_unit_merge)
    vp = usub.add_parser("move", help="chuyển đơn vị sang đơn vị cấp trên khác")
    vp.add_argument("unit", metavar="UNIT")
    vp.add_argument("--parent", required=True, metavar="UNIT")
    vp.add_argument("--level", help="cấp mới, nếu cấp thay đổi")
    _reorg_args(vp)
    vp.set_defaults(handler=run_unit_move)
    dp = usub.add_parser("dissolve", help="giải thể đơn vị; cán bộ và việc còn lại chuyển cho --successor")
    dp.add_argument("unit", metavar="UNIT")
    dp.add_argument("--successor", metavar="UNIT")
    _reorg_args(dp)
    dp.set_defaults(handler=run_unit_dissolve)


def _show_unit(ctx, args, info, verb: str) -> int:
    if args.json:
        ctx.print_json(info.as_json())
    else:
        print(f"{verb} #{info.id} {info.name} (mã {info.code})")
    return 0


def run_unit_add(args, ctx) -> int:
    from store.directory import create_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        parent = unit_ref(uow.session, args.parent) if args.parent else None
        if not args.name:
            raise InvalidInput("Cần có tên đơn vị (--name).", "A unit needs a name (--name).")
        info = create_unit(uow, code=args.code, name=args.name, level=args.level, parent_id=parent, kind=args.kind,
                           scheme=args.scheme, official_name=args.official_name, short_name=args.short_name,
                           place_name=args.place_name, abbreviation=args.abbreviation, identifier=args.identifier,
                           valid_from=parse_day(args.valid_from) if args.valid_from else None)
        uow.commit()
    return _show_unit(ctx, args, info, "Đã thêm")


def run_unit_edit(args, ctx) -> int:
    from store.directory import edit_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.reorganisation import rename_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    names = {f: getattr(args, f) for f in UNIT_FIELDS if getattr(args, f) is not None}
    with ctx.store().uow(args.actor) as uow:
        unit_id = unit_ref(uow.session, args.unit)
        if args.effective or args.decision:
            if not (args.effective and args.decision):
                raise InvalidInput("Đổi tên theo quyết định cần cả --effective và --decision.",
                                   "A renaming needs both --effective and --decision.")
            if args.code is not None or args.identifier is not None:
                raise InvalidInput("Mã và mã định danh là sửa thông tin, không đổi theo quyết định; sửa riêng, không kèm --effective.",
                                   "Code and identifier are corrections; change them without --effective.")
            info = rename_unit(uow, unit_id, effective_on=parse_day(args.effective), decision=args.decision, **names)
        else:
            changes = dict(names)
            if args.code is not None:
                changes["code"] = args.code
            if args.identifier is not None:
                changes["identifier"] = args.identifier
            if not changes:
                raise InvalidInput("Không có gì để sửa; xem: nghisu units edit --help.", "Nothing to change.")
            info = edit_unit(uow, unit_id, **changes)
        uow.commit()
    return _show_unit(ctx, args, info, "Đã sửa")


def run_unit_merge(args, ctx) -> int:
    from meetings.handover import merge  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        sources = [unit_ref(uow.session, r) for r in args.sources]
        into = unit_ref(uow.session, args.into)
        handover = merge(uow, sources, into, effective_on=parse_day(args.effective), decision=args.decision)
        uow.commit()
    if args.json:
        ctx.print_json({"reorganisation_id": handover.reorganisation_id, "units": [u.as_json() for u in handover.units]})
    else:
        *ended, successor = handover.units
        print(f"Đã hợp nhất {', '.join(u.name for u in ended)} vào {successor.name} "
              f"từ {handover.effective_on:%d/%m/%Y}")
    return 0


def run_unit_move(args, ctx) -> int:
    from store.directory.reorganisation import move_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        info = move_unit(uow, unit_ref(uow.session, args.unit), unit_ref(uow.session, args.parent),
                         effective_on=parse_day(args.effective), decision=args.decision, level=args.level)
        uow.commit()
    return _show_unit(ctx, args, info, "Đã chuyển")


def run_unit_dissolve(args, ctx) -> int:
    from meetings.handover import dissolve  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        successor = unit_ref(uow.session, args.successor) if args.successor else None
        handover = dissolve(uow, unit_ref(uow.session, args.unit), effective_on=parse_day(args.effective),
                            decision=args.decision, successor_id=successor)
        uow.commit()
    if args.json:
        ctx.print_json({"reorganisation_id": handover.reorganisation_id, "units": [u.as_json() for u in handover.units]})
    else:
        print(f"Đã giải thể {handover.units[0].name} từ {handover.effective_on:%d/%m/%Y}")
    return 0


# -- people ------------------------------------------------------------------------------------
def register_people(psub) -> None:
    ap = psub.add_parser("add", help="thêm cán bộ")
    ap.add_argument("--name", required=True, help="họ và tên")
    ap.add_argument("--position", default="", help="chức vụ (Giám đốc Sở Tài chính)")
    ap.add_argument("--unit", dest="unit_ref", required=True, metavar="UNIT", help="đơn vị công tác (số hoặc mã)")
    ap.add_argument("--email")
    ap.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    ap.add_argument("--json", action="store_true")
    ap.set_defaults(handler=run_person_add)
    ep = psub.add_parser("edit", help="sửa thông tin cán bộ")
    ep.add_argument("person_id", type=record_id, metavar="PERSON_ID")
    ep.add_argument("--name")
    ep.add_argument("--position")
    ep.add_argument("--unit", dest="unit_ref", metavar="UNIT")
    ep.add_argument("--email")
    ep.add_argument("--inactive", action="store_true", help="thôi công tác")
    ep.add_argument("--active", action="store_true", help="công tác trở lại")
    ep.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    ep.add_argument("--json", action="store_true")
    ep.set_defaults(handler=run_person_edit)
    rp = psub.add_parser("role", help="giao (hoặc kết thúc, với --end) vai trò của cán bộ ở một đơn vị")
    rp.add_argument("person_id", type=record_id, metavar="PERSON_ID")
    rp.add_argument("--unit", dest="unit_ref", required=True, metavar="UNIT")
    rp.add_argument("--role", required=True, help="van_thu, thu_ky, lanh_dao, chuyen_vien, dai_bieu, thanh_vien")
    rp.add_argument("--since", metavar="DATE")
    rp.add_argument("--until", metavar="DATE")
    rp.add_argument("--end", action="store_true", help="kết thúc vai trò (từ --until, mặc định hôm nay)")
    rp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người thực hiện")
    rp.add_argument("--json", action="store_true")
    rp.set_defaults(handler=run_person_role)


def run_person_add(args, ctx) -> int:
    from store.directory import create_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        info = create_person(uow, full_name=args.name, position=args.position,
                             unit_id=unit_ref(uow.session, args.unit_ref), email=args.email)
        uow.commit()
    if args.json:
        ctx.print_json(info.as_json())
    else:
        print(f"Đã thêm #{info.id} {info.full_name} — {info.position}")
    return 0


def run_person_edit(args, ctx) -> int:
    from store.directory import edit_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if args.active and args.inactive:
        raise InvalidInput("Chọn một trong --active hoặc --inactive.", "Choose --active or --inactive, not both.")
    with ctx.store().uow(args.actor) as uow:
        changes: dict = {}
        for arg, field in (("name", "full_name"), ("position", "position"), ("email", "email")):
            if getattr(args, arg) is not None:
                changes[field] = getattr(args, arg)
        if args.unit_ref is not None:
            changes["unit_id"] = unit_ref(uow.session, args.unit_ref)
        if args.active or args.inactive:
            changes["active"] = bool(args.active)
        if not changes:
            raise InvalidInput("Không có gì để sửa; xem: nghisu people edit --help.", "Nothing to change.")
        info = edit_person(uow, args.person_id, **changes)
        uow.commit()
    if args.json:
        ctx.print_json(info.as_json())
    else:
        print(f"Đã sửa #{info.id} {info.full_name} — {info.position}")
    return 0


def run_person_role(args, ctx) -> int:
    from store.directory import end_role, grant_role  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        unit_id = unit_ref(uow.session, args.unit_ref)
        until = parse_day(args.until) if args.until else None
        if args.end:
            info = end_role(uow, args.person_id, unit_id, args.role, on=until)
        else:
            info = grant_role(uow, args.person_id, unit_id, args.role,
                              since=parse_day(args.since) if args.since else None, until=until)
        uow.commit()
    if args.json:
        ctx.print_json(info.as_json())
    else:
        verb = "Đã kết thúc" if args.end else "Đã giao"
        print(f"{verb} vai trò {info.role.vi} của {info.full_name} ở đơn vị #{info.unit_id}")
    return 0
