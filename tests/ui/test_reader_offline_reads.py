"""The reader keeps the pages a member reads offline and sends them as read receipts when the
store answers again: at once when the connection comes back, or in the next reader opened."""

from __future__ import annotations

from documents.circulation import receipts_for_meeting
from documents.reading.offline_cache import OfflineCache
from store.clock import VN_TZ
from tests.conftest import START

PASS = "mật khẩu đọc ngoại tuyến"
TABLET_TIME = START.astimezone(VN_TZ)  # the demo store's clock stands still at START


def my_receipt(store, live, document_id):
    with store.read() as s:
        return next(
            r
            for r in receipts_for_meeting(s, live["meeting"])
            if r.person_id == live["member"] and r.document_id == document_id
        )


def read_offline(make_reader, live, pages):
    """Cache the materials online, then read the first one with no store: pages 1..pages."""
    online = make_reader(live["member"])
    online.load(live["meeting"])
    online.save_offline(PASS)
    offline = make_reader(live["member"], store=None)
    offline.offline.now = lambda: TABLET_TIME
    offline.go_offline(PASS)
    material = offline.agenda.current_meeting().materials[0]
    offline.open_document(material.document_id)
    for _ in range(pages - 1):
        offline.canvas.next_page()
    return offline, material


def test_pages_read_offline_are_sent_when_the_store_answers_again(make_reader, live, demo_store, qtbot):
    offline, material = read_offline(make_reader, live, 2)
    offline.flush_receipts()  # the receipts timer, or switching documents, does this
    assert [r.page for r in offline.offline.cache.pending_reads()] == [1, 2]
    [first, _] = offline.offline.cache.pending_reads()
    assert first.first_at == TABLET_TIME and first.first_at.utcoffset() == VN_TZ.utcoffset(
        None
    )  # local, zoned
    assert my_receipt(demo_store, live, material.document_id).first_opened_at is None

    offline.store = demo_store  # the network is back; the probe notices it
    offline.offline.watch(demo_store, lambda: offline.load(live["meeting"]))
    offline.offline._try_store()
    assert not offline.offline_mode and offline.offline.last_reads_report.pages_sent == 2
    mine = my_receipt(demo_store, live, material.document_id)
    assert mine.pages_read == 2 and mine.first_opened_at == first.first_at
    assert offline.offline.cache.pending_reads() == []
    assert "Đã gửi 2 trang đã đọc khi ngoại tuyến" in offline.message.text()


def test_the_next_reader_with_a_store_asks_once_and_sends_them(
    make_reader,
    live,
    demo_store,
    qtbot,
    tmp_path,
    monkeypatch,
):
    import ui.reader.offline as offline_flows

    offline, material = read_offline(make_reader, live, 3)
    offline.close()  # closing sends what it holds into the cache
    assert OfflineCache.reads_waiting(tmp_path / "offline")
    asked = []
    monkeypatch.setattr(offline_flows, "ask_passphrase", lambda parent, first: asked.append(first) or PASS)

    later = make_reader(live["member"])
    later.load(live["meeting"])
    assert asked == [False]
    assert my_receipt(demo_store, live, material.document_id).pages_read == 3
    assert not OfflineCache.reads_waiting(tmp_path / "offline")
    later.load(live["meeting"])
    assert asked == [False]  # nothing waits any more: not asked again
