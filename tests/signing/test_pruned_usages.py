"""The pruned usage walk answers exactly what pyHanko's full walk answers, and never misses a path.

signing.pyhanko_patches.pruned_usages reads references from raw bytes to decide which objects pyHanko's
difference analysis may skip. These tests hold it to two promises:
- for every object pyHanko's analysis asks about, the paths are the same as pyHanko's own walk
  over every object (our signed files, attacks on them, and every multi-revision corpus file);
- the byte reading is a superset: whenever it claims to know an object's references, pyHanko
  parsing the same bytes (random objects, then random mutations of them) finds no reference the
  walk would follow that the byte reading missed.
"""

from __future__ import annotations

import random
from io import BytesIO

import pytest

from signing.pyhanko_patches import pruned_usages as P
from signing.pyhanko_patches.reference_index import WindowIndex
from signing.pyhanko_patches.reference_scan import objstm_window_refs, window_refs
from tests import corpora
from tests.signing import attack_pdfs as A

MULTI_REVISION = [p for p in A.CORPUS_FILES if p.read_bytes().count(b"startxref") >= 2]


def _full_usages(data: bytes, revision: int) -> dict:
    from pyhanko.pdf_utils.reader import PdfFileReader

    P.uninstall()
    resolver = PdfFileReader(BytesIO(data), strict=True).get_historical_resolver(revision)
    resolver._load_reverse_xref_cache()
    return resolver._indirect_object_access_cache


def _compare_revision(data: bytes, revision: int, rng: random.Random) -> bool:
    """Same paths as pyHanko for every changed object and a sample of others; True if pruned."""
    from pyhanko.pdf_utils.generic import Reference
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        full = _full_usages(data, revision)
    except Exception as exc:
        full_error = type(exc)
    else:
        full_error = None
    P.install()
    try:
        resolver = PdfFileReader(BytesIO(data), strict=True).get_historical_resolver(revision)
        try:
            resolver._load_reverse_xref_cache()
        except Exception as exc:
            assert full_error is type(exc), f"pruned walk raised {exc!r}, pyHanko's full walk {full_error}"
            return False
        assert full_error is None, f"pyHanko's full walk raised {full_error}, the pruned one did not"
        pruned = getattr(resolver, "_nghisu_reaching", None) is not None
        changed = {Reference(i, 0) for i in P._later_changes(resolver)}
        others = rng.sample(sorted(full, key=lambda r: r.idnum), min(8, len(full)))
        for ref in sorted(changed | set(others), key=lambda r: r.idnum):
            assert resolver._get_usages_of_ref(ref) == full.get(ref, set()), f"revision {revision}, {ref}"
        return pruned
    finally:
        P.uninstall()


def _revisions(data: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(BytesIO(data), strict=True).xrefs.total_revisions


@pytest.fixture(scope="module")
def signed_files() -> dict[str, bytes]:
    ca = A.make_ca()
    alice, bob, chi = (A.make_person(ca, n) for n in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chí"))
    blank = A.add_signature_fields(
        A.make_pdf(40, text_field=True), ["Signature1", "Signature2", "Signature3"]
    )
    one = A.sign(blank, alice, "Signature1")
    two = A.sign(one, bob, "Signature2")
    return {
        "two signatures": two,
        "three signatures": A.sign(two, chi, "Signature3"),
        "content added": A.add_content_after_signing(one),
        "annotation added": A.add_annotation_after_signing(one),
        "page added": A.add_page_after_signing(one),
        "text field refilled": A.refill_text_field(two),
        "one signature behind two fields": A.signature_behind_two_fields(one),
    }


def test_our_signed_files_get_pyhankos_paths_from_a_pruned_walk(signed_files):
    rng = random.Random(1)
    for name, data in signed_files.items():
        pruned = [_compare_revision(data, rev, rng) for rev in range(_revisions(data) - 1)]
        assert all(pruned), f"{name}: the fast path did not apply to {pruned}"


@pytest.mark.slow
@pytest.mark.timeout(1200)  # the whole corpus: about a minute alone, far more on a machine shared with other runs
def test_every_multi_revision_corpus_file_gets_pyhankos_paths():
    corpora.require(corpora.ATTACKS)
    rng = random.Random(2)
    pruned = total = 0
    for path in MULTI_REVISION:
        data = path.read_bytes()
        try:
            revisions = _revisions(data)
        except Exception:
            continue  # unreadable: the verifier says cannot_verify before any analysis
        for rev in range(revisions - 1):
            total += 1
            pruned += _compare_revision(data, rev, rng)
    assert total > 20 and pruned > total // 4, (pruned, total)


# -- the byte reading against pyHanko's parser, object by object ---------------------------------

_WS = [b" ", b"\n", b"\r\n", b"\t", b"  ", b"\x0c"]


def _value(rng: random.Random, depth: int = 0) -> bytes:
    kinds = ["ref", "ref", "int", "real", "name", "bool", "array", "dict", "string", "hex", "commented"]
    kind = rng.choice(kinds if depth < 3 else ["ref", "int", "name", "string"])
    ws = rng.choice(_WS)
    if kind == "string":  # strings and comments may hold what looks like structure
        return b"(" + rng.choice([b"", b" endobj ", b" stream\n", b"1 0 R", b"\\) endobj"]) + b")"
    if kind == "hex":
        return b"<" + rng.choice([b"00ff", b" endobj ", b"4 0 R"]) + b">"
    if kind == "commented":
        return b"%d 0 R %% endobj >> 3 0 R\n" % rng.randint(1, 40)
    if kind == "ref":
        return b"%d%s%d%sR" % (rng.randint(1, 40), ws, rng.choice([0, 0, 0, 1]), rng.choice(_WS))
    if kind == "int":
        return b"%d" % rng.randint(-5, 900)
    if kind == "real":
        return b"%d.%d" % (rng.randint(0, 99), rng.randint(0, 99))
    if kind == "name":
        return rng.choice([b"/Parent", b"/Type", b"/Page", b"/X", b"/Kids", b"/Substream", b"/R"])
    if kind == "bool":
        return rng.choice([b"true", b"false", b"null"])
    if kind == "array":
        return b"[" + ws.join(_value(rng, depth + 1) for _ in range(rng.randint(0, 4))) + b"]"
    return _dict(rng, depth + 1)


def _dict(rng: random.Random, depth: int = 0) -> bytes:
    parts = []
    for _ in range(rng.randint(0, 5)):
        key = rng.choice([b"/Parent", b"/Kids", b"/Annots", b"/P", b"/Contents", b"/A", b"/Length"])
        parts.append(key + rng.choice(_WS) + _value(rng, depth))
    return b"<<" + rng.choice(_WS) + rng.choice(_WS).join(parts) + rng.choice(_WS) + b">>"


_NOISE = [
    b"(",
    b")",
    b"%",
    b"<",
    b">",
    b"[",
    b"]",
    b"<<",
    b">>",
    b"endobj",
    b"stream\n",
    b" R ",
    b" 7 0 R",
    b"/Parent",
    b"\x00",
    b"#",
    b" 9 0 obj ",
    b"(a) ",
    b"<00ff>",
    b"% c\n",
    b"\n",
]


def _mutate(rng: random.Random, body: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(body) + 1)
        body = body[:at] + rng.choice(_NOISE) + body[at:]
    return body


def _followed(obj) -> set[int]:
    """The references pyHanko's walk follows out of one object: all, except under /Parent keys."""
    from pyhanko.pdf_utils import generic

    out: set[int] = set()
    todo = [obj]
    while todo:
        o = todo.pop()
        if isinstance(o, generic.IndirectObject):
            out.add(o.idnum)
        elif isinstance(o, generic.DictionaryObject):
            todo.extend(v for k, v in o.items() if k != "/Parent")
        elif isinstance(o, generic.ArrayObject):
            todo.extend(o)
    return out


def _pyhanko_parse(data: bytes):
    """Parse object 5 at offset 0 exactly as PdfFileReader._read_object does, or None if it fails."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.xref import read_object_header

    stream = BytesIO(data)
    try:
        idnum, gen = read_object_header(stream, strict=True)
        if (idnum, gen) != (5, 0):
            return None
        obj = generic.read_object(stream, generic.Reference(5, 0, None))
        generic.read_non_whitespace(stream, seek_back=True)
        if stream.read(6) != b"endobj":
            return None
    except Exception:
        return None
    return obj


def _objstm_parse(segment: bytes):
    """Read one value at the start of ``segment`` as pyHanko reads a compressed object, or None."""
    from pyhanko.pdf_utils import generic

    try:
        # (the newline: pyHanko loops forever on a comment that the data ends in)
        return generic.read_object(BytesIO(segment + b"\n"), generic.Reference(5, 0, None))
    except Exception:
        return None


@pytest.mark.parametrize("mutated", [False, True], ids=["well-formed", "mutated"])
def test_inside_object_streams_too_no_reference_is_missed(mutated):
    rng = random.Random(11 if mutated else 5)
    claimed = 0
    for _ in range(20000 if mutated else 3000):
        body = _dict(rng)
        if mutated:
            body = _mutate(rng, body)
        segment = body + rng.choice([b"\n", b" ", b""])
        ours = objstm_window_refs(segment)
        # the next object follows right after: pyHanko must not read into it unnoticed
        obj = _objstm_parse(segment + rng.choice([b"<< /Next 39 0 R >>", b"[38 0 R]", b"37 0 R "]))
        if ours is None or obj is None:
            continue
        claimed += 1
        assert _followed(obj) <= ours, segment
    assert claimed > (40 if mutated else 300), claimed


def _window_refs(data: bytes):
    return window_refs(data, 5, 0)


@pytest.mark.parametrize("mutated", [False, True], ids=["well-formed", "mutated"])
def test_the_byte_reading_never_misses_a_reference_pyhanko_would_follow(mutated):
    rng = random.Random(7 if mutated else 3)
    claimed = 0
    for _ in range(20000 if mutated else 3000):
        body = _dict(rng)
        if mutated:
            body = _mutate(rng, body)
        tail = rng.choice([b"\nendobj\n", b" endobj", b"\nstream\nxx 1 0 R\nendstream\nendobj\n"])
        data = b"5 0 obj" + rng.choice(_WS) + body + tail
        ours = _window_refs(data)
        obj = _pyhanko_parse(data)
        if ours is None or obj is None:
            continue
        claimed += 1
        assert _followed(obj) <= ours, data
    # the property was really exercised (most mutations make the bytes untrusted or unparseable)
    assert claimed > (40 if mutated else 300), claimed


@pytest.mark.parametrize(
    "body",
    [
        b"<< /A (a string) /K 7 0 R >>",
        b"<< /A 7 0 R % a comment\n>>",
        b"<< /A <00ff> /K 7 0 R >>",
        b"<< /Substream 1 /K 7 0 R >>",
        b"<< /K 7 0 R /N /Xendobj 8 0 R >>",  # the keyword's bytes inside a name: not an end
        b"<< /K 7 0 R \x00 >>",
    ],
)
def test_objects_whose_bytes_could_hide_structure_are_left_to_pyhanko(body):
    assert _window_refs(b"5 0 obj\n" + body + b"\nendobj\n") is None


def test_a_parent_pointer_is_not_followed_but_the_same_reference_in_an_array_is():
    assert _window_refs(b"5 0 obj\n<< /Parent 7 0 R /Contents 8 0 R >>\nendobj\n") == {8}
    assert _window_refs(b"5 0 obj\n<< /Kids [/Parent 7 0 R] >>\nendobj\n") == {7}
    assert _window_refs(b"5 0 obj\n<< /A << /Parent 7 0 R >> >>\nendobj\n") == set()


# -- all windows at once against the rule for one ----------------------------------------------


def _file_of_objects(rng: random.Random, mutated: bool) -> tuple[bytes, list[int], list[int]]:
    """Objects 1..n, some well-formed, some mutated, some streams, in a random order on disk."""
    ids = list(range(1, rng.randint(2, 12)))
    rng.shuffle(ids)
    data, offsets = b"%PDF-1.7\n", []
    for idnum in ids:
        body = _dict(rng)
        if mutated and rng.random() < 0.5:
            body = _mutate(rng, body)
        if rng.random() < 0.3:  # a stream, framed by a direct /Length or not
            payload = rng.choice([b"1 0 R", b"BT (x) Tj ET", b"\x00\xff<"])
            length = len(payload) if rng.random() < 0.8 else len(payload) + 3
            body = b"<< /Length %d >>" % length if rng.random() < 0.7 else body
            tail = b"\nstream\n" + payload + b"\nendstream\nendobj\n"
        else:
            tail = rng.choice([b"\nendobj\n", b" endobj\n", b"endobj\n"])
        offsets.append(len(data))
        data += b"%d 0 obj" % idnum + rng.choice(_WS) + body + tail
    return data, ids, offsets


@pytest.mark.parametrize("mutated", [False, True], ids=["well-formed", "mutated"])
def test_all_windows_at_once_find_every_reference_the_rule_for_one_finds(mutated):
    rng = random.Random(17 if mutated else 13)
    canonical = 0
    for _ in range(1500):
        data, ids, offsets = _file_of_objects(rng, mutated)
        index = WindowIndex(data, ids, offsets)
        rule = {idnum: window_refs(data, idnum, at) for idnum, at in zip(ids, offsets, strict=True)}
        assert index.unsure == {idnum for idnum, refs in rule.items() if refs is None}, data
        if index.canonical:
            canonical += 1
            for idnum, refs in rule.items():
                for child in refs or ():
                    assert idnum in index.referrers(child), (idnum, child, data)
        else:
            assert index.all_references() == {i: r for i, r in rule.items() if r is not None}
    assert 100 < canonical < 1500, canonical  # both ways were taken


def test_a_reference_written_oddly_is_still_found_by_reading_each_window():
    data = b"%PDF-1.7\n1 0 obj\n<< /A 2  0 R >>\nendobj\n2 0 obj\n<< /B 3 0\nR /C [4\t0 R] >>\nendobj\n"
    index = WindowIndex(data, [1, 2], [data.index(b"1 0 obj"), data.index(b"2 0 obj")])
    assert not index.canonical
    assert index.all_references() == {1: {2}, 2: {3, 4}}


def test_a_parent_pointer_found_by_the_search_is_skipped_only_outside_arrays():
    data = (b"%PDF-1.7\n1 0 obj\n<< /Type /Page /MediaBox [0 0 1 1] /Parent 3 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Kids [/Parent 3 0 R] >>\nendobj\n3 0 obj\n<< /Kids [1 0 R] >>\nendobj\n")
    index = WindowIndex(data, [1, 2, 3], [data.index(b"%d 0 obj" % i) for i in (1, 2, 3)])
    assert index.canonical
    assert index.referrers(3) == {2}
    assert index.referrers(1) == {3}


def test_a_number_written_with_leading_zeros_is_the_same_reference():
    data = b"%PDF-1.7\n1 0 obj\n<< /A 007 0 R /B 17 0 R >>\nendobj\n"
    index = WindowIndex(data, [1], [9])
    assert index.referrers(7) == {1}
    assert index.referrers(17) == {1}
    assert index.referrers(70) == set()


@pytest.mark.parametrize("mutated", [False, True], ids=["well-formed", "mutated"])
def test_object_stream_windows_at_once_agree_with_the_rule_for_one(mutated):
    rng = random.Random(23 if mutated else 19)
    canonical = 0
    for _ in range(1500):
        data, ids, offsets = _file_of_objects(rng, mutated=False)
        packed_ids = list(range(100, 100 + rng.randint(1, 10)))
        packed = []
        for _ in packed_ids:
            body = _dict(rng) if rng.random() < 0.8 else b"[" + _value(rng) + b"]"
            if mutated and rng.random() < 0.6:
                body = _mutate(rng, body)
            packed.append(None if rng.random() < 0.05 else body + rng.choice([b"\n", b" ", b""]))
        index = WindowIndex(data, ids, offsets, packed_ids, packed)
        rule = {i: None if w is None else objstm_window_refs(w) for i, w in zip(packed_ids, packed, strict=True)}
        assert {i for i in index.unsure if i >= 100} == {i for i, refs in rule.items() if refs is None}, packed
        if index.canonical:
            canonical += 1
            for idnum, refs in rule.items():
                for child in refs or ():
                    assert idnum in index.referrers(child), (idnum, child, packed)
        else:
            every = index.all_references()
            assert {i: r for i, r in every.items() if i >= 100} == {i: r for i, r in rule.items() if r is not None}
    assert 100 < canonical < 1500, canonical
