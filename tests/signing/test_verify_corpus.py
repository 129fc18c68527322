"""Every file of the PDF-signature attack corpus, handled as its manifest says.

Integrity is tested with the signers' own certificates trusted (the test-only option), so a
tampered file must fail for a reason about the document or the signature, never about trust.
Runs the 73 files through two warm workers in parallel.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from signing.keys.trust_roots import TrustRoots
from signing.verify.report import TRUST_CODES, VerifyLimits
from signing.verify.service import verify_pdf
from tests import corpora

log = logging.getLogger(__name__)

#: The manifest calls these "unsigned", but each holds a completed certification signature
#: (pdfsig lists it: "Signature4 ... Signature is Valid"; the P2-certified original of the
#: IEEE S&P 2021 attack). Saying "unsigned" about a signed file would be the wrong answer.
MANIFEST_SIGNED_ANYWAY = {
    "rub-pdf-tester/PDFSigner_src_main_resources_2020_examples_1_01_Test_cert_p2_original.pdf",
    "rub-pdf-tester/PDFSigner_src_main_resources_2020_examples_2_01_NDA_cert_p2_original.pdf",
}

#: Reasons that say what is wrong with the document or the signature itself.
INTEGRITY_CODES = {
    "not_pdf", "unreadable", "timeout", "worker_failed", "signature_unreadable", "unsupported_format",
    "weak_digest", "byte_range_malformed", "coverage_partial", "digest_mismatch", "signature_bad",
    "signature_reused", "modified_after_signing", "form_changed_after_signing", "docmdp_violated",
    "certification_not_first", "seed_value_violated", "timestamp_invalid",
}


@pytest.fixture(scope="module")
def results():
    CORPUS = corpora.require(corpora.ATTACKS)
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) == 73  # 73 files (the manifest has 74 lines with its header)

    def run(row):
        data = (CORPUS / row["file"]).read_bytes()
        report = verify_pdf(
            data, trust=TrustRoots(), trust_embedded_certificates=True, limits=VerifyLimits(timeout_s=60)
        )
        return row["file"], row["expect"], report

    with ThreadPoolExecutor(max_workers=2) as pool:
        out = list(pool.map(run, rows))
    tally = Counter((expect, r.verdict) for _, expect, r in out)
    print("\ncorpus tally (manifest expectation, verdict):")
    for (expect, verdict), n in sorted(tally.items()):
        print(f"  {expect:14} {verdict:14} {n}")
    return out


def _bad_codes(report):
    codes = {r.code for r in report.reasons}
    for s in report.signatures:
        if s.verdict != "valid":
            codes |= {r.code for r in s.reasons if r.severity in ("invalid", "cannot_verify")}
    return codes


def test_no_file_crashes_or_hangs_the_verifier(results):
    for name, _, report in results:
        assert report.verdict in {"valid", "invalid", "cannot_verify", "unsigned"}, name
        assert not {r.code for r in report.reasons} & {"timeout", "worker_failed", "internal_error"}, name


def test_tampered_files_are_never_valid_and_the_reason_is_not_trust(results):
    for name, expect, report in results:
        if expect != "tampered":
            continue
        assert report.verdict in {"invalid", "cannot_verify"}, name
        codes = _bad_codes(report)
        assert codes & INTEGRITY_CODES, (name, codes)
        if report.verdict == "cannot_verify":  # a trust reason alone must never be the explanation
            assert not codes & TRUST_CODES, (name, codes)


def test_intact_signed_files_are_valid_when_their_signers_are_trusted(results):
    for name, expect, report in results:
        if expect == "signed-intact":
            assert report.verdict == "valid", (name, [s.to_dict() for s in report.signatures])


def test_unsigned_files_are_unsigned(results):
    for name, expect, report in results:
        if expect == "unsigned" and name not in MANIFEST_SIGNED_ANYWAY:
            assert report.verdict == "unsigned", name
        elif name in MANIFEST_SIGNED_ANYWAY:
            assert report.signatures and report.verdict != "unsigned", name


def test_other_files_get_a_definite_answer(results):
    others = [(n, r) for n, e, r in results if e == "other"]
    assert len(others) == 14
    for name, report in others:
        assert report.verdict in {"valid", "invalid", "cannot_verify", "unsigned"}, name
        if report.verdict != "valid" and report.verdict != "unsigned":
            assert _bad_codes(report), name
