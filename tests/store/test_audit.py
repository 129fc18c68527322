"""The audit log is append-only and its hash chain names the first tampered row."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from store.audit import verify_audit_chain
from store.directory import create_unit


def write_rows(store, n: int = 5) -> None:
    with store.uow() as uow:
        for i in range(n):
            create_unit(uow, code=f"P{i}", name=f"Tỉnh thứ {i}", level="province", official_name=f"Ủy ban nhân dân tỉnh thứ {i}", place_name=f"thứ {i}")
        uow.commit()


def verdict(store):
    with store.read() as s:
        return verify_audit_chain(s)


def drop_guard(store) -> None:
    """What an attacker with the schema owner's rights would do first."""
    with store.engine.begin() as conn:
        if store.dialect == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")


def test_an_untouched_chain_verifies(store):
    write_rows(store)
    v = verdict(store)
    assert v.ok and v.rows_checked == 5


def test_the_database_refuses_to_update_or_delete_audit_rows(store):
    write_rows(store, 1)
    for stmt in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(stmt))


def test_an_edited_row_is_named(store):
    write_rows(store)
    drop_guard(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor_name = 'Kẻ giả mạo' WHERE seq = 3"))
    v = verdict(store)
    assert not v.ok and v.first_bad_seq == 3
    assert "đã bị sửa" in v.problem_vi and "edited" in v.problem_en


def test_a_deleted_row_is_named(store):
    write_rows(store)
    drop_guard(store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    v = verdict(store)
    assert not v.ok and v.first_bad_seq == 2 and "deleted" in v.problem_en


def test_deleting_the_newest_rows_is_detected(store):
    write_rows(store)
    drop_guard(store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq >= 4"))
    v = verdict(store)
    assert not v.ok and v.first_bad_seq == 4


def test_reordered_rows_are_detected(store):
    write_rows(store)
    drop_guard(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET seq = -2 WHERE seq = 2"))
        conn.execute(text("UPDATE audit_log SET seq = 2 WHERE seq = 3"))
        conn.execute(text("UPDATE audit_log SET seq = 3 WHERE seq = -2"))
    v = verdict(store)
    assert not v.ok and v.first_bad_seq == 2


def test_audit_rows_roll_back_with_the_change_they_describe(store):
    with store.uow() as uow:
        create_unit(uow, code="X", name="Tỉnh X", level="province", official_name="Ủy ban nhân dân tỉnh X", place_name="X")
        # no commit
    assert verdict(store).rows_checked == 0
