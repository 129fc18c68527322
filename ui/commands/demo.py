"""`nghisu demo`: create (once) the Quảng Trị demo store and say what it holds."""

from __future__ import annotations

from store.clock import VN_TZ


def register(sub) -> None:
    p = sub.add_parser("demo", help="tạo kho dữ liệu mẫu Quảng Trị (chạy lại không tạo trùng)")
    p.add_argument("--scheme", default="2025", metavar="SCHEME",
                   help="bản đồ hành chính: 2025 (trung ương → tỉnh → xã, mặc định) hoặc 2019 (ba cấp trước 1/7/2025)")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from demo.build import build_demo, sweep_leftovers  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.lifecycle import STATUS_VI, get_meeting, list_meetings  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import list_persons, list_units  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store(create=True)  # the demo is one of the ways a store comes to be
    if store.location.home is not None:  # what an assistant's build killed outright left beside it
        removed = sweep_leftovers(store.location.home)
        if removed:
            print(removed)
    # The same demo as the first-start assistant's (``demo.build``): made in the store itself, here.
    built = build_demo(store, scheme=args.scheme)
    report = built.report
    with store.read() as s:
        units = list_units(s)
        people = list_persons(s)
        meetings = list_meetings(s)
        print(f"Kho dữ liệu: {store.location.describe()}")
        print(f"Đơn vị: {len(units)} (mới tạo {report.units_created}); "
              f"cán bộ: {len(people)} (mới tạo {report.people_created}); cuộc họp: {len(meetings)}")
        for m in meetings:
            detail = get_meeting(s, m.id)
            new = " (mới)" if m.title in report.meetings_created else ""
            print(f"  #{m.id} [{STATUS_VI[m.status]}] {m.starts_at.astimezone(VN_TZ).strftime('%d/%m/%Y %H:%M')} "
                  f"{detail.unit.name}: {m.title}{new} — {len(detail.sites)} điểm cầu, "
                  f"{len(detail.agenda_items())} mục chương trình")
    if report.provincial_meeting_id:
        print(f"Xem phiên họp chính của dữ liệu mẫu: nghisu meetings show {report.provincial_meeting_id}")
    decision = report.decision
    if decision is not None:
        if decision.released_now:
            print(f"Sổ văn bản đi QT: {decision.released_now} văn bản mới phát hành trong năm")
        print(f"Văn bản đi mẫu: Quyết định số {decision.symbol} — nghisu outgoing export {decision.outgoing_id} -o qd.pdf")
    made = built.registers
    for code, n in made.released.items():
        print(f"Sổ văn bản đi {code}: {n} văn bản mới phát hành trong năm")
    for code, n in made.entries.items():
        print(f"Sổ văn bản đến {code}: {n} văn bản mới vào sổ, {made.overdue.get(code, 0)} quá hạn xử lý")
    if made.cascade_outgoing_id is not None:
        print(f"Văn bản gửi các phường: nghisu incoming cascade {made.cascade_outgoing_id}")
    if made.late_outgoing_id is not None:
        print(f"Văn bản có phường quá hạn báo cáo: nghisu incoming cascade {made.late_outgoing_id}")
    return 0
