"""Storing a meeting's paper with the register number printed on it.

The number is printed on the page, so the paper is drawn and checked before the number is
taken, with the number the register will give next; the unit of work then takes the number
and, if another clerk took that one meanwhile, the paper is drawn again with the real one.
No transaction waits for the checker process, and the number and the stored paper commit
together: a paper is never stored without its number, nor a number given to nothing (a
rolled-back number is given again, Decree 30 wants no gap).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from documents.papers.pdfa import declare_pdfa2b
from register.numbering import Series, format_symbol, last_number, register_year, take_number
from store.directory.units import load_unit
from store.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from documents.intake.service import InspectedPdf
    from store.engine import Store
    from store.uow import UnitOfWork

Drawn = TypeVar("Drawn")
Saved = TypeVar("Saved")

#: Tries at drawing with the next number (each lost race means another clerk numbered a paper
#: of the same unit in the same second or two).
ATTEMPTS = 3


def store_numbered(store: Store, actor_id: int | None, *, unit_id: int, meeting_id: int, doc_type: str,
                   draw: Callable[[Session, str], tuple[bytes, Drawn]], inspect: Callable[[bytes], InspectedPdf],
                   save: Callable[[UnitOfWork, str, InspectedPdf, Drawn], Saved]) -> Saved:
    """``draw(session, number)`` makes the PDF and whatever else the caller needs; ``save(uow,
    number, pdf, drawn)`` stores it in the unit of work that took the number (and commits with it)."""
    year = register_year(store.clock.now())
    with store.read() as s:
        expected = format_symbol(last_number(s, unit_id=unit_id, year=year, series=Series.DI) + 1, doc_type,
                                 load_unit(s, unit_id).abbreviation)
        data, drawn = draw(s, expected)
    pdf = inspect(declare_pdfa2b(data))  # archived as PDF/A-2b (documents.papers.pdfa)
    for _ in range(ATTEMPTS):
        with store.uow(actor_id) as uow:
            taken = take_number(uow, unit_id=unit_id, series=Series.DI, doc_type=doc_type, subject_type="meeting",
                                subject_id=meeting_id, meeting_id=meeting_id)
            if taken.symbol == expected:
                saved = save(uow, expected, pdf, drawn)
                uow.commit()
                return saved
            expected = taken.symbol or expected  # another clerk took ours: draw with the one we got
        with store.read() as s:
            data, drawn = draw(s, expected)
        pdf = inspect(declare_pdfa2b(data))
    raise InvalidInput("Sổ văn bản đi đang được nhiều người lấy số cùng lúc; văn bản chưa được cấp số, hãy thử lại.",
                       "The outgoing register is busy; the paper was not numbered, try again.")
