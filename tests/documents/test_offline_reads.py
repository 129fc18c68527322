# ruff: noqa: F811  (pytest fixtures imported by name are parameters here)
"""Pages read on a tablet while offline become read receipts when the store is back: at the
tablet's local time, on the version that was read, once, and never lost to a dropped line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from demo.samples import SampleSpec, generate_pdf
from documents.circulation import open_for_reading, recall_documents, receipts_for_meeting, record_pages_read
from documents.models import Delivery
from documents.reading.offline_cache import OfflineCache, sync_cache
from documents.reading.offline_reads import sync_offline_reads
from documents.records import DocumentMeta
from meetings.agenda import add_agenda_item
from meetings.materials import import_material, publish_meeting, replace_material
from meetings.sites import add_participant
from store.clock import VN_TZ
from store.errors import StoreUnavailable
from tests.meetings.conftest import meeting, province  # noqa: F401  (fixtures)

NINE = datetime(2026, 11, 28, 9, 0, tzinfo=VN_TZ)  # an hour after the materials were sent (08:00 ICT)


def at(minutes: int) -> datetime:
    return NINE.replace(minute=minutes)


@pytest.fixture
def papers(store, clock, province, meeting):
    with store.uow(province.secretary) as uow:
        add_agenda_item(uow, meeting.id, title="Dự toán ngân sách 2027")
        add_participant(uow, meeting.id, province.member, "member")
        uow.commit()
    report = import_material(
        store,
        province.secretary,
        meeting.id,
        "1",
        generate_pdf(SampleSpec(doc_type="BC", number="87/BC-STC", pages=3, seed=3)),
        DocumentMeta(title="Báo cáo ngân sách", doc_type="bao_cao"),
    )
    plan = import_material(
        store,
        province.secretary,
        meeting.id,
        "1",
        generate_pdf(SampleSpec(doc_type="TTr", number="45/TTr-UBND", pages=2, seed=5)),
        DocumentMeta(title="Tờ trình đầu tư", doc_type="to_trinh"),
    )
    with store.uow(province.secretary) as uow:
        publish_meeting(uow, meeting.id)
        uow.commit()
    clock.advance(hours=3)  # the tablet syncs later that morning (11:00 ICT)
    return report, plan


@pytest.fixture
def cache(store, tmp_path, province, papers):
    c = OfflineCache(tmp_path / "cache", key=b"k" * 32)
    assert sync_cache(store, province.member, c).online
    return c


def receipt(store, meeting_id, person_id, document_id):
    with store.read() as s:
        return next(
            r
            for r in receipts_for_meeting(s, meeting_id)
            if r.person_id == person_id and r.document_id == document_id
        )


def delivery(store, version_id, person_id):
    from sqlalchemy import select

    with store.read() as s:
        return s.execute(
            select(Delivery.pages_read, Delivery.first_opened_at, Delivery.changed_from_version_no).where(
                Delivery.version_id == version_id, Delivery.person_id == person_id
            )
        ).one()


def offline_opens(store) -> list[dict]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT details FROM audit_log WHERE action = 'document.open'").all()
    import json

    return [d if isinstance(d, dict) else json.loads(d) for (d,) in rows]


def test_pages_read_offline_become_receipts_at_the_tablets_local_time(
    store,
    tmp_path,
    province,
    meeting,
    papers,
    cache,
):
    report, _ = papers
    assert cache.record_reads(report.id, [(1, at(5)), (2, at(7)), (1, at(20))]) == 2
    pending = {r.page: r for r in cache.pending_reads()}
    assert (pending[1].first_at, pending[1].last_at) == (at(5), at(20))
    assert pending[1].first_at.utcoffset() == VN_TZ.utcoffset(None)  # local time, with its zone
    assert OfflineCache.reads_waiting(tmp_path / "cache")
    for f in (
        p for p in (tmp_path / "cache").rglob("*") if p.is_file()
    ):  # sealed like the rest: nothing in clear
        assert b"first_at" not in f.read_bytes() and b"2026-11-28" not in f.read_bytes()

    synced = sync_offline_reads(store, province.member, cache)
    assert synced.online and synced.pages_sent == 2 and synced.skipped == ()
    mine = receipt(store, meeting.id, province.member, report.id)
    assert mine.pages_read == 2
    assert mine.first_opened_at == at(5) and mine.last_read_at == at(20)
    assert mine.first_opened_at.astimezone(UTC) == datetime(2026, 11, 28, 2, 5, tzinfo=UTC)
    assert [(d["version"], d["offline"], d["opened_at"]) for d in offline_opens(store)] == [
        (1, True, "2026-11-28T09:05:00+07:00")
    ]
    assert cache.pending_reads() == [] and not OfflineCache.reads_waiting(tmp_path / "cache")


def test_syncing_twice_or_over_an_online_receipt_duplicates_nothing(
    store,
    clock,
    province,
    meeting,
    papers,
    cache,
    monkeypatch,
):
    report, _ = papers
    with store.uow(province.member) as uow:  # read online at 11:00 first: page 3
        open_for_reading(uow, report.id, province.member)
        record_pages_read(uow, report.id, province.member, [3])
        uow.commit()
    cache.record_reads(report.id, [(1, at(5)), (3, at(6))])
    monkeypatch.setattr(cache, "forget_reads", lambda sent: None)  # the tablet dies right after the commit
    assert sync_offline_reads(store, province.member, cache).pages_sent == 2
    monkeypatch.undo()
    assert len(cache.pending_reads()) == 2
    again = sync_offline_reads(store, province.member, cache)
    assert again.online and cache.pending_reads() == []
    assert sync_offline_reads(store, province.member, cache).recorded == ()  # nothing left to send
    mine = receipt(store, meeting.id, province.member, report.id)
    assert mine.pages_read == 2  # {3} online ∪ {1, 3} offline, twice: each page once
    assert mine.first_opened_at == at(5)  # the offline read came first
    assert mine.last_read_at == clock.now()  # the online one last
    assert len(offline_opens(store)) == 1  # one first opening, made online: no second one


def test_a_lost_connection_mid_sync_loses_nothing(store, province, meeting, papers, cache, monkeypatch):
    from store.uow import UnitOfWork

    report, _ = papers
    cache.record_reads(report.id, [(2, at(10))])

    def dropped(self):
        raise StoreUnavailable("Mất kết nối tới kho dữ liệu.", "Lost the connection to the store.")

    monkeypatch.setattr(UnitOfWork, "commit", dropped)
    assert not sync_offline_reads(store, province.member, cache).online
    assert not sync_cache(store, province.member, cache).online
    monkeypatch.undo()
    assert [r.page for r in cache.pending_reads()] == [2]
    assert receipt(store, meeting.id, province.member, report.id).first_opened_at is None
    full = sync_cache(store, province.member, cache)
    assert full.online and full.pages_sent == 1
    assert receipt(store, meeting.id, province.member, report.id).pages_read == 1


def test_a_replaced_version_keeps_the_read_and_a_recalled_paper_is_skipped_with_its_reason(
    store, province, meeting, papers, cache
):
    report, plan = papers
    old_version = report.current_version
    cache.record_reads(report.id, [(1, at(5)), (2, at(6))])
    cache.record_reads(plan.id, [(1, at(8))])
    newer = replace_material(
        store,
        province.secretary,
        report.id,
        generate_pdf(SampleSpec(doc_type="BC", number="87/BC-STC", pages=4, seed=9)),
    )
    with store.uow(province.secretary) as uow:
        recall_documents(uow, meeting.id, [plan.id], classified_only=False)
        uow.commit()

    synced = sync_offline_reads(store, province.member, cache)
    assert [(r.document_id, r.version_no, r.pages) for r in synced.recorded] == [(report.id, 1, (1, 2))]
    [skipped] = synced.skipped
    assert skipped.document_id == plan.id and "đã bị thu hồi" in skipped.skipped.vi
    assert "was recalled" in skipped.skipped.en and "thu hồi" in skipped.line()
    assert cache.pending_reads() == []  # said once, not retried forever
    assert delivery(store, old_version.id, province.member).pages_read == [1, 2]
    current = delivery(store, newer.current_version.id, province.member)
    assert current.pages_read == [] and current.first_opened_at is None
    # What was read has changed since: the member is told, as after an online reading.
    assert current.changed_from_version_no == 1
    assert receipt(store, meeting.id, province.member, report.id).changed_since_opened


def test_a_page_seen_again_while_syncing_stays_pending(store, province, papers, cache):
    report, _ = papers
    cache.record_reads(report.id, [(1, at(5)), (2, at(6))])
    snapshot = cache.pending_reads()
    cache.record_reads(report.id, [(2, at(30))])  # the reader kept reading during the sync
    assert cache.forget_reads(snapshot) == 1
    [left] = cache.pending_reads()
    assert (left.page, left.first_at, left.last_at) == (2, at(6), at(30))
    with pytest.raises(ValueError):
        cache.record_reads(report.id, [(1, datetime(2026, 11, 28, 9, 0))])  # no zone: refused
