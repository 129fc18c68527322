"""Issue 11, holes 1 and 3, as a person would try them: raw SQL over their own login.

The audit chain and blob storage are written only by the server's definer functions
(migration 0009); a desktop login can neither move the audit head, append a row of its own
making, nor put bytes into a blob under a name it chooses.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import psycopg
import pytest

from documents.records import DocumentMeta
from meetings.materials import import_material
from store.accounts import open_as_person
from store.audit import GENESIS, canonical_content, chain_hash, verify_audit_chain
from tests.security import PASSWORD, connect_as, owner_connection, sentence_pdf


def refused(conn, sql: str, params=()) -> bool:
    try:
        conn.execute(sql, params)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


def intact(store) -> bool:
    with store.read() as s:
        return verify_audit_chain(s).ok


def test_a_member_cannot_move_the_audit_head_nor_append_a_forged_row(shared):
    store, world, schema = shared
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        assert refused(conn, "UPDATE audit_head SET last_seq = last_seq + 5")
        seq, prev = conn.execute("SELECT last_seq, last_hash FROM audit_head").fetchone()
    # The admin is in no meeting: the row they try to append, correctly chained, in the chair's name.
    at = datetime(2026, 12, 8, 4, 0)
    content = canonical_content(seq + 1, at, world.chair, "Nguyễn Văn Minh", "meeting.closed", "meeting",
                                str(world.meeting_id), world.meeting_id, world.qt, {})
    with connect_as(schema, world.logins["admin"]) as conn:
        assert refused(conn, "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, subject_type, subject_id, "
                             "meeting_id, unit_id, details, prev_hash, row_hash) VALUES "
                             "(%s, %s, %s, 'Nguyễn Văn Minh', 'meeting.closed', 'meeting', %s, %s, %s, '{}', %s, %s)",
                       (seq + 1, at, world.chair, str(world.meeting_id), world.meeting_id, world.qt, prev,
                        chain_hash(prev, content)))
        # Through the server's own function, naming a meeting they are not in: refused too.
        assert refused(conn, "SELECT nghisu_append_audit(%s, 'meeting.closed', 'meeting', %s, '{}'::jsonb, %s, %s, %s)",
                       (world.chair, str(world.meeting_id), world.meeting_id, world.qt, at))
    with owner_connection(schema) as conn:
        assert conn.execute("SELECT last_seq FROM audit_head").fetchone()[0] == seq
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'meeting.closed'").fetchone()[0] == 0
    assert intact(store)


def test_the_server_fills_actor_time_and_chain_whatever_the_caller_claims(shared):
    store, world, schema = shared
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        seq = conn.execute(
            "SELECT nghisu_append_audit(%s, 'meeting.closed', 'meeting', %s, %s::jsonb, %s, NULL, %s)",
            (world.chair, str(world.meeting_id), json.dumps({"note": "Đã bế mạc", "n": 3, "ok": True, "x": None}),
             world.meeting_id, datetime(2020, 1, 1))).fetchone()[0]
        now = conn.execute("SELECT timezone('utc', now())").fetchone()[0]
    with owner_connection(schema) as conn:
        actor, name, at = conn.execute("SELECT actor_id, actor_name, at FROM audit_log WHERE seq = %s", (seq,)).fetchone()
    assert (actor, name) == (world.member_thuong, "Võ Thanh Tùng")  # the login's own person, not the chair
    assert abs((at - now).total_seconds()) < 60  # the server's clock, not 2020
    assert intact(store)  # the server's hash is the one store.audit computes


def test_the_server_chain_matches_python_for_awkward_details(shared):
    store, world, schema = shared
    details = {"b": [1, {"z": "ngoặc \"kép\" \\ /", "a": "\n\t\x01\x7f"}], "a": "Ủy ban", "é": 2**40, "E": False,
               "": [], "k": {}}
    with store.uow(world.secretary) as uow:
        uow.record("test.awkward", "meeting", world.meeting_id, details, meeting_id=world.meeting_id)
        uow.record("test.float", "meeting", world.meeting_id, {"ratio": 0.1, "big": 1e20})
        uow.commit()
    assert intact(store)


def test_services_record_as_the_login_and_an_admin_can_administer(shared, clock):
    """Hole 8 (first half): an administrator's own login creates and disables logins, and the
    audit rows name them (before, the audit insert rule refused a row with no actor)."""
    from store.accounts import create_login, disable_login
    from store.directory import create_person

    store, world, schema = shared
    admin = open_as_person(store.location, world.logins["admin"], PASSWORD, clock=clock)
    role = None
    try:
        with admin.uow() as uow:  # the desktop does not even say who it is: the login does
            pid = create_person(uow, full_name="Đặng Thu Hà", position="Chuyên viên", unit_id=world.qt).id
            role = create_login(uow, pid, PASSWORD).role_name
            uow.commit()
        with admin.uow(world.admin) as uow:
            disable_login(uow, pid)
            uow.commit()
    finally:
        admin.close()
        with owner_connection(schema) as conn:
            if role:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
    with owner_connection(schema) as conn:
        actors = conn.execute("SELECT DISTINCT actor_name FROM audit_log WHERE action IN "
                              "('person.create', 'login.create', 'login.disable') AND subject_id = %s",
                              (str(pid),)).fetchall()
    assert actors == [("Trần Đức Hải",)]
    assert intact(store)


def test_nobody_writes_blob_rows_or_chunks_directly(shared):
    store, world, schema = shared
    sha = world.plain.current_version.sha256
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        assert refused(conn, "INSERT INTO blob_chunks (sha256, seq, data) VALUES (%s, 99, 'junk')", (sha,))
        assert refused(conn, "UPDATE blob_chunks SET data = 'junk' WHERE sha256 = %s", (sha,))
        assert refused(conn, "DELETE FROM blob_chunks WHERE sha256 = %s", (sha,))
    fake_name = hashlib.sha256(b"a file the secretary has not imported yet").hexdigest()
    with connect_as(schema, world.logins["admin"]) as conn:
        assert refused(conn, "INSERT INTO blobs (sha256, size, created_at) VALUES (%s, 4, now())", (fake_name,))
        # The server's function names the blob after the bytes it was given, not after a wish.
        stored = conn.execute("SELECT nghisu_put_blob(%s)", (b"junk",)).fetchone()[0]
    assert stored == hashlib.sha256(b"junk").hexdigest()
    assert store.blobs.get(sha) == store.blobs.get(sha)  # still readable, still matching its hash


def test_a_blob_poisoned_before_the_fix_is_repaired_by_importing_the_real_file(shared, clock):
    store, world, schema = shared
    pdf = sentence_pdf("TO TRINH SO 45 VE DIEU CHINH QUY HOACH")
    name = hashlib.sha256(pdf).hexdigest()
    with owner_connection(schema) as conn:  # what a member could do before migration 0009
        conn.execute("INSERT INTO blobs (sha256, size, created_at) VALUES (%s, 4, now())", (name,))
        conn.execute("INSERT INTO blob_chunks (sha256, seq, data) VALUES (%s, 0, 'junk')", (name,))
    secretary = open_as_person(store.location, world.logins["secretary"], PASSWORD, clock=clock)
    try:
        info = import_material(secretary, world.secretary, world.meeting_id, "1", pdf,
                               DocumentMeta(title="Tờ trình điều chỉnh quy hoạch", doc_type="to_trinh"))
        assert info.current_version.sha256 == name
        assert secretary.blobs.get(name) == pdf  # read back as the secretary, whole and matching
    finally:
        secretary.close()


@pytest.mark.parametrize("who", ["member_thuong", "commune"])
def test_the_head_and_log_refuse_every_direct_write(shared, who):
    store, world, schema = shared
    with connect_as(schema, world.logins[who]) as conn:
        assert refused(conn, "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (2, 0, %s)", (GENESIS,))
        assert refused(conn, "DELETE FROM audit_head")
        assert refused(conn, "DELETE FROM audit_log")
