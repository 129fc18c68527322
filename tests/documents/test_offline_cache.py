"""The offline cache: encrypted at rest, readable with the store gone, unreadable without the
key, wiped on recall, and notes made offline sent once when the store is back."""

from __future__ import annotations

import shutil

import pytest

from demo.samples import SampleSpec, generate_pdf
from documents.reading.notes import visible_notes
from documents.reading.offline_cache import OfflineCache, OfflineCacheLocked, sync_cache
from documents.records import DocumentMeta
from meetings.agenda import add_agenda_item
from meetings.lifecycle import close_meeting, start_meeting
from meetings.materials import import_material, publish_meeting, recall_classified
from meetings.sites import add_participant
from tests.meetings.conftest import meeting, province  # noqa: F401  (fixtures)

PASS = "mật khẩu của tôi"


@pytest.fixture
def materials(store, province, meeting):  # noqa: F811
    with store.uow(province.secretary) as uow:
        add_agenda_item(uow, meeting.id, title="Dự toán ngân sách 2027")
        add_participant(uow, meeting.id, province.member, "member")
        # The secretary attaching the classified paper is cleared and holds a key for it.
        from documents.classified.service import init_keys
        from store.accounts import set_clearance

        set_clearance(uow, province.secretary, "mat")
        init_keys(uow, province.secretary, "mật khẩu của thư ký", scrypt_n=2**12)
        uow.commit()
    plain = generate_pdf(SampleSpec(doc_type="BC", number="87/BC-STC", pages=2, seed=3))
    secret = generate_pdf(SampleSpec(doc_type="NQ", number="12/NQ-HĐND", pages=2, seed=4))
    a = import_material(store, province.secretary, meeting.id, "1", plain, DocumentMeta(title="Báo cáo", doc_type="bao_cao"))
    b = import_material(store, province.secretary, meeting.id, "1", secret,
                        DocumentMeta(title="Dự thảo Nghị quyết", doc_type="du_thao_nghi_quyet", classification="mat"))
    with store.uow(province.secretary) as uow:
        publish_meeting(uow, meeting.id)
        uow.commit()
    return a, plain, b, secret


def test_the_cache_is_encrypted_and_readable_with_the_store_gone(store, tmp_path, province, materials):  # noqa: F811
    a, plain, b, secret = materials
    cache = OfflineCache(tmp_path / "cache", passphrase=PASS)
    report = sync_cache(store, province.member, cache)
    assert report.online and set(report.added) == {a.id, b.id}
    for f in (tmp_path / "cache").rglob("*"):
        if f.is_file():
            assert b"%PDF" not in f.read_bytes() and PASS.encode() not in f.read_bytes()
    b_stored = store.blobs.get(b.current_version.sha256)  # what the store keeps for the classified paper
    store.close()
    if store.location.home is not None:
        shutil.rmtree(store.location.home)  # the embedded store is gone altogether
    again = OfflineCache(tmp_path / "cache", passphrase=PASS)
    assert again.read(a.id) == plain and again.read(b.id) == b_stored
    with pytest.raises(OfflineCacheLocked) as err:
        OfflineCache(tmp_path / "cache", passphrase="sai mật khẩu")
    assert "sai mật khẩu hoặc khóa" in err.value.vi
    with pytest.raises(OfflineCacheLocked):
        OfflineCache(tmp_path / "cache", key=bytes(32))


def test_recall_wipes_the_cached_copy_and_offline_notes_sync_once(store, tmp_path, province, meeting, materials):  # noqa: F811
    a, plain, b, secret = materials
    cache = OfflineCache(tmp_path / "cache", key=b"k" * 32)
    first = sync_cache(store, province.member, cache)
    assert set(first.added) == {a.id, b.id} and cache.read(b.id) == store.blobs.get(b.current_version.sha256)
    client_id = cache.queue_note(a.id, 1, "text", {"at": [72, 500], "text": "Ghi chú lúc mất mạng"})
    with store.uow(province.secretary) as uow:
        start_meeting(uow, meeting.id)
        close_meeting(uow, meeting.id)
        recall_classified(uow, meeting.id)
        uow.commit()
    files_before = len(list((tmp_path / "cache" / "docs").iterdir()))
    second = sync_cache(store, province.member, cache)
    assert second.removed == (b.id,) and second.kept == (a.id,) and second.notes_sent == 1
    assert len(list((tmp_path / "cache" / "docs").iterdir())) == files_before - 1
    assert {d.document_id for d in cache.documents()} == {a.id} and cache.pending_notes() == []
    with store.read() as s:
        notes = visible_notes(s, province.member, a.id)
    assert [(n.client_id, n.data["text"]) for n in notes] == [(client_id, "Ghi chú lúc mất mạng")]
