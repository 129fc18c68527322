"""Every broken or fuzzer-found PDF of qpdf's corpus is accepted or refused cleanly.

The corpus (145 files) is found through ``NGHISU_MALFORMED_CORPUS`` (``tests.corpora``): absent,
the test skips and says so, or fails in CI. Accepted means at least one page with text extracted;
refused means a DocumentRejected with a message; no crash and no file past its time limit.
"""

from __future__ import annotations

import collections
import logging
import time
from pathlib import Path

import pytest

from documents import errors
from documents.intake.service import IntakeLimits, inspect_many
from tests import corpora

# Generous: a loaded CI machine must not turn a slow-but-finite parse into a "hang".
TIME_LIMIT_S = 30.0

log = logging.getLogger(__name__)


def corpus_files() -> list[Path]:
    return sorted(corpora.require(corpora.MALFORMED).rglob("*.pdf"))


@pytest.mark.slow
def test_every_malformed_pdf_is_accepted_or_refused_cleanly():
    files = corpus_files()
    assert len(files) >= 140

    started = time.monotonic()
    outcomes = inspect_many(files, workers=2, limits=IntakeLimits(timeout_s=TIME_LIMIT_S))
    elapsed = time.monotonic() - started

    assert [o.path for o in outcomes] == files
    tally: collections.Counter[str] = collections.Counter()
    for outcome in outcomes:
        assert (outcome.pdf is None) != (outcome.error is None), outcome.path
        if outcome.ok:
            assert outcome.pdf.page_count >= 1, outcome.path
            assert len(outcome.pdf.pages_text) == outcome.pdf.page_count
            tally["accepted"] += 1
        else:
            assert isinstance(outcome.error, errors.DocumentRejected), outcome.path
            assert outcome.error.vi and outcome.error.en
            # None of these files is slow: a timeout here means a hang in a parser.
            assert not isinstance(outcome.error, errors.ParseTimeout), outcome.path
            tally[type(outcome.error).__name__] += 1
    log.info("malformed corpus: %d files in %.1f s: %s", len(files), elapsed, dict(tally))
    print(f"\nmalformed corpus: {len(files)} files in {elapsed:.1f} s: {dict(tally)}")
    assert tally["accepted"] > 0 and tally["DamagedPdf"] > 0
    assert elapsed < 60
