"""A busy or full store is reported as such, not as a lost network connection (issue 11)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, text

from store.directory import create_unit
from store.engine import SQLITE_FILE, open_store
from store.errors import StoreBusy, StoreFull
from store.location import StoreLocation


def _add_unit(store, code: str = "QT") -> None:
    with store.uow() as uow:
        create_unit(uow, code=code, name=f"Tỉnh {code}", level="province", official_name=f"Ủy ban nhân dân tỉnh {code}",
                    place_name=code)
        uow.commit()


def _on_every_connection(store, sql: str) -> None:
    """Run ``sql`` on each new connection of the store's engine (after the store's own setup)."""
    @event.listens_for(store.engine, "connect")
    def _set(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(sql)
        cur.close()

    store.engine.dispose()  # connections made before the listener are not reused


def _not_the_network(exc: BaseException) -> None:
    assert "mạng" not in str(exc) and "network" not in str(exc), str(exc)


def test_a_local_store_locked_by_another_program_is_busy(tmp_path, clock):
    home = tmp_path / "store"
    store = open_store(StoreLocation(home=home), clock=clock, create=True)
    _on_every_connection(store, "PRAGMA busy_timeout = 200")
    other = sqlite3.connect(home / SQLITE_FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StoreBusy) as caught:
            _add_unit(store)
        _not_the_network(caught.value)
        assert "bận" in str(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    _add_unit(store)  # once the other program is done, the same change goes through
    store.close()


def test_a_local_store_on_a_full_disk_is_full(tmp_path, clock):
    home = tmp_path / "store"
    store = open_store(StoreLocation(home=home), clock=clock, create=True)
    with store.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar_one()
    # The database may not grow: what a full disk does to SQLite (SQLITE_FULL).
    _on_every_connection(store, f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreFull) as caught:
        for k in range(200):
            _add_unit(store, f"U{k}")
    _not_the_network(caught.value)
    store.close()


def test_a_row_locked_on_postgresql_past_the_lock_timeout_is_busy(pg_schema, clock):
    import psycopg

    from tests.conftest import PG_URL

    store = open_store(pg_schema.migrated().location(), clock=clock)
    _add_unit(store)
    _on_every_connection(store, "SET lock_timeout = '200ms'")
    with psycopg.connect(PG_URL) as other:
        other.execute(f'SET search_path TO "{pg_schema.name}"')
        other.execute("SELECT id FROM units FOR UPDATE")  # another desktop in the middle of a change
        with pytest.raises(StoreBusy) as caught, store.uow() as uow:
            uow.session.execute(text("UPDATE units SET name = name"))
            uow.commit()
        _not_the_network(caught.value)
        other.rollback()
    store.close()
