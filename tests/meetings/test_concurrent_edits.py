"""Two desktops save the same agenda item at the same moment on the shared store."""

from __future__ import annotations

import threading

import pytest

from meetings.agenda import add_agenda_item, edit_agenda_item
from meetings.lifecycle import agenda_tree
from store.engine import open_store
from store.errors import ConflictError


@pytest.fixture
def shared_store(pg_schema, clock):
    st = open_store(pg_schema.migrated().location(), clock=clock)
    yield st
    st.close()


def test_two_sessions_racing_on_postgres_one_wins_the_other_gets_the_conflict(shared_store, pg_schema, clock):
    from meetings.lifecycle import create_meeting
    from store.directory import create_person, create_unit

    with shared_store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        a = create_person(uow, full_name="Nguyễn Văn Minh", position="Chủ tịch", unit_id=qt.id)
        b = create_person(uow, full_name="Phạm Thị Ngọc Ánh", position="Thư ký", unit_id=qt.id)
        m = create_meeting(uow, unit_id=qt.id, title="Phiên họp", kind="regular", starts_at=clock.now())
        item = add_agenda_item(uow, m.id, title="Khai mạc")
        uow.commit()

    # A second desktop: its own engine and connection pool on the same database.
    other = open_store(pg_schema.location(), clock=clock)
    both_loaded = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def desktop(name: str, store, actor: int, title: str) -> None:
        try:
            with store.uow(actor) as uow:
                # Both read version 1, then both try to write it.
                uow.session.get(type_of_item(), item.id)
                both_loaded.wait(timeout=10)
                edit_agenda_item(uow, item.id, expected_version=item.version, title=title)
                uow.commit()
            outcome[name] = "saved"
        except ConflictError as exc:
            outcome[name] = exc

    t1 = threading.Thread(target=desktop, args=("A", shared_store, a.id, "Khai mạc — bản của A"))
    t2 = threading.Thread(target=desktop, args=("B", other, b.id, "Khai mạc — bản của B"))
    t1.start(), t2.start()
    t1.join(20), t2.join(20)
    other.close()

    winners = [k for k, v in outcome.items() if v == "saved"]
    losers = [v for v in outcome.values() if isinstance(v, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1, outcome
    winner_title = "Khai mạc — bản của " + winners[0]
    loser = losers[0]
    # The loser's change is not written, but it is not lost either: the error carries it.
    assert loser.attempted["title"] != winner_title and loser.attempted["title"].startswith("Khai mạc — bản của")
    assert loser.changed_by in ("Nguyễn Văn Minh", "Phạm Thị Ngọc Ánh")
    with shared_store.read() as s:
        assert agenda_tree(s, m.id)[0].title == winner_title


def type_of_item():
    from meetings.models import AgendaItem

    return AgendaItem
