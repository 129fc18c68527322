"""The PDF checker that runs in its own process (``python -m documents.intake.worker MEM_MB``).

Untrusted bytes are parsed only here, never in the application process; ``sandbox.process``
runs it (frames, the address-space cap, the parent's kill after the time limit). One process
can check many files in a row (``inspect_many``), so Python and the PDF libraries load once
per batch.

A request's header holds password, allow_decrypted and limits, its payload the PDF; the answer
is ``ok`` plus the facts, or ``kind`` plus ``detail``, with replacement bytes to store instead
of the original as its payload when there are any.

pikepdf and pypdfium2 are imported by the child only (``_warm_up``, ``analyse``): the parent
imports this module's name, never the PDF libraries.
"""

from __future__ import annotations

import io
import re
import sys
from typing import Any

from documents.active_content import find_active
from documents.text import extract_pages_text, normalize_text
from sandbox.process import serve


class Refused(Exception):
    """A reason to refuse the file; ``kind`` matches ``DocumentRejected.kind`` in documents.errors."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        # qpdf names the input "stream <_io.BytesIO object at 0x...>": noise in a log line.
        self.detail = re.sub(r"stream <_io\.BytesIO object at 0x[0-9a-f]+>: ", "", detail)[:2000]


# --------------------------------------------------------------------------------------- analysis


def analyse(
    data: bytes, password: str | None, allow_decrypted: bool, limits: dict[str, Any]
) -> tuple[dict, bytes]:
    """Check one PDF and extract its text. Returns (facts, replacement bytes or b"")."""

    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf
    import pypdfium2  # noqa: PLC0415 -- heavy library deferred for start-up: pypdfium2

    from documents.intake import structure_checks as checks  # noqa: PLC0415 -- import cycle: documents.intake.structure_checks imports this module

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
        active = find_active(pdf)  # stored as imported; stripped from circulated copies

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
        "active_content": list(active),
    }
    return facts, replacement


# ------------------------------------------------------------------------------------------- main


def _warm_up() -> None:
    import pikepdf  # noqa: F401, PLC0415 (load before the memory cap, and time it as start-up)
    import pypdfium2  # noqa: F401, PLC0415 (the same: before the memory cap)

    from documents.intake import structure_checks  # noqa: F401, PLC0415 (the same)


def handle(header: dict[str, Any], payload: bytes) -> tuple[dict[str, Any], bytes]:
    """One request: the file's facts and replacement bytes, or a refusal with its kind."""
    try:
        return analyse(payload, header.get("password"), bool(header.get("allow_decrypted")), header["limits"])
    except Refused as refusal:
        return {"ok": False, "kind": refusal.kind, "detail": refusal.detail}, b""
    except RecursionError:
        return {"ok": False, "kind": "too-complex", "detail": "nesting too deep"}, b""


def main(argv: list[str]) -> int:
    return serve(handle, memory_mb=int(argv[1]) if len(argv) > 1 else 0, warm_up=_warm_up)


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy, so that ``Refused`` raised by
    # documents.intake.structure_checks is the same class that handle() catches.
    from documents.intake.worker import main as _main

    sys.exit(_main(sys.argv))
