"""Everything in Nghị Sự that changes how pyHanko 0.38.0 runs, fenced off in one place.

pyHanko reads hostile PDFs on the fail-closed verification path; these patches make it faster
without changing what it concludes:

- ``speedups``: byte-level readers (tokenizer, cross-reference table, references, hex strings)
  replaced by regular-expression fast paths that hand every unusual case back to pyHanko;
- ``pruned_usages`` (with ``reference_graph``, ``reference_index`` and ``reference_scan``): the
  difference analysis walks only the objects that can reach what a later revision changed,
  instead of every object;
- ``lean_imports``: ``pyhanko.sign``'s ``__init__`` (every signer, aiohttp) runs on first use,
  not when the validation code is imported.

The switch: ``NGHISU_PYHANKO_PATCHES=off`` (or ``0``/``no``/``false``) leaves pyHanko exactly as
shipped; every ``install()`` here then does nothing. ``.ci/run`` runs the signing tests that way
and compares the verdicts on the whole attack corpus with the patches on and off
(``tools/pyhanko_patches.py verdicts``).

Upgrading pyHanko: the upstream functions these replace are kept verbatim in
``upstream-0.38.0/`` with ``copied.patch``, the diff from each upstream function to the copy of
it we run. ``tools/pyhanko_patches.py check`` compares them with the installed pyHanko (a test
runs it); after an upgrade, ``tools/pyhanko_patches.py write`` rewrites them, and the diff of
that folder is what changed upstream under our patches.
"""

from __future__ import annotations

import os

#: The environment variable that turns every patch of this package off.
SWITCH = "NGHISU_PYHANKO_PATCHES"
_OFF = frozenset({"off", "0", "no", "false"})


def enabled() -> bool:
    """False when ``NGHISU_PYHANKO_PATCHES`` says off: pyHanko then runs exactly as shipped."""
    return os.environ.get(SWITCH, "on").strip().lower() not in _OFF
