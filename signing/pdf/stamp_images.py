"""The stamp's two images, the blue signature and the red seal: their ink cropped, scaled for
the size they are drawn at, and placed as Decree 30 shows them (the signature centred, the seal
at its real size over the left third of the signature).
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from signing.pdf.appearance import StampContent

_IMAGE_DPI = 200


@dataclass(frozen=True)
class PlacedImage:
    """An image of the stamp, its ink scaled for its drawn size, at (x, y, width, height) pt."""

    png: bytes
    x: float
    y: float
    width: float
    height: float

    def pil(self):
        """The Pillow image (RGBA, ~200 dpi at the drawn size; cached per PNG and size)."""
        return _scaled(self.png, round(self.width, 1), round(self.height, 1))


@lru_cache(maxsize=32)
def _ink(png: bytes):
    """The PNG decoded, cropped to its visible ink (so overlaps are measured on ink, not on
    transparent margins). Cached: the same person signs many documents."""
    from PIL import Image  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

    img = Image.open(io.BytesIO(png))
    img = img.convert("RGBA")
    box = img.getchannel("A").getbbox()
    return img.crop(box) if box else img


@lru_cache(maxsize=64)
def _scaled(png: bytes, width_pt: float, height_pt: float):
    """The ink scaled to about 200 dpi at its drawn size: small files, fast embedding."""
    img = _ink(png)
    px_w = max(1, round(width_pt / 72 * _IMAGE_DPI))
    px_h = max(1, round(height_pt / 72 * _IMAGE_DPI))
    if px_w < img.width:
        from PIL import Image  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

        img = img.resize((px_w, px_h), Image.Resampling.LANCZOS)
    return img


def _fit(png: bytes, box_w: float, box_h: float) -> tuple[float, float]:
    img = _ink(png)
    scale = min(box_w / img.width, box_h / img.height)
    return img.width * scale, img.height * scale


MM = 72 / 25.4
#: A round office seal's diameter when neither its PNG (pHYs) nor the office says its size:
#: 36 mm. [unverified] The decree gives no diameter (DECREE30.md §5); 36 mm is what a People's
#: Committee's seal is usually said to measure, not a figure found in Thông tư 29/2016/TT-BCA or
#: Nghị định 99/2016/NĐ-CP. An office whose seal differs sets its diameter with the image.
DEFAULT_SEAL_MM = 36.0
#: How tall a signature ink is assumed to be for its width when the signer's image is not known
#: yet (approval, before signing): a handwritten signature about 2.5 times as wide as tall.
_TYPICAL_SIGNATURE = (5.0, 2.0)
Rect = tuple[float, float, float, float]  # x, y, width, height
#: The stamp's inner margin, in points.
MARGIN = 3.0
#: The space (points, 41 mm) a signature block Nghị Sự lays out leaves between the signer's title
#: and name for the usual 36 mm seal centred on the signature, clear of both lines.
SIGNATURE_SPACE = 116.0


def signature_space_pt(seal_mm: float | None) -> float:
    """How tall a signer's field must be for a seal of ``seal_mm`` (``None``: the usual 36 mm)
    centred on the signature to stay inside it, with 4 pt to spare on each side; at least
    :data:`SIGNATURE_SPACE`. Generators size the space between the title and the name with it,
    from the issuing unit's seal (``signing.stamp_library.seal_mm_of``)."""
    return max(SIGNATURE_SPACE, (seal_mm or DEFAULT_SEAL_MM) * MM + 8)


def seal_drawn_pt(png: bytes, mm: float | None, width: float, height: float) -> float:
    """How large a stamp of ``width`` × ``height`` pt that draws the seal itself (the signer's own
    stamp with both images) draws it: its real size, no larger than the box inside its margins."""
    return min(seal_size_pt(png, mm), height - 2 * MARGIN, width)


def seal_size_pt(png: bytes | None, mm: float | None = None) -> float:
    """The seal's real size (its ink's larger side, in points): ``mm`` when the office set it
    (the stamp library resolves it from the PNG's resolution first), else the PNG's recorded
    resolution (pHYs: a scan at 100 %), else :data:`DEFAULT_SEAL_MM`."""
    if mm:
        return mm * MM
    if png:
        from PIL import Image  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

        with Image.open(io.BytesIO(png)) as img:
            dpi = img.info.get("dpi")
        if dpi and dpi[0] and float(dpi[0]) > 1:
            ink = _ink(png)
            return max(ink.width, ink.height) / float(dpi[0]) * 72
    return DEFAULT_SEAL_MM * MM


def text_band(width: float, height: float, left: float = 0.0) -> Rect:
    """Where a stamp with images writes its words: a band along the bottom, right of where the
    seal covers the signature (``left``: the seal's right edge, when the stamp draws it; readable,
    not under the ink), at most 30 pt tall so that the signature can sit centred between the
    signer's title and name."""
    band = min(max(height * 0.3, 26.0), height * 0.45, 30.0)
    x = min(max(width * 0.42, left + 2), width * 0.6)
    return x, MARGIN, width - x - MARGIN, band


def signature_ink_box(png: bytes | None, width: float, height: float) -> Rect:
    """Where a stamp of ``width`` × ``height`` pt draws the signer's image (its ink): centred
    across, and centred up and down in the box (between the title and the name, Decree 30 §5)
    unless that would put it over the text band, then just above the band. ``png=None``: where a
    signature of the usual shape would go (approval, before the signer chose their image)."""
    _, _, _, band = text_band(width, height)
    zone_w, zone_h = width - 2 * MARGIN, height - 2 * MARGIN - band
    # As tall as can be centred clear of the band; in a low box, what fits above the band.
    box_w, box_h = zone_w * 0.6, max(height - 2 * (MARGIN + band), min(zone_h * 0.9, 40.0), 1.0)
    if png:
        dw, dh = _fit(png, box_w, box_h)
    else:
        scale = min(box_w / _TYPICAL_SIGNATURE[0], box_h / _TYPICAL_SIGNATURE[1])
        dw, dh = _TYPICAL_SIGNATURE[0] * scale, _TYPICAL_SIGNATURE[1] * scale
    y = max(height / 2 - dh / 2, MARGIN + band)
    return (width - dw) / 2, y, dw, dh


def seal_over_signature(ink: Rect, seal_pt: float) -> Rect:
    """The seal's square, ``seal_pt`` across: its right edge a third of the way into the
    signature's ink, centred on the ink's height (Decree 30 §5, ô 8)."""
    ix, iy, iw, ih = ink
    return ix + iw / 3 - seal_pt, iy + ih / 2 - seal_pt / 2, seal_pt, seal_pt


def place_images(content: StampContent, width: float, height: float) -> tuple[PlacedImage, ...]:
    """The signature where :func:`signature_ink_box` says (moved right in a box too narrow for the
    whole seal left of its third); the seal at its real size (no larger than the box) over its
    left third, centred on it, kept inside the box, drawn last, on top, as a seal is stamped over
    the ink on paper. Without a signature the seal is centred."""
    sig_png, seal_png = content.signature_image_png, content.seal_image_png
    placed: list[PlacedImage] = []
    ink = signature_ink_box(sig_png, width, height)
    real = seal_drawn_pt(seal_png, content.seal_mm, width, height) if seal_png else 0.0
    if sig_png and seal_png:  # in a narrow box the signature moves right, so the whole seal fits left of it
        ix, iy, iw, ih = ink
        ink = (max(min(max(ix, real - iw / 3), width - MARGIN - iw), 0.0), iy, iw, ih)
    if sig_png:
        placed.append(PlacedImage(sig_png, *ink))
    if seal_png:
        seal_w, seal_h = _fit(seal_png, real, real)
        if sig_png:
            x, y, _, _ = seal_over_signature(ink, real)
        else:
            x, y = (width - real) / 2, (height - real) / 2
        x = min(max(x + (real - seal_w) / 2, 0.0), width - seal_w)
        y = min(max(y + (real - seal_h) / 2, MARGIN), height - MARGIN - seal_h)
        placed.append(PlacedImage(seal_png, x, y, seal_w, seal_h))
    return tuple(placed)


def seal_over_ink(png: bytes, ink: Rect, width: float, height: float, mm: float | None = None) -> PlacedImage:
    """The seal alone in a ``width`` × ``height`` box, over a signature that another field's
    appearance draws under it (the organisation's seal over the signer's, Decree 30 §5):
    ``ink`` is that signature's (x, y, width, height) in this box's coordinates. The seal at
    its real size (no larger than the box, which the release makes the seal's real size), its
    right edge a third of the way into the ink, centred on the ink's height, kept inside the box."""
    real = min(seal_size_pt(png, mm), height, width)
    seal_w, seal_h = _fit(png, real, real)
    x, y, _, _ = seal_over_signature(ink, real)
    x = min(max(x + (real - seal_w) / 2, 0.0), width - seal_w)
    y = min(max(y + (real - seal_h) / 2, 0.0), height - seal_h)
    return PlacedImage(png, x, y, seal_w, seal_h)


def png_as_pikepdf_image(pdf, img):
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    rgb = img.convert("RGB")
    alpha = img.getchannel("A")
    smask = pikepdf.Stream(pdf, zlib.compress(alpha.tobytes()), Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Image, Width=img.width, Height=img.height,
                           ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                           Filter=pikepdf.Name.FlateDecode)
    return pikepdf.Stream(pdf, zlib.compress(rgb.tobytes()), Type=pikepdf.Name.XObject,
                          Subtype=pikepdf.Name.Image, Width=img.width, Height=img.height,
                          ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
                          Filter=pikepdf.Name.FlateDecode, SMask=smask)
