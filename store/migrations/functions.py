"""What the migrations that define PostgreSQL functions share.

An embedded (SQLite) store has no logins and no functions on a server: these migrations do
nothing there. On PostgreSQL a function is created (or replaced) in the store's own schema as
``SECURITY DEFINER`` with that schema alone on its search path. A later revision that changes a
function edits the text an earlier revision created, which stays its downgrade: going down
restores it exactly. An edit whose old text is no longer there exactly once is refused, never
guessed.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
#: Used by functions that must know whether the schema owner itself is calling.
OWNER = "session_user = current_user"


def store_schema() -> str | None:
    """The store's schema, quoted, on PostgreSQL; None for an embedded store."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def create_or_replace(head: str, body: str, schema: str) -> None:
    """``CREATE OR REPLACE FUNCTION head body``, its ``{definer}`` and ``{owner}`` filled in.
    Replacing keeps the function's owner and grants."""
    sql = f"CREATE OR REPLACE FUNCTION {head} " + body.format(definer=DEFINER.format(schema=schema), owner=OWNER)
    op.get_bind().exec_driver_sql(sql.replace("%", "%%"))  # the driver reads %% as %


def earlier_text(revision: str, key: str, table: str = "FUNCTIONS") -> str:
    """The text an earlier revision (its module name) keeps for a function in ``table``."""
    text: str = getattr(importlib.import_module(f"store.migrations.versions.{revision}"), table)[key]
    return text


def earlier_body(revision: str, name: str = "NEW") -> str:
    """The text of one function an earlier revision (its module name) keeps alone in ``name``."""
    text: str = getattr(importlib.import_module(f"store.migrations.versions.{revision}"), name)
    return text


def edited(text: str, edits: Sequence[tuple[str, str]], revision: str, what: str) -> str:
    """``text`` with each (old, new) edit made; RuntimeError when an old text is not there
    exactly once (the earlier revision changed under this one)."""
    for old, new in edits:
        if text.count(old) != 1:
            raise RuntimeError(f"{revision}: {what} no longer holds the text this revision changes")
        text = text.replace(old, new)
    return text
