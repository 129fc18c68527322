"""The demo's incoming registers: numbered without gaps through the register, handled over the
year (assigned, mostly done, a few overdue), and left alone when run again."""

from __future__ import annotations

from datetime import datetime

from demo.register import create_demo_registers
from demo.store import create_demo
from register.incoming.lists import IncomingFilter, count_incoming, deadline_counts, list_incoming
from store.clock import VN_TZ, FixedClock
from store.directory import find_unit_by_code
from store.engine import open_store
from store.location import StoreLocation


def test_a_year_of_registers_for_the_province_and_two_wards(tmp_path):
    now = datetime(2026, 12, 3, 9, 0, tzinfo=VN_TZ)
    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(now), create=True)
    try:
        create_demo(store, with_materials=False)
        made = create_demo_registers(store, province_entries=24, ward_entries=6)
        assert made.entries == {"QT": 24, "QT-DHOI": 6, "QT-VLINH": 6}
        with store.read() as s:
            qt = find_unit_by_code(s, "QT")
            entries = list_incoming(s, IncomingFilter(unit_id=qt.id), limit=100)
            assert sorted(e.number for e in entries) == list(range(1, 25))  # from the register, no gap
            assert entries[-1].received_on.month < entries[0].received_on.month  # spread over the year
            assert any(e.status == "done" for e in entries) and any(e.handler_name for e in entries)
            overdue = count_incoming(s, IncomingFilter(unit_id=qt.id, overdue_on=now.date()))
            assert deadline_counts(s, qt.id, now.date())[-1].overdue == overdue == made.overdue["QT"]
            # Each ward's own people, named as people are: not the same trio with the ward's name appended.
            handlers = {}
            for code in ("QT-DHOI", "QT-VLINH"):
                ward = find_unit_by_code(s, code)
                names = {e.handler_name for e in list_incoming(s, IncomingFilter(unit_id=ward.id), limit=100)} - {""}
                assert names and not any(ward.place_name in n for n in names), names
                handlers[code] = names
            assert not handlers["QT-DHOI"] & handlers["QT-VLINH"]
        assert create_demo_registers(store, province_entries=24, ward_entries=6).entries == {}  # run again: nothing
    finally:
        store.close()
