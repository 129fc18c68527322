"""The verifier against attacks built here on real signatures (pyHanko, PAdES, SHA-256).

Each test signs a reportlab PDF, attacks the bytes the way the published attacks do, and
checks the verdict and the reason code. Verification runs through verify_pdf, worker included.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from signing.keys.trust_roots import TrustRoots
from signing.verify.report import TRUST_CODES, RosterEntry, VerifyLimits
from signing.verify.revisions import extract_signed_revision
from signing.verify.service import verify_pdf
from store.errors import InvalidInput
from tests.signing import attack_pdfs as A


@pytest.fixture(scope="module")
def pki():
    ca = A.make_ca()
    return {
        "ca": ca,
        "alice": A.make_person(ca, "Nguyễn Văn An"),
        "bob": A.make_person(ca, "Trần Thị Bình"),
        "carol": A.make_person(ca, "Lê Văn Cường"),
        "trust": TrustRoots.from_pem_or_der(ca.cert_pem),
    }


@pytest.fixture(scope="module")
def blank():
    return A.add_signature_fields(A.make_pdf(2, text_field=True), ["Signature1", "Signature2"])


@pytest.fixture(scope="module")
def signed(pki, blank):
    return A.sign(blank, pki["alice"], "Signature1")


@pytest.fixture(scope="module")
def roster(pki):
    return (
        RosterEntry.from_certificate("Nguyễn Văn An", pki["alice"].cert_pem),
        RosterEntry.from_certificate("Trần Thị Bình", pki["bob"].cert_pem),
    )


def verify(data, pki, **kw):
    return verify_pdf(data, trust=pki["trust"], **kw)


def sig(report, field):
    return next(s for s in report.signatures if s.field == field)


def test_a_signed_file_is_valid_with_its_reasons_in_both_languages(pki, signed):
    report = verify(signed, pki)
    assert report.verdict == "valid"
    s = sig(report, "Signature1")
    assert (s.verdict, s.coverage, s.modification, s.trusted) == ("valid", "entire_file", "none", True)
    assert s.signer == "Nguyễn Văn An" and s.signed_at
    assert all(r.vi and r.en and r.vi != r.en for r in s.reasons)
    assert "empty_signature_fields" in {w.code for w in report.warnings}


def test_a_second_legitimate_signer_keeps_both_valid(pki, signed, roster):
    both = A.sign(signed, pki["bob"], "Signature2")
    report = verify(both, pki, roster=roster)
    assert report.verdict == "valid"
    assert [s.verdict for s in report.signatures] == ["valid", "valid"]
    assert sig(report, "Signature1").coverage == "entire_revision"
    assert "later_signatures_only" in sig(report, "Signature1").codes
    assert "roster_match" in sig(report, "Signature2").codes


@pytest.mark.parametrize(
    "attack",
    [A.add_content_after_signing, A.add_annotation_after_signing, A.add_page_after_signing],
    ids=["content", "annotation", "page"],
)
def test_changes_after_signing_make_it_invalid(pki, signed, attack):
    report = verify(attack(signed), pki)
    assert report.verdict == "invalid"
    assert "modified_after_signing" in sig(report, "Signature1").codes


def test_a_text_field_refilled_after_signing_is_invalid(pki, signed):
    report = verify(A.refill_text_field(signed), pki)
    assert report.verdict == "invalid"
    assert sig(report, "Signature1").codes & {"modified_after_signing", "form_changed_after_signing"}


def test_pyhanko_alone_would_accept_the_refilled_field(signed):
    """Why the policy exists: pyHanko's default diff policy calls this mere form filling."""
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel

    reader = PdfFileReader(BytesIO(A.refill_text_field(signed)))
    emb = reader.embedded_signatures[0]
    result = DEFAULT_DIFF_POLICY.review_file(reader, emb.signed_revision)
    assert result.modification_level == ModificationLevel.FORM_FILLING
    assert "so_van_ban" in result.changed_form_fields


def test_zeroed_contents_are_not_valid(pki, signed):
    report = verify(A.zero_contents(signed), pki)
    assert report.verdict in ("invalid", "cannot_verify")
    assert sig(report, "Signature1").codes & {"signature_unreadable", "byte_range_malformed", "digest_mismatch"}


@pytest.mark.parametrize(
    "change",
    [
        lambda br: [0, br[1], br[2], br[3] - 10],  # shortened
        lambda br: [0, br[1] + 10, br[2], br[3]],  # overlapping the signature
        lambda br: [5, br[1] - 5, br[2], br[3]],  # not starting at 0
        lambda br: [0, br[1], br[2] - 4, br[3] + 4],  # gap smaller than /Contents
    ],
    ids=["shortened", "overlapping", "not-at-0", "gap-mismatch"],
)
def test_a_forged_byte_range_is_invalid(pki, signed, change):
    _, br = A.byte_range(signed)
    report = verify(A.with_byte_range(signed, change(br)), pki)
    assert report.verdict == "invalid"
    assert "byte_range_malformed" in sig(report, "Signature1").codes


def test_signature_wrapping_is_invalid(pki, signed):
    report = verify(A.wrap_signature(signed), pki)
    assert report.verdict == "invalid"
    assert "byte_range_malformed" in sig(report, "Signature1").codes


def test_one_signature_behind_two_fields_is_counted_once(pki, signed):
    report = verify(A.signature_behind_two_fields(signed), pki)
    assert report.verdict == "invalid"
    assert {s.field for s in report.signatures if "signature_reused" in s.codes} == {"Signature1", "Signature1_copy"}


def test_sha1_is_refused(pki, blank):
    report = verify(A.sign(blank, pki["alice"], md="sha1"), pki)
    assert report.verdict == "invalid"
    assert "weak_digest" in sig(report, "Signature1").codes


def test_a_certificate_expired_at_signing_time_is_invalid(pki, blank):
    expired = A.make_person(
        pki["ca"], "Hết Hạn", not_before=A.NOW - timedelta(days=800), not_after=A.NOW - timedelta(days=1)
    )
    report = verify(A.sign(blank, expired), pki)
    assert report.verdict == "invalid"
    assert "cert_expired_at_signing" in sig(report, "Signature1").codes


def test_a_second_signer_outside_the_roster_is_invalid(pki, signed, roster):
    report = verify(A.sign(signed, pki["carol"], "Signature2"), pki, roster=roster)
    assert report.verdict == "invalid"
    assert sig(report, "Signature1").verdict == "valid"
    assert "not_in_roster" in sig(report, "Signature2").codes


def test_a_self_signed_impostor_with_the_same_name_is_invalid(pki, signed, roster):
    impostor = A.make_person(None, "Trần Thị Bình")  # same name as Bob, her own certificate
    forged = A.sign(signed, impostor, "Signature2")
    # Even trusting every embedded certificate, the roster matches by certificate, not by name.
    report = verify(forged, pki, roster=roster, trust_embedded_certificates=True)
    assert report.verdict == "invalid"
    assert "not_in_roster" in sig(report, "Signature2").codes
    # Without a roster, it simply does not chain to the office's trust roots.
    report = verify(forged, pki)
    assert report.verdict == "cannot_verify"
    assert sig(report, "Signature2").verdict == "cannot_verify"
    assert "untrusted" in sig(report, "Signature2").codes


def test_an_untrusted_signer_cannot_be_verified(signed):
    report = verify_pdf(signed, trust=TrustRoots())
    assert report.verdict == "cannot_verify"
    assert sig(report, "Signature1").codes & TRUST_CODES == {"untrusted"}
    assert sig(report, "Signature1").trusted is False


def test_bytes_after_eof_are_a_warning_only(pki, signed):
    report = verify(signed + b"\n% appended by someone\n", pki)
    assert report.verdict == "valid"
    assert "trailing_bytes" in {w.code for w in report.warnings}


def test_an_unsigned_file_is_unsigned(pki):
    assert verify(A.make_pdf(1), pki).verdict == "unsigned"


@pytest.mark.parametrize("data", [b"", b"hello world", b"\x00" * 4096, b"%PDF-1.7\n garbage \x00\xff"])
def test_garbage_cannot_be_verified(pki, data):
    report = verify(data, pki)
    assert report.verdict == "cannot_verify"
    assert report.reasons and report.reasons[0].code in {"not_pdf", "unreadable"}


def test_a_timeout_kills_the_worker_and_says_so(pki, signed):
    report = verify(signed, pki, limits=VerifyLimits(timeout_s=0.0005))
    assert report.verdict == "cannot_verify"
    assert [r.code for r in report.reasons] == ["timeout"]
    assert verify(signed, pki).verdict == "valid"  # a fresh worker takes over


def test_a_memory_limit_too_small_fails_closed(pki, signed):
    # 30 MiB: not even the verifier's own imports fit (since pyHanko's signing half is no
    # longer imported, 60 MiB is enough to verify a small file).
    report = verify(signed, pki, limits=VerifyLimits(memory_mb=30))
    assert report.verdict == "cannot_verify"
    assert report.reasons[0].code in {"worker_failed", "unreadable", "internal_error"}


def test_the_json_report_round_trips(pki, signed):
    from signing.verify.report import VerificationReport

    report = verify(A.sign(signed, pki["bob"], "Signature2"), pki)
    assert VerificationReport.from_json(report.to_json()) == report


def test_what_was_signed_is_the_first_revision(pki, signed):
    both = A.sign(signed, pki["bob"], "Signature2")
    first = extract_signed_revision(both, "Signature1")
    assert first == signed  # the file exactly as Alice signed it
    assert verify(first, pki).verdict == "valid"
    assert extract_signed_revision(both, "Signature2") == both
    with pytest.raises(InvalidInput):
        extract_signed_revision(both, "NoSuchField")
