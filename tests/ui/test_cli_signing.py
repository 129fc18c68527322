"""The signing commands end to end on a demo store: the demo's signed minutes verify with
`nghisu verify` and poppler's `pdfsig`; requests, turns, export, trust and the test CA from the
command line, with their exit codes and one-line refusals."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.ui.test_cli_foundation import nghisu

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("signing")
    nghisu("demo", store=home)
    return home


def documents(home: Path) -> tuple[int, list[dict]]:
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    mid = next(m["id"] for m in meetings if m["title"].startswith("Phiên họp UBND tỉnh thường kỳ tháng 12"))
    return mid, json.loads(nghisu("documents", "list", "--meeting", str(mid), "--json", store=home).stdout)


def minutes_id(home: Path) -> int:
    return next(d["id"] for d in documents(home)[1] if d["type"] == "bien_ban")


def person_ids(home: Path) -> dict[str, int]:
    people = json.loads(nghisu("people", "--json", store=home, check=False).stdout or "[]")
    return {p["email"]: p["id"] for p in people if p.get("email")}


def test_the_demo_minutes_are_signed_in_turn_and_verify_everywhere(demo, tmp_path):
    doc = minutes_id(demo)
    status = json.loads(nghisu("signing", "status", str(doc), "--json", store=demo).stdout)
    assert status[0]["status"] == "completed"
    assert [s["name"] for s in status[0]["slots"]] == ["Phạm Thị Ngọc Ánh", "Nguyễn Văn Minh"]

    out = tmp_path / "bien-ban.pdf"
    nghisu("signing", "export", str(doc), "-o", str(out), store=demo)
    root = demo / "demo-keys" / "office-ca.pem"
    verified = nghisu("verify", str(out), "--trust", str(root), "--json", check=False)
    assert verified.returncode == 0, verified.stdout
    report = json.loads(verified.stdout)
    assert report["verdict"] == "valid"
    assert [s["signer"] for s in report["signatures"]] == ["Phạm Thị Ngọc Ánh", "Nguyễn Văn Minh"]
    assert nghisu("verify", str(out), check=False).returncode == 2  # without the root: untrusted

    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, timeout=60).stdout
    blocks = pdfsig.split("Signature #")[1:]
    assert len(blocks) == 2
    assert all("Signature is Valid." in b and "ETSI.CAdES.detached" in b for b in blocks)
    assert "Total document signed" in blocks[-1]

    stored = nghisu("signing", "verify", str(doc), store=demo, check=False)
    assert stored.returncode == 0 and "hợp lệ" in stored.stdout
    again = json.loads(nghisu("signing", "verify", str(doc), "--stored", "--json", store=demo).stdout)
    assert again["verdict"] == "valid"


def test_demo_twice_adds_no_signature(demo):
    before = json.loads(nghisu("signing", "status", str(minutes_id(demo)), "--json", store=demo).stdout)
    nghisu("demo", store=demo)
    assert json.loads(nghisu("signing", "status", str(minutes_id(demo)), "--json", store=demo).stdout) == before


def test_request_and_sign_in_turn_from_the_command_line(demo):
    keys = demo / "demo-keys"
    status = json.loads(nghisu("signing", "status", str(minutes_id(demo)), "--json", store=demo).stdout)[0]
    secretary, chair = (s["person_id"] for s in status["slots"])
    doc = next(d["id"] for d in documents(demo)[1] if d["type"] == "to_trinh")
    made = nghisu("signing", "request", str(doc), "--signers", f"{chair},{secretary}", "--certify", store=demo)
    request_id = json.loads(nghisu("signing", "status", str(doc), "--json", store=demo).stdout)[0]["id"]
    assert "Đến lượt: Nguyễn Văn Minh" in made.stdout

    def sign(person: int, p12: str) -> subprocess.CompletedProcess:
        return nghisu("signing", "sign", str(request_id), "--as", str(person), "--p12", str(keys / p12),
                      "--password-file", str(keys / "password.txt"), store=demo, check=False)

    early = sign(secretary, "anh.ptn.p12")
    assert early.returncode == 2 and "Nguyễn Văn Minh" in early.stderr and len(early.stderr.splitlines()) == 1
    wrong_key = sign(chair, "anh.ptn.p12")
    assert wrong_key.returncode == 2 and "chưa được đăng ký" in wrong_key.stderr
    assert sign(chair, "minh.nv.p12").returncode == 0
    assert sign(secretary, "anh.ptn.p12").returncode == 0
    assert nghisu("signing", "verify", str(doc), store=demo, check=False).returncode == 0


def test_refusals_are_one_line_with_exit_2(demo, tmp_path):
    for args in (["signing", "export", "9999", "-o", str(tmp_path / "x.pdf")],
                 ["signing", "status", "--request", "9999"],
                 ["signing", "request", str(minutes_id(demo)), "--signers", "1,x"],
                 ["signing", "request", str(minutes_id(demo)), "--signers", "1"],  # already signed
                 ["ca", "init"]):
        proc = nghisu(*args, store=demo, check=False)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert "đã có CA thử nghiệm" in nghisu("ca", "init", store=demo, check=False).stderr


def test_ca_issue_and_the_trust_store_from_the_command_line(demo, tmp_path):
    home = tmp_path / "copy"
    shutil.copytree(demo, home)
    doc = minutes_id(home)
    password = tmp_path / "pw.txt"
    password.write_text("mat-khau\n")
    p12 = tmp_path / "huy.p12"
    issued = nghisu("ca", "issue", "4", "-o", str(p12), "--password-file", str(password), store=home)
    assert "SHA-256" in issued.stdout and p12.stat().st_size > 1000
    again = nghisu("ca", "issue", "4", "-o", str(p12), "--password-file", str(password), store=home, check=False)
    assert again.returncode == 2 and "đã có" in again.stderr

    roots = json.loads(nghisu("trust", "list", "--json", store=home).stdout)
    assert len(roots) == 1
    nghisu("trust", "remove", roots[0]["sha256"][:16], store=home)
    assert nghisu("signing", "verify", str(doc), store=home, check=False).returncode == 2
    root = tmp_path / "root.pem"
    nghisu("ca", "root", "-o", str(root), store=home)
    assert "Đã tin cậy" in nghisu("trust", "add", str(root), store=home).stdout
    assert nghisu("signing", "verify", str(doc), store=home, check=False).returncode == 0
