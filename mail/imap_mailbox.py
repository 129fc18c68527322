"""Reading an IMAP mailbox (IMAPS or STARTTLS): the messages not yet taken, each read without
marking it seen, and the keyword that says Nghị Sự took it.

Nothing is ever deleted or moved: a message is only marked (keyword ``$NghisuTaken``) after the
store has committed what was taken from it, so a failure in between leaves it to be taken again
(and the store's own duplicate check keeps it from being registered twice).
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from types import TracebackType

from mail.account import ImapSecurity, MailAccount
from mail.errors import MailError, MailLoginRefused, MailSecurityError, MailServerUnreachable
from mail.tls import describe_tls_failure, tls_context

TAKEN = "$NghisuTaken"


def _text(data: object) -> str:
    if isinstance(data, list | tuple):
        return " ".join(_text(d) for d in data)
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)


class Mailbox:
    """``with Mailbox(account, password) as box: for uid in box.pending(): box.fetch(uid) …``"""

    def __init__(self, account: MailAccount, password: str) -> None:
        self.account = account
        host = account.imap_host or account.smtp_host
        self.server = f"{host}:{account.imap_port}"
        context = tls_context(account, self.server)
        conn: imaplib.IMAP4 | None = None
        try:
            if account.imap_security is ImapSecurity.IMAPS:
                conn = imaplib.IMAP4_SSL(host, account.imap_port, ssl_context=context,
                                         timeout=account.timeout_seconds)
            else:
                conn = imaplib.IMAP4(host, account.imap_port, timeout=account.timeout_seconds)
                if "STARTTLS" not in conn.capabilities:
                    raise MailSecurityError(self.server, "máy chủ không hỗ trợ STARTTLS — the server offers no STARTTLS")
                conn.starttls(ssl_context=context)
        except (ssl.SSLError, ssl.CertificateError) as exc:
            _close(conn)
            raise MailSecurityError(self.server, describe_tls_failure(exc)) from None
        except MailSecurityError:
            _close(conn)
            raise
        except (OSError, imaplib.IMAP4.error) as exc:
            _close(conn)
            raise MailServerUnreachable(self.server, str(exc) or type(exc).__name__) from None
        try:
            user = account.imap_login
            if user.isascii() and password.isascii():
                conn.login(user, password)
            else:  # imaplib quotes only ASCII: a Vietnamese password goes as UTF-8 through AUTHENTICATE PLAIN
                conn.authenticate("PLAIN", lambda _challenge: b"\0" + user.encode() + b"\0" + password.encode())
        except imaplib.IMAP4.error as exc:
            _close(conn)
            raise MailLoginRefused(self.server, account.imap_login, str(exc)) from None
        except OSError as exc:
            _close(conn)
            raise MailServerUnreachable(self.server, str(exc) or type(exc).__name__) from None
        self._conn = conn
        self._call("SELECT", lambda: conn.select(_quote(account.imap_folder)))

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self._conn.logout()
        except (OSError, imaplib.IMAP4.error):
            _close(self._conn)

    def _call(self, what: str, call: object) -> list[object]:
        assert callable(call)
        try:
            typ, data = call()
        except (OSError, imaplib.IMAP4.abort) as exc:
            raise MailServerUnreachable(self.server, str(exc) or type(exc).__name__) from None
        except imaplib.IMAP4.error as exc:
            raise MailError(f"Máy chủ thư {self.server} từ chối lệnh {what}: {exc}",
                            f"The mail server {self.server} refused {what}: {exc}") from None
        if typ != "OK":
            raise MailError(f"Máy chủ thư {self.server} từ chối lệnh {what}: {_text(data)}",
                            f"The mail server {self.server} refused {what}: {_text(data)}")
        return list(data)

    def pending(self) -> list[int]:
        """UIDs of the messages Nghị Sự has not taken yet, oldest first."""
        data = self._call("SEARCH", lambda: self._conn.uid("SEARCH", "NOT", "KEYWORD", TAKEN))
        return sorted(int(u) for u in _text(data[0] if data else b"").split())

    def fetch(self, uid: int) -> bytes:
        """The whole message as sent, without marking it \\Seen."""
        data = self._call("FETCH", lambda: self._conn.uid("FETCH", str(uid), "(BODY.PEEK[])"))
        for part in data:
            if isinstance(part, tuple) and len(part) == 2 and isinstance(part[1], bytes):
                return part[1]
        raise MailError(f"Thư UID {uid} không còn trong hộp thư {self.server}.",
                        f"Message UID {uid} is no longer in the mailbox at {self.server}.")

    def mark_taken(self, uid: int) -> None:
        self._call("STORE", lambda: self._conn.uid("STORE", str(uid), "+FLAGS", f"({TAKEN})"))


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _close(conn: imaplib.IMAP4 | None) -> None:
    if conn is None:
        return
    with contextlib.suppress(OSError):
        conn.shutdown()
