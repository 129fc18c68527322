"""What can go wrong with official e-mail, each with a Vietnamese and an English line that says
what to do. A connection-level error leaves every queued item queued (it is retried later); a
refusal of one recipient or one message is recorded on that item with the server's own words."""

from __future__ import annotations

from store.errors import NghisuError


class MailError(NghisuError):
    """Root of the e-mail errors."""


class MailNotConfigured(MailError):
    """The unit has no mail account, or this desktop has no password for it."""


class MailServerUnreachable(MailError):
    """The server did not answer (down, wrong host or port, no network): try again later."""

    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            f"Không kết nối được máy chủ thư {server}; thư vẫn nằm trong hàng đợi, "
            "hãy kiểm tra mạng và cấu hình rồi thử lại.",
            f"Could not connect to the mail server {server}; the mail stays queued: "
            "check the network and the settings, then try again.",
            detail=detail,
        )
        self.server = server


class MailSecurityError(MailError):
    """TLS could not be set up or the server's certificate is not trusted: nothing is sent in clear."""

    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            f"Không thiết lập được kết nối mã hoá (TLS) với {server}. Thư không được gửi khi chưa mã hoá; "
            "hãy kiểm tra chứng thư của máy chủ (hoặc tệp CA trong cấu hình thư).",
            f"Could not set up an encrypted (TLS) connection to {server}. Mail is never sent "
            "unencrypted; check the server's certificate (or the CA file in the mail settings).",
            detail=detail,
        )
        self.server = server


class MailLoginRefused(MailError):
    """The server refused the account's name or password."""

    def __init__(self, server: str, user: str, reason: str) -> None:
        super().__init__(
            f"Máy chủ thư {server} từ chối đăng nhập của {user} ({reason}); hãy nhập lại mật khẩu "
            "(`nghisu mail password`). Thư vẫn nằm trong hàng đợi.",
            f"The mail server {server} refused the login of {user} ({reason}); enter the password again "
            "(`nghisu mail password`). The mail stays queued.",
        )
        self.server = server
        self.user = user
        self.reason = reason
