"""Reassigning a gone handler's work on the shared store (issue 14), each person over their own
PostgreSQL login: the văn thư sees the entry marked and moves it; an ordinary member of the unit
is refused, by the service and, with raw SQL, by the server's own rules (row-level security and
the guard trigger, migration 0016); the one who left no longer even sees it.

The roles in force are counted on the server's date in Vietnam, so this test's clock is the
server's (as test_roles_in_force_shared).
"""

from __future__ import annotations

from datetime import date, timedelta

import psycopg
import pytest
from sqlalchemy import select

from register.incoming.entries import get_incoming, history
from register.incoming.handling import assign, reassign
from register.incoming.lists import IncomingFilter, count_incoming, list_incoming
from register.incoming.receive import receive_file
from register.incoming.records import IncomingMeta
from store.accounts import create_login, open_as_person
from store.clock import FixedClock
from store.codes import IncomingEventKind
from store.directory import create_person, end_role, grant_role
from store.engine import open_store
from store.errors import InvalidInput, PermissionDenied
from store.models import AuditEntry
from tests.conftest import PG_URL
from tests.register.conftest import build_office
from tests.security import PASSWORD, connect_as, server_now
from tests.signing.pki import make_pdf


@pytest.fixture
def world(pg_schema):
    now = server_now()
    today = (now + timedelta(hours=7)).date()
    store = open_store(pg_schema.migrated().location(), clock=FixedClock(now))
    office = build_office(store)
    logins: dict[str, str] = {}
    try:
        with store.uow() as uow:
            gone = create_person(uow, full_name="Lê Văn Chuyển", position="Công chức", unit_id=office.commune).id
            grant_role(uow, gone, office.province, "chuyen_vien", since=date(2020, 1, 1))
            member = create_person(uow, full_name="Bùi Thị Thường", position="Chuyên viên", unit_id=office.province).id
            newcomer = create_person(uow, full_name="Võ Thị Mới", position="Chuyên viên", unit_id=office.province).id
            uow.commit()
        entry = receive_file(store, office.province, make_pdf(1, "Công văn Bộ Nội vụ"),
                             IncomingMeta("Bộ Nội vụ", "Về công tác văn thư", "1234/BNV-VP"),
                             actor_id=office.clerk).entry.id
        with store.uow(office.leader) as uow:
            assign(uow, entry, handler_id=gone, due_on=today + timedelta(days=5), instruction="Chủ trì.")
            uow.commit()
        with store.uow() as uow:  # transferred: the province's role ended yesterday
            end_role(uow, gone, office.province, "chuyen_vien", on=today - timedelta(days=1))
            for key, person in (("clerk", office.clerk), ("member", member), ("gone", gone),
                                ("leader", office.leader)):
                logins[key] = create_login(uow, person, PASSWORD).role_name
            uow.commit()
        yield {"office": office, "gone": gone, "member": member, "newcomer": newcomer, "entry": entry,
               "logins": logins, "schema": pg_schema.name, "store": store, "today": today}
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for role in logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _as(w, key: str):
    return open_as_person(w["store"].location, w["logins"][key], PASSWORD, clock=w["store"].clock)


def test_the_clerks_login_sees_the_mark_and_reassigns(world):
    w, office = world, world["office"]
    me = _as(w, "clerk")
    try:
        with me.read() as s:
            waiting = IncomingFilter(unit_id=office.province, needs_handler_on=w["today"])
            assert [(e.id, e.needs_handler) for e in list_incoming(s, waiting, today=w["today"])] == [(w["entry"], True)]
            assert count_incoming(s, waiting) == 1
            # A search's page (read from the unit's newest entries, lists.py) is marked the same way.
            found = list_incoming(s, IncomingFilter(unit_id=office.province, text="van thu"), today=w["today"])
            assert [(e.id, e.needs_handler) for e in found] == [(w["entry"], True)]
        with me.uow(office.clerk) as uow, pytest.raises(InvalidInput, match="không thuộc"):
            reassign(uow, from_id=w["gone"], to_id=office.commune_clerk, unit_id=office.province)
        with me.uow(office.clerk) as uow:
            moved = reassign(uow, from_id=w["gone"], to_id=w["newcomer"], unit_id=office.province)
            uow.commit()
        assert moved.handled == (w["entry"],)
        with me.read() as s:
            info = get_incoming(s, w["entry"], w["today"])
            assert (info.handler_id, info.needs_handler) == (w["newcomer"], False)
            last = history(s, w["entry"])[-1]
            assert (last.kind, last.person_id) == (IncomingEventKind.REASSIGNED, office.clerk)
    finally:
        me.close()
    with w["store"].read() as s:  # the audit row names the clerk, filled in by the server
        rows = s.execute(select(AuditEntry.actor_id, AuditEntry.subject_id)
                         .where(AuditEntry.action == "incoming.reassign")).all()
        assert [(a, int(i)) for a, i in rows] == [(office.clerk, w["entry"])]


def test_an_ordinary_member_is_refused_by_the_service_and_by_the_server(world):
    w, office = world, world["office"]
    me = _as(w, "member")
    try:
        with me.read() as s:  # a member of the unit reads the register, and the mark
            assert get_incoming(s, w["entry"], w["today"]).needs_handler
        with me.uow(w["member"]) as uow, pytest.raises(PermissionDenied, match="Chỉ văn thư"):
            reassign(uow, from_id=w["gone"], to_id=w["member"], unit_id=office.province)
    finally:
        me.close()
    # Past the service, with raw SQL over the same login: the server changes nothing.
    with connect_as(w["schema"], w["logins"]["member"]) as conn:
        assert conn.execute("UPDATE incoming_documents SET handler_id = %s WHERE id = %s",
                            (w["member"], w["entry"])).rowcount == 0
    # The one who left no longer reads the entry, nor takes it back.
    with connect_as(w["schema"], w["logins"]["gone"]) as conn:
        assert conn.execute("SELECT count(*) FROM incoming_documents").fetchone()[0] == 0
        assert conn.execute("UPDATE incoming_documents SET handler_id = %s WHERE id = %s",
                            (w["gone"], w["entry"])).rowcount == 0
    # A leader assigns one document at a time, but the bulk move is the văn thư's.
    leader = _as(w, "leader")
    try:
        with leader.uow(office.leader) as uow, pytest.raises(PermissionDenied):
            reassign(uow, from_id=w["gone"], to_id=w["member"], unit_id=office.province)
    finally:
        leader.close()
    with w["store"].read() as s:
        assert get_incoming(s, w["entry"]).handler_id == w["gone"]
