"""A store of this version, migrated once per test process and copied for each test that needs one.

Running every migration costs a test 0.3-0.7 s on SQLite and 1-3 s on PostgreSQL (hundreds of
DDL statements, Alembic compiling each migration file); about 400 tests open a fresh store.
So the first store of a process is migrated for real, and later ones are copies of it:

- SQLite: the migrated store folder (database and empty blob folder), copied.
- PostgreSQL: every statement the migration sent to the server is recorded (with its
  parameters) and sent again, in one transaction, into the new schema, with the template's
  schema name replaced by the new one (the definer functions pin it in their search_path).

The replay costs the server about 1.7 s of CPU (800 statements of DDL) and dropping the schema
afterwards 0.3 s more, so a schema a test gives back is used again when nothing in it changed but
rows: ``give_back_pg_schema`` compares the catalog rows that define the schema (tables, columns,
defaults, indexes, constraints, policies, functions, triggers, sequences, types, grants) with
those it was handed out with, down to the transaction that last wrote each, and keeps it only
when they are the same and no other connection holds a lock in it. The next test's schema is
then that one, renamed to the new name (the definer functions' search_path follows), its rows
deleted, the rows the migrations seed put back byte for byte (COPY), every sequence where a new
store has it, and the table the migrations ANALYZE analysed again. Anything else is dropped,
and the pool is dropped when the test process ends (``drop_pg_pool``).

The copy is then opened with ``open_store`` as usual: it finds the schema at this version's
head and migrates nothing. Tests of migrations themselves (upgrades from older revisions,
downgrades) start from empty stores of their own and still run Alembic.
``tests/store/test_store_templates.py`` checks that a copy's catalog is the migrated one's.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.engine import open_store
from store.location import StoreLocation


@dataclass
class _Recorded:
    schema: str
    statements: list[tuple[str, Any, bool]] = field(default_factory=list)


@dataclass
class _Fresh:
    """What a new copy holds besides its definitions, to put back in a given-back schema."""

    seed: dict[str, tuple[str, bytes]]  # table → (its columns, their COPY text)
    sequences: dict[str, tuple[int, bool]]  # sequence → (last_value, is_called)
    analysed: set[str]  # tables the migrations ANALYZEd (reltuples 0, not -1)


_sqlite_template: Path | None = None
_pg_template: _Recorded | None = None
_pg_fresh: _Fresh | None = None
#: Schemas of this process given back as exact stores of this version, ready to be used again.
_pg_pool: list[str] = []
#: The catalog stamp (``_CATALOG_STAMP``) of each schema as it was handed out.
_pg_handed_out: dict[str, str] = {}

#: What DDL on the schema would change: every catalog row that defines it (its count and the
#: transactions that last wrote them), and the locks other connections hold in it.
_CATALOG_STAMP = """
WITH n AS (SELECT oid FROM pg_namespace WHERE nspname = %(s)s),
rel AS MATERIALIZED (SELECT oid, xmin FROM pg_class WHERE relnamespace = (SELECT oid FROM n)),
rows(x) AS (
  SELECT xmin FROM pg_namespace WHERE oid = (SELECT oid FROM n)
  UNION ALL SELECT xmin FROM rel
  UNION ALL SELECT xmin FROM pg_proc WHERE pronamespace = (SELECT oid FROM n)
  UNION ALL SELECT xmin FROM pg_type WHERE typnamespace = (SELECT oid FROM n)
  UNION ALL SELECT xmin FROM pg_constraint WHERE connamespace = (SELECT oid FROM n)
  UNION ALL SELECT xmin FROM pg_default_acl WHERE defaclnamespace = (SELECT oid FROM n)
  UNION ALL SELECT xmin FROM pg_attribute WHERE attrelid IN (SELECT oid FROM rel)
  UNION ALL SELECT xmin FROM pg_attrdef WHERE adrelid IN (SELECT oid FROM rel)
  UNION ALL SELECT xmin FROM pg_index WHERE indrelid IN (SELECT oid FROM rel)
  UNION ALL SELECT xmin FROM pg_policy WHERE polrelid IN (SELECT oid FROM rel)
  UNION ALL SELECT xmin FROM pg_trigger WHERE tgrelid IN (SELECT oid FROM rel)
  UNION ALL SELECT xmin FROM pg_rewrite WHERE ev_class IN (SELECT oid FROM rel)
  UNION ALL SELECT xmin FROM pg_sequence WHERE seqrelid IN (SELECT oid FROM rel)
)
SELECT count(*) || ':' || sum(x::text::bigint),
       (SELECT count(*) FROM pg_locks l WHERE l.relation IN (SELECT oid FROM rel) AND l.pid <> pg_backend_pid())
  FROM rows
"""


def copy_sqlite_store(home: Path) -> None:
    """Make ``home`` (new or empty) a migrated embedded store."""
    global _sqlite_template
    if _sqlite_template is None:
        template = Path(tempfile.mkdtemp(prefix="nghisu-template-")) / "store"
        open_store(StoreLocation(home=template), create=True).close()  # closing checkpoints the WAL
        # A connection the migration left unreferenced closes only when collected; until the last
        # one closes, SQLite keeps the -wal and -shm files, and every copy would carry them.
        gc.collect()
        _sqlite_template = template
    shutil.copytree(_sqlite_template, home, dirs_exist_ok=True)


def _record_migration(pg_url: str, schema_factory) -> _Recorded:
    from sqlalchemy import Engine, event

    template = schema_factory()
    recorded = _Recorded(template.name)

    def capture(conn, cursor, statement, parameters, context, executemany) -> None:
        recorded.statements.append((statement, parameters, executemany))

    event.listen(Engine, "before_cursor_execute", capture)
    try:
        open_store(template.location()).close()
    finally:
        event.remove(Engine, "before_cursor_execute", capture)
        template.drop()
    return recorded


def _renamed(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {k: _renamed(v, old, new) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_renamed(v, old, new) for v in value)
    return value


def copy_pg_schema(pg_url: str, schema: str, schema_factory) -> None:
    """Make the empty ``schema`` a migrated shared store (see the module doc)."""
    import psycopg

    global _pg_template, _pg_fresh
    if _pg_template is None:
        _pg_template = _record_migration(pg_url, schema_factory)
    while _pg_pool:
        if _reuse(pg_url, _pg_pool.pop(), schema):
            return
    old = _pg_template.schema
    with psycopg.connect(pg_url) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        cur = conn.cursor()
        with conn.pipeline():
            for statement, parameters, many in _pg_template.statements:
                statement, parameters = statement.replace(old, schema), _renamed(parameters, old, schema)
                if many:
                    cur.executemany(statement, parameters)
                else:
                    cur.execute(statement, parameters)
        conn.commit()
        if _pg_fresh is None:
            _pg_fresh = _describe_fresh(conn, schema)
        _pg_handed_out[schema] = _catalog_stamp(conn, schema)[0]


def _catalog_stamp(conn, schema: str) -> tuple[str, int]:
    """(what defines the schema now, locks other connections hold in it)."""
    stamp, locks = conn.execute(_CATALOG_STAMP, {"s": schema}).fetchone()
    return stamp, locks


def _describe_fresh(conn, schema: str) -> _Fresh:
    tables = conn.execute("SELECT relname, reltuples >= 0 FROM pg_class WHERE relnamespace = %s::regnamespace "
                          "AND relkind IN ('r', 'p')", (schema,)).fetchall()
    seed: dict[str, tuple[str, bytes]] = {}
    for table, _ in tables:
        columns = ", ".join(f'"{c}"' for (c,) in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
            "AND attgenerated = '' ORDER BY attnum", (f'"{schema}"."{table}"',)))
        data = bytearray()
        with conn.cursor().copy(f'COPY "{schema}"."{table}" ({columns}) TO STDOUT') as copy:
            for chunk in copy:
                data += chunk
        if data:
            seed[table] = (columns, bytes(data))
    sequences = {name: (last, called) for name, last, called in conn.execute(
        "SELECT sequencename, coalesce(last_value, start_value), last_value IS NOT NULL FROM pg_sequences "
        "WHERE schemaname = %s", (schema,))}
    return _Fresh(seed, sequences, {table for table, analysed in tables if analysed})


def give_back_pg_schema(pg_url: str, schema: str) -> None:
    """A test is done with ``schema``: keep it for the next test when nothing but rows changed in it
    since it was handed out and nobody else holds a lock in it, else drop it."""
    import psycopg

    handed_out = _pg_handed_out.pop(schema, None)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        if handed_out is not None and _catalog_stamp(conn, schema) == (handed_out, 0):
            _pg_pool.append(schema)
            return
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _reuse(pg_url: str, pooled: str, schema: str) -> bool:
    """Make the empty ``schema`` the given-back ``pooled`` one, as a new store (the module doc);
    False (and ``pooled`` dropped) when that cannot be done at once."""
    import psycopg

    assert _pg_fresh is not None
    fresh = _pg_fresh
    try:
        with psycopg.connect(pg_url) as conn:
            conn.execute("SET LOCAL lock_timeout = '2s'")
            # The rows go back as they were: no trigger (the audit chain's, the foreign keys') fires.
            conn.execute("SET LOCAL session_replication_role = replica")
            conn.execute(f'DROP SCHEMA "{schema}"')  # the fixture's empty one: refused if anything is in it
            conn.execute(f'ALTER SCHEMA "{pooled}" RENAME TO "{schema}"')
            for function, setting in conn.execute(
                    "SELECT p.oid::regprocedure::text, c FROM pg_proc p, unnest(p.proconfig) c "
                    "WHERE p.pronamespace = %s::regnamespace AND c LIKE 'search_path=%%'", (schema,)).fetchall():
                conn.execute(f"ALTER FUNCTION {function} SET search_path = "
                             f"{setting.split('=', 1)[1].replace(pooled, schema)}")
            tables = conn.execute("SELECT relname, pg_relation_size(oid) > 0 OR reltuples >= 0 FROM pg_class "
                                  "WHERE relnamespace = %s::regnamespace AND relkind IN ('r', 'p')",
                                  (schema,)).fetchall()
            for table, written in tables:
                if not written and table not in fresh.seed:
                    continue  # never written: as a new store has it
                conn.execute(f'DELETE FROM "{schema}"."{table}"')
                if table in fresh.seed:
                    columns, data = fresh.seed[table]
                    with conn.cursor().copy(f'COPY "{schema}"."{table}" ({columns}) FROM STDIN') as copy:
                        copy.write(data)
                if written:  # planner statistics as a new store's (the search reads document_pages' count)
                    conn.execute(f'ANALYZE "{schema}"."{table}"')
            conn.execute("SELECT " + ", ".join(
                f"setval('\"{schema}\".\"{name}\"', {last}, {called})" for name, (last, called) in fresh.sequences.items()))
            conn.commit()
            _pg_handed_out[schema] = _catalog_stamp(conn, schema)[0]
        return True
    except psycopg.Error:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{pooled}" CASCADE')
        return False


def drop_pg_pool(pg_url: str) -> None:
    """Drop the schemas kept for reuse (the test process is ending)."""
    import psycopg

    if not _pg_pool:
        return
    with psycopg.connect(pg_url, autocommit=True) as conn:
        while _pg_pool:
            conn.execute(f'DROP SCHEMA IF EXISTS "{_pg_pool.pop()}" CASCADE')
