"""An outgoing document Nghị Sự writes itself (Decree 30 layout), and where its number, date and
signatures go: the header leaves ô 3 and ô 4 empty for the fields the văn thư fills at release,
and the signature block leaves the space the signer's field takes, tall enough for the unit's seal
at its real size centred on the signature (41 mm for the usual 36 mm seal), clear of the title
above it and the name below."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from documents.papers import typeset as ts
from register.outgoing.placement import Box, Placement, SealLook, seal_over, signature_height_for
from signing.stamp_library import seal_mm_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DocumentContent:
    agency: str  # "Ủy ban nhân dân tỉnh Quảng Trị"
    type_name: str  # "Quyết định"; "" for a công văn
    subject: str
    paragraphs: tuple[str, ...]
    block_lines: tuple[str, ...]  # "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    signer_name: str
    recipients: tuple[str, ...] = field(default=("Lưu: VT",))
    parent_agency: str | None = None
    bases: tuple[str, ...] = ()  # căn cứ lines, in italics
    #: The issuing unit's seal's real size (``stamp_library.seal_mm_of``, which falls back to the
    #: usual 36 mm): the space between the title and the name is sized for it. ``None``: 36 mm.
    seal_mm: float | None = None


def with_unit_seal(session: Session, unit_id: int, content: DocumentContent) -> DocumentContent:
    """``content`` with the issuing unit's seal size as the stamp library keeps it (else the
    usual 36 mm), so that the space between the title and the name takes that seal at its real
    size: a generator that knows the issuing unit asks this before drawing."""
    return replace(content, seal_mm=seal_mm_of(session, unit_id))


class _Header(ts.Decree30Header):
    """The decree's header with ô 3 and ô 4 left blank; remembers where they are on the page."""

    def __init__(self, agency: str, parent: str | None, sink: dict[str, Box]) -> None:
        super().__init__(agency, parent_agency=parent, number_line="", date_line="")
        self.sink = sink

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = super().wrap(avail_width, avail_height)
        self.height = self._top_rows * 14 + 8 + 18 + 4  # the number row's space stays
        return w, self.height

    def draw(self) -> None:
        super().draw()
        left_w = self.width * self.LEFT_SHARE
        row_y = self.height - 12 - (self._top_rows - 1) * 14 - 4 - 18
        x0, y0 = self.canv.absolutePosition(0, 0)
        self.sink["number"] = (x0 + 2, y0 + row_y - 5, x0 + left_w - 2, y0 + row_y + 14)
        self.sink["date"] = (x0 + left_w + 4, y0 + row_y - 5, x0 + self.width, y0 + row_y + 14)


class _SignatureSpace(Flowable):  # type: ignore[misc]  # reportlab ships no types
    def __init__(self, width: float, height: float, sink: dict[str, Box], pages: list[int]) -> None:
        super().__init__()
        self.width, self.height, self.sink, self.pages = width, height, sink, pages

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.sink["signature"] = (x, y, x + self.width, y + self.height)
        self.pages.append(self.canv.getPageNumber() - 1)


def render_document(content: DocumentContent) -> tuple[bytes, Placement]:
    """The PDF, and where the number, date, signer's and seal's fields go."""
    st = ts.styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=ts.PAGE_SIZE, leftMargin=ts.MARGIN_LEFT, rightMargin=ts.MARGIN_RIGHT,
                            topMargin=ts.MARGIN_TOP, bottomMargin=ts.MARGIN_BOTTOM, title=content.subject,
                            author=content.agency, creator="Nghị Sự", invariant=1, initialFontName=ts.FONT)
    boxes: dict[str, Box] = {}
    pages: list[int] = []
    story: list[Flowable] = [_Header(content.agency, content.parent_agency, boxes)]
    story += ts.title_block(content.type_name, content.subject)
    story += [Paragraph(ts.escape(b), st.basis) for b in content.bases]
    story += [Paragraph(ts.escape(p), st.body) for p in content.paragraphs]
    half = ts.TEXT_WIDTH * 0.55
    sig = ParagraphStyle("sig", fontName=ts.FONT_BOLD, fontSize=14, leading=17, alignment=TA_CENTER)
    right: list[Flowable] = [Paragraph(ts.escape(line.upper()), sig) for line in content.block_lines]
    right += [_SignatureSpace(half - 40, signature_height_for(content.seal_mm), boxes, pages), Paragraph(ts.escape(content.signer_name), sig)]
    left: list[Flowable] = [Paragraph("<b><i>Nơi nhận:</i></b>", ParagraphStyle("nn", parent=st.small, fontSize=12))]
    for i, r in enumerate(content.recipients):
        left.append(Paragraph(ts.escape(f"- {r.rstrip(';.')}{'.' if i == len(content.recipients) - 1 else ';'}"),
                              st.small))
    table = Table([[left, right]], colWidths=[ts.TEXT_WIDTH - half, half])
    table.setStyle(ts.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story += [Spacer(1, 12), KeepTogether([table])]
    with ts.plain_streams():
        doc.build(story, onFirstPage=_on_page, onLaterPages=_on_page)
    signature = boxes["signature"]
    seal = seal_over(signature, SealLook(content.seal_mm) if content.seal_mm else None)
    return buf.getvalue(), Placement(boxes["number"], boxes["date"], pages[-1], signature, seal)


def _on_page(canvas, document) -> None:  # type: ignore[no-untyped-def]
    ts.draw_page_number_top(canvas, document.page)


def sample_paragraphs(subject: str) -> Sequence[str]:
    """Body text for a generated decision when none is given (demo and tests)."""
    return (f"Điều 1. Ban hành kèm theo Quyết định này nội dung về {subject.lower()}.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm "
            "thi hành Quyết định này./.")
