"""The register book as an Excel workbook (.xlsx, through openpyxl) for the yearly handover:
one sheet, the heading and title above the form's columns, the header frozen, Times New Roman."""

from __future__ import annotations

import io
from typing import Any

from register.book.rows import RegisterBook


def render_book_xlsx(book: RegisterBook) -> bytes:
    # Heavy library deferred for start-up: openpyxl.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Alignment, Border, Font, Side  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    wb = Workbook()
    ws: Any = wb.active
    ws.title = ("Sổ đi " if book.series.outgoing else "Sổ đến ") + str(book.year)
    n = len(book.columns)
    last = get_column_letter(n)
    plain, bold = Font(name="Times New Roman", size=12), Font(name="Times New Roman", size=12, bold=True)
    thin = Side(style="thin")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    lines: list[tuple[str, Font]] = []
    if book.parent_agency:
        lines.append((book.parent_agency.upper(), plain))
    lines.append((book.agency.upper(), bold))
    lines.append(("", plain))
    lines.append((book.title, Font(name="Times New Roman", size=14, bold=True)))
    lines.append((f"Năm: {book.year}", Font(name="Times New Roman", size=12, italic=True)))
    if book.first_day and book.last_day:  # as the PDF's heading says it
        lines.append((f"Từ ngày {book.first_day:%d/%m/%Y} đến ngày {book.last_day:%d/%m/%Y}", plain))
    if book.first_number is not None and book.last_number is not None:
        lines.append((f"Từ số {book.first_number:02d} đến số {book.last_number:02d}", plain))
    for r, (text, font) in enumerate(lines, 1):
        ws.merge_cells(f"A{r}:{last}{r}")
        ws[f"A{r}"] = text
        ws[f"A{r}"].font = font
        ws[f"A{r}"].alignment = Alignment(horizontal="center") if r > 2 or not book.parent_agency else Alignment()
    header = len(lines) + 2
    for c, (name, share) in enumerate(book.columns, 1):
        for r, value in ((header, name), (header + 1, f"({c})")):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font, cell.alignment, cell.border = bold if r == header else plain, centre, grid
        ws.column_dimensions[get_column_letter(c)].width = max(8, round(share * 160))
    for r, row in enumerate(book.rows, header + 2):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font, cell.alignment, cell.border = plain, wrap, grid
    ws.freeze_panes = ws.cell(row=header + 2, column=1)
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = f"{header}:{header + 1}"
    wb.properties.title = f"{book.title.capitalize()} năm {book.year}"
    wb.properties.creator = book.agency
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
