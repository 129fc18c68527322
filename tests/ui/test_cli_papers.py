"""`nghisu invite`, `nghisu program`, `nghisu attendance-sheet` on the demo store: drafts, the
issued (numbered) invitation, and bad input as one line with exit 2 and nothing written."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.ui.test_cli_foundation import nghisu


@pytest.fixture(scope="module")
def demo(tmp_path_factory, cli_demo):
    home = cli_demo(tmp_path_factory.mktemp("papers"))
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    december = next(m["id"] for m in meetings if "tháng 12" in m["title"] and "tỉnh" in m["title"])
    people = {p["full_name"]: p["person_id"] for p in
              json.loads(nghisu("meetings", "show", str(december), "--json", store=home).stdout)["participants"]}
    return home, december, people


def pdf_text(path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_the_three_papers_print_as_drafts(demo, tmp_path):
    home, mid, _ = demo
    out = nghisu("invite", str(mid), "-o", str(tmp_path / "gm.pdf"), "--bring", "Báo cáo tháng 11", store=home).stdout
    assert "DỰ THẢO giấy mời" in out
    assert "Báo cáo tháng 11" in pdf_text(tmp_path / "gm.pdf")
    nghisu("program", str(mid), "-o", str(tmp_path / "ctr.pdf"), store=home)
    assert "08h00 - " in pdf_text(tmp_path / "ctr.pdf")
    out = nghisu("attendance-sheet", str(mid), "-o", str(tmp_path / "ds.pdf"), store=home).stdout
    assert "điểm cầu" in out and "DANH SÁCH ĐẠI BIỂU DỰ HỌP" in pdf_text(tmp_path / "ds.pdf")


def test_the_clerk_issues_the_numbered_invitation_signed_by_the_chief_of_office(demo, tmp_path):
    home, mid, people = demo
    clerk, office = people["Phạm Thị Ngọc Ánh"], people["Lê Quang Huy"]
    out = nghisu("invite", str(mid), "-o", str(tmp_path / "gm.pdf"), "--issue", "--signer", str(office),
                 "--as", str(clerk), store=home).stdout
    assert "Đã phát hành giấy mời số" in out and "/GM-UBND" in out
    text = pdf_text(tmp_path / "gm.pdf")
    assert "TL. CHỦ TỊCH" in text and "DỰ THẢO" not in text


@pytest.mark.parametrize("args, says", [
    (["invite", "999", "-o", "{tmp}/x.pdf"], "999"),
    (["invite", "{mid}", "-o", "{tmp}/x.pdf", "--issue"], "văn thư"),
    (["invite", "{mid}", "-o", "{tmp}/x.pdf", "--authority", "THAY MẶT"], "TM., KT."),
    (["program", "{mid}", "-o", "{tmp}"], ""),
])
def test_bad_input_is_one_line_and_writes_nothing(demo, tmp_path, args, says):
    home, mid, _ = demo
    argv = [a.format(mid=mid, tmp=tmp_path) for a in args]
    proc = nghisu(*argv, store=home, check=False)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and says in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "x.pdf").exists()


def test_minutes_show_and_edit_from_the_command_line(demo):
    home, _, _ = demo
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    november = next(m["id"] for m in meetings if "tháng 11" in m["title"])
    shown = json.loads(nghisu("minutes", "show", str(november), "--json", store=home).stdout)
    keys = [x["key"] for x in shown["sections"]]
    assert keys[:5] == ["time", "place", "attendance", "chair", "secretary"] and shown["status"] == "final"
    attendance = next(x["text"] for x in shown["sections"] if x["key"] == "attendance")
    assert "Thành viên (tính túc số): có mặt" in attendance and "người được mời dự" in attendance
    final = nghisu("minutes", "edit", str(november), "--section", "place", "--text", "Hội trường", store=home,
                   check=False)
    assert final.returncode == 2 and "đã hoàn tất" in final.stderr  # signed minutes are not edited
    usage = nghisu("minutes", "edit", str(november), store=home, check=False)
    assert usage.returncode == 2 and "--section KEY" in usage.stderr


def test_conclusions_tasks_and_the_notice_from_the_command_line(demo, tmp_path):
    home, _, people = demo
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    november = next(m["id"] for m in meetings if "tháng 11" in m["title"])
    units = json.loads(nghisu("units", "--json", store=home).stdout)
    finance = next(u["id"] for u in units if u["name"] == "Sở Tài chính")
    assert "Đã ghi kết luận" in nghisu("conclusions", "draft", str(november), "--text", "Giao Sở Tài chính rà soát dự toán",
                                       store=home).stdout
    given = nghisu("conclusions", "task", str(november), "--unit", str(finance), "--description", "Rà soát dự toán 2027",
                   "--deadline", "15/12/2026", store=home).stdout
    assert "hạn 15/12/2026" in given
    tasks = json.loads(nghisu("conclusions", "tasks", "--meeting", str(november), "--json", store=home).stdout)
    assert any(t["description"] == "Rà soát dự toán 2027" and t["overdue"] is False for t in tasks)
    overdue = nghisu("conclusions", "tasks", "--overdue", store=home).stdout
    assert "QUÁ HẠN" in overdue and "Rà soát dự toán 2027" not in overdue
    clerk, office = people.get("Phạm Thị Ngọc Ánh"), people.get("Lê Quang Huy")
    out = nghisu("conclusions", "issue", str(november), "--as", str(clerk), "--signer", str(office), "-o",
                 str(tmp_path / "tb.pdf"), store=home).stdout
    assert "/TB-UBND" in out
    text = pdf_text(tmp_path / "tb.pdf")
    assert "TL. CHỦ TỊCH" in text and "CHÁNH VĂN PHÒNG" in text and "Rà soát dự toán 2027" in text
    bad = nghisu("conclusions", "task", str(november), "--deadline", "32/13/2026", store=home, check=False)
    assert bad.returncode == 2 and "dd/mm/yyyy" in bad.stderr and "Traceback" not in bad.stderr
