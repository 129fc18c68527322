"""Shared fixtures: a fresh store per test on SQLite, and the same on PostgreSQL.

PostgreSQL tests use ``NGHISU_TEST_DATABASE_URL`` or the local test server; each test gets
its own schema, dropped afterwards. With no server they skip and say why, unless
``NGHISU_REQUIRE_POSTGRES=1`` (set by CI), where they fail instead.
"""

from __future__ import annotations

import compileall
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store.clock import FixedClock
from store.engine import Store, open_store
from store.location import StoreLocation
from tests.store_templates import copy_pg_schema, copy_sqlite_store, drop_pg_pool, give_back_pg_schema

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A `nghisu verify` run by a test checks the file itself and leaves no verification server
# running behind it (ui.verify_client); tests/signing/test_verify_server.py turns it on for its own.
os.environ["NGHISU_VERIFY_SERVER"] = "off"

ROOT = Path(__file__).resolve().parents[1]
#: The packages an installation byte-compiles (pyproject.toml's setuptools packages).
PACKAGES = ("sandbox", "store", "documents", "signing", "register", "meetings", "mail", "demo", "ui")
PG_URL = os.environ.get("NGHISU_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
START = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
_pg_state: dict[str, str | None] = {}


def postgres_unavailable_reason() -> str | None:
    """None when the test server answers; otherwise why not (checked once)."""
    if "reason" not in _pg_state:
        import psycopg

        try:
            with psycopg.connect(PG_URL, connect_timeout=3) as conn:
                conn.execute("SELECT 1")
            _pg_state["reason"] = None
        except Exception as exc:  # any failure to connect means: no server for us
            _pg_state["reason"] = f"PostgreSQL test server {PG_URL} not reachable: {str(exc).strip()[:200]}"
    return _pg_state["reason"]


def require_postgres() -> None:
    reason = postgres_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("NGHISU_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{reason} (NGHISU_REQUIRE_POSTGRES=1)")
    pytest.skip(reason)


class PgSchema:
    """A throw-away schema on the test server."""

    def __init__(self) -> None:
        import psycopg

        self.name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{self.name}"')

    def location(self) -> StoreLocation:
        return StoreLocation(database_url=PG_URL, schema=self.name)

    def migrated(self) -> PgSchema:
        """This schema as a new store of this version (a copy of one migrated once per process)."""
        copy_pg_schema(PG_URL, self.name, PgSchema)
        return self

    def drop(self) -> None:
        """Done with it: dropped, or kept for another test when it is exactly a new store."""
        give_back_pg_schema(PG_URL, self.name)


def pytest_sessionstart(session) -> None:
    """Byte-compile the project once, as installing it does. Hundreds of tests run `nghisu` in
    a fresh process; where the environment says PYTHONDONTWRITEBYTECODE (as on the shared
    machines), each of them otherwise compiled ~100 of our modules from source again (0.1 s of
    CPU a command). Files already compiled and unchanged are skipped."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # the controller does it before the workers start testing
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=2)


def pytest_sessionfinish(session) -> None:
    """The schemas kept for reuse go with the test process that made them."""
    drop_pg_pool(PG_URL)


def pytest_collection_modifyitems(session, config, items) -> None:
    """Modules holding a slow test run first (each module's tests stay together, in their order):
    with several workers (``-n``) the longest tests then start at once, and the quick ones fill
    in at the end, instead of one long test landing last on one worker while the other idles."""
    slow = {item.module for item in items if item.get_closest_marker("slow") and hasattr(item, "module")}
    items.sort(key=lambda item: getattr(item, "module", None) not in slow)


@pytest.fixture(scope="module")
def verification_workers():
    """One verification worker started for a module whose tests verify signatures as they make
    them (``pytestmark = pytest.mark.usefixtures("verification_workers")``), stopped after it."""
    from signing.verify.service import shutdown_workers, start_workers  # noqa: PLC0415 -- only for the modules that use it

    start_workers(n=1)
    yield
    shutdown_workers()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def pg_schema():
    require_postgres()
    schema = PgSchema()
    yield schema
    schema.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path) -> StoreLocation:
    if request.param == "sqlite":
        yield StoreLocation(home=tmp_path / "store")
        return
    schema = request.getfixturevalue("pg_schema")
    yield schema.location()


@pytest.fixture
def store(store_location, clock) -> Store:
    """A new store of this version: a copy of one migrated once per test process
    (``tests.store_templates``); tests of migrations start from ``store_location`` instead."""
    if store_location.shared:
        copy_pg_schema(PG_URL, store_location.schema, PgSchema)
    else:
        copy_sqlite_store(store_location.home)
    st = open_store(store_location, clock=clock)
    yield st
    st.close()
