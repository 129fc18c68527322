"""Fixtures for the e-mail tests: real SMTP and IMAP servers (``tests/mail/servers.py``), started
once per test process, with a province's and two communes' official mailboxes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from mail.account import ImapSecurity, MailAccount
from store.clock import VN_TZ
from store.engine import Store
from store.location import StoreLocation
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


def embedded_store(tmp_path) -> StoreLocation:
    """For screens and commands whose PostgreSQL path is the same services tested on both backends
    elsewhere (the queue, the fetch, the rules): a module overrides ``store_location`` with this."""
    return StoreLocation(home=tmp_path / "store")


@dataclass
class Office:
    """A province office with its mail account set up, a meeting with two invitees who have
    addresses (and one who has none), and the meeting's giấy mời stored as a PDF."""

    store: Store
    unit_id: int
    secretary: int
    invitees: dict[str, int]  # address → person id
    no_address: int
    meeting_id: int
    invitation_doc: int
    invitation_pdf: bytes
    password: str
    secrets: Path


@pytest.fixture
def office(store, mail_servers, tmp_path) -> Office:
    from documents.records import DocumentMeta
    from mail.secrets import save_password
    from mail.settings import set_mail_account
    from meetings.agenda import add_agenda_item
    from meetings.lifecycle import create_meeting
    from meetings.materials import import_material
    from meetings.sites import add_participant
    from store.directory import create_person, create_unit
    from tests.signing.pki import make_pdf

    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019",
                         official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        sec = create_person(uow, full_name="Phạm Thị Ngọc Ánh", position="Chuyên viên", unit_id=qt.id)
        a = create_person(uow, full_name="Hồ Văn Lâm", position="Chủ tịch UBND xã Cồn Cỏ", unit_id=qt.id, email=COMMUNE)
        b = create_person(uow, full_name="Lê Thị Hoa", position="Chủ tịch UBND xã Gio Linh", unit_id=qt.id,
                          email=COMMUNE_B)
        c = create_person(uow, full_name="Trần Văn Không Thư", position="Thành viên", unit_id=qt.id)
        m = create_meeting(uow, unit_id=qt.id, title="Phiên họp UBND tỉnh tháng 12", kind="online",
                           starts_at=datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ),
                           ends_at=datetime(2026, 12, 8, 11, 30, tzinfo=VN_TZ), location="Phòng họp số 1, Trụ sở UBND tỉnh")
        add_participant(uow, m.id, sec.id, "secretary")
        for pid in (a.id, b.id, c.id):
            add_participant(uow, m.id, pid, "member")
        add_agenda_item(uow, m.id, title="Kế hoạch phát triển kinh tế - xã hội năm 2027", planned_minutes=60)
        add_agenda_item(uow, m.id, title="Dự toán ngân sách năm 2027", planned_minutes=45)
        set_mail_account(uow, qt.id, account_for(mail_servers, PROVINCE, display_name="Văn phòng UBND tỉnh Quảng Trị"))
        uow.commit()
    pdf = make_pdf(2, "Giấy mời họp Ủy ban nhân dân tỉnh")
    doc = import_material(store, sec.id, m.id, "1", pdf, DocumentMeta(title="Giấy mời họp", doc_type="khac"))
    secrets = tmp_path / "secrets"
    save_password(account_for(mail_servers, PROVINCE), PASSWORDS[PROVINCE], use_keyring=False, folder=secrets)
    return Office(store, qt.id, sec.id, {COMMUNE: a.id, COMMUNE_B: b.id}, c.id, m.id, doc.id, pdf,
                  PASSWORDS[PROVINCE], secrets)


def received(servers: MailServers, address: str, message_ref: str) -> list[EmailMessage]:
    """The messages in ``address``'s mailbox with this Message-ID (the mailboxes are shared by
    every test of the session)."""
    from email import message_from_bytes, policy

    from mail.imap_mailbox import Mailbox

    out = []
    with Mailbox(account_for(servers, address), PASSWORDS[address]) as box:
        for uid in box.pending():
            msg = message_from_bytes(box.fetch(uid), policy=policy.default)
            if msg["Message-ID"] == message_ref:
                out.append(msg)
    return out
