"""Which folder `--store` may open or create: a mistyped path, an unrelated folder or a file is
refused with one plain line (exit 2) and left untouched; a read-only store still answers the
commands that only read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def nghisu(*args: str, read_only: Path | None = None) -> subprocess.CompletedProcess:
    """Run the CLI; with ``read_only``, that folder cannot be written while it runs: root may write
    anywhere, so it gets a read-only mount of its own (as on read-only media), others a chmod."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGHISU_")}
    cmd = [sys.executable, "-m", "ui.cli", *args]
    if read_only is not None and os.geteuid() == 0:
        cmd = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"',
               str(read_only), *cmd]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=180)


def assert_one_plain_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert " — " in lines[0]  # Vietnamese, then English
    return lines[0]


def test_a_mistyped_store_folder_is_refused_and_not_created(tmp_path):
    missing = tmp_path / "kho-go-nham"
    line = assert_one_plain_line(nghisu("--store", str(missing), "meetings", "list"))
    assert "Không có kho dữ liệu" in line and "--create" in line
    assert not missing.exists()


def test_an_unrelated_folder_gets_nothing_written_into_it(tmp_path):
    folder = tmp_path / "tai-lieu-rieng"
    folder.mkdir()
    (folder / "bao-cao.txt").write_text("của riêng tôi", encoding="utf-8")
    for args in (("meetings", "list"), ("demo",), ("--create", "units")):
        line = assert_one_plain_line(nghisu("--store", str(folder), *args))
        assert "không phải kho dữ liệu" in line
    assert sorted(p.name for p in folder.iterdir()) == ["bao-cao.txt"]


def test_a_file_named_as_the_store_is_one_line_not_an_unexpected_failure(tmp_path):
    file = tmp_path / "kho.txt"
    file.write_text("x", encoding="utf-8")
    line = assert_one_plain_line(nghisu("--store", str(file), "meetings", "list"))
    assert "là một tệp" in line and "is a file" in line


def test_create_makes_a_new_store_only_when_asked(tmp_path):
    new = tmp_path / "kho-moi"
    proc = nghisu("--store", str(new), "--create", "units", "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
    assert (new / "nghisu.sqlite3").is_file()
    again = nghisu("--store", str(new), "units", "--json")  # exists now: no --create needed
    assert again.returncode == 0, again.stderr


def _chmod_tree(path: Path, *, writable: bool) -> None:
    for p in [path, *path.rglob("*")]:
        mode = p.stat().st_mode
        p.chmod(mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def test_a_read_only_store_answers_reads_and_refuses_writes_plainly(tmp_path, cli_demo):
    home = cli_demo(tmp_path / "kho")  # what `nghisu demo` made (exit 0 checked where it was built)
    listed_before = nghisu("--store", str(home), "meetings", "list").stdout
    files_before = sorted(p.name for p in home.iterdir())
    _chmod_tree(home, writable=False)
    try:
        listed = nghisu("--store", str(home), "meetings", "list", read_only=home)
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout == listed_before and listed.stdout.strip()
        units = nghisu("--store", str(home), "units", "--json", read_only=home)
        assert units.returncode == 0, units.stderr
        refused = nghisu("--store", str(home), "publish", "1", read_only=home)
        line = assert_one_plain_line(refused)
        assert "chỉ đọc" in line and "read-only" in line
        assert "mạng" not in line and "network" not in line.lower()
        assert sorted(p.name for p in home.iterdir()) == files_before
    finally:
        _chmod_tree(home, writable=True)

