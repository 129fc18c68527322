"""Register tables: the number series of each issuing unit and every number they gave.

A number is never reused: a row of ``register_numbers`` stays when its document's release is
cancelled (``cancelled_at`` and the reason say so), and the series' counter never goes back.
On the shared store desktops only read these tables; numbers are taken and cancelled by the
server's definer functions (migration 0014), which check who is asking.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class RegisterCounter(Base):
    """The last number given in one series of one unit in one year (sổ đi, sổ đến, each
    ordinary or secret). Taking a number locks this row, so two desktops wait for each
    other instead of both reading the same last number."""

    __tablename__ = "register_counters"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    series: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class RegisterNumber(Base):
    """One number given: to which document (``subject_type``/``subject_id``, filled by the
    register's own tables), its symbol as printed, when, by whom, and whether it was cancelled."""

    __tablename__ = "register_numbers"
    __table_args__ = (UniqueConstraint("unit_id", "year", "series", "number", name="uq_register_numbers_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    series: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str | None] = mapped_column(String(100))  # "15/QĐ-UBND"; None in an incoming series
    doc_type: Mapped[str | None] = mapped_column(String(32))
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    taken_at: Mapped[datetime]
    taken_by_id: Mapped[int | None] = mapped_column(Integer)
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(Integer)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
