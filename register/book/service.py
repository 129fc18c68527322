"""Making a register book: the rows of the unit's year in the series asked, written as PDF or .xlsx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from register.book.outgoing_rows import outgoing_book
from register.book.pdf import render_book_pdf
from register.book.rows import RegisterBook, incoming_book
from register.book.xlsx import render_book_xlsx
from register.numbering import Series
from store.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FORMATS = {".pdf": render_book_pdf, ".xlsx": render_book_xlsx}


def register_book(session: Session, unit_id: int, year: int, series: Series) -> RegisterBook:
    if series.outgoing:
        return outgoing_book(session, unit_id, year, series)
    return incoming_book(session, unit_id, year, series)


def book_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput(f"Sổ chỉ xuất ra tệp .pdf hoặc .xlsx, không xuất ra '{path.name}'.",
                           f"The book is written as a .pdf or .xlsx file, not '{path.name}'.")
    return suffix


def render_book(book: RegisterBook, path: Path) -> bytes:
    return FORMATS[book_format(path)](book)
