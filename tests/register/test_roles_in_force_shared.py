"""A role counts on the shared store only while it is in force (issue 14): a person whose role in
the province ended yesterday, transferred to a commune, no longer reads the province's registers
over their own login; one whose role ends tomorrow still does. What the first one wrote stays
theirs to read (the draft they made, as its drafter), nothing more.

The read rule is PostgreSQL's (``nghisu_in_unit``, ``nghisu_my_units()``, migration 0027); it
goes by the server's date in Vietnam, so this test's clock is the server's too.
"""

from __future__ import annotations

from datetime import date, timedelta

import psycopg
import pytest

from register.incoming.receive import receive_file
from register.incoming.records import IncomingMeta
from store.accounts import create_login
from store.clock import FixedClock
from store.directory import create_person, end_role, grant_role
from store.directory.belonging import units_of
from store.engine import open_store
from tests.conftest import PG_URL
from tests.register.conftest import build_office
from tests.register.incoming_fixtures import draft_reply
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
            # Both work in the commune now; each held a chuyên viên's role in the province.
            moved = create_person(uow, full_name="Lê Văn Chuyển", position="Công chức", unit_id=office.commune).id
            leaving = create_person(uow, full_name="Đặng Thị Sắp", position="Công chức", unit_id=office.commune).id
            grant_role(uow, moved, office.province, "chuyen_vien", since=date(2020, 1, 1))
            grant_role(uow, leaving, office.province, "chuyen_vien", since=date(2020, 1, 1), until=today + timedelta(days=1))
            uow.commit()
        entry = receive_file(store, office.province, make_pdf(1, "Công văn Bộ Nội vụ"),
                             IncomingMeta("Bộ Nội vụ", "Về công tác văn thư", "1234/BNV-VP", doc_date=date(2026, 11, 20)),
                             actor_id=office.clerk).entry.id
        theirs = draft_reply(store, moved, office.province, office.leader, "Báo cáo do người đã chuyển công tác soạn")
        others = draft_reply(store, office.drafter, office.office, office.leader, "Kế hoạch của Văn phòng")
        with store.uow() as uow:  # transferred: the role ended yesterday
            end_role(uow, moved, office.province, "chuyen_vien", on=today - timedelta(days=1))
            for key, person in (("moved", moved), ("leaving", leaving), ("clerk", office.clerk)):
                logins[key] = create_login(uow, person, PASSWORD).role_name
            uow.commit()
        yield {"office": office, "moved": moved, "leaving": leaving, "entry": entry, "theirs": theirs,
               "others": others, "logins": logins, "schema": pg_schema.name, "store": store, "today": today}
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for role in logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def reads(schema: str, role: str) -> dict[str, set[int]]:
    with connect_as(schema, role) as conn:
        def ids(sql: str) -> set[int]:
            return {r[0] for r in conn.execute(sql)}
        return {"incoming": ids("SELECT id FROM incoming_documents"),
                "events": ids("SELECT DISTINCT entry_id FROM incoming_events"),
                "numbers": ids("SELECT DISTINCT unit_id FROM register_numbers"),
                "outgoing": ids("SELECT id FROM outgoing_documents"),
                "versions": ids("SELECT DISTINCT outgoing_id FROM outgoing_versions")}


def test_a_role_ended_yesterday_reads_no_more_of_the_units_registers(world):
    w, office = world, world["office"]
    moved = reads(w["schema"], w["logins"]["moved"])
    # Only the draft they made themselves (as its drafter), not the unit's registers.
    assert moved == {"incoming": set(), "events": set(), "numbers": set(),
                     "outgoing": {w["theirs"]}, "versions": {w["theirs"]}}
    with connect_as(w["schema"], w["logins"]["moved"]) as conn:
        assert conn.execute("SELECT nghisu_in_unit(%s)", (office.province,)).fetchone()[0] is False
        assert office.province not in conn.execute("SELECT nghisu_my_units()").fetchone()[0]


def test_a_role_ending_tomorrow_still_reads_them(world):
    w, office = world, world["office"]
    leaving = reads(w["schema"], w["logins"]["leaving"])
    assert leaving == {"incoming": {w["entry"]}, "events": {w["entry"]}, "numbers": {office.province},
                       "outgoing": {w["theirs"], w["others"]}, "versions": {w["theirs"], w["others"]}}
    assert reads(w["schema"], w["logins"]["clerk"]) == leaving  # as the unit's own văn thư does
    with connect_as(w["schema"], w["logins"]["leaving"]) as conn:
        assert conn.execute("SELECT nghisu_in_unit(%s)", (office.province,)).fetchone()[0] is True


def test_the_read_rule_counts_what_the_python_rule_counts_on_the_servers_day(world):
    w = world
    people = {"moved": w["moved"], "leaving": w["leaving"], "clerk": w["office"].clerk}
    for key, role in w["logins"].items():
        with connect_as(w["schema"], role) as conn:
            read = set(conn.execute("SELECT nghisu_my_units()").fetchone()[0])
            in_unit = {u for u in read | {w["office"].province, w["office"].commune, w["office"].office}
                       if conn.execute("SELECT nghisu_in_unit(%s)", (u,)).fetchone()[0]}
        with w["store"].read() as s:
            counted = units_of(s, people[key], w["today"])
        assert read == counted == in_unit, key


FUNCTIONS = ("SELECT p.proname, l.lanname, p.prosecdef, p.provolatile, p.proconfig::text, p.proacl::text, p.prosrc "
             "FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.pronamespace = current_schema()::regnamespace "
             "AND p.proname IN ('nghisu_in_unit', 'nghisu_my_units') ORDER BY p.proname")


def test_the_revision_goes_down_to_the_earlier_texts_exactly_and_up_again(pg_schema, clock):
    import importlib

    from alembic import command
    from alembic.config import Config

    from store.migrate import MIGRATIONS_DIR, upgrade_to_head
    from store.migrations.functions import OWNER

    revision = importlib.import_module("store.migrations.versions.0027_read_rule_roles_in_force")

    def source(body: str) -> str:  # what PostgreSQL keeps of a body: the text between the $$
        return body.format(definer="", owner=OWNER).split("$$")[1]

    store = open_store(pg_schema.location(), clock=clock)  # migrated for real, from an empty schema
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))

    def state() -> list[tuple]:
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(FUNCTIONS)]

    try:
        head = state()
        assert [(r[0], r[1], r[2], r[3]) for r in head] == [("nghisu_in_unit", "sql", True, "s"),
                                                           ("nghisu_my_units", "plpgsql", True, "s")]
        assert [r[6] for r in head] == [source(revision.NEW_IN_UNIT), source(revision.NEW_MY_UNITS)]
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0026_read_rule_office_body")
        down = state()
        assert [r[6] for r in down] == [source(revision.OLD_IN_UNIT), source(revision.OLD_MY_UNITS)]
        assert [r[:6] for r in down] == [r[:6] for r in head]  # language, definer, search path and grants kept
        with store.engine.begin() as conn:
            upgrade_to_head(conn)
        assert state() == head
    finally:
        store.close()
