"""Where the store lives: an embedded folder (SQLite + blobs) or a shared PostgreSQL URL.

Resolution order: explicit arguments (``--store DIR`` / ``--database-url URL``), then the
environment (``NGHISU_HOME`` / ``NGHISU_DATABASE_URL``), then the platform's user data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoreLocation:
    """An embedded folder, or a PostgreSQL URL (optionally confined to one schema)."""

    home: Path | None = None
    database_url: str | None = None
    schema: str | None = None

    @property
    def shared(self) -> bool:
        return self.database_url is not None

    def describe(self) -> str:
        if self.database_url:
            return _hide_password(self.database_url) + (f" (schema {self.schema})" if self.schema else "")
        return str(self.home)


def default_home() -> Path:
    from platformdirs import user_data_path  # noqa: PLC0415 -- heavy library deferred for start-up: platformdirs

    return user_data_path("nghisu", appauthor=False)


def resolve_location(store_dir: str | os.PathLike[str] | None = None, database_url: str | None = None) -> StoreLocation:
    if database_url:
        return StoreLocation(database_url=database_url)
    if store_dir:
        return StoreLocation(home=Path(store_dir).expanduser())
    env_url = os.environ.get("NGHISU_DATABASE_URL")
    if env_url:
        return StoreLocation(database_url=env_url)
    env_home = os.environ.get("NGHISU_HOME")
    if env_home:
        return StoreLocation(home=Path(env_home).expanduser())
    return StoreLocation(home=default_home())


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<URL không hợp lệ>"
