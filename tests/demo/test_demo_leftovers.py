"""Build folders a demo build killed outright left behind (``demo.leftovers``): the next build
into the same parent folder removes them, and only those no live build holds: our name, our
marker, and its lock free. A real child process is killed with SIGKILL in the middle of a build;
a live child holding a folder's lock keeps it."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from demo.build import MAKING, build_demo_folder, sweep_leftovers
from demo.leftovers import MARKER
from demo.progress import DemoCancelled, DemoSteps
from store.clock import FixedClock
from tests.conftest import START

ROOT = Path(__file__).resolve().parents[2]


def _child(code: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True, env=env)


def _making(parent: Path) -> list[Path]:
    return sorted(p for p in parent.iterdir() if ".dang-tao-du-lieu-mau-" in p.name)


def test_a_build_killed_outright_is_removed_by_the_next_one(tmp_path):
    home = tmp_path / "kho"
    # The child builds the demo and stops dead at its first step, as a power cut would.
    child = _child(f"""
        import sys, time
        from pathlib import Path
        from demo.build import build_demo_folder
        from demo.progress import DemoSteps
        def hang(step):
            print("building", flush=True)
            time.sleep(120)
        build_demo_folder(Path({str(home)!r}), steps=DemoSteps(hang))
    """)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "building"
        (left,) = _making(tmp_path)
        marker = json.loads((left / MARKER).read_text(encoding="utf-8"))
        assert marker["pid"] == child.pid and marker["started"]
        assert sweep_leftovers(home) == "" and left.is_dir()  # alive: its lock is held, nothing removed
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert left.is_dir()  # kill -9: the folder stays behind
    line = sweep_leftovers(home)
    assert not left.exists() and "\n" not in line
    assert line.startswith("Đã xóa 1 thư mục dữ liệu mẫu dở dang") and f"tiến trình {child.pid}" in line


def test_the_next_build_sweeps_and_a_live_builders_folder_stays(tmp_path):
    home = tmp_path / "kho"
    prefix = MAKING.format(name=home.name)
    dead, alive, bare = (tmp_path / f"{prefix}{h}" for h in ("0000dead", "0000a11e", "000000ba"))
    for folder in (dead, alive):
        folder.mkdir()
        (folder / MARKER).write_text(json.dumps({"pid": 999999, "started": "2026-12-04T06:00:00+0000"}), "utf-8")
        (folder / "nghisu.sqlite3").write_bytes(b"half")
    bare.mkdir()  # our name, no marker: just made, or not ours; left alone
    stranger = tmp_path / "du-lieu-khac"
    stranger.mkdir()
    (stranger / MARKER).write_text(json.dumps({"pid": 1, "started": "x"}), "utf-8")  # not our name: left alone
    holder = _child(f"""
        import fcntl, time
        handle = open({str(alive / MARKER)!r})
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        print("held", flush=True)
        time.sleep(120)
    """)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        steps = DemoSteps(lambda _s: None, lambda: True)  # the next build, cancelled at once
        with pytest.raises(DemoCancelled):
            build_demo_folder(home, steps=steps, clock=FixedClock(START))
        assert not dead.exists()
        assert alive.is_dir() and (alive / "nghisu.sqlite3").read_bytes() == b"half"
        assert bare.is_dir() and stranger.is_dir()
        assert _making(tmp_path) == sorted([alive, bare])  # the cancelled build left nothing either
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert "0000a11e" in sweep_leftovers(home) and not alive.exists() and bare.is_dir()


def test_a_marker_that_is_not_ours_is_left(tmp_path):
    home = tmp_path / "kho"
    folder = tmp_path / f"{MAKING.format(name='kho')}0000beef"
    folder.mkdir()
    (folder / MARKER).write_text("not json", "utf-8")
    assert sweep_leftovers(home) == "" and folder.is_dir()


def test_our_own_build_holds_its_folder_against_a_sweep_in_the_same_process(tmp_path):
    """flock locks belong to the open file: a sweep from another thread of the builder's own
    process cannot take a live build's lock either."""
    home = tmp_path / "kho"
    seen: list[bool] = []

    def look(_step) -> None:
        if not seen:
            sweep_leftovers(home)
            seen.append(all((p / MARKER).is_file() for p in _making(tmp_path)) and bool(_making(tmp_path)))

    with pytest.raises(DemoCancelled):
        build_demo_folder(home, steps=DemoSteps(look, lambda: bool(seen)), clock=FixedClock(START))
    assert seen == [True] and _making(tmp_path) == []
    assert fcntl  # POSIX: the module the claim uses
