"""Receiving documents into the incoming register: verified, numbered, duplicates linked, and
arrivals from another unit of the same store (both backends)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from documents.errors import DocumentRejected
from register.incoming.entries import get_incoming, history
from register.incoming.models import IncomingDocument, IncomingEvent
from register.incoming.receive import receive_file, receive_from_unit, register_received
from register.incoming.records import IncomingMeta
from register.numbering import Series, last_number
from store.codes import IncomingChannel, IncomingEventKind, IncomingStatus
from store.errors import InvalidInput, PermissionDenied
from tests.register.incoming_fixtures import TODAY, build_office, signed_pdf
from tests.signing.pki import make_pdf

QD = IncomingMeta(sender_name="Bộ Nội vụ", subject="Về việc hướng dẫn công tác văn thư năm 2026",
                  doc_symbol="1234/BNV-VP", doc_type="cong_van", doc_date=date(2026, 11, 20))


@pytest.fixture
def office(store):
    return build_office(store)


def count(store, model) -> int:
    with store.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_received_file_is_verified_and_registered_with_the_next_number(store, office):
    first = receive_file(store, office.province, signed_pdf(), QD, filename="cv1234.pdf", actor_id=office.clerk)
    assert not first.duplicate
    e = first.entry
    assert (e.number, e.year, e.status, e.channel) == (1, 2026, IncomingStatus.REGISTERED, IncomingChannel.FILE)
    assert (e.sender_name, e.doc_symbol, e.doc_date, e.subject) == (
        "Bộ Nội vụ", "1234/BNV-VP", date(2026, 11, 20), "Về việc hướng dẫn công tác văn thư năm 2026")
    assert e.received_on == TODAY and e.verdict == "valid" and e.page_count == 2
    with store.read() as s:
        row = s.get(IncomingDocument, e.id)
        assert row.verification["verdict"] == "valid" and len(row.verification["signatures"]) == 1
        assert "trang 1/2" in row.body_text
        assert [h.kind for h in history(s, e.id)] == [IncomingEventKind.RECEIVED, IncomingEventKind.REGISTERED]
        assert last_number(s, unit_id=office.province, year=2026, series=Series.DEN) == 1
    assert store.blobs.get(e.file_sha256) == signed_pdf()  # the bytes as received

    second = receive_file(store, office.province, make_pdf(1, "Báo cáo tình hình"),
                          IncomingMeta("Sở Tài chính", "Báo cáo tình hình thu chi", "88/BC-STC"),
                          actor_id=office.clerk)
    assert second.entry.number == 2 and second.entry.verdict == "unsigned"


def test_the_same_file_or_the_same_sender_and_number_is_linked_not_registered_twice(store, office):
    first = receive_file(store, office.province, signed_pdf(), QD, actor_id=office.clerk).entry
    again = receive_file(store, office.province, signed_pdf(), IncomingMeta("Bộ Nội vụ (bản gửi lại)", "Bản gửi lại"),
                         actor_id=office.clerk)
    assert again.duplicate and again.entry.id == first.id and again.entry.number == 1
    other_file = receive_file(store, office.province, make_pdf(1, "Bản quét"), QD, actor_id=office.clerk)
    assert other_file.duplicate and other_file.entry.id == first.id
    assert count(store, IncomingDocument) == 1
    with store.read() as s:
        kinds = [h.kind for h in history(s, first.id)]
        assert kinds.count(IncomingEventKind.DUPLICATE) == 2
        assert last_number(s, unit_id=office.province, year=2026, series=Series.DEN) == 1  # no number spent


def test_a_re_receipt_of_the_same_senders_symbol_in_the_same_year_is_linked(store, office, clock):
    """Decree 30 numbers restart each year: the key is sender + symbol + the document's year, and
    a receipt typed without the date matches the same symbol received in the last 12 months."""
    first = receive_file(store, office.province, signed_pdf(), QD, actor_id=office.clerk).entry
    for title, doc_date in (("Bản quét, gõ lại không có ngày", None), ("Bản quét, gõ nhầm ngày", date(2026, 11, 2))):
        again = receive_file(store, office.province, make_pdf(1, title),
                             IncomingMeta("bộ nội vụ", "Gửi lại", "1234/BNV-VP", doc_date=doc_date),
                             actor_id=office.clerk)
        assert again.duplicate and again.entry.id == first.id, title
    last_year = receive_file(store, office.province, make_pdf(1, "Công văn năm trước"),
                             IncomingMeta("Bộ Nội vụ", "Công văn cùng số năm 2025", "1234/BNV-VP",
                                          doc_date=date(2025, 3, 10)), actor_id=office.clerk)
    assert not last_year.duplicate and last_year.entry.number == 2  # the same number, another year's document

    undated = IncomingMeta("Sở Y tế", "Về tiêm chủng", "77/SYT-NV")
    kept = receive_file(store, office.province, make_pdf(1, "Công văn không ngày"), undated, actor_id=office.clerk).entry
    dated = receive_file(store, office.province, make_pdf(1, "Công văn có ngày"),
                         IncomingMeta("Sở Y tế", "Về tiêm chủng", "77/SYT-NV", doc_date=TODAY), actor_id=office.clerk)
    assert dated.duplicate and dated.entry.id == kept.id  # the first receipt was the one without a date
    clock.advance(days=400)
    later = receive_file(store, office.province, make_pdf(1, "Công văn không ngày, năm sau"), undated,
                         actor_id=office.clerk)
    assert not later.duplicate and later.entry.number == 1  # over 12 months on: a new year's document
    assert count(store, IncomingDocument) == 4
    with store.read() as s:
        assert [h.kind for h in history(s, first.id)].count(IncomingEventKind.DUPLICATE) == 2


def test_only_the_units_clerk_registers_and_a_refusal_writes_nothing(store, office):
    with pytest.raises(PermissionDenied, match="văn thư"):
        receive_file(store, office.province, signed_pdf(), QD, actor_id=office.officer)
    with pytest.raises(PermissionDenied):  # a commune's clerk, not the province's
        receive_file(store, office.province, signed_pdf(), QD, actor_id=office.commune_clerks[0])
    with pytest.raises(DocumentRejected):
        receive_file(store, office.province, b"%PDF-1.7 not really", QD, actor_id=office.clerk)
    with pytest.raises(InvalidInput, match="nơi gửi"):
        receive_file(store, office.province, signed_pdf(), IncomingMeta(" ", "Trích yếu"), actor_id=office.clerk)
    with pytest.raises(InvalidInput, match="loại văn bản"):
        receive_file(store, office.province, signed_pdf(), IncomingMeta("Bộ Nội vụ", "X", doc_type="thư tình"),
                     actor_id=office.clerk)
    with pytest.raises(InvalidInput, match="sau hôm nay"):
        receive_file(store, office.province, signed_pdf(),
                     IncomingMeta("Bộ Nội vụ", "X", doc_date=date(2027, 1, 1)), actor_id=office.clerk)
    assert count(store, IncomingDocument) == 0 and count(store, IncomingEvent) == 0
    with store.read() as s:
        assert last_number(s, unit_id=office.province, year=2026, series=Series.DEN) == 0


def test_a_secret_document_goes_into_the_secret_series(store, office):
    from store.accounts import set_clearance
    with store.uow() as uow:
        set_clearance(uow, office.clerk, "mat")
        uow.commit()
    meta = IncomingMeta("Công an tỉnh", "Về công tác bảo vệ bí mật nhà nước", "12/CAT-PV2",
                        classification="mat")  # type: ignore[arg-type]
    e = receive_file(store, office.province, make_pdf(1, "Tài liệu mật"), meta, actor_id=office.clerk).entry
    open_one = receive_file(store, office.province, signed_pdf(), QD, actor_id=office.clerk).entry
    assert (e.number, open_one.number) == (1, 1)  # two series, each from 1
    with store.read() as s:
        assert s.get(IncomingDocument, e.id).series == "den_mat"


def test_a_document_released_to_communes_arrives_in_their_registers_by_itself(store, office):
    meta = IncomingMeta("", "Về việc báo cáo kết quả chuyển đổi số năm 2026", "15/KH-UBND", "ke_hoach",
                        date(2026, 11, 27))
    sent = receive_from_unit(store, from_unit_id=office.province, to_unit_ids=list(office.communes),
                             data=signed_pdf("Kế hoạch chuyển đổi số"), meta=meta, filename="15-KH-UBND.pdf",
                             source_outgoing_id=77, reply_due_on=date(2026, 12, 15), actor_id=office.clerk)
    assert [d.unit_id for d in sent] == list(office.communes) and not any(d.duplicate for d in sent)
    with store.read() as s:
        arrived = get_incoming(s, sent[0].entry_id)
    assert arrived.status is IncomingStatus.RECEIVED and arrived.number is None
    assert arrived.sender_name == "Ủy ban nhân dân tỉnh Quảng Trị" and arrived.sender_unit_id == office.province
    assert (arrived.source_outgoing_id, arrived.reply_due_on, arrived.verdict) == (77, date(2026, 12, 15), "valid")

    again = receive_from_unit(store, from_unit_id=office.province, to_unit_ids=[office.communes[0]],
                              data=signed_pdf("Kế hoạch chuyển đổi số"), meta=meta, source_outgoing_id=77,
                              actor_id=office.clerk)
    assert again[0].duplicate and again[0].entry_id == sent[0].entry_id

    clerk = office.commune_clerks[0]
    with store.uow(clerk) as uow:
        registered = register_received(uow, sent[0].entry_id)
        uow.commit()
    assert registered.number == 1 and registered.status is IncomingStatus.REGISTERED
    with store.uow(clerk) as uow, pytest.raises(InvalidInput, match="đã vào sổ"):
        register_received(uow, sent[0].entry_id)
    with store.uow(office.commune_clerks[1]) as uow, pytest.raises(PermissionDenied):
        register_received(uow, sent[0].entry_id)  # the other commune's clerk


def test_only_the_sending_units_clerk_delivers(store, office):
    meta = IncomingMeta("", "Về việc X", "16/UBND-VP")
    with pytest.raises(PermissionDenied):
        receive_from_unit(store, from_unit_id=office.province, to_unit_ids=[office.communes[0]],
                          data=signed_pdf(), meta=meta, actor_id=office.officer)
    assert count(store, IncomingDocument) == 0


def test_a_delivery_finds_the_same_document_as_a_receipt_does(store, office, clock):
    """A delivery between units links to the entry of the same sender's symbol of the same year,
    whatever its date, as ``find_duplicate`` does for a receipt (on PostgreSQL in
    ``nghisu_deliver_incoming``, migration 0025); undated, to one received in the last 12 months."""
    commune, clerk = office.communes[0], office.commune_clerks[0]
    plan = IncomingMeta("Ủy ban nhân dân tỉnh Quảng Trị", "Kế hoạch chuyển đổi số", "15/KH-UBND", "ke_hoach",
                        date(2026, 11, 20))  # the văn thư received the scan by file and typed its date wrong
    by_file = receive_file(store, commune, make_pdf(1, "Bản quét kế hoạch"), plan, actor_id=clerk).entry

    def deliver(title: str, doc_date: date | None):
        meta = IncomingMeta("", "Kế hoạch chuyển đổi số", "15/KH-UBND", "ke_hoach", doc_date)
        return receive_from_unit(store, from_unit_id=office.province, to_unit_ids=[commune],
                                 data=make_pdf(1, title), meta=meta, source_outgoing_id=77, actor_id=office.clerk)[0]

    for title, doc_date in (("Bản phát hành", date(2026, 11, 27)), ("Bản phát hành lại", date(2026, 11, 26)),
                            ("Bản gửi lại không ghi ngày", None)):
        arrived = deliver(title, doc_date)
        assert arrived.duplicate and arrived.entry_id == by_file.id, title
    last_year = deliver("Kế hoạch năm trước", date(2025, 3, 10))
    assert not last_year.duplicate  # the same symbol, another year's document
    clock.advance(days=400)
    later = deliver("Gửi lại sau hơn một năm, không ghi ngày", None)
    assert not later.duplicate  # undated and the last receipt over 12 months ago: not the same paper
    with store.read() as s:
        entries = s.execute(select(IncomingDocument.id).where(IncomingDocument.unit_id == commune)).scalars().all()
        assert sorted(entries) == sorted({by_file.id, last_year.entry_id, later.entry_id})
        linked = [h for h in history(s, by_file.id) if h.kind is IncomingEventKind.DUPLICATE]
        assert len(linked) == 3 and all(h.details["channel"] == "unit" for h in linked)
