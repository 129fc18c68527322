"""Where the number, the date and the two signatures go on a document.

A document Nghị Sự generates says where (its ``layout``). Otherwise: the number under the
agency's name and the date line on the top row of page 1 (Decree 30 ô 3 and ô 4), the signer's
field at the bottom right of the last page and the organisation's seal over the left third of
the signer's image (ô 7c and ô 8).

The seal's field is the seal itself: a square of its real size (``SealLook.seal_mm``), its right
edge a third of the way into the signer's image and centred on that image's height, where the
signer's stamp will draw it (``signing.pdf.stamp_images.signature_ink_box``). It may reach out
of the signer's field; ``page_text.check_clear`` checks it against the page's text on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from signing.pdf.stamp_images import (
    DEFAULT_SEAL_MM,
    SIGNATURE_SPACE,
    seal_over_signature,
    signature_ink_box,
    signature_space_pt,
)
from store.errors import InvalidInput

Box = tuple[float, float, float, float]
MM = 72 / 25.4
#: The signer's field a document Nghị Sự lays out leaves between the title and the name (41 mm):
#: room for the usual 36 mm seal centred on the signature, clear of both lines.
SIGNATURE_HEIGHT = SIGNATURE_SPACE


@dataclass(frozen=True)
class SealLook:
    """What decides the seal's field: the seal's real size, and the signer's image (``None``:
    not known yet, a signature of the usual shape)."""

    seal_mm: float = DEFAULT_SEAL_MM
    signature_png: bytes | None = None


def signature_height_for(seal_mm: float | None) -> float:
    """How tall the signer's field must be for a seal of ``seal_mm`` centred on the signature to
    stay inside it (with 4 pt to spare on each side; ``stamp_images.signature_space_pt``)."""
    return signature_space_pt(seal_mm)


@dataclass(frozen=True)
class Placement:
    number: Box
    date: Box
    signature_page: int
    signature: Box
    seal: Box

    def as_json(self) -> dict[str, Any]:
        return {"number": list(self.number), "date": list(self.date), "signature_page": self.signature_page,
                "signature": list(self.signature), "seal": list(self.seal)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Placement:
        def box(key: str) -> Box:
            x1, y1, x2, y2 = (float(v) for v in data[key])
            return (x1, y1, x2, y2)

        return cls(box("number"), box("date"), int(data["signature_page"]), box("signature"), box("seal"))


def seal_over(signature: Box, look: SealLook | None = None) -> Box:
    """The seal's field on the signer's page: a square of the seal's real size over the left third
    of the signer's image, centred on its height (Decree 30 §5, ô 8), in whole points (as the
    fields are written), so that its /Rect is the seal's size to half a point."""
    look = look or SealLook()
    x1, y1, x2, y2 = signature
    sx, sy, side, _ = seal_over_signature(signature_ink_box(look.signature_png, x2 - x1, y2 - y1), look.seal_mm * MM)
    x, y, n = round(x1 + sx), round(y1 + sy), round(side)
    return (float(x), float(y), float(x + n), float(y + n))


def default_placement(page_width: float, page_height: float) -> Placement:
    """For a document without a known layout (A4 portrait inside the decree's margins)."""
    left, right, top = 30 * MM, page_width - 15 * MM, page_height - 20 * MM
    split = left + (right - left) * 0.42
    number = (left, top - 62, split, top - 44)
    date = (split + 4, top - 62, right, top - 44)
    signature = (right - 200, 20 * MM + 40, right, 20 * MM + 40 + SIGNATURE_HEIGHT)
    return Placement(number, date, -1, signature, seal_over(signature))


class PlacementRefused(InvalidInput):
    """A signature or seal field that has no room or would cover text: the person places it
    (the window's placement dialog; the CLI's ``--signature-at``)."""
