"""A meeting's papers before it is held: `nghisu invite`, `nghisu program`, `nghisu attendance-sheet`.

- `invite MEETING_ID -o F.pdf [--for PERSON_ID] [--signer PERSON_ID] [--authority "TL. CHỦ TỊCH"]
  [--bring TEXT] [--contact TEXT] [--note TEXT]`: the giấy mời (GM), one with the list of
  invitees, or the copy addressed to one of them; `--bring/--contact/--note` are kept on the
  meeting for every later print.
- `program MEETING_ID -o F.pdf [--signer …] [--authority …]`: the chương trình (CTr) with
  clock times per item.
- `attendance-sheet MEETING_ID -o F.pdf`: the danh sách đại biểu, one page per site.
- `invite MEETING_ID -o F.pdf --send`: the issued and signed giấy mời e-mailed to every invitee
  with its calendar event (mail/), the file sent written to F.pdf.

A paper not yet numbered through the register prints with a blank number and DỰ THẢO on every page.
"""

from __future__ import annotations

from pathlib import Path

from documents.files import check_output_path, write_output
from store.errors import InvalidInput
from ui.commands.numbers import record_id


def _common(p) -> None:
    p.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="tệp PDF ghi ra")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")


def _issue(p, what: str) -> None:
    p.add_argument("--issue", action="store_true",
                   help=f"phát hành: lấy số {what} từ sổ văn bản đi (văn thư), lưu vào cuộc họp và gửi người ký ký số")


def _signer(p) -> None:
    p.add_argument("--signer", type=record_id, metavar="PERSON_ID",
                   help="người ký (mặc định: chủ trì cuộc họp); khối chữ ký theo chức vụ: Chánh Văn phòng ký "
                        "TL. CHỦ TỊCH, Phó Chủ tịch ký TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH")
    p.add_argument("--authority", metavar="LINES",
                   help="dòng thẩm quyền ký theo thông lệ của cơ quan, cách nhau bởi ' / ' "
                        "(ví dụ: 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH')")


def register(sub) -> None:
    p = sub.add_parser("invite", help="giấy mời họp (GM) theo Nghị định 30: thời gian, địa điểm, điểm cầu, nội dung, "
                                      "thành phần, liên hệ")
    _common(p)
    _signer(p)
    _issue(p, "GM")
    p.add_argument("--for", dest="for_person", type=record_id, metavar="PERSON_ID",
                   help="giấy mời gửi riêng một người (mặc định: một giấy mời kèm danh sách thành phần)")
    p.add_argument("--bring", metavar="TEXT", help="đề nghị đại biểu mang theo (lưu cho cuộc họp)")
    p.add_argument("--contact", metavar="TEXT", help="người liên hệ, số điện thoại (lưu cho cuộc họp)")
    p.add_argument("--note", metavar="TEXT", help="ghi chú thêm trên giấy mời (lưu cho cuộc họp)")
    p.add_argument("--send", action="store_true",
                   help="gửi giấy mời đã phát hành và đã ký qua thư điện tử cho mọi thành phần có địa chỉ thư, "
                        "kèm lịch họp (.ics); ghi tệp đã gửi ra -o")
    p.set_defaults(handler=run_invite)

    p = sub.add_parser("program", help="chương trình cuộc họp (CTr) có giờ cho từng mục (08h00 - 08h10)")
    _common(p)
    _signer(p)
    _issue(p, "CTr")
    p.set_defaults(handler=run_program)

    p = sub.add_parser("attendance-sheet", help="danh sách đại biểu dự họp để ký tên, mỗi điểm cầu một trang")
    _common(p)
    p.set_defaults(handler=run_attendance_sheet)


def run_invite(args, ctx) -> int:
    from meetings.papers.invitation import invitation_content, set_invitation_details  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.papers.meeting_papers_pdf import render_invitation  # noqa: PLC0415 -- deferred for start-up: brings in reportlab
    from store.clock import VN_TZ  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    check_output_path(args.output)
    if args.send:
        return _send_invitation(args, ctx)
    if args.issue and args.for_person:
        raise InvalidInput("--issue phát hành một giấy mời cho cả thành phần; bỏ --for.",
                           "--issue issues one invitation for every invitee; leave out --for.")
    store = ctx.store()
    today = store.clock.now().astimezone(VN_TZ).date()
    with store.uow(args.actor) as uow:
        if any(v is not None for v in (args.bring, args.contact, args.note)):
            set_invitation_details(uow, args.meeting_id, bring=args.bring, contact=args.contact, note=args.note)
        content = invitation_content(uow.session, args.meeting_id, issued_on=today, signer_id=args.signer,
                                     authority=args.authority, for_person_id=args.for_person)
        data = render_invitation(content)[0]
        uow.commit()
    if args.issue:
        return _issue_paper(args, ctx, "INVITATION")
    write_output(args.output, data)
    whom = content.invitees[0] if args.for_person else f"{len(content.invitees)} thành phần"
    print(f"Đã ghi DỰ THẢO giấy mời ({whom}) vào {args.output} — chưa cấp số, chưa ký")
    return 0


def _send_invitation(args, ctx) -> int:
    """`invite --send`: the issued, signed giấy mời to every invitee with an address, sent now
    (what the server does not take at once stays queued: `nghisu mail send-queue`)."""
    from documents.library import get_document  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.invitations import queue_invitation, signed_invitation  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.secrets import load_password  # noqa: PLC0415 -- the mail layer, only for --send
    from mail.sender import send_queue  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.settings import require_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.lifecycle import load_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if args.issue or args.for_person:
        raise InvalidInput("--send gửi giấy mời đã phát hành và đã ký; phát hành (--issue), ký, rồi mới --send.",
                           "--send sends the issued and signed invitation: issue it (--issue), sign it, then --send.")
    store = ctx.store()
    with store.uow(args.actor) as uow:
        unit_id = load_meeting(uow.session, args.meeting_id).unit_id
        account = require_mail_account(uow.session, unit_id)
        document_id = signed_invitation(uow.session, args.meeting_id)
    password = load_password(account)  # before anything is queued: no password, nothing changes
    with store.uow(args.actor) as uow:
        queued = queue_invitation(uow, args.meeting_id, document_id=document_id)
        uow.commit()
    for line in queued.skipped:
        print(f"  bỏ qua — skipped: {line}")
    with store.read() as s:
        write_output(args.output, store.blobs.get(get_document(s, document_id).current_version.sha256))
    report = send_queue(store, unit_id, password, actor_id=args.actor,
                        progress=lambda n, total, d: print(f"[{n}/{total}] {d.status.vi}: {d.address}"
                                                           + (f" ({d.reply})" if d.status != "sent" else ""), flush=True))
    print(f"Giấy mời: đã gửi {len(report.sent)}, bị từ chối {len(report.refused)}, hẹn gửi lại {len(report.deferred)}; "
          f"đã ghi {args.output} — invitations sent {len(report.sent)}, refused {len(report.refused)}, "
          f"deferred {len(report.deferred)}")
    return 0


def run_program(args, ctx) -> int:
    from meetings.papers.invitation import programme_content  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.papers.meeting_papers_pdf import render_programme  # noqa: PLC0415 -- deferred for start-up: brings in reportlab
    from store.clock import VN_TZ  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    check_output_path(args.output)
    if args.issue:
        return _issue_paper(args, ctx, "PROGRAMME")
    store = ctx.store()
    with store.read() as s:
        content = programme_content(s, args.meeting_id, issued_on=store.clock.now().astimezone(VN_TZ).date(),
                                    signer_id=args.signer, authority=args.authority)
    write_output(args.output, render_programme(content)[0])
    print(f"Đã ghi DỰ THẢO chương trình ({len(content.rows)} mục) vào {args.output} — chưa cấp số, chưa ký")
    return 0


def _issue_paper(args, ctx, kind_name: str) -> int:
    from meetings.papers.issue import MeetingPaper, issue_meeting_paper  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy, reportlab

    kind = MeetingPaper[kind_name]
    store = ctx.store()
    issued = issue_meeting_paper(store, args.actor, args.meeting_id, kind, signer_id=args.signer,
                                 authority=args.authority)
    write_output(args.output, store.blobs.get(issued.document.current_version.sha256))
    waiting = f"; chờ người #{issued.signer_id} ký số: nghisu signing sign {issued.request.id} --as {issued.signer_id} …" \
        if issued.request is not None else ""
    print(f"Đã phát hành {kind.vi} số {issued.number}: tài liệu #{issued.document.id}{waiting}; đã ghi {args.output}")
    return 0


def run_attendance_sheet(args, ctx) -> int:
    from meetings.papers.invitation import attendance_content  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.papers.meeting_papers_pdf import render_attendance_sheets  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    check_output_path(args.output)
    store = ctx.store()
    with store.read() as s:
        content = attendance_content(s, args.meeting_id)
    write_output(args.output, render_attendance_sheets(content))
    people = sum(len(sh.rows) for sh in content.sheets)
    print(f"Đã ghi danh sách đại biểu vào {args.output}: {len(content.sheets)} điểm cầu, {people} đại biểu được mời")
    return 0
