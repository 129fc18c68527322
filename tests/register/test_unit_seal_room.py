"""A document Nghị Sự writes leaves room for the issuing unit's own seal, not only for the usual
36 mm one: the generator asks the stamp library for the seal's size (``with_unit_seal``), sizes the
space between the signer's title and name from it, and the release then stamps the seal at its
real size, clear of the page's words by a margin. On both backends; every signature stays valid
(our verifier and poppler's pdfsig)."""

from __future__ import annotations

import pytest

from documents.intake.service import inspect_pdf
from register.outgoing.drafts import draft_outgoing
from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs, with_unit_seal
from register.outgoing.page_text import check_clear
from register.outgoing.placement import MM, Placement, SealLook, seal_over
from register.outgoing.queries import load_outgoing, released_version
from register.outgoing.records import Authority, VersionKind
from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing
from signing.keys.trust_roots import TrustRoots
from signing.pdf.appearance import demo_seal_png, demo_signature_png
from signing.pdf.page_words import pdfium_document, text_rects
from signing.stamp_library import StampKind, set_stamp_image
from signing.verify.service import verify_pdf
from store.errors import InvalidInput
from tests.register.outgoing_world import make_keys, register_keys
from tests.register.test_outgoing import pdfsig
from tests.register.test_seal_size import SEAL, assert_real_size_over_the_left_third, widgets

ORG = "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"
SIGNER = "Nguyễn Văn Minh"
#: What a real-size seal keeps clear of the title above it and the name below it, at least (pt): the
#: 4 pt the space leaves on each side, less the whole points the seal's field is rounded to.
CLEARANCE = 3.0


#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.fixture(scope="module")
def keys():
    return make_keys()


def content() -> DocumentContent:
    subject = "Quy chế làm việc của Ủy ban nhân dân tỉnh"
    return DocumentContent(agency="Ủy ban nhân dân tỉnh Quảng Trị", type_name="Quyết định", subject=subject,
                           paragraphs=tuple(sample_paragraphs(subject)), block_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                           signer_name=SIGNER, recipients=("Như Điều 3", "Lưu: VT, VP"))


def clearance(pdf: bytes, page: int, seal: tuple[float, float, float, float]) -> float:
    """How far the seal's square stays from the nearest words above or below it (the title and
    the name) among the words it spans across, in points."""
    with pdfium_document(pdf) as doc:
        words = [r for r in text_rects(doc, page) if r[0] < seal[2] and seal[0] < r[2]]
    above = min(r[1] for r in words if r[1] >= (seal[1] + seal[3]) / 2) - seal[3]
    below = seal[1] - max(r[3] for r in words if r[3] <= (seal[1] + seal[3]) / 2)
    return min(above, below)


def keep_seal(store, office, seal_mm: float) -> None:
    with store.uow(office.clerk) as uow:
        set_stamp_image(uow, StampKind.SEAL, office.province, demo_seal_png(ORG, seal_mm))
        set_stamp_image(uow, StampKind.SIGNATURE, office.leader, demo_signature_png(SIGNER))
        uow.commit()


@pytest.mark.parametrize("seal_mm", [40.0, 44.0])
def test_a_unit_with_a_larger_seal_gets_the_room_for_it_and_releases_it_at_its_real_size(store, office, keys,
                                                                                         tmp_path, seal_mm):
    keep_seal(store, office, seal_mm)
    with store.read() as s:
        sized = with_unit_seal(s, office.province, content())
    assert sized.seal_mm == pytest.approx(seal_mm, abs=0.1)
    pdf, where = render_document(sized)
    # The space between the title and the name takes the seal and 4 pt on each side ...
    assert where.signature[3] - where.signature[1] >= seal_mm * MM + 8 - 0.01
    look = SealLook(seal_mm, demo_signature_png(SIGNER))
    placed = Placement(where.number, where.date, where.signature_page, where.signature, seal_over(where.signature, look))
    check_clear(pdf, placed)
    assert clearance(pdf, where.signature_page, placed.seal) >= CLEARANCE  # ... and clears the words by a margin
    # The space left for the usual seal does not: the seal reaches the title (40 mm) or is refused (44 mm).
    usual, at = render_document(content())
    tight = Placement(at.number, at.date, at.signature_page, at.signature, seal_over(at.signature, look))
    if seal_mm == 40.0:
        assert clearance(usual, at.signature_page, tight.seal) < CLEARANCE
    else:
        with pytest.raises(InvalidInput, match=r"đóng đúng kích thước thật \(44 mm\)"):
            check_clear(usual, tight)

    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    with store.uow(office.drafter) as uow:
        info = draft_outgoing(uow, inspect_pdf(pdf), filename="quy-che.pdf", doc_type="QĐ", subject=sized.subject,
                              drafting_unit_id=office.office, signer_id=office.leader, authority=Authority.TM,
                              recipients=["VG"], layout=where.as_json())
        uow.commit()
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, info.id)  # the seal's field at its real size, checked against the page's text
        uow.commit()
    sign_outgoing(store, info.id, office.leader, keys.leader)  # the kept images
    release_outgoing(store, info.id, office.clerk, keys.clerk)  # the unit's kept seal, at the size kept with it
    with store.read() as s:
        version = released_version(s, info.id)
        final = store.blobs.get(version.sha256)
        layout = dict(load_outgoing(s, info.id).layout)
    assert version.kind == VersionKind.RELEASED and "nhỏ hơn kích thước thật" not in (version.note or "")
    assert_real_size_over_the_left_third(final, layout, seal_mm)  # its /Rect, over the left third, no text under it
    page, seal = widgets(final)[SEAL]
    assert clearance(final, page, seal) >= CLEARANCE
    assert verify_pdf(final, trust=TrustRoots.from_pem_or_der(keys.ca_pem)).verdict == "valid"
    blocks = pdfsig(final, tmp_path).split("Signature #")[1:]
    assert len(blocks) == 3 and all("Signature is Valid" in b for b in blocks)
