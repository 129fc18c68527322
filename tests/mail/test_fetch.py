"""The round trip against the real servers, on both backends: the province sends a signed
document and an invitation by SMTP; the commune's mailbox fetch (IMAP) registers each PDF in the
commune's incoming register exactly once, with its verification report; a second fetch takes
nothing, the same document mailed again is linked as a duplicate; bad mail is skipped with its
reason and nothing is lost when the store stops answering mid-way."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

import pytest

from documents.records import DocumentMeta
from mail.dispatch import queue_document
from mail.inbox import fetch_mailbox
from mail.invitations import queue_invitation
from mail.sender import send_queue
from mail.settings import set_mail_account
from mail.wire import email_bytes
from meetings.materials import import_material
from meetings.sites import add_participant
from register.incoming.entries import history
from register.incoming.lists import IncomingFilter, list_incoming
from register.incoming.models import IncomingDocument
from register.incoming.records import IncomingInfo
from signing.keys.truststore import add_trust_roots
from store.directory import create_person, create_unit, grant_role
from store.errors import PermissionDenied, StoreUnavailable
from tests.mail.conftest import account_for
from tests.register.incoming_fixtures import pki, signed_pdf


@dataclass
class Commune:
    unit_id: int
    clerk: int
    officer: int
    address: str
    password: str


@pytest.fixture
def commune(office, mail_servers) -> Commune:
    """A commune of the same store with its own, new mailbox and its văn thư; the office CA trusted."""
    address, password = f"vanthu-{uuid.uuid4().hex[:8]}@xaconco.quangtri.gov.vn", "Văn-thư-xã-2026"
    mail_servers.dovecot.add_user(address, password)
    with office.store.uow() as uow:
        gl = create_unit(uow, code=f"GL{uuid.uuid4().hex[:4]}", name="Huyện Gio Linh", level="district",
                         official_name="Ủy ban nhân dân huyện Gio Linh", place_name="Gio Linh", parent_id=office.unit_id).id
        cc = create_unit(uow, code=f"CC{uuid.uuid4().hex[:4]}", name="Xã Cồn Cỏ", level="commune",
                         official_name="Ủy ban nhân dân xã Cồn Cỏ", place_name="Cồn Cỏ", parent_id=gl).id
        clerk = create_person(uow, full_name="Võ Thị Văn Thư", position="Văn thư", unit_id=cc).id
        officer = create_person(uow, full_name="Ngô Văn Công Chức", position="Công chức", unit_id=cc).id
        grant_role(uow, clerk, cc, "van_thu", since=date(2020, 1, 1))
        add_trust_roots(uow, pki().ca.cert_pem, note="CA thử nghiệm")
        set_mail_account(uow, cc, account_for(mail_servers, address, display_name="Văn phòng UBND xã Cồn Cỏ"))
        uow.commit()
    return Commune(cc, clerk, officer, address, password)


def _entries(store, unit_id: int) -> list[IncomingInfo]:
    with store.read() as s:
        return list_incoming(s, IncomingFilter(unit_id=unit_id))


def _send_signed_decision(office, commune) -> int:
    doc = import_material(office.store, office.secretary, office.meeting_id, "1", signed_pdf(),
                          DocumentMeta(title="Quyết định về việc phê duyệt kế hoạch", doc_type="quyet_dinh"))
    with office.store.uow(office.secretary) as uow:
        queue_document(uow, doc.id, unit_id=office.unit_id, addresses=[commune.address])
        uow.commit()
    assert len(send_queue(office.store, office.unit_id, office.password).sent) == 1
    return doc.id


def test_a_signed_document_mailed_by_the_province_is_registered_once_by_the_commune(office, commune, mail_servers):
    store = office.store
    doc_id = _send_signed_decision(office, commune)
    report = fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.clerk)
    ((part,),) = [m.parts for m in report.taken]
    assert part.outcome == "registered" and part.number == 1 and part.verdict == "valid"
    (entry,) = _entries(store, commune.unit_id)
    assert entry.channel == "mail" and entry.sender_name == "Văn phòng UBND tỉnh Quảng Trị"
    assert entry.subject == "Quyết định về việc phê duyệt kế hoạch" and entry.verdict == "valid"
    with store.read() as s:
        row = s.get(IncomingDocument, entry.id)
        assert row.verification["verdict"] == "valid" and row.verification["signatures"]  # the report, kept
    # a second fetch takes nothing; the same document mailed again is linked, not registered twice
    assert fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.clerk).taken == []
    with store.uow(office.secretary) as uow:
        queue_document(uow, doc_id, unit_id=office.unit_id, addresses=[commune.address])
        uow.commit()
    send_queue(store, office.unit_id, office.password)
    again = fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.clerk)
    assert [p.outcome for m in again.taken for p in m.parts] == ["duplicate"]
    assert len(_entries(store, commune.unit_id)) == 1
    with store.read() as s:
        assert [e.kind for e in history(s, entry.id)].count("duplicate") == 1


def test_an_invitation_is_registered_with_its_calendar_file_skipped_for_what_it_is(office, commune, mail_servers):
    store = office.store
    with store.uow() as uow:
        person = create_person(uow, full_name="Chủ tịch xã Cồn Cỏ", position="Chủ tịch", unit_id=commune.unit_id,
                               email=commune.address).id
        add_participant(uow, office.meeting_id, person, "member")
        uow.commit()
    with store.uow(office.secretary) as uow:
        queue_invitation(uow, office.meeting_id, document_id=office.invitation_doc, person_ids=[person])
        uow.commit()
    send_queue(store, office.unit_id, office.password)
    report = fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.clerk)
    (mail,) = report.taken
    assert [(p.filename, p.outcome) for p in mail.parts] == [(mail.parts[0].filename, "registered"),
                                                             ("lich-hop.ics", "skipped")]
    (skipped,) = [p for p in mail.parts if p.outcome == "skipped"]
    assert "không phải tệp PDF (text/calendar)" in skipped.reason
    (entry,) = _entries(store, commune.unit_id)
    assert entry.verdict == "unsigned" and entry.subject.startswith("Giấy mời họp: Phiên họp UBND tỉnh tháng 12")


def _raw(address: str, subject: str, parts: list[tuple[str, str, bytes]]) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Sở Tài chính <stc@quangtri.gov.vn>"
    msg["To"] = address
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{uuid.uuid4().hex}@quangtri.gov.vn>"
    msg.set_content("Kính gửi UBND xã.")
    for name, ctype, data in parts:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return email_bytes(msg)  # encoded as a careful mail client does (see mail.wire)


def test_bad_mail_is_skipped_with_its_reason_and_good_mail_beside_it_is_taken(office, commune, mail_servers):
    store, box = office.store, mail_servers.dovecot
    broken_pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer garbage\n"
    for raw in (
        b"\x00\xff this is not an e-mail at all \r\n\r\n\xfe",
        _raw(commune.address, "Báo cáo số liệu", [("so-lieu.xlsx", "application/vnd.ms-excel", b"PK\x03\x04 excel")]),
        _raw(commune.address, "Không có tệp", []),
        _raw(commune.address, "Tệp PDF hỏng", [("hong.pdf", "application/pdf", broken_pdf)]),
        _raw(commune.address, "Số 42/STC-NS ngày 20/11/2026: Về dự toán ngân sách 2027",
             [("42-STC.pdf", "application/pdf", signed_pdf("Công văn về dự toán ngân sách"))]),
    ):
        assert box.deliver(commune.address, "stc@quangtri.gov.vn", raw)[0] == 0
    report = fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.clerk)
    assert len(report.taken) == 5
    reasons = [m.skipped or "; ".join(p.line() for p in m.parts) for m in report.taken]
    assert "không có tệp PDF đính kèm" in reasons[1] and "không có tệp PDF đính kèm" in reasons[2]
    assert "không phải tệp PDF (application/vnd.ms-excel)" in report.taken[1].parts[0].reason
    assert report.taken[3].parts[0].outcome == "skipped" and report.taken[3].parts[0].reason
    (good,) = report.taken[4].parts
    assert good.outcome == "registered"
    (entry,) = _entries(store, commune.unit_id)
    assert (entry.doc_symbol, entry.doc_date, entry.subject) == ("42/STC-NS", date(2026, 11, 20),
                                                                 "Về dự toán ngân sách 2027")
    assert entry.sender_name == "Sở Tài chính"
    assert fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.clerk).taken == []


def test_only_the_clerk_fetches_and_a_store_failure_mid_way_loses_nothing(office, commune, mail_servers, monkeypatch):
    store = office.store
    with pytest.raises(PermissionDenied):
        fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.officer)
    _send_signed_decision(office, commune)
    import mail.inbox as inbox

    real = inbox.receive_file

    def store_goes_away(*args, **kwargs):
        raise StoreUnavailable("Mất kết nối tới kho dữ liệu.", "The store connection was lost.")

    monkeypatch.setattr(inbox, "receive_file", store_goes_away)  # the store, not our code, fails here
    with pytest.raises(StoreUnavailable):
        fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.clerk)
    assert _entries(store, commune.unit_id) == []
    monkeypatch.setattr(inbox, "receive_file", real)
    report = fetch_mailbox(store, commune.unit_id, commune.password, actor_id=commune.clerk)
    assert [p.outcome for m in report.taken for p in m.parts] == ["registered"]  # taken again, once


def test_the_command_line_fetches_into_the_register(office, commune, mail_servers, monkeypatch, capsys):
    from mail.secrets import save_password
    from ui import cli

    _send_signed_decision(office, commune)
    monkeypatch.setattr(cli.CliContext, "store", lambda self, **kw: office.store)
    secrets = office.secrets.parent / "commune-secrets"
    monkeypatch.setenv("NGHISU_MAIL_SECRETS_DIR", str(secrets))
    save_password(account_for(mail_servers, commune.address), commune.password, use_keyring=False)
    code = cli.main(["mail", "fetch", "--unit", str(commune.unit_id), "--as", str(commune.officer)])
    out, err = capsys.readouterr()
    assert code == 2 and "Chỉ văn thư" in err and err.count("\n") == 1
    code = cli.main(["mail", "fetch", "--unit", str(commune.unit_id), "--as", str(commune.clerk)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "vào sổ đến số 1 (valid)" in out and "1 thư mới: vào sổ 1" in out
