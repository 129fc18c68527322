"""The July 2025 reform applied to a store that lived on the old map (issue 13, "Done when"):
the 2019 demo moved onto the 2025 map from the command line (the Government above the
province, every commune directly under the province, every district dissolved into it).
Every old meeting's book reads as it did, the signed minutes still verify with `nghisu
verify` (exit 0), and the audit chain, which now also holds the reorganisation, verifies."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from store.engine import open_store
from store.location import StoreLocation
from store.models import AuditEntry
from tests.ui.test_cli_foundation import nghisu
from ui.cli import main

pytestmark = pytest.mark.slow

NQ = "Nghị quyết số 1680/NQ-UBTVQH15 ngày 16/6/2025"
EFFECTIVE = "2027-01-01"  # after the demo's own meetings (autumn 2026)


def units(home: Path) -> dict[str, dict]:
    return {u["code"]: u for u in json.loads(nghisu("units", "--json", store=home).stdout)}


def cli(home: Path, *args: str) -> None:
    """The command's own handler in this process (a subprocess per step would cost a second each)."""
    assert main(["--store", str(home), *args]) == 0, args


def meeting_ids(home: Path) -> dict[str, int]:
    return {m["title"]: m["id"] for m in json.loads(nghisu("meetings", "list", "--json", store=home).stdout)}


def book_text(home: Path, meeting_id: int, out: Path) -> str:
    cli(home, "book", str(meeting_id), "-o", str(out))
    return subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


@pytest.fixture(scope="module")
def reformed(tmp_path_factory, cli_demo) -> tuple[Path, Path, dict[str, str]]:
    """(the store after the reform, a folder for files, the books of the old meetings before it)."""
    home = cli_demo(tmp_path_factory.mktemp("reformed") / "store", "2019")
    files = tmp_path_factory.mktemp("files")
    meetings = meeting_ids(home)
    before = {title: book_text(home, mid, files / f"before-{mid}.pdf") for title, mid in meetings.items()}

    old = units(home)
    districts = [c for c, u in old.items() if u["level"] == "district"]
    communes = [c for c, u in old.items() if u["level"] == "commune"]
    assert len(districts) == 5 and len(communes) >= 15
    cli(home, "units", "add", "--code", "CP", "--name", "Chính phủ", "--level", "central", "--scheme", "2025",
        "--official-name", "Chính phủ", "--place-name", "Hà Nội")
    reform = ("--effective", EFFECTIVE, "--decision", NQ)
    cli(home, "units", "move", "QT", "--parent", "CP", "--level", "province", *reform)
    for code in communes:
        cli(home, "units", "move", code, "--parent", "QT", "--level", "commune", *reform)
    for code in districts:
        cli(home, "units", "dissolve", code, "--successor", "QT", *reform)
    return home, files, before


def test_the_store_is_on_the_2025_map(reformed):
    home, _, _ = reformed
    now = units(home)
    live = {c: u for c, u in now.items() if u["valid_to"] is None}
    assert {u["scheme"] for u in live.values()} == {"2025"}
    assert {u["level"] for u in live.values()} == {"central", "province", "commune"}
    assert all(u["parent_id"] == now["QT"]["id"] for u in live.values() if u["level"] == "commune")
    assert all(u["valid_to"] == EFFECTIVE for u in now.values() if u["level"] == "district")


def test_every_old_meetings_book_reads_as_it_did(reformed):
    home, files, before = reformed
    for title, mid in meeting_ids(home).items():
        assert book_text(home, mid, files / f"after-{mid}.pdf") == before[title], title
    district = next(t for t in before if "huyện Vĩnh Linh" in t)  # still under the district's own header
    assert "ỦY BAN NHÂN DÂN HUYỆN" in before[district] and "VĨNH LINH" in before[district]


def test_the_signed_minutes_still_verify(reformed, tmp_path):
    home, _, _ = reformed
    november = next(mid for t, mid in meeting_ids(home).items() if "tháng 11" in t)
    docs = json.loads(nghisu("documents", "list", "--meeting", str(november), "--json", store=home).stdout)
    minutes = next(d for d in docs if d["type"] == "bien_ban")
    assert minutes["issuing_unit"] == "Ủy ban nhân dân tỉnh Quảng Trị"
    stored = nghisu("signing", "verify", str(minutes["id"]), store=home, check=False)
    assert stored.returncode == 0 and "hợp lệ" in stored.stdout, stored.stdout + stored.stderr
    out = tmp_path / "bien-ban.pdf"
    nghisu("signing", "export", str(minutes["id"]), "-o", str(out), store=home)
    verified = nghisu("verify", str(out), "--trust", str(home / "demo-keys" / "office-ca.pem"), "--json", check=False)
    assert verified.returncode == 0, verified.stdout
    report = json.loads(verified.stdout)
    assert report["verdict"] == "valid"
    assert [s["signer"] for s in report["signatures"]] == ["Phạm Thị Ngọc Ánh", "Nguyễn Văn Minh"]


def test_the_audit_chain_verifies_and_holds_the_reform(reformed):
    home, _, _ = reformed
    checked = nghisu("audit", "verify", store=home, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "toàn vẹn" in checked.stdout
    store = open_store(StoreLocation(home=home))
    try:
        with store.read() as s:
            actions = Counter(s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("unit.%"))))
    finally:
        store.close()
    assert actions["unit.dissolve"] == 5 and actions["unit.move"] >= 16, actions
