"""The meeting's papers leave room for the unit's own seal: the invitation, the programme, the
conclusion notice and the minutes ask the stamp library for the seal of the meeting's unit and
size the space between each signer's title and name from it (41 mm for the usual 36 mm seal,
more for a larger one). An invitation issued for a unit whose seal is 40 mm is then signed with
that seal drawn at 40 mm; the space left for the usual seal would have drawn it smaller, and the
signature says so. On both backends; every signature stays valid."""

from __future__ import annotations

from datetime import date

import pytest

from documents.library import get_document, list_versions
from meetings.papers.conclusions import notice_content
from meetings.papers.invitation import invitation_content, programme_content
from meetings.papers.issue import MeetingPaper, issue_meeting_paper
from meetings.papers.meeting_papers_pdf import render_invitation, render_programme
from meetings.papers.minutes import MinutesDraft, minutes_content
from meetings.papers.minutes_pdf import render_minutes, render_notice
from signing.document_verification import verify_document
from signing.keys.certificates import register_certificate
from signing.keys.truststore import add_trust_roots
from signing.pdf.appearance import demo_seal_png, demo_signature_png
from signing.pdf.stamp_images import MM, SIGNATURE_SPACE, signature_space_pt
from signing.stamp_library import StampKind, set_stamp_image
from signing.workflow import sign_request
from tests.meetings.test_meeting_papers import planned  # noqa: F401 (fixture)
from tests.signing.pki import pdfsig, pdfsig_blocks
from tests.signing.test_seal_room import drawn_images, field_rect
from tests.signing.test_workflow import keys  # noqa: F401 (fixture)

TODAY = date(2026, 11, 28)
ORG = "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"


#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


def keep_seal(store, unit_id: int, mm: float) -> bytes:
    png = demo_seal_png(ORG, mm)
    with store.uow() as uow:
        set_stamp_image(uow, StampKind.SEAL, unit_id, png)
        uow.commit()
    return png


def spaces(store, meeting_id: int) -> dict[str, float]:
    """The height of each signer's space in each paper, as drawn now."""
    with store.read() as s:
        drawn = {
            "invitation": render_invitation(invitation_content(s, meeting_id, issued_on=TODAY))[1],
            "programme": render_programme(programme_content(s, meeting_id, issued_on=TODAY))[1],
            "notice": render_notice(notice_content(s, meeting_id, None, TODAY))[1],
            "minutes": render_minutes(minutes_content(s, meeting_id, MinutesDraft(meeting_id, (), "draft", None, 0)))[1],
        }
    return {f"{paper} {who}": box[3] - box[1] for paper, boxes in drawn.items() for who, (_page, box) in boxes.items()}


def test_every_meeting_paper_leaves_room_for_the_units_seal(store, planned, province):  # noqa: F811
    meeting, _office = planned
    usual = spaces(store, meeting.id)
    assert set(usual) == {"invitation signer", "programme signer", "notice signer", "minutes secretary",
                          "minutes chair"}
    assert all(h == pytest.approx(SIGNATURE_SPACE) for h in usual.values())  # 41 mm: the usual 36 mm seal
    keep_seal(store, province.qt.id, 44)
    larger = spaces(store, meeting.id)
    # The scan's resolution, as PNG keeps it (whole dots per metre), says 44 mm to a tenth.
    assert larger == {paper: pytest.approx(signature_space_pt(44), abs=0.3) for paper in usual}


@pytest.mark.parametrize("kept", [True, False], ids=["unit-keeps-its-40-mm-seal", "nothing-kept"])
def test_an_invitation_is_signed_with_the_units_40_mm_seal_at_its_real_size(store, planned, province, keys,  # noqa: F811
                                                                            kept):
    meeting, _office = planned
    seal = keep_seal(store, province.qt.id, 40) if kept else demo_seal_png(ORG, 40)
    with store.uow() as uow:
        add_trust_roots(uow, keys.ca_pem)
        register_certificate(uow, province.chair, keys.chair.certificate_der)
        uow.commit()
    issued = issue_meeting_paper(store, province.secretary, meeting.id, MeetingPaper.INVITATION,
                                 signer_id=province.chair)
    assert issued.request is not None
    outcome = sign_request(store, issued.request.id, province.chair, keys.chair, seal_image_png=seal,
                           signature_image_png=demo_signature_png("Nguyễn Văn Minh"))
    with store.read() as s:
        pdf = store.blobs.get(get_document(s, issued.document.id).current_version.sha256)
        note = list_versions(s, issued.document.id)[-1].note
    name = outcome.slot.field_name
    box = field_rect(pdf, name)
    drawn = drawn_images(pdf, name)[1]  # the seal, over the signature
    if kept:  # the space was sized for this seal: drawn at its real size, nothing to say
        assert box[3] - box[1] == pytest.approx(signature_space_pt(40), abs=1.0)
        assert max(drawn[0], drawn[1]) == pytest.approx(40 * MM, abs=0.6)
        assert outcome.seal_note is None and "nhỏ hơn" not in note
    else:  # the usual 41 mm space: the 40 mm seal drawn at 39 mm, and the signature says so
        assert box[3] - box[1] == pytest.approx(SIGNATURE_SPACE, abs=1.0)
        assert max(drawn[0], drawn[1]) == pytest.approx(SIGNATURE_SPACE - 6, abs=0.6)
        assert outcome.seal_note is not None and "con dấu vẽ 39 mm, nhỏ hơn kích thước thật 40 mm" in note
    assert verify_document(store, issued.document.id).report.verdict == "valid"
    blocks = pdfsig_blocks(pdfsig(pdf))
    assert len(blocks) == 1 and "Signature is Valid." in blocks[0]
