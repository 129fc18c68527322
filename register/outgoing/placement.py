"""Where the number, the date and the two signatures go on a document.

A document Nghị Sự generates says where (its ``layout``). Otherwise: the number under the
agency's name and the date line on the top row of page 1 (Decree 30 ô 3 and ô 4), the signer's
field at the bottom right of the last page and the organisation's seal over the left third of
it (ô 7c and ô 8).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.errors import InvalidInput

Box = tuple[float, float, float, float]
MM = 72 / 25.4


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


def seal_over(signature: Box) -> Box:
    """The seal's field: the left half of the signer's, on the same page (Decree 30 §5: the seal
    covers about a third of the signer's signature on its left side). The signer's image is
    centred in its field, so its left third always lies in that half; the release draws the seal
    exactly over it (``release_pdf.ink_in_seal``). Inside the signer's field, the seal covers
    no more of the page than the signer's field, which ``check_clear`` has checked."""
    x1, y1, x2, y2 = signature
    return (x1, y1, x1 + (x2 - x1) / 2, y2)


def default_placement(page_width: float, page_height: float) -> Placement:
    """For a document without a known layout (A4 portrait inside the decree's margins)."""
    left, right, top = 30 * MM, page_width - 15 * MM, page_height - 20 * MM
    split = left + (right - left) * 0.42
    number = (left, top - 62, split, top - 44)
    date = (split + 4, top - 62, right, top - 44)
    signature = (right - 200, 20 * MM + 40, right, 20 * MM + 125)
    return Placement(number, date, -1, signature, seal_over(signature))


class PlacementRefused(InvalidInput):
    """A signature or seal field that has no room or would cover text: the person places it
    (the window's placement dialog; the CLI's ``--signature-at``)."""
