"""The secret ballot box (PostgreSQL): while a vote is open nobody, not even a participant
with their own login and ``psql``, can add, change or remove a ballot; the only way in is
``nghisu_cast_secret_ballot``, which the app's cast path uses."""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager

import psycopg
import pytest

from store.accounts import create_login, open_as_person
from store.engine import open_store
from store.errors import InvalidInput, PermissionDenied
from tests.conftest import PG_URL
from tests.security import PASSWORD, build_world

VOTERS = ("chair", "member_mat", "member_thuong")
OPTIONS = ["Đồng ý", "Không đồng ý"]


@pytest.fixture
def ballot(pg_schema, clock):
    """The provincial meeting in progress, a secret ballot open, everyone with their own login."""
    from meetings.lifecycle import change_status
    from meetings.live.votes import open_vote

    store = open_store(pg_schema.migrated().location(), clock=clock)
    world = build_world(store)
    try:
        with store.uow() as uow:
            for key in (*VOTERS, "secretary"):
                world.logins[key] = create_login(uow, getattr(world, key), PASSWORD).role_name
            uow.commit()
        with as_person(store, world, "secretary", clock) as (secretary, me), secretary.uow(me) as uow:
            change_status(uow, world.meeting_id, "in_progress")
            vote = open_vote(
                uow, world.meeting_id, item_id=None, kind="secret", question="Bầu Trưởng ban", options=OPTIONS
            )
            uow.commit()
        yield store, world, pg_schema.name, vote.id
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for role in world.logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@contextmanager
def as_person(store, world, key: str, clock):
    person = open_as_person(store.location, world.logins[key], PASSWORD, clock=clock)
    try:
        yield person, getattr(world, key)
    finally:
        person.close()


@contextmanager
def psql_as(schema: str, role: str):
    with psycopg.connect(PG_URL, user=role, password=PASSWORD, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        yield conn


def outcome(conn, sql: str, params=()) -> str:
    try:
        cur = conn.execute(sql, params)
        return f"{cur.rowcount} row(s)"
    except psycopg.Error as exc:
        return f"refused ({exc.sqlstate})"


def cast(store, world, key: str, vote_id: int, option: str, clock) -> str:
    from meetings.live.votes import cast_vote

    with as_person(store, world, key, clock) as (voter, me), voter.uow(me) as uow:
        code = cast_vote(uow, vote_id, me, option)
        uow.commit()
    return code


def test_a_participant_cannot_add_change_or_remove_ballots_with_their_own_login(ballot, clock):
    from meetings.live.vote_publication import check_receipt
    from meetings.live.votes import cast_vote, close_vote

    store, world, schema, vote_id = ballot
    code = cast(store, world, "chair", vote_id, "Đồng ý", clock)
    fake = ("f" * 32, vote_id, world.meeting_id, "Không đồng ý", "0" * 64)
    with psql_as(schema, world.logins["member_mat"]) as conn:
        insert = "INSERT INTO secret_ballots (id, vote_id, meeting_id, option, receipt_hash) VALUES (%s, %s, %s, %s, %s)"
        assert outcome(conn, insert, fake) == "refused (42501)"
        assert outcome(conn, "DELETE FROM secret_ballots WHERE vote_id = %s", (vote_id,)) == "refused (42501)"
        assert outcome(conn, "UPDATE secret_ballots SET option = 'Không đồng ý'") == "refused (42501)"
        assert (
            outcome(
                conn,
                "INSERT INTO secret_voters (vote_id, person_id, meeting_id) VALUES (%s, %s, %s)",
                (vote_id, world.member_mat, world.meeting_id),
            )
            == "refused (42501)"
        )
        # Not even how many ballots say what while the vote is open; who voted is public.
        assert conn.execute("SELECT option FROM secret_ballots").fetchall() == []
        assert conn.execute("SELECT person_id FROM secret_voters").fetchall() == [(world.chair,)]
        # The ballot box takes a ballot only from the voter themself, and its inner parts not at all.
        assert (
            outcome(
                conn,
                "SELECT nghisu_cast_secret_ballot(%s, %s, 'Không đồng ý')",
                (vote_id, world.member_thuong),
            )
            == "refused (42501)"
        )
        assert (
            outcome(
                conn,
                "SELECT nghisu_rewrite_secret_ballots(%s, %s, 'Đồng ý', 'x')",
                (vote_id, world.meeting_id),
            )
            == "refused (42501)"
        )
        assert outcome(conn, "SELECT nghisu_random_hex(32)") == "refused (42501)"
    with psql_as(schema, world.logins["secretary"]) as conn:  # who manages the meeting cannot either
        assert outcome(conn, "DELETE FROM secret_voters WHERE vote_id = %s", (vote_id,)) == "refused (42501)"
        assert outcome(conn, "DELETE FROM secret_ballots WHERE vote_id = %s", (vote_id,)) == "refused (42501)"
        assert (
            outcome(conn, "SELECT nghisu_cast_secret_ballot(%s, %s, 'Đồng ý')", (vote_id, world.secretary))
            == "refused (42501)"
        )  # the clerk has no vote
    with as_person(store, world, "secretary", clock) as (secretary, me):
        with pytest.raises(PermissionDenied), secretary.uow(me) as uow:
            cast_vote(uow, vote_id, world.member_mat, "Đồng ý")  # casting for someone else
        with secretary.uow(me) as uow:
            result = close_vote(uow, vote_id)
            uow.commit()
    assert dict(result.counts) == {"Đồng ý": 1, "Không đồng ý": 0} and result.voted == 1
    with as_person(store, world, "chair", clock) as (chair, _), chair.read() as s:
        assert check_receipt(s, vote_id, code) == "Đồng ý"


def test_casting_through_the_app_once_each_while_the_vote_is_open_and_the_tally_checks_out(ballot, clock):
    from meetings.live.vote_publication import check_receipt
    from meetings.live.votes import close_vote, vote_result

    store, world, schema, vote_id = ballot
    codes = {
        key: (cast(store, world, key, vote_id, option, clock), option)
        for key, option in (("chair", "Đồng ý"), ("member_mat", "không đồng ý"))
    }  # options match ignoring case
    assert all(re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}", code) for code, _ in codes.values())
    with pytest.raises(InvalidInput, match="đã bỏ phiếu"):
        cast(store, world, "chair", vote_id, "Không đồng ý", clock)  # one ballot each
    with pytest.raises(PermissionDenied):
        cast(store, world, "secretary", vote_id, "Đồng ý", clock)  # the clerk has no vote
    with as_person(store, world, "secretary", clock) as (secretary, me), secretary.uow(me) as uow:
        close_vote(uow, vote_id)
        uow.commit()
    with pytest.raises(InvalidInput, match="đã kết thúc"):
        cast(store, world, "member_thuong", vote_id, "Đồng ý", clock)  # too late
    with psql_as(schema, world.logins["member_thuong"]) as conn:
        assert (
            outcome(
                conn, "SELECT nghisu_cast_secret_ballot(%s, %s, 'Đồng ý')", (vote_id, world.member_thuong)
            )
            == "refused (55000)"
        )

    with as_person(store, world, "member_thuong", clock) as (member, _), member.read() as s:
        result = vote_result(s, vote_id)
        assert dict(result.counts) == {"Đồng ý": 1, "Không đồng ý": 1} and result.voted == 2
        for code, option in codes.values():
            assert check_receipt(s, vote_id, code).casefold() == option.casefold()
            digest = hashlib.sha256(f"{vote_id}:{code}".encode()).hexdigest()
            assert (digest, check_receipt(s, vote_id, code)) in result.receipts  # anyone can recount
    with psycopg.connect(PG_URL, autocommit=True) as conn:  # the schema owner reads the raw rows
        conn.execute(f'SET search_path TO "{schema}"')
        ids = [r[0] for r in conn.execute("SELECT id FROM secret_ballots WHERE vote_id = %s", (vote_id,))]
        xmins = conn.execute(
            "SELECT DISTINCT xmin::text FROM secret_ballots WHERE vote_id = %s", (vote_id,)
        ).fetchall()
        voter_xmins = conn.execute(
            "SELECT xmin::text FROM secret_voters WHERE vote_id = %s", (vote_id,)
        ).fetchall()
    assert len(ids) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)  # random keys, no sequence
    assert (
        len(xmins) == 1 and xmins[0] not in voter_xmins
    )  # rewritten together at the close, after every voter


STATE = (
    "SELECT has_table_privilege('nghisu_desktop', 'secret_ballots', 'INSERT'), "
    "to_regprocedure('nghisu_cast_secret_ballot(integer, integer, text)') IS NOT NULL, "
    "EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND policyname = 'secret_ballots_insert')"
)


def test_the_ballot_box_migration_downgrades_to_the_old_policies_and_upgrades_again(pg_schema, clock):
    from alembic import command
    from alembic.config import Config

    from store.migrate import MIGRATIONS_DIR, upgrade_to_head

    store = open_store(pg_schema.location(), clock=clock)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))

    def state() -> tuple:
        with store.engine.connect() as conn:
            return tuple(conn.exec_driver_sql(STATE).one())

    try:
        assert state() == (False, True, False)  # desktops read ballots; the box writes them
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005_security")
        assert state() == (True, False, True)
        with store.engine.begin() as conn:
            upgrade_to_head(conn)
        assert state() == (False, True, False)
    finally:
        store.close()
