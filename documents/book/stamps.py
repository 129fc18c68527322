"""Footers and watermarks for the meeting book.

Front-matter pages are drawn by reportlab and get their footer there (``draw_footer``,
``draw_watermark``). Document pages are stamped while they are merged: for each page we
write a tiny form XObject (the footer text and the watermark) and draw it over the page.

Why not one reportlab stamp PDF and pikepdf's ``add_overlay``: reportlab spends ~1.5 ms
per page just laying out and serialising a page, and ``add_overlay`` coalesces every page's
content streams into one (decoding and re-encoding them), which cost time and grew the
book ~9 % in our measurement. Here reportlab only encodes the text (its TrueType subsetting
maps each character to a code of an embedded subset font); the content streams are written
directly, the subset fonts are embedded once for the whole book, and each page's own
streams stay byte-for-byte, wrapped between a shared ``q`` stream and a shared ``Q … Do``
stream so the stamp is drawn in a clean graphics state.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas

from documents.papers import typeset as ts
from documents.papers.typeset import format_date_vn

if TYPE_CHECKING:
    import pikepdf

    from documents.book.compile import Watermark
    from documents.book.sources import PageBox

STAMP_NAME = "/NghisuStamp"
FOOTER_SIZE = 9
FOOTER_Y = 8 * mm
FOOTER_GREY = 0.3
WATERMARK_RGB = (0.75, 0.08, 0.08)
WATERMARK_ALPHA = 0.16


def footer_text(item_number: str, doc_label: str, page_label: int, total: int) -> str:
    """``Mục 2.1 · 45/TTr-UBND · trang 12/340``."""
    return f"Mục {item_number} · {doc_label} · trang {page_label}/{total}"


def watermark_lines(wm: Watermark) -> tuple[str, str]:
    when = f"{wm.at:%H:%M} {format_date_vn(wm.at)}"
    second = f"{wm.note} · {when}" if wm.note else when
    return wm.recipient, second


def _watermark_geometry(first: str, width: float, height: float) -> tuple[float, float]:
    """Angle (degrees, along the diagonal) and font size (name fills ~60 % of the diagonal)."""
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height)
    size = min(44.0, 0.62 * diagonal / max(1.0, pdfmetrics.stringWidth(first, ts.FONT_BOLD, 1)))
    return angle, size


def draw_footer(c: rl_canvas.Canvas, text: str, width: float) -> None:
    """Small grey line centred in the bottom margin, clear of Decree 30's top page number."""
    c.setFont(ts.FONT, FOOTER_SIZE)
    c.setFillGray(FOOTER_GREY)
    c.drawCentredString(width / 2, FOOTER_Y, text)


def draw_watermark(c: rl_canvas.Canvas, wm: Watermark, width: float, height: float) -> None:
    """The recipient's name and the time, large, translucent, along the page's diagonal."""
    first, second = watermark_lines(wm)
    angle, size = _watermark_geometry(first, width, height)
    c.saveState()
    c.translate(width / 2, height / 2)
    c.rotate(angle)
    c.setFillColorRGB(*WATERMARK_RGB)
    c.setFillAlpha(WATERMARK_ALPHA)
    c.setFont(ts.FONT_BOLD, size)
    c.drawCentredString(0, size * 0.15, first)
    c.setFont(ts.FONT_BOLD, size * 0.6)
    c.drawCentredString(0, -size * 0.75, second)
    c.restoreState()


class Stamper:
    """Writes and places the stamp of every document page of one book."""

    def __init__(self, book: pikepdf.Pdf, watermark: Watermark | None) -> None:
        import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

        self._pk = pikepdf
        self.book = book
        self.watermark = watermark
        ts.register_fonts()
        # A private reportlab document only to assign glyph codes in subset fonts.
        self._buf = io.BytesIO()
        self._canvas = rl_canvas.Canvas(self._buf, invariant=1, pageCompression=0, initialFontName=ts.FONT)
        self._fonts_pdf: pikepdf.Pdf | None = None
        self._regular = pdfmetrics.getFont(ts.FONT)
        self._bold = pdfmetrics.getFont(ts.FONT_BOLD)
        self._fonts = book.make_indirect(pikepdf.Dictionary())  # filled by finish()
        self._resources = book.make_indirect(
            pikepdf.Dictionary(
                Font=self._fonts,
                ExtGState=pikepdf.Dictionary(
                    NSwm=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=WATERMARK_ALPHA, CA=WATERMARK_ALPHA)
                ),
            )
        )
        self._open_q = book.make_stream(b"q\n")
        self._suffixes: dict[tuple, pikepdf.Object] = {}
        self._watermarks: dict[tuple[float, float], bytes] = {}

    # -- text -----------------------------------------------------------------------------

    def _show(self, font, size: float, text: str, x: float, y: float) -> str:
        doc = self._canvas._doc
        ops = [f"BT {x:.2f} {y:.2f} Td"]
        for subset, chunk in font.splitString(text, doc):
            ops.append(f"{font.getSubsetInternalName(subset, doc)} {size:.2f} Tf ({escapePDF(chunk)}) Tj")
        ops.append("ET")
        return " ".join(ops)

    def _centred(self, font, size: float, text: str, cx: float, y: float) -> str:
        return self._show(font, size, text, cx - pdfmetrics.stringWidth(text, font.fontName, size) / 2, y)

    def _watermark_ops(self, width: float, height: float) -> bytes:
        key = (width, height)
        ops = self._watermarks.get(key)
        if ops is None:
            assert self.watermark is not None
            first, second = watermark_lines(self.watermark)
            angle, size = _watermark_geometry(first, width, height)
            cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            r, g, b = WATERMARK_RGB
            ops = self._watermarks[key] = (
                f"q /NSwm gs {r} {g} {b} rg {cos:.5f} {sin:.5f} {-sin:.5f} {cos:.5f} "
                f"{width / 2:.2f} {height / 2:.2f} cm "
                + self._centred(self._bold, size, first, 0, size * 0.15) + " "
                + self._centred(self._bold, size * 0.6, second, 0, -size * 0.75)
                + " Q\n"
            ).encode("latin-1")
        return ops

    # -- pages ----------------------------------------------------------------------------

    def stamp(self, page: pikepdf.Page, text: str, box: PageBox) -> None:
        """Draw ``text`` as the footer of ``page`` (plus the watermark, if any)."""
        pikepdf = self._pk
        width, height = box.display_size
        content = (
            f"{FOOTER_GREY} g " + self._centred(self._regular, FOOTER_SIZE, text, width / 2, FOOTER_Y) + "\n"
        ).encode("latin-1")
        if self.watermark is not None:
            content += self._watermark_ops(width, height)
        formx = self.book.make_stream(
            content,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, width, height],
            Resources=self._resources,
        )
        name = pikepdf.Name(STAMP_NAME)
        key = (box.llx, box.lly, box.urx, box.ury, box.rotate)
        suffix = self._suffixes.get(key)
        if suffix is None:
            rect = pikepdf.Rectangle(box.llx, box.lly, box.urx, box.ury)
            placement = page.calc_form_xobject_placement(
                formx, name, rect, invert_transformations=True, allow_shrink=True, allow_expand=True
            )
            suffix = self._suffixes[key] = self.book.make_stream(b"Q\n" + placement)
        # A fresh resources dictionary per page: sources often share one between pages, and
        # every page needs its own stamp under the same name.
        resources = page.obj.get("/Resources")
        fresh = pikepdf.Dictionary()
        if isinstance(resources, pikepdf.Dictionary):
            for key_name in resources.keys():  # noqa: SIM118 (pikepdf dictionaries are not dicts)
                fresh[key_name] = resources[key_name]
        xobjects = fresh.get("/XObject")
        fresh_x = pikepdf.Dictionary()
        if isinstance(xobjects, pikepdf.Dictionary):
            for key_name in xobjects.keys():  # noqa: SIM118
                fresh_x[key_name] = xobjects[key_name]
        fresh_x[name] = formx
        fresh["/XObject"] = fresh_x
        page.obj["/Resources"] = fresh
        contents = page.obj.get("/Contents")
        if contents is None:
            streams: list = []
        elif isinstance(contents, pikepdf.Array):
            streams = list(contents)
        else:
            streams = [contents]
        page.obj["/Contents"] = pikepdf.Array([self._open_q, *streams, suffix])

    def finish(self) -> None:
        """Embed the subset fonts the stamps used, once for the whole book.

        qpdf copies stream data when the book is written: call ``close()`` only after that."""
        import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

        c = self._canvas
        if not c._doc.delayedFonts:
            return
        # One page that names every font, so reportlab writes them all; we keep only the fonts.
        for font in (self._regular, self._bold):
            if font in c._doc.delayedFonts:
                c.setFont(font.fontName, 1)
                c.drawString(0, 0, " ")
        c.showPage()
        with ts.plain_streams():
            c.save()
        self._fonts_pdf = pikepdf.open(io.BytesIO(self._buf.getvalue()))
        font_dict = self._fonts_pdf.pages[0].obj.Resources.Font
        for key_name in font_dict.keys():  # noqa: SIM118
            self._fonts[key_name] = self.book.copy_foreign(font_dict[key_name])

    def close(self) -> None:
        if self._fonts_pdf is not None:
            self._fonts_pdf.close()
            self._fonts_pdf = None
