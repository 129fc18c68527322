"""`nghisu mail ...`: official e-mail (thư điện tử công vụ).

- `mail account set --unit U --address A --name "Văn phòng …" --smtp-host H [--smtp-port 587]
  [--smtp-security starttls|tls] [--smtp-user L] [--imap-host H] [--imap-port 993]
  [--imap-security imaps|starttls] [--imap-user L] [--folder INBOX] [--ca-file F]`
- `mail account show --unit U [--json]`
- `mail password --unit U [--keyring] [--stdin]`: kept on this computer only (the system keyring
  with --keyring, else a file only you can read); read from the terminal, or from standard input
- `mail send-document DOC_ID --unit U --to ADDRESS … --to-unit UNIT_ID …`: queue a document
- `mail send-outgoing OUT_ID --to ADDRESS … --to-unit UNIT_ID …`: queue a released outgoing document
- `mail queue-invitation MEETING_ID [--document DOC_ID] [--only P1,P2]`: queue the invitation
- `mail send-queue --unit U [--retry-now]`: send what is due; one line per copy
- `mail fetch --unit U --as CLERK [--json]`: the mailbox's PDF attachments into the incoming register
- `mail status --unit U [--status queued|sent|refused] [--meeting M] [--json]`
"""

from __future__ import annotations

import getpass
import sys

from mail.account import ImapSecurity, MailAccount, SmtpSecurity
from mail.codes import DeliveryStatus
from mail.secrets import load_password, save_password
from store.clock import VN_TZ
from store.errors import InvalidInput
from ui.commands.numbers import record_id


def register(sub) -> None:
    p = sub.add_parser("mail", help="thư điện tử công vụ: tài khoản, gửi hàng đợi, lấy thư, trạng thái")
    msub = p.add_subparsers(dest="mail_command", metavar="ACTION", required=True)

    ap = msub.add_parser("account", help="tài khoản thư của đơn vị (máy chủ SMTP, IMAP, địa chỉ gửi)")
    asub = ap.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    sp = asub.add_parser("set", help="đặt tài khoản thư của đơn vị (quản trị)")
    sp.add_argument("--unit", type=record_id, required=True, metavar="UNIT_ID")
    sp.add_argument("--address", required=True, help="địa chỉ gửi của văn phòng, ví dụ vanthu@quangtri.gov.vn")
    sp.add_argument("--name", required=True, help="tên hiển thị, ví dụ \"Văn phòng UBND tỉnh Quảng Trị\"")
    sp.add_argument("--smtp-host", required=True)
    sp.add_argument("--smtp-port", type=int, default=None, help="mặc định 587 (STARTTLS) hoặc 465 (TLS)")
    sp.add_argument("--smtp-security", choices=("starttls", "tls"), default="starttls")
    sp.add_argument("--smtp-user", default="", help="tên đăng nhập SMTP (mặc định: địa chỉ gửi)")
    sp.add_argument("--imap-host", default="", help="máy chủ IMAP (mặc định: như SMTP)")
    sp.add_argument("--imap-port", type=int, default=None, help="mặc định 993 (IMAPS) hoặc 143 (STARTTLS)")
    sp.add_argument("--imap-security", choices=("imaps", "starttls"), default="imaps")
    sp.add_argument("--imap-user", default="", help="tên đăng nhập IMAP (mặc định: như SMTP)")
    sp.add_argument("--folder", default="INBOX", help="hộp thư lấy văn bản đến (mặc định INBOX)")
    sp.add_argument("--ca-file", default=None, help="chứng thư CA riêng của máy chủ thư (nếu có)")
    sp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    sp.set_defaults(handler=run_account_set)
    shp = asub.add_parser("show", help="xem tài khoản thư của đơn vị")
    shp.add_argument("--unit", type=record_id, required=True, metavar="UNIT_ID")
    shp.add_argument("--json", action="store_true")
    shp.set_defaults(handler=run_account_show)

    pp = msub.add_parser("password", help="lưu mật khẩu thư trên máy này (không bao giờ vào kho dữ liệu)")
    pp.add_argument("--unit", type=record_id, required=True, metavar="UNIT_ID")
    pp.add_argument("--keyring", action="store_true", help="lưu trong kho khoá của hệ điều hành")
    pp.add_argument("--stdin", action="store_true", help="đọc mật khẩu từ đầu vào chuẩn (một dòng)")
    pp.set_defaults(handler=run_password)

    dp = msub.add_parser("send-document", help="đưa một văn bản vào hàng đợi gửi thư")
    dp.add_argument("document_id", type=record_id, metavar="DOC_ID")
    dp.add_argument("--unit", type=record_id, required=True, metavar="UNIT_ID", help="đơn vị gửi")
    dp.add_argument("--to", action="append", default=[], metavar="ADDRESS", help="địa chỉ nhận (lặp lại được)")
    dp.add_argument("--to-unit", action="append", type=record_id, default=[], metavar="UNIT_ID",
                    help="đơn vị nhận trong kho này (địa chỉ thư công vụ của đơn vị)")
    dp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    dp.set_defaults(handler=run_send_document)

    op = msub.add_parser("send-outgoing", help="đưa một văn bản đi đã phát hành vào hàng đợi gửi thư")
    op.add_argument("outgoing_id", type=record_id, metavar="OUT_ID")
    op.add_argument("--to", action="append", default=[], metavar="ADDRESS", help="địa chỉ nhận (lặp lại được)")
    op.add_argument("--to-unit", action="append", type=record_id, default=[], metavar="UNIT_ID",
                    help="đơn vị nhận trong kho này (địa chỉ thư công vụ của đơn vị)")
    op.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    op.set_defaults(handler=run_send_outgoing)

    ip = msub.add_parser("queue-invitation", help="đưa giấy mời họp vào hàng đợi gửi thư, kèm lịch họp (.ics)")
    ip.add_argument("meeting_id", type=record_id, metavar="MEETING_ID")
    ip.add_argument("--document", type=record_id, metavar="DOC_ID", help="giấy mời đã ký (PDF) để gửi kèm")
    ip.add_argument("--only", metavar="P1,P2", help="chỉ gửi cho những người này")
    ip.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    ip.set_defaults(handler=run_queue_invitation)

    qp = msub.add_parser("send-queue", help="gửi các thư đang chờ của đơn vị")
    qp.add_argument("--unit", type=record_id, required=True, metavar="UNIT_ID")
    qp.add_argument("--retry-now", action="store_true", help="gửi lại ngay cả thư máy chủ hẹn gửi lại sau")
    qp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    qp.set_defaults(handler=run_send_queue)

    fp = msub.add_parser("fetch", help="lấy thư về: tệp PDF đính kèm vào sổ văn bản đến (văn thư)")
    fp.add_argument("--unit", type=record_id, required=True, metavar="UNIT_ID")
    fp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="văn thư của đơn vị")
    fp.add_argument("--json", action="store_true")
    fp.set_defaults(handler=run_fetch)

    tp = msub.add_parser("status", help="trạng thái từng thư: chờ gửi, đã gửi, bị từ chối (kèm lý do)")
    tp.add_argument("--unit", type=record_id, required=True, metavar="UNIT_ID")
    tp.add_argument("--status", choices=("queued", "sent", "refused"))
    tp.add_argument("--meeting", type=record_id, metavar="MEETING_ID")
    tp.add_argument("--json", action="store_true")
    tp.set_defaults(handler=run_status)


def _when(moment) -> str:
    return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if moment else "—"


def run_account_set(args, ctx) -> int:
    from mail.settings import set_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    smtp_security = SmtpSecurity(args.smtp_security)
    imap_security = ImapSecurity(args.imap_security)
    account = MailAccount(
        address=args.address, display_name=" ".join(args.name.split()), smtp_host=args.smtp_host.strip(),
        smtp_port=args.smtp_port or (465 if smtp_security is SmtpSecurity.TLS else 587), smtp_security=smtp_security,
        smtp_user=args.smtp_user.strip(), imap_host=args.imap_host.strip(),
        imap_port=args.imap_port or (993 if imap_security is ImapSecurity.IMAPS else 143), imap_security=imap_security,
        imap_user=args.imap_user.strip(), imap_folder=args.folder, ca_file=args.ca_file)
    store = ctx.store()
    with store.uow(args.actor) as uow:
        set_mail_account(uow, args.unit, account)
        uow.commit()
    print(f"Đã lưu tài khoản thư {account.address} cho đơn vị {args.unit} — mail account saved")
    return 0


def run_account_show(args, ctx) -> int:
    from mail.settings import require_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow() as uow:
        account = require_mail_account(uow.session, args.unit)
    if args.json:
        ctx.print_json(account.to_json())
        return 0
    print(f"{account.display_name} <{account.address}>")
    print(f"  SMTP  {account.smtp_host}:{account.smtp_port} ({account.smtp_security.vi}), đăng nhập {account.login}")
    print(f"  IMAP  {account.imap_host or account.smtp_host}:{account.imap_port} ({account.imap_security.vi}), "
          f"đăng nhập {account.imap_login}, hộp thư {account.imap_folder}")
    return 0


def _read_password(args) -> str:
    if args.stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InvalidInput("Không có bàn phím để nhập mật khẩu; dùng --stdin để đọc từ đầu vào chuẩn.",
                           "No terminal to type the password in; use --stdin to read it from standard input.")
    return getpass.getpass("Mật khẩu thư — mail password: ")


def run_password(args, ctx) -> int:
    from mail.settings import require_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow() as uow:
        account = require_mail_account(uow.session, args.unit)
    saved = save_password(account, _read_password(args), use_keyring=args.keyring)
    print(f"Đã lưu mật khẩu của {account.login} vào {saved.place.vi} — password saved ({saved.place})")
    return 0


def run_send_document(args, ctx) -> int:
    from mail.dispatch import queue_document  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        queued = queue_document(uow, args.document_id, unit_id=args.unit, addresses=args.to, unit_ids=args.to_unit)
        uow.commit()
    print(f"Đã đưa vào hàng đợi {len(queued.delivery_ids)} thư: {queued.subject} — queued")
    return 0


def run_send_outgoing(args, ctx) -> int:
    from mail.dispatch import queue_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow(args.actor) as uow:
        queued = queue_outgoing(uow, args.outgoing_id, addresses=args.to, unit_ids=args.to_unit)
        uow.commit()
    print(f"Đã đưa vào hàng đợi {len(queued.delivery_ids)} thư: {queued.subject} — queued")
    return 0


def run_queue_invitation(args, ctx) -> int:
    from mail.invitations import queue_invitation  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    only = None
    if args.only:
        try:
            only = [int(x) for x in args.only.replace(" ", "").split(",") if x]
        except ValueError as exc:
            raise InvalidInput(f"--only '{args.only}' phải là các số, cách nhau bởi dấu phẩy.",
                               f"--only '{args.only}' must be numbers separated by commas.") from exc
    with ctx.store().uow(args.actor) as uow:
        queued = queue_invitation(uow, args.meeting_id, document_id=args.document, person_ids=only)
        uow.commit()
    print(f"Đã đưa vào hàng đợi {len(queued.delivery_ids)} giấy mời — {len(queued.delivery_ids)} invitations queued")
    for line in queued.skipped:
        print(f"  bỏ qua — skipped: {line}")
    return 0


def run_send_queue(args, ctx) -> int:
    from mail.outbox import list_deliveries  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.sender import send_queue  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.settings import require_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.uow() as uow:
        account = require_mail_account(uow.session, args.unit)
        due = list_deliveries(uow.session, unit_id=args.unit, status=DeliveryStatus.QUEUED) if args.retry_now \
            else list_deliveries(uow.session, unit_id=args.unit, due_at=uow.now())
    if not due:
        print("Không có thư nào đến lượt gửi — nothing due to send")
        return 0
    password = load_password(account)

    def progress(done, total, info) -> None:
        reply = f" ({info.reply})" if info.reply and info.status != "sent" else ""
        print(f"[{done}/{total}] {info.status.vi}: {info.address} — {info.subject}{reply}", flush=True)

    report = send_queue(store, args.unit, password, actor_id=args.actor, include_deferred=args.retry_now,
                        progress=progress)
    print(f"Đã gửi {len(report.sent)}, bị từ chối {len(report.refused)}, hẹn gửi lại {len(report.deferred)} — "
          f"sent {len(report.sent)}, refused {len(report.refused)}, deferred {len(report.deferred)}")
    return 0


def run_fetch(args, ctx) -> int:
    from mail.inbox import fetch_mailbox  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.settings import require_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = ctx.store()
    with store.uow() as uow:
        account = require_mail_account(uow.session, args.unit)

    def progress(done, total, taken) -> None:
        if args.json:
            return
        head = f"[{done}/{total}] {taken.sender or '?'} — {taken.subject or '(không tiêu đề)'}"
        print(head + (f": bỏ qua, {taken.skipped}" if taken.skipped else ""), flush=True)
        for part in taken.parts:
            print(f"    {part.line()}", flush=True)

    report = fetch_mailbox(store, args.unit, load_password(account), actor_id=args.actor, progress=progress)
    if args.json:
        ctx.print_json([m.as_json() for m in report.taken])
        return 0
    print(f"{len(report.taken)} thư mới: vào sổ {report.count('registered')}, đã có trong sổ {report.count('duplicate')}, "
          f"bỏ qua {report.count('skipped')} — {len(report.taken)} new messages: registered {report.count('registered')}, "
          f"duplicates {report.count('duplicate')}, skipped {report.count('skipped')}")
    return 0


def run_status(args, ctx) -> int:
    from mail.outbox import list_deliveries  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with ctx.store().uow() as uow:
        rows = list_deliveries(uow.session, unit_id=args.unit, meeting_id=args.meeting,
                               status=DeliveryStatus(args.status) if args.status else None)
    if args.json:
        ctx.print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print("Không có thư nào — no mail")
    for r in rows:
        extra = ""
        if r.status is DeliveryStatus.SENT:
            extra = f" lúc {_when(r.sent_at)}"
        elif r.status is DeliveryStatus.REFUSED:
            extra = f": {r.reply}"
        elif r.attempts:
            extra = f" (đã thử {r.attempts} lần, thử lại lúc {_when(r.next_attempt_at)}: {r.reply})"
        print(f"#{r.id} {r.status.vi}{extra} — {r.address} — {r.subject}")
    return 0
