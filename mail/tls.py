"""The one TLS context both mail protocols use: the system's trusted roots, plus the office's own
CA when the account names one; certificate and host name always checked, never switched off."""

from __future__ import annotations

import ssl

from mail.account import MailAccount
from mail.errors import MailSecurityError


def tls_context(account: MailAccount, server: str) -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if account.ca_file:
        try:
            context.load_verify_locations(cafile=account.ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise MailSecurityError(server, f"không đọc được tệp CA {account.ca_file} — cannot read the CA file: {exc}") from exc
    return context


def describe_tls_failure(exc: BaseException) -> str:
    """The useful part of an SSL error (the verification message when there is one)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"chứng thư không được tin cậy — certificate not trusted: {exc.verify_message}"
    return str(exc) or type(exc).__name__
