"""The visible signature stamp, as Decree 30/2020 asks for electronic documents.

The stamp shows the signer's name, position and unit and the signing time in ISO 8601 in
Vietnam's time zone, written the Vietnamese way (``28/11/2026 14:30:05 (+07:00)``). When images are given, the blue
handwritten signature is centred in the box (which the papers place between the signer's
title and name) and the red seal, at its real size as far as the box allows, covers about a
third of it on its left side (DECREE30.md §4–5); the text takes a band along the bottom.

The stamp is drawn with reportlab into a one-page PDF exactly the size of the signature
box; :mod:`signing.pdf.pades` imports that page as the widget's appearance stream. reportlab
embeds a subset of a TrueType font that covers Vietnamese, so every viewer shows the
diacritics the same way.
"""

from __future__ import annotations

import io
import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from signing.pdf.stamp_images import (
    MARGIN,
    PlacedImage,
    place_images,
    png_as_pikepdf_image,
    seal_over_ink,
    text_band,
)

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")

_RESOURCE_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
_SYSTEM_FONTS = Path("/usr/share/fonts/truetype/liberation")

#: Ink colours: signature blue and seal red, as on paper.
SIGNATURE_BLUE = (14, 45, 160, 255)
SEAL_RED = (205, 24, 36, 255)


@dataclass(frozen=True)
class StampContent:
    """What the stamp says and shows. ``signed_at`` must carry a time zone."""

    full_name: str
    position: str
    unit_name: str
    signed_at: datetime
    signature_image_png: bytes | None = None
    seal_image_png: bytes | None = None
    #: False: the images alone, no words (an organisation's seal over the signer's signature,
    #: Decree 30 §5: its words would print over the signer's own).
    text: bool = True
    #: (x, y, width, height) in this box of a signature another field draws under it: the
    #: seal (given alone) goes over its left third instead of in the middle of the box.
    ink_under: tuple[float, float, float, float] | None = None
    #: The seal's real size in millimetres, as the office keeps it (``stamp_library``); ``None``:
    #: the PNG's own resolution, else the usual 36 mm (``stamp_images.seal_size_pt``).
    seal_mm: float | None = None


def format_signing_time(at: datetime) -> str:
    """Vietnam time as people there write it, to the second, with the zone: ``28/11/2026
    14:30:05 (+07:00)`` (the verification report writes it the same way). Raw ISO 8601
    (``2026-11-28T14:30:05+07:00``) read as machine text on a paper; the exact instant, in
    ISO form, is in the signature itself (``/M``)."""
    if at.tzinfo is None:
        raise ValueError("signing time must carry a time zone")
    return at.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M:%S (+07:00)")


def font_path(bold: bool = False) -> Path:
    """Liberation Serif (metric-compatible with Times New Roman), from resources or the system."""
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in (_RESOURCE_FONTS, _SYSTEM_FONTS):
        if (folder / name).is_file():
            return folder / name
    if bold:
        return font_path(False)
    raise FileNotFoundError(f"{name} not found in {_RESOURCE_FONTS} or {_SYSTEM_FONTS}")


@cache
def _fonts() -> tuple[str, str]:
    """Register the stamp fonts with reportlab once per process."""
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    pdfmetrics.registerFont(TTFont("NghisuStampSerif", str(font_path(False))))
    pdfmetrics.registerFont(TTFont("NghisuStampSerif-Bold", str(font_path(True))))
    return "NghisuStampSerif", "NghisuStampSerif-Bold"


def _text_lines(content: StampContent) -> list[tuple[str, str, bool]]:
    """(label, value, bold) for each line of the stamp."""
    if not content.text:
        return []
    nfc = lambda t: unicodedata.normalize("NFC", t.strip())  # noqa: E731 - some input is NFD
    lines = [("Người ký: ", nfc(content.full_name), True)]
    if content.position.strip():
        lines.append(("Chức vụ: ", nfc(content.position), False))
    if content.unit_name.strip():
        lines.append(("Cơ quan: ", nfc(content.unit_name), False))
    lines.append(("Thời gian ký: ", format_signing_time(content.signed_at), False))
    return lines


def _layout_text(lines, width: float, height: float, regular: str, bold: str):
    """Pick the largest size (10 → 5 pt) at which the wrapped lines fit the text area."""
    from reportlab.lib.utils import simpleSplit  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    for size10 in range(100, 45, -5):
        size = size10 / 10
        leading = size * 1.18
        out: list[tuple[str, str, float]] = []  # (text, font, size)
        for label, value, is_bold in lines:
            # Label and value wrap together; the value keeps the bold when it is the name.
            parts = simpleSplit(label + value, bold if is_bold else regular, size, width)
            if label.startswith("Thời gian") and len(parts) > 1:
                parts = [label.strip(), value]  # keep the time on one line of its own
            out.extend((p, bold if is_bold else regular, size) for p in parts)
        from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

        fits_wide = all(stringWidth(t, f, s) <= width + 0.01 for t, f, s in out)
        if fits_wide and len(out) * leading <= height:
            return out, leading
    return out, leading


@dataclass(frozen=True)
class StampPlan:
    """The stamp split in two: images (drawn under the text, seal over signature) and a
    one-page text PDF of the whole box. Signing embeds images with pyHanko, whose Flate
    encoder is native, rather than reportlab's pure-Python ASCII85 (measured 25 ms/image)."""

    width: float
    height: float
    images: tuple[PlacedImage, ...]
    text_pdf: bytes


def _text_area(content: StampContent, width: float, height: float) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the stamp's text. With images, a band along the bottom of the
    box, so the signature can sit centred between the signer's title and name and the seal at
    its size over its left third (Decree 30 §5); without, the whole box."""
    if content.signature_image_png and not content.ink_under:
        # Right of where the seal covers the signature: this stamp's own seal, or the
        # organisation's, which the release stamps over the signature's left third.
        placed = place_images(content, width, height)
        left = placed[0].x + placed[0].width / 3
        if content.seal_image_png:
            left = max(left, placed[-1].x + placed[-1].width)
        return text_band(width, height, left)
    if content.signature_image_png or content.seal_image_png:
        return text_band(width, height)
    return MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN


def plan_stamp(content: StampContent, width: float, height: float, *, text_pdf: bool = True) -> StampPlan:
    """Lay the stamp out in a ``width`` × ``height`` pt box (``text_pdf=False``: skip
    rendering the text page, for callers that draw the text with :func:`text_operations`)."""
    area = _text_area(content, width, height)
    images: tuple[PlacedImage, ...] = ()
    if content.seal_image_png and content.ink_under and not content.signature_image_png:
        images = (seal_over_ink(content.seal_image_png, content.ink_under, width, height, content.seal_mm),)
    elif content.signature_image_png or content.seal_image_png:
        images = place_images(content, width, height)
    text = _render_text_pdf(content, width, height, area) if text_pdf else b""
    return StampPlan(width, height, images, text)


def _positioned_lines(content: StampContent, area: tuple[float, float, float, float]
                      ) -> list[tuple[str, str, float, float, float]]:
    """(text, font, size, x, baseline y) for each line, the block centred vertically in ``area``."""
    regular, bold = _fonts()
    x, y0, w, h = area
    out, leading = _layout_text(_text_lines(content), w, h, regular, bold)
    # The first baseline sits one font size below the top of the block.
    y = y0 + (h + len(out) * leading) / 2 - out[0][2] if out else y0 + h / 2
    placed = []
    for text, font, size in out:
        placed.append((text, font, size, x, y))
        y -= leading
    return placed


def _render_text_pdf(content: StampContent, width: float, height: float,
                     area: tuple[float, float, float, float]) -> bytes:
    from reportlab.pdfgen import canvas  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), invariant=True, pageCompression=1, initialFontName=_fonts()[0])
    c.setFillColorRGB(0, 0, 0)
    for text, font, size, x, y in _positioned_lines(content, area):
        c.setFont(font, size)
        c.drawString(x, y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def _stamp_charset() -> str:
    """Every character a stamp normally needs: ASCII, all Vietnamese letters, some punctuation."""
    chars = {chr(i) for i in range(32, 127)}
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY":
        for mark in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            chars.add(unicodedata.normalize("NFC", base + mark))
    chars.update("đĐ–—…“”‘’•·°")
    return "".join(sorted(chars))


@cache
def font_page() -> tuple[bytes, dict[str, dict[int, int]], frozenset[str]]:
    """A one-page PDF using the whole stamp charset in both stamp fonts, made once per
    process, with the glyph codes reportlab assigned (font name → {code point: n}, where the
    subset is ``n >> 8`` and the byte ``n & 0xFF``).

    Signing copies these two font subsets into each signature's appearance and writes the
    text operators itself (:func:`text_operations`): reportlab subsetting plus pyHanko
    re-parsing a fresh PDF for every stamp cost ~40 ms, a third of a whole ECDSA signature.
    The codes are copied before ``save()``, which resets reportlab's per-document state.
    """
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab
    from reportlab.pdfgen import canvas  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    charset = _stamp_charset()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(100, 100), invariant=True, pageCompression=1, initialFontName=_fonts()[0])
    codes: dict[str, dict[int, int]] = {}
    for font in _fonts():
        c.setFont(font, 10)
        c.drawString(0, 10, charset)
        codes[font] = dict(pdfmetrics.getFont(font).state[c._doc].assignments)
    c.showPage()
    c.save()
    return buf.getvalue(), codes, frozenset(charset)


def text_operations(content: StampContent, width: float, height: float
                    ) -> tuple[bytes, dict[str, tuple[str, int]]] | None:
    """Content-stream operators drawing the stamp text with the fonts of :func:`font_page`,
    and the font resources they use: resource name → (PostScript font name, subset number).
    ``None`` when a character is outside the charset (the caller then embeds a freshly
    rendered text page instead)."""
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    _, codes, charset = font_page()
    lines = _positioned_lines(content, _text_area(content, width, height))
    if any(ch not in charset for line in lines for ch in line[0]):
        return None
    ops, names = [b"BT 0 g"], {}
    for text, font_name, size, x, y in lines:
        face_name = pdfmetrics.getFont(font_name).face.name
        ps_name = face_name.decode("ascii") if isinstance(face_name, bytes) else str(face_name)
        assigned = codes[font_name]
        ops.append(b"1 0 0 1 %.3f %.3f Tm" % (x, y))
        runs: list[tuple[int, bytearray]] = []
        for ch in text:
            n = assigned[ord(ch)]
            if not runs or runs[-1][0] != n >> 8:
                runs.append((n >> 8, bytearray()))
            runs[-1][1].append(n & 0xFF)
        for subset, chunk in runs:
            name = f"/Nghisu{'B' if font_name.endswith('-Bold') else 'R'}{subset}"
            names[name] = (ps_name, subset)
            ops.append(b"%s %.2f Tf <%s> Tj" % (name.encode("ascii"), size, bytes(chunk).hex().encode()))
    ops.append(b"ET")
    return b" ".join(ops), names


def render_stamp_pdf(content: StampContent, width: float, height: float) -> bytes:
    """The whole stamp on a one-page PDF (previews and tests; signing uses :func:`plan_stamp`)."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    plan = plan_stamp(content, width, height)
    pdf = pikepdf.open(io.BytesIO(plan.text_pdf))
    page = pdf.pages[0]
    draw = []
    for i, placed in enumerate(plan.images):
        name = png_as_pikepdf_image(pdf, placed.pil())
        page.Resources.setdefault("/XObject", pikepdf.Dictionary())[f"/Im{i}"] = name
        draw.append(f"q {placed.width:.3f} 0 0 {placed.height:.3f} {placed.x:.3f} {placed.y:.3f} cm /Im{i} Do Q")
    if draw:
        page.contents_add(pikepdf.Stream(pdf, " ".join(draw).encode()), prepend=True)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


# --- demo images -------------------------------------------------------------------------------


def _png(img, dpi: float | None = None) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True, **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()


def demo_signature_png(name: str) -> bytes:
    """A plausible blue handwritten signature (transparent PNG) for demos and tests.

    The given name (last word, as Vietnamese signatures usually are) in a slanted italic,
    with a flourish under it. Deterministic: the same name gives the same picture.
    """
    from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

    word = (name.split() or ["Ký"])[-1]
    w, h = 600, 240
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    italic = font_path(False).with_name("LiberationSerif-Italic.ttf")
    font = ImageFont.truetype(str(italic if italic.is_file() else font_path(False)), 120)
    draw.text((70, 30), word, font=font, fill=SIGNATURE_BLUE)
    # A flourish: a long stroke under the name that curls back, seeded by the name's letters.
    seed = sum(ord(ch) for ch in name) % 7
    points = []
    for i in range(120):
        t = i / 119
        x = 40 + 520 * t
        y = 185 + 22 * math.sin(t * math.pi * (2.0 + seed * 0.15)) * (1 - t)
        points.append((x, y))
    draw.line(points, fill=SIGNATURE_BLUE, width=6, joint="curve")
    # Slant it like handwriting.
    img = img.transform(img.size, Image.Transform.AFFINE, (1, 0.25, -30, 0, 1, 0),
                        resample=Image.Resampling.BICUBIC)
    return _png(img)


def demo_seal_png(org: str, diameter_mm: float = 36.0) -> bytes:
    """A plausible red round seal (transparent PNG): the organisation's name around a star,
    with the resolution (pHYs) of a scan at 100 % of a seal ``diameter_mm`` across, so that it
    is drawn at its real size."""
    from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

    size = 420
    cx = cy = size / 2
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    r_out, r_in = 200, 150
    draw.ellipse((cx - r_out, cy - r_out, cx + r_out, cy + r_out), outline=SEAL_RED, width=12)
    draw.ellipse((cx - r_in, cy - r_in, cx + r_in, cy + r_in), outline=SEAL_RED, width=5)
    # Five-pointed star in the middle.
    star = []
    for k in range(10):
        radius = 70 if k % 2 == 0 else 28
        ang = -math.pi / 2 + k * math.pi / 5
        star.append((cx + radius * math.cos(ang), cy + radius * math.sin(ang)))
    draw.polygon(star, fill=SEAL_RED)
    # The name runs clockwise around the ring, starting lower left.
    text = f"{org.upper()} • "
    font = ImageFont.truetype(str(font_path(True)), 34)
    r_text = (r_out + r_in) / 2
    span = 2 * math.pi * 0.92
    step = span / max(len(text), 1)
    start = math.pi / 2 + (2 * math.pi - span) / 2 + step / 2
    for i, ch in enumerate(text):
        ang = start + i * step
        # Capitals with Vietnamese marks (Ủ, Ệ, Ấ) stand tall: draw each on a roomy canvas,
        # baseline a little below the centre, so the marks are not cut off.
        glyph = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((40, 52), ch, font=font, fill=SEAL_RED, anchor="ms")
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.Resampling.BICUBIC)
        x = cx + r_text * math.cos(ang) - 40
        y = cy + r_text * math.sin(ang) - 40
        img.alpha_composite(glyph, (int(round(x)), int(round(y))))
    x0, y0, x1, y1 = img.getchannel("A").getbbox() or (0, 0, size, size)
    return _png(img, dpi=max(x1 - x0, y1 - y0) / (diameter_mm / 25.4))
