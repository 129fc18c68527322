"""The command line contract: demo, units, meetings, audit verify, and plain errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def nghisu(*args: str, store: Path | None = None, check: bool = True, timeout: int = 120) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "ui.cli"] + (["--store", str(store)] if store else []) + list(args)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGHISU_")}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, cli_demo) -> Path:
    return cli_demo(tmp_path_factory.mktemp("demo"), "2019")


def test_demo_twice_creates_nothing_new(demo_store):
    units = json.loads(nghisu("units", "--json", store=demo_store).stdout)
    meetings = json.loads(nghisu("meetings", "list", "--json", store=demo_store).stdout)
    again = nghisu("demo", "--scheme", "2019", store=demo_store).stdout
    assert "mới tạo 0" in again
    assert json.loads(nghisu("units", "--json", store=demo_store).stdout) == units
    assert json.loads(nghisu("meetings", "list", "--json", store=demo_store).stdout) == meetings


def test_units_cover_quang_tri_at_three_levels(demo_store):
    units = json.loads(nghisu("units", "--json", store=demo_store).stdout)
    assert set(units[0]) == {"id", "code", "name", "level", "parent_id", "scheme", "kind", "official_name", "short_name",
                             "place_name", "abbreviation", "identifier", "valid_from", "valid_to", "successor_id"}
    by_name = {u["name"]: u for u in units}
    assert by_name["Tỉnh Quảng Trị"]["level"] == "province"
    districts = {"Huyện Vĩnh Linh", "Huyện Đakrông", "Huyện Hải Lăng", "Huyện Gio Linh", "Huyện Cam Lộ"}
    assert districts <= set(by_name)
    for name in districts:
        d = by_name[name]
        assert d["parent_id"] == by_name["Tỉnh Quảng Trị"]["id"]
        assert sum(1 for u in units if u["parent_id"] == d["id"] and u["level"] == "commune") >= 3
    assert by_name["Xã Vĩnh Giang"]["parent_id"] == by_name["Huyện Vĩnh Linh"]["id"]


def test_the_provincial_meeting_shows_sites_at_two_levels_and_a_numbered_agenda(demo_store):
    meetings = json.loads(nghisu("meetings", "list", "--json", store=demo_store).stdout)
    assert set(meetings[0]) == {"id", "title", "unit_id", "status", "starts_at"}
    assert len({m["unit_id"] for m in meetings}) >= 3
    provincial = next(m for m in meetings if "UBND tỉnh" in m["title"] and m["status"] == "draft")
    shown = json.loads(nghisu("meetings", "show", str(provincial["id"]), "--json", store=demo_store).stdout)
    assert shown["unit"]["name"] == "Tỉnh Quảng Trị"
    assert {s["level"] for s in shown["sites"]} == {"district", "commune"}
    assert {"unit_id", "name", "level"} <= set(shown["sites"][0])
    numbers = [shown["agenda"][1]["number"]] + [c["number"] for c in shown["agenda"][1]["children"]]
    assert numbers == ["2", "2.1", "2.2"]
    assert {"number", "title", "presenter", "planned_minutes", "children"} <= set(shown["agenda"][0])
    assert {p["role"] for p in shown["participants"]} >= {"chair", "secretary", "member"}
    text = nghisu("meetings", "show", str(provincial["id"]), store=demo_store).stdout
    assert "2.1. Báo cáo tình hình kinh tế - xã hội" in text and "Xã Vĩnh Giang (xã)" in text


def test_audit_verify_passes_then_names_a_tampered_row(tmp_path, cli_demo):
    home = cli_demo(tmp_path / "s", "2019")
    ok = nghisu("audit", "verify", store=home)
    assert "toàn vẹn" in ok.stdout
    db = sqlite3.connect(home / "nghisu.sqlite3")
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET details = '{}' WHERE seq = 7")
    db.commit()
    db.close()
    bad = nghisu("audit", "verify", store=home, check=False)
    assert bad.returncode == 1
    assert "số 7" in bad.stderr and "row 7" in bad.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [(["meetings", "show", "9999"], "Không có cuộc họp số 9999"),
     (["--database-url", "postgresql://nobody@127.0.0.1:1/x", "units"], "Không mở được kho dữ liệu")],
)
def test_errors_are_one_plain_line_and_exit_2(demo_store, args, fragment):
    store = None if args[0].startswith("--") else demo_store
    proc = nghisu(*args, store=store, check=False)
    assert proc.returncode == 2
    assert fragment in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, names", [
    (["bogus"], ["không có lựa chọn 'bogus'", "invalid choice", "nghisu --help"]),
    (["meetings"], ["thiếu tham số bắt buộc: ACTION", "are required", "nghisu meetings --help"]),
    (["meetings", "show", "x"], ["'x' không phải số nguyên", "invalid int value", "nghisu meetings show --help"]),
    (["meetings", "list", "--frob"], ["không hiểu tham số: --frob", "unrecognized arguments", "--help"]),
    (["opinions", "ask", "--deadline"], ["tham số --deadline cần một giá trị", "expected one argument"]),
])
def test_command_line_mistakes_are_one_vietnamese_line_with_a_help_hint(args, names):
    proc = nghisu(*args, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "usage:" not in proc.stderr, proc.stderr
    for name in names:
        assert name in lines[0]


def test_demo_prints_statuses_in_vietnamese_like_meetings_list(demo_store):
    from meetings.lifecycle import STATUS_VI

    demo = nghisu("demo", "--scheme", "2019", store=demo_store).stdout
    listed = nghisu("meetings", "list", store=demo_store).stdout
    shown = {s for s in STATUS_VI.values() if f"[{s}]" in listed}
    assert shown and all(f"[{s}]" in demo for s in shown)
    assert not any(f"[{code}]" in demo for code in STATUS_VI if code not in STATUS_VI.values())
