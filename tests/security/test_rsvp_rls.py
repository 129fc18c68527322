"""Answers to the invitation on the shared store, over people's own logins: an invitee answers
only for themselves, the secretary for anyone, nobody moves an answer to another meeting or
person, and who does not see the meeting sees no answer."""

from __future__ import annotations

import psycopg
import pytest

from meetings.rsvp import answer_invitation, rsvps
from store.accounts import open_as_person
from store.codes import RsvpAnswer
from store.errors import PermissionDenied
from tests.security import PASSWORD, connect_as


def test_invitees_answer_for_themselves_the_secretary_for_anyone(shared, clock):
    store, world, schema = shared
    member = open_as_person(store.location, world.logins["member_thuong"], PASSWORD, clock=clock)
    secretary = open_as_person(store.location, world.logins["secretary"], PASSWORD, clock=clock)
    try:
        with member.uow(world.member_thuong) as uow:
            answer_invitation(uow, world.meeting_id, world.member_thuong, RsvpAnswer.YES)
            uow.commit()
        with pytest.raises(PermissionDenied), member.uow(world.member_thuong) as uow:
            answer_invitation(uow, world.meeting_id, world.member_mat, RsvpAnswer.NO, note="giả mạo")
            uow.commit()
        with secretary.uow(world.secretary) as uow:
            answer_invitation(uow, world.meeting_id, world.member_mat, RsvpAnswer.NO, note="Ốm")
            uow.commit()
        with connect_as(schema, world.logins["member_thuong"]) as conn:
            for sql in ("UPDATE meeting_rsvps SET meeting_id = %s WHERE person_id = %s",
                        "UPDATE meeting_rsvps SET person_id = %s WHERE person_id = %s"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(sql, (world.commune_meeting_id, world.member_thuong))
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("DELETE FROM meeting_rsvps")
        with connect_as(schema, world.logins["commune"]) as conn:
            assert conn.execute("SELECT count(*) FROM meeting_rsvps").fetchone()[0] == 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("INSERT INTO meeting_rsvps (meeting_id, person_id, answer, note, answered_at) "
                             "VALUES (%s, %s, 'yes', '', now())", (world.meeting_id, world.commune))
        with store.read() as s:
            answers = rsvps(s, world.meeting_id)
        assert {p: a.answer for p, a in answers.items()} == {world.member_thuong: RsvpAnswer.YES,
                                                             world.member_mat: RsvpAnswer.NO}
    finally:
        member.close()
        secretary.close()
