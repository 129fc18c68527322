"""Structural checks on an opened (untrusted) PDF, run inside the intake worker process.

- The page tree is walked by hand, remembering the path from the root, so a ``/Kids`` entry
  that points back to an ancestor is named for what it is (a cycle) instead of surfacing as
  a parser loop or a vague error later.
- Every stream whose filters can expand data is decoded *counting*, not keeping, and the
  count stops at a limit, so a few kilobytes that inflate to gigabytes are caught after at
  most ``max_stream_bytes`` of work and no memory. The worker's address-space cap is the
  backstop for what this does not decode itself (LZW, RunLength).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import zlib
from collections.abc import Callable
from typing import Any

from documents.intake.worker import Refused

_FLATE = {"/FlateDecode", "/Fl"}
_HEX = {"/ASCIIHexDecode", "/AHx"}
_A85 = {"/ASCII85Decode", "/A85"}
_OTHER_EXPANDING = {"/LZWDecode", "/LZW", "/RunLengthDecode", "/RL"}
_EXPANDING = _FLATE | _OTHER_EXPANDING

_IN_CHUNK = 64 * 1024
_OUT_CHUNK = 1024 * 1024
#: Below this decoded size a high ratio is harmless (tiny streams of repeated bytes are normal).
RATIO_FLOOR = 16 * 1024 * 1024
MAX_TREE_DEPTH = 256


# ------------------------------------------------------------------------------------ page tree


def check_page_tree(pdf: Any, *, max_pages: int) -> int:
    """Walk /Root /Pages; return the number of leaf pages. Raises Refused on a cycle."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    try:
        pages = pdf.Root.get("/Pages")
    except Exception as exc:
        raise Refused("damaged", f"no document catalog: {exc}") from None
    if not isinstance(pages, pikepdf.Dictionary):
        raise Refused("damaged", "no page tree")

    def ident(obj: Any) -> tuple[int, int] | None:
        objgen = obj.objgen
        return objgen if objgen != (0, 0) else None  # direct objects cannot be re-entered

    leaves = visits = 0
    max_visits = 2 * max_pages + 10_000  # shared subtrees (a DAG) are legal but must stay small
    on_path: set[tuple[int, int]] = set()
    root_id = ident(pages)
    if root_id:
        on_path.add(root_id)
    stack: list[tuple[Any, tuple[int, int] | None]] = [(iter(_kids(pages)), root_id)]
    while stack:
        kid = next(stack[-1][0], None)
        if kid is None:
            _it, node_id = stack.pop()
            on_path.discard(node_id)
            continue
        visits += 1
        if visits > max_visits:
            raise Refused("too-many-pages", f"page tree has more than {max_visits} nodes")
        if not isinstance(kid, pikepdf.Dictionary):
            continue
        kid_id = ident(kid)
        if kid_id is not None and kid_id in on_path:
            raise Refused(
                "page-tree-cycle", f"/Kids of the page tree lead back to object {kid_id[0]} {kid_id[1]} R"
            )
        kids = kid.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            if len(stack) >= MAX_TREE_DEPTH:
                raise Refused("too-complex", f"page tree deeper than {MAX_TREE_DEPTH}")
            if kid_id is not None:
                on_path.add(kid_id)
            stack.append((iter(kids), kid_id))
        else:
            leaves += 1
            if leaves > max_pages:
                raise Refused("too-many-pages", f"more than {max_pages} pages")
    return leaves


def _kids(node: Any) -> Any:
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    kids = node.get("/Kids")
    return kids if isinstance(kids, pikepdf.Array) else ()


# -------------------------------------------------------------------------------------- streams


def check_streams(pdf: Any, *, max_stream_bytes: int, max_total_bytes: int, max_ratio: float) -> int:
    """Decode-count every expanding stream; return the total decoded bytes. Raises Refused("bomb")."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    total = 0
    try:
        objects = list(pdf.objects)
    except Exception as exc:
        raise Refused("damaged", f"objects unreadable: {exc}") from None
    for obj in objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        try:
            filters = _filters(obj)
        except Exception:
            continue
        if not any(f in _EXPANDING for f in filters):
            continue
        try:
            raw = obj.read_raw_bytes()
        except Exception:
            continue  # unreadable stream: qpdf and PDFium will skip it too
        size = decoded_size(obj, raw, filters, max_stream_bytes)
        if size > RATIO_FLOOR and size > max_ratio * max(len(raw), 1):
            raise Refused(
                "bomb", f"object {obj.objgen}: {len(raw)} bytes expand more than {max_ratio:g} times"
            )
        total += size
        if total > max_total_bytes:
            raise Refused("bomb", f"streams expand to more than {max_total_bytes} bytes in total")
    return total


def _filters(stream: Any) -> list[str]:
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    f = stream.stream_dict.get("/Filter")
    if isinstance(f, pikepdf.Name):
        return [str(f)]
    if isinstance(f, pikepdf.Array):
        return [str(x) for x in f if isinstance(x, pikepdf.Name)]
    return []


def decoded_size(stream: Any, raw: bytes, filters: list[str], limit: int) -> int:
    """Bytes the filter chain produces, stopping with Refused("bomb") past ``limit``."""
    data = raw
    for position, name in enumerate(filters):
        last = position == len(filters) - 1
        if name in _HEX:
            data = _unhex(data)
        elif name in _A85:
            data = _una85(data)
        elif name in _FLATE:
            if last:
                return inflate(data, limit, keep=False)[0]
            data = inflate(data, limit, keep=True)[1]
        elif name in _OTHER_EXPANDING:
            # Rare filters: let qpdf decode the whole chain under the worker's memory cap.
            try:
                decoded = stream.read_bytes()
            except MemoryError:
                raise Refused("bomb", f"object {stream.objgen}: decoding exhausted memory") from None
            except Exception:
                return len(data)
            if len(decoded) > limit:
                raise Refused("bomb", f"object {stream.objgen}: decodes to {len(decoded)} bytes")
            return len(decoded)
        else:  # image codecs and unknown filters: sized by the image checks of the renderer
            return len(data)
    return len(data)


def inflate(data: bytes, limit: int, *, keep: bool) -> tuple[int, bytes]:
    """Inflate ``data`` in bounded steps: (decoded size, decoded bytes if ``keep``).

    Accepts zlib-wrapped and raw deflate (PDFium accepts both, so a bomb hidden in either
    must be measured). Corrupt data ends the count where it breaks, as the readers do.
    """
    total = 0
    out = bytearray()
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
        inflater = zlib.decompressobj(wbits)
        total = 0
        out.clear()
        try:
            for start in range(0, len(data), _IN_CHUNK):
                pending = data[start : start + _IN_CHUNK]
                while pending and not inflater.eof:
                    piece = inflater.decompress(pending, _OUT_CHUNK)
                    total += len(piece)
                    if total > limit:
                        raise Refused("bomb", f"a stream inflates past {limit} bytes")
                    if keep:
                        out += piece
                    pending = inflater.unconsumed_tail
                if inflater.eof:
                    break
            piece = inflater.flush()
            total += len(piece)
            if keep:
                out += piece
        except zlib.error:
            if total == 0 and wbits > 0:
                continue  # not zlib-wrapped: try raw deflate
        if total > limit:
            raise Refused("bomb", f"a stream inflates past {limit} bytes")
        return total, bytes(out)
    return total, bytes(out)


_HEX_JUNK = re.compile(rb"[^0-9A-Fa-f]")


def _unhex(data: bytes) -> bytes:
    digits = _HEX_JUNK.sub(b"", data.split(b">", 1)[0])
    if len(digits) % 2:
        digits += b"0"
    try:
        return binascii.unhexlify(digits)
    except binascii.Error:
        return b""


def _una85(data: bytes) -> bytes:
    body = data.split(b"~>", 1)[0].strip()
    if body.startswith(b"<~"):
        body = body[2:]
    try:
        return base64.a85decode(body, adobe=False, ignorechars=b" \t\n\r\x0b\x0c\x00")
    except ValueError:
        return b""


# ------------------------------------------------------------------------------------ the rest


def rewrite(pdf: Any) -> bytes:
    """The document as qpdf writes it: repaired, and without encryption."""
    buf = io.BytesIO()
    try:
        pdf.save(buf)
    except MemoryError:
        raise
    except Exception as exc:
        raise Refused("damaged", f"cannot be rewritten: {exc}") from None
    return buf.getvalue()


def title_of(pdf: Any, normalize: Callable[[str], str]) -> str | None:
    """The /Info /Title, if the file has a readable one (read without creating /Info)."""
    try:
        info = pdf.trailer.get("/Info")
        title = info.get("/Title") if info is not None else None
        if title is None:
            return None
        text = normalize(str(title)).strip()
    except Exception:
        return None
    return text[:500] or None
