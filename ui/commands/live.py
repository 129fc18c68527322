"""The live meeting from the command line: attend, quorum, speak, vote, minutes, archive."""

from __future__ import annotations

import sys
from pathlib import Path

from documents.files import check_output_path, write_output
from meetings.archive import build_archive, check_archive
from store.codes import VoteKind
from store.errors import InvalidInput, NotFound
from ui.commands.numbers import count, record_id


def register(sub) -> None:
    p = sub.add_parser("attend", help="ghi nhận có mặt / vắng mặt / dự thay tại một điểm cầu")
    p.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    p.add_argument("person_id", type=record_id, metavar="PERSON_ID")
    p.add_argument("--site", type=record_id, metavar="UNIT_ID", help="đơn vị của điểm cầu (mặc định: nơi được mời)")
    p.add_argument("--absent", metavar="REASON", help="vắng mặt, kèm lý do")
    p.add_argument("--deputy", type=record_id, metavar="PERSON_ID", help="người dự thay")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    p.set_defaults(handler=run_attend)

    p = sub.add_parser("quorum", help="túc số hiện tại của cuộc họp")
    p.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    p.add_argument("--rule", help="đặt quy tắc: majority, two_thirds, three_quarters, all hoặc n/d")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_quorum)

    p = sub.add_parser("speak", help="đăng ký phát biểu: request, withdraw, start, finish, queue")
    p.add_argument("action", choices=["request", "withdraw", "start", "finish", "queue"])
    p.add_argument("ids", type=record_id, nargs="+", metavar="ID",
                   help="request: MEETING_ID ITEM_ID PERSON_ID; withdraw/start/finish: REQUEST_ID; queue: ITEM_ID")
    p.add_argument("--minutes", type=count, help="thời gian phát biểu (start)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_speak)

    p = sub.add_parser("vote", help="biểu quyết: open, cast, hands, close, show")
    vsub = p.add_subparsers(dest="vote_command", metavar="ACTION", required=True)
    op = vsub.add_parser("open")
    op.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    op.add_argument("--item", required=True, metavar="N", help="số mục chương trình, ví dụ 2 hoặc 3.1")
    op.add_argument("--kind", required=True, choices=[k.value for k in VoteKind])
    op.add_argument("--question", required=True)
    op.add_argument("--options", default="Đồng ý,Không đồng ý,Không biểu quyết")
    op.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    op.set_defaults(handler=run_vote_open)
    cp = vsub.add_parser("cast")
    cp.add_argument("vote_id", type=record_id, metavar="VOTE_ID")
    cp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID")
    cp.add_argument("--option", required=True)
    cp.set_defaults(handler=run_vote_cast)
    hp = vsub.add_parser("hands", help="số phiếu giơ tay tại một điểm cầu: --count 'Đồng ý=5'")
    hp.add_argument("vote_id", type=record_id, metavar="VOTE_ID")
    hp.add_argument("--site", type=record_id, required=True, metavar="UNIT_ID")
    hp.add_argument("--count", action="append", required=True, metavar="OPTION=N")
    hp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    hp.set_defaults(handler=run_vote_hands)
    xp = vsub.add_parser("close")
    xp.add_argument("vote_id", type=record_id, metavar="VOTE_ID")
    xp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    xp.set_defaults(handler=run_vote_close)
    sp = vsub.add_parser("show")
    sp.add_argument("vote_id", type=record_id, metavar="VOTE_ID")
    sp.add_argument("--csv", action="store_true")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(handler=run_vote_show)

    p = sub.add_parser("minutes", help="biên bản cuộc họp: show, edit, finalise MEETING_ID; hoặc MEETING_ID -o F.pdf "
                                       "(ghi DỰ THẢO tới khi hoàn tất), --draft soạn từ diễn biến cuộc họp",
                       description="nghisu minutes show MEETING_ID [--json] | edit MEETING_ID --section KEY "
                                   "(--text T | --text-file F) | finalise MEETING_ID --as PERSON_ID [-o F.pdf] | "
                                   "MEETING_ID [-o F.pdf] [--draft [--regenerate]] [--finalise]")
    p.add_argument("target", metavar="ACTION|MEETING_ID", help="show, edit, finalise, hoặc số cuộc họp")
    p.add_argument("meeting_id", nargs="?", type=record_id, metavar="MEETING_ID")
    p.add_argument("--section", metavar="KEY", help="edit: phần cần sửa (xem bằng: minutes show)")
    p.add_argument("--text", metavar="T", help="edit: nội dung mới của phần")
    p.add_argument("--text-file", type=Path, metavar="F", help="edit: đọc nội dung mới từ tệp văn bản UTF-8")
    p.add_argument("--expected-version", type=count, metavar="N", help="edit: phiên bản dự thảo đã đọc")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", type=Path, metavar="FILE")
    p.add_argument("--draft", action="store_true", help="soạn (lưu) dự thảo từ diễn biến cuộc họp")
    p.add_argument("--regenerate", action="store_true", help="với --draft: soạn lại, bỏ các chỉnh sửa của dự thảo cũ")
    p.add_argument("--finalise", action="store_true", help="hoàn tất, đính kèm và gửi ký (thư ký rồi chủ tọa)")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    p.set_defaults(handler=run_minutes)

    p = sub.add_parser("archive", help="gói lưu trữ cuộc họp (ZIP có manifest SHA-256), hoặc --check FILE")
    p.add_argument("meeting_id", type=record_id, nargs="?", metavar="MEETING_ID")
    p.add_argument("-o", "--output", type=Path, metavar="FILE.zip")
    p.add_argument("--check", type=Path, metavar="FILE.zip")
    p.set_defaults(handler=run_archive)


def run_attend(args, ctx) -> int:
    from meetings.live.attendance import STATUS_VI, quorum, record_attendance  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    status = "absent" if args.absent else ("deputy" if args.deputy else "present")
    store = ctx.store()
    with store.uow(args.actor) as uow:
        row = record_attendance(uow, args.meeting_id, args.person_id, site_unit_id=args.site, status=status,
                                reason=args.absent or "", deputy_person_id=args.deputy)
        uow.commit()
    with store.read() as s:
        q = quorum(s, args.meeting_id)
    extra = f" ({row.reason})" if row.reason else (f", {row.deputy_name} dự thay" if row.deputy_name else "")
    print(f"{row.full_name} — {STATUS_VI[row.status]}{extra} tại {row.site_name}")
    print(f"Túc số: {q.line()}")
    return 0


def run_quorum(args, ctx) -> int:
    from meetings.live.attendance import quorum, set_quorum_rule  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    if args.rule:
        with store.uow() as uow:
            set_quorum_rule(uow, args.meeting_id, args.rule)
            uow.commit()
    with store.read() as s:
        q = quorum(s, args.meeting_id)
    if args.json:
        ctx.print_json(q.as_json())
    else:
        print(q.line())
    return 0 if q.reached else 1


def run_speak(args, ctx) -> int:
    from meetings.live import speakers as sp  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    wanted = 3 if args.action == "request" else 1
    if len(args.ids) != wanted:
        raise InvalidInput(f"'{args.action}' cần {wanted} số.", f"'{args.action}' takes {wanted} number(s).")
    if args.action == "queue":
        with store.read() as s:
            rows = sp.speaker_queue(s, args.ids[0])
        now = store.clock.now()
        if args.json:
            ctx.print_json([r.as_json(now) for r in rows])
        for r in [] if args.json else rows:
            left = r.remaining_seconds(now)
            timer = f" còn {left // 60}:{left % 60:02d}" if left is not None and r.state == "speaking" and left >= 0 else ""
            print(f"#{r.id} {r.position}. {r.full_name} [{r.state}]{timer}")
        return 0
    with store.uow() as uow:
        if args.action == "request":
            r = sp.request_to_speak(uow, *args.ids)
        elif args.action == "withdraw":
            r = sp.withdraw_request(uow, args.ids[0])
        elif args.action == "start":
            r = sp.start_speaking(uow, args.ids[0], minutes=args.minutes)
        else:
            r = sp.finish_speaking(uow, args.ids[0])
        uow.commit()
    print(f"#{r.id} {r.full_name}: {r.state}")
    return 0


def _item_id(store, meeting_id: int, number: str) -> int:
    from meetings.lifecycle import get_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        node = get_meeting(s, meeting_id).item_by_number(number.strip().rstrip("."))
    if node is None:
        raise NotFound(f"Cuộc họp không có mục {number}.", f"The meeting has no agenda item {number}.")
    return node.id


def run_vote_open(args, ctx) -> int:
    from meetings.live.votes import open_vote  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    item = _item_id(store, args.meeting_id, args.item)
    with store.uow(args.actor) as uow:
        v = open_vote(uow, args.meeting_id, item_id=item, kind=args.kind, question=args.question,
                      options=[o for o in args.options.split(",")])
        uow.commit()
    print(f"Đã mở biểu quyết #{v.id}: {v.question} ({', '.join(v.options)})")
    return 0


def run_vote_cast(args, ctx) -> int:
    from meetings.live.votes import cast_vote  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        code = cast_vote(uow, args.vote_id, args.actor, args.option)
        uow.commit()
    if code:
        print(f"Đã bỏ phiếu kín. Mã biên nhận (chỉ hiện một lần, hãy giữ riêng): {code}")
    else:
        print("Đã ghi nhận biểu quyết.")
    return 0


def run_vote_hands(args, ctx) -> int:
    from meetings.live.votes import record_hands  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    counts = {}
    for item in args.count:
        option, sep, n = item.rpartition("=")
        if not sep or not n.strip().isdigit():
            raise InvalidInput(f"'{item}' không đúng dạng PHƯƠNG_ÁN=SỐ.", f"'{item}' is not OPTION=N.")
        counts[option.strip()] = int(n)
    with ctx.store().uow(args.actor) as uow:
        result = record_hands(uow, args.vote_id, args.site, counts)
        uow.commit()
    print(result.line())
    return 0


def run_vote_close(args, ctx) -> int:
    from meetings.live.votes import close_vote  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        result = close_vote(uow, args.vote_id)
        uow.commit()
    print(f"Kết quả: {result.line()}")
    return 0


def run_vote_show(args, ctx) -> int:
    from meetings.live.vote_publication import votes_csv  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.votes import vote_result  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().read() as s:
        if args.csv:
            sys.stdout.write(votes_csv(s, [args.vote_id]))
            return 0
        result = vote_result(s, args.vote_id)
    if args.json:
        ctx.print_json(result.as_json())
        return 0
    v = result.vote
    print(f"#{v.id} {v.question} [{v.kind}, {v.status}] — {result.voted}/{result.eligible} đã biểu quyết")
    print(f"  {result.line()}")
    for _, site, counts in result.by_site:
        print(f"  {site}: " + "; ".join(f"{o}: {n}" for o, n in counts))
    for _, name, option in result.by_person:
        print(f"  {name}: {option}")
    return 0


MINUTES_ACTIONS = ("show", "edit", "finalise")


def run_minutes(args, ctx) -> int:
    from meetings.papers.minutes import draft_minutes, finalise_minutes, get_minutes, render_minutes_pdf  # noqa: PLC0415 -- deferred for start-up: brings in reportlab, sqlalchemy

    if args.target in MINUTES_ACTIONS:
        if args.meeting_id is None:
            raise InvalidInput(f"Dùng: nghisu minutes {args.target} MEETING_ID …",
                               f"Use: nghisu minutes {args.target} MEETING_ID …")
        if args.target == "show":
            return _minutes_show(args, ctx)
        if args.target == "edit":
            return _minutes_edit(args, ctx)
        args.finalise = True
    else:
        if args.meeting_id is not None:
            raise InvalidInput(f"Không hiểu '{args.target}': chọn show, edit, finalise hoặc một số cuộc họp.",
                               f"'{args.target}' is not understood: choose show, edit, finalise or a meeting id.")
        args.meeting_id = record_id(args.target)

    if args.draft and args.finalise:
        raise InvalidInput("Chọn --draft hoặc --finalise, không cả hai.", "Choose --draft or --finalise, not both.")
    if args.regenerate and not args.draft:
        raise InvalidInput("--regenerate đi cùng --draft.", "--regenerate goes with --draft.")
    store = ctx.store()
    if args.output:
        check_output_path(args.output)  # a folder is refused before anything is finalised
    if args.finalise:
        info = finalise_minutes(store, args.actor, args.meeting_id)
        print(f"Đã hoàn tất biên bản số {info.number}: tài liệu #{info.id}, gửi ký thư ký rồi chủ tọa.")
        if args.output:
            write_output(args.output, store.blobs.get(info.current_version.sha256))
        return 0
    if args.draft:
        with store.uow(args.actor) as uow:
            existed = get_minutes(uow.session, args.meeting_id) is not None
            draft = draft_minutes(uow, args.meeting_id, regenerate=args.regenerate)
            uow.commit()
        if draft.status == "final":
            print(f"Biên bản cuộc họp #{args.meeting_id} đã hoàn tất (tài liệu #{draft.document_id}) — already final")
        else:
            done = "Đã soạn" if args.regenerate or not existed else "Đã có sẵn"
            print(f"{done} dự thảo biên bản cuộc họp #{args.meeting_id} ({len(draft.sections)} phần); sửa trong cửa "
                  f"sổ làm việc, rồi hoàn tất bằng nghisu minutes {args.meeting_id} --finalise")
        if not args.output:
            return 0
    if not args.output:
        raise InvalidInput("Cần -o FILE.pdf (hoặc --draft, --finalise).", "Give -o FILE.pdf (or --draft, --finalise).")
    write_output(args.output, render_minutes_pdf(store, args.meeting_id))
    with store.read() as s:
        minutes = get_minutes(s, args.meeting_id)
    if minutes is None or minutes.status != "final":
        print(f"Đã ghi DỰ THẢO biên bản vào {args.output} (chưa hoàn tất, chưa ký) — wrote the DRAFT minutes")
    else:
        print(f"Đã ghi biên bản vào {args.output}")
    return 0


def _minutes_show(args, ctx) -> int:
    from meetings.papers.minutes import get_minutes, no_draft  # noqa: PLC0415 -- deferred for start-up: brings in reportlab, sqlalchemy

    with ctx.store().read() as s:
        draft = get_minutes(s, args.meeting_id)
    if draft is None:
        raise no_draft(args.meeting_id)
    if args.json:
        ctx.print_json({"meeting_id": draft.meeting_id, "status": draft.status, "version": draft.version,
                        "document_id": draft.document_id,
                        "sections": [{"key": x.key, "heading": x.heading, "text": x.text} for x in draft.sections]})
        return 0
    state = "dự thảo" if draft.status == "draft" else f"đã hoàn tất (tài liệu #{draft.document_id})"
    print(f"Biên bản cuộc họp #{draft.meeting_id}: {state}, phiên bản {draft.version}")
    for x in draft.sections:
        print(f"\n[{x.key}] {x.heading}")
        print(x.text)
    return 0


def _minutes_edit(args, ctx) -> int:
    from meetings.papers.minutes import edit_minutes  # noqa: PLC0415 -- deferred for start-up: brings in reportlab, sqlalchemy

    if not args.section or (args.text is None) == (args.text_file is None):
        raise InvalidInput("Dùng: nghisu minutes edit MEETING_ID --section KEY (--text T | --text-file F).",
                           "Use: nghisu minutes edit MEETING_ID --section KEY (--text T | --text-file F).")
    if args.text_file is not None:
        try:
            text = args.text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"Không đọc được tệp {args.text_file} (cần văn bản UTF-8): {exc}",
                               f"Cannot read {args.text_file} (UTF-8 text needed): {exc}") from None
    else:
        text = args.text
    with ctx.store().uow(args.actor) as uow:
        draft = edit_minutes(uow, args.meeting_id, {args.section: text}, expected_version=args.expected_version)
        uow.commit()
    print(f"Đã sửa phần [{args.section}] của dự thảo biên bản cuộc họp #{args.meeting_id} (phiên bản {draft.version})")
    return 0


def run_archive(args, ctx) -> int:
    if args.check:
        verdict = check_archive(args.check)
        print(verdict.describe(), file=sys.stdout if verdict.ok else sys.stderr)
        return 0 if verdict.ok else 1
    if args.meeting_id is None or args.output is None:
        raise InvalidInput("Dùng: nghisu archive MEETING_ID -o FILE.zip, hoặc nghisu archive --check FILE.zip.",
                           "Use: nghisu archive MEETING_ID -o FILE.zip, or nghisu archive --check FILE.zip.")
    report = build_archive(ctx.store(), args.meeting_id, args.output)
    for warning in report.warnings:
        print(f"nghisu: cảnh báo — warning: {warning}", file=sys.stderr)
    print(f"Đã tạo gói lưu trữ {report.path} ({len(report.files)} tệp + manifest.json)")
    for name, sha, size in report.files:
        print(f"  {sha[:16]}…  {size:>9}  {name}")
    return 0
