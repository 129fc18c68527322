"""The meeting book's front matter: the cover and the agenda table (reportlab).

Agenda rows link to ``nghisu-book:page=K`` (K = the document page number printed in the
row); ``book_nav`` turns those into real in-document links once the book is assembled.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from documents.book.stamps import draw_footer, draw_watermark
from documents.papers import typeset as ts
from documents.papers.typeset import escape, format_date_vn

if TYPE_CHECKING:
    from documents.book.compile import BookPlan, ConnectedSite, MeetingInfo

LINK_SCHEME = "nghisu-book:page="
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
_MAX_SITES_NAMED = 12


def roman(n: int) -> str:
    """Lowercase roman numerals for front-matter page labels."""
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += digits
            n -= value
    return out


def time_line(m: MeetingInfo) -> str:
    """``08 giờ 00 - 11 giờ 30, Thứ Tư, ngày 05/03/2025``."""
    start = m.starts_at

    def hm(t: datetime) -> str:
        return f"{t.hour:02d} giờ {t.minute:02d}"

    day = f"{WEEKDAYS[start.weekday()]}, ngày {format_date_vn(start)}"
    if m.ends_at is None:
        return f"{hm(start)}, {day}"
    if m.ends_at.date() == start.date():
        return f"{hm(start)} - {hm(m.ends_at)}, {day}"
    return f"{hm(start)}, {day} đến {hm(m.ends_at)}, ngày {format_date_vn(m.ends_at)}"


def sites_lines(sites: Sequence[ConnectedSite]) -> list[str]:
    """Sites grouped by level; long lists are summarised so the cover stays one page."""
    groups: dict[str, list[str]] = {}
    for site in sites:
        groups.setdefault(site.level, []).append(site.name)
    lines = []
    for level, names in groups.items():
        head = f"Cấp {level}" if level else "Điểm cầu"  # the level's short name, from its scheme
        if len(names) > _MAX_SITES_NAMED:
            shown = ", ".join(names[:6])
            lines.append(f"{head} ({len(names)} điểm cầu): {shown} và {len(names) - 6} điểm cầu khác")
        else:
            lines.append(f"{head}: {', '.join(names)}")
    return lines


def _cover(plan: BookPlan) -> list:
    ts.styles()  # registers the fonts
    m = plan.meeting
    big = ParagraphStyle("big", fontName=ts.FONT_BOLD, fontSize=22, leading=28, alignment=TA_CENTER)
    title = ParagraphStyle("ctitle", fontName=ts.FONT_BOLD, fontSize=17, leading=23, alignment=TA_CENTER)
    kind = ParagraphStyle("ckind", fontName=ts.FONT_ITALIC, fontSize=14, leading=18, alignment=TA_CENTER)
    label = ParagraphStyle("clabel", fontName=ts.FONT_BOLD, fontSize=13, leading=17)
    value = ParagraphStyle("cvalue", fontName=ts.FONT, fontSize=13, leading=17)
    out: list = [ts.Decree30Header(m.host_unit, parent_agency=m.parent_agency), Spacer(1, 38 * mm)]
    out.append(Paragraph("TÀI LIỆU PHIÊN HỌP", big))
    out.append(Spacer(1, 8))
    out.append(Paragraph(escape(m.title), title))
    if m.kind:
        out.append(Paragraph(escape(m.kind), kind))
    out.append(HRFlowable(width="25%", thickness=0.6, color="black", spaceBefore=8, spaceAfter=18 * mm))
    rows = [[Paragraph("Thời gian:", label), Paragraph(escape(time_line(m)), value)]]
    if m.location:
        rows.append([Paragraph("Địa điểm:", label), Paragraph(escape(m.location), value)])
    for i, line in enumerate(sites_lines(m.sites)):
        rows.append([Paragraph("Điểm cầu:" if i == 0 else "", label), Paragraph(escape(line), value)])
    if plan.watermark is not None:
        wm = plan.watermark
        who = f"{wm.recipient} ({wm.note})" if wm.note else wm.recipient
        rows.append([Paragraph("Cấp cho:", label),
                     Paragraph(escape(f"{who}, lúc {wm.at:%H:%M} {format_date_vn(wm.at)}"), value)])
    table = Table(rows, colWidths=[28 * mm, ts.TEXT_WIDTH - 38 * mm], hAlign="CENTER")
    table.setStyle(ts.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    out.append(table)
    return out


def _agenda(plan: BookPlan, first_labels: Sequence[Sequence[int]], starts: Sequence[int | None]) -> list:
    st = ts.styles()
    head = ParagraphStyle("ahead", parent=st.cell_bold, alignment=TA_CENTER, fontSize=12, leading=14)
    item_style = ParagraphStyle("aitem", parent=st.cell, fontName=ts.FONT_BOLD, fontSize=12, leading=15)
    num_style = ParagraphStyle("anum", parent=item_style, alignment=TA_CENTER)
    doc_style = ParagraphStyle("adoc", parent=st.cell, fontSize=11, leading=13.5, leftIndent=10, firstLineIndent=-8)
    page_style = ParagraphStyle("apage", parent=st.cell, fontSize=12, leading=15, alignment=TA_RIGHT)
    mins_style = ParagraphStyle("amins", parent=st.cell, fontSize=11, leading=15, alignment=TA_CENTER)
    doc_page_style = ParagraphStyle("apage2", parent=page_style, fontSize=11)

    def link(k: int, text: str) -> str:
        return f'<a href="{LINK_SCHEME}{k}">{text}</a>'

    out: list = [
        Paragraph("CHƯƠNG TRÌNH PHIÊN HỌP", st.title),
        Paragraph(escape(plan.meeting.title), st.subject),
        HRFlowable(width="30%", thickness=0.6, color="black", spaceBefore=2, spaceAfter=12),
    ]
    widths = [14 * mm, ts.TEXT_WIDTH - 50 * mm, 20 * mm, 16 * mm]
    lines = [
        ("BOX", (0, 0), (-1, -1), 0.5, "black"),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    header = Table([[Paragraph(h, head) for h in ("Mục", "Nội dung", "Thời lượng", "Trang")]], colWidths=widths)
    header.setStyle(ts.table_style([*lines, ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee")]))
    out.append(header)
    # One small table per agenda item rather than one long table: reportlab re-lays out the
    # rest of a table at every page break, which made a 200-document agenda take seconds.
    for item, labels, start in zip(plan.agenda, first_labels, starts, strict=True):
        text = f"<b>{escape(item.title)}</b>"
        if start is not None:
            text = link(start, text)
        if item.presenter:
            text += f"<br/><i>Trình bày: {escape(item.presenter)}</i>"
        page = Paragraph(link(start, str(start)) if start is not None else "", page_style)
        mins = Paragraph(f"{item.minutes} phút" if item.minutes else "", mins_style)
        data = [[Paragraph(escape(item.number), num_style), Paragraph(text, item_style), mins, page]]
        for doc, k in zip(item.documents, labels, strict=True):
            name = f"{doc.number} – {doc.title}" if doc.number else doc.title
            data.append(["", Paragraph(link(k, "– " + escape(name)), doc_style), "",
                         Paragraph(link(k, str(k)), doc_page_style)])
        table = Table(data, colWidths=widths)
        table.setStyle(ts.table_style(lines))
        out.append(table)
    if not plan.agenda:
        out.append(Paragraph("<i>Chưa có nội dung.</i>", st.centre))
    return out


def write_front(
    plan: BookPlan, first_labels: Sequence[Sequence[int]], starts: Sequence[int | None], path: Path
) -> int:
    """Write the cover and agenda to ``path``; returns their page count.

    ``first_labels`` holds each item's documents' first page numbers, ``starts`` each item's
    own start (see ``book_build.item_starts``)."""
    ts.styles()  # registers the fonts
    doc = SimpleDocTemplate(
        str(path),
        pagesize=ts.PAGE_SIZE,
        leftMargin=ts.MARGIN_LEFT,
        rightMargin=ts.MARGIN_RIGHT,
        topMargin=ts.MARGIN_TOP,
        bottomMargin=ts.MARGIN_BOTTOM,
        title=plan.meeting.title,
        author=plan.meeting.host_unit,
        creator="Nghị Sự",
        invariant=1,
        initialFontName=ts.FONT,
    )
    m = plan.meeting

    def on_page(canvas, document) -> None:
        width, height = ts.PAGE_SIZE
        canvas.saveState()
        n = document.page
        if n == 1:
            section = "Trang bìa"
            if m.place:
                canvas.setFont(ts.FONT_ITALIC, 13)
                canvas.drawCentredString(width / 2, 32 * mm,
                                         f"{m.place}, tháng {m.starts_at.month} năm {m.starts_at.year}")
        else:
            section = "Chương trình phiên họp"
        draw_footer(canvas, f"{section} · trang {roman(n)}", width)
        if plan.watermark is not None:
            draw_watermark(canvas, plan.watermark, width, height)
        canvas.restoreState()

    story = [*_cover(plan), PageBreak(), *_agenda(plan, first_labels, starts)]
    with ts.plain_streams():
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return doc.page
