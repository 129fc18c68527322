"""The cross-reference table read in runs: parsed and filled in whole runs of entries.

Why: a 2,600-page file's table has 5,220 entries. pyHanko makes an ``XRefEntry`` of each and
``XRefSectionData.process_entries`` stores it, about 2 µs an entry in Python: 10 ms of every
check of such a file, a third of the check when it carries one signature.

What: ``parse_xref_table`` (installed in pyhanko.pdf_utils.xref) returns ``Entries``. Iterated,
it gives pyHanko's entries one by one, exactly as pyHanko's generator does. Handed to
``process_entries`` (replaced on XRefSectionData), each run of well-formed entries that are
all in use, with generations pyHanko accepts, is stored at once (``dict.update`` over the
run's numbers, ``set.update`` of its references), which is what pyHanko's loop stores for
them one by one; any other run, and every other entry, goes through pyHanko's own
``process_entries``, entry after entry, in the same order. The stream is read exactly as far as
before, and an error is raised at the same entry.

tests/signing/test_verify_speed_equivalence.py compares the filled sections (every field, the
highest number, the stream position, the exception) with pyHanko's on every corpus file's
tables and on hand-made ones.
"""

from __future__ import annotations

import os
import re
from io import BytesIO

_original_parse = None
_original_process = None


class Piece:
    """Consecutive entries read at once (a table's run, a stream's subsection): pyHanko's
    ``XRefEntry`` for each, or all stored at once."""

    __slots__ = ()

    def entries(self):
        raise NotImplementedError

    def store(self, section, strict: bool) -> int:
        """Store the entries in ``section`` as process_entries would; the highest number in them."""
        raise NotImplementedError


def process_one_by_one(section, entries, strict: bool) -> int:
    """pyHanko's own process_entries (the fallback of every Piece)."""
    return _original_process(section, entries, strict)


class Run(Piece):
    """Consecutive table entries from object ``first`` on: ``block``, 20 bytes each."""

    __slots__ = ("block", "first")

    def __init__(self, first: int, block: bytes) -> None:
        self.first, self.block = first, block

    def entries(self):
        """pyHanko's XRefEntry for each, as its own parser makes them."""
        from pyhanko.pdf_utils.xref import XRefEntry, XRefType  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

        block, num = self.block, self.first
        for i in range(0, len(block), 20):
            if block[i + 17] == 0x6E:  # n
                yield XRefEntry(XRefType.STANDARD, int(block[i : i + 10]), num, int(block[i + 11 : i + 16]))
            else:
                yield XRefEntry(XRefType.FREE, None, num, int(block[i + 11 : i + 16]))
            num += 1

    def store(self, section, strict: bool) -> int:
        if self.first == 0 and len(self.block) > 20:  # object 0 (skipped by pyHanko), then the rest
            _original_process(section, Run(0, self.block[:20]).entries(), strict)
            return Run(1, self.block[20:]).store(section, strict)
        tokens = self.block.split()  # offset, generation, marker: three words an entry
        generations = list(map(int, tokens[1::3]))
        markers = tokens[2::3]
        last = self.first + len(markers) - 1
        if self.first == 0 or markers.count(b"n") != len(markers) or max(generations) > 0xFFFF:
            # object 0, free entries or a generation pyHanko refuses: its own loop decides
            return _original_process(section, self.entries(), strict)
        numbers = range(self.first, last + 1)
        section.standard_xrefs.update(zip(numbers, zip(generations, map(int, tokens[0::3]), strict=True), strict=True))
        section.explicit_refs_in_revision.update(zip(numbers, generations, strict=True))
        return last


class Entries:
    """What the patched parsers return: an iterator of pyHanko's entries, which
    ``process_entries`` reads piece by piece instead (see the module doc)."""

    def __init__(self, pieces) -> None:
        self.pieces = pieces
        self.started = False
        self._entries = None

    def __iter__(self):
        return self

    def __next__(self):
        if self._entries is None:
            self.started = True
            self._entries = (e for piece in self.pieces
                             for e in (piece.entries() if isinstance(piece, Piece) else (piece,)))
        return next(self._entries)


def parse_xref_table(stream, strict: bool):
    return Entries(table_pieces(stream, strict))


def process_entries(self, entries, strict: bool):
    """XRefSectionData.process_entries, taking the pieces of Entries whole (see the module doc)."""
    if type(entries) is not Entries or entries.started:
        return _original_process(self, entries, strict)
    entries.started = True
    highest = 0
    for piece in entries.pieces:
        if isinstance(piece, Piece):
            highest = max(highest, piece.store(self, strict))
        else:
            highest = max(highest, _original_process(self, (piece,), strict))
    return highest


# A cross-reference entry exactly as the PDF specification writes it: 20 bytes, the line ending
# " \r", " \n" or "\r\n". For these, pyHanko's per-line adjustments do nothing.
_XREF_RUN = re.compile(rb"(?:[0-9]{10} [0-9]{5} [nf](?: \r| \n|\r\n))+")


def table_pieces(stream, strict: bool):
    """xref.parse_xref_table, yielding each run of well-formed 20-byte entries as one ``Run``
    (read with one regex match) and every other entry as pyHanko's ``XRefEntry``.

    Everything else (the subsection headers, odd line endings, unknown markers, the trailer
    keyword) goes through pyHanko's own code, copied here from pyhanko 0.38.0 (MIT licence).
    """
    from pyhanko.pdf_utils import generic, misc  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.pdf_utils.xref import (  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
        XRefEntry,
        XRefType,
        _xref_parse_decimal,  # noqa: PLC2701 -- pyHanko's own helper, called as the copied code calls it
    )

    if type(stream) is not BytesIO:
        yield from _original_parse(stream, strict)
        return
    standard, free = XRefType.STANDARD, XRefType.FREE
    misc.read_non_whitespace(stream)
    stream.seek(-1, os.SEEK_CUR)
    while True:
        num = generic.NumberObject.read_from_stream(stream)
        misc.read_non_whitespace(stream)
        stream.seek(-1, os.SEEK_CUR)
        size = generic.NumberObject.read_from_stream(stream)
        misc.read_non_whitespace(stream)
        stream.seek(-1, os.SEEK_CUR)
        cnt = 0
        while cnt < size:
            pos = stream.tell()
            with stream.getbuffer() as buf:
                run = _XREF_RUN.match(buf, pos)
                block = bytes(buf[pos : run.end()]) if run is not None else b""
            n = min(len(block) // 20, size - cnt)
            if n:
                yield Run(num, block[: n * 20])
                num += n
                cnt += n
                stream.seek(pos + n * 20)
                continue
            line = stream.read(20)
            while line[0] in b"\x0d\x0a":
                stream.seek(-20 + 1, os.SEEK_CUR)
                line = stream.read(20)
            if line[-1] in b"0123456789t":
                stream.seek(-1, os.SEEK_CUR)
            offset, generation, marker = line[:18].split(b" ", maxsplit=2)
            if not strict and len(marker) > 1:
                offset, generation, marker = line[:18].split(maxsplit=2)
            if marker == b"n":
                yield XRefEntry(
                    xref_type=standard,
                    location=_xref_parse_decimal(offset, "XRef line parsing error (location)"),
                    idnum=num,
                    generation=_xref_parse_decimal(generation, "XRef line parsing error (generation)"),
                )
            elif marker == b"f":
                yield XRefEntry(
                    xref_type=free,
                    location=None,
                    idnum=num,
                    generation=_xref_parse_decimal(
                        generation, "XRef line parsing error (generation to free)"
                    ),
                )
            elif strict:
                raise misc.PdfStrictReadError(f"Unknown marker {marker!r}")
            num += 1
            cnt += 1
        misc.read_non_whitespace(stream)
        stream.seek(-1, os.SEEK_CUR)
        trailertag = stream.read(7)
        if trailertag == b"trailer":
            misc.read_non_whitespace(stream)
            stream.seek(-1, os.SEEK_CUR)
            return
        stream.seek(-7, os.SEEK_CUR)


def install() -> None:
    global _original_parse, _original_process
    from pyhanko.pdf_utils import xref  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if _original_parse is None:
        _original_parse, _original_process = xref.parse_xref_table, xref.XRefSectionData.process_entries
        xref.parse_xref_table = parse_xref_table
        xref.XRefSectionData.process_entries = process_entries


def uninstall() -> None:
    global _original_parse, _original_process
    from pyhanko.pdf_utils import xref  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if _original_parse is not None:
        xref.parse_xref_table = _original_parse
        xref.XRefSectionData.process_entries = _original_process
        _original_parse = _original_process = None
