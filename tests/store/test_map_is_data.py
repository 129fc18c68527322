"""The map is data: no product code names a level or says "huyện" (issue 13). Levels and
their names live in the schemes (migration 0007 seeds them), demo data modules and the
translations; everything else reads them from the store."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("store", "documents", "signing", "register", "meetings", "mail", "sandbox", "demo", "ui")
#: Where level names may be written: the schemes' seed and the demo's content.
DATA = {Path("store/migrations"), Path("demo")}  # the demo is content: a province's own names and papers
LEVEL_CODE = re.compile(r"""["'](central|province|district|commune)["']""")
LEVEL_WORD = re.compile(r"huyện|thị trấn|cấp tỉnh|cấp xã|cấp huyện", re.IGNORECASE)


def product_files():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT)
            if not any(rel == d or d in rel.parents for d in DATA):
                yield rel, path.read_text(encoding="utf-8")


def test_no_code_names_a_level():
    found = [f"{rel}:{n}: {line.strip()}" for rel, text in product_files()
             for n, line in enumerate(text.splitlines(), 1)
             if LEVEL_CODE.search(line) or LEVEL_WORD.search(line)]
    assert found == [], "\n".join(found)
