"""Room for the seal in the fields the signing workflow lays out itself (a PDF without a layout).

A paper Nghị Sự draws leaves its signer's block tall enough for the unit's seal at its real size
(``stamp_images.signature_space_pt``). A PDF without a layout gets its fields at the bottom of the
last page (``fields.default_slot_boxes``, 95 pt): a seal the signer's own stamp draws there
(``--seal-image``) would be at most 89 pt, 31 mm. So those fields are made as tall as the seal
needs when the page's text leaves room there; where it does not, they stay 95 pt (a field is never
moved over the page's words), and the signature says the seal was drawn smaller than it is, as the
release of an outgoing document does.
"""

from __future__ import annotations

from signing.pdf.fields import Box, default_slot_boxes, open_incremental, page_size, resolve_page
from signing.pdf.page_words import clear_of_text
from signing.pdf.stamp_images import MM, seal_drawn_pt, seal_size_pt, signature_space_pt


def default_boxes_with_room(pdf: bytes, count: int, seal_mm: float | None) -> list[tuple[int, Box]] | None:
    """(page index, box) for ``count`` fields at the bottom of the last page, as tall as a seal of
    ``seal_mm`` (``None``: the usual 36 mm) centred on the signature needs, when none of them would
    cover the page's text; ``None``: no room there (the usual 95 pt fields, which the caller keeps).
    ``pdf`` has passed intake (a stored version)."""
    tall = signature_space_pt(seal_mm)
    writer = open_incremental(pdf)
    ix = resolve_page(writer, -1)
    width, height = page_size(writer, ix)
    boxes = [(float(round(x1)), float(round(y1)), float(round(x2)), float(round(y2)))  # as the fields are written
             for x1, y1, x2, y2 in default_slot_boxes(width, height, count, tall)]
    if any(y2 - y1 < tall - 1 for _x1, y1, _x2, y2 in boxes):  # a page too short for rows this tall
        return None
    return [(ix, box) for box in boxes] if clear_of_text(pdf, ix, boxes) else None


def seal_drawn_smaller(seal_png: bytes | None, seal_mm: float | None, box: Box | None) -> tuple[float, float] | None:
    """(drawn, real) in millimetres when the signer's own stamp in ``box`` draws the seal at least
    1 mm smaller than its real size (the field is lower than the seal); ``None`` otherwise."""
    if not seal_png or box is None:
        return None
    real = seal_size_pt(seal_png, seal_mm)
    drawn = seal_drawn_pt(seal_png, seal_mm, box[2] - box[0], box[3] - box[1])
    return None if real - drawn < MM else (drawn / MM, real / MM)


def smaller_seal_note(seal_png: bytes | None, seal_mm: float | None, box: Box | None,
                      why: tuple[str, str]) -> tuple[str, str] | None:
    """What the signature's report and its version's note say (vi, en) when the signer's stamp in
    ``box`` draws the seal smaller than its real size; ``why``: why the field is no taller (vi, en).
    ``None``: drawn at its real size, or no seal."""
    smaller = seal_drawn_smaller(seal_png, seal_mm, box)
    if smaller is None or box is None:
        return None
    (drawn, real), field_mm = smaller, (box[3] - box[1]) / MM
    return (f"con dấu vẽ {drawn:.0f} mm, nhỏ hơn kích thước thật {real:.0f} mm: ô ký chỉ cao {field_mm:.0f} mm "
            f"({why[0]})",
            f"the seal was drawn {drawn:.0f} mm across, smaller than its real {real:.0f} mm: the signature field "
            f"is only {field_mm:.0f} mm high ({why[1]})")
