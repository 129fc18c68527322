"""The stores tests get are copies of one migrated once per process (tests.store_templates):
a copy must be exactly what running the migrations gives, on both backends."""

from __future__ import annotations

import sqlite3
import subprocess

import psycopg

from store.engine import SQLITE_FILE, open_store
from store.location import StoreLocation
from tests import store_templates
from tests.conftest import PG_URL, PgSchema
from tests.store_templates import copy_sqlite_store


def _pg_dump(schema: str, *flags: str) -> str:
    out = subprocess.run(["pg_dump", "--no-owner", "--schema", schema, *flags, PG_URL],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    lines = [ln for ln in out.replace(schema, "SCHEMA").splitlines() if not ln.startswith(("--", "\\restrict", "\\unrestrict"))]
    return "\n".join(ln for ln in lines if ln.strip())


def test_a_copied_postgresql_schema_is_the_migrated_one(pg_schema):
    migrated = pg_schema
    open_store(migrated.location()).close()  # Alembic, as a new shared store is made
    copy = PgSchema().migrated()
    try:
        definitions, data = _pg_dump(migrated.name, "--schema-only"), _pg_dump(migrated.name, "--data-only")
        assert "CREATE POLICY" in definitions and "SECURITY DEFINER" in definitions and "alembic_version" in data
        assert _pg_dump(copy.name, "--schema-only") == definitions  # tables, policies, grants, functions, triggers
        assert _pg_dump(copy.name, "--data-only") == data  # the rows migrations seed, the revision
    finally:
        copy.drop()


def _write_some_rows(schema: PgSchema, clock) -> None:
    from store.directory import create_person, create_unit

    store = open_store(schema.location(), clock=clock)
    try:
        with store.uow() as uow:
            unit = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019",
                               official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
            create_person(uow, full_name="Phạm Thị Ngọc Ánh", position="Chuyên viên", unit_id=unit.id)
            uow.commit()
    finally:
        store.close()


def test_a_postgresql_schema_given_back_and_handed_out_again_is_the_migrated_one(pg_schema, clock):
    migrated = pg_schema
    open_store(migrated.location()).close()
    used = PgSchema().migrated()
    _write_some_rows(used, clock)  # rows, the audit chain's head, sequences moved on
    used.drop()
    assert used.name in store_templates._pg_pool  # kept: only rows changed in it
    again = PgSchema().migrated()
    try:
        assert used.name not in store_templates._pg_pool  # it is this one, under its new name
        assert _pg_dump(again.name, "--schema-only") == _pg_dump(migrated.name, "--schema-only")
        assert _pg_dump(again.name, "--data-only") == _pg_dump(migrated.name, "--data-only")
    finally:
        again.drop()


def test_a_postgresql_schema_whose_definitions_a_test_changed_is_dropped_not_reused():
    changed = PgSchema().migrated()
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'GRANT UPDATE ON "{changed.name}".audit_head TO nghisu_desktop')
    changed.drop()
    assert changed.name not in store_templates._pg_pool
    with psycopg.connect(PG_URL) as conn:
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (changed.name,)).fetchone() == (0,)


def _sqlite_dump(home) -> list[str]:
    with sqlite3.connect(home / SQLITE_FILE) as conn:
        return list(conn.iterdump())


def test_a_copied_sqlite_store_is_the_migrated_one(tmp_path):
    open_store(StoreLocation(home=tmp_path / "migrated"), create=True).close()
    copy_sqlite_store(tmp_path / "copy")
    dump = _sqlite_dump(tmp_path / "migrated")
    assert any("page_search" in line for line in dump) and any("alembic_version" in line for line in dump)
    assert _sqlite_dump(tmp_path / "copy") == dump
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == sorted(p.name for p in (tmp_path / "migrated").iterdir())
