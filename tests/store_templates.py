"""A store of this version, migrated once per test process and copied for each test that needs one.

Running every migration costs a test 0.3-0.7 s on SQLite and 1-3 s on PostgreSQL (hundreds of
DDL statements, Alembic compiling each migration file); about 400 tests open a fresh store.
So the first store of a process is migrated for real, and later ones are copies of it:

- SQLite: the migrated store folder (database and empty blob folder), copied.
- PostgreSQL: every statement the migration sent to the server is recorded (with its
  parameters) and sent again, in one transaction, into the new schema, with the template's
  schema name replaced by the new one (the definer functions pin it in their search_path).

The copy is then opened with ``open_store`` as usual: it finds the schema at this version's
head and migrates nothing. Tests of migrations themselves (upgrades from older revisions,
downgrades) start from empty stores of their own and still run Alembic.
``tests/store/test_store_templates.py`` checks that a copy's catalog is the migrated one's.
"""

from __future__ import annotations

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


_sqlite_template: Path | None = None
_pg_template: _Recorded | None = None


def copy_sqlite_store(home: Path) -> None:
    """Make ``home`` (new or empty) a migrated embedded store."""
    global _sqlite_template
    if _sqlite_template is None:
        template = Path(tempfile.mkdtemp(prefix="nghisu-template-")) / "store"
        open_store(StoreLocation(home=template), create=True).close()  # closing checkpoints the WAL
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

    global _pg_template
    if _pg_template is None:
        _pg_template = _record_migration(pg_url, schema_factory)
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
