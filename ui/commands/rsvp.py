"""`nghisu rsvp MEETING_ID --as P yes|no|deputy P2 [--note N]`: answer an invitation (dự họp,
vắng mặt with the reason in --note, or cử người dự thay); `nghisu rsvp MEETING_ID --list
[--json]`: every answer given, and the quorum they let one expect."""

from __future__ import annotations

import argparse

from store.codes import RsvpAnswer
from store.errors import InvalidInput
from ui.cli_errors import VietnameseArgumentParser
from ui.commands.numbers import record_id


def _options(parser) -> None:
    parser.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="người được mời trả lời")
    parser.add_argument("--for", dest="invitee", type=record_id, metavar="PERSON_ID",
                        help="thư ký ghi câu trả lời thay cho người này (nhận qua điện thoại)")
    parser.add_argument("--note", default=None, help="lý do vắng mặt hoặc ghi chú")
    parser.add_argument("--list", action="store_true", default=None, help="xem các câu trả lời")
    parser.add_argument("--json", action="store_true", default=None)


def register(sub) -> None:
    p = sub.add_parser("rsvp", help="xác nhận tham dự cuộc họp hoặc cử người dự thay; --list: các câu trả lời")
    p.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    # The answer follows the options (`rsvp 12 --as 5 deputy 7`), which argparse's subcommands do
    # not take after an option: the rest is read by a small parser of its own, options and all.
    p.add_argument("rest", nargs=argparse.REMAINDER, metavar="yes|no|deputy P2",
                   help="yes (dự họp), no (vắng mặt, kèm --note lý do), deputy P2 (cử người dự thay)")
    _options(p)
    p.set_defaults(handler=run_rsvp)


def _answer_parser() -> VietnameseArgumentParser:
    inner = VietnameseArgumentParser(prog="nghisu rsvp", add_help=False)
    inner.add_argument("answer", nargs="?", choices=[str(a) for a in RsvpAnswer])
    inner.add_argument("deputy", nargs="?", type=record_id, metavar="P2")
    _options(inner)
    return inner


def _read_rest(args) -> None:
    rest = _answer_parser().parse_intermixed_args(args.rest)
    for name, value in vars(rest).items():
        if value is not None or not hasattr(args, name):
            setattr(args, name, value)
    args.note = args.note or ""


def run_rsvp(args, ctx) -> int:
    from meetings.live.attendance import quorum  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.rsvp import answer_invitation, rsvps  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    _read_rest(args)
    store = ctx.store()
    if args.list:
        with store.uow() as uow:
            answers = rsvps(uow.session, args.meeting_id)
            q = quorum(uow.session, args.meeting_id)
        if args.json:
            ctx.print_json({"answers": [a.as_json() for a in answers.values()], "quorum": q.as_json()})
            return 0
        for a in answers.values():
            print(a.line())
        print(q.forecast_line())
        return 0
    if args.answer is None:
        raise InvalidInput("Hãy cho câu trả lời: yes, no hoặc deputy P2 (hoặc --list để xem).",
                           "Give an answer: yes, no or deputy P2 (or --list to see the answers).")
    invitee = args.invitee or args.actor
    if invitee is None:
        raise InvalidInput("Hãy cho biết ai trả lời: --as MÃ_NGƯỜI (hoặc --for MÃ_NGƯỜI khi thư ký ghi thay).",
                           "Say who answers: --as PERSON_ID (or --for PERSON_ID when the secretary records it).")
    if args.answer == RsvpAnswer.DEPUTY and args.deputy is None:
        raise InvalidInput("Cử người dự thay cần mã người dự thay: deputy P2.", "A deputy answer needs the deputy's id: deputy P2.")
    if args.answer != RsvpAnswer.DEPUTY and args.deputy is not None:
        raise InvalidInput("Chỉ câu trả lời deputy mới có người dự thay.", "Only a deputy answer names a deputy.")
    if args.answer == RsvpAnswer.NO and not args.note.strip():
        raise InvalidInput("Vắng mặt cần ghi lý do: --note \"…\".", "An absence needs a reason: --note \"…\".")
    with store.uow(args.actor) as uow:
        info = answer_invitation(uow, args.meeting_id, invitee, args.answer, deputy_person_id=args.deputy,
                                 note=args.note)
        q = quorum(uow.session, args.meeting_id)
        uow.commit()
    print(f"Đã ghi: {info.line()} — recorded")
    print(q.forecast_line())
    return 0
