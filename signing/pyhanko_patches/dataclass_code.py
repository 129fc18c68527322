"""Keep the methods ``dataclasses`` writes for pyHanko's classes compiled between runs.

Why: on Python 3.11, ``@dataclass`` writes each ``__init__``, ``__repr__``, ``__eq__``… as
source text and compiles it with ``exec`` when the class is defined. Importing pyHanko's
validation code defines about a hundred dataclasses, about 650 such compilations: a third of
the instructions ``nghisu verify`` spent before reading the file (callgrind, issue 18), paid
again by every fresh process.

What: ``install()`` replaces ``dataclasses._create_fn`` (only when it is exactly the 3.11
function this was written against, see ``_UPSTREAM_CODE``) by a copy that builds the same
text and then runs a code object compiled from exactly that text, taken from a cache, instead
of compiling it again. ``save()`` writes the texts compiled in this process and their code
objects next to this module's own bytecode (``__pycache__``, version-tagged, marshal format,
written atomically), where the next process loads them. The generated function is the same:
same text, compiled the way ``exec`` compiles a string (filename ``<string>``, no inherited
``__future__`` flags), run in the same globals.

Trust: the cache holds code that is run, like the ``.pyc`` files beside it that Python
itself writes and runs; it lives in the same folder and is written only where Python may
write bytecode (not under ``PYTHONDONTWRITEBYTECODE``). A file that cannot be read as
``{text: code}`` is ignored. ``NGHISU_PYHANKO_PATCHES=off`` leaves ``dataclasses`` alone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any

from signing.pyhanko_patches import enabled as patches_enabled

#: SHA-256 of CPython 3.11's ``dataclasses._create_fn`` bytecode; any other one is left alone.
_UPSTREAM_CODE = "6a43614e3a87cd38d18f38e94a1bc6114cbcf401b68706b8b592c2bdb0708c0c"
_FORMAT = 1

_original: Any = None
_path: Path | None = None
_codes: dict[str, CodeType] = {}
_used: dict[str, CodeType] = {}
_compiled = 0  # texts compiled in this process (cache misses)


def cache_file() -> Path:
    """Where the compiled methods are kept: beside this module's bytecode, tagged like it."""
    return Path(importlib.util.cache_from_source(__file__)).with_suffix(".marshal")


def _fingerprint(fn: Any) -> str:
    return hashlib.sha256(fn.__code__.co_code).hexdigest()


def _create_fn(name, args, body, *, globals=None, locals=None, return_type=dataclasses.MISSING):  # noqa: A002 -- upstream's signature
    """``dataclasses._create_fn`` of CPython 3.11, with the compiled text taken from the cache."""
    global _compiled
    if locals is None:
        locals = {}  # noqa: A001 -- upstream's name
    return_annotation = ""
    if return_type is not dataclasses.MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    args = ",".join(args)
    body = "\n".join(f"  {b}" for b in body)
    txt = f" def {name}({args}){return_annotation}:\n{body}"
    local_vars = ", ".join(locals.keys())
    txt = f"def __create_fn__({local_vars}):\n{txt}\n return {name}"
    code = _codes.get(txt)
    if code is None:
        # What exec(txt) does: file "<string>", and no flags from this module's own
        # `from __future__ import annotations` (dataclasses.py has none).
        code = _codes[txt] = compile(txt, "<string>", "exec", flags=0, dont_inherit=True)
        _compiled += 1
    _used[txt] = code
    ns: dict[str, Any] = {}
    exec(code, globals, ns)  # noqa: S102 -- upstream does exactly this with the text
    return ns["__create_fn__"](**locals)


def install(path: Path | None = None) -> bool:
    """Replace ``dataclasses._create_fn`` and load the cache (``path``: else ``cache_file()``);
    True when that took effect."""
    global _original, _path
    if _original is not None:
        return True
    if not patches_enabled() or _fingerprint(dataclasses._create_fn) != _UPSTREAM_CODE:  # type: ignore[attr-defined]
        return False
    _path = path or cache_file()
    _codes.update(_load(_path))
    _original = dataclasses._create_fn  # type: ignore[attr-defined]
    dataclasses._create_fn = _create_fn  # type: ignore[attr-defined]
    return True


def uninstall() -> None:
    """Put upstream's function back (for tests)."""
    global _original, _compiled
    if _original is not None:
        dataclasses._create_fn = _original  # type: ignore[attr-defined]
        _original = None
    _codes.clear()
    _used.clear()
    _compiled = 0


def installed() -> bool:
    return _original is not None


def compiled_here() -> int:
    """How many method texts this process compiled itself (the cache's misses)."""
    return _compiled


def _load(path: Path) -> dict[str, CodeType]:
    try:
        raw = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not (isinstance(raw, tuple) and len(raw) == 3 and raw[0] == _FORMAT and raw[1] == sys.implementation.cache_tag
            and isinstance(raw[2], dict)):
        return {}
    return {t: c for t, c in raw[2].items() if isinstance(t, str) and isinstance(c, CodeType)}


def save() -> bool:
    """Write the methods compiled so far in this process when any was missing from the cache."""
    if _original is None or _path is None or _compiled == 0 or sys.dont_write_bytecode:
        return False
    path = _path
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps((_FORMAT, sys.implementation.cache_tag, dict(_used))))
            os.chmod(tmp, 0o644)  # readable like the .pyc files beside it (mkstemp makes it 0600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:  # a read-only installation: every process compiles, as without the cache
        return False
    return True
