"""Sending by SMTP: one encrypted, logged-in connection, one transaction per recipient, and what
the server answered to each.

A connection-level failure (unreachable, TLS, login, the server hanging up) raises: nothing was
accepted for the recipients not yet done, so their items stay queued. A per-recipient answer is
returned as it is: 2xx sent, 4xx deferred (try again later), 5xx refused (the server's reason is
kept; a person must act).
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType

from mail.account import MailAccount, SmtpSecurity
from mail.errors import MailLoginRefused, MailSecurityError, MailServerUnreachable
from mail.tls import describe_tls_failure, tls_context
from mail.wire import email_bytes
from store.codes import Labelled


class SmtpOutcome(Labelled):
    SENT = "sent", "đã gửi"
    DEFERRED = "deferred", "máy chủ tạm hoãn"
    REFUSED = "refused", "bị từ chối"


@dataclass(frozen=True)
class SmtpReply:
    recipient: str
    outcome: SmtpOutcome
    code: int
    text: str


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _login_reason(exc: smtplib.SMTPAuthenticationError) -> str:
    return f"{exc.smtp_code} {_text(exc.smtp_error)}".strip()


class SmtpConnection:
    """``with SmtpConnection(account, password) as smtp: smtp.send(...)``."""

    def __init__(self, account: MailAccount, password: str) -> None:
        self.account = account
        self.server = f"{account.smtp_host}:{account.smtp_port}"
        context = tls_context(account, self.server)
        conn: smtplib.SMTP | None = None
        try:
            if account.smtp_security is SmtpSecurity.TLS:
                conn = smtplib.SMTP_SSL(account.smtp_host, account.smtp_port, timeout=account.timeout_seconds,
                                        context=context)
            else:
                conn = smtplib.SMTP(account.smtp_host, account.smtp_port, timeout=account.timeout_seconds)
                conn.ehlo()
                if not conn.has_extn("starttls"):
                    raise MailSecurityError(self.server, "máy chủ không hỗ trợ STARTTLS — the server offers no STARTTLS")
                conn.starttls(context=context)
                conn.ehlo()
            _login(conn, account.login, password)
        except smtplib.SMTPAuthenticationError as exc:
            _quietly_close(conn)
            raise MailLoginRefused(self.server, account.login, _login_reason(exc)) from None
        except (ssl.SSLError, ssl.CertificateError) as exc:
            _quietly_close(conn)
            raise MailSecurityError(self.server, describe_tls_failure(exc)) from None
        except smtplib.SMTPNotSupportedError as exc:
            _quietly_close(conn)
            raise MailSecurityError(self.server, str(exc)) from None
        except MailSecurityError:
            _quietly_close(conn)
            raise
        except (OSError, smtplib.SMTPException) as exc:  # refused, timed out, hung up, unresolvable
            _quietly_close(conn)
            raise MailServerUnreachable(self.server, str(exc) or type(exc).__name__) from None
        self._conn = conn

    def __enter__(self) -> SmtpConnection:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        _quietly_close(self._conn, polite=exc is None)

    def send(self, message: EmailMessage, recipient: str) -> SmtpReply:
        """One SMTP transaction for one recipient (the envelope names only them)."""
        data = email_bytes(message)
        try:
            self._conn.sendmail(self.account.address, [recipient], data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = exc.recipients.get(recipient, (550, b"refused"))
            return self._refused(recipient, code, _text(reply))
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            return self._refused(recipient, exc.smtp_code, _text(exc.smtp_error))
        except smtplib.SMTPResponseException as exc:
            return self._refused(recipient, exc.smtp_code, _text(exc.smtp_error))
        except (OSError, smtplib.SMTPException) as exc:  # the connection went away mid-way
            raise MailServerUnreachable(self.server, str(exc) or type(exc).__name__) from None
        return SmtpReply(recipient, SmtpOutcome.SENT, 250, "")

    def _refused(self, recipient: str, code: int, text: str) -> SmtpReply:
        try:
            self._conn.rset()  # a clean transaction for the next recipient
        except (OSError, smtplib.SMTPException) as exc:
            raise MailServerUnreachable(self.server, str(exc) or type(exc).__name__) from None
        outcome = SmtpOutcome.REFUSED if 500 <= code < 600 else SmtpOutcome.DEFERRED
        return SmtpReply(recipient, outcome, code, f"{code} {text}".strip())


def _login(conn: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; smtplib sends only ASCII, so a Vietnamese password goes as UTF-8 through AUTH PLAIN
    (RFC 4616) by hand."""
    if user.isascii() and password.isascii():
        conn.login(user, password)
        return
    if "plain" not in conn.esmtp_features.get("auth", "").lower().split():
        raise smtplib.SMTPAuthenticationError(
            504, b"the server offers no AUTH PLAIN for a non-ASCII password")
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
    code, reply = conn.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _quietly_close(conn: smtplib.SMTP | None, *, polite: bool = False) -> None:
    if conn is None:
        return
    try:
        if polite:
            conn.quit()
        else:
            conn.close()
    except (OSError, smtplib.SMTPException):
        conn.close()
