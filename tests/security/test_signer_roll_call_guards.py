"""Rows a person may touch, but not every column of (migration 0012): a signer only moves the
paper to the signed version and passes the turn on; a roll-call vote once cast is changed by
the meeting's managers only; a note moves only to a paper its author may see."""

from __future__ import annotations

import psycopg

from tests.security import connect_as, owner_connection


def refused(conn, sql: str, params=()) -> bool:
    try:
        return conn.execute(sql, params).rowcount == 0
    except psycopg.errors.InsufficientPrivilege:
        return True


def test_a_signer_cannot_reclass_rename_or_complete_the_paper_they_sign(shared):
    store, world, schema = shared
    with owner_connection(schema) as conn:
        req = conn.execute(
            "INSERT INTO signing_requests (document_id, meeting_id, unit_id, reason, certify_first, status, turn, "
            "fields_version_no, created_at, version) VALUES (%s, %s, %s, 'Ký', false, 'open', 0, 1, now(), 1) "
            "RETURNING id", (world.secret.id, world.meeting_id, world.qt)).fetchone()[0]
        for pos, person in enumerate((world.member_mat, world.chair)):
            conn.execute("INSERT INTO signing_slots (request_id, meeting_id, position, person_id, field_name) "
                         "VALUES (%s, %s, %s, %s, %s)", (req, world.meeting_id, pos, person, f"F{pos}"))
    with connect_as(schema, world.logins["member_mat"]) as conn:  # a signer, not a manager, cleared mật
        doc = world.secret.id
        assert refused(conn, "UPDATE documents SET classification = 'thuong' WHERE id = %s", (doc,))
        assert refused(conn, "UPDATE documents SET title = 'Đã đổi tên' WHERE id = %s", (doc,))
        assert refused(conn, "UPDATE signing_requests SET status = 'completed', turn = NULL WHERE id = %s", (req,))
        assert refused(conn, "UPDATE signing_requests SET turn = 1 WHERE id = %s", (req,))  # not signed yet
        conn.execute("SELECT nghisu_sign_slot(%s, %s, %s, 'x', NULL)", (req, world.member_mat,
                                                                       world.secret.current_version.id))
        assert not refused(conn, "UPDATE signing_requests SET turn = 1, version = version + 1 WHERE id = %s", (req,))
        assert refused(conn, "UPDATE signing_requests SET status = 'completed', turn = NULL WHERE id = %s", (req,))
        assert not refused(conn, "UPDATE documents SET current_version_no = current_version_no, version = version + 1 "
                                 "WHERE id = %s", (doc,))
    with owner_connection(schema) as conn:
        assert conn.execute("SELECT classification, title FROM documents WHERE id = %s", (doc,)).fetchone() == (
            "mat", "Kế hoạch phòng chống bão số 7")


def test_a_cast_roll_call_vote_stays_where_it_was_cast(shared, clock):
    from meetings.lifecycle import change_status
    from meetings.live.attendance import record_attendance
    from meetings.live.votes import cast_vote, open_vote

    store, world, schema = shared
    with store.uow(world.secretary) as uow:
        change_status(uow, world.meeting_id, "in_progress")
        record_attendance(uow, world.meeting_id, world.member_mat)
        first = open_vote(uow, world.meeting_id, item_id=None, kind="roll_call", question="Thông qua", options=["Có", "Không"])
        second = open_vote(uow, world.meeting_id, item_id=None, kind="roll_call", question="Khác", options=["Có", "Không"])
        cast_vote(uow, first.id, world.member_mat, "Có")
        uow.commit()
    with connect_as(schema, world.logins["member_mat"]) as conn:
        assert refused(conn, "UPDATE roll_call_votes SET option = 'Không' WHERE vote_id = %s", (first.id,))
        assert refused(conn, "UPDATE roll_call_votes SET vote_id = %s WHERE vote_id = %s", (second.id, first.id))
        assert refused(conn, "INSERT INTO roll_call_votes (vote_id, meeting_id, person_id, option, cast_at) "
                             "VALUES (%s, %s, %s, 'Có', now())", (first.id, world.commune_meeting_id, world.member_mat))
    with connect_as(schema, world.logins["secretary"]) as conn:  # the record is the managers' to correct
        assert not refused(conn, "UPDATE roll_call_votes SET option = 'Không' WHERE vote_id = %s", (first.id,))


def test_a_shared_note_cannot_be_moved_onto_a_paper_its_author_cannot_see(shared):
    store, world, schema = shared
    plain = world.plain
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        note = conn.execute(
            "INSERT INTO private_notes (meeting_id, document_id, version_id, person_id, page, kind, data, shared, "
            "created_at, version) VALUES (%s, %s, %s, %s, 1, 'text', '{}', true, now(), 1) RETURNING id",
            (world.meeting_id, plain.id, plain.current_version.id, world.member_thuong)).fetchone()[0]
        assert refused(conn, "UPDATE private_notes SET document_id = %s WHERE id = %s", (world.secret.id, note))
        assert not refused(conn, "UPDATE private_notes SET page = 2 WHERE id = %s", (note,))
