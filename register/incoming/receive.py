"""Receiving documents into a unit's incoming register (sổ văn bản đến).

Every receipt goes the same way: the file is checked as a PDF (``documents.intake``, in its
sandboxed worker) and its text read, every signature in it is verified (``signing.verify``,
fail-closed, in its worker) and the report kept with the entry; both happen before any
transaction opens. Then, in one unit of work, the register is searched for the same document:
the same file, or the same sender's same number and symbol of the same year (``find_duplicate``:
with the date unknown, one received in the last 12 months). A duplicate is not
registered again: the arrival is written into the first entry's history (linked) and that entry
is returned. Otherwise the entry is written and:

- a file the văn thư receives (``receive_file``) is registered at once with the next incoming
  number of the year (``register.numbering.take_number``, series ``den``, or ``den_mat`` for a
  secret document), the arrival date and time, sender, number and symbol, date and subject;
- a document released by another unit of the same store (``receive_from_unit``) arrives by
  itself, as received but not yet registered: the receiving văn thư checks it and registers it
  (``register_received``), which gives it its number. On PostgreSQL the sending office writes
  into the receiving unit's register through ``nghisu_deliver_incoming`` (migrations 0016,
  0025: the same duplicate rule as ``find_duplicate``, and 0028: the sender's reply deadline as
  the entry's deadline), the only way across units.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select, text

from documents.doctypes import parse_doc_type
from documents.intake.service import IntakeWorker, inspect_pdf
from documents.text import fold_for_search, normalize_text
from register.incoming.access import require_office
from register.incoming.entries import add_event, get_incoming, load_entry
from register.incoming.models import IncomingDocument
from register.incoming.records import Delivery, IncomingInfo, IncomingMeta, ReceiveOutcome
from register.numbering import Series, register_year, take_number
from signing.keys.truststore import trust_roots
from signing.verify.service import verify_pdf
from store.clock import VN_TZ
from store.codes import Classification, IncomingChannel, IncomingEventKind, IncomingStatus, Urgency
from store.directory.units import load_unit
from store.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.engine import Store
    from store.uow import UnitOfWork

#: How much of the pages' text an entry keeps for the register's full-text search.
MAX_BODY_CHARS = 200_000


@dataclass(frozen=True)
class CheckedFile:
    """What the workers found, before any transaction: the file's text and its verification."""

    data: bytes
    sha256: str
    page_count: int
    body_text: str
    verdict: str
    report: dict[str, Any]


def _clean(value: str | None, limit: int) -> str:
    return " ".join(normalize_text(value or "").split())[:limit]


def parse_incoming_type(value: str) -> str:
    """A type as the register writes it: a code, a name, an abbreviation, or "CV" for a công văn
    (which has no abbreviation in its symbol, but every văn thư writes it so)."""
    return "cong_van" if fold_for_search(value) == "cv" else parse_doc_type(value)


def check_meta(meta: IncomingMeta, today: date) -> IncomingMeta:
    """The register's columns, tidied; refused with a plain message when one cannot be used."""
    sender = _clean(meta.sender_name, 300)
    subject = _clean(meta.subject, 2000)
    if not sender:
        raise InvalidInput("Cần ghi nơi gửi (tác giả) của văn bản đến, ví dụ --from \"UBND tỉnh Quảng Trị\".",
                           "An incoming document needs its sender, e.g. --from \"UBND tỉnh Quảng Trị\".")
    if not subject:
        raise InvalidInput("Cần ghi trích yếu nội dung của văn bản đến (--subject).",
                           "An incoming document needs its subject (--subject).")
    doc_type = parse_incoming_type(meta.doc_type) if meta.doc_type.strip() else ""
    if meta.doc_date is not None and meta.doc_date > today:
        raise InvalidInput(f"Ngày văn bản {meta.doc_date:%d/%m/%Y} ở sau hôm nay; hãy kiểm tra lại.",
                           f"The document's date {meta.doc_date:%d/%m/%Y} is after today; check it.")
    return IncomingMeta(sender_name=sender, subject=subject, doc_symbol=_clean(meta.doc_symbol, 100),
                        doc_type=doc_type, doc_date=meta.doc_date, classification=Classification(meta.classification),
                        urgency=Urgency(meta.urgency))


def check_file(store: Store, data: bytes, *, worker: IntakeWorker | None = None) -> CheckedFile:
    """Intake and verification, in their workers, outside any transaction (``worker``: an intake
    worker already running, for many files in a row)."""
    pdf = worker.inspect(data) if worker is not None else inspect_pdf(data)
    with store.read() as s:
        roots = trust_roots(s)
    report = verify_pdf(data, trust=roots)
    body = "\n".join(pdf.pages_text)[:MAX_BODY_CHARS]
    # The original bytes are what was received and signed: they are kept as they came, even when
    # intake had to repair a copy to read its text.
    return CheckedFile(data, pdf.original_sha256 or pdf.sha256, pdf.page_count, body, report.verdict, report.to_dict())


def _folded(meta: IncomingMeta, body: str) -> str:
    return fold_for_search(" ".join((meta.doc_symbol, meta.sender_name, meta.subject, body)))


#: A receipt typed without the document's date is the same document as an entry of the same
#: sender and symbol received within this many days before it (see ``find_duplicate``).
SAME_SYMBOL_DAYS = 365


def find_duplicate(session: Session, unit_id: int, sha256: str, meta: IncomingMeta, *,
                   now: datetime) -> IncomingDocument | None:
    """The entry this document is already registered as in the unit (arriving at ``now``): the
    same file, or the same sender's same symbol of the same year.

    Decree 30 numbers restart at 01 every January, so a sender's symbol names one document per
    year: with the document's date known on both sides, the years must match (15/QĐ-UBND of 2025
    and of 2026 are two documents). When either date is unknown (a re-receipt typed without
    ``--date``, or a first receipt that was), the earlier entry counts as the same document if it
    was received within the last ``SAME_SYMBOL_DAYS`` days (12 months). A sender reuses a symbol
    within 12 months only across a new year: that rare paper is linked (the person is told to
    which entry) rather than the same paper registered twice, the common mistake.

    A delivery from another unit of the store is matched the same way: by this function on an
    embedded store, by ``nghisu_deliver_incoming`` (migration 0025) on PostgreSQL.
    """
    d = IncomingDocument
    found = session.execute(select(d).where(d.unit_id == unit_id, d.file_sha256 == sha256)
                            .order_by(d.id).limit(1)).scalar_one_or_none()
    if found is not None or not meta.doc_symbol:
        return found
    recent = d.received_at >= now - timedelta(days=SAME_SYMBOL_DAYS)
    if meta.doc_date is None:
        same = recent
    else:
        year = meta.doc_date.year
        same = or_(d.doc_date.between(date(year, 1, 1), date(year, 12, 31)), and_(d.doc_date.is_(None), recent))
    return session.execute(select(d).where(
        d.unit_id == unit_id, d.sender_key == fold_for_search(meta.sender_name), d.doc_symbol == meta.doc_symbol, same,
    ).order_by(d.id).limit(1)).scalar_one_or_none()


def _note_duplicate(uow: UnitOfWork, row: IncomingDocument, checked: CheckedFile, meta: IncomingMeta,
                    channel: IncomingChannel, source_outgoing_id: int | None = None) -> ReceiveOutcome:
    add_event(uow, row, IncomingEventKind.DUPLICATE, details={
        "channel": str(channel), "file_sha256": checked.sha256, "sender": meta.sender_name,
        "symbol": meta.doc_symbol, "source_outgoing_id": source_outgoing_id})
    uow.record("incoming.duplicate", "incoming", row.id, {"file_sha256": checked.sha256, "channel": str(channel)},
               unit_id=row.unit_id)
    uow.flush()
    return ReceiveOutcome(get_incoming(uow.session, row.id), duplicate=True)


def _give_number(uow: UnitOfWork, row: IncomingDocument) -> None:
    """The next number of the year in the entry's series, taken by the acting văn thư."""
    series = Series.of(outgoing=False, classification=row.classification)
    num = take_number(uow, unit_id=row.unit_id, series=series, subject_type="incoming", subject_id=row.id)
    row.series, row.year, row.number = str(num.series), num.year, num.number
    row.registered_at = uow.now()
    if row.status == IncomingStatus.RECEIVED:
        row.status = IncomingStatus.REGISTERED
    row.updated_at, row.updated_by_id = uow.now(), uow.actor_id
    add_event(uow, row, IncomingEventKind.REGISTERED, details={"number": num.number, "year": num.year,
                                                              "series": str(num.series)})
    uow.record("incoming.register", "incoming", row.id,
               {"number": num.number, "year": num.year, "series": str(num.series), "symbol": row.doc_symbol,
                "sender": row.sender_name}, unit_id=row.unit_id)


def receive_file(store: Store, unit_id: int, data: bytes, meta: IncomingMeta, *, filename: str = "",
                 actor_id: int | None = None, channel: IncomingChannel = IncomingChannel.FILE) -> ReceiveOutcome:
    """Receive a PDF into ``unit_id``'s register and register it with the next incoming number
    (the acting person must be the unit's văn thư); a duplicate is linked, not registered twice."""
    with store.read() as s:
        unit = load_unit(s, unit_id)
        require_office(s, actor_id, unit_id, store.clock.now().astimezone(VN_TZ).date(), unit.name)
    meta = check_meta(meta, store.clock.now().astimezone(VN_TZ).date())
    checked = check_file(store, data)
    with store.uow(actor_id) as uow:
        outcome = register_checked(uow, unit_id, checked, meta, filename=filename, channel=channel)
        uow.commit()
    return outcome


def register_checked(uow: UnitOfWork, unit_id: int, checked: CheckedFile, meta: IncomingMeta, *, filename: str = "",
                     channel: IncomingChannel = IncomingChannel.FILE) -> ReceiveOutcome:
    """The register half of ``receive_file``, in the caller's unit of work (its clock is the
    arrival time): a file already checked by ``check_file``, its meta already checked."""
    s = uow.session
    unit = load_unit(s, unit_id)
    require_office(s, uow.actor_id, unit_id, uow.now().astimezone(VN_TZ).date(), unit.name)
    existing = find_duplicate(s, unit_id, checked.sha256, meta, now=uow.now())
    if existing is not None:
        return _note_duplicate(uow, existing, checked, meta, channel)
    blob = uow.put_blob(checked.data)
    now = uow.now()
    row = IncomingDocument(
        unit_id=unit_id, year=register_year(now), series=str(Series.of(outgoing=False,
                                                                           classification=meta.classification)),
        number=None, received_at=now, received_by_id=uow.actor_id, channel=str(channel),
        status=IncomingStatus.REGISTERED, sender_name=meta.sender_name, sender_key=fold_for_search(meta.sender_name),
        sender_unit_id=None, doc_symbol=meta.doc_symbol, doc_type=meta.doc_type, doc_date=meta.doc_date,
        subject=meta.subject, classification=str(meta.classification), urgency=str(meta.urgency),
        file_sha256=blob.sha256, filename=_clean(filename, 300), size=len(checked.data),
        page_count=checked.page_count, verdict=checked.verdict, verification=checked.report,
        body_text=checked.body_text, search_folded=_folded(meta, checked.body_text), instruction="", done_note="",
        updated_at=now, updated_by_id=uow.actor_id)
    s.add(row)
    s.flush()
    add_event(uow, row, IncomingEventKind.RECEIVED, details={"channel": str(channel), "verdict": checked.verdict,
                                                             "filename": row.filename})
    _give_number(uow, row)
    s.flush()
    return ReceiveOutcome(get_incoming(s, row.id), duplicate=False)


def register_received(uow: UnitOfWork, entry_id: int) -> IncomingInfo:
    """The văn thư registers a document that arrived from another unit: it gets its number."""
    s = uow.session
    row = load_entry(s, entry_id)
    require_office(s, uow.actor_id, row.unit_id, uow.now().astimezone(VN_TZ).date(), load_unit(s, row.unit_id).name)
    if row.status != IncomingStatus.RECEIVED or row.number is not None:
        raise InvalidInput(f"Văn bản đến #{entry_id} đã vào sổ (số đến {row.number}); không vào sổ lần nữa.",
                           f"Incoming document #{entry_id} is already registered (number {row.number}).")
    _give_number(uow, row)
    s.flush()
    return get_incoming(s, row.id)


def _sender_name(session: Session, unit_id: int) -> str:
    unit = load_unit(session, unit_id)
    return unit.official_name or unit.name


def receive_from_unit(store: Store, *, from_unit_id: int, to_unit_ids: Sequence[int], data: bytes,
                      meta: IncomingMeta, filename: str = "", source_outgoing_id: int | None = None,
                      reply_due_on: date | None = None, actor_id: int | None = None) -> list[Delivery]:
    """A document released by ``from_unit_id`` arrives in the incoming register of each of
    ``to_unit_ids`` (units of the same store), as received and waiting for their văn thư to
    register it. Verified once; one transaction for all recipients. The acting person is the
    sending unit's văn thư. ``meta.sender_name`` may be left empty: the sender's official name
    is used. ``source_outgoing_id`` names the outgoing document (the cascade board groups by
    it); ``reply_due_on`` is the date its sender wants an answer by, which becomes each new
    entry's deadline (``due_on``) and the note of its "received" line. Returns one ``Delivery``
    per recipient, in order (``duplicate`` when that register already held it): on PostgreSQL
    the sending office does not see the other units' registers, so only their ids come back."""
    targets = list(dict.fromkeys(to_unit_ids))
    if not targets:
        raise InvalidInput("Chưa có đơn vị nhận.", "No receiving unit was given.")
    today = store.clock.now().astimezone(VN_TZ).date()
    with store.read() as s:
        sender = load_unit(s, from_unit_id)
        require_office(s, actor_id, from_unit_id, today, sender.name)
        for unit_id in targets:
            load_unit(s, unit_id)
        if not meta.sender_name.strip():
            meta = IncomingMeta(_sender_name(s, from_unit_id), meta.subject, meta.doc_symbol, meta.doc_type,
                                meta.doc_date, meta.classification, meta.urgency)
    if from_unit_id in targets:
        raise InvalidInput(f"{sender.name} không gửi văn bản cho chính mình.", f"{sender.name} cannot send to itself.")
    meta = check_meta(meta, today)
    checked = check_file(store, data)
    asked = reply_asked(meta.sender_name, reply_due_on)
    out: list[Delivery] = []
    with store.uow(actor_id) as uow:
        blob = uow.put_blob(checked.data)
        for unit_id in targets:
            fields = {
                "unit_id": unit_id, "year": register_year(uow.now()),
                "series": str(Series.of(outgoing=False, classification=meta.classification)),
                "received_by_id": actor_id, "received_at": uow.now().isoformat(), "sender_name": meta.sender_name,
                "sender_key": fold_for_search(meta.sender_name), "sender_unit_id": from_unit_id,
                "doc_symbol": meta.doc_symbol, "doc_type": meta.doc_type,
                "doc_date": meta.doc_date.isoformat() if meta.doc_date else None, "subject": meta.subject,
                "classification": str(meta.classification), "urgency": str(meta.urgency),
                "file_sha256": blob.sha256, "filename": _clean(filename, 300), "size": len(checked.data),
                "page_count": checked.page_count, "verdict": checked.verdict, "verification": checked.report,
                "body_text": checked.body_text, "search_folded": _folded(meta, checked.body_text),
                "source_outgoing_id": source_outgoing_id,
                "reply_due_on": reply_due_on.isoformat() if reply_due_on else None,
                # The sender's date is the arrival's deadline too (the assignment may set an earlier one),
                # and its "received" line says why, for the văn thư registering it.
                "due_on": reply_due_on.isoformat() if reply_due_on else None, "note": asked}
            entry_id, duplicate = _deliver(uow, fields, checked, meta)
            uow.record("incoming.duplicate" if duplicate else "incoming.deliver", "incoming", entry_id,
                       {"from_unit_id": from_unit_id, "file_sha256": blob.sha256,
                        "source_outgoing_id": source_outgoing_id}, unit_id=unit_id)
            out.append(Delivery(unit_id, entry_id, duplicate))
        uow.commit()
    return out


def reply_asked(sender_name: str, reply_due_on: date | None) -> str:
    """The note of a delivered copy's "received" line when its sender asks for an answer by a date."""
    if reply_due_on is None:
        return ""
    return f"{sender_name} đề nghị báo cáo, trả lời trước ngày {reply_due_on:%d/%m/%Y}."


def _deliver(uow: UnitOfWork, fields: dict[str, Any], checked: CheckedFile, meta: IncomingMeta) -> tuple[int, bool]:
    s = uow.session
    if uow.dialect == "postgresql":
        s.flush()
        answer = s.execute(text("SELECT nghisu_deliver_incoming(CAST(:entry AS jsonb))"),
                           {"entry": json.dumps(fields, ensure_ascii=False)}).scalar_one()
        body = answer if isinstance(answer, dict) else json.loads(answer)
        return int(body["id"]), bool(body["duplicate"])
    unit_id = int(fields["unit_id"])
    existing = find_duplicate(s, unit_id, checked.sha256, meta, now=uow.now())
    if existing is not None:
        add_event(uow, existing, IncomingEventKind.DUPLICATE, details={
            "channel": str(IncomingChannel.UNIT), "file_sha256": checked.sha256, "sender": meta.sender_name,
            "symbol": meta.doc_symbol, "source_outgoing_id": fields["source_outgoing_id"]})
        return existing.id, True
    now = uow.now()
    row = IncomingDocument(
        unit_id=unit_id, year=fields["year"], series=fields["series"], number=None, received_at=now,
        received_by_id=uow.actor_id, channel=str(IncomingChannel.UNIT), status=IncomingStatus.RECEIVED,
        sender_name=meta.sender_name, sender_key=fields["sender_key"], sender_unit_id=fields["sender_unit_id"],
        doc_symbol=meta.doc_symbol, doc_type=meta.doc_type, doc_date=meta.doc_date, subject=meta.subject,
        classification=str(meta.classification), urgency=str(meta.urgency), file_sha256=fields["file_sha256"],
        filename=fields["filename"], size=fields["size"], page_count=fields["page_count"], verdict=checked.verdict,
        verification=checked.report, body_text=checked.body_text, search_folded=fields["search_folded"],
        source_outgoing_id=fields["source_outgoing_id"],
        reply_due_on=date.fromisoformat(fields["reply_due_on"]) if fields["reply_due_on"] else None,
        due_on=date.fromisoformat(fields["due_on"]) if fields["due_on"] else None,
        instruction="", done_note="", updated_at=now, updated_by_id=uow.actor_id)
    s.add(row)
    s.flush()
    add_event(uow, row, IncomingEventKind.RECEIVED, fields["note"], details={"channel": str(IncomingChannel.UNIT),
                                                             "sender_unit_id": fields["sender_unit_id"],
                                                             "verdict": checked.verdict})
    return row.id, False


