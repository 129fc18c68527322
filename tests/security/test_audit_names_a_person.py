"""Nothing is written in nobody's name, on PostgreSQL too (issue 13, migration 0023): a raw call
of the server's audit function with no actor gets a row only while the store is being set up
(nobody has said who they are yet); once anyone has, it is refused and the chain is unmoved.
A person's login always writes in its own person's name, whatever actor it passes."""

from __future__ import annotations

import psycopg
import pytest

from store.audit import verify_audit_chain
from store.directory.identity import set_pin
from store.errors import ActorRequired
from tests.security import connect_as, owner_connection

CALL = "SELECT nghisu_append_audit(NULL, %s, 'unit', %s, '{}'::jsonb, NULL, NULL, NULL)"


def head(schema: str) -> tuple[int, str]:
    with owner_connection(schema) as conn:
        return conn.execute("SELECT last_seq, last_hash FROM audit_head").fetchone()


def actor_of(schema: str, seq: int) -> int | None:
    with owner_connection(schema) as conn:
        return conn.execute("SELECT actor_id FROM audit_log WHERE seq = %s", (seq,)).fetchone()[0]


def intact(store) -> bool:
    with store.read() as s:
        return verify_audit_chain(s).ok


def someone_sets_a_pin(store, person_id: int) -> None:
    with store.uow(person_id) as uow:
        set_pin(uow, person_id, "482913")
        uow.commit()


def test_during_set_up_a_row_with_no_actor_is_still_written(shared):
    store, world, schema = shared
    with owner_connection(schema) as conn:
        assert conn.execute("SELECT count(*) FROM person_identities").fetchone()[0] == 0
        seq = conn.execute(CALL, ("unit.note", str(world.qt))).fetchone()[0]
    assert actor_of(schema, seq) is None
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        seq = conn.execute(CALL, ("unit.note", str(world.qt))).fetchone()[0]
    assert actor_of(schema, seq) == world.member_thuong  # the login names its person, even unasked
    assert intact(store)


def test_once_someone_says_who_they_are_a_row_with_no_actor_is_refused(shared):
    store, world, schema = shared
    someone_sets_a_pin(store, world.secretary)
    before = head(schema)
    with owner_connection(schema) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege,
                                                         match="nobody is named"):
        conn.execute(CALL, ("unit.note", str(world.qt)))
    assert head(schema) == before  # nothing written, the head unmoved
    with owner_connection(schema) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'unit.note'").fetchone()[0] == 0
        # Naming the person is still the owner's to do (migrations, the set-up tools).
        seq = conn.execute("SELECT nghisu_append_audit(%s, 'unit.note', 'unit', %s, '{}'::jsonb, NULL, NULL, NULL)",
                           (world.admin, str(world.qt))).fetchone()[0]
    assert actor_of(schema, seq) == world.admin
    # The Python check says the same before reaching the server.
    with pytest.raises(ActorRequired), store.uow() as uow:
        uow.record("unit.note", "unit", world.qt, {})
    assert intact(store)


def test_a_member_login_writes_as_its_person_and_one_with_no_person_is_refused(shared):
    store, world, schema = shared
    someone_sets_a_pin(store, world.secretary)
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        seq = conn.execute(CALL, ("unit.note", str(world.qt))).fetchone()[0]
        assert actor_of(schema, seq) == world.member_thuong
        with owner_connection(schema) as owner:  # the person leaves: the login names nobody now
            owner.execute("UPDATE persons SET active = false WHERE id = %s", (world.member_thuong,))
        before = head(schema)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(CALL, ("unit.note", str(world.qt)))
    assert head(schema) == before
    assert intact(store)
