"""The organisation's seal at its real size (Decree 30 §5, ô 8; DECREE30.md §5).

The seal's field is a square of the seal's real size over the left third of the signer's image
(``placement.seal_over``). Its size and place depend on two things known before the file is
certified: the unit's seal (``stamp_library``: the PNG's resolution, else the diameter the office
gave, else 36 mm) and the signer's image. Approval places the field for the signer's kept image;
if the signer signs with another image, or the unit's seal changed meanwhile, the field is moved
once more just before the certification (no signature covers the file yet, so nothing breaks).
After that the field is fixed: a seal whose real size no longer fits it is drawn as large as it
allows, and the release says so in the released version's note.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from register.outgoing.page_text import check_clear
from register.outgoing.placement import MM, Box, Placement, PlacementRefused, SealLook, seal_over
from register.outgoing.release_pdf import SEAL_FIELD
from signing.pdf.fields import open_incremental
from signing.stamp_library import StampKind, get_stamp_image, seal_mm_of, signature_png_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from register.outgoing.models import OutgoingDocument


def seal_look(session: Session, doc: OutgoingDocument, signature_png: bytes | None = None) -> SealLook:
    """The unit's seal size and the signer's image (``signature_png``, else the one kept)."""
    if signature_png is None:
        signature_png = signature_png_of(session, doc.signer_id)
    return SealLook(seal_mm_of(session, doc.unit_id), signature_png)


def replaced_for(pdf: bytes, where: Placement, look: SealLook) -> Placement | None:
    """Where the seal's field goes now that the signer's image is known, if not where it is;
    ``None`` when it stays, or when its new place would cover text (it then stays where approval
    checked it: the signer is not refused for the office's layout)."""
    moved = replace(where, seal=seal_over(where.signature, look))
    if all(abs(a - b) < 0.5 for a, b in zip(moved.seal, where.seal, strict=True)):
        return None
    try:
        check_clear(pdf, moved)
    except PlacementRefused:
        return None
    return moved


def move_seal_field(pdf: bytes, box: Box) -> bytes:
    """An incremental update moving the empty seal field's widget to ``box`` (before anyone
    signs: a change no signature covers yet)."""
    from pyhanko.pdf_utils import generic  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.fields import enumerate_sig_fields  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    number: Any = generic.NumberObject  # pyHanko's PDF integer (its constructor carries no types)
    writer = open_incremental(pdf)
    for _name, value, ref in enumerate_sig_fields(writer, with_name=SEAL_FIELD):
        if value is not None:
            raise PlacementRefused("Ô con dấu đã được ký, không dời được.", "The seal field is signed already; it stays.")
        field = ref.get_object()
        widget_ref = ref if "/Rect" in field else field["/Kids"].raw_get(0)
        widget_ref.get_object()["/Rect"] = generic.ArrayObject(number(round(v)) for v in box)
        writer.mark_update(widget_ref)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def kept_seal(session: Session, unit_id: int) -> tuple[bytes | None, float | None]:
    """The unit's kept seal image and its real size in millimetres (``None``, ``None``: none kept)."""
    image = get_stamp_image(session, StampKind.SEAL, unit_id)
    return (None, None) if image is None else (image.png, image.seal_mm)


def shrunk_note(seal_png: bytes | None, seal_mm: float | None, where: Placement) -> str:
    """For the released version's note: the seal drawn smaller than its real size, because its
    field (fixed when the signer certified the file) is smaller; ``""`` when drawn at its size."""
    from signing.pdf.stamp_images import seal_size_pt  # noqa: PLC0415 -- deferred beside its one use: PIL

    if not seal_png:
        return ""
    real = seal_size_pt(seal_png, seal_mm)
    x1, y1, x2, y2 = where.seal
    drawn = min(real, x2 - x1, y2 - y1)
    if real - drawn < 1 * MM:
        return ""
    return (f"; con dấu vẽ {drawn / MM:.0f} mm, nhỏ hơn kích thước thật {real / MM:.0f} mm: ô con dấu "
            "đã cố định khi người ký ký văn bản")
