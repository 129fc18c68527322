"""Difference analysis without reading every object: pyHanko's usage walk, pruned soundly.

Why: to judge an earlier signature, pyHanko's difference analysis asks, for each object a later
revision overwrote, every path by which the *signed* revision reaches it
(``HistoricalResolver._get_usages_of_ref``). pyHanko answers by parsing and walking every object
of the signed revision (``_load_reverse_xref_cache``): 2.3 s for a 2,600-page file signed by a
secretary and then a chair, when one signature alone takes 70 ms.

What: a path to an object passes only through objects that (transitively) refer to it. This
module finds, from the raw bytes, a superset of the objects that can refer to the ones later
revisions changed, and then runs pyHanko's own walk (copied below, unchanged except for one
test) without descending into any other object. The paths recorded for the objects that matter
are therefore exactly pyHanko's; any other object asked about triggers a new pruned walk that
includes it.

Why the superset is sound. For a plain object at offset ``o`` (classic cross-reference entry,
header ``N G obj`` exactly there), call its *window* the bytes from ``o`` to the first
``stream`` or ``endobj`` before the next ``N G obj`` header anywhere in the file, where that
keyword starts a token (preceded by whitespace, ``>`` or ``]``). If the window holds no literal
string ``(``, no comment ``%`` and no hex string (a ``<`` outside ``<<``), nothing in it can
swallow bytes: every byte is whitespace or part of a name, number, keyword or bracket. pyHanko's
parse of that object either ends inside the window or reaches the keyword while a dictionary or
array is still open, and fails there (a keyword is never a key or a value). So every reference
pyHanko can read in the object is a ``N G R`` sequence inside the window, which the regular
expression below finds (it accepts more whitespace than pyHanko and needs nothing after ``R``;
extra matches only add objects to the walk). Every other object, one whose window is not of
that kind, one in an object stream, or one whose header is not where the cross-reference says,
is parsed by pyHanko itself and its references taken from the result.

When to fall back to pyHanko's full walk (the first doubt): an encrypted file, a stream that is
not in memory, free or non-zero-generation entries or hybrid cross-references up to the signed
revision, or any error while parsing an object for its references (so errors surface exactly as
pyHanko's own walk would raise them). One difference remains by design: an object that cannot
lead to anything a later revision changed is not parsed, so damage confined to such objects does
not fail the analysis, just as it does not when the file carries a single signature.

tests/signing/test_pruned_usages.py compares the paths with pyHanko's full walk on our own
signed files and every multi-revision file of the attack corpus.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from io import BytesIO

log = logging.getLogger(__name__)

_WS = rb"[\x00\t\n\x0b\x0c\r ]"
_HEADER = re.compile(rb"(?<![0-9])([0-9]+)" + _WS + rb"+([0-9]+)" + _WS + rb"+obj")
_REF = re.compile(rb"(?<![0-9])([0-9]+)" + _WS + rb"+([0-9]+)" + _WS + rb"+R")
# Bytes that could hide structure from a reading by tokens: a literal string, a comment, a NUL,
# a hex string (a '<' not in "<<"); "<<<" is refused too rather than paired up.
_UNTRUSTED = re.compile(rb"[(%\x00]|<<<|(?<!<)<(?!<)")
_TOKEN_END = frozenset(b"\x00\t\n\x0b\x0c\r >]")
_TRAILING_DIGITS = re.compile(rb"[0-9]+$")
_PDF_WS = frozenset(b" \n\r\t\x0c\x00")
# A direct length: pyHanko reads an indirect one through the file, so that case is not trusted.
_LENGTH = re.compile(
    rb"/Length[\t\n\x0b\x0c\r ]+([0-9]+)(?![0-9]*[\t\n\x0b\x0c\r ]+[0-9]+[\t\n\x0b\x0c\r ]+R)"
)
_WS_R = re.compile(rb"[\t\n\x0b\x0c\r ]R")


def _is_parent_value(window: bytes, at: int) -> bool:
    """Whether the reference before ``window[at]`` is the value of a /Parent key outside arrays.

    pyHanko's walk never follows /Parent. A token ending in '/Parent' ends with that name ('/'
    always starts a name). Outside any array (no '[' left open before it), a name followed by a
    value is a key and its value: were /Parent itself a value, the reference after it would
    stand where a key must, and pyHanko's parse of the object would fail there.
    """
    return window.count(b"[", 0, at) == window.count(b"]", 0, at)


def _stream_framed(data: bytes, window: bytes, cut: int) -> bool:
    """Whether pyHanko would find ``endstream`` where this stream's direct /Length says.

    Mirrors pyhanko.pdf_utils.generic._maybe_read_stream_payload, so that a stream pyHanko would
    refuse is parsed by pyHanko (and its error raised as it would be) rather than skipped.
    """
    if window.count(b"/Length") != 1:
        return False
    length = _LENGTH.search(window)
    if length is None:
        return False
    p, n = cut + 6, len(data)
    while p < n and data[p] in _PDF_WS:  # misc.skip_over_whitespace(stop_after_eol=True)
        c = data[p]
        p += 1
        if c == 0x0A:
            break
        if c == 0x0D:
            if p < n and data[p] == 0x0A:
                p += 1
            break
    q = p + int(length[1])
    while q < n and data[q] in _PDF_WS:
        q += 1
    if q >= n or data[q] == 0x25:  # end of file, or a comment: let pyHanko judge
        return False
    return data.startswith(b"endstream", q) or data.startswith(b"endstream", q - 1)


_original_load = None
_original_usages = None


class _Doubt(Exception):
    """The fast path cannot answer soundly: use pyHanko's full walk."""


class _Graph:
    """Which objects of one revision refer to which, from the file's bytes (a superset)."""

    def __init__(self, resolver) -> None:
        reader = resolver.reader
        stream = reader.stream
        if reader.encrypted or type(stream) is not BytesIO:
            raise _Doubt("encrypted or not in memory")
        self.data = stream.getvalue()
        self.live = _live_objects(reader.xrefs, resolver.revision)
        self.parents: dict[int, set[int]] = defaultdict(set)
        for idnum, loc in self.live.items():
            refs = self._window_refs(idnum, loc) if isinstance(loc, int) else None
            if refs is None:
                refs = self._parsed_refs(resolver, idnum)
            for child in refs:
                self.parents[child].add(idnum)

    def _window_refs(self, idnum: int, start: int) -> set[int] | None:
        """References in the object at ``start`` that pyHanko's walk can follow, or None if unsure."""
        data = self.data
        header = b"%d 0 obj" % idnum  # pyHanko reads exactly this, then the value after it
        if not data.startswith(header, start):
            return None
        begin = start + len(header)
        end = data.find(b"endobj", begin)
        if end < 0:
            return None
        cut = data.find(b"stream", begin, end)
        if cut < 0:
            cut = end
        if data[cut - 1] not in _TOKEN_END:
            return None
        window = data[begin:cut]
        if _UNTRUSTED.search(window) is not None:
            return None
        if cut != end and not _stream_framed(data, window, cut):
            return None
        # pyHanko reads a reference only as "digits ws+ digits ws+ R" (its INDIRECT_PATTERN, \s
        # for ws; \x00 was refused above), so every reference has whitespace before its R.
        refs: set[int] = set()
        for r in _WS_R.finditer(window):
            at = r.start()
            head = window[:at].rsplit(None, 3)  # the last three tokens before R, whole
            if len(head) < 2 or not head[-1].isdigit():
                continue
            idtok = head[-2]
            if not idtok.isdigit():
                digits = _TRAILING_DIGITS.search(idtok)  # e.g. "[12": the digits end the token
                if digits is None:
                    continue
                idtok = digits[0]
            elif len(head) >= 3 and head[-3].endswith(b"/Parent") and _is_parent_value(window, at):
                continue
            refs.add(int(idtok))
        return refs

    @staticmethod
    def _parsed_refs(resolver, idnum: int) -> set[int]:
        from pyhanko.pdf_utils import generic

        try:
            obj = resolver.get_object(generic.Reference(idnum, 0, resolver))
        except Exception as exc:  # let pyHanko's own walk raise it, if it reaches this object
            raise _Doubt(f"object {idnum}: {exc}") from exc
        out: set[int] = set()
        todo = [obj]
        while todo:
            o = todo.pop()
            if isinstance(o, generic.IndirectObject):
                out.add(o.idnum)
            elif isinstance(o, generic.DictionaryObject):
                todo.extend(o.values())
            elif isinstance(o, generic.ArrayObject):
                todo.extend(o)
            elif isinstance(o, generic.DecryptedObjectProxy):
                raise _Doubt("encrypted object")
        return out

    def reaching(self, targets: set[int]) -> set[int]:
        """The objects from which some object in ``targets`` can be reached (targets included)."""
        seen = set(targets)
        todo = list(targets)
        parents = self.parents
        while todo:
            for p in parents.get(todo.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen


def _live_objects(xrefs, revision: int) -> dict[int, object]:
    """idnum -> location (offset or object-stream entry) as of ``revision``, or doubt."""
    live: dict[int, object] = {}
    for rev in range(revision + 1):
        data = xrefs.get_xref_data(rev)
        if data.hybrid is not None or data.freed:
            raise _Doubt("hybrid or freed cross-reference entries")
        for idnum, (gen, offset) in data.standard_xrefs.items():
            if gen != 0 or idnum in data.xrefs_in_objstm:
                raise _Doubt("non-zero generation")
            live[idnum] = offset
        live.update(data.xrefs_in_objstm)
    return live


def _later_changes(resolver) -> set[int]:
    xrefs = resolver.reader.xrefs
    out: set[int] = set()
    for rev in range(resolver.revision + 1, xrefs.total_revisions):
        out |= {r.idnum for r in xrefs.explicit_refs_in_revision(rev)}
    return out


def _pruned_walk(self, reaching: set[int]) -> dict:
    """pyHanko 0.38.0's ``_load_reverse_xref_cache``, not descending outside ``reaching``.

    Copied from pyhanko.pdf_utils.reader (MIT licence); the only changes are the three
    ``in reaching`` tests, marked PRUNE, and that only the paths of objects in ``reaching`` are
    kept (they are complete: every object on a path to one of them is in ``reaching`` too).
    """
    from pyhanko.pdf_utils import generic, misc
    from pyhanko.pdf_utils.reader import RawPdfPath

    collected = defaultdict(set)

    def _compute_paths_to_refs(
        obj, cur_path, seen_in_path, *, page_tree_objs, is_struct_tree, struct_tree_objs
    ):
        if isinstance(obj, generic.IndirectObject):
            obj_ref = obj.reference
            if obj_ref.idnum not in reaching:  # PRUNE: nothing below leads to a changed object,
                return  # and its own paths are not kept (see the end)
            if obj_ref in seen_in_path:
                return
            collected[obj_ref].add(cur_path)
            seen_in_path = seen_in_path.cons(obj_ref)
            obj = self(obj_ref)
            canonical_path = page_tree_objs.get(obj_ref, cur_path)
            if cur_path != canonical_path:
                return
            if not is_struct_tree and obj_ref in struct_tree_objs:
                return
        if isinstance(obj, generic.DictionaryObject):
            for k, v in obj.items():
                if k == "/Parent" or (is_struct_tree and k == "/P"):
                    continue
                _compute_paths_to_refs(
                    v,
                    cur_path.cons(k),
                    seen_in_path,
                    page_tree_objs=page_tree_objs,
                    is_struct_tree=is_struct_tree
                    or (
                        cur_path.head == "/StructTreeRoot"
                        and k == "/K"
                        and cur_path.tail == misc.ConsList.sing("/Root")
                    ),
                    struct_tree_objs=struct_tree_objs,
                )
        elif isinstance(obj, generic.ArrayObject):
            for ix, v in enumerate(obj):
                _compute_paths_to_refs(
                    v,
                    cur_path.cons(ix),
                    seen_in_path,
                    page_tree_objs=page_tree_objs,
                    is_struct_tree=is_struct_tree,
                    struct_tree_objs=struct_tree_objs,
                )

    def _collect_page_tree_refs(pages_obj, path):
        for ix, kid in enumerate(pages_obj["/Kids"]):
            kid_path = path.cons("/Kids").cons(ix)
            if isinstance(kid, generic.IndirectObject):
                yield kid.reference, kid_path
                if kid.idnum not in reaching:  # PRUNE: its subtree is never entered
                    continue
            kid = kid.get_object()
            if kid.get("/Type", None) == "/Pages":
                yield from _collect_page_tree_refs(kid, kid_path)

    def _collect_struct_tree_refs(struct_elem):
        try:
            children = struct_elem["/K"]
        except KeyError:
            return
        if not isinstance(children, generic.ArrayObject):
            children = (children,)
        for child in children:
            child_ref = None
            if isinstance(child, generic.IndirectObject):
                child_ref = child.reference
                if child.idnum not in reaching:  # PRUNE: never entered, so never skipped either
                    continue
                child = child.get_object()
            if not isinstance(child, generic.DictionaryObject):
                continue
            try:
                if child["/Type"] != "/StructElem":
                    continue
            except KeyError:
                pass
            if child_ref is not None:
                yield child_ref
            yield from _collect_struct_tree_refs(child)

    pages_ref = self.root.raw_get("/Pages")
    pages_path = misc.ConsList.sing("/Root").cons("/Pages")
    page_tree_nodes = {}
    if isinstance(pages_ref, generic.IndirectObject):
        page_tree_nodes[pages_ref.reference] = pages_path
    for ref, path in _collect_page_tree_refs(pages_ref.get_object(), pages_path):
        if ref in page_tree_nodes:
            raise misc.PdfReadError("Circular reference in page tree in mapping stage")
        page_tree_nodes[ref] = path
    struct_tree_nodes = set()
    try:
        struct_tree_root_ref = self.root.raw_get("/StructTreeRoot")
        struct_tree_root = struct_tree_root_ref.get_object()
        for ref in _collect_struct_tree_refs(struct_tree_root):
            if ref in struct_tree_nodes:
                raise misc.PdfReadError("Circular reference in structure tree in mapping stage")
            struct_tree_nodes.add(ref)
    except KeyError:
        pass
    _compute_paths_to_refs(
        self.trailer_view,
        misc.ConsList.empty(),
        misc.ConsList.empty(),
        page_tree_objs=page_tree_nodes,
        is_struct_tree=False,
        struct_tree_objs=struct_tree_nodes,
    )
    # _get_usages_of_ref walks again for any object not in ``reaching``.
    return {ref: {RawPdfPath(*reversed(list(p))) for p in paths} for ref, paths in collected.items()}


def _load_reverse_xref_cache(self):
    if self._indirect_object_access_cache is not None:
        return
    try:
        graph = _Graph(self)
        reaching = graph.reaching(_later_changes(self))
    except _Doubt as why:
        log.debug("full usage walk: %s", why)
        _original_load(self)
        return
    self._nghisu_graph = graph
    self._nghisu_reaching = reaching
    self._indirect_object_access_cache = _pruned_walk(self, reaching)


def _get_usages_of_ref(self, ref):
    reaching = getattr(self, "_nghisu_reaching", None)
    if reaching is not None and ref.idnum not in reaching:
        # Asked about an object the walk was not pruned for: walk again, pruned for it too.
        reaching = self._nghisu_graph.reaching(reaching | {ref.idnum})
        self._nghisu_reaching = reaching
        self._indirect_object_access_cache = _pruned_walk(self, reaching)
    return _original_usages(self, ref)


def install() -> None:
    global _original_load, _original_usages
    from pyhanko.pdf_utils.reader import HistoricalResolver

    if _original_load is None:
        _original_load = HistoricalResolver._load_reverse_xref_cache
        _original_usages = HistoricalResolver._get_usages_of_ref
        HistoricalResolver._load_reverse_xref_cache = _load_reverse_xref_cache
        HistoricalResolver._get_usages_of_ref = _get_usages_of_ref


def uninstall() -> None:
    global _original_load, _original_usages
    from pyhanko.pdf_utils.reader import HistoricalResolver

    if _original_load is not None:
        HistoricalResolver._load_reverse_xref_cache = _original_load
        HistoricalResolver._get_usages_of_ref = _original_usages
        _original_load = _original_usages = None
