"""Opening a store: migrations reach the head; a newer store is refused untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from store.engine import open_store
from store.errors import StoreUnavailable, StoreVersionError
from store.location import StoreLocation, resolve_location
from store.migrate import head_revisions, known_revisions


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

    first = open_store(store_location, clock=clock, create=True)
    with first.uow() as uow:
        create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        uow.commit()
    first.close()
    again = open_store(store_location, clock=clock, create=True)
    with again.read() as s:
        assert [u.name for u in list_units(s)] == ["Tỉnh Quảng Trị"]
    again.close()


def test_a_store_written_by_a_newer_version_is_refused_and_left_untouched(store_location, clock):
    st = open_store(store_location, clock=clock, create=True)
    with st.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    st.close()
    with pytest.raises(StoreVersionError, match="mới hơn") as err:
        open_store(store_location, clock=clock, create=True)
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
    st = open_store(StoreLocation(home=tmp_path / "s"), clock=clock, create=True)
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


def _engine_of(location):
    from sqlalchemy import create_engine, event

    if location.shared:
        return create_engine(location.database_url.replace("postgresql://", "postgresql+psycopg://"),
                             connect_args={"options": f"-csearch_path={location.schema}"})
    location.home.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{location.home / 'nghisu.sqlite3'}")
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA foreign_keys=ON"))
    return engine


def test_a_store_from_before_the_map_keeps_its_units_on_the_2019_scheme(store_location, clock):
    """A store written by the previous version (revision 0006, fixed three levels) migrates
    with nothing lost: its units keep their levels on the 2019 scheme, and the names the old
    code derived at run time become data."""
    from alembic import command
    from alembic.config import Config

    from store.directory import current_scheme, get_unit, list_persons, list_units
    from store.migrate import MIGRATIONS_DIR

    engine = _engine_of(store_location)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006_ballot_box")
        for uid, code, name, level, parent in ((1, "QT", "Tỉnh Quảng Trị", "province", None),
                                               (2, "VL", "Huyện Vĩnh Linh", "district", 1),
                                               (3, "HX", "Thị xã Quảng Trị", "district", 1),
                                               (4, "VG", "Xã Vĩnh Giang", "commune", 2)):
            conn.execute(text("INSERT INTO units (id, code, name, level, parent_id, version) "
                              "VALUES (:i, :c, :n, :l, :p, 1)"), {"i": uid, "c": code, "n": name, "l": level, "p": parent})
        conn.execute(text("INSERT INTO persons (id, full_name, position, unit_id, email, active, version) "
                          "VALUES (1, 'Võ Thanh Tùng', 'Chủ tịch UBND huyện', 2, 'tung@vl.gov.vn', true, 1)"))
        conn.execute(text("INSERT INTO meetings (id, unit_id, title, kind, starts_at, location, status, created_at, "
                          "version) VALUES (1, 2, 'Hội nghị chuyển đổi số', 'thematic', '2025-03-05 01:00:00', '', "
                          "'closed', '2025-03-01 01:00:00', 1)"))
    engine.dispose()
    st = open_store(store_location, clock=clock, create=True)
    try:
        with st.read() as s:
            assert current_scheme(s).code == "2019"
            units = {u.code: u for u in list_units(s)}
            assert {(u.code, u.scheme, u.level, u.parent_id) for u in units.values()} == {
                ("QT", "2019", "province", None), ("VL", "2019", "district", 1), ("HX", "2019", "district", 1),
                ("VG", "2019", "commune", 2)}
            assert (units["VL"].official_name, units["VL"].short_name, units["VL"].place_name) == (
                "Ủy ban nhân dân huyện Vĩnh Linh", "UBND huyện Vĩnh Linh", "Vĩnh Linh")
            assert units["HX"].place_name == "Quảng Trị" and units["QT"].abbreviation == "UBND"
            assert get_unit(s, 4).kind == "administrative"
            assert [(p.full_name, p.unit_id) for p in list_persons(s)] == [("Võ Thanh Tùng", 2)]
            assert s.execute(text("SELECT title, unit_id FROM meetings")).all() == [("Hội nghị chuyển đổi số", 2)]
    finally:
        st.close()


def test_the_map_migration_goes_down_and_up_again_keeping_the_units(store_location, clock):
    from alembic import command
    from alembic.config import Config

    from store.directory import create_unit, list_units
    from store.migrate import MIGRATIONS_DIR, upgrade_to_head

    st = open_store(store_location, clock=clock, create=True)
    try:
        with st.uow() as uow:
            create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", official_name="UBND tỉnh Quảng Trị",
                        place_name="Quảng Trị")
            uow.commit()
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with st.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006_ballot_box")
        with st.engine.connect() as conn:
            assert conn.execute(text("SELECT code, name, level FROM units")).all() == [("QT", "Tỉnh Quảng Trị", "province")]
        with st.engine.begin() as conn:
            upgrade_to_head(conn)
        with st.read() as s:
            assert [(u.code, u.scheme, u.official_name) for u in list_units(s)] == [
                ("QT", "2019", "Ủy ban nhân dân tỉnh Quảng Trị")]
    finally:
        st.close()


def test_a_store_that_refuses_writes_midway_says_read_only_not_network(tmp_path, clock):
    """Media can turn read-only under an open store (a remount, a full snapshot): SQLite then
    answers "attempt to write a readonly database", which is not a lost connection."""
    from sqlalchemy import event

    from store.directory import create_unit
    from store.errors import StoreReadOnly

    st = open_store(StoreLocation(home=tmp_path / "s"), clock=clock, create=True)
    try:
        st.engine.dispose()
        event.listen(st.engine, "connect", lambda conn, _: conn.execute("PRAGMA query_only=ON"))
        with pytest.raises(StoreReadOnly) as err, st.uow() as uow:
            create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", official_name="UBND tỉnh Quảng Trị",
                        place_name="Quảng Trị")
            uow.commit()
        assert "chỉ đọc" in err.value.vi and "mạng" not in err.value.vi and "network" not in err.value.en
    finally:
        st.close()


def test_the_revisions_read_from_the_migration_files_are_alembics():
    """A store at the head opens without Alembic: the revisions and heads read from the files'
    own lines must be the ones Alembic's revision map gives."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from store.migrate import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
    assert head_revisions() == set(script.get_heads()) and len(known_revisions()) >= 18


def test_opening_a_store_at_the_head_needs_no_alembic(tmp_path):
    import subprocess
    import sys

    open_store(StoreLocation(home=tmp_path / "s"), create=True).close()
    probe = ("import sys; from store.engine import open_store; from store.location import StoreLocation; "
             f"open_store(StoreLocation(home=__import__('pathlib').Path({str(tmp_path / 's')!r}))).close(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.strip() == "[]"
