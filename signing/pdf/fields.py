"""Signature fields: created up front, one per signer slot, before anyone signs.

Creating every field before the first signature means later signers only *fill* fields,
which a certification with FILL_FORMS permits and which verifiers (pyHanko's difference
analysis, Adobe) accept without question; adding new fields after a certification is what
they are suspicious of.

Default placement: the lower part of the last page, two columns inside the Decree 30
margins (left 30 mm, right 20 mm, bottom 20 mm), first slots on the upper row, a lone slot
in a row on the right (where Decree 30 puts the signature block).
"""

from __future__ import annotations

import contextlib
import io
import math
from dataclasses import dataclass

from signing.errors import EncryptedPdfNotSignable, FieldExists, UnreadablePdf
from store.errors import InvalidInput

MM = 72 / 25.4
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_BOTTOM = 30 * MM, 20 * MM, 20 * MM
SLOT_WIDTH, SLOT_HEIGHT, SLOT_GAP = 220.0, 95.0, 10.0

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class FieldSlot:
    """One signer's signature field.

    ``page`` is a page index, negative counting from the end (default: last page);
    ``box`` is ``(x1, y1, x2, y2)`` in PDF points, or ``None`` for the default layout.
    """

    name: str
    page: int = -1
    box: Box | None = None


def default_slot_boxes(page_width: float, page_height: float, count: int,
                       slot_height: float = SLOT_HEIGHT) -> list[Box]:
    """Boxes for ``count`` slots at the bottom of a page, in slot order, ``slot_height`` tall
    (less on a page too short for their rows)."""
    if count <= 0:
        return []
    usable = page_width - MARGIN_LEFT - MARGIN_RIGHT
    if usable < 2 * 120 + SLOT_GAP:  # narrow page: one column
        width = min(SLOT_WIDTH, max(page_width - 20, 60))
        cols, left = 1, (page_width - width) / 2
    else:
        width = min(SLOT_WIDTH, (usable - SLOT_GAP) / 2)
        cols, left = 2, MARGIN_LEFT
    height = min(slot_height, max((page_height - MARGIN_BOTTOM) / math.ceil(count / cols) - SLOT_GAP, 30))
    rows = math.ceil(count / cols)
    right_x = page_width - MARGIN_RIGHT - width if cols == 2 else left
    boxes: list[Box] = []
    for i in range(count):
        row, col = divmod(i, cols)
        alone = cols == 2 and col == 0 and i == count - 1  # last row holds one slot
        x = right_x if (col == 1 or alone) else left
        y = MARGIN_BOTTOM + (rows - 1 - row) * (height + SLOT_GAP)
        boxes.append((round(x, 2), round(y, 2), round(x + width, 2), round(y + height, 2)))
    return boxes


def walk_pages(handler, page_ix: int, retrieve_parent: bool):
    """pyHanko's page-tree walk, but from whichever end of each node is nearer.

    pyHanko reads every kid before the target; the last page of a 2,600-page document (where
    signature fields go) then cost 1.3 s per lookup. Same results and errors otherwise:
    ``(page_ref, resources)`` or, with ``retrieve_parent``, ``(parent_ref, index, resources)``.
    """
    from pyhanko.pdf_utils import generic  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.pdf_utils.misc import PdfError, PdfReadError  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    root_ref = handler.root.raw_get("/Pages")
    root = root_ref.get_object()
    try:
        resources = root["/Resources"]
    except KeyError:
        resources = generic.DictionaryObject()
    count = int(root["/Count"])
    if page_ix < 0:
        page_ix += count
    if not 0 <= page_ix < count:
        raise PdfError("Page index out of range")
    node_ref, first, node_count, seen = root_ref, 0, count, {root_ref.reference}
    while True:
        node = node_ref.get_object()
        with contextlib.suppress(KeyError):
            resources = node.raw_get("/Resources")
        kids = node["/Kids"]
        from_end = page_ix - first >= node_count / 2
        order = range(len(kids) - 1, -1, -1) if from_end else range(len(kids))
        cursor = first + node_count if from_end else first
        for i in order:
            kid_ref = kids.raw_get(i)
            if not isinstance(kid_ref, generic.IndirectObject) or kid_ref.reference in seen:
                raise PdfReadError("Malformed page tree")
            kid = kid_ref.get_object()
            size = int(kid["/Count"]) if kid["/Type"] == "/Pages" else 1
            start = cursor - size if from_end else cursor
            if start <= page_ix < start + size:
                if kid["/Type"] == "/Pages":
                    seen.add(kid_ref.reference)
                    node_ref, first, node_count = kid_ref, start, size
                    break
                if retrieve_parent:
                    return node_ref, i, resources
                with contextlib.suppress(KeyError):
                    resources = kid.raw_get("/Resources")
                return kid_ref, resources
            cursor = start if from_end else start + size
        else:
            raise PdfError("Page not found")


def open_incremental(pdf: bytes):
    """An incremental writer over ``pdf``; unreadable input becomes :class:`UnreadablePdf`.

    The writer's page lookups use :func:`walk_pages` (pyHanko 0.38 is pinned exactly; both
    methods are public API of its ``PdfHandler``).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if b"%PDF-" not in pdf[:1024]:
        raise UnreadablePdf("không phải PDF / not a PDF")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=True)
        if writer.prev.encrypted:
            # pyHanko would fail only when writing, with a raw PdfWriteError.
            raise EncryptedPdfNotSignable()
        _ = writer.root["/Pages"]
        writer.find_page_for_modification = lambda ix: walk_pages(writer, ix, False)
        writer.find_page_container = lambda ix: walk_pages(writer, ix, True)
        return writer
    except (UnreadablePdf, EncryptedPdfNotSignable):
        raise
    except Exception as exc:  # pyHanko raises many kinds for broken files; all mean "cannot read"
        raise UnreadablePdf(type(exc).__name__) from exc


def signature_fields(handler) -> dict[str, bool]:
    """Name → already signed, for every signature field of the document."""
    from pyhanko.sign.fields import enumerate_sig_fields  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    return {name: value is not None for name, value, _ref in enumerate_sig_fields(handler)}


def page_count(handler) -> int:
    return int(handler.root["/Pages"]["/Count"])


def page_size(handler, page_ix: int) -> tuple[float, float]:
    from pyhanko.pdf_utils.rw_common import find_inherited_value_in_tree  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    page_ref, _ = handler.find_page_for_modification(page_ix)
    box = find_inherited_value_in_tree(page_ref.get_object(), "/MediaBox", "/Parent")
    x1, y1, x2, y2 = (float(v) for v in box)
    return abs(x2 - x1), abs(y2 - y1)


def resolve_page(handler, page: int) -> int:
    n = page_count(handler)
    ix = page + n if page < 0 else page
    if not 0 <= ix < n:
        raise InvalidInput(
            f"Tài liệu không có trang {page + 1 if page >= 0 else page}; tài liệu có {n} trang.",
            f"The document has no page {page + 1 if page >= 0 else page}; it has {n} pages.",
        )
    return ix


def _check_names(slots: list[FieldSlot]) -> None:
    names = [s.name for s in slots]
    bad = [n for n in names if not n or "." in n or len(n) > 120]
    if bad or len(set(names)) != len(names):
        raise InvalidInput(
            "Tên ô chữ ký phải khác nhau, không rỗng và không chứa dấu chấm.",
            "Signature field names must be unique, non-empty and without dots.",
        )


def field_specs(writer, slots: list[FieldSlot]) -> list:
    """pyHanko ``SigFieldSpec`` for each slot, with default boxes where none is given."""
    from pyhanko.sign.fields import SigFieldSpec  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    specs = []
    by_page: dict[int, list[int]] = {}
    pages = [resolve_page(writer, s.page) for s in slots]
    for i, (slot, ix) in enumerate(zip(slots, pages, strict=True)):
        if slot.box is None:
            by_page.setdefault(ix, []).append(i)
    boxes: dict[int, Box] = {}
    for ix, members in by_page.items():
        try:
            w, h = page_size(writer, ix)
        except Exception as exc:  # a broken page tree or MediaBox
            raise UnreadablePdf(type(exc).__name__) from exc
        for i, box in zip(members, default_slot_boxes(w, h, len(members)), strict=True):
            boxes[i] = box
    for i, (slot, ix) in enumerate(zip(slots, pages, strict=True)):
        box = slot.box or boxes[i]
        specs.append(SigFieldSpec(slot.name, on_page=ix, box=tuple(round(v) for v in box)))
    return specs


def prepare_signature_fields(pdf: bytes, slots: list[FieldSlot]) -> bytes:
    """Add one empty signature field per slot, as an incremental update of ``pdf``."""
    from pyhanko.sign.fields import append_signature_field  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if not slots:
        return pdf
    _check_names(slots)
    writer = open_incremental(pdf)
    existing = signature_fields(writer.prev)
    for slot in slots:
        if slot.name in existing:
            raise FieldExists(slot.name)
    for spec in field_specs(writer, slots):
        append_signature_field(writer, spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def field_box(handler, name: str) -> Box | None:
    """The named signature field's widget rectangle (x1 < x2, y1 < y2), or ``None`` without one."""
    from pyhanko.sign.fields import enumerate_sig_fields  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    for _name, _value, ref in enumerate_sig_fields(handler, with_name=name):
        field = ref.get_object()
        widget = field if "/Rect" in field else field["/Kids"][0]
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    return None
