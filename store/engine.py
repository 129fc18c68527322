"""Opening a store: the embedded default (SQLite + a blob folder) or shared PostgreSQL.

``open_store`` connects, applies migrations (refusing a store from a newer version), and
returns a ``Store`` that hands out units of work. Heavy imports stay inside functions:
SQLAlchemy's ORM costs ~0.6 s at start-up and the desktop window should not wait for it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from store.blobs import DatabaseBlobStore, FolderBlobStore
from store.clock import Clock, SystemClock
from store.db_errors import driver_detail
from store.errors import StoreError, StoreNotFound, StoreReadOnly, StoreUnavailable
from store.location import StoreLocation
from store.uow import UnitOfWork, translate_db_errors

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from store.blobs import BlobStore

log = logging.getLogger(__name__)

SQLITE_FILE = "nghisu.sqlite3"
BLOB_DIR = "blobs"


def check_embedded_home(home: Path, *, create: bool) -> bool:
    """Decide whether ``home`` may be opened as an embedded store; True when it can only be read.

    A store is a folder holding ``nghisu.sqlite3``. Only a caller that was asked to create one
    (the default location, ``nghisu demo``, ``--create``) may make it, and only in a new or empty
    folder: a mistyped path must not become a new empty store, and an unrelated folder must not
    get a database and a blob folder written into it.
    """
    if home.exists() and not home.is_dir():
        raise StoreError(
            f"{home} là một tệp, không phải thư mục kho dữ liệu; hãy chỉ --store tới một thư mục.",
            f"{home} is a file, not a store folder; point --store at a folder.",
        )
    if (home / SQLITE_FILE).is_file():
        return not (os.access(home, os.W_OK) and os.access(home / SQLITE_FILE, os.W_OK))
    if home.is_dir() and any(home.iterdir()):
        raise StoreNotFound(
            f"Thư mục {home} không phải kho dữ liệu Nghị Sự (không có {SQLITE_FILE}) và không trống; "
            "kiểm tra lại đường dẫn, hoặc tạo kho mới trong một thư mục mới hay thư mục trống.",
            f"{home} is not a Nghị Sự store (no {SQLITE_FILE}) and is not empty; check the path, "
            "or create a new store in a new or empty folder.",
        )
    if not create:
        raise StoreNotFound(
            f"Không có kho dữ liệu ở {home}; kiểm tra lại đường dẫn, hoặc tạo kho mới bằng "
            "`nghisu --store THƯ_MỤC --create meetings list` (hay `nghisu --store THƯ_MỤC demo` cho dữ liệu mẫu).",
            f"There is no store at {home}; check the path, or create one with "
            "`nghisu --store DIR --create meetings list` (or `nghisu --store DIR demo` for the demo data).",
        )
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Không tạo được thư mục kho dữ liệu {home}: {exc.strerror}.",
            f"Could not create the store folder {home}: {exc.strerror}.",
        ) from exc
    return False


def _sqlite_engine(home: Path, *, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    if read_only:
        # A store on read-only media or without write permission: open it read-only. SQLite can
        # read a WAL database only where it may create the -shm file, or when told the file is
        # immutable (nothing else writes it: no one can, here).
        db = home / SQLITE_FILE
        immutable = "" if Path(f"{db}-shm").exists() else "&immutable=1"
        engine = create_engine(f"sqlite:///file:{db}?mode=ro{immutable}&uri=true", connect_args={"timeout": 30})
    else:
        engine = create_engine(f"sqlite:///{home / SQLITE_FILE}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not read_only:
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
    from sqlalchemy import create_engine, event  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy
    from sqlalchemy.engine import make_url  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

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
    # JIT compiling pays off for reports over millions of rows, never for a desktop's pages: a
    # register search whose plan looked expensive (the forced newest-first walk) spent 20-50 ms
    # compiling to run in 2 (benchmarks/bench_register.py). Off for this client's sessions only,
    # in the start-up packet (no statement), whatever the shared server's configuration says.
    engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10, "options": "-c jit=off"})
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

    def __init__(self, location: StoreLocation, engine: Engine, blobs: BlobStore, clock: Clock,
                 *, read_only: bool = False) -> None:
        self.location = location
        #: An embedded store without write permission: reading works, every change is refused.
        self.read_only = read_only
        self.engine = engine
        self.blobs = blobs
        self.clock = clock
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE") if engine.dialect.name == "sqlite" else engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self, actor_id: int | None = None, *, clock: Clock | None = None) -> UnitOfWork:
        """A unit of work for changes: ``with store.uow(me) as uow: ...; uow.commit()``."""
        if self.read_only:
            raise StoreReadOnly(
                f"Kho dữ liệu {self.location.describe()} chỉ đọc (không có quyền ghi); lệnh này cần ghi nên "
                "không làm gì cả. Hãy xin quyền ghi thư mục, hoặc dùng các lệnh chỉ xem.",
                f"The store {self.location.describe()} is read-only (no write permission); this command needs to "
                "write, so nothing was done. Get write permission on the folder, or use commands that only read.",
            )

        return UnitOfWork(self, self._writer, actor_id=actor_id, clock=clock or self.clock)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session over one consistent snapshot; never commits."""
        from sqlalchemy.orm import Session  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        with translate_db_errors(), Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    def answers(self) -> bool:
        """Whether the database answers a query now (the reader's "are we back online?");
        raises ``StoreUnavailable`` when it does not."""
        from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        with self.read() as s:
            s.execute(text("SELECT 1"))
        return True

    def close(self) -> None:
        self.engine.dispose()


def open_store(location: StoreLocation, *, clock: Clock | None = None, create: bool = False) -> Store:
    """Connect, migrate to this version's head, and return the store.

    An embedded store must exist unless ``create`` (see ``check_embedded_home``); one that cannot
    be written is opened read-only. Raises ``StoreNotFound`` for a folder that holds no store,
    ``StoreUnavailable`` when the database cannot be reached and ``StoreVersionError`` when a
    newer Nghị Sự wrote it (nothing is changed then).
    """
    from sqlalchemy.exc import DBAPIError  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from store.migrate import upgrade_to_head  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    read_only = False
    if location.shared:
        engine = _postgres_engine(location)
    else:
        assert location.home is not None
        read_only = check_embedded_home(location.home, create=create)
        engine = _sqlite_engine(location.home, read_only=read_only)
    try:
        with engine.begin() as conn:
            upgrade_to_head(conn)
    except DBAPIError as exc:
        engine.dispose()
        if not location.shared:
            what = "chỉ đọc và cần nâng cấp lên phiên bản này" if read_only else _first_line(exc.orig)
            what_en = "read-only and needs upgrading to this version" if read_only else _first_line(exc.orig)
            raise StoreError(
                f"Không mở được kho dữ liệu {location.describe()}: {what}. Kiểm tra quyền ghi thư mục rồi thử lại.",
                f"Could not open the store {location.describe()}: {what_en}. Check the folder's write permission, "
                "then try again.",
            ) from exc
        raise StoreUnavailable(
            f"Không mở được kho dữ liệu {location.describe()}. Kiểm tra máy chủ, mạng và quyền truy cập rồi thử lại.",
            f"Could not open the store {location.describe()}. Check the server, the network and access rights, "
            "then try again.",
            detail=driver_detail(exc.orig),
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    if location.shared:
        blobs: BlobStore = DatabaseBlobStore(engine)
    else:
        blobs = FolderBlobStore(location.home / BLOB_DIR, engine)
    return Store(location, engine, blobs, clock or SystemClock(), read_only=read_only)


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or ["?"])[0]
