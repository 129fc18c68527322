"""Numbers from the register (Decree 30/2020, Điều 15; DECREE30.md §2).

Each issuing unit numbers per year, from 01 on 1 January (Vietnam time decides the year), in
four series: outgoing ordinary and secret (sổ đi), incoming ordinary and secret (sổ đến). An
outgoing number prints with its symbol: ``15/QĐ-UBND``, ``07/QĐ-UBND-VP`` with the drafting
unit, ``12/UBND-VX`` for a công văn (no type abbreviation). A number once given is never
reused: cancelling a release records the cancellation and the number stays taken.

``take_number`` is the one way to get a number, for outgoing and incoming documents and for
meetings' minutes alike. On PostgreSQL the server's definer function takes it (migration
0014): the counter row is locked, so two văn thư at the same moment never get the same
number, and the counter and the number commit or roll back together, so no gap is left. On
SQLite the store's write lock (BEGIN IMMEDIATE) orders them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text

from documents.doctypes import DOC_TYPES, doc_type_name
from register.models import RegisterCounter, RegisterNumber
from store.accounts import clearance_of
from store.clock import VN_TZ
from store.codes import Classification, Labelled
from store.directory import clerks_of
from store.directory.people import load_person
from store.directory.units import ended, load_unit
from store.errors import InvalidInput, NotFound, PermissionDenied
from store.models import Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


class Series(Labelled):
    """A number series of a unit's register: which book, ordinary or secret (Điều 15.2)."""

    DI = "di", "sổ văn bản đi"
    DI_MAT = "di_mat", "sổ văn bản đi mật"
    DEN = "den", "sổ văn bản đến"
    DEN_MAT = "den_mat", "sổ văn bản đến mật"

    @property
    def outgoing(self) -> bool:
        return self in (Series.DI, Series.DI_MAT)

    @property
    def secret(self) -> bool:
        return self in (Series.DI_MAT, Series.DEN_MAT)

    @classmethod
    def of(cls, *, outgoing: bool, classification: str | Classification = Classification.THUONG) -> Series:
        """The series a document goes into: a mật or tối mật paper goes into the secret one."""
        secret = Classification(classification).classified
        if outgoing:
            return cls.DI_MAT if secret else cls.DI
        return cls.DEN_MAT if secret else cls.DEN

    @classmethod
    def parse(cls, value: str) -> Series:
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(f"{s.value} ({s.vi})" for s in cls)
            raise InvalidInput(f"Sổ '{value}' không có; chọn: {known}.",
                               f"There is no series '{value}'; choose: {', '.join(s.value for s in cls)}.") from None


#: Types a number is never given to: drafts are not issued, and an appendix or an unnamed paper
#: travels with the document it belongs to.
_NOT_NUMBERED = ("du_thao_nghi_quyet", "du_thao_quyet_dinh", "phu_luc", "khac")
#: The types that print without a type abbreviation (Phụ lục III: công văn and thư công have none).
_NO_ABBREVIATION = ("cong_van", "thu_cong")
#: What a meeting numbers through the register: its minutes and its conclusion notice.
MEETING_PAPERS = ("bien_ban", "thong_bao")


@dataclass(frozen=True)
class NumberInfo:
    """A number given: ``number`` and ``symbol`` as printed (``15/QĐ-UBND``; None for sổ đến)."""

    id: int
    unit_id: int
    year: int
    series: Series
    number: int
    symbol: str | None
    doc_type: str | None
    subject_type: str | None
    subject_id: int | None
    taken_at: datetime
    taken_by_id: int | None
    cancelled_at: datetime | None
    cancelled_by_id: int | None
    cancel_reason: str | None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def printed(self) -> str:
        """What the document shows after "Số:": the symbol, or the bare number of an incoming one."""
        return self.symbol if self.symbol is not None else f"{self.number:02d}"

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "unit_id": self.unit_id, "year": self.year, "series": str(self.series),
                "number": self.number, "symbol": self.symbol, "doc_type": self.doc_type,
                "subject_type": self.subject_type, "subject_id": self.subject_id,
                "taken_at": self.taken_at.isoformat(), "taken_by_id": self.taken_by_id,
                "cancelled_at": self.cancelled_at.isoformat() if self.cancelled_at else None,
                "cancel_reason": self.cancel_reason}


def _info(row: RegisterNumber) -> NumberInfo:
    return NumberInfo(row.id, row.unit_id, row.year, Series(row.series), row.number, row.symbol, row.doc_type,
                      row.subject_type, row.subject_id, row.taken_at, row.taken_by_id, row.cancelled_at,
                      row.cancelled_by_id, row.cancel_reason)


def register_year(at: datetime) -> int:
    """The register year of a moment: Vietnam's calendar, so 17:00 UTC on 31 December is already next year."""
    return at.astimezone(VN_TZ).year


def symbol_suffix(doc_type: str, agency_abbreviation: str, drafting_abbreviation: str | None = None) -> str:
    """What follows the number: ``/QĐ-UBND``, ``/QĐ-UBND-VP``, ``/UBND-VX`` (công văn)."""
    if doc_type not in DOC_TYPES:
        raise InvalidInput(f"Không rõ loại văn bản '{doc_type}'.", f"Unknown document type '{doc_type}'.")
    if doc_type in _NOT_NUMBERED:
        name = doc_type_name(doc_type)
        raise InvalidInput(f"Loại '{name}' không được cấp số văn bản đi; chọn loại văn bản chính thức.",
                           f"A '{name}' is not given an outgoing number; choose the document's own type.")
    agency = agency_abbreviation.strip()
    if not agency:
        raise InvalidInput("Cơ quan ban hành chưa có chữ viết tắt (vd. UBND); hãy nhập trong danh bạ đơn vị.",
                           "The issuing unit has no abbreviation (e.g. UBND); enter it in the unit directory.")
    groups = [agency] if doc_type in _NO_ABBREVIATION else [DOC_TYPES[doc_type][1], agency]
    if drafting_abbreviation and drafting_abbreviation.strip():
        groups.append(drafting_abbreviation.strip())
    for g in groups:
        if "/" in g or " " in g:
            raise InvalidInput(f"Chữ viết tắt '{g}' không được chứa dấu cách hay '/'.",
                               f"The abbreviation '{g}' may not contain a space or '/'.")
    return "/" + "-".join(groups)


def format_symbol(number: int, doc_type: str, agency_abbreviation: str, drafting_abbreviation: str | None = None) -> str:
    """``15/QĐ-UBND``; numbers under 10 get their leading zero (``05/QĐ-UBND``)."""
    return f"{number:02d}{symbol_suffix(doc_type, agency_abbreviation, drafting_abbreviation)}"


def _manages_meeting_of(session: Session, meeting_id: int, person_id: int, unit_id: int) -> bool:
    """Chair or secretary of the meeting, or an organiser of its unit, and the meeting is the unit's.
    (By table name: meetings sit above the register and are not imported here.)"""
    return session.execute(text(
        "SELECT 1 FROM meetings m WHERE m.id = :m AND m.unit_id = :u AND ("
        " EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.person_id = :p"
        "         AND p.role IN ('chair', 'secretary'))"
        " OR EXISTS (SELECT 1 FROM unit_roles r WHERE r.unit_id = m.unit_id AND r.person_id = :p"
        "            AND r.role = 'organiser'))"), {"m": meeting_id, "u": unit_id, "p": person_id}).first() is not None


def check_may_number(uow: UnitOfWork, unit: Unit, series: Series, doc_type: str | None = None,
                     meeting_id: int | None = None) -> None:
    """The rule the server applies (``nghisu_may_number``), said in words on both backends: the
    unit's văn thư today (with a "mật" clearance for a secret series), or whoever manages a
    meeting of the unit for that meeting's minutes or conclusion notice."""
    if uow.actor_id is None:
        raise PermissionDenied("Cần biết ai lấy số (văn thư của đơn vị); hãy chọn người dùng.",
                               "Numbering needs to know who takes the number (the unit's clerk); choose a person.")
    person = load_person(uow.session, uow.actor_id)
    if series.secret and not Classification(clearance_of(uow.session, person.id)).classified:
        raise PermissionDenied(f"{person.full_name} chưa được phép xem văn bản mật nên không lấy số {series.vi}.",
                               f"{person.full_name} has no 'mật' clearance and cannot number in the secret series.")
    day = uow.now().astimezone(VN_TZ).date()
    if any(r.person_id == person.id for r in clerks_of(uow.session, unit.id, on=day)):
        return
    if (meeting_id is not None and series is Series.DI and doc_type in MEETING_PAPERS
            and _manages_meeting_of(uow.session, meeting_id, person.id, unit.id)):
        return
    raise PermissionDenied(
        f"{person.full_name} không phải văn thư của {unit.name} nên không lấy số được; chỉ văn thư cấp số {series.vi}.",
        f"{person.full_name} is not a clerk (văn thư) of {unit.name}: only its clerk numbers in the "
        f"{series.value} series.")


def _utc_naive(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(tzinfo=None)


def take_number(
    uow: UnitOfWork,
    *,
    unit_id: int,
    series: Series,
    doc_type: str | None = None,
    drafting_unit_id: int | None = None,
    subject_type: str | None = None,
    subject_id: int | None = None,
    meeting_id: int | None = None,
) -> NumberInfo:
    """The next number of ``series`` in ``unit_id``'s register this year, taken by the acting person.

    Outgoing series need ``doc_type`` (the symbol is made from it, the unit's abbreviation and,
    if given, the drafting unit's); incoming series have no symbol of ours. ``subject_*`` names
    the document it goes to (``"outgoing"``, 7). ``meeting_id`` lets whoever manages a meeting
    of the unit number its minutes (``bien_ban``) or conclusion notice (``thong_bao``).
    The number belongs to this unit of work: if it rolls back, so does the number, and the next
    one taken is the same (no gap).
    """
    s = uow.session
    unit = load_unit(s, unit_id)
    if ended(unit, uow.now().astimezone(VN_TZ).date()):
        raise InvalidInput(f"'{unit.name}' đã kết thúc hoạt động; văn bản do đơn vị kế thừa ban hành.",
                           f"'{unit.name}' has ended; its successor issues documents now.")
    suffix = ""
    if series.outgoing:
        if doc_type is None:
            raise InvalidInput("Cần loại văn bản để cấp số đi.", "An outgoing number needs the document's type.")
        drafting = load_unit(s, drafting_unit_id).abbreviation if drafting_unit_id is not None else None
        suffix = symbol_suffix(doc_type, unit.abbreviation, drafting)
    check_may_number(uow, unit, series, doc_type, meeting_id)
    if uow.dialect == "postgresql":
        s.flush()
        number_id = s.execute(
            text("SELECT nghisu_take_number(:unit, :series, :suffix, :doc_type, :stype, :sid, :meeting, :actor, :at)"),
            {"unit": unit_id, "series": str(series), "suffix": suffix, "doc_type": doc_type, "stype": subject_type,
             "sid": subject_id, "meeting": meeting_id, "actor": uow.actor_id, "at": _utc_naive(uow.now())}).scalar_one()
        row = s.get(RegisterNumber, number_id)
        if row is None:  # the server wrote it in this transaction: only a broken read rule hides it
            raise NotFound(f"Không đọc lại được số vừa cấp ({number_id}).", f"The number just taken ({number_id}) "
                           "cannot be read back.")
    else:
        row = _take_embedded(uow, unit_id, series, suffix, doc_type, subject_type, subject_id)
    uow.record("register.number", "register_number", row.id,
               {"series": str(series), "year": row.year, "number": row.number, "symbol": row.symbol,
                "doc_type": doc_type, "subject": [subject_type, subject_id]}, unit_id=unit_id)
    return _info(row)


def _take_embedded(uow: UnitOfWork, unit_id: int, series: Series, suffix: str, doc_type: str | None,
                   subject_type: str | None, subject_id: int | None) -> RegisterNumber:
    """SQLite: the unit of work holds the store's write lock (BEGIN IMMEDIATE), so reading the
    counter and writing it back cannot interleave with another desktop's."""
    s = uow.session
    at = uow.now()
    year = register_year(at)
    counter = s.get(RegisterCounter, (unit_id, year, str(series)))
    if counter is None:
        counter = RegisterCounter(unit_id=unit_id, year=year, series=str(series), last_number=0)
        s.add(counter)
    counter.last_number += 1
    number = counter.last_number
    row = RegisterNumber(unit_id=unit_id, year=year, series=str(series), number=number,
                         symbol=f"{number:02d}{suffix}" if series.outgoing else None, doc_type=doc_type,
                         subject_type=subject_type, subject_id=subject_id, taken_at=at, taken_by_id=uow.actor_id)
    s.add(row)
    s.flush()
    return row


def load_number(session: Session, number_id: int) -> RegisterNumber:
    row = session.get(RegisterNumber, number_id)
    if row is None:
        raise NotFound(f"Không có số văn bản {number_id} trong sổ.", f"There is no register number {number_id}.")
    return row


def cancel_number(uow: UnitOfWork, number_id: int, reason: str) -> NumberInfo:
    """Record that a number's release was cancelled. The number stays taken: the next document
    gets the next one, never this one again."""
    s = uow.session
    row = load_number(s, number_id)
    if row.cancelled_at is not None:
        raise InvalidInput(f"Số {row.symbol or row.number} đã được ghi hủy từ trước.",
                           f"Number {row.symbol or row.number} is already cancelled.")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput("Cần ghi lý do hủy số.", "A cancellation needs its reason.")
    check_may_number(uow, load_unit(s, row.unit_id), Series(row.series), row.doc_type)
    if uow.dialect == "postgresql":
        s.flush()
        s.execute(text("SELECT nghisu_cancel_number(:id, :reason, :actor, :at)"),
                  {"id": number_id, "reason": reason, "actor": uow.actor_id, "at": _utc_naive(uow.now())})
        s.refresh(row)
    else:
        row.cancelled_at, row.cancelled_by_id, row.cancel_reason = uow.now(), uow.actor_id, reason
        s.flush()
    uow.record("register.number_cancel", "register_number", row.id,
               {"symbol": row.symbol, "number": row.number, "reason": reason}, unit_id=row.unit_id)
    return _info(row)


def get_number(session: Session, number_id: int) -> NumberInfo:
    return _info(load_number(session, number_id))


def list_numbers(session: Session, *, unit_id: int, year: int, series: Series) -> list[NumberInfo]:
    """Every number of one series of one year, in order, cancelled ones included."""
    rows = session.execute(select(RegisterNumber).where(
        RegisterNumber.unit_id == unit_id, RegisterNumber.year == year, RegisterNumber.series == str(series))
        .order_by(RegisterNumber.number)).scalars()
    return [_info(r) for r in rows]


def last_number(session: Session, *, unit_id: int, year: int, series: Series) -> int:
    """The last number given in the series this year (0 before the first)."""
    counter = session.get(RegisterCounter, (unit_id, year, str(series)))
    return counter.last_number if counter is not None else 0
