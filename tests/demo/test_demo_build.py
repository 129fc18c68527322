"""The whole demo (``demo.build``): what ``nghisu demo`` and the first-start assistant both make.

In a folder, it is made beside the store's folder and moved in only when whole: a Cancel or an
error leaves the folder exactly as it was (missing, empty, or an empty store), with nothing
beside it; a store with units is left alone; a folder of something else is refused. Its steps
are said in the plan's order and its progress only goes up. In a store (the CLI's way, either
backend) a Cancel stops between two steps.

Made to the end, the demo is slow (about 45 s): that is the assistant's one test
(``tests/ui/test_first_start.py``) and the CLI's cached build (``tests/ui/conftest.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo.build import build_demo, build_demo_folder
from demo.progress import PERMILLE, PLAN, DemoCancelled, DemoStep, DemoSteps
from meetings.lifecycle import list_meetings
from store.clock import FixedClock
from store.directory import create_unit, list_units
from store.engine import open_store
from store.errors import NghisuError, StoreNotFound
from store.location import StoreLocation
from tests.conftest import START


def listing(folder: Path) -> list[tuple[str, int]]:
    """Every file and folder under ``folder`` (the store's and its siblings), with file sizes."""
    return sorted((str(p.relative_to(folder)), p.stat().st_size if p.is_file() else -1) for p in folder.rglob("*"))


def stopping_once(key: str) -> tuple[DemoSteps, list[DemoStep]]:
    """Steps that hear everything and are cancelled as soon as ``key`` has begun."""
    seen: list[DemoStep] = []
    return DemoSteps(seen.append, lambda: any(s.key == key for s in seen)), seen


@pytest.mark.parametrize(("before", "stop_at"), [("missing", "outgoing"), ("empty folder", "meetings"),
                                                 ("empty store", "meetings")])
def test_cancel_leaves_the_folder_as_it_was(tmp_path, before, stop_at):
    home = tmp_path / "kho"
    if before == "empty folder":
        home.mkdir()
    elif before == "empty store":
        open_store(StoreLocation(home=home), create=True).close()
    was = listing(tmp_path)
    steps, seen = stopping_once(stop_at)

    with pytest.raises(DemoCancelled) as cancelled:
        build_demo_folder(home, steps=steps, clock=FixedClock(START))

    assert listing(tmp_path) == was  # nothing in the folder, nothing left beside it
    assert "\n" not in str(cancelled.value) and "hủy" in cancelled.value.message("vi")
    keys = [s.key for s in seen]
    plan = [k for k, _ in PLAN]
    assert keys[0] == "directory" and keys[-1] == stop_at
    assert sorted(set(keys), key=plan.index) == list(dict.fromkeys(keys))  # in the plan's order
    permille = [s.permille for s in seen]
    assert permille == sorted(permille) and 0 < permille[-1] < PERMILLE // 2
    if stop_at == "outgoing":
        assert [s.unit for s in seen if s.key == "outgoing"][0] == "UBND tỉnh Quảng Trị"


def test_a_store_with_units_is_left_as_it_is(tmp_path):
    home = tmp_path / "kho"
    store = open_store(StoreLocation(home=home), create=True)
    with store.uow() as uow:
        create_unit(uow, code="HT", name="Tỉnh Hà Tĩnh", level="province", official_name="Ủy ban nhân dân tỉnh Hà Tĩnh",
                    place_name="Hà Tĩnh")
        uow.commit()
    store.close()
    was = listing(tmp_path)

    folder = build_demo_folder(home, clock=FixedClock(START))

    assert (folder.made, folder.clerk_id) == (False, None)
    assert listing(tmp_path) == was


def test_a_folder_of_something_else_is_refused_and_untouched(tmp_path):
    home = tmp_path / "tai-lieu"
    home.mkdir()
    (home / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    was = listing(tmp_path)

    with pytest.raises(StoreNotFound):
        build_demo_folder(home, clock=FixedClock(START))
    assert listing(tmp_path) == was


def test_a_folder_that_cannot_be_made_is_one_line_and_leaves_nothing(tmp_path):
    (tmp_path / "tep").write_text("một tệp, không phải thư mục", encoding="utf-8")
    was = listing(tmp_path)

    with pytest.raises(NghisuError) as refused:
        build_demo_folder(tmp_path / "tep" / "kho", clock=FixedClock(START))
    assert "\n" not in str(refused.value) and "dữ liệu mẫu" in refused.value.message("vi")
    assert "demo" in refused.value.message("en")
    assert listing(tmp_path) == was


def test_in_a_store_a_cancel_stops_between_two_steps(store):
    steps, seen = stopping_once("meetings")

    with pytest.raises(DemoCancelled):
        build_demo(store, steps=steps)

    with store.read() as s:
        assert list_units(s) and list_meetings(s)  # what was made before is there, in its own writes
    assert [s.key for s in seen] == ["directory", "meetings"]
