"""The register book as a Decree 30 PDF: landscape A4 (a page of tables may be landscape), the
office's heading and the book's title on the first page, the form's columns with their numbers
repeated on every page, page numbers centred in the top margin from page 2, fonts embedded."""

from __future__ import annotations

import io
from typing import Any

from register.book.rows import RegisterBook


def _period(book: RegisterBook) -> list[str]:
    lines = [f"Năm: {book.year}"]
    if book.first_day and book.last_day:
        lines.append(f"Từ ngày {book.first_day:%d/%m/%Y} đến ngày {book.last_day:%d/%m/%Y}")
    if book.first_number is not None and book.last_number is not None:
        lines.append(f"Từ số {book.first_number:02d} đến số {book.last_number:02d}")
    return lines


def render_book_pdf(book: RegisterBook) -> bytes:
    # Heavy libraries deferred for start-up: reportlab (and the typesetting helpers built on it).
    from reportlab.lib.enums import TA_CENTER  # noqa: PLC0415
    from reportlab.lib.pagesizes import A4, landscape  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table  # noqa: PLC0415

    from documents.papers.typeset import (  # noqa: PLC0415
        FONT,
        FONT_BOLD,
        FONT_ITALIC,
        Decree30Header,
        draw_page_number_top,
        escape,
        register_fonts,
        styles,
        table_style,
    )

    register_fonts()
    page = landscape(A4)
    left, right, top, bottom = 25 * mm, 15 * mm, 20 * mm, 15 * mm
    width = page[0] - left - right
    st = styles()
    title = ParagraphStyle("book_title", fontName=FONT_BOLD, fontSize=16, leading=20, alignment=TA_CENTER)
    period = ParagraphStyle("book_period", fontName=FONT_ITALIC, fontSize=13, leading=16, alignment=TA_CENTER)
    head = ParagraphStyle("book_head", parent=st.cell_bold, fontSize=10, leading=12, alignment=TA_CENTER)
    cell = ParagraphStyle("book_cell", parent=st.cell, fontSize=10, leading=12)
    centre = ParagraphStyle("book_centre", parent=cell, alignment=TA_CENTER)
    centred = {0, 1, 4} if not book.series.outgoing else {1, 6, 7}

    story: list[Any] = [Decree30Header(book.agency, parent_agency=book.parent_agency), Spacer(1, 10),
                        Paragraph(escape(book.title), title)]
    story += [Paragraph(escape(line), period) for line in _period(book)]
    story.append(Spacer(1, 10))
    data: list[list[Any]] = [[Paragraph(escape(name), head) for name, _ in book.columns],
                             [Paragraph(f"({i})", centre) for i in range(1, len(book.columns) + 1)]]
    for row in book.rows:
        data.append([Paragraph(escape(value), centre if i in centred else cell) for i, value in enumerate(row)])
    if not book.rows:
        data.append([Paragraph("Chưa có văn bản nào được vào sổ.", cell)] + [""] * (len(book.columns) - 1))
    table = Table(data, colWidths=[width * share for _, share in book.columns], repeatRows=2)
    commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
    if not book.rows:
        commands.append(("SPAN", (0, 2), (-1, 2)))
    table.setStyle(table_style(commands))
    story.append(table)

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.setTitle(f"{book.title.capitalize()} năm {book.year}")
        canvas.setFont(FONT, 13)
        draw_page_number_top(canvas, doc.page, page)

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=page, leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
                            title=f"{book.title.capitalize()} năm {book.year}", author=book.agency, invariant=True,
                            initialFontName=FONT)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()
