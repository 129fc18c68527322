"""Classified papers (mật, tối mật) encrypted end to end.

The blob store only ever holds ``nonce || ciphertext`` for them, the text index holds
nothing (``documents.library`` stores empty page text), and the key that opens a version is
kept only wrapped for each person allowed to read it (``document_keys``):

- **import / new version**: a fresh content key per version, wrapped for every participant
  of the meeting whose clearance reaches the paper's and who has a key pair, for the people
  who held the previous version's key, and for the person storing it. Wrapping needs only
  public keys, so storing a paper needs nobody's passphrase.
- **adding a reader** needs a current reader's private key (unwrap, wrap again): only
  someone who can read the paper can pass it on. A person above nobody's clearance gets
  nothing.
- **recall** deletes the wrapped keys (the document's custodians, who stored and who
  recalled it, keep theirs so the office's own copy stays readable for the archive).
- **opening** unwraps with the reader's private key (unlocked by their passphrase),
  decrypts, and writes the audit row ``document.open_classified``.

Nobody without a wrapped key, the database administrator included, can read the paper.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import column, delete, select, table

from documents.classified import crypto
from documents.classified.models import DocumentKey, PersonKey, PersonKeySecret
from documents.models import Document, DocumentVersion
from store.accounts import clearance_of, clearance_rank
from store.codes import Classification
from store.errors import InvalidInput, NotFound, PermissionDenied
from store.models import Person

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from sqlalchemy.orm import Session

    from store.blobs import BlobRef
    from store.uow import UnitOfWork

CLASSIFIED = tuple(c for c in Classification if c.classified)


@dataclass(frozen=True)
class KeyInfo:
    person_id: int
    fingerprint: str
    created_at: datetime


def is_classified(classification: str) -> bool:
    return classification in CLASSIFIED


def no_such_document(document_id: object) -> NotFound:
    # One answer for "does not exist", "you may not see it" and "not shared with you".
    return NotFound(f"Không có tài liệu số {document_id}, hoặc tài liệu chưa được gửi tới bạn.",
                    f"There is no document {document_id}, or it has not been sent to you.")


class NoKeyPair(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(
            "Bạn chưa có khóa giải mã tài liệu mật; hãy tạo khóa (nghisu keys init) rồi đề nghị thư ký cấp quyền đọc.",
            "You have no key for classified papers yet; create one (nghisu keys init), then ask the secretary "
            "to grant you access.",
        )


# -- person keys -------------------------------------------------------------------------------
def init_keys(uow: UnitOfWork, person_id: int, passphrase: str, *, replace: bool = False,
              scrypt_n: int = crypto.SCRYPT_N) -> KeyInfo:
    """Give a person a key pair sealed under their passphrase. A replaced key pair no longer
    opens papers wrapped for the old one: a reader then asks to be granted them again."""

    s = uow.session
    person = s.get(Person, person_id)
    if person is None:
        raise NotFound(f"Không có người số {person_id}.", f"There is no person {person_id}.")
    existing = s.get(PersonKey, person_id)
    if existing is not None and not replace:
        raise InvalidInput("Người này đã có khóa giải mã; dùng --replace để thay (tài liệu cũ sẽ cần cấp lại).",
                           "This person already has a key pair; use --replace to change it "
                           "(old papers will need granting again).")
    sealed = crypto.new_key_pair(passphrase, scrypt_n=scrypt_n)
    if existing is not None:
        s.delete(existing)
        s.flush()
    fingerprint = hashlib.sha256(sealed.public_key).hexdigest()
    s.add(PersonKey(person_id=person_id, unit_id=person.unit_id, public_key=sealed.public_key,
                    fingerprint=fingerprint, created_at=uow.now()))
    s.flush()
    s.add(PersonKeySecret(person_id=person_id, unit_id=person.unit_id, salt=sealed.salt, scrypt_n=sealed.scrypt_n,
                          scrypt_r=sealed.scrypt_r, scrypt_p=sealed.scrypt_p, nonce=sealed.nonce,
                          sealed=sealed.sealed))
    s.flush()
    uow.record("keys.init", "person", person_id, {"fingerprint": fingerprint, "replaced": existing is not None},
               unit_id=person.unit_id)
    return KeyInfo(person_id, fingerprint, uow.now())


def unlock_private_key(session: Session, person_id: int, passphrase: str) -> X25519PrivateKey:
    """The person's private key, or ``WrongPassphrase`` / ``NoKeyPair``. Says nothing about documents."""
    secret = session.get(PersonKeySecret, person_id)
    public = session.get(PersonKey, person_id)
    if secret is None or public is None:
        raise NoKeyPair()
    sealed = crypto.SealedPrivateKey(public.public_key, secret.salt, secret.scrypt_n, secret.scrypt_r,
                                     secret.scrypt_p, secret.nonce, secret.sealed)
    return crypto.unseal(sealed, passphrase)


# -- storing ------------------------------------------------------------------------------------
def seal_bytes(uow: UnitOfWork, document_id: int, version_no: int, data: bytes) -> tuple[BlobRef, bytes]:
    """Encrypt a version under a fresh content key; the blob store gets only the ciphertext."""
    key = crypto.new_content_key()
    return uow.put_blob(crypto.encrypt(key, data, crypto.content_aad(document_id, version_no))), key


def _participants(session: Session, meeting_id: int) -> list[int]:
    participants = table("participants", column("meeting_id"), column("person_id"))
    return list(session.execute(select(participants.c.person_id)
                                .where(participants.c.meeting_id == meeting_id)).scalars())


def may_hold_key(session: Session, person_id: int, classification: str) -> bool:
    return clearance_rank(clearance_of(session, person_id)) >= clearance_rank(classification)


def _wrap_for(uow: UnitOfWork, doc: Document, version: DocumentVersion, content_key: bytes,
              person_ids: Iterable[int]) -> list[int]:
    s = uow.session
    wanted = sorted({p for p in person_ids if p is not None})
    if not wanted:
        return []
    keys = dict(s.execute(select(PersonKey.person_id, PersonKey.public_key).where(PersonKey.person_id.in_(wanted))).all())
    have = set(s.execute(select(DocumentKey.person_id).where(DocumentKey.version_id == version.id)).scalars())
    done = []
    for pid in wanted:
        if pid in have or pid not in keys or not may_hold_key(s, pid, doc.classification):
            continue
        w = crypto.wrap(content_key, keys[pid], crypto.wrap_context(doc.id, version.version_no, pid))
        s.add(DocumentKey(document_id=doc.id, version_id=version.id, version_no=version.version_no,
                          meeting_id=doc.meeting_id, person_id=pid, ephemeral_public=w.ephemeral_public,
                          nonce=w.nonce, wrapped=w.wrapped, granted_at=uow.now(), granted_by_id=uow.actor_id))
        done.append(pid)
    s.flush()
    return done


def wrap_new_version(uow: UnitOfWork, doc: Document, version: DocumentVersion, content_key: bytes,
                     previous_version_id: int | None) -> list[int]:
    """Wrap a new version's key for the meeting's cleared participants, the previous
    version's readers and the person storing it. Returns who got a key."""

    s = uow.session
    readers = set(_participants(s, doc.meeting_id))
    if previous_version_id is not None:
        readers |= set(s.execute(select(DocumentKey.person_id)
                                 .where(DocumentKey.version_id == previous_version_id)).scalars())
    if uow.actor_id is not None:
        readers.add(uow.actor_id)
    granted = _wrap_for(uow, doc, version, content_key, readers)
    if not granted:
        # Nobody could ever open it again: refuse rather than store a sealed, lost paper.
        raise InvalidInput(
            "Chưa ai trong thành phần cuộc họp có đủ độ mật và khóa mã hóa để đọc tài liệu mật này. "
            "Người nhập (hoặc người được đọc) cần tạo khóa trước: nghisu keys init. Tài liệu chưa được lưu.",
            "No participant cleared for this classified paper has an encryption key yet. The person "
            "attaching it (or a cleared reader) must create one first: nghisu keys init. Nothing was stored.",
        )
    return granted


# -- reading, granting, recalling ------------------------------------------------------------
def _visible_document(session: Session, document_id: int) -> Document:
    doc = session.get(Document, document_id)
    if doc is None or not is_classified(doc.classification):
        raise no_such_document(document_id)
    return doc


def _content_key(session: Session, doc: Document, person_id: int, private_key: X25519PrivateKey,
                 version_id: int | None = None) -> tuple[DocumentVersion, bytes]:
    version = session.get(DocumentVersion, version_id or doc.current_version_id)
    row = session.execute(select(DocumentKey).where(DocumentKey.version_id == version.id,
                                                    DocumentKey.person_id == person_id)).scalar_one_or_none()
    if row is None:
        raise no_such_document(doc.id)
    wrapped = crypto.WrappedKey(row.ephemeral_public, row.nonce, row.wrapped)
    return version, crypto.unwrap(private_key, wrapped, crypto.wrap_context(doc.id, version.version_no, person_id))


def open_classified(uow: UnitOfWork, document_id: int, person_id: int, private_key: X25519PrivateKey, *,
                    version_id: int | None = None) -> bytes:
    """Decrypt a classified version (the current one by default) for its reader; audited."""
    doc = _visible_document(uow.session, document_id)
    version, key = _content_key(uow.session, doc, person_id, private_key, version_id)
    data = crypto.decrypt(key, uow.get_blob(version.blob_sha256), crypto.content_aad(doc.id, version.version_no))
    uow.record("document.open_classified", "document", doc.id,
               {"person_id": person_id, "version": version.version_no}, meeting_id=doc.meeting_id,
               unit_id=doc.unit_id)
    return data


def grant_reader(uow: UnitOfWork, document_id: int, person_id: int, private_key: X25519PrivateKey) -> bool:
    """Wrap the current version's key for one more reader, using the acting reader's key.

    Refused for someone whose clearance is below the paper's or who has no key pair yet.
    Returns False when the person already had it.
    """

    if uow.actor_id is None:
        raise PermissionDenied("Cần biết ai cấp quyền đọc.", "Granting access needs to know who grants it.")
    s = uow.session
    doc = _visible_document(s, document_id)
    if doc.recalled_at is not None:
        raise PermissionDenied("Tài liệu đã bị thu hồi; không cấp thêm quyền đọc.",
                               "The document was recalled; nobody more can be granted it.")
    person = s.get(Person, person_id)
    if person is None:
        raise NotFound(f"Không có người số {person_id}.", f"There is no person {person_id}.")
    if not may_hold_key(s, person_id, doc.classification):
        raise PermissionDenied(
            f"{person.full_name} chưa có mức được đọc tài liệu {doc.classification.replace('toi_mat', 'tối mật')}; "
            "không cấp quyền đọc được.",
            f"{person.full_name} is not cleared for {doc.classification} papers; access cannot be granted.",
        )
    if s.get(PersonKey, person_id) is None:
        raise PermissionDenied(f"{person.full_name} chưa tạo khóa giải mã (nghisu keys init).",
                               f"{person.full_name} has no key pair yet (nghisu keys init).")
    version, key = _content_key(s, doc, uow.actor_id, private_key)
    done = _wrap_for(uow, doc, version, key, [person_id])
    if done:
        uow.record("document.grant_key", "document", doc.id, {"person_id": person_id, "version": version.version_no},
                   meeting_id=doc.meeting_id, unit_id=doc.unit_id)
    return bool(done)


def grant_cleared_participants(uow: UnitOfWork, meeting_id: int, private_key: X25519PrivateKey) -> int:
    """After people were invited or made keys: grant every classified paper of the meeting
    that the acting reader holds to every cleared participant with a key. Returns new grants."""

    s = uow.session
    docs = s.execute(select(Document).where(Document.meeting_id == meeting_id, Document.recalled_at.is_(None),
                                            Document.classification.in_(CLASSIFIED))).scalars().all()
    total = 0
    for doc in docs:
        try:
            version, key = _content_key(s, doc, uow.actor_id, private_key)
        except NotFound:
            continue
        done = _wrap_for(uow, doc, version, key, _participants(s, meeting_id))
        for pid in done:
            uow.record("document.grant_key", "document", doc.id, {"person_id": pid, "version": version.version_no},
                       meeting_id=doc.meeting_id, unit_id=doc.unit_id)
        total += len(done)
    return total


def revoke_keys(uow: UnitOfWork, document_id: int, *, keep: Iterable[int | None] = ()) -> int:
    """Delete the wrapped keys of every version (except the custodians' in ``keep``)."""

    kept = [p for p in keep if p is not None]
    q = delete(DocumentKey).where(DocumentKey.document_id == document_id)
    if kept:
        q = q.where(DocumentKey.person_id.not_in(kept))
    removed = uow.session.execute(q).rowcount or 0
    uow.record("document.keys_revoked", "document", document_id, {"removed": removed, "kept": kept})
    return removed


def key_holders(session: Session, document_id: int) -> list[int]:
    """Who holds a key to the current version (what this session may see of it)."""

    doc = session.get(Document, document_id)
    if doc is None:
        raise no_such_document(document_id)
    return sorted(session.execute(select(DocumentKey.person_id)
                                  .where(DocumentKey.version_id == doc.current_version_id)).scalars())
