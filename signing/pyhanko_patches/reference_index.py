"""Every plain object's window read at once, and the objects that refer to one object found by search.

Used by signing.pyhanko_patches.reference_scan.ReferenceGraph. The rules are that module's
(``window_refs``: the window of an object, when its bytes can be trusted, and which references
in it pyHanko's walk can follow); this module applies them to all objects together.

Why: applied one object at a time in Python, the rules cost about 6 µs an object: 30 ms of a
2,600-page file's 75 ms check, to learn which of 5,200 objects refer to the dozen that the
difference analysis asks about. Here each step is one operation over all windows (``map`` of a
bytes method, one ``join``, counts over the joined text), so Python runs per object only where a
window needs pyHanko (a literal string, a hex string, a bad header: a signature dictionary, say),
and per stream for its /Length check. The references are not read out at all: the objects that
refer to ``N`` are found by searching the joined text for ``N 0 R`` when needed.

Why a search finds them all: in the joined text every whitespace byte is a space. If every
space-then-``R`` in it ends a `` 0 R`` and no `` 0 R`` follows a second space (``canonical``),
then every reference pyHanko reads in a trusted window ("digits ws+ digits ws+ R") is written
``<digits> 0 R`` there, its digits right before; a hit is kept when no other digit but zeros
comes before it (zeros: pyHanko reads "007" as 7). Otherwise (a generation other than 0, odd
spacing) each trusted window's references are read by the per-window rule instead. A hit in a
window that pyHanko must parse is ignored: that object's references come from its parse.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import accumulate, repeat
from operator import add, and_, ge, le, ne, sub

from signing.pyhanko_patches.reference_scan import _TOKEN_END, _refs_in, _stream_framed

#: Every byte ``_refs_in`` splits tokens on (bytes.split's whitespace), as a space.
_SPACES = bytes.maketrans(b"\t\n\x0b\x0c\r", b"     ")
_DIGITS = frozenset(b"0123456789")
_SEPARATOR = b"\x00"  # between windows: not in a trusted one, and it ends every token


class WindowIndex:
    """The windows of the plain objects ``ids`` (at ``offsets``) of ``data``, and of the objects
    ``packed_ids`` kept in object streams (``packed``: each one's bytes in its decoded stream,
    None where the stream's header does not say them plainly).

    ``unsure``: the objects whose references only pyHanko's parse can tell (the rules give None).
    ``referrers(n)``: the other objects whose trusted windows may refer to ``n`` (a superset).
    """

    def __init__(self, data: bytes, ids: Sequence[int], offsets: Sequence[int],
                 packed_ids: Sequence[int] = (), packed: Sequence[bytes | None] = ()) -> None:
        windows, unsure, streams = _plain_windows(data, ids, offsets)
        plain = len(windows)
        for i in _indices(True, [w is None for w in packed]):
            unsure.add(plain + i)
        windows += [b"" if w is None else w for w in packed]
        self.ids = [*ids, *packed_ids]
        self.windows = windows
        self.text = _SEPARATOR.join(windows).translate(_SPACES)
        self.starts = list(map(add, accumulate(map(len, windows), initial=0), range(len(windows))))
        unsure |= self._untrusted(0, plain, (b"(", b"%", b"<<<"), b"<")
        unsure |= self._untrusted(plain, len(windows), (b"(", b"%", b"<<<", b">>>"), b"<", b">")
        for i, cut in streams:  # pyHanko must find where a stream ends
            if i not in unsure and not _stream_framed(data, windows[i], cut):
                unsure.add(i)
        unsure |= _loose_in_object_streams(windows[plain:], plain)
        self.unsure_at = unsure
        self.unsure = {self.ids[i] for i in unsure}
        self.canonical = self._canonical()

    def _canonical(self) -> bool:
        """Whether every reference in a trusted window is written ``<digits> 0 R`` (module doc).

        The counts of the windows pyHanko parses are taken out: a string of theirs may hold
        anything without slowing the rest down.
        """
        patterns = (b" R", b" 0 R", b"  0 R")
        counts = [self.text.count(p) for p in patterns]
        for i in self.unsure_at:
            window = self.windows[i].translate(_SPACES)
            counts = [n - window.count(p) for n, p in zip(counts, patterns, strict=True)]
        return counts[0] == counts[1] and counts[2] == 0

    def _untrusted(self, first: int, last: int, needles: tuple[bytes, ...], *paired: bytes) -> set[int]:
        """Windows ``first`` to ``last`` (not included) with bytes that could hide structure:
        any of ``needles``, a NUL, or a bracket of ``paired`` not in a pair (reference_scan's
        ``_untrusted`` and ``_UNTRUSTED_IN_OBJSTM``, for all at once).

        A count over the joined text equals the sum of the counts over the windows (the separator
        stops every run), and no window holds fewer '<' than twice its '<<', so the whole range
        having as many as twice its '<<' means every window does.
        """
        if first == last:
            return set()
        text, starts = self.text, self.starts
        lo, hi = starts[first], starts[last] - 1 if last < len(starts) else len(text)
        bad: set[int] = set()
        for needle in needles:
            bad |= self._windows_holding(text, needle, lo, hi)
        if text.count(_SEPARATOR, lo, hi) != last - first - 1:
            flags = list(map(bytes.__contains__, self.windows[first:last], repeat(_SEPARATOR)))
            bad |= {first + i for i in _indices(True, flags)}
        for bracket in paired:
            if text.count(bracket, lo, hi) != 2 * text.count(bracket * 2, lo, hi):
                # Every pair made two other bytes (replace keeps the positions): one left is alone.
                bad |= self._windows_holding(text.replace(bracket * 2, b"\x01\x01"), bracket, lo, hi)
        return bad

    def _windows_holding(self, text: bytes, needle: bytes, lo: int, hi: int) -> set[int]:
        out = set()
        at = text.find(needle, lo, hi)
        while at >= 0:
            i = bisect.bisect_right(self.starts, at) - 1
            out.add(i)
            nxt = self.starts[i + 1] if i + 1 < len(self.starts) else len(text)
            at = text.find(needle, nxt, hi)  # the rest of this window changes nothing
        return out

    def all_references(self) -> dict[int, set[int]]:
        """object -> the references of its trusted window (the per-window rule), for a text that
        is not canonical."""
        out = {}
        for i, window in enumerate(self.windows):
            if i not in self.unsure_at:
                out[self.ids[i]] = _refs_in(window)
        return out

    def referrers(self, child: int) -> set[int]:
        """The objects whose trusted windows hold ``child 0 R``, less /Parent values outside
        arrays (canonical text only: see the module doc)."""
        text, starts = self.text, self.starts
        needle = b"%d 0 R" % child
        out: set[int] = set()
        at = text.find(needle)
        while at >= 0:
            before = at
            while before > 0 and text[before - 1] == 0x30:  # leading zeros belong to the number
                before -= 1
            if before == 0 or text[before - 1] not in _DIGITS:
                i = bisect.bisect_right(starts, at) - 1
                if i not in self.unsure_at and not self._parent_value(i, before, at):
                    out.add(self.ids[i])
            at = text.find(needle, at + 1)
        return out

    def _parent_value(self, i: int, before: int, at: int) -> bool:
        """Whether the reference at ``at`` is the value of a /Parent key outside arrays
        (reference_scan._is_parent_value's rule; other spellings are kept as references)."""
        start, text = self.starts[i], self.text
        if before != at or at - 8 < start or not text.startswith(b"/Parent ", at - 8):
            return False
        return text.count(b"[", start, at) == text.count(b"]", start, at)


def _plain_windows(data: bytes, ids: Sequence[int], offsets: Sequence[int]):
    """(each plain object's window, the indices already unsure, (index, cut) of each stream):
    reference_scan.window_refs's first steps, for all objects at once."""
    heads = list(map(b"%d 0 obj".__mod__, ids))
    begins = list(map(add, offsets, map(len, heads)))
    ends = list(map(data.find, repeat(b"endobj"), begins))
    found = list(map(data.find, repeat(b"stream"), begins, ends))
    # No "stream": the window ends at "endobj"; no "endobj" either: an empty one (unsure below).
    cuts = [c if c >= 0 else e if e >= 0 else b for c, e, b in zip(found, ends, begins, strict=True)]
    # The keyword must start a token; data[cut - 1] of a missing end is never looked at.
    fine = list(map(and_, map(data.startswith, heads, offsets), map(ge, ends, repeat(0))))
    fine = list(map(and_, fine, map(_TOKEN_END.__contains__, map(data.__getitem__, map(sub, cuts, repeat(1))))))
    windows = list(map(data.__getitem__, map(slice, begins, cuts)))
    unsure: set[int] = set()
    for i in _indices(False, fine):
        unsure.add(i)
        windows[i] = b""
    streams = [(i, cuts[i]) for i in _indices(True, list(map(ne, cuts, ends)))]
    return windows, unsure, streams


def _loose_in_object_streams(windows: list[bytes], first: int) -> set[int]:
    """Object-stream windows whose value may run on into the next object (reference_scan's
    ``objstm_window_refs``: it must start with '<<' or '[' and close as many brackets as it opens)."""
    starts = list(map(bytes.startswith, windows, repeat((b"<<", b"["))))
    opened = map(add, map(bytes.count, windows, repeat(b"<<")), map(bytes.count, windows, repeat(b"[")))
    closed = map(add, map(bytes.count, windows, repeat(b">>")), map(bytes.count, windows, repeat(b"]")))
    balanced = list(map(le, opened, closed))
    return {first + i for i in _indices(False, list(map(and_, starts, balanced)))}


def _indices(value: bool, flags: list[bool]):
    """The indices of the items equal to ``value`` (a C search per item found, not a Python
    test per item)."""
    at = -1
    while True:
        try:
            at = flags.index(value, at + 1)
        except ValueError:
            return
        yield at
