"""Blobs are content-addressed, deduplicated, and never served when altered."""

from __future__ import annotations

import pytest

from store.blobs import CHUNK, FolderBlobStore, sha256_hex
from store.errors import BlobCorrupted, BlobMissing


def put(store, data: bytes):
    with store.uow() as uow:
        ref = uow.put_blob(data)
        uow.commit()
    return ref


def test_a_blob_is_stored_once_and_read_back_exactly(store):
    data = "Tờ trình số 45/TTr-UBND".encode() * 1000
    first = put(store, data)
    second = put(store, data)
    assert first == second
    assert first.sha256 == sha256_hex(data)
    assert store.blobs.get(first.sha256) == data
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM blobs").scalar_one() == 1


def test_large_blobs_span_several_chunks(store):
    data = bytes(range(256)) * (CHUNK // 256 * 2 + 17)
    ref = put(store, data)
    assert store.blobs.get(ref.sha256) == data
    if store.dialect == "postgresql":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM blob_chunks").scalar_one() == 3


def test_a_rolled_back_transaction_leaves_no_blob_record(store):
    with store.uow() as uow:
        ref = uow.put_blob(b"never committed")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM blobs").scalar_one() == 0
    if store.dialect == "postgresql":
        with pytest.raises(BlobMissing):
            store.blobs.get(ref.sha256)


def test_a_blob_altered_on_disk_is_reported_not_served(store):
    if not isinstance(store.blobs, FolderBlobStore):
        pytest.skip("folder backend only")
    ref = put(store, b"%PDF-1.7 original bytes")
    path = store.blobs._path(ref.sha256)
    path.write_bytes(b"%PDF-1.7 altered bytes!")
    with pytest.raises(BlobCorrupted) as err:
        store.blobs.get(ref.sha256)
    assert "đã bị thay đổi" in str(err.value) and "altered" in str(err.value)


def test_a_blob_altered_in_the_database_is_reported_not_served(store):
    if store.dialect != "postgresql":
        pytest.skip("database backend only")
    ref = put(store, b"%PDF-1.7 original bytes")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE blob_chunks SET data = %(d)s", {"d": b"%PDF-1.7 altered bytes!"})
    with pytest.raises(BlobCorrupted):
        store.blobs.get(ref.sha256)


def test_a_missing_blob_is_reported(store):
    with pytest.raises(BlobMissing):
        store.blobs.get("ab" * 32)
