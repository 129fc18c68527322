"""A leader (lãnh đạo) of a unit counts for its outgoing documents from the day the role starts
(issue 14): someone appointed from tomorrow neither approves a draft nor moves its reply
deadline today; on the day they start they do; the day their role ends they no longer do. The
services decide on both backends (``register.outgoing.drafts``); over a person's own login
PostgreSQL decides the same (``nghisu_is_unit_leader``, migration 0029), on its own date in
Vietnam, so the shared test's clock is the server's.
"""

from __future__ import annotations

from datetime import date, timedelta

import psycopg
import pytest

from register.outgoing.drafts import set_reply_by
from register.outgoing.release import approve_outgoing
from store.accounts import create_login
from store.clock import VN_TZ, FixedClock
from store.directory import create_person, grant_role
from store.engine import open_store
from store.errors import PermissionDenied
from tests.conftest import PG_URL
from tests.register.conftest import build_office
from tests.register.test_outgoing import draft
from tests.security import PASSWORD, connect_as, server_now


def _leaders(store, province: int, day: date) -> dict[str, int]:
    """Three people of the province: a leader from tomorrow, one from today, one whose role ended today."""
    with store.uow() as uow:
        people = {key: create_person(uow, full_name=name, position="Phó Chủ tịch UBND tỉnh", unit_id=province).id
                  for key, name in (("appointed", "Đoàn Văn Sắp"), ("sworn", "Vũ Thị Nhậm"), ("left", "Hồ Văn Nghỉ"))}
        grant_role(uow, people["appointed"], province, "lanh_dao", since=day + timedelta(days=1))
        grant_role(uow, people["sworn"], province, "lanh_dao", since=day)
        grant_role(uow, people["left"], province, "lanh_dao", since=date(2020, 1, 1), until=day)
        uow.commit()
    return people


def test_a_leader_appointed_from_tomorrow_is_no_leader_today(store, office, clock):
    day = clock.now().astimezone(VN_TZ).date()
    people = _leaders(store, office.province, day)
    info = draft(store, office, reply_by=day + timedelta(days=10))
    for key in ("appointed", "left"):
        with store.uow(people[key]) as uow, pytest.raises(PermissionDenied, match="lãnh đạo"):
            set_reply_by(uow, info.id, day + timedelta(days=12))
        with store.uow(people[key]) as uow, pytest.raises(PermissionDenied, match="lãnh đạo"):
            approve_outgoing(uow, info.id)
    with store.uow(people["sworn"]) as uow:  # from its first day
        assert set_reply_by(uow, info.id, day + timedelta(days=12)).reply_by == day + timedelta(days=12)
        uow.commit()
    clock.advance(days=1)  # the appointed one's first day
    with store.uow(people["appointed"]) as uow:
        assert set_reply_by(uow, info.id, day + timedelta(days=14)).reply_by == day + timedelta(days=14)
        uow.commit()


@pytest.fixture
def shared(pg_schema):
    now = server_now()
    day = (now + timedelta(hours=7)).date()
    store = open_store(pg_schema.migrated().location(), clock=FixedClock(now))
    logins: dict[str, str] = {}
    try:
        office = build_office(store)
        people = _leaders(store, office.province, day)
        info = draft(store, office, reply_by=day + timedelta(days=10))
        with store.uow() as uow:
            for key, person in people.items():
                logins[key] = create_login(uow, person, PASSWORD).role_name
            uow.commit()
        yield {"office": office, "draft": info.id, "logins": logins, "schema": pg_schema.name, "day": day}
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for role in logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_over_their_own_login_a_leader_counts_only_from_the_start(shared):
    w = shared
    province, doc = w["office"].province, w["draft"]
    seen = {}
    for key, role in w["logins"].items():
        with connect_as(w["schema"], role) as conn:
            leader = conn.execute("SELECT nghisu_is_unit_leader(%s)", (province,)).fetchone()[0]
            part = conn.execute("SELECT nghisu_outgoing_part(%s)", (doc,)).fetchone()[0]
            # Moving the reply deadline is a leader's right while it is a draft (0028's guard).
            moved = conn.execute("UPDATE outgoing_documents SET reply_by = %s WHERE id = %s",
                                 (w["day"] + timedelta(days=20), doc)).rowcount
            seen[key] = (leader, part, moved)
    assert seen == {"appointed": (False, [], 0), "sworn": (True, ["leader"], 1), "left": (False, [], 0)}


FUNCTION = ("SELECT p.prosecdef, p.provolatile, p.proconfig::text, p.proacl::text, p.prosrc FROM pg_proc p "
            "WHERE p.pronamespace = current_schema()::regnamespace AND p.proname = 'nghisu_is_unit_leader'")


def test_the_revision_goes_down_to_0019s_text_exactly_and_up_again(pg_schema, clock):
    import importlib

    from alembic import command
    from alembic.config import Config

    from store.migrate import MIGRATIONS_DIR, upgrade_to_head
    from store.migrations.functions import OWNER

    revision = importlib.import_module("store.migrations.versions.0029_leader_from_since")

    def source(body: str) -> str:  # what PostgreSQL keeps of a body: the text between the $$
        return body.format(definer="", owner=OWNER).split("$$")[1]

    store = open_store(pg_schema.location(), clock=clock)  # migrated for real, from an empty schema
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))

    def state() -> tuple:
        with store.engine.connect() as conn:
            return tuple(conn.exec_driver_sql(FUNCTION).one())

    try:
        head = state()
        assert head[4] == source(revision.NEW_LEADER) and head[0] is True
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0028_outgoing_reply_by")
        down = state()
        assert down[4] == source(revision.OLD_LEADER)
        assert down[:4] == head[:4]  # definer, volatility, search path and grants kept
        with store.engine.begin() as conn:
            upgrade_to_head(conn)
        assert state() == head
    finally:
        store.close()
