"""The verification worker: a small process that parses hostile PDFs so the app does not.

Started by ``signing.verify.service`` as ``python -m signing.verify.worker MEMORY_MB`` and run
by ``sandbox.process.serve`` (frames, the address-space cap; the parent kills it after the
time limit). ``nghisu verify`` on the command line instead forks its own process once it has
imported the same code (``prepare``), under the same limits (``sandbox.process.run_forked``).

A request is ``{"op": "verify", trust_roots, roster, trust_embedded, at}`` or
``{"op": "extract", field}`` with the PDF as payload; the answer is ``{"ok": true, "report"}``
(verify) or ``{"ok": true}`` with the signed revision as payload (extract), else
``{"ok": false, "error"}``.
"""

from __future__ import annotations

import base64
import gc
import logging
import sys
from datetime import datetime
from typing import Any

from sandbox.process import serve
from signing.pyhanko_patches import dataclass_code, lean_imports
from signing.pyhanko_patches import speedups as pyhanko_speedups
from signing.verify.report import RosterEntry

_prepared = False


def prepare() -> None:
    """Import and set up everything a verification needs, once per process.

    pyHanko's signing half is not imported (signing.pyhanko_patches.lean_imports), and the
    exact byte-reader replacements are installed (signing.pyhanko_patches.speedups). A second
    call does nothing: the verification server (ui.verify_server) prepares once and its
    forked children call it again through ``verify_pdf``.
    """
    global _prepared
    logging.disable(logging.CRITICAL)  # pyHanko logs attack details as warnings; the report carries them
    if _prepared:
        return
    _prepared = True

    # The imports below create objects that live as long as the process: collecting while
    # they are made finds nothing to free (callgrind: 2 % of the instructions of prepare()).
    gc.disable()
    dataclass_code.install()  # the methods of pyHanko's dataclasses compiled once, not per process
    lean_imports.install()
    import pyhanko.sign.validation.pdf_embedded  # noqa: F401, PLC0415 (the expensive import, once, after lean_imports)
    import pyhanko_certvalidator  # noqa: F401, PLC0415 (the same)

    import signing.verify.policy  # noqa: F401, PLC0415 (the same)
    import signing.verify.revisions  # noqa: F401, PLC0415 (the same)
    dataclass_code.save()

    pyhanko_speedups.install()  # exact, version-guarded replacements (see that module)
    # Collector settings (measured: about a third of the CPU time of a 2,600-page,
    # two-signature verification went to repeated full collections while pyHanko parses
    # thousands of objects). Everything imported so far lives as long as the process, so
    # it is moved out of the collector's sight; the first generation is collected after
    # 50,000 allocations instead of 700. Memory stays capped by RLIMIT_AS, and a full
    # collection runs after every answer, once the caller has it.
    gc.enable()
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def handle(header: dict[str, Any], data: bytes) -> tuple[dict[str, Any], bytes]:
    """One request (see the module doc)."""
    from signing.verify.policy import Options, analyse  # noqa: PLC0415 -- import cycle: signing.verify.policy imports this module
    from signing.verify.revisions import signed_revision_in_process  # noqa: PLC0415 -- import cycle: signing.verify.revisions imports this module

    op = header.get("op")
    if op == "verify":
        roster = header.get("roster")
        options = Options(
            trust_roots=tuple(base64.b64decode(c) for c in header.get("trust_roots", ())),
            roster=tuple(RosterEntry.from_dict(e) for e in roster) if roster is not None else None,
            trust_embedded=bool(header.get("trust_embedded")),
            at=datetime.fromisoformat(header["at"]) if header.get("at") else None,
        )
        return {"ok": True, "report": analyse(data, options).to_dict()}, b""
    if op == "extract":
        try:
            out = signed_revision_in_process(data, str(header["field"]))
        except MemoryError:
            raise
        except Exception as exc:  # hostile input: any failure is a plain refusal
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}, b""
        return {"ok": True}, out
    if op == "ping":
        return {"ok": True}, b""
    return {"ok": False, "error": f"unknown op {op!r}"}, b""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # The cap comes first, as it always has: the imports count against the verifier's memory.
    return serve(handle, memory_mb=int(argv[0]) if argv else 0, warm_up=prepare, after_each=gc.collect, cap_first=True)


if __name__ == "__main__":
    sys.exit(main())
