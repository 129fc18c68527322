"""A released outgoing document (sổ văn bản đi) e-mailed to a recipient outside the store: the
file as released arrives byte for byte under its number and date; a document not released is
refused before anything is queued."""

from __future__ import annotations

import pytest

from documents.intake.service import inspect_pdf
from mail.dispatch import queue_outgoing
from mail.models import MailMessage
from mail.outbox import list_deliveries
from mail.sender import send_queue
from mail.settings import set_mail_account
from register.outgoing.drafts import draft_outgoing
from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs
from register.outgoing.queries import released_version
from register.outgoing.records import Authority
from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing
from store.errors import InvalidInput
from tests.mail.conftest import COMMUNE, PASSWORDS, PROVINCE, account_for, received
from tests.register.conftest import build_office
from tests.register.outgoing_world import make_keys, register_keys

#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


def test_a_released_decision_is_mailed_as_released(store, mail_servers, clock):
    office, keys = build_office(store), make_keys()
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    subject = "Kế hoạch phòng chống bão lũ năm 2027"
    data, where = render_document(DocumentContent(
        agency="Ủy ban nhân dân tỉnh Quảng Trị", type_name="Quyết định", subject=subject,
        paragraphs=tuple(sample_paragraphs(subject)), block_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        signer_name="Nguyễn Văn Minh", recipients=("Bộ Nội vụ", "Lưu: VT, VP")))
    with store.uow(office.drafter) as uow:
        info = draft_outgoing(uow, inspect_pdf(data), filename="qd-bao-lu.pdf", doc_type="QĐ", subject=subject,
                              drafting_unit_id=office.office, signer_id=office.leader, authority=Authority.TM,
                              recipients=("Bộ Nội vụ",), reviewer_ids=(), layout=where.as_json())
        set_mail_account(uow, office.province, account_for(mail_servers, PROVINCE))
        uow.commit()
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput, match="chưa phát hành"):
        queue_outgoing(uow, info.id, addresses=[COMMUNE])
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, info.id)
        uow.commit()
    clock.advance(minutes=5)
    sign_outgoing(store, info.id, office.leader, keys.leader)
    clock.advance(minutes=30)
    released = release_outgoing(store, info.id, office.clerk, keys.clerk)
    with store.uow(office.clerk) as uow:
        queued = queue_outgoing(uow, info.id, addresses=[COMMUNE])
        uow.commit()
    assert queued.subject == f"Số {released.symbol} ngày 28/11/2026: {subject}"
    assert len(send_queue(store, office.province, PASSWORDS[PROVINCE], actor_id=office.clerk).sent) == 1
    with store.read() as s:
        sent_file = store.blobs.get(released_version(s, info.id).sha256)
        (d,) = list_deliveries(s, unit_id=office.province)
        ref = s.get(MailMessage, d.message_id).message_ref
    (msg,) = received(mail_servers, COMMUNE, ref)
    (pdf,) = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_content() == sent_file  # byte for byte the released file
    assert msg["Subject"] == queued.subject
