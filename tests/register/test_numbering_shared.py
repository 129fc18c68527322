"""Numbering on the shared store (PostgreSQL), as people would try it.

Two văn thư at the same moment never get the same number and never leave a gap: real
concurrent sessions, each with its own connections. Over their own logins, with raw SQL, a
person who is not the unit's văn thư cannot take a number, nobody writes the register's
tables directly, the symbol must name the unit, and a register is read only by the people of
its unit (its secret series only with a "mật" clearance).
"""

from __future__ import annotations

import random
import threading
import time

import psycopg
import pytest
from sqlalchemy import text

from register.numbering import Series, list_numbers, take_number
from store.accounts import create_login
from store.engine import open_store
from tests.conftest import PG_URL
from tests.register.conftest import build_office
from tests.security import PASSWORD, connect_as

DESKTOPS, EACH = 8, 12


def test_concurrent_clerks_never_share_a_number_nor_leave_a_gap(pg_schema, clock):
    main = open_store(pg_schema.migrated().location(), clock=clock)
    office = build_office(main)
    start = threading.Barrier(DESKTOPS)
    got: list[list[int]] = [[] for _ in range(DESKTOPS)]
    rolled_back = 0
    failures: list[BaseException] = []
    lock = threading.Lock()

    def desktop(n: int) -> None:
        nonlocal rolled_back
        store = open_store(pg_schema.location(), clock=clock)  # its own engine and connections
        rng = random.Random(n)
        try:
            start.wait(timeout=30)
            for k in range(EACH):
                with store.uow(office.clerk) as uow:
                    info = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh",
                                       subject_type="outgoing", subject_id=n * 100 + k)
                    time.sleep(rng.random() * 0.004)  # hold the number a moment, as a release does
                    if k % 5 == 4:  # this release fails before it is stored: its number must come back
                        with lock:
                            rolled_back += 1
                        continue
                    uow.commit()
                    got[n].append(info.number)
        except BaseException as exc:  # collected, not lost in the thread
            failures.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=desktop, args=(n,)) for n in range(DESKTOPS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert not failures, failures
        kept = sorted(x for numbers in got for x in numbers)
        assert rolled_back == DESKTOPS * (EACH // 5)
        assert kept == list(range(1, DESKTOPS * EACH - rolled_back + 1))  # no duplicate, no gap
        assert all(numbers == sorted(numbers) for numbers in got)  # each desktop saw its numbers rise
        with main.read() as s:
            listed = list_numbers(s, unit_id=office.province, year=2026, series=Series.DI)
            assert [n.number for n in listed] == kept
            assert [n.symbol for n in listed[:2]] == ["01/QĐ-UBND", "02/QĐ-UBND"]
            counter = s.execute(text("SELECT last_number FROM register_counters")).scalar_one()
            assert counter == len(kept)
    finally:
        main.close()


@pytest.fixture
def shared(pg_schema, clock):
    store = open_store(pg_schema.migrated().location(), clock=clock)
    office = build_office(store)
    logins: dict[str, str] = {}
    try:
        with store.uow() as uow:
            for key in ("clerk", "leader", "drafter", "commune_clerk"):
                logins[key] = create_login(uow, getattr(office, key), PASSWORD).role_name
            uow.commit()
        yield store, office, logins, pg_schema.name
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for role in logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


TAKE = "SELECT nghisu_take_number(%s, %s, %s, %s, NULL, NULL, NULL, %s, NULL)"


def sqlstate(conn, sql: str, params=()) -> str | None:
    try:
        conn.execute(sql, params)
    except psycopg.Error as exc:
        return exc.sqlstate
    return None


def test_over_their_own_logins_only_the_clerk_numbers(shared):
    store, office, logins, schema = shared
    with connect_as(schema, logins["drafter"]) as conn:
        # The chuyên viên names the clerk as the taker: the server takes the person from the login.
        assert sqlstate(conn, TAKE, (office.province, "di", "/QĐ-UBND", "quyet_dinh", office.clerk)) == "42501"
        assert sqlstate(conn, "INSERT INTO register_numbers (unit_id, year, series, number, taken_at) "
                              "VALUES (%s, 2026, 'di', 1, now())", (office.province,)) == "42501"
        assert sqlstate(conn, "INSERT INTO register_counters VALUES (%s, 2026, 'di', 40)", (office.province,)) == "42501"
    with connect_as(schema, logins["commune_clerk"]) as conn:  # a clerk, of another unit
        assert sqlstate(conn, TAKE, (office.province, "den", "", None, None)) == "42501"
        # and of no secret series without a clearance
        assert sqlstate(conn, TAKE, (office.commune, "di_mat", "/QĐ-UBND", "quyet_dinh", None)) == "42501"
    with connect_as(schema, logins["clerk"]) as conn:
        number_id = conn.execute(TAKE, (office.province, "di", "/QĐ-UBND", "quyet_dinh", office.leader)).fetchone()[0]
        row = conn.execute("SELECT number, symbol, taken_by_id, year, "
                           "extract(year FROM timezone('utc', now()) + interval '7 hours')::int "
                           "FROM register_numbers WHERE id = %s", (number_id,)).fetchone()
        assert row[:3] == (1, "01/QĐ-UBND", office.clerk)  # the login's person, not the one named
        assert row[3] == row[4]  # the server's year, not the caller's
        # A symbol that does not name the unit, or an incoming number with one, is refused.
        assert sqlstate(conn, TAKE, (office.province, "di", "/QĐ-BNV", "quyet_dinh", None)) == "22023"
        assert sqlstate(conn, TAKE, (office.province, "di", "/QĐ-UBND/x", "quyet_dinh", None)) == "22023"
        assert sqlstate(conn, TAKE, (office.province, "den", "/QĐ-UBND", None, None)) == "22023"
        # Nobody rewrites or removes a number, not even the clerk: cancelling goes through the server.
        assert sqlstate(conn, "UPDATE register_numbers SET number = 9") == "42501"
        assert sqlstate(conn, "DELETE FROM register_numbers") == "42501"
        assert sqlstate(conn, "UPDATE register_counters SET last_number = 0") == "42501"
        assert sqlstate(conn, "SELECT nghisu_cancel_number(%s, '', NULL, NULL)", (number_id,)) == "22023"
        conn.execute("SELECT nghisu_cancel_number(%s, 'Phát hành nhầm', NULL, NULL)", (number_id,))
        assert sqlstate(conn, "SELECT nghisu_cancel_number(%s, 'lần nữa', NULL, NULL)", (number_id,)) == "55000"
        conn.execute(TAKE, (office.province, "di_mat", "/QĐ-UBND", "quyet_dinh", None))
        second = conn.execute(TAKE, (office.province, "di", "/QĐ-UBND", "quyet_dinh", None)).fetchone()[0]
        assert conn.execute("SELECT number FROM register_numbers WHERE id = %s", (second,)).fetchone()[0] == 2
    with connect_as(schema, logins["drafter"]) as conn:
        assert sqlstate(conn, "SELECT nghisu_cancel_number(%s, 'x', NULL, NULL)", (second,)) == "42501"
    with connect_as(schema, logins["leader"]) as conn:  # of the unit, no clearance: the ordinary series only
        assert conn.execute("SELECT series, number FROM register_numbers ORDER BY id").fetchall() == [("di", 1), ("di", 2)]
    with connect_as(schema, logins["drafter"]) as conn:  # the unit's office reads its register too
        assert conn.execute("SELECT count(*) FROM register_numbers WHERE series = 'di'").fetchone()[0] == 2
    with connect_as(schema, logins["commune_clerk"]) as conn:  # another unit's register is not theirs to read
        assert conn.execute("SELECT count(*) FROM register_numbers").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM register_counters").fetchone()[0] == 0


def test_the_service_over_a_clerks_login_numbers_as_that_clerk(shared):
    from store.accounts import open_as_person

    store, office, logins, schema = shared
    own = open_as_person(store.location, logins["clerk"], PASSWORD)
    try:
        with own.uow(office.clerk) as uow:
            info = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="cong_van",
                               drafting_unit_id=office.office)
            uow.commit()
        assert (info.symbol, info.taken_by_id) == ("01/UBND-VP", office.clerk)
    finally:
        own.close()
