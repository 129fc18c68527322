"""The number and the release date in a signed PDF, without breaking any signature.

The design (Decree 30 §5: the organisation signs the released file, with the number and the
time as its own text, and with the seal's image over the signer's signature):

1. Before anyone signs, one incremental update adds three empty signature fields: the
   competent signer's (ô 7c), the organisation's header field across ô 3 and ô 4 of page 1
   (where ``Số: …`` and the place and date line go), and the organisation's seal (ô 8).
2. The signer's signature certifies the document with form filling allowed (DocMDP P=2).
3. At release the văn thư signs twice with the organisation's key: into the header field,
   whose appearance is the number and the date, drawn in the document's serif (embedded) on
   a white ground, so that a pre-printed ``Số:      /QĐ-UBND`` under it does not show
   through; then into the seal field, which covers the whole file. The seal field is a square
   of the seal's real size over the left third of the signer's image, centred on its height
   (``placement.seal_over``; moved for the signer's own image just before the certification,
   ``seal_field``); the seal is drawn in it, over the image where the signed file shows it
   (``ink_in_seal``). Without a seal image the seal field shows nothing: a text stamp of the
   organisation there would print over the signer's, as no paper document shows, and the
   organisation's visible mark is already the number and date it signed on page 1; its
   signature is in the file and in every report.

Every change after the certification is the signing of a field that existed before it,
which FILL_FORMS allows and which our verifier (it refuses any other field change after a
signature), pyHanko and poppler's ``pdfsig`` all accept. No text field is ever filled.
"""

from __future__ import annotations

import io
import re
from typing import Any

from register.outgoing.placement import Box, Placement

SIGNER_FIELD = "ChuKy_NguoiKy"
HEADER_FIELD = "SoVaNgay_CoQuan"
SEAL_FIELD = "ChuKy_CoQuan"
#: How our stamp draws the signature image (``signing.pdf.stamp_style``): "w 0 0 h x y cm /NghisuImg0 Do".
_SIGNATURE_DRAWN = re.compile(rb"([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm /NghisuImg0 Do")


def header_box(number: Box, date: Box) -> Box:
    """The header field: one box across the number (left) and the date line (right)."""
    return (min(number[0], date[0]), min(number[1], date[1]), max(number[2], date[2]), max(number[3], date[3]))


def header_page(number_text: str, date_text: str, number: Box, date: Box) -> bytes:
    """The header field's appearance: a page of the field's size, white, with ``Số: …``
    centred where ô 3 is and the italic place and date centred where ô 4 is."""
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab
    from reportlab.pdfgen import canvas  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    from documents.papers import typeset as ts  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    ts.register_fonts()
    x0, y0, x1, y1 = header_box(number, date)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(x1 - x0, y1 - y0), invariant=1, initialFontName=ts.FONT)
    c.setFillColorRGB(1, 1, 1)
    c.rect(0, 0, x1 - x0, y1 - y0, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    for text, box, font in ((number_text, number, ts.FONT), (date_text, date, ts.FONT_ITALIC)):
        size = 13.0
        width = box[2] - box[0]
        while size > 7 and pdfmetrics.stringWidth(text, font, size) > width - 2:
            size -= 0.5
        c.setFont(font, size)
        c.drawCentredString((box[0] + box[2]) / 2 - x0, (box[1] + box[3]) / 2 - y0 - size * 0.3, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def blank_page(box: Box) -> bytes:
    """A page of the box's size with nothing on it: the seal field's look without a seal image."""
    from reportlab.pdfgen import canvas  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(box[2] - box[0], box[3] - box[1]), invariant=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def ink_in_seal(pdf: bytes, where: Placement) -> tuple[float, float, float, float] | None:
    """Where the signer's stamp in the signed ``pdf`` draws the signature image, as (x, y,
    width, height) in the seal field's box: the seal goes over its left third. Read from the
    file (the signer may have signed with an image of their own choosing). ``None`` when the
    signer's stamp has no image: the seal then sits in the middle of its field."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    def drawn(xobject: Any, depth: int = 0) -> tuple[float, ...] | None:
        found = _SIGNATURE_DRAWN.search(xobject.read_bytes())
        if found:
            return tuple(float(v) for v in found.groups())
        for child in ((xobject.get("/Resources") or {}).get("/XObject") or {}).values():
            if depth < 3 and child.get("/Subtype") == "/Form" and (inner := drawn(child, depth + 1)):
                return inner
        return None

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for annot in page.get("/Annots") or []:
                if str(annot.get("/T", "")) != SIGNER_FIELD or "/AP" not in annot:
                    continue
                placed = drawn(annot.AP.N)
                if placed is None:
                    return None
                w, h, x, y = placed
                rect = [float(v) for v in annot.Rect]
                return (x + min(rect[0], rect[2]) - where.seal[0], y + min(rect[1], rect[3]) - where.seal[1], w, h)
    return None
