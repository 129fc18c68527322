"""The live commands on the demo store: attend, quorum, vote open/cast/close/show, minutes, archive."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import pytest

from tests.ui.test_cli_foundation import nghisu


@pytest.fixture(scope="module")
def demo(tmp_path_factory, cli_demo):
    home = cli_demo(tmp_path_factory.mktemp("live"), "2019")
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    november = next(m["id"] for m in meetings if "tháng 11" in m["title"])
    people = {p["full_name"]: p["person_id"] for p in
              json.loads(nghisu("meetings", "show", str(november), "--json", store=home).stdout)["participants"]}
    return home, november, people


def test_attendance_quorum_and_a_secret_vote_from_the_command_line(demo):
    home, mid, people = demo
    assert "5/6 thành viên có mặt" in nghisu("quorum", str(mid), store=home).stdout
    out = nghisu("attend", str(mid), str(people["Đặng Thị Lan"]), "--absent", "Ốm", store=home).stdout
    assert "vắng mặt (Ốm)" in out
    opened = nghisu("vote", "open", str(mid), "--item", "2", "--kind", "secret", "--question", "Khen thưởng tập thể",
                    "--options", "Đồng ý,Không đồng ý", store=home).stdout
    vote_id = re.search(r"#(\d+)", opened).group(1)
    cast = nghisu("vote", "cast", vote_id, "--as", str(people["Nguyễn Văn Minh"]), "--option", "Đồng ý", store=home).stdout
    assert re.search(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", cast)
    again = nghisu("vote", "cast", vote_id, "--as", str(people["Nguyễn Văn Minh"]), "--option", "Đồng ý", store=home,
                   check=False)
    assert again.returncode == 2 and "đã bỏ phiếu" in again.stderr
    nghisu("vote", "cast", vote_id, "--as", str(people["Lê Quốc Dũng"]), "--option", "không đồng ý", store=home)
    assert "Đồng ý: 1" in nghisu("vote", "close", vote_id, store=home).stdout
    shown = json.loads(nghisu("vote", "show", vote_id, "--json", store=home).stdout)
    assert shown["counts"] == {"Đồng ý": 1, "Không đồng ý": 1} and len(shown["receipts"]) == 2
    assert nghisu("vote", "show", vote_id, "--csv", store=home).stdout.startswith("vote_id,item_id,kind")


def test_minutes_pdf_and_an_archive_that_checks(demo, tmp_path):
    home, mid, _ = demo
    pdf = tmp_path / "bien-ban.pdf"
    nghisu("minutes", str(mid), "-o", str(pdf), store=home)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "BIÊN BẢN" in text and "Đặng Thị Lan" in text
    package = tmp_path / "hop.zip"
    nghisu("archive", str(mid), "-o", str(package), store=home)
    assert nghisu("archive", "--check", str(package)).returncode == 0
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(tampered, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            zout.writestr(name, data.replace(b"1", b"2", 1) if name == "votes.csv" else data)
    bad = nghisu("archive", "--check", str(tampered), check=False)
    assert bad.returncode == 1 and "votes.csv was altered" in bad.stderr


def test_a_meeting_not_held_has_no_minutes_and_its_archive_says_so(demo, tmp_path):
    home, _, _ = demo
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    ahead = next(m["id"] for m in meetings if m["status"] in ("draft", "published"))
    pdf = tmp_path / "bien-ban.pdf"
    refused = nghisu("minutes", str(ahead), "-o", str(pdf), store=home, check=False)
    assert refused.returncode == 2 and "chưa diễn ra" in refused.stderr and not pdf.exists()
    assert len(refused.stderr.strip().splitlines()) == 1
    drafting = nghisu("minutes", str(ahead), "--draft", store=home, check=False)
    assert drafting.returncode == 2 and "chưa diễn ra" in drafting.stderr
    package = tmp_path / "chua-hop.zip"
    packed = nghisu("archive", str(ahead), "-o", str(package), store=home)
    assert "cảnh báo" in packed.stderr and "chưa diễn ra" in packed.stderr and "has not taken place" in packed.stderr
    assert package.exists()
