"""`nghisu conclusions ...`: the chair's conclusions, the tasks they give, the notice.

- `conclusions draft MEETING_ID [--item ITEM_ID] --text T` adds a conclusion (`--edit ID --text T`
  rewrites one); without `--text`, lists them; `-o F.pdf` writes the notice as it stands (DỰ THẢO).
- `conclusions task MEETING_ID --unit UNIT_ID --description D --deadline dd/mm/yyyy [--conclusion ID]`
  gives a unit a task; `conclusions task --done TASK_ID [--note N]` / `--reopen TASK_ID` follows it.
- `conclusions issue MEETING_ID --as PERSON_ID [--signer P] [--authority "TL. CHỦ TỊCH"] [-o F.pdf]`
  numbers the thông báo kết luận through the register, attaches it and sends it to its signer.
- `conclusions tasks [--meeting M] [--unit U] [--open | --overdue] [--json]`: who does what by when.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from documents.files import check_output_path, write_output
from store.clock import VN_TZ
from store.errors import InvalidInput
from ui.commands.numbers import record_id


def parse_day(text: str) -> date:
    """``30/11/2026`` (as Vietnam writes dates) or ``2026-11-30``."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"ngày '{text}' không hợp lệ; viết dd/mm/yyyy, ví dụ 30/11/2026 — "
                                     f"'{text}' is not a date; write dd/mm/yyyy, e.g. 30/11/2026")


def register(sub) -> None:
    p = sub.add_parser("conclusions", help="kết luận, nhiệm vụ giao và thông báo kết luận: draft, task, issue, tasks")
    csub = p.add_subparsers(dest="conclusions_command", metavar="ACTION", required=True)

    dp = csub.add_parser("draft", help="thêm, sửa, liệt kê kết luận của chủ tọa; -o: thông báo dự thảo")
    dp.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    dp.add_argument("--text", help="nội dung kết luận")
    dp.add_argument("--item", type=record_id, metavar="ITEM_ID", help="mục chương trình được kết luận")
    dp.add_argument("--edit", type=record_id, metavar="CONCLUSION_ID", help="sửa kết luận này")
    dp.add_argument("-o", "--output", type=Path, metavar="F.pdf", help="ghi thông báo kết luận dự thảo")
    dp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    dp.set_defaults(handler=run_draft)

    tp = csub.add_parser("task", help="giao nhiệm vụ cho đơn vị, hoặc đánh dấu hoàn thành / mở lại")
    tp.add_argument("meeting_id", type=record_id, nargs="?", metavar="MEETING_ID")
    tp.add_argument("--unit", type=record_id, metavar="UNIT_ID", help="đơn vị chủ trì")
    tp.add_argument("--description", help="nội dung nhiệm vụ")
    tp.add_argument("--deadline", type=parse_day, metavar="dd/mm/yyyy", help="thời hạn")
    tp.add_argument("--conclusion", type=record_id, metavar="CONCLUSION_ID")
    tp.add_argument("--done", type=record_id, metavar="TASK_ID", help="đánh dấu đã hoàn thành")
    tp.add_argument("--reopen", type=record_id, metavar="TASK_ID", help="mở lại nhiệm vụ")
    tp.add_argument("--note", default="", help="ghi chú kết quả, tiến độ")
    tp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    tp.set_defaults(handler=run_task)

    ip = csub.add_parser("issue", help="phát hành thông báo kết luận: cấp số, đính kèm cuộc họp, gửi người ký")
    ip.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    ip.add_argument("--signer", type=record_id, metavar="PERSON_ID", help="người ký (mặc định: chủ trì)")
    ip.add_argument("--authority", metavar="LINES", help="dòng thẩm quyền ký, cách nhau bởi ' / '")
    ip.add_argument("-o", "--output", type=Path, metavar="F.pdf")
    ip.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    ip.set_defaults(handler=run_issue)

    lp = csub.add_parser("tasks", help="danh sách nhiệm vụ: đơn vị, thời hạn, tình trạng, quá hạn")
    lp.add_argument("--meeting", type=record_id, metavar="MEETING_ID")
    lp.add_argument("--unit", type=record_id, metavar="UNIT_ID")
    lp.add_argument("--open", action="store_true", help="chỉ nhiệm vụ chưa xong")
    lp.add_argument("--overdue", action="store_true", help="chỉ nhiệm vụ quá hạn")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(handler=run_tasks)


def run_draft(args, ctx) -> int:
    from meetings.papers.conclusions import (  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
        add_conclusion,
        draw_conclusion_notice,
        edit_conclusion,
        list_conclusions,
    )

    if args.output:
        check_output_path(args.output)
    store = ctx.store()
    if args.text is not None:
        with store.uow(args.actor) as uow:
            if args.edit is not None:
                c = edit_conclusion(uow, args.edit, args.text, expected_version=None)
            else:
                c = add_conclusion(uow, args.meeting_id, args.text, item_id=args.item)
            uow.commit()
        print(f"Đã {'sửa' if args.edit else 'ghi'} kết luận #{c.id}")
    elif args.edit is not None or args.item is not None:
        raise InvalidInput("Cần --text cho kết luận.", "Give the conclusion's --text.")
    with store.read() as s:
        for c in list_conclusions(s, args.meeting_id):
            print(f"#{c.id}{f' (mục #{c.item_id})' if c.item_id else ''}: {c.text}")
    if args.output:
        write_output(args.output, draw_conclusion_notice(store, args.meeting_id))
        print(f"Đã ghi DỰ THẢO thông báo kết luận vào {args.output} — chưa cấp số, chưa ký")
    return 0


def run_task(args, ctx) -> int:
    from meetings.papers.conclusions import add_task, complete_task, reopen_task  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    if args.done is not None or args.reopen is not None:
        if args.done is not None and args.reopen is not None:
            raise InvalidInput("Chọn --done hoặc --reopen, không cả hai.", "Choose --done or --reopen, not both.")
        with store.uow(args.actor) as uow:
            t = complete_task(uow, args.done, note=args.note) if args.done is not None else \
                reopen_task(uow, args.reopen, note=args.note)
            uow.commit()
        print(f"Nhiệm vụ #{t.id} ({t.owner_name}): {'đã hoàn thành' if t.status == 'done' else 'mở lại'}")
        return 0
    if args.meeting_id is None or args.unit is None or not args.description or args.deadline is None:
        raise InvalidInput("Dùng: nghisu conclusions task MEETING_ID --unit UNIT_ID --description D --deadline dd/mm/yyyy.",
                           "Use: nghisu conclusions task MEETING_ID --unit UNIT_ID --description D --deadline dd/mm/yyyy.")
    with store.uow(args.actor) as uow:
        t = add_task(uow, args.meeting_id, description=args.description, owner_unit_id=args.unit,
                     deadline=args.deadline, conclusion_id=args.conclusion)
        uow.commit()
    print(f"Đã giao nhiệm vụ #{t.id} cho {t.owner_name}, hạn {t.deadline:%d/%m/%Y}")
    return 0


def run_issue(args, ctx) -> int:
    from meetings.papers.conclusions import issue_conclusion_notice  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy, reportlab

    if args.output:
        check_output_path(args.output)
    store = ctx.store()
    info = issue_conclusion_notice(store, args.actor, args.meeting_id, signer_id=args.signer, authority=args.authority)
    if args.output:
        write_output(args.output, store.blobs.get(info.current_version.sha256))
    print(f"Đã phát hành thông báo kết luận số {info.number}: tài liệu #{info.id}, đã gửi người ký")
    return 0


def run_tasks(args, ctx) -> int:
    from meetings.papers.conclusions import list_tasks  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    today = store.clock.now().astimezone(VN_TZ).date()
    with store.read() as s:
        tasks = list_tasks(s, meeting_id=args.meeting, owner_unit_id=args.unit, open_only=args.open or args.overdue)
    if args.overdue:
        tasks = [t for t in tasks if t.overdue(today)]
    if args.json:
        ctx.print_json([t.as_json() | {"overdue": t.overdue(today)} for t in tasks])
        return 0
    if not tasks:
        print("Không có nhiệm vụ nào.")
    for t in tasks:
        state = "đã xong" if t.status == "done" else ("QUÁ HẠN" if t.overdue(today) else "đang thực hiện")
        note = f" — {t.done_note}" if t.done_note else ""
        print(f"#{t.id} [{state}] hạn {t.deadline:%d/%m/%Y} · {t.owner_name}: {t.description}{note}")
    return 0
