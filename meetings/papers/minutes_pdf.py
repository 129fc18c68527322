"""Drawing the minutes (biên bản, Mẫu 1.9) and the conclusion notice (thông báo, Mẫu 1.4).

Both are Decree 30 layouts set with ``documents.papers.typeset`` (the Vietnamese serif in
``resources/fonts``). The minutes have no place/date line in the header; THƯ KÝ signs on the
left and CHỦ TỌA on the right, Nơi nhận under the left column. The empty space under each
title is where the signing workflow puts the signature fields: ``render_minutes`` returns
those boxes (page index, PDF points) so the fields land exactly there.

Output is deterministic (reportlab ``invariant=1``): the same text gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from documents.papers import typeset as ts
from signing.pdf.stamp_images import SIGNATURE_SPACE, signature_space_pt

Box = tuple[float, float, float, float]
#: Points (41 mm) between a signer's title and name: the usual 36 mm seal at its real size, centred
#: on the signature, fits clear of both (register.outgoing.placement.SIGNATURE_HEIGHT). A unit
#: whose seal is larger gets more (``signature_space_pt`` of the seal kept for it).
SIGN_SPACE = SIGNATURE_SPACE


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    inline: bool = False  # "Heading: text" on one line (the particulars), else heading above


@dataclass(frozen=True)
class MinutesContent:
    agency: str  # e.g. "Ủy ban nhân dân tỉnh Quảng Trị"
    symbol: str  # e.g. "BB-UBND": the number is given when the minutes are issued
    meeting_title: str
    sections: tuple[Section, ...]
    secretary_name: str
    chair_name: str
    chair_title: str = ""  # a government title the chair may add (Mẫu 1.9), e.g. "CHỦ TỊCH UBND TỈNH"
    recipients: tuple[str, ...] = ("Lưu: VT, Hồ sơ",)
    parent_agency: str | None = None
    #: Not finalised yet: every page says "DỰ THẢO" (a draft must never pass for the minutes).
    draft: bool = False
    number: str | None = None  # "05/BB-UBND" from the register once finalised
    #: The unit's seal's real size (``stamp_library.seal_mm_of``): the space between each title
    #: and name fits it; ``None``: the usual 36 mm.
    seal_mm: float | None = None


@dataclass(frozen=True)
class NoticeTask:
    description: str
    owner: str
    deadline: date


@dataclass(frozen=True)
class NoticeContent:
    agency: str
    symbol: str  # e.g. "TB-UBND"
    place: str
    issued_on: date
    subject: str
    intro: str
    conclusions: tuple[str, ...]
    tasks: tuple[NoticeTask, ...]
    signer: ts.Signer
    recipients: tuple[str, ...] = field(default=("Lưu: VT",))
    parent_agency: str | None = None
    number: str | None = None  # "07/TB-UBND" once the register gave it; until then a DỰ THẢO
    seal_mm: float | None = None  # the unit's seal's real size, as in MinutesContent


class SignatureSpace(Flowable):
    """Empty space that remembers where it was drawn (page index and box in PDF points)."""

    def __init__(self, width: float, height: float, key: str, sink: dict[str, tuple[int, Box]]) -> None:
        super().__init__()
        self.width, self.height, self.key, self.sink = width, height, key, sink

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.sink[self.key] = (self.canv.getPageNumber() - 1, (x, y, x + self.width, y + self.height))


def decree_doc(buf: io.BytesIO, title: str, author: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(buf, pagesize=ts.PAGE_SIZE, leftMargin=ts.MARGIN_LEFT, rightMargin=ts.MARGIN_RIGHT,
                             topMargin=ts.MARGIN_TOP + 6 * mm, bottomMargin=ts.MARGIN_BOTTOM, title=title,
                             author=author, creator="Nghị Sự", invariant=1,
                             initialFontName=ts.FONT)


def on_page(canvas, document) -> None:
    ts.draw_page_number_top(canvas, document.page)


DRAFT_MARK = "DỰ THẢO"
DRAFT_NOTE = "Bản dự thảo, chưa hoàn tất và chưa ký"


def on_draft_page(canvas, document) -> None:
    """A boxed "DỰ THẢO" in the top left corner (where Decree 30 drafts carry it), a line saying
    what it means at the foot, and a faint diagonal mark across the page."""
    on_page(canvas, document)
    width, height = ts.PAGE_SIZE
    canvas.saveState()
    canvas.setFont(ts.FONT_BOLD, 12)
    text_width = canvas.stringWidth(DRAFT_MARK, ts.FONT_BOLD, 12)
    x, y = ts.MARGIN_LEFT, height - ts.MARGIN_TOP / 2 - 4
    canvas.rect(x - 2 * mm, y - 1.6 * mm, text_width + 4 * mm, 6 * mm)
    canvas.drawString(x, y, DRAFT_MARK)
    canvas.setFont(ts.FONT_ITALIC, 9)
    canvas.drawCentredString(width / 2, ts.MARGIN_BOTTOM / 2, DRAFT_NOTE)
    canvas.setFillGray(0.85)
    canvas.setFont(ts.FONT_BOLD, 90)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -30, DRAFT_MARK)
    canvas.restoreState()


def paragraphs(text: str, st: ts.Styles) -> list[Flowable]:
    out: list[Flowable] = []
    bullet = ParagraphStyle("bullet", parent=st.body, firstLineIndent=0, leftIndent=1 * 28.35, bulletIndent=0.5 * 28.35)
    for line in text.splitlines():
        line = line.rstrip()
        if not line.strip():
            continue
        if line.lstrip().startswith("- "):
            out.append(Paragraph(ts.escape(line.lstrip()[2:]), bullet, bulletText="-"))
        else:
            out.append(Paragraph(ts.escape(line.strip()), st.body))
    return out


def _section(section: Section, st: ts.Styles) -> list[Flowable]:
    lines = [ln for ln in section.text.splitlines() if ln.strip()]
    if section.inline:
        first = lines[0].strip() if lines else ""
        head = Paragraph(f"<b>{ts.escape(section.heading)}:</b> {ts.escape(first)}", st.body)
        return [head, *paragraphs("\n".join(lines[1:]), st)]
    out: list[Flowable] = []
    if section.heading:
        out.append(Paragraph(f"<b>{ts.escape(section.heading)}</b>", st.body))
    return out + paragraphs(section.text, st)


def sig_column(title_lines: Sequence[str], name: str, key: str, sink: dict, width: float,
               space: float = SIGN_SPACE) -> list[Flowable]:
    """The title lines, ``space`` points left for the signature field, the signer's name."""
    style = ParagraphStyle("sig", fontName=ts.FONT_BOLD, fontSize=14, leading=17, alignment=TA_CENTER)
    out: list[Flowable] = [Paragraph(ts.escape(t.upper()), style) for t in title_lines if t]
    out.append(SignatureSpace(width - 20, space, key, sink))
    out.append(Paragraph(ts.escape(name), style))
    return out


def recipients_block(recipients: Sequence[str], st: ts.Styles) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("<b><i>Nơi nhận:</i></b>", ParagraphStyle("nn", parent=st.small, fontSize=12))]
    for i, r in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        out.append(Paragraph(ts.escape(f"- {r.rstrip(';.')}{end}"), st.small))
    return out


def render_minutes(content: MinutesContent) -> tuple[bytes, dict[str, tuple[int, Box]]]:
    """The minutes as PDF bytes, and where the "secretary" and "chair" signatures go."""
    st = ts.styles()
    buf = io.BytesIO()
    doc = decree_doc(buf, f"Biên bản {content.meeting_title}", content.agency)
    number_line = f"Số: {content.number}" if content.number else f"Số:       /{content.symbol}"
    story: list[Flowable] = [ts.Decree30Header(content.agency, parent_agency=content.parent_agency,
                                               number_line=number_line)]
    story += ts.title_block("BIÊN BẢN", content.meeting_title)
    for section in content.sections:
        story += _section(section, st)
    half = ts.TEXT_WIDTH / 2
    boxes: dict[str, tuple[int, Box]] = {}
    space = signature_space_pt(content.seal_mm)
    left = sig_column(["THƯ KÝ"], content.secretary_name, "secretary", boxes, half, space)
    right = sig_column(["CHỦ TỌA", content.chair_title], content.chair_name, "chair", boxes, half, space)
    table = Table([[left, right], [recipients_block(content.recipients, st), ""]], colWidths=[half, half])
    # ALIGN CENTER on the signer row: the signature space is narrower than its column and must
    # sit under the centred title and name, not against the column's left edge.
    table.setStyle(ts.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 1), (0, 1), 14)]))
    story += [Spacer(1, 12), KeepTogether([table])]
    page_hook = on_draft_page if content.draft else on_page
    with ts.plain_streams():
        doc.build(story, onFirstPage=page_hook, onLaterPages=page_hook)
    return buf.getvalue(), boxes


def signer_table(lines: Sequence[str], name: str, recipients: Sequence[str], boxes: dict[str, tuple[int, Box]],
                 st: ts.Styles, seal_mm: float | None = None) -> Table:
    """Nơi nhận on the left, the signer's block on the right with the space where the signing
    workflow puts the signature field (``boxes["signer"]``), tall enough for a seal of
    ``seal_mm`` (the unit's; ``None``: the usual 36 mm) centred on the signature."""
    half = ts.TEXT_WIDTH / 2
    right = sig_column(lines, name, "signer", boxes, half + 20, signature_space_pt(seal_mm))
    table = Table([[recipients_block(recipients, st), right]], colWidths=[half - 20, half + 20])
    table.setStyle(ts.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (0, 0), 6)]))
    return table


def render_notice(content: NoticeContent) -> tuple[bytes, dict[str, tuple[int, Box]]]:
    """The conclusion notice: header with place and date, THÔNG BÁO, conclusions, the task table;
    and where the signer's field goes."""
    st = ts.styles()
    buf = io.BytesIO()
    doc = decree_doc(buf, content.subject, content.agency)
    number_line = f"Số: {content.number}" if content.number else f"Số:       /{content.symbol}"
    story: list[Flowable] = [ts.Decree30Header(content.agency, parent_agency=content.parent_agency,
                                               number_line=number_line,
                                               date_line=ts.format_date_line(content.place, content.issued_on))]
    story += ts.title_block("THÔNG BÁO", content.subject)
    story += paragraphs(content.intro, st)
    for i, text in enumerate(content.conclusions, start=1):
        story.append(Paragraph(f"{i}. {ts.escape(text)}", st.body))
    if content.tasks:
        story.append(Paragraph(f"<b>{len(content.conclusions) + 1}. Phân công thực hiện</b>", st.body))
        rows = [[Paragraph("<b>TT</b>", st.cell_centre), Paragraph("<b>Nhiệm vụ</b>", st.cell_centre),
                 Paragraph("<b>Đơn vị chủ trì</b>", st.cell_centre), Paragraph("<b>Thời hạn</b>", st.cell_centre)]]
        for i, task in enumerate(content.tasks, start=1):
            rows.append([Paragraph(str(i), st.cell_centre), Paragraph(ts.escape(task.description), st.cell),
                         Paragraph(ts.escape(task.owner), st.cell), Paragraph(ts.format_date_vn(task.deadline), st.cell_centre)])
        w = ts.TEXT_WIDTH
        table = Table(rows, colWidths=[w * 0.07, w * 0.53, w * 0.25, w * 0.15], repeatRows=1)
        table.setStyle(ts.table_style([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story += [table, Spacer(1, 6)]
    story.append(Paragraph(f"{ts.escape(content.agency)} thông báo để các cơ quan, đơn vị, địa phương biết, "
                           "thực hiện./.", st.body))
    lines = [*(ln for ln in content.signer.authority.splitlines() if ln.strip()), content.signer.title]
    boxes: dict[str, tuple[int, Box]] = {}
    story += [Spacer(1, 10), KeepTogether([signer_table(lines, content.signer.name, content.recipients, boxes, st,
                                                             content.seal_mm)])]
    page_hook = on_page if content.number else on_draft_page
    with ts.plain_streams():
        doc.build(story, onFirstPage=page_hook, onLaterPages=page_hook)
    return buf.getvalue(), boxes
