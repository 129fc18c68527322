"""Frames between a sandboxed child and its parent (``sandbox.process``).

A frame is a 4-byte big-endian length, a JSON header (UTF-8), then ``header["n"]`` bytes of
payload (none when ``n`` is absent or 0). JSON, never pickle: the child has just read hostile
input. ``read_frame`` is the child's blocking read; ``FrameReader`` the parent's, which never
waits past a deadline.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import struct
import time
from typing import Any, BinaryIO

_HEADER = struct.Struct(">I")
#: A header longer than this is garbage (page texts travel in headers: 64 MiB is far beyond any).
MAX_HEADER_BYTES = 1 << 30
#: Pipe capacity asked for on Linux (the default ceiling for an unprivileged process): a 1.3 MB
#: file then crosses in two writes instead of twenty-one 64 KiB hand-offs.
PIPE_BYTES = 1 << 20
_READ_CHUNK = 4 << 20


class FrameTimeout(Exception):
    """No whole frame arrived before the deadline."""


def encode_head(header: dict[str, Any], payload_size: int) -> bytes:
    """Length prefix and JSON header of a frame whose ``payload_size`` bytes follow separately."""
    raw = json.dumps(dict(header, n=payload_size), ensure_ascii=False).encode("utf-8", "surrogatepass")
    return _HEADER.pack(len(raw)) + raw


def encode_frame(header: dict[str, Any], payload: bytes = b"") -> bytes:
    return encode_head(header, len(payload)) + payload


def decode_header(raw: bytes) -> dict[str, Any]:
    header = json.loads(raw.decode("utf-8", "surrogatepass"))
    if not isinstance(header, dict):
        raise ValueError("a frame header must be a JSON object")
    return header


def _read_exact(stream: BinaryIO, n: int) -> bytes | None:
    chunks = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], bytes] | None:
    """Blocking read of one frame (the child's side); None at the end of input."""
    size = _read_exact(stream, _HEADER.size)
    if size is None:
        return None
    raw = _read_exact(stream, _HEADER.unpack(size)[0])
    if raw is None:
        return None
    header = decode_header(raw)
    payload = _read_exact(stream, int(header.get("n") or 0)) if header.get("n") else b""
    return None if payload is None else (header, payload)


def enlarge_pipe(fd: int) -> None:
    try:
        import fcntl  # noqa: PLC0415 -- platform-specific or optional: imported where it is used
    except ImportError:  # Windows
        return
    with contextlib.suppress(OSError):  # a smaller pipe is only slower
        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)


class FrameReader:
    """Reads frames from a file descriptor, never past a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, n: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        while n > 0:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise FrameTimeout()
            chunk = os.read(self.fd, min(n, _READ_CHUNK))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            n -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def frame(self, deadline: float) -> tuple[dict[str, Any], bytes]:
        (length,) = _HEADER.unpack(self.read(_HEADER.size, deadline))
        if length > MAX_HEADER_BYTES:
            raise ValueError(f"absurd header length {length}")
        header = decode_header(self.read(length, deadline))
        n = int(header.get("n") or 0)
        return header, (self.read(n, deadline) if n else b"")
