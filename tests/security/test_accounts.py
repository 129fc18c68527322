"""People's own logins (shared store), clearances and unit roles (both backends)."""

from __future__ import annotations

import psycopg
import pytest

from store.accounts import (
    LoginDisabled,
    LoginRefused,
    change_my_password,
    clearance_of,
    create_login,
    current_person,
    disable_login,
    enable_login,
    grant_unit_role,
    open_as_person,
    set_clearance,
    unit_roles_of,
)
from store.directory import create_person, create_unit
from store.engine import open_store
from store.errors import InvalidInput, PermissionDenied, StoreUnavailable
from tests.conftest import PG_URL
from tests.security import PASSWORD


@pytest.fixture
def people(store):
    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        a = create_person(uow, full_name="Nguyễn Thị Hoa", position="Chuyên viên", unit_id=qt.id)
        b = create_person(uow, full_name="Đặng Văn Bình", position="Quản trị", unit_id=qt.id)
        uow.commit()
    return qt.id, a.id, b.id


def test_clearance_and_unit_roles_are_kept_per_person(store, people):
    qt, a, _ = people
    with store.uow() as uow:
        assert clearance_of(uow.session, a) == "thuong"  # the default
        set_clearance(uow, a, "toi_mat")
        grant_unit_role(uow, a, qt, "organiser")
        grant_unit_role(uow, a, qt, "organiser")  # once is enough
        with pytest.raises(InvalidInput, match="không hợp lệ"):
            set_clearance(uow, a, "secret")
        uow.commit()
    with store.read() as s:
        assert clearance_of(s, a) == "toi_mat" and unit_roles_of(s, a) == [(qt, "organiser")]


def test_an_embedded_store_has_no_logins_and_says_why(tmp_path, clock):
    from store.location import StoreLocation

    st = open_store(StoreLocation(home=tmp_path), clock=clock, create=True)
    try:
        with st.uow() as uow:
            qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
            p = create_person(uow, full_name="Nguyễn Thị Hoa", position="Chuyên viên", unit_id=qt.id)
            with pytest.raises(InvalidInput, match="ai mở được thư mục kho"):
                create_login(uow, p.id, PASSWORD)
    finally:
        st.close()


@pytest.fixture
def pg(pg_schema, clock):
    st = open_store(pg_schema.migrated().location(), clock=clock)
    made: list[str] = []
    yield st, made
    st.close()
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        for role in made:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _people(st):
    with st.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        a = create_person(uow, full_name="Nguyễn Thị Hoa", position="Chuyên viên", unit_id=qt.id)
        b = create_person(uow, full_name="Đặng Văn Bình", position="Quản trị", unit_id=qt.id)
        uow.commit()
    return a.id, b.id


def test_a_login_is_a_role_with_only_a_scram_verifier_and_can_be_switched_off(pg, clock):
    st, made = pg
    a, admin = _people(st)
    with st.uow() as uow:
        login = create_login(uow, a, PASSWORD)
        made.append(login.role_name)
        made.append(create_login(uow, admin, PASSWORD, admin=True).role_name)
        uow.commit()
    with psycopg.connect(PG_URL) as conn:
        canlogin, stored = conn.execute("SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = %s",
                                        (login.role_name,)).fetchone()
        member = conn.execute("SELECT pg_has_role(%s, 'nghisu_desktop', 'MEMBER')", (login.role_name,)).fetchone()[0]
    assert canlogin and member and stored.startswith("SCRAM-SHA-256$") and PASSWORD not in stored

    person = open_as_person(st.location, login.role_name, PASSWORD, clock=clock)
    try:
        with person.uow(a) as uow, pytest.raises(PermissionDenied, match="quản trị viên"):
            create_login(uow, admin, PASSWORD, role_name=f"{login.role_name}_x")  # a person cannot make logins
        with person.uow(a) as uow:
            change_my_password(uow, "Một-mật-khẩu-mới-2027")
            uow.commit()
        with psycopg.connect(PG_URL) as conn:
            assert conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                                (login.role_name,)).fetchone()[0] != stored
        admin_store = open_as_person(st.location, made[1], PASSWORD, clock=clock)
        try:
            with admin_store.uow(admin) as uow:  # an administrator switches the login off
                disable_login(uow, a)
                uow.commit()
        finally:
            admin_store.close()
        try:  # a session opened before: ended by the server, or mapped to nobody from now on
            with person.read() as s:
                still = current_person(s)
        except StoreUnavailable:
            still = None
        assert still is None
    finally:
        person.close()
    with pytest.raises(LoginDisabled) as err:
        open_as_person(st.location, login.role_name, PASSWORD, clock=clock)
    assert "đã bị khóa" in err.value.vi
    with st.uow() as uow:
        enable_login(uow, a)
        uow.commit()
    open_as_person(st.location, login.role_name, PASSWORD, clock=clock).close()


def test_an_unknown_login_gets_the_same_words_as_a_wrong_password(pg, clock):
    st, _ = pg
    with pytest.raises(LoginRefused) as err:
        open_as_person(st.location, "khong_co_ai_nhu_vay", "sai-mat-khau", clock=clock)
    assert str(err.value) == ("Tên đăng nhập hoặc mật khẩu không đúng; hãy nhập lại. — "
                              "The login name or password is wrong; type them again.")


def test_the_schema_owner_is_not_accepted_as_a_person(pg, clock):
    st, _ = pg
    with pytest.raises(LoginDisabled, match="không thuộc về một cán bộ"):
        open_as_person(st.location, "postgres", "", clock=clock)


def test_the_commands_make_keys(pg_schema, tmp_path, capsys):
    import argparse

    from ui.cli import CliContext
    from ui.commands import directory, security

    parser = argparse.ArgumentParser(prog="nghisu")
    parser.add_argument("--store")
    parser.add_argument("--database-url")
    sub = parser.add_subparsers(dest="command")
    directory.register(sub)
    security.register(sub)  # adds its actions to the directory's `people`

    def run(*argv):
        args = parser.parse_args(["--database-url", PG_URL, *argv])
        ctx = CliContext(args)
        ctx._store = open_store(pg_schema.location())
        try:
            return args.handler(args, ctx)
        finally:
            ctx.close()

    st = open_store(pg_schema.migrated().location())
    try:
        a, _ = _people(st)
    finally:
        st.close()
    secret = tmp_path / "passphrase.txt"
    secret.write_text("cụm mật khẩu đủ dài\n", encoding="utf-8")
    assert run("keys", "init", "--as", str(a), "--passphrase-file", str(secret)) == 0
    assert "dấu vân tay" in capsys.readouterr().out
    assert parser.parse_args(["people"]).handler.__name__ == "run_people"  # the listing still works
