"""A `nghisu demo` killed half-way is completed by the next run (issue 11: the re-run skipped any
meeting that had a document, so the classified paper never arrived)."""

from __future__ import annotations

from demo import materials
from demo.store import create_demo
from documents.library import list_documents
from store.engine import open_store
from store.location import StoreLocation


def test_a_demo_killed_after_the_first_document_is_completed_by_a_rerun(tmp_path, clock, monkeypatch):
    store = open_store(StoreLocation(home=tmp_path / "store"), clock=clock, create=True)
    # What a run killed after its first import leaves (each document is its own transaction):
    # the meetings, and one document of the provincial meeting.
    with monkeypatch.context() as m:
        m.setattr(materials, "MATERIALS_2025", {"province": materials.MATERIALS_2025["province"][:1]})
        first = create_demo(store)
    province = first.meeting_ids["province"]
    with store.read() as s:
        assert len(list_documents(s, province)) == 1

    again = create_demo(store)
    with store.read() as s:
        docs = list_documents(s, province)
    assert len(docs) == len(materials.MATERIALS_2025["province"])
    assert [d.classification for d in docs].count("mat") == 1, "the classified paper arrived"
    # The four provincial papers still missing, and every other meeting's.
    assert again.documents_created == sum(len(rows) for rows in materials.MATERIALS_2025.values()) - 1
    assert create_demo(store).documents_created == 0  # and a third run adds nothing
    store.close()
