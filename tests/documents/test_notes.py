"""Private notes: their own layer (the PDF's bytes never change), own + shared visibility,
and the "my notes" export drawn over a copy of the annotated pages."""

from __future__ import annotations

import hashlib

import pytest

from demo.samples import SampleSpec, generate_pdf
from documents.reading.notes import add_note, delete_note, export_my_notes, share_note, visible_notes
from documents.records import DocumentMeta
from meetings.agenda import add_agenda_item
from meetings.materials import import_material, publish_meeting
from meetings.sites import add_participant
from store.directory import create_person
from store.errors import InvalidInput, PermissionDenied
from tests.meetings.conftest import meeting, province  # noqa: F401  (fixtures)


@pytest.fixture
def reading(store, province, meeting):  # noqa: F811
    """A published meeting whose 3-page document reached the chair and a member, not an outsider."""
    with store.uow(province.secretary) as uow:
        add_agenda_item(uow, meeting.id, title="Dự toán ngân sách 2027")
        add_participant(uow, meeting.id, province.chair, "chair")
        add_participant(uow, meeting.id, province.member, "member")
        outsider = create_person(uow, full_name="Người Ngoài", position="Chuyên viên", unit_id=province.qt.id)
        uow.commit()
    data = generate_pdf(SampleSpec(doc_type="TTr", number="45/TTr-UBND", pages=3, seed=1))
    doc = import_material(store, province.secretary, meeting.id, "1", data,
                          DocumentMeta(title="Tờ trình dự toán", doc_type="to_trinh"))
    with store.uow(province.secretary) as uow:
        publish_meeting(uow, meeting.id)
        uow.commit()
    return doc, data, outsider.id


INK = {"strokes": [[[100, 700], [150, 720], [200, 690]]], "color": "#1f3fbf", "width": 2}
MARK = {"rects": [[90, 600, 400, 615]], "color": "#ffe14d"}


def test_notes_are_a_layer_of_their_own_and_never_change_the_pdf(store, province, reading):  # noqa: F811
    doc, data, _ = reading
    sha = doc.current_version.sha256
    with store.uow(province.member) as uow:
        add_note(uow, province.member, doc.id, 1, "ink", INK)
        add_note(uow, province.member, doc.id, 2, "highlight", MARK)
        add_note(uow, province.member, doc.id, 2, "text", {"at": [72, 500], "text": "Hỏi lại Sở Tài chính về hệ số K"})
        uow.commit()
    stored = store.blobs.get(sha)
    assert stored == data and hashlib.sha256(stored).hexdigest() == sha
    with store.read() as s:
        exported = export_my_notes(s, store.blobs, province.member, doc.id)
    assert store.blobs.get(sha) == data  # the export worked on a copy

    import pypdfium2

    pdf = pypdfium2.PdfDocument(exported)
    assert len(pdf) == 2  # only the annotated pages
    text = pdf[1].get_textpage().get_text_range()
    assert "Hỏi lại Sở Tài chính về hệ số K" in text
    original = pypdfium2.PdfDocument(data)[1].render(scale=1).to_pil().convert("L")
    drawn = pdf[1].render(scale=1).to_pil().convert("L")
    assert original.size == drawn.size and original.tobytes() != drawn.tobytes()


def test_a_person_sees_their_own_notes_and_only_notes_shared_on_purpose(store, province, reading):  # noqa: F811
    doc, _, outsider = reading
    with store.uow(province.member) as uow:
        mine = add_note(uow, province.member, doc.id, 1, "ink", INK)
        uow.commit()
    with store.uow(province.chair) as uow:
        private = add_note(uow, province.chair, doc.id, 1, "highlight", MARK)
        shared = add_note(uow, province.chair, doc.id, 3, "text", {"at": [72, 400], "text": "Đề nghị thảo luận kỹ"})
        share_note(uow, shared.id, province.chair)
        uow.commit()
    with store.read() as s:
        member_view = {n.id for n in visible_notes(s, province.member, doc.id)}
        chair_view = {n.id for n in visible_notes(s, province.chair, doc.id)}
    assert member_view == {mine.id, shared.id} and chair_view == {private.id, shared.id}
    with pytest.raises(PermissionDenied), store.uow(province.member) as uow:
        share_note(uow, private.id, province.member)  # only the author shares
    with pytest.raises(PermissionDenied), store.read() as s:
        visible_notes(s, outsider, doc.id)  # the document never reached them
    with store.uow(province.chair) as uow:
        share_note(uow, shared.id, province.chair, shared=False)
        delete_note(uow, private.id, province.chair)
        uow.commit()
    with store.read() as s:
        assert {n.id for n in visible_notes(s, province.member, doc.id)} == {mine.id}


BAD = [("ink", {"strokes": []}), ("ink", {"strokes": [[[1, float("nan")]]]}), ("highlight", {"rects": [[1, 2, 3]]}),
       ("text", {"at": [1, 2], "text": " "}), ("ink", {**INK, "color": "blue"}), ("scribble", {}), ("ink", INK, 9)]


def test_malformed_notes_are_refused(store, province, reading):  # noqa: F811
    doc, _, _ = reading
    for kind, data, *page in BAD:
        with pytest.raises(InvalidInput), store.uow(province.member) as uow:
            add_note(uow, province.member, doc.id, page[0] if page else 1, kind, data)
