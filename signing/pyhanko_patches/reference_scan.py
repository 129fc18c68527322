"""The rules for reading an object's references from the file's bytes: a sound superset.

Used by signing.pyhanko_patches.reference_graph (the graph pruned_usages walks within, which
says why) and reference_index (the same rules applied to all objects at once). For a plain
object at offset ``o`` (classic cross-reference entry, header ``N 0 obj`` exactly there), its
*window* is the bytes from the header to the first ``stream`` or ``endobj`` keyword after it
that starts a token (preceded by whitespace, ``>`` or ``]``). If the window holds no literal string ``(``, no
comment ``%``, no NUL and no hex string (a ``<`` outside ``<<``), nothing in it can swallow
bytes: every byte is whitespace or part of a name, number, keyword or bracket. pyHanko's parse
of the object either ends inside the window or reaches the keyword while a dictionary or array
is still open, and fails there (a keyword is never a key or a value). So every reference pyHanko
can read in the object is a ``N G R`` sequence inside the window, which ``_refs_in`` finds (it
accepts more than pyHanko does; extra references only make the walk visit more). A stream is
trusted only if pyHanko would find ``endstream`` where its direct ``/Length`` says.

For an object inside an object stream, the window runs from its offset to the next object's; it
must start with ``<<`` or ``[`` and close at least as many brackets as it opens (with ``<`` and
``>`` only in pairs), so that pyHanko's parse of the value ends inside it.

Anything else (an object whose bytes fail these tests, a header not where the cross-reference
says) is parsed by pyHanko itself and its references taken from the result; a parse error means
doubt, and the caller falls back to pyHanko's own walk, which raises it if it matters.
"""

from __future__ import annotations

import bisect
import re

# In an object stream nothing ends a value but its brackets, so '>' must come in pairs too.
_UNTRUSTED_IN_OBJSTM = re.compile(rb"[(%\x00]|<<<|(?<!<)<(?!<)|>>>|(?<!>)>(?!>)")
_OBJSTM_HEADER = re.compile(rb"[\x00\t\n\x0c\r ]*([0-9]+)[\x00\t\n\x0c\r ]+([0-9]+)")
_TOKEN_END = frozenset(b"\x00\t\n\x0b\x0c\r >]")
_TRAILING_DIGITS = re.compile(rb"[0-9]+$")
_PDF_WS = frozenset(b" \n\r\t\x0c\x00")
# A direct length: pyHanko reads an indirect one through the file, so that case is not trusted.
_LENGTH = re.compile(
    rb"/Length[\t\n\x0b\x0c\r ]+([0-9]+)(?![0-9]*[\t\n\x0b\x0c\r ]+[0-9]+[\t\n\x0b\x0c\r ]+R)"
)
_WS_R = re.compile(rb"[\t\n\x0b\x0c\r ]R")


def _is_parent_value(window: bytes, at: int) -> bool:
    """Whether the reference before ``window[at]`` is the value of a /Parent key outside arrays.

    pyHanko's walk never follows /Parent. A token ending in '/Parent' ends with that name ('/'
    always starts a name). Outside any array (no '[' left open before it), a name followed by a
    value is a key and its value: were /Parent itself a value, the reference after it would
    stand where a key must, and pyHanko's parse of the object would fail there.
    """
    return window.count(b"[", 0, at) == window.count(b"]", 0, at)


def _stream_framed(data: bytes, window: bytes, cut: int) -> bool:
    """Whether pyHanko would find ``endstream`` where this stream's direct /Length says.

    Mirrors pyhanko.pdf_utils.generic._maybe_read_stream_payload, so that a stream pyHanko would
    refuse is parsed by pyHanko (and its error raised as it would be) rather than skipped.
    """
    if window.count(b"/Length") != 1:
        return False
    length = _LENGTH.search(window)
    if length is None:
        return False
    p, n = cut + 6, len(data)
    while p < n and data[p] in _PDF_WS:  # misc.skip_over_whitespace(stop_after_eol=True)
        c = data[p]
        p += 1
        if c == 0x0A:
            break
        if c == 0x0D:
            if p < n and data[p] == 0x0A:
                p += 1
            break
    q = p + int(length[1])
    while q < n and data[q] in _PDF_WS:
        q += 1
    if q >= n or data[q] == 0x25:  # end of file, or a comment: let pyHanko judge
        return False
    return data.startswith(b"endstream", q) or data.startswith(b"endstream", q - 1)


def _untrusted(window: bytes) -> bool:
    """Bytes that could hide structure from a reading by tokens: a literal string, a comment, a
    NUL, a hex string (a '<' not in "<<"); "<<<" is refused too rather than paired up."""
    return (
        b"(" in window
        or b"%" in window
        or b"\x00" in window
        or b"<<<" in window
        or window.count(b"<") != 2 * window.count(b"<<")
    )


def _refs_in(window: bytes) -> set[int]:
    """The references in a trusted window, less /Parent values outside arrays (a superset)."""
    # pyHanko reads a reference only as "digits ws+ digits ws+ R" (its INDIRECT_PATTERN, \s for
    # ws; NUL is untrusted), so every reference has whitespace right before its R.
    refs: set[int] = set()
    if b"R" not in window:
        return refs
    for r in _WS_R.finditer(window):
        at = r.start()
        head = window[:at].rsplit(None, 3)  # the last three tokens before R, whole
        if len(head) < 2 or not head[-1].isdigit():
            continue
        idtok = head[-2]
        if not idtok.isdigit():
            digits = _TRAILING_DIGITS.search(idtok)  # e.g. "[12": the digits end the token
            if digits is None:
                continue
            idtok = digits[0]
        elif len(head) >= 3 and head[-3].endswith(b"/Parent") and _is_parent_value(window, at):
            continue
        refs.add(int(idtok))
    return refs


def objstm_window_refs(window: bytes) -> set[int] | None:
    """References of the object whose bytes in an object stream are ``window``, or None."""
    if window[:2] != b"<<" and window[:1] != b"[":  # pyHanko reads the value right there
        return None
    if _UNTRUSTED_IN_OBJSTM.search(window) is not None:
        return None
    if window.count(b"<<") + window.count(b"[") > window.count(b">>") + window.count(b"]"):
        return None  # the value may run on into the next object
    return _refs_in(window)


def _objstm_segments(reader, stream_id: int):
    """(decoded data, idnum -> (index, start, end)) of an object stream, or None if unsure.

    Decoded the way pyHanko's reader does for a compressed object (the stream's current
    version); the header is read with a pattern that accepts only plain numbers.
    """
    from pyhanko.pdf_utils import generic  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.pdf_utils.decode_limits import DecodePurpose  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    try:
        stream = generic.Reference(stream_id, 0, reader).get_object()
        if not isinstance(stream, generic.StreamObject) or stream.get("/Type") != "/ObjStm":
            return None
        count, first = int(stream["/N"]), int(stream["/First"])
        data = stream.read_data(DecodePurpose.OBJECT_STREAM)
    except Exception:
        return None
    entries, pos = [], 0
    for index in range(count):
        m = _OBJSTM_HEADER.match(data, pos)
        if m is None:
            return None
        entries.append((int(m[1]), index, first + int(m[2])))
        pos = m.end()
    if pos > first:
        return None
    starts = sorted({start for _, _, start in entries} | {len(data)})
    segments: dict[int, tuple[int, int, int]] = {}
    for idnum, index, start in entries:
        if idnum in segments:  # pyHanko takes the first; an odd file: trust neither
            segments[idnum] = (-1, 0, 0)
            continue
        after = bisect.bisect_right(starts, start)
        segments[idnum] = (index, start, starts[after] if after < len(starts) else len(data))
    return data, segments


class Doubt(Exception):
    """The fast path cannot answer soundly: use pyHanko's full walk."""


def window_refs(data: bytes, idnum: int, start: int) -> set[int] | None:
    """References in the object at ``start`` that pyHanko's walk can follow, or None if unsure.

    The rule for one object; reference_index.WindowIndex applies it to all objects at once.
    """
    header = b"%d 0 obj" % idnum  # pyHanko reads exactly this, then the value after it
    if not data.startswith(header, start):
        return None
    begin = start + len(header)
    end = data.find(b"endobj", begin)
    if end < 0:
        return None
    cut = data.find(b"stream", begin, end)
    if cut < 0:
        cut = end
    if data[cut - 1] not in _TOKEN_END:
        return None
    window = data[begin:cut]
    if _untrusted(window):
        return None
    if cut != end and not _stream_framed(data, window, cut):
        return None
    return _refs_in(window)


class ObjectStreams:
    """The references of objects kept in object streams, each stream decoded once."""

    def __init__(self, reader) -> None:
        self.reader = reader
        self._decoded: dict[int, tuple[bytes, dict[int, tuple[int, int, int]]] | None] = {}

    def window(self, idnum: int, loc) -> bytes | None:
        """The bytes of an object kept in an object stream, or None if the stream's header does
        not say them plainly (``objstm_window_refs`` reads its references)."""
        if loc.obj_stream_id not in self._decoded:
            self._decoded[loc.obj_stream_id] = _objstm_segments(self.reader, loc.obj_stream_id)
        known = self._decoded[loc.obj_stream_id]
        if known is None or idnum not in known[1]:
            return None
        data, segments = known
        index, start, end = segments[idnum]
        if index != loc.ix_in_stream:
            return None
        return data[start:end]


def parsed_refs(resolver, idnum: int) -> set[int]:
    """The references of an object as pyHanko parses it; Doubt if it cannot."""
    from pyhanko.pdf_utils import generic  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    try:
        obj = resolver.get_object(generic.Reference(idnum, 0, resolver))
    except Exception as exc:  # let pyHanko's own walk raise it, if it reaches this object
        raise Doubt(f"object {idnum}: {exc}") from exc
    out: set[int] = set()
    todo = [obj]
    while todo:
        o = todo.pop()
        if isinstance(o, generic.IndirectObject):
            out.add(o.idnum)
        elif isinstance(o, generic.DictionaryObject):
            todo.extend(o.values())
        elif isinstance(o, generic.ArrayObject):
            todo.extend(o)
        elif isinstance(o, generic.DecryptedObjectProxy):
            raise Doubt("encrypted object")
    return out


def live_objects(xrefs, revision: int) -> dict[int, object]:
    """idnum -> location (offset or object-stream entry) as of ``revision``, or doubt."""
    live: dict[int, object] = {}
    for rev in range(revision + 1):
        data = xrefs.get_xref_data(rev)
        if data.hybrid is not None or data.freed:
            raise Doubt("hybrid or freed cross-reference entries")
        for idnum, (gen, offset) in data.standard_xrefs.items():
            if gen != 0 or idnum in data.xrefs_in_objstm:
                raise Doubt("non-zero generation")
            live[idnum] = offset
        live.update(data.xrefs_in_objstm)
    return live


