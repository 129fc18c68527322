"""Fixtures for the e-mail tests: real SMTP and IMAP servers (``tests/mail/servers.py``), started
once per test process, with a province's and two communes' official mailboxes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mail.account import ImapSecurity, MailAccount
from tests.mail.servers import MailServers, start_mail_servers, stop_mail_servers

PROVINCE = "vanthu@quangtri.gov.vn"
COMMUNE = "vanthu@xaconco.quangtri.gov.vn"
COMMUNE_B = "vanthu@xagiolinh.quangtri.gov.vn"
PASSWORDS = {PROVINCE: "Tinh-2026!", COMMUNE: "Xa-ConCo-2026", COMMUNE_B: "Xã-Gio Linh-2026"}  # the last one not ASCII: sent as UTF-8


@pytest.fixture(scope="session")
def mail_servers() -> Iterator[MailServers]:
    servers = start_mail_servers(dict(PASSWORDS))
    yield servers
    stop_mail_servers(servers)


def account_for(servers: MailServers, address: str, *, imap_security: ImapSecurity = ImapSecurity.IMAPS,
                display_name: str = "Văn thư") -> MailAccount:
    """The account a unit would set up for these servers (trusting their throw-away certificate)."""
    port = servers.dovecot.imaps_port if imap_security is ImapSecurity.IMAPS else servers.dovecot.imap_port
    return MailAccount(address=address, display_name=display_name, smtp_host="127.0.0.1",
                       smtp_port=servers.smtp.port, imap_host="127.0.0.1", imap_port=port,
                       imap_security=imap_security, ca_file=str(servers.cafile), timeout_seconds=20)
