"""Byte-level facts about signed revisions: ByteRange shape, %%EOF markers, "what was signed".

These checks look at the raw bytes, not at pyHanko's parsed view, on purpose: the attacks
they stop (signature wrapping, overlapping or shortened ranges) work by making the parsed
view and the bytes disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO

from signing.verify.service import extract_in_worker

_EOF_RE = re.compile(rb"%%EOF")
_HEX = b"0123456789abcdefABCDEF"
_WHITESPACE = b" \t\r\n\x00\x0c"


def trailing_bytes(data: bytes) -> int:
    """How many non-blank bytes follow the last ``%%EOF`` (0 when none, or no marker at all)."""
    pos = data.rfind(b"%%EOF")
    if pos < 0:
        return 0
    tail = data[pos + 5 :]
    return len(tail.strip(_WHITESPACE))


def byte_range_problem(data: bytes, byte_range: Sequence[object], contents: bytes) -> str | None:
    """Why ``byte_range`` is not a well-formed signature range over ``data``, or None if it is.

    Well formed means: four non-negative integers, starting at 0, two parts that do not overlap,
    within the file; the gap between them is exactly the ``/Contents`` hex string (``<...>``,
    nothing else) holding the very bytes the signature dictionary declares; and the second part
    ends at the end of the file or right after a revision's ``%%EOF``.
    """
    if len(byte_range) != 4 or not all(isinstance(x, int) and not isinstance(x, bool) for x in byte_range):
        return f"expected four integers, found {list(byte_range)[:6]!r}"
    s1, l1, s2, l2 = (int(x) for x in byte_range)  # type: ignore[call-overload]
    if min(s1, l1, s2, l2) < 0:
        return "negative offset or length"
    if s1 != 0:
        return f"does not start at 0 (starts at {s1})"
    if l1 == 0 or l2 == 0:
        return "an empty part"
    if s2 < l1:
        return f"the two parts overlap ({l1} > {s2})"
    end = s2 + l2
    if end > len(data):
        return f"reaches past the end of the file ({end} > {len(data)})"
    gap = data[l1:s2]
    if len(gap) < 2 or gap[:1] != b"<" or gap[-1:] != b">":
        return "the gap is not the /Contents hex string"
    hexpart = gap[1:-1]
    if len(hexpart) % 2 or hexpart.translate(None, _HEX):  # anything left is not a hex digit
        return "the gap holds something other than hex digits"
    if bytes.fromhex(hexpart.decode("ascii")) != contents:
        return "the gap does not hold this signature's /Contents"
    if end != len(data) and not data[:end].rstrip(_WHITESPACE).endswith(b"%%EOF"):
        return "does not end at a revision's %%EOF"
    return None


def eof_offsets(data: bytes) -> list[int]:
    """Offsets just past each ``%%EOF`` marker (candidate revision ends)."""
    return [m.end() for m in _EOF_RE.finditer(data)]


def extract_signed_revision(data: bytes, field_name: str) -> bytes:
    """The file as it was when the signature in ``field_name`` was made ("what was signed").

    That is the bytes its ByteRange reaches (signature included), a PDF any viewer opens.
    Parsing runs in the verification worker, under the same time and memory limits as
    verification. Raises InvalidInput when the field holds no well-formed signature.
    """

    return extract_in_worker(data, field_name)


def signed_revision_in_process(data: bytes, field_name: str) -> bytes:
    """Worker side of :func:`extract_signed_revision` (hostile input: run it in the worker)."""

    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.fields import enumerate_sig_fields  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.validation.pdf_embedded import extract_contents  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    reader = PdfFileReader(BytesIO(data), strict=True)
    for name, value, _field_ref in enumerate_sig_fields(reader, filled_status=True):
        if name != field_name:
            continue
        sig = value.get_object()
        byte_range = [x for x in sig.raw_get("/ByteRange")]
        problem = byte_range_problem(data, byte_range, extract_contents(sig))
        if problem:
            raise LookupError(f"the signature in {field_name} is malformed: {problem}")
        return data[: int(byte_range[2]) + int(byte_range[3])]
    raise LookupError(f"no signature in field {field_name}")
