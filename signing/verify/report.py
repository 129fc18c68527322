"""What a verification concludes, as frozen dataclasses that travel as JSON.

The verifier runs in a worker process and hands its answer back as JSON (never pickle: the
worker has just parsed a hostile file), so every type here round-trips through
``to_dict``/``from_dict``. Reasons carry a stable ``code`` for programs and a sentence in
Vietnamese and English for people; the catalogue (``signing.verify.reasons``) says which
codes make a signature ``invalid`` and which only mean it ``cannot_verify``.

JSON contract (``nghisu verify --json``)::

    {"verdict": "valid|invalid|cannot_verify|unsigned",
     "reasons": [{"code", "vi", "en"}],            # about the document as a whole
     "signatures": [{"field", "signer", "verdict", "reasons": [{"code", "vi", "en"}],
                     "coverage", "modification", "trusted", "signed_at", ...}],
     "warnings": [{"code", "vi", "en"}]}

Reasons are objects ``{code, vi, en}`` everywhere (not bare strings) so tools can match codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from signing.verify.reasons import CATALOGUE, TRUST_CODES

Verdict = Literal["valid", "invalid", "cannot_verify", "unsigned"]
VALID: Verdict = "valid"
INVALID: Verdict = "invalid"
CANNOT_VERIFY: Verdict = "cannot_verify"
UNSIGNED: Verdict = "unsigned"


@dataclass(frozen=True)
class Reason:
    """One reason for a verdict: a stable code and the sentence in both languages."""

    code: str
    vi: str
    en: str

    @property
    def severity(self) -> str:
        return CATALOGUE.get(self.code, ("cannot_verify",))[0]

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "vi": self.vi, "en": self.en}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reason:
        return cls(code=str(d["code"]), vi=str(d["vi"]), en=str(d["en"]))


def reason(code: str, detail: object = "") -> Reason:
    """Build the catalogued reason ``code``, filling ``{detail}`` when the sentence has one."""
    severity, vi, en = CATALOGUE[code]
    text = str(detail)[:300]
    return Reason(code, vi.replace("{detail}", text), en.replace("{detail}", text))


def verdict_from(reasons: tuple[Reason, ...] | list[Reason]) -> Verdict:
    """Fail closed: any invalid reason wins, then any cannot-verify one; otherwise valid."""
    severities = {r.severity for r in reasons}
    if "invalid" in severities:
        return INVALID
    if "cannot_verify" in severities:
        return CANNOT_VERIFY
    return VALID


@dataclass(frozen=True)
class SignatureReport:
    """The verdict on one signature (or document timestamp) and what it rests on."""

    field: str
    signer: str
    verdict: Verdict
    reasons: tuple[Reason, ...]
    coverage: str  # entire_file | entire_revision | partial | unknown
    modification: str  # none | lta_updates | form_filling | annotations | other | unknown
    trusted: bool
    signed_at: str | None  # ISO 8601, as claimed by the signer or its timestamp
    kind: str = "signature"  # signature | timestamp
    revision: int | None = None
    byte_range: tuple[int, ...] | None = None
    digest_algorithm: str | None = None
    signer_cert_sha256: str | None = None
    certification: int | None = None  # DocMDP permission level when this signature certifies
    timestamped: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "signer": self.signer,
            "verdict": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
            "coverage": self.coverage,
            "modification": self.modification,
            "trusted": self.trusted,
            "signed_at": self.signed_at,
            "kind": self.kind,
            "revision": self.revision,
            "byte_range": list(self.byte_range) if self.byte_range is not None else None,
            "digest_algorithm": self.digest_algorithm,
            "signer_cert_sha256": self.signer_cert_sha256,
            "certification": self.certification,
            "timestamped": self.timestamped,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SignatureReport:
        br = d.get("byte_range")
        return cls(
            field=str(d["field"]),
            signer=str(d["signer"]),
            verdict=d["verdict"],
            reasons=tuple(Reason.from_dict(r) for r in d["reasons"]),
            coverage=str(d["coverage"]),
            modification=str(d["modification"]),
            trusted=bool(d["trusted"]),
            signed_at=d.get("signed_at"),
            kind=str(d.get("kind", "signature")),
            revision=d.get("revision"),
            byte_range=tuple(int(x) for x in br) if br is not None else None,
            digest_algorithm=d.get("digest_algorithm"),
            signer_cert_sha256=d.get("signer_cert_sha256"),
            certification=d.get("certification"),
            timestamped=bool(d.get("timestamped", False)),
        )

    @property
    def codes(self) -> set[str]:
        return {r.code for r in self.reasons}


@dataclass(frozen=True)
class VerificationReport:
    """The whole answer: one verdict for the document, one per signature, and warnings."""

    verdict: Verdict
    signatures: tuple[SignatureReport, ...] = ()
    warnings: tuple[Reason, ...] = ()
    reasons: tuple[Reason, ...] = ()  # about the document as a whole (not a PDF, timeout, ...)
    file_sha256: str | None = None
    file_size: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
            "signatures": [s.to_dict() for s in self.signatures],
            "warnings": [w.to_dict() for w in self.warnings],
            "file_sha256": self.file_sha256,
            "file_size": self.file_size,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> VerificationReport:
        return cls(
            verdict=d["verdict"],
            signatures=tuple(SignatureReport.from_dict(s) for s in d.get("signatures", ())),
            warnings=tuple(Reason.from_dict(w) for w in d.get("warnings", ())),
            reasons=tuple(Reason.from_dict(r) for r in d.get("reasons", ())),
            file_sha256=d.get("file_sha256"),
            file_size=d.get("file_size"),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> VerificationReport:
        return cls.from_dict(json.loads(text))

    @property
    def codes(self) -> set[str]:
        """Every reason code in the report (document, signatures, warnings)."""
        out = {r.code for r in self.reasons} | {w.code for w in self.warnings}
        for s in self.signatures:
            out |= s.codes
        return out


def failed(code: str, detail: object = "", **extra: Any) -> VerificationReport:
    """A report for a file that could not be examined at all."""
    r = reason(code, detail)
    return VerificationReport(verdict=verdict_from([r]) if r.severity != "info" else CANNOT_VERIFY, reasons=(r,), **extra)


def document_verdict(signatures: tuple[SignatureReport, ...], last_unchanged: bool) -> Verdict:
    """Unsigned without signatures; invalid if any is; valid only if all are and nothing else followed."""
    if not signatures:
        return UNSIGNED
    verdicts = {s.verdict for s in signatures}
    if INVALID in verdicts:
        return INVALID
    if verdicts == {VALID} and last_unchanged:
        return VALID
    return CANNOT_VERIFY


@dataclass(frozen=True)
class RosterEntry:
    """One expected signer, identified by certificate (never by name, which anyone can copy).

    Give ``cert_sha256`` (hex SHA-256 of the certificate's DER), or ``issuer`` (RFC 4514) and
    ``serial``; ``name`` is only for messages.
    """

    name: str
    cert_sha256: str | None = None
    issuer: str | None = None
    serial: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "cert_sha256": self.cert_sha256, "issuer": self.issuer, "serial": self.serial}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RosterEntry:
        return cls(name=d["name"], cert_sha256=d.get("cert_sha256"), issuer=d.get("issuer"), serial=d.get("serial"))

    @classmethod
    def from_certificate(cls, name: str, cert: bytes) -> RosterEntry:
        """From a PEM or DER certificate: pins its fingerprint and its issuer + serial."""
        from cryptography import x509  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography
        from cryptography.hazmat.primitives import hashes  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

        c = x509.load_pem_x509_certificate(cert) if b"-----BEGIN" in cert else x509.load_der_x509_certificate(cert)
        return cls(
            name=name,
            cert_sha256=c.fingerprint(hashes.SHA256()).hex(),
            issuer=c.issuer.rfc4514_string(),
            serial=c.serial_number,
        )


@dataclass(frozen=True)
class VerifyLimits:
    """Bounds on one verification: wall-clock seconds, worker memory, file size."""

    timeout_s: float = 30.0
    memory_mb: int = 1536
    max_bytes: int = 512 * 1024 * 1024


__all__ = [
    "CANNOT_VERIFY",
    "INVALID",
    "TRUST_CODES",
    "UNSIGNED",
    "VALID",
    "Reason",
    "RosterEntry",
    "SignatureReport",
    "Verdict",
    "VerificationReport",
    "VerifyLimits",
    "document_verdict",
    "failed",
    "reason",
    "verdict_from",
]
