"""A child for the sandbox tests: ``python -m tests.sandbox.echo_worker MEMORY_MB``."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from sandbox.process import serve


def handle(header: dict[str, Any], payload: bytes) -> tuple[dict[str, Any], bytes]:
    op = header.get("op")
    if op == "echo":
        return {"ok": True, "size": len(payload), "text": header.get("text", "")}, payload[::-1]
    if op == "sleep":
        time.sleep(float(header["seconds"]))
        return {"ok": True}, b""
    if op == "exit":
        os._exit(int(header["status"]))
    if op == "allocate":
        hoard = bytearray(int(header["mib"]) * 1024 * 1024)
        return {"ok": True, "size": len(hoard)}, b""
    if op == "print":  # a library writing to stdout must not corrupt the frames
        print("noise from a library")
        return {"ok": True}, b""
    raise ValueError(f"unknown op {op!r}")


if __name__ == "__main__":
    sys.exit(serve(handle, memory_mb=int(sys.argv[1]) if len(sys.argv) > 1 else 0))
