"""An e-mail as bytes on the wire, its Vietnamese headers encoded so that they read back exactly.

The standard library's default policy folds a long non-ASCII header into several RFC 2047
encoded words but leaves the space between two words outside them, where a reader must ignore
it: "Về dự toán" arrives as "Về dựtoán". ``email.header.Header`` keeps each space inside an
encoded word, so Subject and the display names of From and To are encoded with it; the rest
of the message is serialised as usual (CRLF line ends, for SMTP).
"""

from __future__ import annotations

from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, parseaddr

TEXT_HEADERS = ("From", "To", "Subject")
CRLF = "\r\n"


def _addresses(value: object) -> str:
    """Each address of an address header (as the default policy parsed it), names encoded."""
    parsed = getattr(value, "addresses", None)
    pairs = [(a.display_name, a.addr_spec) for a in parsed] if parsed else [parseaddr(str(value))]
    return ", ".join(_address(name, address) for name, address in pairs)


def _address(name: str, address: str) -> str:
    if not name or name.isascii():
        return formataddr((name, address))
    # One encoded word, not folded: readers that parse address headers (Python's own among them)
    # put a space between two encoded words of a display name.
    encoded = Header(name, "utf-8").encode(maxlinelen=900, linesep=CRLF)
    return f"{encoded} <{address}>"


def email_bytes(message: EmailMessage) -> bytes:
    data = message.as_bytes(policy=SMTP)
    header_block, sep, body = data.partition(b"\r\n\r\n")
    kept: list[bytes] = []
    dropping = False
    for line in header_block.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):  # a folded continuation of the field above
            if not dropping:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].decode("ascii", "replace").strip()
        dropping = name.lower() in {h.lower() for h in TEXT_HEADERS}
        if not dropping:
            kept.append(line)
    head = []
    for key in TEXT_HEADERS:
        value = message.get(key)
        if value is None:
            continue
        text = str(value)
        if key != "Subject":
            encoded = _addresses(value)
        elif text.isascii():
            encoded = text
        else:
            encoded = Header(text, "utf-8").encode(maxlinelen=76, linesep=CRLF)
        head.append(f"{key}: {encoded}".encode("ascii"))
    return b"\r\n".join(head + kept) + sep + body
