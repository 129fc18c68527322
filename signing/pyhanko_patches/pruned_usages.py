"""Difference analysis without reading every object: pyHanko's usage walk, pruned soundly.

Why: to judge an earlier signature, pyHanko's difference analysis asks, for each object a later
revision overwrote, every path by which the *signed* revision reaches it
(``HistoricalResolver._get_usages_of_ref``). pyHanko answers by parsing and walking every object
of the signed revision (``_load_reverse_xref_cache``): 2.3 s for a 2,600-page file signed by a
secretary and then a chair, when one signature alone takes 70 ms.

What: a path to an object passes only through objects that (transitively) refer to it. This
module finds, from the raw bytes, a superset of the objects that can refer to the ones later
revisions changed, and then runs pyHanko's own walk (copied below, unchanged except for one
tests) without descending into any other object. The paths recorded for the objects that matter
are therefore exactly pyHanko's; any other object asked about triggers a new pruned walk that
includes it.

Why the superset is sound: see signing.pyhanko_patches.reference_scan, which reads the references.

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
from collections import defaultdict

from signing.pyhanko_patches.reference_graph import ReferenceGraph
from signing.pyhanko_patches.reference_scan import Doubt

log = logging.getLogger(__name__)

_original_load = None
_original_usages = None


def _later_changes(resolver) -> set[int]:
    xrefs = resolver.reader.xrefs
    out: set[int] = set()
    for rev in range(resolver.revision + 1, xrefs.total_revisions):
        out |= {r.idnum for r in xrefs.explicit_refs_in_revision(rev)}
    return out


def _pruned_walk(self, reaching: set[int]) -> dict:
    """pyHanko 0.38.0's ``_load_reverse_xref_cache``, not descending outside ``reaching``.

    Copied from pyhanko.pdf_utils.reader (MIT licence); the changes are the ``in reaching``
    tests, marked PRUNE, and that only the paths of objects in ``reaching`` are kept (they are
    complete: every object on a path to one of them is in ``reaching`` too). A reference outside
    ``reaching`` is skipped where it is met, before its path is built: the walk would return at
    once from it, and a page-tree kid outside it is only checked for being met twice (the only
    use of its path). On a 2,600-page file that spares 7,800 path cells and 2,600 calls.
    """
    from pyhanko.pdf_utils import generic, misc  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.pdf_utils.reader import RawPdfPath  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

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
                if isinstance(v, generic.IndirectObject) and v.idnum not in reaching:  # PRUNE
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
                if isinstance(v, generic.IndirectObject) and v.idnum not in reaching:  # PRUNE
                    continue
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
            if isinstance(kid, generic.IndirectObject):
                if kid.idnum not in reaching:  # PRUNE: met (checked for twice), never entered
                    yield kid.reference, None
                    continue
                kid_path = path.cons("/Kids").cons(ix)
                yield kid.reference, kid_path
            else:
                kid_path = path.cons("/Kids").cons(ix)
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
    met = set(page_tree_nodes)  # PRUNE: every kid met, for the check; paths of those in reaching
    for ref, path in _collect_page_tree_refs(pages_ref.get_object(), pages_path):
        if ref in met:
            raise misc.PdfReadError("Circular reference in page tree in mapping stage")
        met.add(ref)
        if path is not None:
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
        graph = ReferenceGraph(self)
        reaching = graph.reaching(_later_changes(self))
    except Doubt as why:
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
    from pyhanko.pdf_utils.reader import HistoricalResolver  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if _original_load is None:
        _original_load = HistoricalResolver._load_reverse_xref_cache
        _original_usages = HistoricalResolver._get_usages_of_ref
        HistoricalResolver._load_reverse_xref_cache = _load_reverse_xref_cache
        HistoricalResolver._get_usages_of_ref = _get_usages_of_ref


def uninstall() -> None:
    global _original_load, _original_usages
    from pyhanko.pdf_utils.reader import HistoricalResolver  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    if _original_load is not None:
        HistoricalResolver._load_reverse_xref_cache = _original_load
        HistoricalResolver._get_usages_of_ref = _original_usages
        _original_load = _original_usages = None
