"""`nghisu invite MEETING_ID -o F.pdf --send`: the issued giấy mời is refused until it is signed,
then e-mailed to every invitee with an address, byte for byte the signed file, with the
calendar event; the file sent is written to F.pdf."""

from __future__ import annotations

from datetime import date

import pytest

from mail.models import MailMessage
from mail.outbox import list_deliveries
from meetings.papers.issue import MeetingPaper, issue_meeting_paper
from signing.keys.certificates import register_certificate
from signing.keys.signing_keys import load_pkcs12
from signing.keys.truststore import add_trust_roots
from signing.workflow import sign_request
from store.directory import grant_role
from tests.mail.conftest import COMMUNE, COMMUNE_B, embedded_store, received
from tests.register.incoming_fixtures import pki
from tests.signing.pki import P12_PASSWORD
from ui import cli


@pytest.fixture
def store_location(tmp_path):
    """This module on the embedded store only (see tests/mail/conftest.embedded_store)."""
    return embedded_store(tmp_path)


@pytest.fixture
def run(office, monkeypatch, capsys):
    monkeypatch.setattr(cli.CliContext, "store", lambda self, **kw: office.store)
    monkeypatch.setenv("NGHISU_MAIL_SECRETS_DIR", str(office.secrets))

    def run(*args):
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_the_signed_invitation_is_sent_to_every_invitee(run, office, mail_servers, tmp_path):
    store = office.store
    key = load_pkcs12(pki().chair.p12, P12_PASSWORD)
    with store.uow() as uow:
        grant_role(uow, office.secretary, office.unit_id, "van_thu", since=date(2026, 1, 1))
        add_trust_roots(uow, pki().ca.cert_pem)
        register_certificate(uow, office.secretary, key.certificate_der)
        uow.commit()
    out = tmp_path / "giay-moi.pdf"
    code, _, err = run("invite", office.meeting_id, "-o", out, "--send", "--as", office.secretary)
    assert code == 2 and "chưa phát hành giấy mời" in err and not out.exists()

    issued = issue_meeting_paper(store, office.secretary, office.meeting_id, MeetingPaper.INVITATION,
                                 signer_id=office.secretary)
    code, _, err = run("invite", office.meeting_id, "-o", out, "--send", "--as", office.secretary)
    assert code == 2 and "chưa ký số xong" in err and err.count("\n") == 1
    with store.uow() as uow:
        assert list_deliveries(uow.session, unit_id=office.unit_id) == []  # refused: nothing queued

    signed = sign_request(store, issued.request.id, office.secretary, key).document
    code, stdout, err = run("invite", office.meeting_id, "-o", out, "--send", "--as", office.secretary)
    assert code == 0, err
    assert "Giấy mời: đã gửi 2, bị từ chối 0" in stdout and "Trần Văn Không Thư" in stdout  # no address: said
    sent_pdf = store.blobs.get(signed.current_version.sha256)
    assert out.read_bytes() == sent_pdf
    with store.uow() as uow:
        deliveries = list_deliveries(uow.session, unit_id=office.unit_id)
        refs = {d.address: uow.session.get(MailMessage, d.message_id).message_ref for d in deliveries}
    assert {d.status for d in deliveries} == {"sent"} and set(refs) == {COMMUNE, COMMUNE_B}
    (msg,) = received(mail_servers, COMMUNE, refs[COMMUNE])
    parts = {p.get_content_type(): p for p in msg.iter_attachments()}
    assert parts["application/pdf"].get_content() == sent_pdf and "text/calendar" in parts
    assert msg["Subject"].startswith("Giấy mời họp: Phiên họp UBND tỉnh tháng 12")
