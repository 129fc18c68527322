"""Which objects of one revision can refer to which: the superset that pruned_usages walks within.

The references come from three places, by how far the file's bytes can be trusted
(signing.pyhanko_patches.reference_scan gives the rules and why they are sound):
- a plain object whose window is trusted: found by searching all windows at once for the object
  asked about (reference_index.WindowIndex), or read window by window when the text is not in
  the canonical spelling that the search needs;
- an object inside an object stream: the same, its window cut from the decoded stream
  (reference_scan.ObjectStreams);
- any other object: parsed by pyHanko (reference_scan.parsed_refs); a parse error is a Doubt,
  and the caller falls back to pyHanko's own walk.
"""

from __future__ import annotations

from collections import defaultdict
from io import BytesIO

from signing.pyhanko_patches.reference_index import WindowIndex
from signing.pyhanko_patches.reference_scan import Doubt, ObjectStreams, live_objects, parsed_refs


class ReferenceGraph:
    """Which objects of one revision refer to which, from the file's bytes (a superset)."""

    def __init__(self, resolver) -> None:
        reader = resolver.reader
        stream = reader.stream
        if reader.encrypted or type(stream) is not BytesIO:
            raise Doubt("encrypted or not in memory")
        live = live_objects(reader.xrefs, resolver.revision)
        plain = {idnum: loc for idnum, loc in live.items() if type(loc) is int}
        packed = [idnum for idnum in live if idnum not in plain]
        streams = ObjectStreams(reader)
        packed_windows = [streams.window(idnum, live[idnum]) for idnum in packed]
        #: Edges known one by one (child -> parents); the windows' edges are searched for.
        self.parents: dict[int, set[int]] = defaultdict(set)
        self.windows = WindowIndex(stream.getvalue(), list(plain), list(plain.values()), packed, packed_windows)
        for idnum in self.windows.unsure:
            self._add(idnum, parsed_refs(resolver, idnum))
        if not self.windows.canonical:
            for idnum, refs in self.windows.all_references().items():
                self._add(idnum, refs)
        self._referrers: dict[int, set[int]] = {}

    def _add(self, idnum: int, refs: set[int]) -> None:
        for child in refs:
            self.parents[child].add(idnum)

    def referrers(self, child: int) -> set[int]:
        """The objects that may refer to ``child``."""
        found = self._referrers.get(child)
        if found is None:
            found = set(self.parents.get(child, ()))
            if self.windows.canonical:
                found |= self.windows.referrers(child)
            self._referrers[child] = found
        return found

    def reaching(self, targets: set[int]) -> set[int]:
        """The objects from which some object in ``targets`` can be reached (targets included)."""
        seen = set(targets)
        todo = list(targets)
        while todo:
            for p in self.referrers(todo.pop()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen
