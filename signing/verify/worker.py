"""The verification worker: a small process that parses hostile PDFs so the app does not.

Started by signing.verify as ``python -m signing.verify_worker MEMORY_MB``. It caps its own
address space (RLIMIT_AS), imports pyHanko once, says it is ready, then answers requests on
stdin/stdout until stdin closes. The parent enforces the wall clock by killing it.

Wire format: every frame is an 8-byte big-endian length and the payload. A request is a JSON
header frame then a data frame; the answer is a JSON frame (plus a data frame for
``extract``). Answers are JSON, never pickle: this process has just read untrusted input.
"""

from __future__ import annotations

import base64
import json
import os
import resource
import struct
import sys
from datetime import datetime
from typing import BinaryIO

_LEN = struct.Struct(">Q")


def write_frame(out: BinaryIO, payload: bytes) -> None:
    out.write(_LEN.pack(len(payload)))
    out.write(payload)
    out.flush()


def read_frame(inp: BinaryIO) -> bytes | None:
    head = inp.read(_LEN.size)
    if len(head) < _LEN.size:
        return None
    (n,) = _LEN.unpack(head)
    payload = inp.read(n)
    if len(payload) < n:
        return None
    return payload


def _limit_memory(memory_mb: int) -> None:
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _handle(header: dict, data: bytes) -> tuple[dict, bytes | None]:
    from signing.verify.policy import Options, analyse
    from signing.verify.report import RosterEntry
    from signing.verify.revisions import signed_revision_in_process

    op = header.get("op")
    if op == "verify":
        roster = header.get("roster")
        options = Options(
            trust_roots=tuple(base64.b64decode(c) for c in header.get("trust_roots", ())),
            roster=tuple(RosterEntry.from_dict(e) for e in roster) if roster is not None else None,
            trust_embedded=bool(header.get("trust_embedded")),
            at=datetime.fromisoformat(header["at"]) if header.get("at") else None,
        )
        return {"ok": True, "report": analyse(data, options).to_dict()}, None
    if op == "extract":
        try:
            out = signed_revision_in_process(data, str(header["field"]))
        except Exception as exc:  # hostile input: any failure is a plain refusal
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}, None
        return {"ok": True}, out
    if op == "ping":
        return {"ok": True}, None
    return {"ok": False, "error": f"unknown op {op!r}"}, None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    proto_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # nothing printed by a library may corrupt the protocol
    proto_in = sys.stdin.buffer
    _limit_memory(int(argv[0]) if argv else 0)
    import logging

    logging.disable(logging.CRITICAL)  # pyHanko logs attack details as warnings; the report carries them
    import pyhanko.sign.validation.pdf_embedded  # noqa: F401  (warm up: the expensive import, once)
    import pyhanko_certvalidator  # noqa: F401

    import signing.verify.policy  # noqa: F401
    from signing.pyhanko_patches import speedups as pyhanko_speedups

    pyhanko_speedups.install()  # exact, version-guarded replacements (see that module)
    # Collector settings (measured: about a third of the CPU time of a 2,600-page,
    # two-signature verification went to repeated full collections while pyHanko parses
    # thousands of objects). Everything imported so far lives as long as the process, so
    # it is moved out of the collector's sight; the first generation is collected after
    # 50,000 allocations instead of 700. Memory stays capped by RLIMIT_AS, and a full
    # collection runs after every answer, once the caller has it.
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)

    write_frame(proto_out, b'{"ready": true}')
    while True:
        raw_header = read_frame(proto_in)
        if raw_header is None:
            return 0
        data = read_frame(proto_in)
        if data is None:
            return 0
        try:
            answer, extra = _handle(json.loads(raw_header), data)
        except MemoryError:
            write_frame(proto_out, b'{"ok": false, "error": "memory limit reached", "fatal": true}')
            return 3
        except Exception as exc:
            answer, extra = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}, None
        write_frame(proto_out, json.dumps(answer, ensure_ascii=False).encode("utf-8"))
        if extra is not None:
            write_frame(proto_out, extra)
        del answer, extra, data
        gc.collect()


if __name__ == "__main__":
    sys.exit(main())
