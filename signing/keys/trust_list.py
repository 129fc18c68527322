"""The store's trust list read straight from its table, for a command that only verifies.

``nghisu verify`` with a store checks signatures against the roots the office trusts
(``nghisu trust add``). Opening the store the usual way (engine, migrations, ORM) would cost
more than the verification of a small file, so this module reads the ``trust_roots`` table
with the database driver alone: ``sqlite3`` in read-only mode, or one psycopg connection.

It reads only a store whose schema version this program knows (``alembic_version`` names one
of its migrations, from the one that created the table on). Anything else (no such store, a
store from a newer version, a table missing, a server that does not answer) returns None, and
the caller opens the store the usual way, which migrates or refuses with the usual messages.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from store.location import StoreLocation

_VERSIONS = Path(__file__).resolve().parents[2] / "store" / "migrations" / "versions"
#: The migration that created ``trust_roots``; a store at an earlier version has no trust list.
_FIRST_WITH_TRUST = "0003"
_QUERY = "SELECT id, sha256, subject, der FROM trust_roots ORDER BY id"


@dataclass(frozen=True)
class StoreRoot:
    """One root of the store's trust list, as ``nghisu trust list`` shows it."""

    id: int
    sha256: str
    subject: str
    der: bytes = b""

    def as_json(self) -> dict[str, Any]:
        return {"source": "store", "id": self.id, "sha256": self.sha256, "subject": self.subject}


def file_root(der: bytes, file: str) -> dict[str, Any]:
    """How a root given with ``--trust`` is named in the output (same fields as ``trust list``)."""

    from cryptography import x509  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    subject = x509.load_der_x509_certificate(der).subject.rfc4514_string()
    return {"source": "file", "file": file, "sha256": hashlib.sha256(der).hexdigest(), "subject": subject}


def _known_revisions() -> set[str]:
    return {p.stem for p in _VERSIONS.glob("[0-9][0-9][0-9][0-9]_*.py") if p.stem[:4] >= _FIRST_WITH_TRUST}


def _rows(revision: Any, rows: list[Any]) -> tuple[StoreRoot, ...] | None:
    if not isinstance(revision, str) or revision not in _known_revisions():
        return None
    return tuple(StoreRoot(int(r[0]), str(r[1]), str(r[2]), bytes(r[3])) for r in rows)


def sqlite_store_file(location: StoreLocation) -> Path | None:
    """The embedded store's database file, if the location is an embedded store that exists."""
    if location.home is None:
        return None
    path = location.home / "nghisu.sqlite3"
    return path if path.is_file() else None


def read_store_roots(location: StoreLocation) -> tuple[StoreRoot, ...] | None:
    """The store's trusted roots in the order they were added, or None (see the module doc)."""
    if location.shared:
        return _read_postgres(location)
    path = sqlite_store_file(location)
    if path is None:
        return None
    import sqlite3  # noqa: PLC0415 -- heavy library deferred for start-up: sqlite3

    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)) as conn:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return _rows(revision[0] if revision else None, conn.execute(_QUERY).fetchall())
    except sqlite3.Error:
        return None


def _read_postgres(location: StoreLocation) -> tuple[StoreRoot, ...] | None:
    import psycopg  # noqa: PLC0415 -- heavy library deferred for start-up: psycopg

    assert location.database_url is not None
    parts = urlsplit(location.database_url)
    scheme = parts.scheme.split("+", 1)[0]
    if scheme not in ("postgresql", "postgres"):
        return None
    url = urlunsplit((scheme, *parts[1:]))
    try:
        with psycopg.connect(url, connect_timeout=10) as conn:
            if location.schema:
                conn.execute(f'SET search_path TO "{location.schema}"')
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return _rows(revision[0] if revision else None, conn.execute(_QUERY).fetchall())
    except (psycopg.Error, ValueError):
        return None
