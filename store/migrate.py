"""Bring a store's schema to this version's head, or refuse a store from a newer version.

Runs every time a store is opened. A database whose recorded revision this version does
not know was written by a newer Nghị Sự: it is refused before anything is touched.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, text

from store.errors import StoreVersionError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config():
    from alembic.config import Config  # noqa: PLC0415 -- heavy library deferred for start-up: alembic

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@cache
def _revisions() -> tuple[frozenset[str], frozenset[str]]:
    """(every revision this version knows, its heads), read once per process.

    Alembic compiles every migration file from source each time it builds a revision map
    (twice per open: about 0.1 s of CPU); the files do not change while the program runs."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415 -- heavy library deferred for start-up: alembic

    script = ScriptDirectory.from_config(_config())
    return frozenset(rev.revision for rev in script.walk_revisions()), frozenset(script.get_heads())


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
    from alembic import command  # noqa: PLC0415 -- heavy library deferred for start-up: alembic
    from alembic.migration import MigrationContext  # noqa: PLC0415 -- heavy library deferred for start-up: alembic

    cfg = _config()
    known = _revisions()[0]
    current = set(MigrationContext.configure(connection).get_current_heads())
    if current == head_revisions():
        return  # the usual case: nothing to do, and no lock that every desktop would queue on
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
