"""The outgoing mail queue on the shared store, over people's own logins: the meeting's
secretary queues and records attempts, a member or a commune sees nothing, nobody rewrites a
delivery by hand, and a sent copy stays sent."""

from __future__ import annotations

import psycopg
import pytest

from mail.codes import DeliveryStatus, MailKind
from mail.outbox import Recipient, list_deliveries, queue_mail, record_attempt
from store.accounts import open_as_person
from store.errors import ConflictError, NotFound
from tests.security import PASSWORD, connect_as


def refused(conn, sql: str, params=()) -> bool:
    try:
        conn.execute(sql, params)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


def test_the_secretary_queues_and_records_others_see_nothing_and_nobody_rewrites_a_copy(shared, clock):
    store, world, schema = shared
    secretary = open_as_person(store.location, world.logins["secretary"], PASSWORD, clock=clock)
    member = open_as_person(store.location, world.logins["member_thuong"], PASSWORD, clock=clock)
    try:
        with secretary.uow(world.secretary) as uow:
            queued = queue_mail(uow, unit_id=world.qt, kind=MailKind.INVITATION, subject="Giấy mời họp",
                                body="Kính mời", recipients=[Recipient("xa@vinhgiang.gov.vn", "UBND xã")],
                                meeting_id=world.meeting_id)
            uow.commit()
        (delivery,) = queued.delivery_ids
        with member.uow(world.member_thuong) as uow:
            assert list_deliveries(uow.session, unit_id=world.qt) == []
            with pytest.raises(NotFound):  # the row is not even visible to them
                record_attempt(uow, delivery, DeliveryStatus.SENT, "250 ok")
        with connect_as(schema, world.logins["member_thuong"]) as conn:
            assert refused(conn, "SELECT nghisu_mail_attempt(%s, 'sent', 'giả', NULL, NULL)", (delivery,))
        with connect_as(schema, world.logins["commune"]) as conn:
            assert conn.execute("SELECT count(*) FROM mail_deliveries").fetchone()[0] == 0
        with connect_as(schema, world.logins["secretary"]) as conn:
            assert refused(conn, "UPDATE mail_deliveries SET status = 'sent' WHERE id = %s", (delivery,))
            assert refused(conn, "DELETE FROM mail_deliveries WHERE id = %s", (delivery,))
            assert refused(conn, "INSERT INTO mail_deliveries (message_id, unit_id, meeting_id, address, name, status, "
                                 "attempts, queued_at) VALUES (%s, %s, %s, 'x@y.vn', '', 'sent', 1, now())",
                           (queued.message_id, world.qt, world.meeting_id))
        with secretary.uow(world.secretary) as uow:
            done = record_attempt(uow, delivery, DeliveryStatus.SENT, "250 2.0.0 Ok")
            uow.commit()
        assert done.status is DeliveryStatus.SENT and done.attempts == 1 and done.sent_at is not None
        with secretary.uow(world.secretary) as uow, pytest.raises(ConflictError):
            record_attempt(uow, delivery, DeliveryStatus.QUEUED, "again")
    finally:
        secretary.close()
        member.close()
