"""Issue 11, holes 4 (signing slots moved) and 2 (secret ballots read while open), tried as a
person would: raw SQL over their own login, no Nghị Sự code in between."""

from __future__ import annotations

import psycopg
import pytest

from store.accounts import open_as_person
from tests.conftest import PG_URL
from tests.security import PASSWORD, connect_as, owner_connection


def refused(conn, sql: str, params=()) -> bool:
    """Refused by a grant, a policy, or the server function's own check (not your turn)."""
    try:
        conn.execute(sql, params)
    except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectNotInPrerequisiteState):
        return True
    return False


def two_requests(world, schema):
    """Request 1 on the plain paper (secretary, then chair); request 2 on the secret one (chair)."""
    with owner_connection(schema) as conn:
        reqs, slots = [], {}
        for doc in (world.plain.id, world.secret.id):
            reqs.append(conn.execute(
                "INSERT INTO signing_requests (document_id, meeting_id, unit_id, reason, certify_first, status, turn, "
                "fields_version_no, created_at, version) VALUES (%s, %s, %s, 'Ký', false, 'open', 0, 1, now(), 1) "
                "RETURNING id", (doc, world.meeting_id, world.qt)).fetchone()[0])
        for pos, person in enumerate((world.secretary, world.chair)):
            slots[person] = conn.execute(
                "INSERT INTO signing_slots (request_id, meeting_id, position, person_id, field_name) "
                "VALUES (%s, %s, %s, %s, %s) RETURNING id", (reqs[0], world.meeting_id, pos, person, f"F{pos}")).fetchone()[0]
        conn.execute("INSERT INTO signing_slots (request_id, meeting_id, position, person_id, field_name) "
                     "VALUES (%s, %s, 0, %s, 'G0')", (reqs[1], world.meeting_id, world.chair))
    return reqs, slots


def test_a_signer_cannot_move_or_unsign_their_slot(shared):
    store, world, schema = shared
    reqs, slots = two_requests(world, schema)
    version = world.plain.current_version.id
    with connect_as(schema, world.logins["secretary"]) as conn:
        assert refused(conn, "UPDATE signing_slots SET request_id = %s, position = 1, signed_at = NULL WHERE id = %s",
                       (reqs[1], slots[world.secretary]))
        assert refused(conn, "UPDATE signing_slots SET signed_at = now() WHERE id = %s", (slots[world.secretary],))
        # Signing goes through the server, for the login's own person only …
        assert refused(conn, "SELECT nghisu_sign_slot(%s, %s, %s, 'x', NULL)", (reqs[0], world.chair, version))
        # … and with a version of the request's own document.
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute("SELECT nghisu_sign_slot(%s, %s, %s, 'x', NULL)",
                         (reqs[0], world.secretary, world.secret.current_version.id))
        assert conn.execute("SELECT nghisu_sign_slot(%s, %s, %s, 'x', '2020-01-01')",
                            (reqs[0], world.secretary, version)).fetchone()[0] == 0
        assert conn.execute("DELETE FROM signing_slots WHERE id = %s", (slots[world.secretary],)).rowcount == 0  # signed
    with connect_as(schema, world.logins["chair"]) as conn:
        # The chair's turn has not come (the request's turn is still 0 until the service moves it).
        assert refused(conn, "SELECT nghisu_sign_slot(%s, %s, %s, 'x', NULL)", (reqs[0], world.chair, version))
        # A manager cannot slip a pre-signed slot, or a slot of another meeting's request, in either.
        assert refused(conn, "INSERT INTO signing_slots (request_id, meeting_id, position, person_id, field_name, signed_at) "
                             "VALUES (%s, %s, 5, %s, 'X', now())", (reqs[0], world.meeting_id, world.chair))
    with owner_connection(schema) as conn:
        rows = conn.execute("SELECT request_id, position, signed_at > now() - interval '1 hour', version_no "
                            "FROM signing_slots WHERE id = %s", (slots[world.secretary],)).fetchone()
    assert rows == (reqs[0], 0, True, world.plain.current_version.version_no)


@pytest.fixture
def open_secret_vote(shared, clock):
    from meetings.lifecycle import change_status
    from meetings.live.attendance import record_attendance
    from meetings.live.votes import cast_vote, open_vote

    store, world, schema = shared
    secretary = open_as_person(store.location, world.logins["secretary"], PASSWORD, clock=clock)
    with secretary.uow(world.secretary) as uow:
        change_status(uow, world.meeting_id, "in_progress")
        for person in (world.chair, world.member_mat, world.member_thuong):
            record_attendance(uow, world.meeting_id, person)
        vote = open_vote(uow, world.meeting_id, item_id=None, kind="secret", question="Bầu Trưởng ban",
                         options=["Đồng ý", "Không đồng ý"])
        uow.commit()

    def cast(key: str, person: int, option: str) -> None:
        voter = open_as_person(store.location, world.logins[key], PASSWORD, clock=clock)
        try:
            with voter.uow(person) as uow:
                cast_vote(uow, vote.id, person, option)
                uow.commit()
        finally:
            voter.close()

    try:
        yield store, world, schema, secretary, vote, cast
    finally:
        secretary.close()


def test_the_secretary_cannot_peek_at_ballots_by_closing_in_a_rolled_back_transaction(open_secret_vote):
    from meetings.live.votes import close_vote, vote_result

    store, world, schema, secretary, vote, cast = open_secret_vote
    cast("chair", world.chair, "Đồng ý")
    with psycopg.connect(PG_URL, user=world.logins["secretary"], password=PASSWORD) as conn:  # one transaction
        conn.execute(f'SET search_path TO "{schema}"')
        conn.commit()  # a rollback would undo the SET too
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE votes SET status = 'closed' WHERE id = %s", (vote.id,))
        conn.rollback()
        conn.execute("SELECT nghisu_close_secret_vote(%s::integer, NULL)", (vote.id,))  # the real close, not committed
        assert conn.execute("SELECT count(*) FROM secret_ballots WHERE vote_id = %s", (vote.id,)).fetchone()[0] == 0
        conn.rollback()
    cast("member_mat", world.member_mat, "Không đồng ý")  # still open: nothing was recorded
    cast("member_thuong", world.member_thuong, "Đồng ý")
    with secretary.uow(world.secretary) as uow:
        result = close_vote(uow, vote.id)
        uow.commit()
    assert dict(result.counts) == {"Đồng ý": 2, "Không đồng ý": 1} and len(result.receipts) == 3
    with connect_as(schema, world.logins["member_thuong"]) as conn:  # committed: now the meeting may count
        assert conn.execute("SELECT count(*) FROM secret_ballots WHERE vote_id = %s", (vote.id,)).fetchone()[0] == 3
    with secretary.read() as s:
        assert dict(vote_result(s, vote.id).counts) == {"Đồng ý": 2, "Không đồng ý": 1}


def test_a_closed_secret_vote_cannot_be_reopened_or_its_result_rewritten(open_secret_vote):
    from meetings.live.votes import close_vote

    store, world, schema, secretary, vote, cast = open_secret_vote
    cast("chair", world.chair, "Đồng ý")
    with secretary.uow(world.secretary) as uow:
        close_vote(uow, vote.id)
        uow.commit()
    with connect_as(schema, world.logins["secretary"]) as conn:
        n = conn.execute("UPDATE votes SET status = 'open', result = '{}' WHERE id = %s", (vote.id,)).rowcount
        assert n == 0
    with connect_as(schema, world.logins["member_mat"]) as conn, \
            pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        conn.execute("SELECT nghisu_cast_secret_ballot(%s, %s, 'Không đồng ý')", (vote.id, world.member_mat))
