"""The e-mail as it goes out: From the office's address, one recipient, a Vietnamese subject and
body, the stored PDF attached byte for byte, and for an invitation its calendar event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from mail.account import MailAccount
from mail.codes import MailKind

CALENDAR_NAME = "lich-hop.ics"


@dataclass(frozen=True)
class Outgoing:
    """What one copy needs, read from the store before the connection opens."""

    delivery_id: int
    address: str
    name: str
    kind: MailKind
    subject: str
    body: str
    message_ref: str
    attachment: bytes | None
    attachment_name: str
    calendar: str | None


def build_email(account: MailAccount, item: Outgoing, now: datetime) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = formataddr((account.display_name, account.address))
    msg["To"] = formataddr((item.name, item.address)) if item.name else item.address
    msg["Subject"] = item.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = item.message_ref
    msg["X-Mailer"] = "Nghi Su"
    msg.set_content(item.body, cte="quoted-printable")
    if item.attachment is not None:
        msg.add_attachment(item.attachment, maintype="application", subtype="pdf",
                           filename=item.attachment_name or "van-ban.pdf")
    if item.calendar is not None:
        # Calendar clients look for text/calendar with the iTIP method (RFC 6047).
        msg.add_attachment(item.calendar.encode("utf-8"), maintype="text", subtype="calendar",
                           params={"method": "REQUEST", "charset": "utf-8"}, filename=CALENDAR_NAME)
    return msg
