"""`archive --check` reads a package as hostile: what a genuine package never holds is named, a zip
bomb costs nothing, and a broken manifest is a verdict, not a crash (issue 11, reliability)."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from meetings.archive_check import check_archive
from store.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[2]
GENUINE = {"votes.csv": b"vote_id,option\n1,yes\n", "book.pdf": b"%PDF-1.7\n" + b"x" * 500}


def _manifest(files: dict[str, bytes]) -> bytes:
    return json.dumps({"format": "nghisu-archive/1", "meeting_id": 1, "files": {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in files.items()}}).encode()


def _package(path: Path, entries: list[tuple[str, bytes]], *, compression=zipfile.ZIP_DEFLATED) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names: that is the point
        with zipfile.ZipFile(path, "w", compression=compression) as z:
            for name, data in entries:
                z.writestr(name, data)
    return path


def _genuine(path: Path) -> Path:
    return _package(path, [*GENUINE.items(), ("manifest.json", _manifest(GENUINE))])


def test_a_genuine_package_is_intact(tmp_path):
    verdict = check_archive(_genuine(tmp_path / "a.zip"))
    assert verdict.ok and verdict.checked == 2


def test_two_entries_of_one_name_are_named_even_when_the_second_is_genuine(tmp_path):
    path = _package(tmp_path / "dup.zip", [("votes.csv", b"vote_id,option\n1,no\n"), *GENUINE.items(),
                                            ("manifest.json", _manifest(GENUINE))])
    verdict = check_archive(path)
    assert not verdict.ok
    assert "two entries are named votes.csv" in verdict.describe()


def test_two_manifests_are_named(tmp_path):
    path = _package(tmp_path / "two.zip", [*GENUINE.items(), ("manifest.json", _manifest({"votes.csv": b"x"})),
                                            ("manifest.json", _manifest(GENUINE))])
    verdict = check_archive(path)
    assert not verdict.ok and "two entries are named manifest.json" in verdict.describe()


@pytest.mark.parametrize("name", ["../../x", "/etc/cron.d/x", "a/../../x", "C:\\Windows\\x", "..\\x"])
def test_names_that_leave_the_package_are_named(tmp_path, name):
    files = {**GENUINE, name: b"payload"}
    verdict = check_archive(_package(tmp_path / "escape.zip", [*files.items(), ("manifest.json", _manifest(files))]))
    assert not verdict.ok and "points outside the package" in verdict.describe()


def test_a_manifest_listing_no_files_is_not_intact(tmp_path):
    path = _package(tmp_path / "empty.zip", [("manifest.json", _manifest({}))])
    verdict = check_archive(path)
    assert not verdict.ok and "lists no files" in verdict.describe()


@pytest.mark.parametrize(("raw", "reason"), [
    (b'{"files": {"\xff\xfe": 1}}', "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nests too deep"),
    (json.dumps({"files": {"a": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}}).encode(), "nests too deep"),
    (b"{not json", "not valid JSON"),
    (b'{"files": ["votes.csv"]}', "expected shape"),
    (b'{"files": {"votes.csv": {"sha256": "x", "size": -1}}}', "expected shape"),
])
def test_a_broken_manifest_is_a_verdict_with_its_reason(tmp_path, raw, reason):
    verdict = check_archive(_package(tmp_path / "m.zip", [*GENUINE.items(), ("manifest.json", raw)]))
    assert not verdict.ok and reason in verdict.describe()


def _patch_headers(path: Path, name: bytes, *, method: int | None = None, flags: int | None = None) -> None:
    """Rewrite the compression method or flags of ``name`` in its local and central headers."""
    data = bytearray(path.read_bytes())
    for signature, flag_at, method_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 8, 26, 30),
                                                                 (b"PK\x01\x02", 8, 10, 28, 46)):
        start = 0
        while (i := data.find(signature, start)) >= 0:
            start = i + 4
            (n,) = struct.unpack_from("<H", data, i + name_len_at)
            if bytes(data[i + name_at:i + name_at + n]) != name:
                continue
            if method is not None:
                struct.pack_into("<H", data, i + method_at, method)
            if flags is not None:
                struct.pack_into("<H", data, i + flag_at, flags)
    path.write_bytes(bytes(data))


def test_an_unknown_compression_method_is_named(tmp_path):
    path = _genuine(tmp_path / "method.zip")
    _patch_headers(path, b"votes.csv", method=99)
    verdict = check_archive(path)
    assert not verdict.ok and "votes.csv uses a compression method packages do not use (99)" in verdict.describe()


def test_an_encrypted_entry_is_named(tmp_path):
    path = _genuine(tmp_path / "locked.zip")
    _patch_headers(path, b"book.pdf", flags=0x1)
    verdict = check_archive(path)
    assert not verdict.ok and "book.pdf is encrypted" in verdict.describe()


# The peak is measured as a growth: Linux carries ru_maxrss over exec from the forking parent.
BOMB_SCRIPT = """
import resource, sys
from meetings.archive_check import check_archive
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
verdict = check_archive(sys.argv[1])
print(verdict.ok, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
print(verdict.describe())
"""


@pytest.mark.parametrize(("method", "honest_manifest", "intact"), [
    (zipfile.ZIP_DEFLATED, True, True),  # 200 MiB of zeros, and the manifest says so: hashed as a stream
    (zipfile.ZIP_DEFLATED, False, False),  # the manifest says 1000 bytes: read no further than 1001
    (zipfile.ZIP_BZIP2, True, False),  # bzip2 expands without bound in zipfile: refused unread
])
def test_a_zip_bomb_costs_little_memory(tmp_path, method, honest_manifest, intact):
    size = 200 * 1024 * 1024
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=method) as z:
        with z.open("book.pdf", "w", force_zip64=True) as fh:
            chunk = bytes(1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
        z.writestr("manifest.json", json.dumps({"files": {"book.pdf": {
            "sha256": hashlib.sha256(bytes(size)).hexdigest(), "size": size if honest_manifest else 1000}}}),
            compress_type=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 1024 * 1024
    proc = subprocess.run([sys.executable, "-c", BOMB_SCRIPT, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    ok, growth_mib = proc.stdout.split("\n", 1)[0].split()
    assert ok == str(intact), proc.stdout + proc.stderr
    assert int(growth_mib) < 50, proc.stdout


def test_what_is_not_a_zip_or_not_a_file_is_refused(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK not really")
    with pytest.raises(InvalidInput):
        check_archive(junk)
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInput):
        check_archive(fifo)


def test_the_command_says_not_intact_with_exit_1_and_not_readable_with_exit_2(tmp_path):
    path = _package(tmp_path / "dup.zip", [("votes.csv", b"tampered"), *GENUINE.items(),
                                            ("manifest.json", _manifest(GENUINE))])
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGHISU_")}
    proc = subprocess.run([sys.executable, "-m", "ui.cli", "archive", "--check", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "two entries are named votes.csv" in proc.stderr, proc.stderr
    deep = _package(tmp_path / "deep.zip", [*GENUINE.items(), ("manifest.json", b"[" * 100_000)])
    proc = subprocess.run([sys.executable, "-m", "ui.cli", "archive", "--check", str(deep)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    proc = subprocess.run([sys.executable, "-m", "ui.cli", "archive", "--check", "/dev/zero"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


_ = resource  # the bomb's memory is measured in its own process (BOMB_SCRIPT)
