"""The transport against real servers: aiosmtpd (STARTTLS + AUTH, a size limit) delivering into
Dovecot, read back over IMAPS and IMAP+STARTTLS."""

from __future__ import annotations

import dataclasses
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from mail.account import ImapSecurity
from mail.errors import MailLoginRefused, MailSecurityError, MailServerUnreachable
from mail.imap_mailbox import Mailbox
from mail.smtp_transport import SmtpConnection, SmtpOutcome
from tests.mail.conftest import COMMUNE, COMMUNE_B, PASSWORDS, PROVINCE, account_for
from tests.mail.servers import free_port

PDF = b"%PDF-1.7\n% test bytes \x00\xff\xfe binary\n%%EOF\n"


def _message(to: str, subject: str, attachment: bytes = PDF) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f'"Văn phòng Ủy ban nhân dân tỉnh Quảng Trị, Phòng Hành chính - Tổ chức" <{PROVINCE}>'
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content("Kính gửi UBND xã Cồn Cỏ,\nVăn phòng gửi kèm văn bản.")
    msg.add_attachment(attachment, maintype="application", subtype="pdf", filename="Quyết định số 15.pdf")
    return msg


def _received(mail_servers, address: str, security: ImapSecurity = ImapSecurity.IMAPS) -> list[EmailMessage]:
    with Mailbox(account_for(mail_servers, address, imap_security=security), PASSWORDS[address]) as box:
        return [message_from_bytes(box.fetch(uid), policy=policy.default) for uid in box.pending()]


def test_a_message_sent_by_smtp_arrives_in_the_recipients_mailbox_with_its_attachment_unchanged(mail_servers):
    # long enough to be folded into several encoded words, each space kept
    subject = "Số 42/STC-NS ngày 20/11/2026: Về dự toán ngân sách năm 2027 của các xã, phường trên địa bàn tỉnh"
    with SmtpConnection(account_for(mail_servers, PROVINCE), PASSWORDS[PROVINCE]) as smtp:
        reply = smtp.send(_message(COMMUNE, subject), COMMUNE)
    assert reply.outcome is SmtpOutcome.SENT

    got = [m for m in _received(mail_servers, COMMUNE) if m["Subject"] == subject]
    assert len(got) == 1
    assert got[0]["From"].addresses[0].display_name == "Văn phòng Ủy ban nhân dân tỉnh Quảng Trị, Phòng Hành chính - Tổ chức"
    (part,) = [p for p in got[0].iter_attachments()]
    assert part.get_filename() == "Quyết định số 15.pdf"
    assert part.get_content() == PDF  # byte for byte


def test_the_mailbox_reads_over_starttls_too_and_marked_messages_are_not_pending_again(mail_servers):
    subject = "Giấy mời họp STARTTLS"
    with SmtpConnection(account_for(mail_servers, PROVINCE), PASSWORDS[PROVINCE]) as smtp:
        assert smtp.send(_message(COMMUNE_B, subject), COMMUNE_B).outcome is SmtpOutcome.SENT
    account = account_for(mail_servers, COMMUNE_B, imap_security=ImapSecurity.STARTTLS)
    with Mailbox(account, PASSWORDS[COMMUNE_B]) as box:
        pending = box.pending()
        assert pending
        for uid in pending:
            box.mark_taken(uid)
        assert box.pending() == []
    with Mailbox(account, PASSWORDS[COMMUNE_B]) as box:
        assert box.pending() == []


def test_a_recipient_the_server_does_not_know_is_refused_with_the_servers_reason(mail_servers):
    with SmtpConnection(account_for(mail_servers, PROVINCE), PASSWORDS[PROVINCE]) as smtp:
        reply = smtp.send(_message("khongco@quangtri.gov.vn", "x"), "khongco@quangtri.gov.vn")
        assert reply.outcome is SmtpOutcome.REFUSED
        assert reply.code == 550 and "User unknown" in reply.text
        # the connection is still good for the next recipient
        assert smtp.send(_message(COMMUNE, "sau khi bị từ chối"), COMMUNE).outcome is SmtpOutcome.SENT


def test_a_30_mib_attachment_over_the_servers_limit_is_refused_with_its_reason(mail_servers):
    big = b"%PDF-1.7\n" + bytes(30 * 1024 * 1024)
    with SmtpConnection(account_for(mail_servers, PROVINCE), PASSWORDS[PROVINCE]) as smtp:
        reply = smtp.send(_message(COMMUNE, "quá lớn", big), COMMUNE)
    assert reply.outcome is SmtpOutcome.REFUSED
    assert reply.code == 552


def test_a_wrong_password_is_refused_by_both_servers(mail_servers):
    account = account_for(mail_servers, PROVINCE)
    with pytest.raises(MailLoginRefused) as smtp_err:
        SmtpConnection(account, "sai-mật-khẩu")
    assert "nghisu mail password" in str(smtp_err.value) and "sai-mật-khẩu" not in str(smtp_err.value)
    with pytest.raises(MailLoginRefused):
        Mailbox(account, "sai-mật-khẩu")


def test_an_unreachable_server_says_so(mail_servers):
    closed = dataclasses.replace(account_for(mail_servers, PROVINCE), smtp_port=free_port(), imap_port=free_port(),
                                 timeout_seconds=3)
    with pytest.raises(MailServerUnreachable):
        SmtpConnection(closed, "x")
    with pytest.raises(MailServerUnreachable):
        Mailbox(closed, "x")


def test_a_server_certificate_not_trusted_is_refused_not_ignored(mail_servers):
    untrusted = dataclasses.replace(account_for(mail_servers, PROVINCE), ca_file=None)
    with pytest.raises(MailSecurityError) as err:
        SmtpConnection(untrusted, PASSWORDS[PROVINCE])
    assert "certificate" in str(err.value)
    with pytest.raises(MailSecurityError):
        Mailbox(untrusted, PASSWORDS[PROVINCE])


def test_a_server_that_is_not_smtp_at_all_is_unreachable_not_a_traceback(mail_servers):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        silent = dataclasses.replace(account_for(mail_servers, PROVINCE), smtp_port=port, timeout_seconds=1)
        with pytest.raises(MailServerUnreachable):
            SmtpConnection(silent, "x")
