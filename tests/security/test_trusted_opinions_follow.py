"""Issue 11, holes 5 (opinion stuffing), 6 (follow-the-chair spoofing), 7 (classified metadata
in the audit log) and 8 (audit verify by a member), tried over people's own logins."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from meetings.lifecycle import change_status
from meetings.live.follow import Follower, current_position, notification_meeting, set_presenter_position
from meetings.live.opinions import answer_opinion, ask_opinions, tally_opinions
from store.accounts import open_as_person
from store.audit import AuditPartialView, verify_audit_chain
from tests.security import PASSWORD, connect_as, owner_connection


def refused(conn, sql: str, params=()) -> bool:
    try:
        conn.execute(sql, params)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


def test_a_member_cannot_move_into_another_poll_or_answer_it(shared, clock):
    store, world, schema = shared
    deadline = datetime.now(UTC) + timedelta(days=3)
    with store.uow() as uow:
        own = ask_opinions(uow, unit_id=world.vl, question="Ý kiến về kế hoạch huyện", options=["Đồng ý", "Không"],
                           deadline=deadline, member_ids=[world.member_thuong])
        provincial = ask_opinions(uow, unit_id=world.qt, question="Ý kiến về quy hoạch tỉnh",
                                  options=["Đồng ý", "Không"], deadline=deadline, member_ids=[world.member_mat])
        uow.commit()
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        assert refused(conn, "UPDATE opinion_members SET poll_id = %s, unit_id = %s WHERE person_id = %s",
                       (provincial.id, world.qt, world.member_thuong))
        assert refused(conn, "UPDATE opinion_members SET option = 'Đồng ý' WHERE poll_id = %s", (own.id,))
        assert refused(conn, "SELECT nghisu_answer_opinion(%s, %s, 'Đồng ý', '', NULL)", (provincial.id, world.member_thuong))
        assert refused(conn, "SELECT nghisu_answer_opinion(%s, %s, 'Đồng ý', '', NULL)", (own.id, world.member_mat))
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute("SELECT nghisu_answer_opinion(%s, %s, 'Có lẽ', '', NULL)", (own.id, world.member_thuong))
    member = open_as_person(store.location, world.logins["member_thuong"], PASSWORD, clock=clock)
    try:
        with member.uow(world.member_thuong) as uow:
            info = answer_opinion(uow, own.id, world.member_thuong, "đồng ý", "Nhất trí")
            uow.commit()
        assert info.answered == 1
    finally:
        member.close()
    with store.read() as s:
        assert tally_opinions(s, provincial.id, deadline + timedelta(seconds=1)).poll.answered == 0
        assert [a[1:] for a in tally_opinions(s, own.id, deadline + timedelta(seconds=1)).answers] == [("Đồng ý", "Nhất trí")]


def test_a_stranger_cannot_move_the_chairs_page_nor_stop_the_listener(shared, clock):
    store, world, schema = shared
    with store.uow(world.secretary) as uow:
        change_status(uow, world.meeting_id, "in_progress")
        uow.commit()
    reader = open_as_person(store.location, world.logins["member_mat"], PASSWORD, clock=clock)
    chair = open_as_person(store.location, world.logins["chair"], PASSWORD, clock=clock)
    seen: list = []
    try:
        with Follower(reader, world.meeting_id, seen.append):
            with connect_as(schema, world.logins["commune"]) as conn:
                assert refused(conn, "INSERT INTO presenter_positions (meeting_id, seq, page, set_at) "
                                     "VALUES (%s, 99, 7, now())", (world.meeting_id,))
                assert refused(conn, "SELECT nghisu_move_presenter(%s, NULL, %s, 2, NULL)",
                               (world.meeting_id, world.plain.id))
                payload = {"schema": schema, "meeting_id": world.meeting_id, "seq": 99, "item_id": None,
                           "document_id": world.plain.id, "page": 2, "set_at": "2026-12-08T08:00:00", "set_by_id": world.chair}
                conn.execute("SELECT pg_notify('nghisu_follow', %s)", (json.dumps(payload),))
                conn.execute("SELECT pg_notify('nghisu_follow', 'không phải JSON')")
                conn.execute("SELECT pg_notify('nghisu_follow', '[1, 2]')")
            with connect_as(schema, world.logins["member_mat"]) as conn:  # a member of the meeting, not a leader
                assert refused(conn, "SELECT nghisu_move_presenter(%s, NULL, %s, 2, NULL)",
                               (world.meeting_id, world.plain.id))
            time.sleep(1.0)
            assert [p.page for p in seen if p.seq == 99 or p.page == 2] == []
            with chair.uow(world.chair) as uow:
                set_presenter_position(uow, world.meeting_id, None, world.plain.id, 2)
                uow.commit()
            end = time.monotonic() + 5
            while time.monotonic() < end and not any(p.page == 2 for p in seen):
                time.sleep(0.05)
        assert [(p.seq, p.page, p.set_by_id) for p in seen] == [(1, 2, world.chair)]  # the real chair, still heard
    finally:
        reader.close()
        chair.close()
    with store.read() as s:
        assert current_position(s, world.meeting_id).set_by_id == world.chair


@pytest.mark.parametrize("payload", ["", "null", "{}", "[]", '{"schema": "x"}', '{"meeting_id": "1"}',
                                     '{"meeting_id": true}', "{" * 50])
def test_a_malformed_notification_is_ignored(payload):
    assert notification_meeting(payload, "x") is None


def test_audit_rows_of_a_mat_paper_are_not_shown_below_its_class(shared):
    store, world, schema = shared
    title = "Kế hoạch phòng chống bão số 7"
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        texts = [r[0] for r in conn.execute("SELECT details::text || subject_id FROM audit_log").fetchall()]
        assert texts and not any(title in t or world.secret.current_version.sha256 in t for t in texts)
    with connect_as(schema, world.logins["member_mat"]) as conn:
        texts = [r[0] for r in conn.execute("SELECT details::text FROM audit_log").fetchall()]
        assert any(title in t for t in texts)


def test_audit_verify_by_a_member_says_it_sees_only_part_of_the_log(shared, clock):
    store, world, schema = shared
    member = open_as_person(store.location, world.logins["member_thuong"], PASSWORD, clock=clock)
    try:
        with pytest.raises(AuditPartialView) as err, member.read() as s:
            verify_audit_chain(s)
        assert "không kiểm tra được cả chuỗi" in err.value.vi and "deleted" not in err.value.en
    finally:
        member.close()
    with store.read() as s:  # the schema owner checks the whole chain
        assert verify_audit_chain(s).ok
    with owner_connection(schema) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
