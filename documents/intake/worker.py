"""The PDF checker that runs in its own process (``python -m documents._intake_worker MEM_MB``).

Untrusted bytes are parsed only here, never in the application process: the parent kills this
process when it runs past its time limit, and the process caps its own address space
(``RLIMIT_AS``) so a hostile file cannot exhaust the machine's memory. One process can check
many files in a row (``inspect_many``), so Python and the PDF libraries load once per batch.

Protocol, over stdin/stdout: a frame is a 4-byte big-endian header length, a JSON header, then
``header["n"]`` bytes of payload. The worker first sends ``{"ready": true}``; then for every
request (header: password, allow_decrypted, limits; payload: the PDF) it sends one answer
(header: ``ok`` plus the facts, or ``kind`` plus ``detail``; payload: replacement bytes to store
instead of the original, when there are any).

Import only what the work needs: this module is imported by the parent for the framing helpers,
so pikepdf and pypdfium2 are imported inside ``main``.
"""

from __future__ import annotations

import json
import os
import re
import struct
import sys
from typing import Any, BinaryIO

_HEADER = struct.Struct(">I")
MAX_HEADER_BYTES = 1 << 30
#: Exit status of a worker that could not even hold the request in its memory allowance.
EXIT_OUT_OF_MEMORY = 3  # pages_text travels in the header; 1 GiB is far beyond any real document


class Refused(Exception):
    """A reason to refuse the file; ``kind`` matches ``DocumentRejected.kind`` in documents.errors."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        # qpdf names the input "stream <_io.BytesIO object at 0x...>": noise in a log line.
        self.detail = re.sub(r"stream <_io\.BytesIO object at 0x[0-9a-f]+>: ", "", detail)[:2000]


# ---------------------------------------------------------------------------------------- framing


def encode_head(header: dict[str, Any], payload_size: int) -> bytes:
    """The length prefix and JSON header of a frame whose payload follows separately."""
    header = dict(header, n=payload_size)
    raw = json.dumps(header, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return _HEADER.pack(len(raw)) + raw


def encode_frame(header: dict[str, Any], payload: bytes = b"") -> bytes:
    return encode_head(header, len(payload)) + payload


def decode_header(raw: bytes) -> dict[str, Any]:
    return json.loads(raw.decode("utf-8", "surrogatepass"))


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
    """Blocking read of one frame (the worker's side); None at end of input."""
    size = _read_exact(stream, _HEADER.size)
    if size is None:
        return None
    (length,) = _HEADER.unpack(size)
    raw = _read_exact(stream, length)
    if raw is None:
        return None
    header = decode_header(raw)
    payload = _read_exact(stream, int(header.get("n", 0))) if header.get("n") else b""
    if payload is None:
        return None
    return header, payload


# --------------------------------------------------------------------------------------- analysis


def analyse(
    data: bytes, password: str | None, allow_decrypted: bool, limits: dict[str, Any]
) -> tuple[dict, bytes]:
    """Check one PDF and extract its text. Returns (facts, replacement bytes or b"")."""
    import io

    import pikepdf
    import pypdfium2

    from documents.intake import structure_checks as checks
    from documents.text import extract_pages_text, normalize_text

    # Leave the page tree as stored: pushing inherited attributes down walks it, and the
    # walk must be ours (check_page_tree) so that a cycle is reported as one.
    open_options = {"inherit_page_attributes": False}
    was_encrypted = False
    opened_with_password = False
    replacement = b""
    try:
        pdf = pikepdf.open(io.BytesIO(data), **open_options)
    except pikepdf.PasswordError:
        if password is None:
            raise Refused("encrypted") from None
        try:
            pdf = pikepdf.open(io.BytesIO(data), password=password, **open_options)
        except pikepdf.PasswordError:
            raise Refused("wrong-password") from None
        except Exception as exc:
            raise Refused("damaged", f"{type(exc).__name__}: {exc}") from None
        if not allow_decrypted:
            raise Refused("decryption-not-allowed") from None
        was_encrypted = opened_with_password = True
    except Exception as exc:  # qpdf could not open it even with recovery
        raise Refused("damaged", f"{type(exc).__name__}: {exc}") from None

    with pdf:
        was_encrypted = was_encrypted or bool(pdf.is_encrypted)
        checks.check_page_tree(pdf, max_pages=int(limits["max_pages"]))
        checks.check_streams(
            pdf,
            max_stream_bytes=int(limits["max_stream_bytes"]),
            max_total_bytes=int(limits["max_total_decompressed_bytes"]),
            max_ratio=float(limits["max_decompressed_ratio"]),
        )
        repaired = bool(pdf.get_warnings())
        if opened_with_password:
            # Opened with the person's password: keep a decrypted copy, as the office allows.
            # (A file encrypted with an empty user password opens for anyone: kept as it is.)
            replacement = checks.rewrite(pdf)
        title = checks.title_of(pdf, normalize_text)
        version = str(pdf.pdf_version)

        to_read = replacement or data
        try:
            doc = pypdfium2.PdfDocument(to_read)
        except Exception as first:
            # PDFium is stricter than qpdf on some damage: give it qpdf's repaired rewrite, and
            # store that rewrite, so every later reader (same engine in QtPdf) can open it.
            try:
                replacement = checks.rewrite(pdf)
                doc = pypdfium2.PdfDocument(replacement)
            except Exception as exc:
                raise Refused("damaged", f"PDFium: {first}; after repair: {exc}") from None
            repaired = True
    try:
        pages_text = extract_pages_text(doc)
    finally:
        doc.close()
    if not pages_text:
        raise Refused("damaged", "no pages")
    facts = {
        "ok": True,
        "page_count": len(pages_text),
        "pages_text": list(pages_text),
        "was_encrypted": was_encrypted,
        "repaired": repaired,
        "pdf_version": version,
        "title": title,
    }
    return facts, replacement


# ------------------------------------------------------------------------------------------- main


def _set_memory_limit(megabytes: int) -> None:
    import resource

    if megabytes <= 0:
        return
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main(argv: list[str]) -> int:
    # The protocol owns the real stdout; anything a C library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    inp = sys.stdin.buffer
    import faulthandler

    faulthandler.enable()  # a crash in C code leaves the Python stack in the parent's log

    import pikepdf  # noqa: F401  (load before the memory cap, and time it as start-up)
    import pypdfium2  # noqa: F401

    from documents.intake import structure_checks  # noqa: F401

    _set_memory_limit(int(argv[1]) if len(argv) > 1 else 0)
    out.write(encode_frame({"ready": True, "pid": os.getpid()}))
    out.flush()
    while True:
        try:
            frame = read_frame(inp)
        except MemoryError:  # the file alone does not fit in the memory allowance
            os._exit(EXIT_OUT_OF_MEMORY)
        if frame is None:
            out.close()
            os._exit(0)  # skip interpreter teardown: nothing to flush, and it costs ~0.1 s
        header, payload = frame
        try:
            facts, replacement = analyse(
                payload, header.get("password"), bool(header.get("allow_decrypted")), header["limits"]
            )
            answer = encode_frame(facts, replacement)
        except Refused as refusal:
            answer = encode_frame({"ok": False, "kind": refusal.kind, "detail": refusal.detail})
        except MemoryError:
            answer = encode_frame({"ok": False, "kind": "too-complex", "detail": "memory limit reached"})
        except RecursionError:
            answer = encode_frame({"ok": False, "kind": "too-complex", "detail": "nesting too deep"})
        except Exception as exc:  # any other failure while parsing untrusted bytes: the file is bad
            import traceback

            traceback.print_exc()
            answer = encode_frame({"ok": False, "kind": "damaged", "detail": f"{type(exc).__name__}: {exc}"})
        del payload
        out.write(answer)
        out.flush()


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy, so that ``Refused`` raised by
    # documents._intake_checks is the same class that main() catches.
    from documents.intake.worker import main as _main

    sys.exit(_main(sys.argv))
