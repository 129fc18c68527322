"""The archive package: everything of the meeting with a SHA-256 manifest; any change is named."""

from __future__ import annotations

import json
import zipfile

import pytest

from demo.store import create_demo
from meetings.archive import build_archive, check_archive


@pytest.fixture
def package(store, tmp_path):
    meeting_id = create_demo(store, scheme="2019", with_materials=False).meeting_ids["province-november"]
    return build_archive(store, meeting_id, tmp_path / "hop.zip")


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = change(name, zin.read(name))
            if data is not None:
                zout.writestr(name, data)


def test_the_package_holds_the_record_and_checks_clean(package):
    names = {name for name, _, _ in package.files}
    assert {"book.pdf", "votes.csv", "attendance.csv", "audit.jsonl"} <= names
    with zipfile.ZipFile(package.path) as z:
        manifest = json.loads(z.read("manifest.json"))
        attendance = z.read("attendance.csv").decode()
        audit = [json.loads(line) for line in z.read("audit.jsonl").decode().splitlines()]
        votes = z.read("votes.csv").decode()
    assert set(manifest["files"]) == names
    assert "Đặng Thị Lan" in attendance and "Đi công tác tại Hà Nội" in attendance
    assert "Không biểu quyết" in votes and all(len(a["row_hash"]) == 64 for a in audit)
    assert {"vote.close", "live.attendance"} <= {a["action"] for a in audit}
    verdict = check_archive(package.path)
    assert verdict.ok and verdict.checked == len(names)


def test_any_altered_missing_or_added_file_is_named(package, tmp_path):
    for name, _, _ in package.files:
        altered = tmp_path / f"altered-{name.replace('/', '_')}.zip"
        _rewrite(package.path, altered, lambda n, d, target=name: d + b" " if n == target else d)
        verdict = check_archive(altered)
        assert not verdict.ok and verdict.problems == (f"Tệp {name} đã bị thay đổi — {name} was altered",)
    missing = tmp_path / "missing.zip"
    _rewrite(package.path, missing, lambda n, d: None if n == "votes.csv" else d)
    assert "votes.csv is missing" in check_archive(missing).describe()
    added = tmp_path / "added.zip"
    _rewrite(package.path, added, lambda n, d: d)
    with zipfile.ZipFile(added, "a") as z:
        z.writestr("extra.txt", b"x")
    assert "extra.txt is not in the manifest" in check_archive(added).describe()
