"""Follow the chair: in one process on both backends, and across two processes on PostgreSQL
(a follower's page changes within one second of the chair's move)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from meetings.agenda import add_agenda_item
from meetings.lifecycle import change_status, create_meeting
from meetings.live.follow import Follower, current_position, set_presenter_position
from meetings.sites import add_participant
from store.clock import VN_TZ
from store.directory import create_person, create_unit
from store.engine import open_store
from store.errors import InvalidInput, PermissionDenied
from tests.meetings.test_attendance import live_setup

ROOT = Path(__file__).resolve().parents[2]


def _wait_for(follower_positions: list, predicate, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if any(predicate(p) for p in follower_positions):
            return True
        time.sleep(0.02)
    return False


def test_followers_see_the_chairs_page_and_can_stop_and_rejoin(store, province, meeting):
    with store.uow(province.secretary) as uow:
        item = add_agenda_item(uow, meeting.id, title="Báo cáo tình hình kinh tế - xã hội", planned_minutes=20)
        uow.commit()
    live = live_setup(store, province, meeting)
    seen: list = []
    with Follower(store, live.meeting_id, seen.append, poll_interval=0.05) as follower:
        with store.uow(live.chair) as uow:
            set_presenter_position(uow, live.meeting_id, item.id, None, 3)
            uow.commit()
        assert _wait_for(seen, lambda p: p.page == 3)
        follower.pause()
        with store.uow(live.chair) as uow:
            set_presenter_position(uow, live.meeting_id, item.id, None, 4)
            uow.commit()
        time.sleep(0.3)
        assert [p.page for p in seen] == [3]  # browsing alone: moves are not pushed
        assert follower.rejoin().page == 4
        assert [p.page for p in seen] == [3, 4]
        with store.uow(live.secretary) as uow:
            set_presenter_position(uow, live.meeting_id, item.id, None, 5)
            uow.commit()
        assert _wait_for(seen, lambda p: p.page == 5)
    with store.read() as s:
        assert current_position(s, live.meeting_id).seq == 3
    with pytest.raises(PermissionDenied), store.uow(live.members[0]) as uow:
        set_presenter_position(uow, live.meeting_id, item.id, None, 1)  # a member does not lead
    with pytest.raises(InvalidInput), store.uow(live.chair) as uow:
        set_presenter_position(uow, live.meeting_id, item.id, None, 0)


FOLLOWER_SCRIPT = r"""
import json, sys, time
from store.engine import open_store
from store.location import StoreLocation
from meetings.live.follow import Follower
url, schema, meeting_id, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = open_store(StoreLocation(database_url=url, schema=schema))
def show(p):
    print(json.dumps({"page": p.page, "seq": p.seq, "sent_at": p.sent_at, "seen_at": p.seen_at}), flush=True)
follower = Follower(store, meeting_id, show).start()
print("READY", flush=True)
for i, p in enumerate(follower.positions(timeout=20)):
    if p.page == wanted:
        break
follower.stop()
store.close()
"""


@pytest.mark.slow
def test_a_follower_in_another_process_sees_the_page_change_within_one_second(pg_schema, clock, record_property):
    store = open_store(pg_schema.migrated().location(), clock=clock)
    try:
        with store.uow() as uow:
            qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
            chair = create_person(uow, full_name="Nguyễn Văn Minh", position="Chủ tịch UBND tỉnh", unit_id=qt.id)
            m = create_meeting(uow, unit_id=qt.id, title="Phiên họp", kind="regular",
                               starts_at=datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ))
            add_participant(uow, m.id, chair.id, "chair")
            item = add_agenda_item(uow, m.id, title="Báo cáo", planned_minutes=20)
            for st in ("published", "in_progress"):
                change_status(uow, m.id, st)
            set_presenter_position(uow, m.id, item.id, None, 1)
            uow.commit()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        loc = pg_schema.location()
        child = subprocess.Popen([sys.executable, "-c", FOLLOWER_SCRIPT, loc.database_url, loc.schema, str(m.id), "8"],
                                 cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "READY", child.stderr.read()
            first = json.loads(child.stdout.readline())
            assert first["page"] == 1  # a follower starts where the chair is
            latencies, wall = [], []
            for page in range(2, 9):
                before = time.time()
                with store.uow(chair.id) as uow:
                    set_presenter_position(uow, m.id, item.id, None, page)
                    uow.commit()
                line = json.loads(child.stdout.readline())
                assert line["page"] == page
                latencies.append(line["seen_at"] - line["sent_at"])
                wall.append(line["seen_at"] - before)
            child.wait(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
        record_property("follow_latency_ms", [round(x * 1000, 1) for x in latencies])
        print(f"follow latency NOTIFY→seen (ms): {[round(x * 1000, 1) for x in latencies]}; "
              f"move→seen incl. commit (ms): {[round(x * 1000, 1) for x in wall]}")
        assert max(latencies) < 1.0 and max(wall) < 1.0
    finally:
        store.close()
