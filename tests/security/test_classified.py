"""Classified papers are encrypted end to end, on both backends: the store holds only
ciphertext, each cleared reader opens it with their own key, recall takes the keys away."""

from __future__ import annotations

import pytest

from documents.circulation import DocumentRecalled, open_for_reading
from documents.classified.service import (
    crypto,
    grant_reader,
    init_keys,
    key_holders,
    open_classified,
    unlock_private_key,
)
from documents.library import list_versions
from meetings.lifecycle import change_status
from meetings.materials import recall_classified, replace_material
from store.errors import InvalidInput, NotFound, PermissionDenied
from tests.security import (
    FAST_SCRYPT,
    PASSPHRASE,
    PLAIN_SENTENCE,
    SECRET_SENTENCE,
    build_world,
    raw_database_bytes,
    sentence_pdf,
)


@pytest.fixture
def world(store):
    return build_world(store)


def test_the_secret_sentence_is_nowhere_in_the_store_but_a_cleared_member_reads_it(store, world):
    raw = raw_database_bytes(store)
    assert PLAIN_SENTENCE.encode() in raw  # the search works: the ordinary paper is there in clear
    assert SECRET_SENTENCE.encode() not in raw
    assert SECRET_SENTENCE.lower().encode() not in raw  # nor its search-folded form
    blob = store.blobs.get(world.secret.current_version.sha256)
    assert not blob.startswith(b"%PDF") and b"%PDF" not in blob
    original = sentence_pdf(SECRET_SENTENCE)
    with store.uow(world.member_mat) as uow:
        data = open_for_reading(uow, world.secret.id, world.member_mat, passphrase=PASSPHRASE)
        uow.commit()
    assert data == original
    with store.engine.connect() as conn:
        opened = conn.exec_driver_sql(
            "SELECT actor_id, subject_id FROM audit_log WHERE action = 'document.open_classified'").all()
    assert opened == [(world.member_mat, str(world.secret.id))]


def test_readers_are_the_cleared_participants_with_keys(store, world):
    with store.read() as s:
        holders = key_holders(s, world.secret.id)
    assert holders == sorted([world.chair, world.secretary, world.member_mat])  # not the "thường" member
    with pytest.raises(NotFound) as err, store.uow(world.member_thuong) as uow:
        open_for_reading(uow, world.secret.id, world.member_thuong, passphrase=PASSPHRASE)
    assert "chưa được gửi tới bạn" in err.value.vi
    with store.uow(world.chair) as uow:
        key = unlock_private_key(uow.session, world.chair, PASSPHRASE)
        with pytest.raises(PermissionDenied, match="chưa có mức"):
            grant_reader(uow, world.secret.id, world.member_thuong, key)


def test_wrong_passphrase_says_so_and_nothing_about_the_document(store, world):
    answers = []
    for document_id in (world.secret.id, 999_999):  # a real paper and one that does not exist
        with pytest.raises(crypto.WrongPassphrase) as err, store.uow(world.member_mat) as uow:
            open_for_reading(uow, document_id, world.member_mat, passphrase="không phải cụm này")
        answers.append(str(err.value))
    assert answers[0] == answers[1] and "Cụm mật khẩu không đúng" in answers[0]
    with pytest.raises(PermissionDenied, match="cụm mật khẩu"), store.uow(world.member_mat) as uow:
        open_for_reading(uow, world.secret.id, world.member_mat)  # no key given at all


def test_adding_a_reader_wraps_the_key_again_and_a_new_version_stays_encrypted(store, world):
    from meetings.sites import add_participant

    with store.uow(world.secretary) as uow:
        add_participant(uow, world.meeting_id, world.commune, "guest")
        key = unlock_private_key(uow.session, world.secretary, PASSPHRASE)
        assert grant_reader(uow, world.secret.id, world.commune, key) is True
        assert grant_reader(uow, world.secret.id, world.commune, key) is False  # already has it
        uow.commit()
    with store.uow(world.commune) as uow:
        mine = unlock_private_key(uow.session, world.commune, PASSPHRASE)
        assert open_classified(uow, world.secret.id, world.commune, mine) == sentence_pdf(SECRET_SENTENCE)
    new = replace_material(store, world.secretary, world.secret.id, sentence_pdf(SECRET_SENTENCE + " - BAN SUA DOI", pages=3))
    assert new.current_version.version_no == 2
    assert SECRET_SENTENCE.encode() not in raw_database_bytes(store)
    with store.read() as s:
        assert len(list_versions(s, world.secret.id)) == 2
        assert world.commune in key_holders(s, world.secret.id)  # the previous version's readers keep reading
    with store.uow(world.member_mat) as uow:
        data = open_for_reading(uow, world.secret.id, world.member_mat, passphrase=PASSPHRASE)
    assert (SECRET_SENTENCE + " - BAN SUA DOI").encode() in data


def test_after_recall_a_reader_cannot_decrypt_even_past_the_app(store, world):
    with store.uow(world.secretary) as uow:
        change_status(uow, world.meeting_id, "in_progress")
        change_status(uow, world.meeting_id, "closed")
        assert recall_classified(uow, world.meeting_id) == [world.secret.id]
        uow.commit()
    with pytest.raises(DocumentRecalled), store.uow(world.member_mat) as uow:
        open_for_reading(uow, world.secret.id, world.member_mat, passphrase=PASSPHRASE)
    with store.uow(world.member_mat) as uow:  # straight to the decryption, skipping the recall check
        key = unlock_private_key(uow.session, world.member_mat, PASSPHRASE)
        with pytest.raises(NotFound):
            open_classified(uow, world.secret.id, world.member_mat, key)
    with store.read() as s:
        assert key_holders(s, world.secret.id) == [world.secretary]  # the custodian's copy for the archive


def test_a_key_pair_is_made_once_and_a_short_passphrase_is_refused(store, world):
    with pytest.raises(InvalidInput, match="đã có khóa"), store.uow() as uow:
        init_keys(uow, world.chair, PASSPHRASE, scrypt_n=FAST_SCRYPT)
    with pytest.raises(InvalidInput, match="ít nhất"), store.uow() as uow:
        init_keys(uow, world.admin, "ngắn", scrypt_n=FAST_SCRYPT)


def test_a_wrapped_key_copied_to_another_reader_does_not_open():
    reader = crypto.new_key_pair(PASSPHRASE, scrypt_n=FAST_SCRYPT)
    other = crypto.new_key_pair(PASSPHRASE, scrypt_n=FAST_SCRYPT)
    content_key = crypto.new_content_key()
    wrapped = crypto.wrap(content_key, reader.public_key, crypto.wrap_context(1, 1, 10))
    assert crypto.unwrap(crypto.unseal(reader, PASSPHRASE), wrapped, crypto.wrap_context(1, 1, 10)) == content_key
    with pytest.raises(crypto.CannotDecrypt):
        crypto.unwrap(crypto.unseal(reader, PASSPHRASE), wrapped, crypto.wrap_context(2, 1, 10))  # another paper
    with pytest.raises(crypto.CannotDecrypt):
        crypto.unwrap(crypto.unseal(other, PASSPHRASE), wrapped, crypto.wrap_context(1, 1, 10))
    blob = crypto.encrypt(content_key, b"%PDF-1.7 ...", crypto.content_aad(1, 1))
    with pytest.raises(crypto.CannotDecrypt):
        crypto.decrypt(content_key, blob[:-1] + bytes([blob[-1] ^ 1]), crypto.content_aad(1, 1))
