"""Several desktops adding agenda items at once (issue 11: 4 × 15 on PostgreSQL gave raw
StaleDataErrors and two items at one position): every addition lands, in its own place, and the
database itself refuses two items at one position."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from meetings.agenda import add_agenda_item, move_agenda_item, remove_agenda_item
from meetings.lifecycle import agenda_tree
from store.engine import open_store

DESKTOPS, EACH = 4, 15


def _meeting(store, clock) -> tuple[int, int]:
    from meetings.lifecycle import create_meeting
    from store.directory import create_unit

    with store.uow() as uow:
        unit = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province",
                           official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        meeting = create_meeting(uow, unit_id=unit.id, title="Phiên họp", kind="regular", starts_at=clock.now())
        first = add_agenda_item(uow, meeting.id, title="Khai mạc")
        uow.commit()
    return meeting.id, first.id


def _positions(store, meeting_id: int) -> list[tuple[int | None, int]]:
    with store.read() as s:
        return [tuple(r) for r in s.execute(text("SELECT parent_id, position FROM agenda_items WHERE meeting_id = :m"),
                                             {"m": meeting_id})]


def test_concurrent_additions_on_postgresql_all_land_in_their_own_places(pg_schema, clock):
    main = open_store(pg_schema.migrated().location(), clock=clock)
    meeting_id, first_id = _meeting(main, clock)
    start = threading.Barrier(DESKTOPS)
    failures: list[BaseException] = []

    def desktop(n: int) -> None:
        store = open_store(pg_schema.location(), clock=clock)  # its own engine and connections
        try:
            start.wait(timeout=30)
            for k in range(EACH):
                with store.uow() as uow:
                    # Half at the end of the top level, half at the front of item 1's sub-items.
                    if k % 2:
                        add_agenda_item(uow, meeting_id, title=f"Mục {n}-{k}")
                    else:
                        add_agenda_item(uow, meeting_id, title=f"Mục con {n}-{k}", parent_id=first_id, index=0)
                    uow.commit()
        except BaseException as exc:  # collected, not lost in the thread
            failures.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=desktop, args=(n,)) for n in range(DESKTOPS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(240)
    assert not failures, failures
    positions = _positions(main, meeting_id)
    assert len(positions) == 1 + DESKTOPS * EACH
    assert len(set(positions)) == len(positions), "two items at one position"
    with main.read() as s:
        tree = agenda_tree(s, meeting_id)
    assert len(tree) == 1 + DESKTOPS * (EACH // 2)
    assert len(tree[0].children) == DESKTOPS * (EACH - EACH // 2)
    main.close()


def test_the_database_refuses_two_items_at_one_position(store, clock):
    meeting_id, first_id = _meeting(store, clock)
    with store.uow() as uow:
        add_agenda_item(uow, meeting_id, title="Báo cáo")
        add_agenda_item(uow, meeting_id, title="Tờ trình 1", parent_id=first_id)
        add_agenda_item(uow, meeting_id, title="Tờ trình 2", parent_id=first_id)
        uow.commit()
    for parent, sql in ((None, "UPDATE agenda_items SET position = 0 WHERE parent_id IS NULL AND position = 1"),
                        (first_id, "UPDATE agenda_items SET position = 0 WHERE parent_id = :p AND position = 1")):
        with pytest.raises(IntegrityError), store.engine.begin() as conn:
            conn.execute(text(sql), {"p": parent})


def test_moves_and_removals_still_renumber_under_the_unique_positions(store, clock):
    meeting_id, first_id = _meeting(store, clock)
    with store.uow() as uow:
        ids = [add_agenda_item(uow, meeting_id, title=f"Mục {k}").id for k in range(1, 5)]
        subs = [add_agenda_item(uow, meeting_id, title=f"Con {k}", parent_id=first_id).id for k in range(3)]
        uow.commit()
    with store.uow() as uow:
        move_agenda_item(uow, ids[3], parent_id=None, index=0)  # last to first
        move_agenda_item(uow, subs[0], parent_id=None, index=2)  # a sub-item to the top level
        move_agenda_item(uow, ids[0], parent_id=first_id, index=0)  # a top item under item 1
        remove_agenda_item(uow, ids[1])
        add_agenda_item(uow, meeting_id, title="Chen", index=1)
        uow.commit()
    with store.read() as s:
        tree = agenda_tree(s, meeting_id)
    assert [n.title for n in tree] == ["Mục 4", "Chen", "Khai mạc", "Con 0", "Mục 3"]
    assert [n.title for n in tree[2].children] == ["Mục 1", "Con 1", "Con 2"]
    positions = _positions(store, meeting_id)
    assert len(set(positions)) == len(positions)
