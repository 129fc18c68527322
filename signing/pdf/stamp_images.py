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


#: A round office seal's diameter when its PNG does not say its size (pHYs): 36 mm, the usual
#: seal of a People's Committee (Decree 30 gives no diameter; DECREE30.md §5 [unverified]).
DEFAULT_SEAL_MM = 36.0


def seal_size_pt(png: bytes) -> float:
    """The seal's real size (its larger side, in points): from the PNG's resolution when it
    records one (a scan at 100 %), else :data:`DEFAULT_SEAL_MM`."""
    from PIL import Image  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

    with Image.open(io.BytesIO(png)) as img:
        dpi = img.info.get("dpi")
    ink = _ink(png)
    if dpi and dpi[0] and float(dpi[0]) > 1:
        return max(ink.width, ink.height) / float(dpi[0]) * 72
    return DEFAULT_SEAL_MM / 25.4 * 72


def place_images(content: StampContent, x0: float, y0: float, zone_w: float,
                 zone_h: float, *, seal_room: float | None = None) -> tuple[PlacedImage, ...]:
    """The signature centred in the zone; the seal at its real size (no larger than
    ``seal_room``, the box's height) with its right edge a third of the way into the
    signature's ink, drawn last, on top, as a seal is stamped over the ink on paper."""
    sig_png, seal_png = content.signature_image_png, content.seal_image_png
    placed: list[PlacedImage] = []
    room = seal_room if seal_room is not None else zone_h
    centre_y = y0 + zone_h / 2
    sig_x = x0 + zone_w / 2
    dw = 0.0
    if sig_png:
        dw, dh = _fit(sig_png, zone_w * 0.6, zone_h * 0.9)
        sig_x = x0 + (zone_w - dw) / 2
        placed.append(PlacedImage(sig_png, sig_x, centre_y - dh / 2, dw, dh))
    if seal_png:
        real = min(seal_size_pt(seal_png), room)
        seal_w, seal_h = _fit(seal_png, real, real)
        seal_x = max(x0 - 3, sig_x + dw / 3 - seal_w) if sig_png else x0 + (zone_w - seal_w) / 2
        seal_y = min(max(centre_y - seal_h / 2, y0 - (room - zone_h)), y0 + zone_h - seal_h)
        placed.append(PlacedImage(seal_png, seal_x, seal_y, seal_w, seal_h))
    return tuple(placed)


def seal_over_ink(png: bytes, ink: tuple[float, float, float, float], width: float, height: float,
                  margin: float) -> PlacedImage:
    """The seal alone in a ``width`` × ``height`` box, over a signature that another field's
    appearance draws under it (the organisation's seal over the signer's, Decree 30 §5):
    ``ink`` is that signature's (x, y, width, height) in this box's coordinates. The seal at
    its real size (no larger than the box), its right edge a third of the way into the ink,
    centred on the ink's height, kept inside the box."""
    ix, iy, iw, ih = ink
    real = min(seal_size_pt(png), height - 2 * margin, width)
    seal_w, seal_h = _fit(png, real, real)
    x = min(max(ix + iw / 3 - seal_w, 0.0), width - seal_w)
    y = min(max(iy + ih / 2 - seal_h / 2, margin), height - margin - seal_h)
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
