"""Faster, behaviour-identical replacements for some of pyHanko 0.38.0's byte-level readers.

Why: pyHanko reads PDF syntax one byte at a time through Python calls. On a 2,600-page file the
cross-reference table alone (5,220 entries) took half of a one-signature verification, and the
page tree's 2,600-element /Kids array most of a two-signature one once the difference analysis
stopped reading every object (signing.pyhanko_patches.pruned_usages, installed from here).

What: each function below does exactly what its original does (same bytes consumed, same
return values, same stream position afterwards, same exceptions), because only the common,
regular case takes the fast path (one compiled regular expression over the in-memory buffer)
and every unusual case is handed back to pyHanko's own code from the same position:
- ``_read_until_class``, ``read_non_whitespace``, ``_decode_name``: the tokenizer's helpers;
- ``parse_xref_table`` and ``parse_xref_stream``, and the cross-reference section they fill
  (``xref_table``, ``xref_stream``): runs of well-formed 20-byte entries, subsections of a
  cross-reference stream cut into columns;
- ``read_object`` and ``ArrayObject.read_from_stream``: references written "N G R" and arrays
  holding only such references;
- ``read_hex_string_from_stream``: hex strings of digits and whitespace (signature values).
No check is skipped or changed. tests/signing/test_verify_speed_equivalence.py fuzzes each
function against its original (corpus files at random positions, hand-made edge cases) and
compares whole verifications and pyHanko's diff results with and without the replacements.

Safety: installed only when the installed pyHanko is exactly the version these were written
against (``PYHANKO_VERSION``); with any other version ``install()`` does nothing and logs why.
``NGHISU_PYHANKO_PATCHES=off`` turns them off too (see the package's docstring).
Only ``io.BytesIO`` streams take the fast path (that is what our verifier reads from).
"""

from __future__ import annotations

import binascii
import logging
import re
from io import BytesIO
from pathlib import Path

from signing.pyhanko_patches import enabled as patches_enabled
from signing.pyhanko_patches import pruned_usages, xref_stream, xref_table

log = logging.getLogger(__name__)

PYHANKO_VERSION = "0.38.0"

# pyhanko.pdf_utils.misc: PDF_WHITESPACE = b' \n\r\t\f\x00', PDF_DELIMITERS = b'()<>[]{}/%'
_WS = b" \n\r\t\f\x00"
_NOT_WS = re.compile(b"[^" + re.escape(_WS) + b"]")
_CLASS_RES: dict[bytes, re.Pattern[bytes]] = {}
# Name bytes that _decode_name copies unchanged: 0x21-0x7E minus the delimiters and '#'.
_PLAIN_NAME = re.compile(rb"[!\"$&'*+,\-.0-9:;=?@A-Z\\^_`a-z|~]*")

_originals: dict[str, object] = {}


def _class_re(class_chars: bytes) -> re.Pattern[bytes]:
    pat = _CLASS_RES.get(class_chars)
    if pat is None:
        pat = _CLASS_RES[class_chars] = re.compile(
            b"[" + b"".join(re.escape(bytes((c,))) for c in class_chars) + b"]"
        )
    return pat


def _read_until_class(class_chars: bytes, stream, maxchars=None):
    """misc._read_until_class: read up to and including the first byte in ``class_chars``.

    Returns (bytes before that byte, whether the stream ended first); the stop byte is consumed.
    """
    if maxchars is not None or type(stream) is not BytesIO:
        return _originals["_read_until_class"](class_chars, stream, maxchars)
    pos = stream.tell()
    with stream.getbuffer() as buf:
        size = len(buf)
        if pos >= size:
            return b"", True
        m = _class_re(class_chars).search(buf, pos)
        if m is None:
            out = bytes(buf[pos:])
            stream.seek(size)
            return out, True
        stop = m.start()
        out = bytes(buf[pos:stop])
    stream.seek(stop + 1)
    return out, False


def _read_non_whitespace(stream, seek_back=False, allow_eof=False):
    """misc.read_non_whitespace: the next byte that is not PDF whitespace, comments skipped.

    The fast path covers the usual case (a non-whitespace byte that does not start a comment);
    comments and the end of the stream go to the original, from the same position.
    """
    if type(stream) is not BytesIO:
        return _originals["read_non_whitespace"](stream, seek_back, allow_eof)
    tok = stream.read(1)
    if tok and tok not in _WS and tok != b"%":  # most calls: the very next byte (hex strings)
        if seek_back:
            stream.seek(-1, 1)
        return tok
    if tok:
        stream.seek(-1, 1)
    pos = stream.tell()
    with stream.getbuffer() as buf:
        m = _NOT_WS.search(buf, pos) if pos < len(buf) else None
        tok = buf[m.start()] if m is not None else None
    if tok is None or tok == 0x25:  # end of stream, or '%': let the original handle it
        return _originals["read_non_whitespace"](stream, seek_back, allow_eof)
    at = m.start()
    stream.seek(at if seek_back else at + 1)
    return bytes((tok,))


# A reference written the usual way, "12 0 R", then a byte that is not a letter.
_CANONICAL_REF = re.compile(rb"([0-9]+) ([0-9]+) R[^a-zA-Z]")


def _read_object(stream, container_ref, as_metadata_stream=False, in_content_stream=None):
    """generic.read_object: an indirect reference written the usual way is read in one match.

    pyHanko peeks 20 bytes, matches its INDIRECT_PATTERN, then reads the numbers a byte at a
    time; for "N G R" with single spaces that always yields IndirectObject(N, G) and leaves the
    stream just after the R. Anything else (and content streams) goes to the original.
    """
    if in_content_stream is None:
        from pyhanko.pdf_utils.generic import ContentOpReading  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

        in_content_stream = ContentOpReading.NO
    if type(stream) is BytesIO and not in_content_stream:
        pos = stream.tell()
        with stream.getbuffer() as buf:
            m = _CANONICAL_REF.match(buf, pos)
            end = m.end() if m is not None else 0
            ref = (int(m[1]), int(m[2])) if m is not None and end - pos <= 20 else None
        if ref is not None and ref[0] > 0:
            from pyhanko.pdf_utils.generic import IndirectObject  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

            result = IndirectObject(ref[0], ref[1], container_ref.get_pdf_handler())
            stream.seek(end - 1)
            result.container_ref = container_ref
            return result
    return _originals["read_object"](stream, container_ref, as_metadata_stream, in_content_stream)


# An array of references written the usual way, separated by PDF whitespace (no comments).
_REF_ARRAY = re.compile(rb"\[(?:[ \n\r\t\f\x00]*[0-9]{1,8} [0-9]{1,5} R(?=[^a-zA-Z]))*[ \n\r\t\f\x00]*\]")
_ARRAY_REF = re.compile(rb"([0-9]+) ([0-9]+) R")


def _read_array(stream, container_ref, in_content_stream=None):
    """generic.ArrayObject.read_from_stream for arrays that hold only "N G R" references.

    pyHanko reads each element through read_non_whitespace and read_object; for such an array
    that yields the same IndirectObjects, each with the array's container_ref, and leaves the
    stream after the ']'. Ids of 0 (which pyHanko refuses) and anything else go to the original.
    """
    if type(stream) is BytesIO and not in_content_stream:
        pos = stream.tell()
        with stream.getbuffer() as buf:
            m = _REF_ARRAY.match(buf, pos)
            refs = _ARRAY_REF.findall(buf, pos, m.end()) if m is not None else None
            end = m.end() if m is not None else 0
        if refs is not None and all(int(i) > 0 for i, _ in refs):
            from pyhanko.pdf_utils.generic import ArrayObject, IndirectObject  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

            pdf = container_ref.get_pdf_handler()
            arr = ArrayObject()
            for i, g in refs:
                ref = IndirectObject(int(i), int(g), pdf)
                ref.container_ref = container_ref
                arr.append(ref)
            stream.seek(end)
            return arr
    if in_content_stream is None:
        return _originals["array_read"](stream, container_ref)
    return _originals["array_read"](stream, container_ref, in_content_stream=in_content_stream)


_HEX_BODY = re.compile(rb"[0-9a-fA-F \n\r\t\f\x00]*>")


def _read_hex_string(stream):
    """generic.read_hex_string_from_stream: a hex string of digits and whitespace in one match.

    pyHanko reads it one read_non_whitespace call per digit (a signature's /Contents is ~9,000);
    with a comment or any other byte inside, the original reads it from the same position.
    """
    if type(stream) is BytesIO:
        pos = stream.tell()
        with stream.getbuffer() as buf:
            m = _HEX_BODY.match(buf, pos + 1) if pos < len(buf) else None
            body = bytes(buf[pos + 1 : m.end() - 1]) if m is not None else None
        if body is not None:
            from pyhanko.pdf_utils.generic import pdf_string  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

            digits = body.translate(None, _WS)
            stream.seek(m.end())
            return pdf_string(binascii.unhexlify(digits + (b"0" if len(digits) % 2 else b"")))
    return _originals["read_hex_string_from_stream"](stream)


def _decode_name(name_bytes: bytes):
    """generic._decode_name: names without '#' escapes and with only regular ASCII bytes."""
    if _PLAIN_NAME.fullmatch(name_bytes) is None:
        return _originals["_decode_name"](name_bytes)
    from pyhanko.pdf_utils.generic import NameObject  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    return NameObject("/" + name_bytes.decode("ascii"))


def installed_pyhanko_version() -> str:
    """pyHanko's installed version ("?" if unknown).

    Read from the name of its ``dist-info`` folder beside the package: ``importlib.metadata``
    gives the same answer but imports the e-mail parser to do it (about 20 ms of every
    ``nghisu verify``)."""
    import pyhanko  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    for location in getattr(pyhanko, "__path__", ()):
        for info in Path(location).parent.glob("[pP]y[hH]anko-*.dist-info"):
            return info.name[len("pyhanko-"):-len(".dist-info")]
    try:
        from importlib.metadata import version  # noqa: PLC0415 -- deferred: it imports the e-mail parser (~20 ms)

        return version("pyHanko")
    except Exception:  # no metadata: do not guess
        return "?"


def installed() -> bool:
    return bool(_originals)


def install(*, force: bool = False) -> bool:
    """Install the replacements once; True if they are active.

    They are not installed when ``NGHISU_PYHANKO_PATCHES`` says off, unless ``force`` (for the
    tests and benchmarks that compare both ways in one process), nor when the installed pyHanko
    is not the version they were written against.
    """
    if _originals:
        return True
    if not (force or patches_enabled()):
        log.info("NGHISU_PYHANKO_PATCHES is off: pyHanko's own readers")
        return False
    found = installed_pyhanko_version()
    if found != PYHANKO_VERSION:
        log.warning("pyHanko %s is not %s: speed-ups not installed", found, PYHANKO_VERSION)
        return False
    from pyhanko.pdf_utils import generic, misc  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    _originals["_read_until_class"] = misc._read_until_class
    _originals["read_non_whitespace"] = misc.read_non_whitespace
    _originals["_decode_name"] = generic._decode_name
    _originals["read_object"] = generic.read_object
    _originals["array_read"] = generic.ArrayObject.read_from_stream
    _originals["read_hex_string_from_stream"] = generic.read_hex_string_from_stream
    misc._read_until_class = _read_until_class
    misc.read_non_whitespace = _read_non_whitespace
    generic.read_non_whitespace = _read_non_whitespace
    generic._decode_name = _decode_name
    generic.read_object = _read_object
    generic.ArrayObject.read_from_stream = staticmethod(_read_array)
    generic.read_hex_string_from_stream = _read_hex_string
    xref_table.install()
    xref_stream.install()
    pruned_usages.install()
    return True


def uninstall() -> None:
    """Put pyHanko's own functions back (the equivalence tests run both ways)."""
    if not _originals:
        return
    from pyhanko.pdf_utils import generic, misc  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    misc._read_until_class = _originals["_read_until_class"]
    misc.read_non_whitespace = _originals["read_non_whitespace"]
    generic.read_non_whitespace = _originals["read_non_whitespace"]
    generic._decode_name = _originals["_decode_name"]
    generic.read_object = _originals["read_object"]
    generic.ArrayObject.read_from_stream = staticmethod(_originals["array_read"])
    generic.read_hex_string_from_stream = _originals["read_hex_string_from_stream"]
    xref_table.uninstall()
    xref_stream.uninstall()
    pruned_usages.uninstall()
    _originals.clear()
