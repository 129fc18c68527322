"""`nghisu opinions ...`: written opinions (phiếu lấy ý kiến) between meetings.

- `opinions ask --unit UNIT_ID --question Q --members P1,P2,... --deadline WHEN
  [--options "Đồng ý,Không đồng ý,Ý kiến khác"] [--meeting MEETING_ID] [--as PERSON_ID]`
- `opinions answer POLL_ID --as PERSON_ID --option O [--comment C]` (may be changed until the deadline)
- `opinions tally POLL_ID [--json]` (only after the deadline, so early answers do not sway late ones)
- `opinions list [--unit UNIT_ID] [--meeting MEETING_ID] [--open] [--json]`
- `opinions close POLL_ID --as PERSON_ID [--chair-decision] [--version V]`: close before the
  deadline, once everyone has answered or when the chair decides; the tally is there at once.

Otherwise the deadline passes by itself.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from store.clock import VN_TZ
from store.errors import InvalidInput
from ui.commands.numbers import count, record_id

DEFAULT_OPTIONS = "Đồng ý,Không đồng ý,Ý kiến khác"


def register(sub) -> None:
    p = sub.add_parser(
        "opinions", help="lấy ý kiến bằng văn bản giữa các kỳ họp: ask, answer, tally, list, close"
    )
    osub = p.add_subparsers(dest="opinions_command", metavar="ACTION", required=True)

    ap = osub.add_parser("ask", help="gửi phiếu lấy ý kiến cho các thành viên, có hạn trả lời")
    ap.add_argument("--unit", type=record_id, required=True, metavar="UNIT_ID", help="đơn vị hỏi ý kiến")
    ap.add_argument("--question", required=True, help="nội dung xin ý kiến")
    ap.add_argument(
        "--members", required=True, metavar="P1,P2,...", help="số người được hỏi, cách nhau bởi dấu phẩy"
    )
    ap.add_argument(
        "--deadline",
        required=True,
        metavar="WHEN",
        help="hạn trả lời, giờ Việt Nam: 'dd/mm/yyyy HH:MM' hoặc 'YYYY-MM-DD HH:MM' (chỉ ngày: hết 23:59 ngày đó), "
             "hoặc tính từ bây giờ: +7d (7 ngày), +48h (48 giờ)",
    )
    ap.add_argument(
        "--options",
        default=DEFAULT_OPTIONS,
        help=f"các phương án, cách nhau bởi dấu phẩy ({DEFAULT_OPTIONS})",
    )
    ap.add_argument("--meeting", type=record_id, metavar="MEETING_ID", help="cuộc họp liên quan (nếu có)")
    ap.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người gửi phiếu")
    ap.set_defaults(handler=run_ask)

    rp = osub.add_parser("answer", help="trả lời phiếu lấy ý kiến (sửa được đến hạn)")
    rp.add_argument("poll_id", type=record_id, metavar="POLL_ID")
    rp.add_argument("--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID", help="người trả lời")
    rp.add_argument("--option", required=True, help="phương án chọn")
    rp.add_argument("--comment", default="", help="ý kiến kèm theo")
    rp.set_defaults(handler=run_answer)

    tp = osub.add_parser("tally", help="kết quả lấy ý kiến (sau hạn trả lời)")
    tp.add_argument("poll_id", type=record_id, metavar="POLL_ID")
    tp.add_argument("--json", action="store_true")
    tp.set_defaults(handler=run_tally)

    lp = osub.add_parser("list", help="các phiếu lấy ý kiến: đang mở, đã đóng, số người đã trả lời")
    lp.add_argument("--unit", type=record_id, metavar="UNIT_ID", help="chỉ phiếu của đơn vị này")
    lp.add_argument("--meeting", type=record_id, metavar="MEETING_ID", help="chỉ phiếu gắn với cuộc họp này")
    lp.add_argument("--open", action="store_true", help="chỉ phiếu còn hạn trả lời")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(handler=run_list)

    cp = osub.add_parser(
        "close", help="đóng phiếu trước hạn (khi mọi người đã trả lời hoặc chủ tọa quyết định)"
    )
    cp.add_argument("poll_id", type=record_id, metavar="POLL_ID")
    cp.add_argument(
        "--as", dest="actor", type=record_id, required=True, metavar="PERSON_ID", help="người đóng phiếu"
    )
    cp.add_argument(
        "--chair-decision",
        action="store_true",
        help="đóng theo quyết định của chủ tọa dù còn người chưa trả lời",
    )
    cp.add_argument(
        "--version",
        type=count,
        metavar="V",
        help="phiên bản phiếu đang xem (opinions list --json); khác thì từ chối",
    )
    cp.set_defaults(handler=run_close)


RELATIVE = re.compile(r"^\+\s*(\d{1,4})\s*(d|ngày|ngay|h|giờ|gio)$", re.IGNORECASE)


def parse_deadline(text: str, now: datetime | None = None) -> datetime:
    """A moment in Vietnam's time zone; a date alone means the end of that day; ``+7d`` / ``+48h``
    count from ``now`` (so an example deadline never goes stale)."""

    relative = RELATIVE.match(text.strip())
    if relative:
        amount, unit = int(relative.group(1)), relative.group(2).lower()
        step = timedelta(days=amount) if unit in ("d", "ngày", "ngay") else timedelta(hours=amount)
        return ((now or datetime.now(VN_TZ)) + step).astimezone(VN_TZ).replace(second=0, microsecond=0)
    raw = " ".join(text.replace("T", " ").split())
    for pattern in ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            when = datetime.strptime(raw, pattern)
        except ValueError:
            continue
        if "%H" not in pattern:
            when = datetime.combine(when.date(), time(23, 59))
        return when.replace(tzinfo=VN_TZ)
    if re.search(r"[+-]\d\d:?\d\d$|Z$", text.strip()):  # ISO 8601 with its own offset
        try:
            return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
    raise InvalidInput(
        f"Hạn trả lời '{text}' không đúng dạng; ví dụ: 01/12/2026 17:00, 2026-12-01 17:00 hoặc +7d (7 ngày nữa).",
        f"The deadline '{text}' is not understood; e.g. 01/12/2026 17:00, 2026-12-01 17:00 or +7d (in 7 days).",
    )


def _member_ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError as exc:
        raise InvalidInput(
            f"Danh sách người được hỏi '{text}' phải là các số, cách nhau bởi dấu phẩy (ví dụ 5,3,1).",
            f"The member list '{text}' must be numbers separated by commas (e.g. 5,3,1).",
        ) from exc


def _when(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")


def run_ask(args, ctx) -> int:
    from meetings.live.opinions import ask_opinions  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    deadline, members = parse_deadline(args.deadline, store.clock.now()), _member_ids(args.members)
    with store.uow(args.actor) as uow:
        poll = ask_opinions(
            uow,
            unit_id=args.unit,
            question=args.question,
            options=args.options.split(","),
            deadline=deadline,
            member_ids=members,
            meeting_id=args.meeting,
        )
        uow.commit()
    print(f"Đã gửi phiếu lấy ý kiến #{poll.id}: {poll.question} ({', '.join(poll.options)})")
    print(f"Hỏi {poll.asked} người; hạn trả lời {_when(poll.deadline)} (giờ Việt Nam).")
    return 0


def run_answer(args, ctx) -> int:
    from meetings.live.opinions import answer_opinion  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        poll = answer_opinion(uow, args.poll_id, args.actor, args.option, args.comment)
        uow.commit()
    print(f"Đã ghi nhận ý kiến cho phiếu #{poll.id}; {poll.answered}/{poll.asked} người đã trả lời.")
    print(f"Có thể sửa ý kiến đến hạn {_when(poll.deadline)}.")
    return 0


def run_tally(args, ctx) -> int:
    from meetings.live.opinions import tally_opinions  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.read() as s:
        tally = tally_opinions(s, args.poll_id, store.clock.now())
    if args.json:
        ctx.print_json(tally.as_json())
        return 0
    poll = tally.poll
    print(f"Phiếu lấy ý kiến #{poll.id}: {poll.question} — {poll.answered}/{poll.asked} người đã trả lời")
    print(f"  Hạn trả lời: {_when(poll.deadline)} (giờ Việt Nam)")
    print("  " + "; ".join(f"{option}: {n}" for option, n in tally.counts))
    for name, option, comment in tally.answers:
        print(f"  {name}: {option}" + (f" — {comment}" if comment else ""))
    if tally.not_answered:
        print(f"  Chưa trả lời: {', '.join(tally.not_answered)}")
    return 0


STATUS_VI = {"open": "đang mở", "closed": "đã đóng"}


def run_list(args, ctx) -> int:
    from meetings.live.opinions import list_polls  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.read() as s:
        polls = list_polls(
            s, store.clock.now(), unit_id=args.unit, meeting_id=args.meeting, open_only=args.open
        )
    if args.json:
        ctx.print_json([p.as_json() for p in polls])
        return 0
    if not polls:
        print("Không có phiếu lấy ý kiến nào.")
        return 0
    for p in polls:
        meeting = f", cuộc họp #{p.meeting_id}" if p.meeting_id is not None else ""
        print(
            f"#{p.id} [{STATUS_VI[p.status]}] hạn {_when(p.deadline)} — {p.answered}/{p.asked} đã trả lời"
            f" — {p.question} ({p.unit_name}{meeting})"
        )
    return 0


def run_close(args, ctx) -> int:
    from meetings.live.opinion_closing import close_poll  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        poll = close_poll(
            uow, args.poll_id, args.actor, expected_version=args.version, chair_decision=args.chair_decision
        )
        uow.commit()
    print(
        f"Đã đóng phiếu lấy ý kiến #{poll.id} lúc {_when(poll.deadline)}; {poll.answered}/{poll.asked} người đã trả lời."
    )
    print(f"Xem kết quả: nghisu opinions tally {poll.id}")
    return 0
