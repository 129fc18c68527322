"""The cryptography of classified papers: person key pairs, document keys, key wrapping.

Nothing here touches the store; ``documents.classified.service`` stores what these functions make.

- **A person's key pair** is X25519. The private key never leaves the person's hands in
  clear: it is sealed with AES-256-GCM under a key derived from their passphrase by scrypt
  (N=2^15, r=8, p=1: ~32 MiB and ~0.1 s a try, so guessing is slow), with the public key
  as associated data (a sealed key cannot be paired with someone else's public key).
- **A document version** gets its own random AES-256-GCM content key. The stored blob is
  ``nonce (12 bytes) || ciphertext+tag``; the associated data names the document and the
  version, so a blob cannot be passed off as another document's.
- **Wrapping** the content key for one reader: a fresh ephemeral X25519 key, ECDH with the
  reader's public key, HKDF-SHA256 (salt: both public keys; info: the context) to a key
  that seals the content key with AES-256-GCM. The context names document, version and
  reader, so a wrapped key copied onto another row does not open.

Standard constructions from ``cryptography`` only (what a well-kept library does is not
written again by hand).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store.errors import InvalidInput, NghisuError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
NONCE = 12
KEY = 32
MIN_PASSPHRASE = 8
_SEAL_AAD = b"nghisu-person-key-v1|"
_WRAP_INFO = b"nghisu-wrap-v1|"


class WrongPassphrase(NghisuError):
    """The passphrase does not open the person's private key (nothing else is revealed)."""

    def __init__(self) -> None:
        super().__init__(
            "Cụm mật khẩu không đúng; khóa giải mã chưa được mở. Hãy nhập lại (chú ý bộ gõ tiếng Việt và phím Caps Lock).",
            "The passphrase is wrong; the decryption key was not opened. Type it again "
            "(check the keyboard layout and Caps Lock).",
        )


class CannotDecrypt(NghisuError):
    """Stored ciphertext or a wrapped key does not open: altered, or not meant for this key."""

    def __init__(self) -> None:
        super().__init__(
            "Không giải mã được tài liệu: dữ liệu đã bị thay đổi hoặc không dành cho khóa của bạn. Hãy báo văn thư.",
            "The document could not be decrypted: the data was altered or is not meant for your key. "
            "Tell the records clerk.",
        )


@dataclass(frozen=True)
class SealedPrivateKey:
    """A person's key pair as stored: the public key in clear, the private key sealed."""

    public_key: bytes
    salt: bytes = field(repr=False)
    scrypt_n: int
    scrypt_r: int
    scrypt_p: int
    nonce: bytes = field(repr=False)
    sealed: bytes = field(repr=False)


@dataclass(frozen=True)
class WrappedKey:
    """A content key wrapped for one reader."""

    ephemeral_public: bytes
    nonce: bytes
    wrapped: bytes = field(repr=False)


def check_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(
            f"Cụm mật khẩu cần ít nhất {MIN_PASSPHRASE} ký tự.",
            f"The passphrase needs at least {MIN_PASSPHRASE} characters.",
        )
    return passphrase


def _kdf(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    # NFC: "Hà Nội" typed with a combining mark must open the same key.
    data = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=KEY, n=n, r=r, p=p).derive(data)


def public_bytes(private_key: X25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def new_key_pair(passphrase: str, *, scrypt_n: int = SCRYPT_N) -> SealedPrivateKey:
    """A fresh X25519 key pair, its private half sealed under the passphrase."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    check_passphrase(passphrase)
    private = X25519PrivateKey.generate()
    public = public_bytes(private)
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    salt, nonce = os.urandom(16), os.urandom(NONCE)
    key = _kdf(passphrase, salt, scrypt_n, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(key).encrypt(nonce, raw, _SEAL_AAD + public)
    return SealedPrivateKey(public, salt, scrypt_n, SCRYPT_R, SCRYPT_P, nonce, sealed)


def unseal(sealed: SealedPrivateKey, passphrase: str) -> X25519PrivateKey:
    """The private key, or ``WrongPassphrase``."""
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    key = _kdf(passphrase, sealed.salt, sealed.scrypt_n, sealed.scrypt_r, sealed.scrypt_p)
    try:
        raw = AESGCM(key).decrypt(sealed.nonce, sealed.sealed, _SEAL_AAD + sealed.public_key)
    except InvalidTag:
        raise WrongPassphrase() from None
    private = X25519PrivateKey.from_private_bytes(raw)
    if public_bytes(private) != sealed.public_key:
        raise WrongPassphrase()
    return private


def content_aad(document_id: int, version_no: int) -> bytes:
    return f"nghisu-doc-v1|{document_id}|{version_no}".encode()


def wrap_context(document_id: int, version_no: int, person_id: int) -> bytes:
    return f"{document_id}|{version_no}|{person_id}".encode()


def new_content_key() -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    return AESGCM.generate_key(bit_length=256)


def encrypt(content_key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """``nonce || ciphertext+tag`` (what the blob store keeps)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    nonce = os.urandom(NONCE)
    return nonce + AESGCM(content_key).encrypt(nonce, plaintext, aad)


def decrypt(content_key: bytes, blob: bytes, aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    try:
        return AESGCM(content_key).decrypt(blob[:NONCE], blob[NONCE:], aad)
    except (InvalidTag, ValueError):
        raise CannotDecrypt() from None


def _kek(shared: bytes, ephemeral_public: bytes, recipient_public: bytes, context: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    return HKDF(algorithm=hashes.SHA256(), length=KEY, salt=ephemeral_public + recipient_public,
                info=_WRAP_INFO + context).derive(shared)


def wrap(content_key: bytes, recipient_public: bytes, context: bytes) -> WrappedKey:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    ephemeral = X25519PrivateKey.generate()
    eph_pub = public_bytes(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce = os.urandom(NONCE)
    kek = _kek(shared, eph_pub, recipient_public, context)
    return WrappedKey(eph_pub, nonce, AESGCM(kek).encrypt(nonce, content_key, context))


def unwrap(private_key: X25519PrivateKey, wrapped: WrappedKey, context: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    shared = private_key.exchange(X25519PublicKey.from_public_bytes(wrapped.ephemeral_public))
    kek = _kek(shared, wrapped.ephemeral_public, public_bytes(private_key), context)
    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.wrapped, context)
    except InvalidTag:
        raise CannotDecrypt() from None
