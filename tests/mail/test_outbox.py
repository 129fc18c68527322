"""The outgoing queue against the real servers, on both backends: invitations and documents
queued per recipient, sent over STARTTLS with a login, the stored PDF received byte for byte,
each answer recorded (sent, refused with the server's reason, deferred and retried later), and
nothing lost when the server cannot be reached or refuses the login."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from icalendar import Calendar

from mail.codes import DeliveryStatus, MailKind
from mail.dispatch import queue_document
from mail.errors import MailLoginRefused, MailServerUnreachable
from mail.invitations import queue_invitation
from mail.models import MailMessage
from mail.outbox import list_deliveries
from mail.secrets import load_password
from mail.sender import send_queue
from mail.settings import require_mail_account, set_mail_account
from store.errors import InvalidInput
from tests.mail.conftest import COMMUNE, COMMUNE_B, PROVINCE, received
from tests.mail.servers import free_port


def _ref(store, message_id: int) -> str:
    with store.uow() as uow:
        return uow.session.get(MailMessage, message_id).message_ref


def _statuses(office) -> dict[str, str]:
    with office.store.uow() as uow:
        return {d.address: str(d.status) for d in list_deliveries(uow.session, unit_id=office.unit_id)}


def test_an_invitation_reaches_each_invitee_with_the_pdf_unchanged_and_a_calendar_event(office, mail_servers):
    store = office.store
    with store.uow(office.secretary) as uow:
        queued = queue_invitation(uow, office.meeting_id, document_id=office.invitation_doc)
        uow.commit()
    assert len(queued.delivery_ids) == 2
    assert any("Trần Văn Không Thư" in s for s in queued.skipped)  # no address: said, not silently dropped

    report = send_queue(store, office.unit_id, load_password(_account(office), office.secrets), actor_id=office.secretary)
    assert [d.status for d in report.sent] == [DeliveryStatus.SENT] * 2 and not report.refused
    assert set(_statuses(office).values()) == {"sent"}

    with store.uow() as uow:
        deliveries = list_deliveries(uow.session, unit_id=office.unit_id)
        refs = {d.address: uow.session.get(MailMessage, d.message_id).message_ref for d in deliveries}
    (msg,) = received(mail_servers, COMMUNE, refs[COMMUNE])
    assert msg["Subject"] == "Giấy mời họp: Phiên họp UBND tỉnh tháng 12 — 08 giờ 00, thứ Ba, ngày 08/12/2026"
    assert "Văn phòng UBND tỉnh Quảng Trị" in msg["From"] and PROVINCE in msg["From"]
    body = msg.get_body(("plain",)).get_content()
    assert "Kính gửi: Hồ Văn Lâm" in body
    assert f"nghisu rsvp {office.meeting_id} --as {office.invitees[COMMUNE]} yes" in body
    assert "Dự toán ngân sách năm 2027" in body
    parts = {p.get_content_type(): p for p in msg.iter_attachments()}
    assert parts["application/pdf"].get_content() == office.invitation_pdf  # byte for byte
    event = Calendar.from_ical(parts["text/calendar"].get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == store_meeting_start(office)
    assert str(event["summary"]) == "Phiên họp UBND tỉnh tháng 12"
    assert parts["text/calendar"].get_param("method") == "REQUEST"
    # the second invitee got their own copy, addressed to them
    (other,) = received(mail_servers, COMMUNE_B, refs[COMMUNE_B])
    assert f"--as {office.invitees[COMMUNE_B]} yes" in other.get_body(("plain",)).get_content()


def store_meeting_start(office):
    from meetings.lifecycle import get_meeting

    with office.store.uow() as uow:
        return get_meeting(uow.session, office.meeting_id).meeting.starts_at


def _account(office):
    with office.store.uow() as uow:
        return require_mail_account(uow.session, office.unit_id)


def test_a_refused_recipient_is_recorded_with_the_servers_reason_and_the_others_are_sent(office, mail_servers):
    store = office.store
    with store.uow(office.secretary) as uow:
        queue_document(uow, office.invitation_doc, unit_id=office.unit_id,
                       addresses=[COMMUNE, "khongco@quangtri.gov.vn"])
        uow.commit()
    report = send_queue(store, office.unit_id, office.password)
    assert [d.address for d in report.sent] == [COMMUNE]
    (refused,) = report.refused
    assert refused.address == "khongco@quangtri.gov.vn" and refused.reply.startswith("550")
    assert "User unknown" in refused.reply and refused.attempts == 1
    # sent and refused are final: sending again sends nothing twice
    assert send_queue(store, office.unit_id, office.password).handled == 0
    with store.uow() as uow:
        (copy,) = [d for d in list_deliveries(uow.session, unit_id=office.unit_id) if d.address == COMMUNE]
        assert copy.kind is MailKind.DOCUMENT
    assert len(received(mail_servers, COMMUNE, _ref(store, copy.message_id))) == 1


def test_a_temporary_refusal_stays_queued_and_is_retried_when_its_time_comes(office, mail_servers, clock):
    store = office.store
    mail_servers.smtp.greylisted.add(COMMUNE_B)
    with store.uow(office.secretary) as uow:
        queue_document(uow, office.invitation_doc, unit_id=office.unit_id, addresses=[COMMUNE_B])
        uow.commit()
    first = send_queue(store, office.unit_id, office.password)
    (deferred,) = first.deferred
    assert deferred.status is DeliveryStatus.QUEUED and deferred.reply.startswith("450")
    assert deferred.next_attempt_at == clock.now() + timedelta(minutes=5)
    assert send_queue(store, office.unit_id, office.password).handled == 0  # not due yet
    clock.advance(minutes=6)
    again = send_queue(store, office.unit_id, office.password)
    assert [d.attempts for d in again.sent] == [2]
    assert len(received(mail_servers, COMMUNE_B, _ref(store, deferred.message_id))) == 1


def test_an_unreachable_server_or_a_wrong_password_leaves_everything_queued(office, mail_servers):
    store = office.store
    with store.uow(office.secretary) as uow:
        queue_document(uow, office.invitation_doc, unit_id=office.unit_id, addresses=[COMMUNE])
        uow.commit()
    with pytest.raises(MailLoginRefused):
        send_queue(store, office.unit_id, "mật-khẩu-sai")
    good = _account(office)
    with store.uow() as uow:
        set_mail_account(uow, office.unit_id, dataclasses.replace(good, smtp_port=free_port(), timeout_seconds=3))
        uow.commit()
    with pytest.raises(MailServerUnreachable):
        send_queue(store, office.unit_id, office.password)
    with store.uow() as uow:
        (d,) = list_deliveries(uow.session, unit_id=office.unit_id)
    assert d.status is DeliveryStatus.QUEUED and d.attempts == 0
    with store.uow() as uow:
        set_mail_account(uow, office.unit_id, good)
        uow.commit()
    assert [x.address for x in send_queue(store, office.unit_id, office.password).sent] == [COMMUNE]


def test_bad_requests_are_refused_before_anything_is_queued(office):
    store = office.store
    with store.uow(office.secretary) as uow:
        with pytest.raises(InvalidInput):
            queue_document(uow, office.invitation_doc, unit_id=office.unit_id, addresses=["không phải địa chỉ"])
        with pytest.raises(InvalidInput):
            queue_invitation(uow, office.meeting_id, person_ids=[office.no_address])
    with store.uow() as uow:
        assert list_deliveries(uow.session, unit_id=office.unit_id) == []

