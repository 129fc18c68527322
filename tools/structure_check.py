"""The house limits on the product code's shape, checked in CI (``.ci/run``):

- no module over 400 lines;
- no class with more than 25 methods of its own (split it by responsibility: parts it owns);
- fewer than 12 modules at the top of ``documents/`` and of ``signing/`` (subpackages along
  the seams instead).

  python tools/structure_check.py        prints each breach; exit 1 if there is one
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("sandbox", "store", "documents", "signing", "register", "meetings", "mail", "demo", "ui")
MAX_LINES, MAX_METHODS, MAX_TOP_MODULES = 400, 25, 11


def breaches(root: Path = ROOT) -> list[str]:
    out = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            name = path.relative_to(root)
            if (lines := len(source.splitlines())) > MAX_LINES:
                out.append(f"{name}: {lines} lines (at most {MAX_LINES})")
            for node in ast.walk(ast.parse(source, str(path))):
                if isinstance(node, ast.ClassDef):
                    methods = sum(isinstance(b, ast.FunctionDef | ast.AsyncFunctionDef) for b in node.body)
                    if methods > MAX_METHODS:
                        out.append(f"{name}: class {node.name} has {methods} methods (at most {MAX_METHODS})")
    for package in ("documents", "signing"):
        if (count := len(list((root / package).glob("*.py")))) > MAX_TOP_MODULES:
            out.append(f"{package}/: {count} top-level modules (at most {MAX_TOP_MODULES})")
    return out


if __name__ == "__main__":
    found = breaches()
    print("\n".join(found) or "structure: within the limits")
    sys.exit(1 if found else 0)
