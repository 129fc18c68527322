"""Bring a store's schema to this version's head, or refuse a store from a newer version.

Runs every time a store is opened. A database whose recorded revision this version does
not know was written by a newer Nghị Sự: it is refused before anything is touched.
"""

from __future__ import annotations

import ast
import logging
import re
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, text

from store.errors import StoreVersionError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: A migration's own lines naming it and what it follows (``revision = "0005_security"``,
#: ``down_revision = ("0003_signing", "0004_live")`` for a merge).
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*=\s*(.+?)\s*$", re.MULTILINE)


def _config():
    from alembic.config import Config  # noqa: PLC0415 -- heavy library deferred for start-up: alembic

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@cache
def _revisions() -> tuple[frozenset[str], frozenset[str]]:
    """(every revision this version knows, its heads), read once per process from the
    migration files' ``revision``/``down_revision`` lines.

    Opening a store that is already at the head (nearly every open) then needs no Alembic:
    importing it and building its revision map, which compiles every migration file from
    source, cost each ``nghisu`` command 0.1-0.3 s. ``tests/store/test_open_and_migrate.py``
    holds this reading to Alembic's own."""
    known: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue  # __init__.py
        known.add(ast.literal_eval(found["revision"]))
        down = ast.literal_eval(found.get("down_revision", "None"))
        parents.update((down,) if isinstance(down, str) else down or ())
    return frozenset(known), frozenset(known - parents)


def _current_revisions(connection: Connection) -> set[str]:
    """The revisions the store records (none for a new store), read with plain SQL."""
    if connection.dialect.name == "sqlite":
        exists = connection.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")).first()
    else:  # the schema the connection's search_path names, as Alembic looks there too
        exists = connection.execute(text("SELECT to_regclass('alembic_version')")).scalar()
    if not exists:
        return set()
    return set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def known_revisions() -> set[str]:
    """Every revision this version's migrations name."""
    return set(_revisions()[0])


def head_revisions() -> set[str]:
    """This version's heads. Packages add migrations on branches of their own (documents,
    signing, live meetings …); a merge revision joins them where one needs the others."""
    return set(_revisions()[1])


def head_revision() -> str:
    """The single head, when the branches have been merged (tests and diagnostics)."""
    heads = head_revisions()
    return heads.pop() if len(heads) == 1 else ",".join(sorted(heads))


def upgrade_to_head(connection: Connection) -> None:
    """Apply missing migrations inside the caller's transaction (which commits them)."""
    known = _revisions()[0]
    if _current_revisions(connection) == head_revisions():
        return  # the usual case: nothing to do, and no lock that every desktop would queue on
    from alembic import command  # noqa: PLC0415 -- heavy library deferred for start-up: alembic
    from alembic.migration import MigrationContext  # noqa: PLC0415 -- heavy library deferred for start-up: alembic

    cfg = _config()
    current = set(MigrationContext.configure(connection).get_current_heads())
    if connection.dialect.name == "postgresql":
        # Two desktops opening a fresh shared store at once must not both migrate it; the lock is
        # per schema, so stores in other schemas of the same database do not wait for this one.
        # Only the very first migration on a cluster creates the cluster-wide roles: that one
        # also takes the database-wide lock, so two new schemas never create them at once.
        roles = connection.execute(text(
            "SELECT count(*) FROM pg_roles WHERE rolname IN ('nghisu_desktop', 'nghisu_admin')")).scalar_one()
        if roles < 2:
            connection.execute(text("SELECT pg_advisory_xact_lock(7310101)"))
        connection.execute(text("SELECT pg_advisory_xact_lock(7310101, hashtext(current_schema()))"))
        current = set(MigrationContext.configure(connection).get_current_heads())
    unknown = current - known
    if unknown:
        raise StoreVersionError(
            "Kho dữ liệu này được một phiên bản Nghị Sự mới hơn tạo ra "
            f"(phiên bản lược đồ {', '.join(sorted(unknown))}); hãy cập nhật Nghị Sự. Kho không bị thay đổi.",
            "This store was written by a newer Nghị Sự "
            f"(schema revision {', '.join(sorted(unknown))}); update Nghị Sự. The store was not changed.",
        )
    if current == head_revisions():
        return
    log.info("migrating store from %s to %s", current or "empty", sorted(head_revisions()))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "heads")


def upgrade_to(connection: Connection, revision: str) -> None:
    """Apply migrations up to ``revision`` only: a store as an older version left it, for
    tests of the upgrade that follows (the application always goes to the head)."""
    from alembic import command  # noqa: PLC0415 -- heavy library deferred for start-up: alembic

    cfg = _config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)
