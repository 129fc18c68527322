"""A unit's mail account: where its official e-mail is sent from and fetched into.

The account (servers, ports, TLS mode, login names, the office's From address) is kept in the
store's ``settings``, one per unit (``mail.account.<unit id>``), so every desktop of the office
sends the same way; only an administrator may change it. The password is never in the store:
each desktop keeps it in the system keyring or in a 0600 file (``mail.secrets``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from store.codes import Labelled
from store.errors import InvalidInput

_ADDRESS = re.compile(r"^[^@\s<>\"]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$")


class SmtpSecurity(Labelled):
    """How the SMTP connection is encrypted; there is no "none"."""

    STARTTLS = "starttls", "STARTTLS (cổng 587)"
    TLS = "tls", "SSL/TLS (cổng 465)"


class ImapSecurity(Labelled):
    IMAPS = "imaps", "IMAPS (cổng 993)"
    STARTTLS = "starttls", "STARTTLS (cổng 143)"


def check_address(address: str, what: str = "Địa chỉ thư") -> str:
    address = address.strip()
    if not _ADDRESS.match(address):
        raise InvalidInput(f"{what} '{address}' không hợp lệ (dạng đúng: vanthu@quangtri.gov.vn).",
                           f"The e-mail address '{address}' is not valid (expected e.g. vanthu@quangtri.gov.vn).")
    return address


@dataclass(frozen=True)
class MailAccount:
    """One unit's official mailbox. ``ca_file`` names an extra certificate to trust (an office's
    own mail server with a certificate from its own CA); the system's trusted roots always are."""

    address: str
    display_name: str
    smtp_host: str
    smtp_port: int = 587
    smtp_security: SmtpSecurity = SmtpSecurity.STARTTLS
    smtp_user: str = ""
    imap_host: str = ""
    imap_port: int = 993
    imap_security: ImapSecurity = ImapSecurity.IMAPS
    imap_user: str = ""
    imap_folder: str = "INBOX"
    ca_file: str | None = None
    timeout_seconds: float = 30.0

    def __post_init__(self) -> None:
        check_address(self.address)
        for port, what in ((self.smtp_port, "SMTP"), (self.imap_port, "IMAP")):
            if not 0 < port < 65536:
                raise InvalidInput(f"Cổng {what} {port} không hợp lệ (1–65535).", f"The {what} port {port} is not valid (1–65535).")
        if not self.smtp_host.strip():
            raise InvalidInput("Chưa nhập máy chủ SMTP.", "No SMTP server given.")

    @property
    def login(self) -> str:
        """The SMTP login (the address when none is set apart)."""
        return self.smtp_user or self.address

    @property
    def imap_login(self) -> str:
        return self.imap_user or self.smtp_user or self.address

    @property
    def secret_key(self) -> str:
        """What the password is filed under on this desktop: one per server and login."""
        return f"{self.login}@{self.smtp_host}"

    def to_json(self) -> dict[str, Any]:
        return {k: (str(v) if isinstance(v, Labelled) else v) for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MailAccount:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["smtp_security"] = SmtpSecurity(known.get("smtp_security", SmtpSecurity.STARTTLS))
        known["imap_security"] = ImapSecurity(known.get("imap_security", ImapSecurity.IMAPS))
        return cls(**known)
