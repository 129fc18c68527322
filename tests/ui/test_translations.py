"""Every string a person sees goes through Qt's translation, and every one has English.

Vietnamese is the source language (in the code); ``resources/translations/nghisu_en.ts`` holds
the English, compiled to ``nghisu_en.qm``. Running ``pyside6-lupdate`` over the code here finds
every ``tr()``/``translate()``/``QT_TRANSLATE_NOOP`` string, so a new string without English
(or a .qm not rebuilt after the .ts changed) fails this test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "nghisu_en.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
#: Code translated through nghisu_en.ts. The CLI (ui/commands, ui/cli.py) prints both languages
#: itself; the PDF viewer (ui/viewer) brings its strings when it is integrated.
NOT_SCANNED = ("commands", "viewer")


def sources() -> list[Path]:
    return sorted(p for p in (ROOT / "ui").rglob("*.py") if p.relative_to(ROOT / "ui").parts[0] not in NOT_SCANNED)


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.find("name").text
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            out[(name, msg.find("source").text)] = (tr.text or "", tr.get("type"))
    return out


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> Path:
    lupdate = BIN / "pyside6-lupdate"
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    out = tmp_path_factory.mktemp("ts") / "fresh_en.ts"
    subprocess.run([str(lupdate), *map(str, sources()), "-source-language", "vi", "-target-language", "en",
                    "-ts", str(out)], check=True, capture_output=True, cwd=ROOT, timeout=120)
    return out


def test_every_visible_string_has_an_english_translation(fresh_ts):
    found = messages(fresh_ts)
    shipped = messages(TS)
    assert len(found) > 200
    missing = sorted(f"{ctx}: {src}" for ctx, src in found if not shipped.get((ctx, src), ("", ""))[0])
    assert missing == [], "strings without English in nghisu_en.ts (add them, then run pyside6-lrelease)"
    unfinished = sorted(f"{ctx}: {src}" for (ctx, src), (_, kind) in shipped.items() if kind == "unfinished")
    assert unfinished == []


def test_placeholders_survive_translation():
    import re

    for (ctx, src), (en, _) in messages(TS).items():
        assert set(re.findall(r"\{[^}]*\}", src)) == set(re.findall(r"\{[^}]*\}", en)), f"{ctx}: {src}"


def test_the_compiled_file_is_current(tmp_path):
    out = tmp_path / "en.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on nghisu_en.ts"


def test_the_window_speaks_english_when_asked(qapp, make_window):
    from PySide6.QtCore import QCoreApplication

    from ui.app import install_translation
    from ui.models.labels import STATUS, tr

    translator = install_translation(qapp, "en")
    assert translator is not None
    try:
        window = make_window()
        assert window.windowTitle() == "Nghị Sự — Paperless meetings"
        assert window.new_action.text() == "New meeting"
        assert tr(STATUS, "in_progress") == "in progress"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert tr(STATUS, "in_progress") == "đang họp"
