"""The materials commands: import (and its refusals), list, search, book, publish, receipts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.ui.test_cli_foundation import nghisu


@pytest.fixture(scope="module")
def demo(tmp_path_factory, cli_demo) -> Path:
    return cli_demo(tmp_path_factory.mktemp("docs"), "2019")


def provincial_id(home: Path) -> int:
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    return next(m["id"] for m in meetings if m["title"].startswith("Phiên họp UBND tỉnh thường kỳ tháng 12"))


def test_the_demo_attaches_realistic_pdfs_to_agenda_items(demo):
    docs = json.loads(nghisu("documents", "list", "--meeting", str(provincial_id(demo)), "--json", store=demo).stdout)
    assert {d["item"] for d in docs} >= {"2.1", "2.2", "3.1", "4"}
    assert {d["type"] for d in docs} >= {"bao_cao", "to_trinh", "du_thao_nghi_quyet", "ke_hoach"}
    assert all(d["pages"] >= 3 for d in docs)


def test_search_finds_words_with_and_without_diacritics(demo):
    plain = json.loads(nghisu("search", "thien tai", "--json", store=demo).stdout)
    marked = json.loads(nghisu("search", "thiên tai", "--json", store=demo).stdout)
    assert plain and plain == marked
    assert {"document_id", "title", "page", "snippet"} <= set(plain[0])
    assert "«thiên» «tai»" in plain[0]["snippet"] or "«thiên tai»" in plain[0]["snippet"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "rỗng"), (b"hello, this is not a PDF", "không phải"), (b"%PDF-1.7\n1 0 obj <<", "")],
)
def test_a_bad_file_is_refused_with_exit_2_and_nothing_stored(demo, tmp_path, content, fragment):
    mid = provincial_id(demo)
    before = nghisu("documents", "list", "--meeting", str(mid), "--json", store=demo).stdout
    audit_before = nghisu("audit", "verify", "--json", store=demo).stdout
    bad = tmp_path / "to-trinh.pdf"
    bad.write_bytes(content)
    proc = nghisu("import", str(bad), "--meeting", str(mid), "--item", "2.1", store=demo, check=False)
    assert proc.returncode == 2, proc.stderr
    assert fragment in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert nghisu("documents", "list", "--meeting", str(mid), "--json", store=demo).stdout == before
    assert nghisu("audit", "verify", "--json", store=demo).stdout == audit_before


def test_book_then_publish_then_receipts(demo, tmp_path):
    mid = provincial_id(demo)
    out = tmp_path / "book.pdf"
    nghisu("book", str(mid), "-o", str(out), store=demo)
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert "Đã phát hành" in nghisu("publish", str(mid), store=demo).stdout
    receipts = json.loads(nghisu("receipts", str(mid), "--json", store=demo).stdout)
    sites = {s["site"]: s for s in receipts["sites"]}
    assert "Huyện Đakrông" in sites and sites["Huyện Đakrông"]["opened"] == 0
    assert "0/" in nghisu("receipts", str(mid), store=demo).stdout
