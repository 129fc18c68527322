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
from itertools import accumulate, repeat
from operator import add, and_, ge, ne, sub

from signing.pyhanko_patches.reference_scan import _TOKEN_END, _refs_in, _stream_framed

#: Every byte ``_refs_in`` splits tokens on (bytes.split's whitespace), as a space.
_SPACES = bytes.maketrans(b"\t\n\x0b\x0c\r", b"     ")
_DIGITS = frozenset(b"0123456789")
_SEPARATOR = b"\x00"  # between windows: not in a trusted one, and it ends every token


class WindowIndex:
    """The windows of the plain objects ``ids`` (at ``offsets``) of ``data``.

    ``unsure``: the objects whose references only pyHanko's parse can tell (the rules give None).
    ``referrers(n)``: the other objects whose trusted windows may refer to ``n`` (a superset).
    """

    def __init__(self, data: bytes, ids: list[int], offsets: list[int]) -> None:
        self.ids = ids
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
        for i in _false_at(fine):
            unsure.add(i)
            windows[i] = b""
        text = _SEPARATOR.join(windows).translate(_SPACES)
        self.starts = list(map(add, accumulate(map(len, windows), initial=0), range(len(windows))))
        unsure |= self._untrusted(text, windows)
        for i in _true_at(list(map(ne, cuts, ends))):  # streams: pyHanko must find where they end
            if i not in unsure and not _stream_framed(data, windows[i], cuts[i]):
                unsure.add(i)
        self.unsure_at = unsure
        self.unsure = {ids[i] for i in unsure}
        self.text = text
        self.windows = windows
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

    def _untrusted(self, text: bytes, windows: list[bytes]) -> set[int]:
        """Windows with bytes that could hide structure (reference_scan._untrusted, for all at once).

        A count over the joined text equals the sum of the counts over the windows (the separator
        stops every run), and no window holds fewer '<' than twice its '<<', so the whole text
        having as many as twice its '<<' means every window does.
        """
        bad: set[int] = set()
        for needle in (b"(", b"%", b"<<<"):
            bad |= self._windows_holding(text, needle)
        if text.count(_SEPARATOR) != len(windows) - 1:
            bad |= set(_true_at(list(map(bytes.__contains__, windows, repeat(_SEPARATOR)))))
        if text.count(b"<") != 2 * text.count(b"<<"):
            # Every '<<' made two other bytes (replace keeps the positions): a '<' left is alone.
            bad |= self._windows_holding(text.replace(b"<<", b"\x01\x01"), b"<")
        return bad

    def _windows_holding(self, text: bytes, needle: bytes) -> set[int]:
        out = set()
        at = text.find(needle)
        while at >= 0:
            i = bisect.bisect_right(self.starts, at) - 1
            out.add(i)
            nxt = self.starts[i + 1] if i + 1 < len(self.starts) else len(text)
            at = text.find(needle, nxt)  # the rest of this window changes nothing
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


def _false_at(flags: list[bool]):
    """The indices of the False items (a C search per item found, not a Python test per item)."""
    at = -1
    while True:
        try:
            at = flags.index(False, at + 1)
        except ValueError:
            return
        yield at


def _true_at(flags: list[bool]):
    at = -1
    while True:
        try:
            at = flags.index(True, at + 1)
        except ValueError:
            return
        yield at
