"""What a register book holds: the office's heading, the columns of the decree's form, and one
row per number of the year, in number order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from documents.doctypes import doc_type_name
from register.incoming.models import IncomingDocument
from register.numbering import Series
from store.clock import VN_TZ
from store.directory.units import load_unit
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Sổ đăng ký văn bản đến: the decree's columns, and each one's share of the table's width.
INCOMING_COLUMNS = (("Ngày đến", 0.08), ("Số đến", 0.06), ("Tác giả", 0.15), ("Số, ký hiệu", 0.11),
                    ("Ngày tháng", 0.08), ("Tên loại và trích yếu nội dung", 0.27),
                    ("Đơn vị hoặc người nhận", 0.11), ("Ký nhận", 0.06), ("Ghi chú", 0.08))
#: Sổ đăng ký văn bản đi. The narrow columns are as wide as their longest word (a date, "lượng",
#: "nhận") needs at 10 pt, so none is cut in two on paper.
OUTGOING_COLUMNS = (("Số, ký hiệu văn bản", 0.11), ("Ngày tháng văn bản", 0.08),
                    ("Tên loại và trích yếu nội dung văn bản", 0.23), ("Người ký", 0.11), ("Nơi nhận văn bản", 0.14),
                    ("Đơn vị, người nhận bản lưu", 0.09), ("Số lượng bản", 0.06), ("Ngày chuyển", 0.08),
                    ("Ký nhận", 0.05), ("Ghi chú", 0.05))
VERDICT_NOTES = {"valid": "Chữ ký số hợp lệ", "invalid": "Chữ ký số không hợp lệ",
                 "cannot_verify": "Chưa kiểm tra được chữ ký", "unsigned": ""}


@dataclass(frozen=True)
class RegisterBook:
    unit_id: int
    agency: str  # the issuing agency, as the heading prints it
    parent_agency: str | None
    place: str
    year: int
    series: Series
    columns: tuple[tuple[str, float], ...]
    rows: tuple[tuple[str, ...], ...]
    first_number: int | None
    last_number: int | None
    first_day: date | None
    last_day: date | None

    @property
    def title(self) -> str:
        book = "SỔ ĐĂNG KÝ VĂN BẢN ĐI" if self.series.outgoing else "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
        return book + (" MẬT" if self.series.secret else "")


def _d(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def heading(session: Session, unit_id: int) -> tuple[str, str | None, str]:
    unit = load_unit(session, unit_id)
    parent = None
    if unit.kind != "administrative" and unit.parent_id is not None:
        up = load_unit(session, unit.parent_id)
        parent = up.short_name or up.official_name or up.name
    return unit.official_name or unit.name, parent, unit.place_name or ""


def _type_and_subject(doc_type: str, subject: str) -> str:
    return f"{doc_type_name(doc_type)}: {subject}" if doc_type else subject


def incoming_book(session: Session, unit_id: int, year: int, series: Series = Series.DEN) -> RegisterBook:
    """Every registered incoming document of the year in the series, by number."""
    d = IncomingDocument
    found = session.execute(
        select(d, Person.full_name).outerjoin(Person, Person.id == d.handler_id)
        .where(d.unit_id == unit_id, d.year == year, d.series == str(series), d.number.is_not(None))
        .order_by(d.number)).all()
    rows: list[tuple[str, ...]] = []
    days: list[date] = []
    for row, handler in found:
        day = row.received_at.astimezone(VN_TZ).date()
        days.append(day)
        note = "; ".join(n for n in (VERDICT_NOTES.get(row.verdict, row.verdict),
                                     "Đã xử lý xong" if row.status == "done" else "") if n)
        rows.append((_d(day), f"{row.number:02d}", row.sender_name, row.doc_symbol, _d(row.doc_date),
                     _type_and_subject(row.doc_type, row.subject), handler or "", "", note))
    agency, parent, place = heading(session, unit_id)
    numbers = [r.number for r, _ in found if r.number is not None]
    return RegisterBook(unit_id, agency, parent, place, year, series, INCOMING_COLUMNS, tuple(rows),
                        min(numbers, default=None), max(numbers, default=None), min(days, default=None),
                        max(days, default=None))


def book_columns(book: RegisterBook) -> Sequence[str]:
    return [name for name, _ in book.columns]
