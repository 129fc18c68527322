"""A 30 MiB attachment over the SMTP server's size limit: the copy is refused for good with the
server's reason (552), not retried forever and not lost (the size refusal is the server's; the
queue's recording of it is the same on both backends, so this runs on the embedded store)."""

from __future__ import annotations

import pytest

from mail.codes import DeliveryStatus, MailKind
from mail.outbox import Attachment, Recipient, queue_mail
from mail.sender import send_queue
from tests.mail.conftest import COMMUNE, embedded_store


@pytest.fixture
def store_location(tmp_path):
    return embedded_store(tmp_path)


def test_a_30_mib_attachment_the_server_refuses_is_recorded_with_its_reason(office, mail_servers):
    store = office.store
    big = b"%PDF-1.7\n" + bytes(30 * 1024 * 1024) + b"\n%%EOF\n"
    with store.uow(office.secretary) as uow:
        ref = uow.put_blob(big)
        queue_mail(uow, unit_id=office.unit_id, kind=MailKind.DOCUMENT, subject="Hồ sơ quy hoạch (30 MiB)",
                   body="Kính gửi", recipients=[Recipient(COMMUNE)], attachment=Attachment(ref.sha256, "quy-hoach.pdf",
                                                                                       len(big)))
        uow.commit()
    report = send_queue(store, office.unit_id, office.password)
    (refused,) = report.refused
    assert refused.reply.startswith("552") and refused.status is DeliveryStatus.REFUSED
