"""The stores tests get are copies of one migrated once per process (tests.store_templates):
a copy must be exactly what running the migrations gives, on both backends."""

from __future__ import annotations

import sqlite3
import subprocess

from store.engine import SQLITE_FILE, open_store
from store.location import StoreLocation
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
