"""Where the shared test corpora are: environment variables, never a guessed path.

``.ci/run`` sets ``NGHISU_ATTACK_CORPUS`` and ``NGHISU_MALFORMED_CORPUS`` (and
``NGHISU_REQUIRE_CORPORA=1``); there a missing corpus fails the test that needs it. Elsewhere a
test that needs a corpus skips and says which variable to set. A test whose point is to compare
two ways of reading the corpus must not quietly shrink to nothing: it asks for the corpus with
``require`` before it looks at the files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ATTACKS = "NGHISU_ATTACK_CORPUS"
MALFORMED = "NGHISU_MALFORMED_CORPUS"


def location(variable: str) -> Path | None:
    """The corpus folder the variable names, if it is set and exists."""
    value = os.environ.get(variable)
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_dir() else None


def files(variable: str, pattern: str = "*.pdf") -> list[Path]:
    """The corpus's files (empty when it is absent: call ``require`` in the test itself)."""
    path = location(variable)
    return sorted(path.rglob(pattern)) if path else []


def missing_reason(variable: str) -> str:
    value = os.environ.get(variable)
    if not value:
        return f"{variable} is not set: point it at the shared corpus folder to run this test"
    return f"{variable}={value} is not a folder"


def require(variable: str) -> Path:
    """The corpus folder; skips the test when absent, or fails it under NGHISU_REQUIRE_CORPORA=1."""
    path = location(variable)
    if path is not None:
        return path
    reason = missing_reason(variable)
    if os.environ.get("NGHISU_REQUIRE_CORPORA") == "1":
        pytest.fail(f"{reason} (NGHISU_REQUIRE_CORPORA=1)")
    pytest.skip(reason)
