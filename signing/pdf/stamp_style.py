"""The Decree 30 stamp as a pyHanko stamp style. Imported lazily, with pyHanko.

pyHanko asks the style for an appearance once it knows the widget's size. We lay the stamp
out for that size (:mod:`signing.pdf.appearance`), embed the images as image XObjects, and draw
the text with two font subsets (regular and bold) prepared once per process: their objects
are parsed once and copied into each signature's revision. Text with a character outside
the prepared charset falls back to a freshly rendered reportlab page imported as a form.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.generic import IndirectObject, StreamObject, pdf_name
from pyhanko.pdf_utils.images import pil_image
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter, PdfFileWriter
from pyhanko.stamp import BaseStamp, BaseStampStyle

from signing.pdf.appearance import PlacedImage, StampContent, font_page, plan_stamp, text_operations

#: The prepared font page (built with reportlab's process-wide font state) and its parsed
#: reader (one shared stream) are not thread-safe: two signatures made at once in two threads
#: corrupted each other's fonts (seen as PdfReadError/IndexError). Signing threads take turns
#: for these few milliseconds.
_SHARED_FONTS = threading.Lock()


@cache
def _font_refs() -> dict[tuple[str, int], object]:
    """(PostScript name, subset) → font dictionary reference, in :func:`font_page`'s PDF,
    parsed once. reportlab names its resources ``/F<n>+<subset>`` and tags ``/BaseFont``
    with a subset prefix (``ABCDEF+LiberationSerif``)."""
    data, _doc, _charset = font_page()
    reader = PdfFileReader(io.BytesIO(data))
    fonts = reader.root["/Pages"]["/Kids"][0]["/Resources"]["/Font"]
    refs = {}
    for key in fonts:
        if "+" not in key:
            continue  # reportlab's default Helvetica
        base = str(fonts[key]["/BaseFont"]).lstrip("/")
        refs[(base.split("+", 1)[-1], int(key.rsplit("+", 1)[1]))] = fonts.raw_get(key)
    return refs


@lru_cache(maxsize=64)
def _encoded_image(png: bytes, width_pt: float, height_pt: float) -> tuple[tuple[list, bytes], ...]:
    """What pyHanko's ``pil_image`` writes for this image, Flate-encoded once per process:
    (dictionary entries, encoded data) for the soft mask, then for the image itself.

    The same person's signature and seal go on every document, and compressing them again
    for each signature was most of what the images cost (measured ~4 ms of a ~40 ms ECDSA
    signature). The entries are pyHanko's, in its order; the image's ``/SMask`` is left as
    a placeholder that :func:`_add_image` points at the mask it adds first.
    """

    img = PlacedImage(png, 0, 0, width_pt, height_pt).pil()
    ref = pil_image(img, PdfFileWriter())
    out = []
    for stream in (ref.get_object().raw_get("/SMask").get_object(), ref.get_object()):
        out.append((list(stream.items()), stream.encoded_data))
    return tuple(out)


def _add_image(writer: BasePdfFileWriter, placed: PlacedImage) -> IndirectObject:
    """``pil_image(placed.pil(), writer)``, byte for byte, from :func:`_encoded_image`."""
    img = placed.pil()
    if img.mode != "RGBA":  # not what _ink makes; the general path, uncached
        return pil_image(img, writer)
    (mask_entries, mask_data), (entries, data) = _encoded_image(
        placed.png, round(placed.width, 1), round(placed.height, 1)
    )
    mask = writer.add_object(StreamObject(dict(mask_entries), encoded_data=mask_data))
    image = {k: mask if k == "/SMask" else v for k, v in entries}
    return writer.add_object(StreamObject(image, encoded_data=data))


@dataclass(frozen=True)
class DecreeStampStyle(BaseStampStyle):
    """Stamp style carrying what the stamp says; no border, nothing faded."""

    content: StampContent | None = None
    border_width: int = 0
    background_opacity: float = 1.0

    def create_stamp(
        self, writer: BasePdfFileWriter, box: layout.BoxConstraints, text_params: dict
    ) -> DecreeStamp:
        return DecreeStamp(writer, self, box)


class DecreeStamp(BaseStamp):
    def _render_inner_content(self) -> list[bytes]:
        content = self.style.content
        assert content is not None and self.writer is not None
        width, height = float(self.box.width), float(self.box.height)
        with _SHARED_FONTS:
            fast = text_operations(content, width, height)
        plan = plan_stamp(content, width, height, text_pdf=fast is None)
        commands: list[bytes] = []
        for i, placed in enumerate(plan.images):
            name = f"/NghisuImg{i}"
            self.set_resource(ResourceType.XOBJECT, pdf_name(name), _add_image(self.writer, placed))
            commands.append(
                b"q %.3f 0 0 %.3f %.3f %.3f cm %s Do Q"
                % (placed.width, placed.height, placed.x, placed.y, name.encode())
            )
        if fast is not None:
            ops, names = fast
            with _SHARED_FONTS:
                refs = _font_refs()
                for name, key in sorted(names.items()):
                    self.set_resource(ResourceType.FONT, pdf_name(name), self.writer.import_object(refs[key]))
            commands.append(ops)
        else:
            text = self.writer.import_page_as_xobject(PdfFileReader(io.BytesIO(plan.text_pdf)))
            self.set_resource(ResourceType.XOBJECT, pdf_name("/NghisuText"), text)
            commands.append(b"/NghisuText Do")
        return commands


@dataclass(frozen=True)
class PageStampStyle(BaseStampStyle):
    """A stamp that is a ready-made one-page PDF of the widget's size (text laid out by the
    caller, e.g. the number and date a release prints in the document's header)."""

    page_pdf: bytes = b""
    border_width: int = 0
    background_opacity: float = 1.0

    def create_stamp(self, writer: BasePdfFileWriter, box: layout.BoxConstraints, text_params: dict) -> PageStamp:
        return PageStamp(writer, self, box)


class PageStamp(BaseStamp):
    def _render_inner_content(self) -> list[bytes]:
        assert self.writer is not None
        page = self.writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.style.page_pdf)))
        self.set_resource(ResourceType.XOBJECT, pdf_name("/NghisuPage"), page)
        return [b"/NghisuPage Do"]
