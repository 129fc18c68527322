"""Opening a store: the embedded default (SQLite + a blob folder) or shared PostgreSQL.

``open_store`` connects, applies migrations (refusing a store from a newer version), and
returns a ``Store`` that hands out units of work. Heavy imports stay inside functions:
SQLAlchemy's ORM costs ~0.6 s at start-up and the desktop window should not wait for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from store.clock import Clock, SystemClock
from store.errors import StoreError, StoreUnavailable
from store.location import StoreLocation

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from store.blobs import BlobStore
    from store.uow import UnitOfWork

log = logging.getLogger(__name__)

SQLITE_FILE = "nghisu.sqlite3"
BLOB_DIR = "blobs"


def _sqlite_engine(home: Path) -> Engine:
    from sqlalchemy import create_engine, event

    home.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{home / SQLITE_FILE}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # Writers take the write lock up front (BEGIN IMMEDIATE): a transaction that read
        # first and upgraded later could fail with SQLITE_BUSY instead of waiting its turn.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _postgres_engine(location: StoreLocation) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    try:
        url = make_url(location.database_url)
    except Exception as exc:
        raise StoreError(
            "Địa chỉ cơ sở dữ liệu không hợp lệ; dạng đúng: postgresql://người_dùng@máy_chủ:5432/tên_csdl",
            "The database URL is not valid; expected postgresql://user@host:5432/dbname",
        ) from exc
    if url.get_backend_name() != "postgresql":
        raise StoreError(
            f"Chỉ hỗ trợ PostgreSQL cho kho dùng chung, không hỗ trợ {url.get_backend_name()}.",
            f"Only PostgreSQL is supported as a shared store, not {url.get_backend_name()}.",
        )
    url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    if location.schema:
        schema = location.schema

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute(f'SET search_path TO "{schema}"')
            dbapi_conn.commit()

    return engine


class Store:
    """An open store: database engine, blob storage and the clock services use."""

    def __init__(self, location: StoreLocation, engine: Engine, blobs: BlobStore, clock: Clock) -> None:
        self.location = location
        self.engine = engine
        self.blobs = blobs
        self.clock = clock
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE") if engine.dialect.name == "sqlite" else engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self, actor_id: int | None = None, *, clock: Clock | None = None) -> UnitOfWork:
        """A unit of work for changes: ``with store.uow(me) as uow: ...; uow.commit()``."""
        from store.uow import UnitOfWork

        return UnitOfWork(self, self._writer, actor_id=actor_id, clock=clock or self.clock)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session over one consistent snapshot; never commits."""
        from sqlalchemy.orm import Session

        from store.uow import translate_db_errors

        with translate_db_errors(), Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    def close(self) -> None:
        self.engine.dispose()


def open_store(location: StoreLocation, *, clock: Clock | None = None) -> Store:
    """Connect, migrate to this version's head, and return the store.

    Raises ``StoreUnavailable`` when the database cannot be reached and
    ``StoreVersionError`` when a newer Nghị Sự wrote it (nothing is changed then).
    """
    from sqlalchemy.exc import DBAPIError

    from store.blobs import DatabaseBlobStore, FolderBlobStore
    from store.migrate import upgrade_to_head

    if location.shared:
        engine = _postgres_engine(location)
    else:
        assert location.home is not None
        engine = _sqlite_engine(location.home)
    try:
        with engine.begin() as conn:
            upgrade_to_head(conn)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreUnavailable(
            f"Không mở được kho dữ liệu {location.describe()}: {_first_line(exc.orig)}. "
            "Kiểm tra máy chủ, mạng và quyền truy cập rồi thử lại.",
            f"Could not open the store {location.describe()}: {_first_line(exc.orig)}. "
            "Check the server, the network and access rights, then try again.",
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    if location.shared:
        blobs: BlobStore = DatabaseBlobStore(engine)
    else:
        blobs = FolderBlobStore(location.home / BLOB_DIR, engine)
    return Store(location, engine, blobs, clock or SystemClock())


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or ["?"])[0]
