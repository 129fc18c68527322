"""Reading one received e-mail: who sent it, what it says it is (number, date, subject), and
its attachments, tolerant of whatever arrives. A message that cannot be read at all, an
attachment that is not a PDF, a message with none: each is a reason to skip, never a crash.
Parsing the PDF itself is left to intake, in its sandboxed worker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parseaddr

_SYMBOL = re.compile(r"\b[Ss]ố[:\s]+(\d{1,6}/[\wĐđ.\-]+)")
_DATE = re.compile(r"\bngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_PREFIXES = re.compile(r"^\s*((re|fw|fwd|tl|chuyển tiếp|trả lời)\s*:\s*)+", re.IGNORECASE)
#: "Số 15/QĐ-UBND ngày 01/12/2026: …" as Nghị Sự writes a document's subject line.
_HEAD = re.compile(r"^\s*(Số\s+\S+\s*)?(ngày\s+\d{1,2}/\d{1,2}/\d{4}\s*)?:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class MailPart:
    filename: str
    content_type: str
    data: bytes

    @property
    def is_pdf(self) -> bool:
        return self.data.lstrip()[:5] == b"%PDF-"


@dataclass(frozen=True)
class ReadMail:
    message_id: str
    sender_name: str
    sender_address: str
    subject: str  # trích yếu, with "Re:" and the number line taken off
    doc_symbol: str
    doc_date: date | None
    parts: tuple[MailPart, ...]
    problem: str = ""  # why it could not be read, when it could not


def _symbol_and_date(text: str) -> tuple[str, date | None]:
    symbol = _SYMBOL.search(text)
    found = _DATE.search(text)
    when = None
    if found:
        try:
            when = date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        except ValueError:
            when = None
    return (symbol.group(1) if symbol else ""), when


def _parts(msg: EmailMessage) -> tuple[MailPart, ...]:
    out = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename() or ""
        ctype = part.get_content_type()
        if not filename and part.get_content_disposition() != "attachment" and ctype.startswith("text/"):
            continue  # the body itself
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            out.append(MailPart(filename or "tep-dinh-kem", ctype, payload))
    return tuple(out)


def read_mail(raw: bytes) -> ReadMail:
    try:
        msg = message_from_bytes(raw, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        name, address = parseaddr(str(msg.get("From", "")))
        subject = " ".join(str(msg.get("Subject", "")).split())
        message_id = str(msg.get("Message-ID", "")).strip()
        parts = _parts(msg)
    except Exception as exc:  # a malformed message must not stop the mailbox: it is skipped, said why
        return ReadMail("", "", "", "", "", None, (), f"thư hỏng, không đọc được — malformed message ({type(exc).__name__})")
    if not address and not name:
        return ReadMail(message_id, "", "", subject, "", None, parts,
                        "thư không có người gửi — the message has no sender")
    symbol, when = _symbol_and_date(subject)
    subject = _HEAD.sub("", _PREFIXES.sub("", subject)) if symbol else _PREFIXES.sub("", subject)
    return ReadMail(message_id, name or address, address, subject.strip(), symbol, when, parts)
