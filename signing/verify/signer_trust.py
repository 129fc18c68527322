"""The signer, as the verification policy judges them: who the certificate names, which roots
it may chain to, whether it was valid and allowed to sign at signing time, and whether it is
on the document's roster (matched by certificate, never by name).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from signing.verify.report import Reason, RosterEntry, reason

if TYPE_CHECKING:
    from signing.verify.policy import Options


def cert_info(cert) -> tuple[str, str]:
    """(display name, SHA-256 hex) of an asn1crypto certificate."""
    try:
        cn = cert.subject.native.get("common_name")
        name = cn if isinstance(cn, str) else cert.subject.human_friendly
    except Exception:
        name = "?"
    return name, hashlib.sha256(cert.dump()).hexdigest()


def _embedded_certs(signed_data) -> list:
    """Every certificate carried in the CMS, including those inside its timestamp tokens."""
    out = []
    for c in signed_data["certificates"] or []:
        if c.name == "certificate":
            out.append(c.chosen)
    for si in signed_data["signer_infos"]:
        for attr in si["unsigned_attrs"] or []:
            if attr["type"].native == "signature_time_stamp_token":
                for tst in attr["values"]:
                    out.extend(_embedded_certs(tst["content"]))
    return out


def validation_context(options: Options, emb, moment: datetime):
    from asn1crypto import x509 as ax509  # noqa: PLC0415 -- heavy library deferred for start-up: asn1crypto
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko_certvalidator

    roots = [ax509.Certificate.load(d) for d in options.trust_roots]
    if options.trust_embedded:
        roots.extend(_embedded_certs(emb.signed_data))
    return ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment, best_signature_time=moment)


def _key_usage_forbids_signing(cert) -> bool:
    ku = cert.key_usage_value
    if ku is None:
        return False
    allowed = set(ku.native)
    return not ({"digital_signature", "non_repudiation"} & allowed)


def _roster_match(cert, roster: Sequence[RosterEntry]) -> RosterEntry | None:
    from cryptography import x509 as cx509  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    fp = hashlib.sha256(cert.dump()).hexdigest()
    issuer = cx509.load_der_x509_certificate(cert.dump()).issuer.rfc4514_string()
    for entry in roster:
        if entry.cert_sha256 and entry.cert_sha256.lower().replace(":", "") == fp:
            return entry
        if entry.issuer is not None and entry.serial is not None and (
            entry.issuer == issuer and int(entry.serial) == cert.serial_number
        ):
            return entry
    return None


def trust_reasons(reasons: list[Reason], status, cert, signed_at: str | None, options: Options, kind: str) -> None:
    """The signer: valid at signing time, not revoked, allowed to sign, trusted, on the roster."""
    when = datetime.fromisoformat(signed_at) if signed_at else (options.at or datetime.now(UTC))
    validity = cert["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    if when > not_after:
        reasons.append(reason("cert_expired_at_signing", f"{not_after:%Y-%m-%d} < {when:%Y-%m-%d}"))
    elif when < not_before:
        reasons.append(reason("cert_not_yet_valid_at_signing", f"{not_before:%Y-%m-%d} > {when:%Y-%m-%d}"))
    if status.revoked:
        reasons.append(reason("cert_revoked"))
    if kind == "signature" and _key_usage_forbids_signing(cert):
        reasons.append(reason("key_usage"))
    if not status.trusted and not any(r.severity == "invalid" for r in reasons):
        indic = status.trust_problem_indic
        reasons.append(reason("untrusted", indic.name if indic is not None else "no path"))
    elif options.trust_embedded:
        reasons.append(reason("trusted_embedded"))
    if options.roster is not None and kind == "signature":
        entry = _roster_match(cert, options.roster)
        if entry is None:
            name, _ = cert_info(cert)
            reasons.append(reason("not_in_roster", name))
        else:
            reasons.append(reason("roster_match", entry.name))
