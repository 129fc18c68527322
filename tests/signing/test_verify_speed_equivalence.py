"""signing.pyhanko_patches.speedups changes how fast pyHanko reads a PDF, never what it concludes.

Each replaced function is run against pyHanko's own on the same bytes (corpus files at random
positions, plus hand-made edge cases): same result or same exception, same stream position
afterwards. Then whole verifications and pyHanko's raw difference analysis are run with and
without the replacements, on our own attack files and on corpus files, and compared.
"""

from __future__ import annotations

import random
from io import BytesIO
from pathlib import Path

import pytest

from signing.pyhanko_patches import speedups as S
from signing.verify.policy import Options, analyse, diff_policy
from tests import corpora
from tests.signing import attack_pdfs as A

CORPUS_FILES = A.CORPUS_FILES
#: A few corpus files with several revisions (so difference analysis runs), checked always;
#: the whole corpus is checked in the slow test.
QUICK = [p for p in CORPUS_FILES if p.stat().st_size < 400_000 and p.read_bytes().count(b"startxref") >= 3][
    :5
]


@pytest.fixture()
def speedups():
    """Yields a switch: speedups(True) installs them, speedups(False) restores pyHanko's own."""

    def switch(on: bool) -> None:
        if on:
            assert S.install(force=True), "pyHanko version differs from the one the speed-ups were written for"
        else:
            S.uninstall()

    yield switch
    S.uninstall()


def _outcome(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc))


def _samples(seed: int, n: int) -> list[tuple[bytes, int]]:
    rng = random.Random(seed)
    blobs = [p.read_bytes() for p in CORPUS_FILES[:20]] or [A.make_pdf(2)]
    edge = [
        b"",
        b"   ",
        b"  % comment\n  /Name",
        b"%only comment",
        b"/A#20B ",
        b"/\xc3\xa9t\xc3\xa9 ",
        b"/A#2",
        b"/A#zz ",
        b"/Type/Page",
        b"<<\n/K 1 0 R>>",
        b"\x00\x00\r\n\t\x0cx",
        b"abc",
    ]
    out = [(e, i) for e in edge for i in range(len(e) + 2)]
    for _ in range(n):  # 200-byte windows of real files, read from a random position
        blob = rng.choice(blobs)
        start = rng.randrange(len(blob))
        window = blob[start : start + 200]
        out.append((window, rng.randrange(len(window) + 2)))
    return out


CLASSES = (b" \n\r\t\f\x00", b" \n\r\t\f\x00()<>[]{}/%", b"]", b"\n\r")


def test_each_replaced_function_matches_pyhanko_byte_for_byte(speedups):
    from pyhanko.pdf_utils import generic, misc

    def run_all():
        results = []
        for blob, pos in _samples(seed=4, n=1500):
            for cls in CLASSES:
                s = BytesIO(blob)
                s.seek(pos)
                results.append((_outcome(misc._read_until_class, cls, s), s.tell()))
            for back in (False, True):
                for eof in (False, True):
                    s = BytesIO(blob)
                    s.seek(pos)
                    results.append((_outcome(misc.read_non_whitespace, s, back, eof), s.tell()))
                    s.seek(pos)
                    results.append((_outcome(generic.read_non_whitespace, s, back, eof), s.tell()))
            s = BytesIO(blob)
            s.seek(pos)
            results.append((_outcome(misc.read_until_delimiter, s), s.tell()))
            name = blob[pos : pos + 12]
            got = _outcome(generic._decode_name, name)
            results.append((got[0], type(got[1]).__name__ if got[0] == "ok" else None, got[1:]))
        return results

    speedups(False)
    expected = run_all()
    speedups(True)
    assert run_all() == expected


def _object_outcome(fn, blob: bytes, pos: int, **kw):
    from pyhanko.pdf_utils.generic import IndirectObject, Reference

    cref = Reference(7, 0, None)
    s = BytesIO(blob + b"\n")  # pyHanko loops forever on a comment that the file ends in
    s.seek(pos)
    got = _outcome(lambda: fn(s, cref, **kw))
    if got[0] == "ok":
        obj = got[1]
        if isinstance(obj, IndirectObject):
            shown = (obj.idnum, obj.generation)
        elif type(obj).__repr__ is object.__repr__:  # e.g. an operator: compare its fields
            shown = sorted((k, repr(v)) for k, v in vars(obj).items() if k != "container_ref")
        else:
            shown = repr(obj)
        got = ("ok", type(obj).__name__, shown, obj.container_ref is cref)
    return got, s.tell()


def test_reading_objects_and_xref_tables_matches_pyhanko(speedups):
    from pyhanko.pdf_utils import generic, xref
    from pyhanko.pdf_utils.generic import ContentOpReading

    edge = [
        b"12 0 R ",
        b"12 0 R",
        b"12 0 Rx",
        b"0 0 R ",
        b"12  0 R ",
        b"12 0 R]",
        b"123456789012345 0 R ",
        b"1 0 R% c",
        b"12\n0 R ",
        b"[1 0 R 2 0 R]",
        b"[1 0 R\x002 0 R ]",
        b"[0 0 R]",
        b"[1 0 R%c\n2 0 R]",
        b"[1 0 Rx]",
        b"[ ]",
        b"[123456789 0 R]",
        b"<48656c6c6f>",
        b"<48 65\n6c\x00>",
        b"<486>",
        b"<4g>",
        b"<48%c\n65>",
        b"<>",
        b"<48",
        b"<FEFF0041>",
        b"[12345678 12345 R]",
        b"[1 0 R",
        b"[1 0 R 2]",
        b"<< /Kids [3 0 R] /Parent 4 0 R >>",
        b"99999999999999999 0 R ",
    ]
    tables = [
        b"xref\n0 2\n0000000000 65535 f \n0000000015 00000 n \ntrailer\n<<>>",
        b"0 3\r\n0000000000 65535 f\r\n0000000015 00000 n\r\n0000000099 00001 n\r\ntrailer",
        b"0 2\n0000000000 65535 f \r\n0000000015 00000 n \r\ntrailer",  # 21-byte lines
        b"0 2\n0000000000 65535 f\n0000000015 00000 n\ntrailer",  # 19-byte lines
        b"0 1\n0000000015 00000 x \ntrailer",
        b"0 2\n0000000015 00000 n \n",
        b"5 1\n000000001a 00000 n \ntrailer",
        b"0 1\n0000000015 00000 n \n3 1\n0000000020 00000 n \ntrailer\n",
    ]

    def run_all():
        results = []
        for blob, pos in [(e, i) for e in edge for i in range(len(e))] + _samples(seed=9, n=1500):
            results.append(_object_outcome(generic.read_object, blob, pos))
            results.append(
                _object_outcome(
                    generic.read_object, blob, pos, in_content_stream=ContentOpReading.GRAPHIC_OPS
                )
            )
        for blob in tables + [p.read_bytes() for p in CORPUS_FILES[:40]]:
            starts = [blob.find(b"\n", i) + 1 for i in range(len(blob)) if blob.startswith(b"xref", i)] or [0]
            for start in starts:
                s = BytesIO(blob)
                s.seek(start)
                got = _outcome(lambda st: list(xref.parse_xref_table(st, strict=True)), s)
                results.append((got, s.tell()))
        return results

    speedups(False)
    expected = run_all()
    speedups(True)
    assert run_all() == expected


def _filled_section(blob: bytes, start: int, strict: bool):
    """A cross-reference section filled from the table at ``start``, as comparable values."""
    from pyhanko.pdf_utils import xref

    s = BytesIO(blob)
    s.seek(start)
    section = xref.XRefSectionData()
    got = _outcome(lambda: section.process_entries(xref.parse_xref_table(s, strict=strict), strict=strict))
    # After an error the reader is abandoned: where the stream stands then is nobody's business.
    where = s.tell() if got[0] == "ok" else None
    return (got, where, section.standard_xrefs, section.explicit_refs_in_revision, section.freed,
            section.xrefs_in_objstm, section.obj_streams_used)


def test_cross_reference_sections_are_filled_as_pyhanko_fills_them(speedups, monkeypatch):
    from signing.pyhanko_patches import xref_table

    entry = b"%010d %05d %s \n"
    run = b"".join(entry % (100 + i, 0, b"n") for i in range(40))
    tables = [
        b"0 41\n" + entry % (0, 65535, b"f") + run + b"trailer",
        b"0 41\n" + entry % (15, 0, b"n") + run + b"trailer",  # object 0 in use: pyHanko skips it
        b"3 40\n" + run + b"3 2\n" + entry % (7, 0, b"n") + entry % (8, 2, b"n") + b"trailer",  # again
        b"5 40\n" + run[:400] + entry % (0, 3, b"f") + run[420:] + b"trailer",  # a free one inside
        b"5 40\n" + run[:400] + entry % (9, 99999, b"n") + run[420:] + b"trailer",  # generation > 0xFFFF
        b"5 40\n" + run[:400] + entry % (9, 2, b"n") + run[420:] + b"trailer",
        b"5 40\n" + run[:400] + b"0000000009 00000 x \n" + run[420:] + b"trailer",
        b"5 40\n" + run[:400] + b"0000000009 00000 n\n" + run[420:] + b"trailer",  # 19-byte line
        b"5 45\n" + run + b"trailer",  # fewer entries than it says
        b"5 39\n" + run + b"trailer",  # more
        b"5 40\n" + run,
    ]
    stored = []
    store = xref_table.Run.store
    monkeypatch.setattr(xref_table.Run, "store", lambda self, *a: stored.append(self.first) or store(self, *a))

    def run_all():
        results = []
        for blob in tables + [p.read_bytes() for p in CORPUS_FILES]:
            starts = [blob.find(b"\n", i) + 1 for i in range(len(blob)) if blob.startswith(b"xref", i)] or [0]
            for start in starts:
                results += [_filled_section(blob, start, strict) for strict in (True, False)]
        return results

    speedups(False)
    expected = run_all()
    speedups(True)
    assert run_all() == expected
    assert len(stored) > 100  # runs were taken whole


def _read_sections(data: bytes, strict: bool):
    """Every cross-reference section a reader fills from ``data``, as comparable values."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        sections = PdfFileReader(BytesIO(data), strict=strict).xrefs._xref_sections
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc))
    out = []
    for section in sections:
        d = section.xref_data
        hybrid = d.hybrid.xref_data if d.hybrid is not None else None
        out.append((section.meta_info, d.standard_xrefs, d.xrefs_in_objstm, d.obj_streams_used,
                    d.explicit_refs_in_revision, d.freed,
                    hybrid and (hybrid.standard_xrefs, hybrid.xrefs_in_objstm, hybrid.freed)))
    return out


def _with_other_widths(data: bytes) -> list[bytes]:
    """The file with each cross-reference stream's /W and /Index changed in place (same length,
    so every offset still holds): other widths, a wider field, a short or misnumbered subsection."""
    import re

    out = []
    for m in re.finditer(rb"/W\s*\[\s*(\d)\s+(\d)\s+(\d)\s*\]", data):
        for group in (1, 2, 3):
            for digit in (b"0", b"4", b"8", b"9"):
                out.append(data[: m.start(group)] + digit + data[m.end(group):])
    for m in re.finditer(rb"/Index\s*\[\s*(\d+)\s+(\d+)", data):
        for group in (1, 2):
            value = m.group(group)
            out.append(data[: m.start(group)] + (b"0" * (len(value) - 1)) + b"1" + data[m.end(group):])
    return out[:40]


def test_cross_reference_streams_fill_sections_as_pyhanko_fills_them(speedups, monkeypatch):
    from signing.pyhanko_patches import xref_stream

    ours = A.with_object_streams(A.make_pdf(30))
    signed = A.sign(A.add_signature_fields(ours, ["Signature1"]), A.make_person(A.make_ca(), "An"), "Signature1")
    blobs = [p.read_bytes() for p in CORPUS_FILES] + [ours, signed]
    blobs += [m for blob in (ours, signed) for m in _with_other_widths(blob)]
    cut = []
    store = xref_stream.Subsection.store
    monkeypatch.setattr(xref_stream.Subsection, "store", lambda self, *a: cut.append(self.first) or store(self, *a))

    def run_all():
        return [_read_sections(blob, strict) for blob in blobs for strict in (True, False)]

    speedups(False)
    expected = run_all()
    speedups(True)
    assert run_all() == expected
    assert len(cut) > 20  # subsections were taken whole


def _diff_results(data: bytes):
    """pyHanko's own difference analysis (our policy) for every signature, as comparable values."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DiffResult

    try:
        reader = PdfFileReader(BytesIO(data), strict=True)
        sigs = reader.embedded_signatures
    except Exception as exc:
        return ("unreadable", type(exc).__name__, str(exc))
    out = []
    for emb in sigs:
        r = _outcome(diff_policy().review_file, reader, emb.signed_revision)
        if r[0] == "ok" and isinstance(r[1], DiffResult):
            r = ("diff", r[1].modification_level, sorted(r[1].changed_form_fields))
        elif r[0] == "ok":  # a SuspiciousModification, returned rather than raised
            r = ("suspicious", type(r[1]).__name__, str(r[1]))
        out.append((emb.field_name, emb.signed_revision, r))
    return out


def _both_ways(speedups, data: bytes, options: Options):
    speedups(False)
    slow = (analyse(data, options).to_dict(), _diff_results(data))
    speedups(True)
    fast = (analyse(data, options).to_dict(), _diff_results(data))
    return slow, fast


@pytest.fixture(scope="module")
def own_cases():
    ca = A.make_ca()
    alice, bob = A.make_person(ca, "Nguyễn Văn An"), A.make_person(ca, "Trần Thị Bình")
    blank = A.add_signature_fields(A.make_pdf(3, text_field=True), ["Signature1", "Signature2"])
    one = A.sign(blank, alice, "Signature1")
    two = A.sign(one, bob, "Signature2")
    cases = {
        "one signature": one,
        "two signatures": two,
        "content added": A.add_content_after_signing(one),
        "annotation added": A.add_annotation_after_signing(one),
        "page added": A.add_page_after_signing(one),
        "text field refilled": A.refill_text_field(one),
        "refilled after two": A.refill_text_field(two),
        "one signature behind two fields": A.signature_behind_two_fields(one),
        "wrapped": A.wrap_signature(one),
        "zeroed": A.zero_contents(one),
        "bytes after EOF": two + b"\n% trailing\n",
    }
    return cases, Options(trust_roots=(A.Identity.cert_der.fget(ca),))


def test_our_attack_cases_get_identical_reports_and_diffs(speedups, own_cases):
    cases, options = own_cases
    for name, data in cases.items():
        slow, fast = _both_ways(speedups, data, options)
        assert fast == slow, name
    # and the cases mean something: the second signature made pyHanko analyse a revision
    slow, _ = _both_ways(speedups, cases["two signatures"], options)
    assert slow[0]["verdict"] == "valid"
    assert [d[2][0] for d in slow[1]] == ["diff", "diff"]
    refilled, _ = _both_ways(speedups, cases["refilled after two"], options)
    assert refilled[0]["verdict"] == "invalid"


def _corpus_check(speedups, path: Path) -> None:
    slow, fast = _both_ways(speedups, path.read_bytes(), Options(trust_embedded=True))
    assert fast == slow, path.name


def test_corpus_files_with_several_revisions_are_judged_identically(speedups):
    corpora.require(corpora.ATTACKS)
    assert len(QUICK) == 5
    for path in QUICK:
        _corpus_check(speedups, path)


@pytest.mark.slow
@pytest.mark.timeout(1200)  # the whole corpus twice: minutes on a machine shared with other runs
def test_the_whole_corpus_is_judged_identically(speedups):
    corpora.require(corpora.ATTACKS)
    assert len(CORPUS_FILES) >= 73
    for path in CORPUS_FILES:
        _corpus_check(speedups, path)
