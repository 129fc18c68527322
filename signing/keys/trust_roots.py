"""Trust roots: the certificates a verification accepts as the top of a signer's chain.

This is the in-memory form handed to the verifier; the per-installation store-backed trust
store builds one of these. Certificates are kept as DER bytes so they cross into the worker
process as plain data.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from documents.errors import DocumentRejected
from documents.files import read_bounded
from store.errors import InvalidInput

_PEM_RE = re.compile(rb"-----BEGIN (?:TRUSTED |X509 )?CERTIFICATE-----(.+?)-----END (?:TRUSTED |X509 )?CERTIFICATE-----", re.S)


def load_certificates(data: bytes, *, source: str = "") -> list[bytes]:
    """Every certificate in a PEM bundle or one DER certificate, as DER bytes.

    Raises InvalidInput (with a plain message) when nothing in ``data`` is a certificate.
    """
    from cryptography import x509  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    where = f" ({source})" if source else ""
    ders: list[bytes] = []
    try:
        if b"-----BEGIN" in data:
            for m in _PEM_RE.finditer(data):
                der = base64.b64decode(b"".join(m.group(1).split()))
                x509.load_der_x509_certificate(der)
                ders.append(der)
        else:
            x509.load_der_x509_certificate(data)
            ders.append(bytes(data))
    except ValueError as exc:
        raise InvalidInput(
            f"Tệp chứng thư gốc không hợp lệ{where}: hãy dùng tệp PEM hoặc DER do cơ quan cấp.",
            f"The trust root file is not a valid certificate{where}: use the PEM or DER file your CA issued.",
        ) from exc
    if not ders:
        raise InvalidInput(
            f"Không tìm thấy chứng thư nào trong tệp{where}.",
            f"No certificate found in the file{where}.",
        )
    return ders


#: A file of root certificates holds a few kilobytes each; a bound keeps `/dev/zero` out.
ROOTS_FILE_LIMIT = 8 * 1024 * 1024


def load_certificate_file(path: str | Path) -> list[bytes]:
    """Read a PEM/DER file of trust roots; a missing file gets a plain message."""
    p = Path(path)
    try:
        data = read_bounded(p, ROOTS_FILE_LIMIT)
    except DocumentRejected as exc:
        raise InvalidInput(f"Tệp chứng thư gốc {p}: {exc.vi}", f"The trust root file {p}: {exc.en}") from exc
    return load_certificates(data, source=str(p))


@dataclass(frozen=True)
class TrustRoots:
    """An immutable set of root certificates (DER), in the order they were added."""

    certificates: tuple[bytes, ...] = ()

    @classmethod
    def from_pem_or_der(cls, *blobs: bytes) -> TrustRoots:
        return cls().adding(*(c for b in blobs for c in load_certificates(b)))

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> TrustRoots:
        return cls().adding(*(c for p in paths for c in load_certificate_file(p)))

    def adding(self, *ders: bytes) -> TrustRoots:
        seen = set(self.certificates)
        out = list(self.certificates)
        for d in ders:
            if d not in seen:
                seen.add(d)
                out.append(bytes(d))
        return TrustRoots(tuple(out))

    def __len__(self) -> int:
        return len(self.certificates)
