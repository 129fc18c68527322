"""The stamp's two images, the blue signature and the red seal: their ink cropped, scaled for
the size they are drawn at, and placed as Decree 30 shows them (the seal over the left third of
the signature).
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


def place_images(content: StampContent, x0: float, y0: float, zone_w: float,
                 zone_h: float) -> tuple[PlacedImage, ...]:
    """Signature image on the right of the zone, seal over the left third of it (drawn last,
    on top, as a seal is stamped over the ink on paper)."""
    sig_png, seal_png = content.signature_image_png, content.seal_image_png
    placed: list[PlacedImage] = []
    seal_w = seal_h = 0.0
    if seal_png:
        seal_w, seal_h = _fit(seal_png, min(zone_h, zone_w * 0.58), zone_h)
    if sig_png:
        box_w = 1.5 * (zone_w - seal_w) if seal_png else zone_w
        dw, dh = _fit(sig_png, box_w, zone_h * 0.8)
        # The seal's right edge reaches one third into the signature's ink.
        sig_x = x0 + seal_w - dw / 3 if seal_png else x0 + (zone_w - dw) / 2
        placed.append(PlacedImage(sig_png, sig_x, y0 + (zone_h - dh) / 2, dw, dh))
    if seal_png:
        seal_x = x0 if sig_png else x0 + (zone_w - seal_w) / 2
        placed.append(PlacedImage(seal_png, seal_x, y0 + (zone_h - seal_h) / 2, seal_w, seal_h))
    return tuple(placed)


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
