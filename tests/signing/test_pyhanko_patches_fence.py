"""The fence around signing.pyhanko_patches: the switch that turns them off, the upstream copies.

The switch is read in a fresh process each time (patches are process state): with
``NGHISU_PYHANKO_PATCHES=off`` no patch installs and pyHanko's functions are its own; with it on
(the default) they are ours. The upstream folder must match the installed pyHanko and our copies,
so that an upgrade shows as a diff (tools/pyhanko_patches.py check).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json
from signing.pyhanko_patches import lean_imports, speedups
lean = lean_imports.install()
fast = speedups.install()
from pyhanko.pdf_utils import generic, misc, xref
from pyhanko.pdf_utils.reader import HistoricalResolver
print(json.dumps({
    "lean": lean,
    "fast": fast,
    "ours": sorted(
        name for name, fn in {
            "read_non_whitespace": misc.read_non_whitespace,
            "_read_until_class": misc._read_until_class,
            "parse_xref_table": xref.parse_xref_table,
            "read_object": generic.read_object,
            "read_hex_string_from_stream": generic.read_hex_string_from_stream,
            "_decode_name": generic._decode_name,
            "_load_reverse_xref_cache": HistoricalResolver._load_reverse_xref_cache,
        }.items()
        if fn.__module__.startswith("signing.")
    ),
}))
"""


def _probe(switch: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "NGHISU_PYHANKO_PATCHES"}
    if switch is not None:
        env["NGHISU_PYHANKO_PATCHES"] = switch
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


ALL_SEVEN = sorted(
    [
        "read_non_whitespace",
        "_read_until_class",
        "parse_xref_table",
        "read_object",
        "read_hex_string_from_stream",
        "_decode_name",
        "_load_reverse_xref_cache",
    ]
)


@pytest.mark.parametrize("switch", [None, "on"])
def test_the_patches_are_on_by_default(switch):
    assert _probe(switch) == {"lean": True, "fast": True, "ours": ALL_SEVEN}


@pytest.mark.parametrize("switch", ["off", "0", "no", "FALSE"])
def test_the_switch_leaves_pyhanko_exactly_as_shipped(switch):
    assert _probe(switch) == {"lean": False, "fast": False, "ours": []}


def test_the_upstream_copies_and_the_patch_file_match_pyhanko_and_our_code():
    out = subprocess.run(
        [sys.executable, "tools/pyhanko_patches.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    patch = (ROOT / "signing/pyhanko_patches/upstream-0.38.0/copied.patch").read_text(encoding="utf-8")
    assert "+            if obj_ref.idnum not in reaching:  # PRUNE" in patch  # the diff is real


def test_the_check_notices_an_edited_copy(tmp_path):
    """A changed upstream file (as after an upgrade, or a hand edit) fails the check."""
    copy = tmp_path / "repo"
    (copy / "tools").mkdir(parents=True)
    (copy / "tools" / "pyhanko_patches.py").write_bytes((ROOT / "tools" / "pyhanko_patches.py").read_bytes())
    patches = copy / "signing" / "pyhanko_patches"
    patches.mkdir(parents=True)
    for f in (ROOT / "signing" / "pyhanko_patches").glob("*.py"):
        (patches / f.name).write_bytes(f.read_bytes())
    upstream = patches / "upstream-0.38.0"
    upstream.mkdir()
    for f in (ROOT / "signing" / "pyhanko_patches" / "upstream-0.38.0").iterdir():
        (upstream / f.name).write_bytes(f.read_bytes())
    edited = upstream / "pdf_utils.misc.read_non_whitespace.py.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("return", "return  ", 1), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "tools/pyhanko_patches.py", "check"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    assert "differs: pdf_utils.misc.read_non_whitespace.py.txt" in out.stderr
