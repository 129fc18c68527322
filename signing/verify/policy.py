"""The verification policy: pyHanko's checks, then ours on top, failing closed.

Runs inside the worker process (see verify_worker.py) on untrusted bytes. pyHanko does the
cryptography, the chain building and the difference analysis between revisions (never
skipped); this module adds what pyHanko alone lets through (measured): SHA-1, malformed or
partial byte ranges, a text field refilled after signing, one signature dictionary reached
from two fields, an empty visible signature field laid over the page after signing, and
signers matched to a roster by certificate rather than by name (signer_trust.py judges the
signer: certificate, trust, roster).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from signing.verify.report import (
    Reason,
    RosterEntry,
    SignatureReport,
    VerificationReport,
    document_verdict,
    failed,
    reason,
    verdict_from,
)
from signing.verify.revisions import byte_range_problem, trailing_bytes
from signing.verify.signer_trust import cert_info, trust_reasons, validation_context

log = logging.getLogger(__name__)

STRONG_DIGESTS = frozenset({"sha256", "sha384", "sha512", "sha3_256", "sha3_384", "sha3_512"})
SIG_SUBFILTERS = frozenset({"/adbe.pkcs7.detached", "/ETSI.CAdES.detached"})
TS_SUBFILTERS = frozenset({"/ETSI.RFC3161"})


@dataclass(frozen=True)
class Options:
    trust_roots: tuple[bytes, ...] = ()
    roster: tuple[RosterEntry, ...] | None = None
    trust_embedded: bool = False
    at: datetime | None = None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__


def diff_policy():
    """pyHanko's default policy minus the rule that lets non-signature fields change.

    Without GenericFieldModificationRule any change to a text, check or choice field after a
    signature is unexplained, so pyHanko itself reports it as suspicious.
    """
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, StandardDiffPolicy  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.diff_analysis.form_rules_api import FormUpdatingRule  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.diff_analysis.rules.form_field_rules import (  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
        SigFieldCreationRule,
        SigFieldModificationRule,
    )

    return StandardDiffPolicy(
        global_rules=DEFAULT_DIFF_POLICY.global_rules,
        form_rule=FormUpdatingRule(field_rules=[SigFieldCreationRule(), SigFieldModificationRule()]),
    )


def analyse(data: bytes, options: Options) -> VerificationReport:
    """Verify every signature in ``data``; never raises for bad input."""
    extra = {"file_sha256": hashlib.sha256(data).hexdigest(), "file_size": len(data)}
    if b"%PDF-" not in data[:1024]:
        return failed("not_pdf", **extra)
    try:
        return asyncio.run(_analyse(data, options, extra))
    except MemoryError:
        raise  # the worker reports it and restarts
    except Exception as exc:  # fail closed: whatever broke, the answer is "cannot verify"
        log.debug("verification failed", exc_info=True)
        return failed("unreadable", _describe(exc), **extra)


@dataclass
class _Sig:
    name: str
    field_ref: Any
    key: tuple[int, int] | None
    emb: Any = None
    reasons: list[Reason] = field(default_factory=list)


async def _analyse(data: bytes, options: Options, extra: dict[str, Any]) -> VerificationReport:
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.fields import enumerate_sig_fields  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    warnings: list[Reason] = []
    tail = trailing_bytes(data)
    if tail:
        warnings.append(reason("trailing_bytes", tail))
    try:
        reader = PdfFileReader(BytesIO(data), strict=True)
        if reader.encrypted:
            return failed("unreadable", "encrypted PDF", warnings=tuple(warnings), **extra)
        fields = list(enumerate_sig_fields(reader, filled_status=None))
    except Exception as exc:
        return failed("unreadable", _describe(exc), warnings=tuple(warnings), **extra)

    sigs: list[_Sig] = []
    empty: list[str] = []
    sig_field_names: set[str] = set()
    for name, value, field_ref in fields:
        sig_field_names.add(name)
        if value is None:
            empty.append(name)
            continue
        raw = field_ref.get_object().raw_get("/V") if field_ref is not None else None
        ref = getattr(raw, "reference", None)
        key = (ref.idnum, ref.generation) if ref is not None else None
        sigs.append(_Sig(name, field_ref, key))
    if empty:
        warnings.append(reason("empty_signature_fields", ", ".join(empty)))
    if not sigs:
        return VerificationReport(verdict="unsigned", warnings=tuple(warnings), **extra)

    # One signature object counts once: the same /V behind two fields voids all of them.
    by_key: dict[Any, list[_Sig]] = defaultdict(list)
    for s in sigs:
        by_key[s.key].append(s)
    for key, group in by_key.items():
        if key is not None and len(group) > 1:
            for s in group:
                s.reasons.append(reason("signature_reused", ", ".join(g.name for g in group)))

    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    for s in sigs:
        if s.key is None:
            s.reasons.append(reason("signature_unreadable", "the signature value is not an indirect object"))
            continue
        try:
            s.emb = EmbeddedPdfSignature(reader, s.field_ref, s.name)
        except Exception as exc:
            s.reasons.append(reason("signature_unreadable", _describe(exc)))

    readable = sorted((s for s in sigs if s.emb is not None), key=lambda s: s.emb.signed_revision)
    first_sig = next((s for s in readable if s.emb.sig_object_type == "/Sig"), None)
    policy = diff_policy()
    reports: list[SignatureReport] = []
    for s in sigs:
        if s.emb is None:
            reports.append(_bare_report(s))
            continue
        later_fields = {o.name for o in readable if o.emb.signed_revision > s.emb.signed_revision}
        reports.append(await _check_one(data, s, options, policy, later_fields, s is first_sig))
    reports.sort(key=lambda r: (r.revision if r.revision is not None else 1 << 30, r.field))
    verdict = document_verdict(tuple(reports), last_unchanged=True)
    return VerificationReport(verdict=verdict, signatures=tuple(reports), warnings=tuple(warnings), **extra)


def _bare_report(s: _Sig) -> SignatureReport:
    return SignatureReport(
        field=s.name, signer="", verdict=verdict_from(s.reasons), reasons=tuple(s.reasons),
        coverage="unknown", modification="unknown", trusted=False, signed_at=None,
    )


async def _check_one(data: bytes, s: _Sig, options: Options, policy, later_fields: set[str], first: bool):
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.validation.pdf_embedded import (  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
        async_validate_pdf_signature,
        async_validate_pdf_timestamp,
    )
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    emb = s.emb
    reasons = s.reasons
    kind = "timestamp" if emb.sig_object_type == "/DocTimeStamp" else "signature"
    signer, fp, signed_at, certification = "", None, None, None
    coverage, modification, trusted, timestamped = "unknown", "unknown", False, False
    byte_range: tuple[int, ...] | None = None

    def report() -> SignatureReport:
        return SignatureReport(
            field=s.name, signer=signer, verdict=verdict_from(reasons), reasons=tuple(reasons),
            coverage=coverage, modification=modification, trusted=trusted, signed_at=signed_at,
            kind=kind, revision=emb.signed_revision, byte_range=byte_range,
            digest_algorithm=emb.md_algorithm, signer_cert_sha256=fp, certification=certification,
            timestamped=timestamped,
        )

    try:
        byte_range = tuple(int(x) for x in emb.byte_range)
    except (TypeError, ValueError):
        byte_range = None
    try:
        cert = emb.signer_cert
        signer, fp = cert_info(cert)
    except Exception as exc:
        reasons.append(reason("signature_unreadable", _describe(exc)))
        return report()

    subfilter = str(emb.sig_object.get("/SubFilter", ""))
    if kind == "signature" and subfilter == "/adbe.pkcs7.sha1":
        reasons.append(reason("weak_digest", "adbe.pkcs7.sha1"))
    elif subfilter not in (SIG_SUBFILTERS if kind == "signature" else TS_SUBFILTERS):
        reasons.append(reason("unsupported_format", f"{emb.sig_object_type} {subfilter or '-'}"))
    sig_algo = emb.signer_info["signature_algorithm"]
    try:
        sig_hash = sig_algo.hash_algo
    except (ValueError, KeyError):  # e.g. plain rsassa_pkcs1v15: the digest algorithm decides
        sig_hash = emb.md_algorithm
    weak = {a for a in (emb.md_algorithm, emb.external_md_algorithm, sig_hash) if a not in STRONG_DIGESTS}
    if weak:
        reasons.append(reason("weak_digest", ", ".join(sorted(weak))))
    stamp_problem = _timestamp_token_problem(emb.signer_info)
    if stamp_problem:
        reasons.append(reason("timestamp_invalid", stamp_problem))
    problem = byte_range_problem(data, list(emb.byte_range), emb.pkcs7_content)
    if problem:
        reasons.append(reason("byte_range_malformed", problem))
    if any(r.severity == "invalid" or r.code == "unsupported_format" for r in reasons):
        return report()  # pyHanko would reject or, worse, accept it: stop here

    claimed = emb.self_reported_timestamp
    moment = options.at or claimed or datetime.now(UTC)
    if kind == "signature":
        docmdp = emb.docmdp_level
        if docmdp is not None and _is_certification(emb):
            certification = int(docmdp.value)
            if not first:
                reasons.append(reason("certification_not_first"))
    try:
        vc = validation_context(options, emb, moment)
        if kind == "signature":
            from pyhanko.sign.validation.settings import KeyUsageConstraints  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

            ku = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
            status = await async_validate_pdf_signature(
                emb, signer_validation_context=vc, diff_policy=policy, key_usage_settings=ku
            )
        else:
            status = await async_validate_pdf_timestamp(emb, validation_context=vc, diff_policy=policy)
    except Exception as exc:
        log.debug("pyHanko validation raised", exc_info=True)
        reasons.append(reason("signature_unreadable", _describe(exc)))
        return report()

    cov = status.coverage
    coverage = {
        SignatureCoverageLevel.ENTIRE_FILE: "entire_file",
        SignatureCoverageLevel.ENTIRE_REVISION: "entire_revision",
    }.get(cov, "partial")
    diff = status.diff_result
    level = status.modification_level
    modification = level.name.lower() if level is not None else "unknown"
    if not status.intact:
        reasons.append(reason("digest_mismatch"))
    elif not status.valid:
        reasons.append(reason("signature_bad"))
    if cov is None or cov < SignatureCoverageLevel.ENTIRE_REVISION:
        reasons.append(reason("coverage_partial"))
    elif diff is None:  # never skipped: a missing analysis is itself a failure
        reasons.append(reason("modified_after_signing", "no difference analysis"))
    elif not isinstance(diff, DiffResult):
        reasons.append(reason("modified_after_signing", str(diff).splitlines()[0][:200]))
    elif diff.modification_level >= ModificationLevel.ANNOTATIONS:
        reasons.append(reason("modified_after_signing", diff.modification_level.name))
    else:
        stray = sorted(diff.changed_form_fields - later_fields)
        if stray:
            reasons.append(reason("form_changed_after_signing", ", ".join(stray)))
        elif status.docmdp_ok is False:
            reasons.append(reason("docmdp_violated"))
        elif cov == SignatureCoverageLevel.ENTIRE_FILE:
            reasons.append(reason("whole_file"))
        else:
            reasons.append(reason("later_signatures_only"))

    if kind == "timestamp":
        signed_at = status.timestamp.isoformat() if status.timestamp else None
    else:
        ts = status.timestamp_validity
        if ts is not None:
            timestamped = True
            if not (ts.intact and ts.valid):
                reasons.append(reason("timestamp_invalid", "digest or signature wrong"))
            elif ts.trusted:
                signed_at = ts.timestamp.isoformat()
        if signed_at is None and claimed is not None:
            signed_at = claimed.isoformat()
            reasons.append(reason("signing_time_claimed"))
        if getattr(status, "seed_value_constraint_error", None) is not None:
            reasons.append(reason("seed_value_violated", status.seed_value_constraint_error.failure_message))
    trust_reasons(reasons, status, cert, signed_at, options, kind)
    trusted = bool(status.trusted) and not any(r.code in {"cert_revoked", "key_usage"} for r in reasons)
    return report()


def _timestamp_token_problem(signer_info) -> str | None:
    """pyHanko checks one signature timestamp; a copied extra one must not ride along unchecked.

    Every signature-timestamp token must imprint this very signature value.
    """
    tokens = [
        v for a in (signer_info["unsigned_attrs"] or []) if a["type"].native == "signature_time_stamp_token" for v in a["values"]
    ]
    if len(tokens) > 1:
        return f"{len(tokens)} signature timestamps"
    signature = signer_info["signature"].native
    for tst in tokens:
        imprint = tst["content"]["encap_content_info"]["content"].parsed["message_imprint"]
        algo = imprint["hash_algorithm"]["algorithm"].native
        if algo not in STRONG_DIGESTS:
            return f"timestamp digest {algo}"
        if hashlib.new(algo.replace("_", "-") if algo.startswith("sha3") else algo, signature).digest() != imprint["hashed_message"].native:
            return "the timestamp belongs to another signature"
    return None


def _is_certification(emb) -> bool:
    try:
        return any(r.get_object()["/TransformMethod"] == "/DocMDP" for r in emb.sig_object["/Reference"])
    except (KeyError, TypeError):
        return False
