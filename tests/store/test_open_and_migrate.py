"""Opening a store: migrations reach the head; a newer store is refused untouched."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from store.engine import open_store
from store.errors import StoreUnavailable, StoreVersionError
from store.location import StoreLocation, resolve_location
from store.migrate import head_revisions


def test_an_empty_database_is_migrated_to_the_head(store):
    with store.engine.connect() as conn:
        assert set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()) == head_revisions()
        tables = {"units", "persons", "audit_log", "blobs", "meetings", "agenda_items", "meeting_sites", "participants"}
        if store.dialect == "sqlite":
            names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars())
        else:
            names = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars())
        assert tables <= names


def test_reopening_a_store_keeps_its_data(store_location, clock):
    from store.directory import create_unit, list_units

    first = open_store(store_location, clock=clock)
    with first.uow() as uow:
        create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province")
        uow.commit()
    first.close()
    again = open_store(store_location, clock=clock)
    with again.read() as s:
        assert [u.name for u in list_units(s)] == ["Tỉnh Quảng Trị"]
    again.close()


def test_a_store_written_by_a_newer_version_is_refused_and_left_untouched(store_location, clock):
    st = open_store(store_location, clock=clock)
    with st.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    st.close()
    with pytest.raises(StoreVersionError, match="mới hơn") as err:
        open_store(store_location, clock=clock)
    assert "newer" in err.value.en
    st = None
    from sqlalchemy import create_engine

    if store_location.shared:
        eng = create_engine(store_location.database_url.replace("postgresql://", "postgresql+psycopg://"),
                            connect_args={"options": f"-csearch_path={store_location.schema}"})
    else:
        eng = create_engine(f"sqlite:///{store_location.home / 'nghisu.sqlite3'}")
    with eng.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "9999_from_the_future"
    eng.dispose()


def test_the_embedded_store_uses_wal_and_foreign_keys(tmp_path, clock):
    st = open_store(StoreLocation(home=tmp_path / "s"), clock=clock)
    with st.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000
    assert (tmp_path / "s" / "nghisu.sqlite3").exists()
    st.close()


def test_an_unreachable_server_is_a_plain_message(clock):
    with pytest.raises(StoreUnavailable) as err:
        open_store(StoreLocation(database_url="postgresql://nobody@127.0.0.1:1/none"), clock=clock)
    assert "Không mở được kho dữ liệu" in str(err.value)
    assert "Traceback" not in str(err.value)


def test_location_resolution_prefers_arguments_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NGHISU_HOME", str(tmp_path / "env-home"))
    monkeypatch.delenv("NGHISU_DATABASE_URL", raising=False)
    assert resolve_location().home == tmp_path / "env-home"
    assert resolve_location(store_dir=tmp_path / "arg").home == tmp_path / "arg"
    monkeypatch.setenv("NGHISU_DATABASE_URL", "postgresql://u@h/db")
    assert resolve_location().database_url == "postgresql://u@h/db"
    assert resolve_location(store_dir=tmp_path / "arg").database_url is None
