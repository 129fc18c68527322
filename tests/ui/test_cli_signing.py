"""The signing commands end to end on a demo store: the demo's signed minutes (the closed
November meeting's, drafted from its record) verify with `nghisu verify` and poppler's `pdfsig`,
their stamps sit in the THƯ KÝ and CHỦ TỌA blocks; requests, turns, export, trust and the test
CA from the command line, with their exit codes and one-line refusals."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.ui.test_cli_foundation import nghisu

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory, cli_demo) -> Path:
    return cli_demo(tmp_path_factory.mktemp("signing"), "2019")


def documents(home: Path, month: int = 12) -> tuple[int, list[dict]]:
    """The provincial meeting of that month (November: closed, minutes signed; December: ahead)."""
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    mid = next(m["id"] for m in meetings if m["title"].startswith(f"Phiên họp UBND tỉnh thường kỳ tháng {month} "))
    return mid, json.loads(nghisu("documents", "list", "--meeting", str(mid), "--json", store=home).stdout)


def minutes_id(home: Path) -> int:
    """The November meeting's minutes: drafted from its record, finalised, signed in turn."""
    return next(d["id"] for d in documents(home, 11)[1] if d["type"] == "bien_ban")


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


def _words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) on a page, y from the top, as pdftotext -bbox gives them
    (the stamps' text included: poppler draws the widgets' appearances)."""
    html = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, html)]


def test_the_minutes_tell_the_record_and_the_stamps_sit_in_the_signer_blocks(demo, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "bien-ban.pdf"
    nghisu("signing", "export", str(minutes_id(demo)), "-o", str(out), store=demo)
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True,
                                   timeout=60).stdout.split())
    for said in ("BIÊN BẢN", "tháng 11 năm 2026", "có mặt 5/6 thành viên", "Đặng Thị Lan", "vắng mặt",
                 "Ý kiến phát biểu: Hoàng Đức Thắng", "Đồng ý: 5", "Kết luận: Giao UBND các huyện"):
        assert said in text, said

    reader = PdfReader(out)
    last = len(reader.pages)
    height = float(reader.pages[-1].mediabox.height)
    fields = sorted((str(a["/T"]), [float(v) for v in a["/Rect"]])
                    for a in (x.get_object() for x in reader.pages[-1]["/Annots"]) if a.get("/FT") == "/Sig")
    assert len(fields) == 2
    words = _words(out, last)
    middle = (fields[0][1][2] + fields[1][1][0]) / 2  # between the two columns
    for (_, (x0, y0, x1, y1)), (title, name) in zip(fields, ((("THƯ", "KÝ"), "Phạm Thị Ngọc Ánh"),
                                                             (("CHỦ", "TỌA"), "Nguyễn Văn Minh")), strict=True):
        top, bottom = height - y1, height - y0
        column = [w for w in words if (w[1] + w[3]) / 2 < middle] if x1 < middle else \
            [w for w in words if (w[1] + w[3]) / 2 > middle]
        first = next(w for w in column if w[0] == title[0])
        second = next(w for w in column if w[0] == title[1] and abs(w[2] - first[2]) < 1)
        assert abs((x0 + x1) / 2 - (first[1] + second[3]) / 2) < 2, "the stamp is centred under its title"
        printed = max((w for w in column if w[0] == name.split()[0]), key=lambda w: w[2])  # the name under it
        assert first[4] <= top + 1 and bottom <= printed[2] + 1, "between the title and the printed name"
        stamp = [w for w in column if top - 1 <= w[2] and w[4] <= bottom + 1]
        assert " ".join(w[0] for w in stamp).startswith(f"Người ký: {name}")
        assert all(x0 - 1 <= w[1] and w[3] <= x1 + 1 for w in stamp), "the stamp's text stays in its box"
        assert any(re.fullmatch(r"\d\d/\d\d/\d{4}", w[0]) for w in stamp)


def test_the_demo_keys_and_their_password_are_the_owners_alone(demo):
    keys = demo / "demo-keys"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    secrets = [*keys.glob("*.p12"), keys / "password.txt"]
    assert len(secrets) >= 3
    assert {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in secrets} == {f.name: "0o600" for f in secrets}


def test_demo_twice_adds_no_signature(demo):
    before = json.loads(nghisu("signing", "status", str(minutes_id(demo)), "--json", store=demo).stdout)
    nghisu("demo", "--scheme", "2019", store=demo)
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
                 ["ca", "init", "--name", "CA khác"]):
        proc = nghisu(*args, store=demo, check=False)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert "đã có CA thử nghiệm" in nghisu("ca", "init", "--name", "CA khác", store=demo, check=False).stderr


def test_ca_init_as_the_tour_runs_it_after_demo_keeps_the_demo_ca(demo):
    roots = json.loads(nghisu("trust", "list", "--json", store=demo).stdout)
    proc = nghisu("ca", "init", store=demo, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "đã có CA thử nghiệm" in proc.stdout and "không tạo CA mới" in proc.stdout
    assert json.loads(nghisu("trust", "list", "--json", store=demo).stdout) == roots


def test_ca_issue_and_the_trust_store_from_the_command_line(demo, tmp_path):
    home = tmp_path / "copy"
    shutil.copytree(demo, home)
    doc = minutes_id(home)
    password = tmp_path / "pw.txt"
    password.write_text("mat-khau\n")
    p12 = tmp_path / "khoa-moi" / "huy.p12"
    issued = nghisu("ca", "issue", "4", "-o", str(p12), "--password-file", str(password), store=home)
    assert "SHA-256" in issued.stdout and p12.stat().st_size > 1000
    assert stat.S_IMODE(p12.stat().st_mode) == 0o600  # a private key: its owner's alone
    assert stat.S_IMODE(p12.parent.stat().st_mode) == 0o700
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
