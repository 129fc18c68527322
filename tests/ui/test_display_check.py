"""Starting the window where none can be shown: one plain line and exit 2, never Qt's abort
(exit 134); and the README's app command installs what the window needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.display_check import DisplayUnavailable, check_display

ROOT = Path(__file__).resolve().parents[2]


def start_window(tmp_path: Path, **env_extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM") and not k.startswith("NGHISU_")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "ui.cli"], cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=120)


def assert_one_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and " — " in lines[0], proc.stderr
    return lines[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux question")
def test_no_display_is_one_plain_line_and_exit_2(tmp_path):
    line = assert_one_line(start_window(tmp_path))
    assert "Không có màn hình" in line and "DISPLAY" in line
    assert not (tmp_path / "data").exists()  # nothing was created for a window never shown


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux question")
def test_a_display_nobody_answers_on_is_one_plain_line(tmp_path):
    line = assert_one_line(start_window(tmp_path, DISPLAY=":87"))
    assert "DISPLAY=:87" in line


def test_a_platform_plugin_that_cannot_load_names_the_install_command(tmp_path):
    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a shared library")
    with pytest.raises(DisplayUnavailable) as err:
        check_display({"DISPLAY": ":0"}, plugin=broken)
    assert "tools/install-system-packages --gui" in str(err.value)
    check_display({"QT_QPA_PLATFORM": "offscreen"}, plugin=broken)  # offscreen needs neither


def test_the_readme_app_command_installs_the_window_libraries_in_one_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = readme.index("<!-- app-command -->")
    assert readme[start + 1] == "```" and readme[start + 3] == "```"
    command = readme[start + 2]
    assert command.startswith("tools/install-system-packages --gui && ") and command.endswith(".venv/bin/nghisu")
    script = (ROOT / "tools" / "install-system-packages").read_text(encoding="utf-8")
    for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxkbcommon-x11-0", "libegl1"):
        assert package in script
