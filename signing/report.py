"""What a verification concludes, as frozen dataclasses that travel as JSON.

The verifier runs in a worker process and hands its answer back as JSON (never pickle: the
worker has just parsed a hostile file), so every type here round-trips through
``to_dict``/``from_dict``. Reasons carry a stable ``code`` for programs and a sentence in
Vietnamese and English for people; the catalogue below says which codes make a signature
``invalid`` and which only mean it ``cannot_verify``.

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

Verdict = Literal["valid", "invalid", "cannot_verify", "unsigned"]
VALID: Verdict = "valid"
INVALID: Verdict = "invalid"
CANNOT_VERIFY: Verdict = "cannot_verify"
UNSIGNED: Verdict = "unsigned"

#: code -> (severity, Vietnamese, English). Severity: what the reason does to the verdict.
#: "invalid" and "cannot_verify" decide it; "info" and "warning" only explain.
_CATALOGUE: dict[str, tuple[str, str, str]] = {
    # The file itself.
    "not_pdf": ("cannot_verify", "Tệp không phải là PDF.", "The file is not a PDF."),
    "too_large": ("cannot_verify", "Tệp quá lớn để kiểm tra ({detail}).", "The file is too large to verify ({detail})."),
    "unreadable": (
        "cannot_verify",
        "Không đọc được cấu trúc PDF ({detail}); hãy xin lại bản gốc.",
        "The PDF structure cannot be read ({detail}); ask for the original file again.",
    ),
    "timeout": (
        "cannot_verify",
        "Kiểm tra quá {detail} giây nên đã dừng; tệp có thể bị làm hỏng cố ý.",
        "Verification took longer than {detail} seconds and was stopped; the file may be crafted to hang verifiers.",
    ),
    "worker_failed": (
        "cannot_verify",
        "Tiến trình kiểm tra dừng bất thường ({detail}); tệp có thể quá phức tạp hoặc bị làm hỏng.",
        "The verification process stopped abnormally ({detail}); the file may be too complex or damaged.",
    ),
    "internal_error": (
        "cannot_verify",
        "Lỗi khi kiểm tra ({detail}).",
        "Verification failed with an error ({detail}).",
    ),
    # The signature's structure.
    "signature_unreadable": (
        "cannot_verify",
        "Không đọc được chữ ký số ({detail}).",
        "The digital signature cannot be read ({detail}).",
    ),
    "unsupported_format": (
        "cannot_verify",
        "Định dạng chữ ký không được hỗ trợ ({detail}).",
        "The signature format is not supported ({detail}).",
    ),
    "weak_digest": (
        "invalid",
        "Chữ ký dùng thuật toán băm yếu ({detail}); cần SHA-256 trở lên.",
        "The signature uses a weak digest ({detail}); SHA-256 or stronger is required.",
    ),
    "byte_range_malformed": (
        "invalid",
        "Vùng được ký (ByteRange) không hợp lệ ({detail}).",
        "The signed byte range is malformed ({detail}).",
    ),
    "coverage_partial": (
        "invalid",
        "Chữ ký không phủ toàn bộ tệp hay toàn bộ một phiên bản của tệp.",
        "The signature covers neither the whole file nor a whole revision of it.",
    ),
    "digest_mismatch": (
        "invalid",
        "Nội dung đã bị thay đổi sau khi ký (mã băm không khớp).",
        "The content was changed after signing (digest mismatch).",
    ),
    "signature_bad": (
        "invalid",
        "Chữ ký số không đúng về mặt mật mã.",
        "The digital signature is cryptographically wrong.",
    ),
    "signature_reused": (
        "invalid",
        "Cùng một chữ ký được gắn vào nhiều ô ký ({detail}).",
        "The same signature is attached to several signature fields ({detail}).",
    ),
    "modified_after_signing": (
        "invalid",
        "Tài liệu bị sửa sau khi ký ({detail}).",
        "The document was modified after signing ({detail}).",
    ),
    "form_changed_after_signing": (
        "invalid",
        "Nội dung ô nhập liệu bị thay đổi sau khi ký ({detail}).",
        "A form field was changed after signing ({detail}).",
    ),
    "docmdp_violated": (
        "invalid",
        "Thay đổi sau khi ký vượt quá quyền mà chữ ký chứng thực cho phép.",
        "Changes after signing exceed what the certification signature permits.",
    ),
    "certification_not_first": (
        "invalid",
        "Chữ ký chứng thực (DocMDP) không phải là chữ ký đầu tiên của tài liệu.",
        "The certification (DocMDP) signature is not the document's first signature.",
    ),
    "seed_value_violated": (
        "invalid",
        "Chữ ký không đáp ứng ràng buộc của ô ký ({detail}).",
        "The signature does not meet the signature field's constraints ({detail}).",
    ),
    "timestamp_invalid": (
        "invalid",
        "Dấu thời gian gắn với chữ ký không hợp lệ ({detail}).",
        "The timestamp attached to the signature is not valid ({detail}).",
    ),
    # The signer.
    "untrusted": (
        "cannot_verify",
        "Chứng thư của người ký không thuộc nguồn tin cậy đã cài đặt ({detail}).",
        "The signer's certificate does not chain to an installed trust root ({detail}).",
    ),
    "cert_expired_at_signing": (
        "invalid",
        "Chứng thư của người ký đã hết hạn vào thời điểm ký ({detail}).",
        "The signer's certificate had expired when the document was signed ({detail}).",
    ),
    "cert_not_yet_valid_at_signing": (
        "invalid",
        "Chứng thư của người ký chưa có hiệu lực vào thời điểm ký ({detail}).",
        "The signer's certificate was not yet valid when the document was signed ({detail}).",
    ),
    "cert_revoked": (
        "invalid",
        "Chứng thư của người ký đã bị thu hồi.",
        "The signer's certificate has been revoked.",
    ),
    "key_usage": (
        "invalid",
        "Chứng thư của người ký không được phép dùng để ký văn bản.",
        "The signer's certificate is not allowed to sign documents.",
    ),
    "not_in_roster": (
        "invalid",
        "Người ký không có trong danh sách người ký của văn bản này ({detail}).",
        "The signer is not on this document's list of signers ({detail}).",
    ),
    # Explanations that do not change the verdict.
    "whole_file": ("info", "Chữ ký phủ toàn bộ tệp.", "The signature covers the whole file."),
    "later_signatures_only": (
        "info",
        "Sau chữ ký này chỉ có thêm chữ ký hoặc dữ liệu kiểm tra chữ ký.",
        "Only signatures or validation data were added after this signature.",
    ),
    "signing_time_claimed": (
        "info",
        "Thời điểm ký do máy của người ký tự ghi (không có dấu thời gian).",
        "The signing time is the signer's own claim (no timestamp).",
    ),
    "roster_match": ("info", "Người ký khớp danh sách: {detail}.", "The signer matches the list: {detail}."),
    "trusted_embedded": (
        "info",
        "Chỉ để kiểm thử: tin các chứng thư nằm sẵn trong tệp.",
        "Tests only: the certificates embedded in the file are trusted.",
    ),
    # Warnings about the document.
    "trailing_bytes": (
        "warning",
        "Có {detail} byte sau dấu kết thúc tệp (%%EOF); chúng không được ký và không hiển thị.",
        "There are {detail} bytes after the end-of-file marker (%%EOF); they are not signed and not shown.",
    ),
    "empty_signature_fields": (
        "warning",
        "Còn ô ký chưa ký: {detail}.",
        "Signature fields not signed yet: {detail}.",
    ),
    "visible_field_added_after_signing": (
        "warning",
        "Ô ký có hình hiển thị được thêm sau chữ ký trước ({detail}); hãy so với bản đã ký.",
        "A visible signature field was added after an earlier signature ({detail}); compare with the signed revision.",
    ),
}

#: Reason codes that are about trust in the signer rather than about the document or signature.
TRUST_CODES = frozenset(
    {"untrusted", "cert_expired_at_signing", "cert_not_yet_valid_at_signing", "cert_revoked", "key_usage", "not_in_roster"}
)


@dataclass(frozen=True)
class Reason:
    """One reason for a verdict: a stable code and the sentence in both languages."""

    code: str
    vi: str
    en: str

    @property
    def severity(self) -> str:
        return _CATALOGUE.get(self.code, ("cannot_verify",))[0]

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "vi": self.vi, "en": self.en}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reason:
        return cls(code=str(d["code"]), vi=str(d["vi"]), en=str(d["en"]))


def reason(code: str, detail: object = "") -> Reason:
    """Build the catalogued reason ``code``, filling ``{detail}`` when the sentence has one."""
    severity, vi, en = _CATALOGUE[code]
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
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes

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
