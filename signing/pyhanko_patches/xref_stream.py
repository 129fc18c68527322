"""Cross-reference streams read a subsection at a time (as Word and most writers save since PDF 1.5).

Why: pyHanko's ``parse_xref_stream`` reads each field of each entry through a nested function,
looking the field's width up in the /W array (a PDF array: three Python calls a look-up) every
time: 16,000 reads and 35 ms for the 5,260 entries of a 2,600-page file saved with object
streams, a quarter of its whole check.

What: ``parse_xref_stream`` (installed in pyhanko.pdf_utils.xref) returns
``xref_table.Entries``. A subsection whose widths are plain numbers of 0 to 7 bytes and whose
entries are all in the decoded data becomes one ``Subsection``: each field's column cut from the
data with one stepped slice per byte and combined with ``map``, as pyHanko's ``convert_to_int``
reads it (big-endian, a width of 0 giving the default). Iterated, it gives pyHanko's entries
one by one; stored (``xref_table.process_entries``), a subsection of in-use and compressed
entries is stored at once. Anything else (other widths, short data, free or unknown entries
when stored) goes through pyHanko's own code, copied below for the subsections it reads itself.

tests/signing/test_verify_speed_equivalence.py compares every section the reader fills, with
and without, on every corpus file and on their cross-reference streams with other widths.
"""

from __future__ import annotations

from io import BytesIO
from itertools import repeat
from operator import add, mul

from signing.pyhanko_patches import xref_table

_original_parse = None


class Subsection(xref_table.Piece):
    """Entries ``first``, ``first + 1``, … of a cross-reference stream, their fields as columns."""

    __slots__ = ("first", "kinds", "one", "two")

    def __init__(self, first: int, kinds: list[int], one: list[int], two: list[int]) -> None:
        self.first, self.kinds, self.one, self.two = first, kinds, one, two

    def entries(self):
        """pyHanko's XRefEntry for each, as parse_xref_stream makes them."""
        from pyhanko.pdf_utils.xref import ObjStreamRef, XRefEntry, XRefType  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

        for num, kind, one, two in zip(range(self.first, self.first + len(self.kinds)), self.kinds, self.one,
                                       self.two, strict=True):
            if kind == 1:
                yield XRefEntry(xref_type=XRefType.STANDARD, idnum=num, location=one, generation=two)
            elif kind == 2:
                yield XRefEntry(xref_type=XRefType.IN_OBJ_STREAM, idnum=num, location=ObjStreamRef(one, two))
            elif kind == 0:
                yield XRefEntry(xref_type=XRefType.FREE, idnum=num, generation=two, location=None)

    def store(self, section, strict: bool) -> int:
        from pyhanko.pdf_utils.xref import ObjStreamRef  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

        kinds, n = self.kinds, len(self.kinds)
        if not n:
            return 0
        if self.first == 0 and n > 1:  # object 0 (skipped by pyHanko), then the rest
            part = Subsection(0, kinds[:1], self.one[:1], self.two[:1])
            xref_table.process_one_by_one(section, part.entries(), strict)
            return Subsection(1, kinds[1:], self.one[1:], self.two[1:]).store(section, strict)
        plain = kinds.count(1)
        if self.first == 0 or plain + kinds.count(2) != n or (plain and max(
                two for kind, two in zip(kinds, self.two, strict=True) if kind == 1) > 0xFFFF):
            # object 0, free or unknown entries, a generation pyHanko refuses: its own loop decides
            return xref_table.process_one_by_one(section, self.entries(), strict)
        numbers = range(self.first, self.first + n)
        explicit = section.explicit_refs_in_revision
        if plain:
            rows = [(num, one, two) for num, kind, one, two in zip(numbers, kinds, self.one, self.two, strict=True)
                    if kind == 1]
            section.standard_xrefs.update((num, (two, one)) for num, one, two in rows)
            explicit.update((num, two) for num, _, two in rows)
        if plain != n:
            rows = [(num, one, two) for num, kind, one, two in zip(numbers, kinds, self.one, self.two, strict=True)
                    if kind == 2]
            section.xrefs_in_objstm.update((num, ObjStreamRef(one, two)) for num, one, two in rows)
            section.obj_streams_used.update(one for _, one, _ in rows)
            explicit.update((num, 0) for num, _, _ in rows)
        return self.first + n - 1


def _column(block: bytes, row: int, at: int, width: int, default: int) -> list[int]:
    """Field values of every row of ``block``: ``width`` big-endian bytes from ``at``."""
    count = len(block) // row
    if width == 0:
        return [default] * count
    values = list(block[at::row][:count])
    for k in range(1, width):
        values = list(map(add, map(mul, values, repeat(256)), block[at + k::row][:count]))
    return values


def stream_pieces(xref_stream, strict: bool = True):
    """xref.parse_xref_stream, yielding a ``Subsection`` for each subsection it can cut at once
    and pyHanko's ``XRefEntry`` for every other entry (pyhanko 0.38.0's code, MIT licence)."""
    from pyhanko.pdf_utils import misc  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.pdf_utils.decode_limits import DecodePurpose  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.pdf_utils.xref import (  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
        ObjStreamRef,
        XRefEntry,
        XRefType,
        _expected_xref_stream_size,  # noqa: PLC2701 -- pyHanko's own helper, called as the copied code calls it
        convert_to_int,
    )

    idx_pairs = xref_stream.get("/Index", [0, xref_stream.get("/Size")])
    entry_sizes = xref_stream.get("/W")
    raw = xref_stream.read_data(
        DecodePurpose.XREF_STREAM,
        expected_size=_expected_xref_stream_size(idx_pairs, entry_sizes),
    )
    stream_data = BytesIO(raw)
    # The widths as plain numbers, when each is one pyHanko reads as we do (0 to 7 bytes: its
    # convert_to_int reads 8 as a signed number).
    try:
        widths = [int(entry_sizes[ix]) for ix in range(3)]
        cut = all(type(entry_sizes[ix]) is not bool and isinstance(entry_sizes[ix], int) for ix in range(3)) \
            and all(0 <= w <= 7 for w in widths) and sum(widths) > 0
    except (TypeError, ValueError, IndexError, KeyError):
        cut = False

    def get_entry(ix):
        entry_width = entry_sizes[ix]
        if entry_width > 0:
            d = stream_data.read(entry_width)
            if len(d) >= entry_width:
                return convert_to_int(d, entry_width)
            elif strict:
                raise misc.PdfStrictReadError(
                    "XRef stream ended prematurely; incomplete entry: "
                    f"expected to read {entry_width} bytes, but only got "
                    f"{len(d)}."
                )
        if ix == 0:
            return 1
        else:
            return 0

    last_end = 0
    for start, size in misc.pair_iter(idx_pairs):
        assert start >= last_end
        last_end = start + size
        if cut and isinstance(start, int) and isinstance(size, int) and size >= 0:
            row, pos = sum(widths), stream_data.tell()
            if len(raw) - pos >= size * row:
                block = raw[pos : pos + size * row]
                yield Subsection(start, _column(block, row, 0, widths[0], 1),
                                 _column(block, row, widths[0], widths[1], 0),
                                 _column(block, row, widths[0] + widths[1], widths[2], 0))
                stream_data.seek(pos + size * row)
                continue
        for num in range(start, start + size):
            xref_type = get_entry(0)
            if xref_type == 1:
                location = get_entry(1)
                generation = get_entry(2)
                yield XRefEntry(
                    xref_type=XRefType.STANDARD,
                    idnum=num,
                    location=location,
                    generation=generation,
                )
            elif xref_type == 2:
                objstr_num = get_entry(1)
                objstr_idx = get_entry(2)
                location = ObjStreamRef(objstr_num, objstr_idx)
                yield XRefEntry(
                    xref_type=XRefType.IN_OBJ_STREAM,
                    idnum=num,
                    location=location,
                )
            elif xref_type == 0:
                get_entry(1)
                next_generation = get_entry(2)
                yield XRefEntry(
                    xref_type=XRefType.FREE,
                    idnum=num,
                    generation=next_generation,
                    location=None,
                )
            else:
                get_entry(1)
                get_entry(2)

    if len(stream_data.read(1)) > 0 and strict:
        raise misc.PdfStrictReadError("Trailing data in cross-reference stream")


def parse_xref_stream(xref_stream, strict: bool = True):
    return xref_table.Entries(stream_pieces(xref_stream, strict))


def install() -> None:
    global _original_parse
    from pyhanko.pdf_utils import xref  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if _original_parse is None:
        _original_parse = xref.parse_xref_stream
        xref.parse_xref_stream = parse_xref_stream


def uninstall() -> None:
    global _original_parse
    from pyhanko.pdf_utils import xref  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if _original_parse is not None:
        xref.parse_xref_stream = _original_parse
        _original_parse = None
