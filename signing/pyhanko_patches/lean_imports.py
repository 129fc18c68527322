"""Import pyHanko's validation code without its signing half: about half of pyHanko's start-up.

Why: ``import pyhanko.sign.validation`` first runs ``pyhanko/sign/__init__.py``, which imports
every signer, the PDF signer and, through the time-stamp client, ``aiohttp`` (about 170 of the
545 modules a verification loaded, and half of the import time: the fixed cost that
``nghisu verify`` paid on every file). Validation itself needs none of them.

What: ``install()`` puts a ``pyhanko.sign`` package object in ``sys.modules`` whose
``__init__`` has not run yet, so ``pyhanko.sign.validation`` and the other submodules load from
the package folder as usual, each importing what it needs. The first time anything asks the
package for a name its ``__init__`` defines (``from pyhanko.sign import signers``,
``pyhanko.sign.SimpleSigner``), the real ``__init__`` runs then and the name is there: code that
signs still works in the same process, it just pays for the import when it signs.

Safety: nothing of pyHanko is changed, only when its package ``__init__`` runs. Installed only
when ``pyhanko.sign`` has not been imported yet; a process that already imported it gains
nothing and loses nothing. ``NGHISU_PYHANKO_PATCHES=off`` (the switch for every patch in this
package) leaves imports alone.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

from signing.pyhanko_patches import enabled as patches_enabled

_PACKAGE = "pyhanko.sign"
_lock = threading.Lock()


def install() -> bool:
    """Make ``pyhanko.sign``'s ``__init__`` run on first use; True when that took effect."""
    if not patches_enabled() or _PACKAGE in sys.modules:
        return False
    import pyhanko  # the top package is small; its sign subpackage is what we defer  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.loader is None or not spec.submodule_search_locations:
        return False
    package = importlib.util.module_from_spec(spec)
    done = False

    def run_init() -> None:
        nonlocal done
        with _lock:
            if not done:
                done = True
                spec.loader.exec_module(package)  # the real __init__, once, into the same object

    def __getattr__(name: str) -> Any:  # PEP 562: only names not defined yet land here
        if name.startswith("__"):
            raise AttributeError(name)
        if not done:
            run_init()
            if name in package.__dict__:
                return package.__dict__[name]
        try:  # a submodule not imported yet (``pyhanko.sign.fields``)
            return importlib.import_module(f"{_PACKAGE}.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module {_PACKAGE!r} has no attribute {name!r}") from None

    package.__getattr__ = __getattr__  # type: ignore[attr-defined]
    sys.modules[_PACKAGE] = package
    pyhanko.sign = package  # type: ignore[attr-defined]
    return True


def deferred(module: ModuleType | None = None) -> bool:
    """True while ``pyhanko.sign``'s ``__init__`` has not run (for tests and measurements)."""
    package = module or sys.modules.get(_PACKAGE)
    return package is not None and "SimpleSigner" not in package.__dict__
