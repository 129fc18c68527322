"""The organisation's seal at its real size (Decree 30 §5, ô 8: "at the seal's real size ... covering
about a third of the signer's image on its left side"), on both backends where the store is used.

The seal's widget is a square of the seal's real size (mm → pt): from the PNG's resolution (pHYs, a
scan at 100 %), else from the diameter the office kept with the image, else 36 mm. It lies over the
left third of the signer's image, centred on its height, and never over the page's text: a document
Nghị Sự writes leaves room for it between the title and the name; a block without that room is
refused at approval in one line, and the seal is never drawn smaller to fit. Read back from the
released file; every signature stays valid (our verifier and poppler's pdfsig)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

from documents.papers import typeset as ts
from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs
from register.outgoing.page_text import check_clear, text_rects
from register.outgoing.placement import MM, Placement, SealLook, seal_over
from register.outgoing.queries import load_outgoing, released_version
from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing
from register.outgoing.release_pdf import ink_in_seal
from signing.keys.trust_roots import TrustRoots
from signing.pdf.appearance import StampContent, demo_seal_png, demo_signature_png, plan_stamp
from signing.pdf.stamp_images import seal_size_pt, signature_ink_box
from signing.stamp_library import StampKind, get_stamp_image, seal_mm_of, set_stamp_image
from signing.verify.service import verify_pdf
from store.errors import InvalidInput
from tests.conftest import START
from tests.register.outgoing_world import make_keys, register_keys
from tests.register.test_outgoing import draft, pdfsig
from tests.register.test_seal_placement import widgets

SIGNER, SEAL = "ChuKy_NguoiKy", "ChuKy_CoQuan"
ORG = "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"


#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.fixture(scope="module")
def keys():
    return make_keys()


def without_resolution(png: bytes) -> bytes:
    """The same picture with no pHYs chunk: a PNG that does not say its size."""
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).save(out, "PNG")
    return out.getvalue()


def square_signature() -> bytes:
    """A signature as tall as it is wide (a monogram), unlike the usual one: it sits elsewhere."""
    img = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((40, 40, 360, 360), outline=(14, 45, 160, 255), width=14)
    draw.line((60, 340, 340, 60), fill=(14, 45, 160, 255), width=14)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def overlapping_text(pdf: bytes, page_ix: int, box) -> list:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [r for r in text_rects(doc, page_ix)
                if r[0] < box[2] - 0.5 and box[0] < r[2] - 0.5 and r[1] < box[3] - 0.5 and box[1] < r[3] - 0.5]
    finally:
        doc.close()


def assert_real_size_over_the_left_third(final: bytes, layout: dict, seal_mm: float) -> None:
    """The seal's /Rect is the seal's real size; the signer's image, as the signed file draws it,
    has its left third under the seal's right edge and its middle at the seal's middle."""
    fields = widgets(final)
    (sig_page, _sig), (seal_page, seal) = fields[SIGNER], fields[SEAL]
    assert seal_page == sig_page
    side = seal_mm * MM
    assert seal[2] - seal[0] == pytest.approx(side, abs=0.6) and seal[3] - seal[1] == pytest.approx(side, abs=0.6)
    ink = ink_in_seal(final, Placement.from_json(layout))  # the signer's image, in the seal's box
    assert ink is not None
    ix, iy, iw, ih = ink
    assert 0 < ix < seal[2] - seal[0]  # the seal begins left of the image and reaches into it
    assert ix + iw / 3 == pytest.approx(seal[2] - seal[0], abs=1.0)  # ... to a third of it
    assert iy + ih / 2 == pytest.approx((seal[3] - seal[1]) / 2, abs=1.0)  # centred on its height
    assert overlapping_text(final, seal_page, seal) == []  # never over the page's words
    check_clear(final, Placement.from_json(layout))


def release_with(store, office, keys, *, seal: bytes, diameter_mm=None, signature: bytes | None = None,
                 sign_with: bytes | None = None) -> tuple[bytes, dict, dict]:
    """Keep the images, approve, sign, release: the released file, the layout approval fixed and
    the layout after signing."""
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    with store.uow(office.clerk) as uow:
        if signature is not None:
            set_stamp_image(uow, StampKind.SIGNATURE, office.leader, signature)
        set_stamp_image(uow, StampKind.SEAL, office.province, seal, diameter_mm=diameter_mm)
        uow.commit()
    info = draft(store, office)
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, info.id)
        uow.commit()
    with store.read() as s:
        approved = dict(load_outgoing(s, info.id).layout)
    sign_outgoing(store, info.id, office.leader, keys.leader, signature_image_png=sign_with)
    release_outgoing(store, info.id, office.clerk, keys.clerk)
    with store.read() as s:
        final = store.blobs.get(released_version(s, info.id).sha256)
        layout = dict(load_outgoing(s, info.id).layout)
    report = verify_pdf(final, trust=TrustRoots.from_pem_or_der(keys.ca_pem))
    assert report.verdict == "valid", report.to_json()
    return final, approved, layout


# --- the size ---------------------------------------------------------------------------------


def test_the_demo_seal_records_its_real_size_and_a_kept_diameter_stands_in_for_a_missing_one():
    assert seal_size_pt(demo_seal_png(ORG)) == pytest.approx(36 * MM, abs=0.3)
    assert seal_size_pt(demo_seal_png(ORG, 40)) == pytest.approx(40 * MM, abs=0.3)
    bare = without_resolution(demo_seal_png(ORG))
    assert seal_size_pt(bare) == pytest.approx(36 * MM)  # the usual size [unverified]
    assert seal_size_pt(bare, 33) == pytest.approx(33 * MM)


@pytest.mark.parametrize("seal_mm", [36.0, 40.0, 32.5])
def test_the_seal_field_is_the_seal_over_the_left_third_of_the_signature(seal_mm):
    signature = (300.0, 100.0, 517.0, 216.0)
    png = demo_signature_png("Nguyễn Văn Minh")
    seal = seal_over(signature, SealLook(seal_mm, png))
    assert seal[2] - seal[0] == pytest.approx(seal_mm * MM, abs=0.5) and seal[3] - seal[1] == seal[2] - seal[0]
    x, y, w, h = signature_ink_box(png, signature[2] - signature[0], signature[3] - signature[1])
    ink_left, ink_mid = signature[0] + x, signature[1] + y + h / 2
    assert seal[2] == pytest.approx(ink_left + w / 3, abs=0.6)
    assert (seal[1] + seal[3]) / 2 == pytest.approx(ink_mid, abs=0.6)
    # In a 41 mm space the image is centred between the title and the name, and the usual seal
    # stays inside it.
    if seal_mm == 36.0:
        assert ink_mid == pytest.approx((signature[1] + signature[3]) / 2, abs=1.0)
        assert signature[1] <= seal[1] and seal[3] <= signature[3]


def test_the_signers_own_stamp_draws_a_seal_at_its_real_size_in_the_papers_space():
    """The meeting papers (and the documents Nghị Sự writes) leave 116 pt between title and name:
    a chair's stamp with both images draws the 36 mm seal at 36 mm, not shrunk to the box."""
    content = StampContent("Nguyễn Văn Minh", "Chủ tịch", ORG, START, signature_image_png=demo_signature_png("Minh"),
                           seal_image_png=demo_seal_png(ORG))
    signature, seal = plan_stamp(content, 214, 116, text_pdf=False).images
    assert max(seal.width, seal.height) == pytest.approx(36 * MM, abs=0.3)
    assert seal.x + seal.width == pytest.approx(signature.x + signature.width / 3, abs=0.6)
    assert seal.y + seal.height / 2 == pytest.approx(signature.y + signature.height / 2, abs=0.6)
    assert seal.y >= 0 and seal.y + seal.height <= 116


def test_a_generated_document_leaves_room_for_the_seal_between_the_title_and_the_name():
    for seal_mm in (None, 42.0):
        pdf, where = render_document(DocumentContent(
            agency="Ủy ban nhân dân tỉnh Quảng Trị", type_name="Quyết định", subject="Quy chế làm việc",
            paragraphs=tuple(sample_paragraphs("quy chế làm việc")), block_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            signer_name="Nguyễn Văn Minh", seal_mm=seal_mm))
        look = SealLook(seal_mm or 36.0, demo_signature_png("Nguyễn Văn Minh"))
        seal = seal_over(where.signature, look)
        check_clear(pdf, Placement(where.number, where.date, where.signature_page, where.signature, seal))
        assert where.signature[1] <= seal[1] and seal[3] <= where.signature[3]


def _block(gap: float) -> bytes:
    """A page whose signature block leaves ``gap`` points between the title and the name."""
    ts.register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, initialFontName=ts.FONT)
    c.setFont(ts.FONT_BOLD, 13)
    c.drawString(90, 760, "Số:      /QĐ-UBND")
    c.drawString(360, 300 + gap, "CHỦ TỊCH")
    c.drawString(345, 290, "Nguyễn Văn Minh")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_block_without_room_for_the_real_seal_is_refused_in_one_line_saying_how_much_to_leave():
    from register.outgoing.page_text import placement_from_text

    tight = _block(80)  # about 25 mm: room for the signature, not for a 36 mm seal
    where = placement_from_text(tight, "Nguyễn Văn Minh")
    with pytest.raises(InvalidInput, match=r"Con dấu của cơ quan, đóng đúng kích thước thật \(36 mm\)") as refused:
        check_clear(tight, where)
    assert "che chữ" in str(refused.value) and "ít nhất 39 mm" in str(refused.value)
    assert "\n" not in str(refused.value) and "a stamp never covers the content" in refused.value.en
    roomy = _block(140)  # about 49 mm
    check_clear(roomy, placement_from_text(roomy, "Nguyễn Văn Minh"))


# --- kept with the image ------------------------------------------------------------------------


def test_the_diameter_is_kept_with_a_seal_whose_png_does_not_say_its_size(store, office):
    bare = without_resolution(demo_seal_png(ORG))
    with store.uow(office.clerk) as uow:
        assert seal_mm_of(uow.session, office.province) == 36.0  # nothing kept: the usual size
        kept = set_stamp_image(uow, StampKind.SEAL, office.province, bare, diameter_mm=34)
        uow.commit()
    assert kept.seal_mm == 34
    with store.read() as s:
        assert get_stamp_image(s, StampKind.SEAL, office.province).seal_mm == 34
        assert seal_mm_of(s, office.province) == 34
    with store.uow(office.clerk) as uow:  # a scan at 100 % says its own size; no number needed
        assert set_stamp_image(uow, StampKind.SEAL, office.province, demo_seal_png(ORG, 38)).seal_mm == \
            pytest.approx(38, abs=0.1)
        uow.commit()
    with store.read() as s:
        assert seal_mm_of(s, office.province) == pytest.approx(38, abs=0.1)


@pytest.mark.parametrize(("png", "diameter", "says"), [
    (demo_seal_png(ORG, 36), 40, "khác đường kính 40 mm đã nhập"),
    (demo_seal_png(ORG), 80, "ngoài khoảng 20–50 mm"),
], ids=["scan-disagrees", "no-seal-is-that-big"])
def test_a_diameter_that_cannot_be_the_seals_is_refused(store, office, png, diameter, says):
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput, match=says) as refused:
        set_stamp_image(uow, StampKind.SEAL, office.province, png, diameter_mm=diameter)
    assert "\n" not in str(refused.value)
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput, match="Chỉ ảnh con dấu"):
        set_stamp_image(uow, StampKind.SIGNATURE, office.leader, demo_signature_png("Minh"), diameter_mm=36)


def test_an_exported_png_at_72_dpi_takes_the_diameter_the_office_gives(store, office):
    out = io.BytesIO()
    Image.open(io.BytesIO(demo_seal_png(ORG))).save(out, "PNG", dpi=(72, 72))  # 148 mm "across"
    with store.uow(office.clerk) as uow:
        with pytest.raises(InvalidInput, match="hoặc nhập đường kính"):
            set_stamp_image(uow, StampKind.SEAL, office.province, out.getvalue())
        assert set_stamp_image(uow, StampKind.SEAL, office.province, out.getvalue(), diameter_mm=35).seal_mm == 35


# --- released -------------------------------------------------------------------------------------


def test_the_released_seal_is_its_scans_real_size_over_the_left_third_of_the_signature(store, office, keys,
                                                                                       tmp_path):
    final, approved, layout = release_with(store, office, keys, seal=demo_seal_png(ORG, 38),
                                           signature=demo_signature_png("Nguyễn Văn Minh"))
    assert approved["seal"] == layout["seal"]  # the kept image was signed with: nothing moved
    assert_real_size_over_the_left_third(final, layout, 38)
    blocks = pdfsig(final, tmp_path).split("Signature #")[1:]
    assert len(blocks) == 3 and all("Signature is Valid" in b for b in blocks)


def test_the_released_seal_is_the_diameter_kept_with_a_png_that_does_not_say_its_size(store, office, keys,
                                                                                        tmp_path):
    final, _approved, layout = release_with(store, office, keys, seal=without_resolution(demo_seal_png(ORG)),
                                            diameter_mm=33, signature=demo_signature_png("Nguyễn Văn Minh"))
    assert_real_size_over_the_left_third(final, layout, 33)
    blocks = pdfsig(final, tmp_path).split("Signature #")[1:]
    assert len(blocks) == 3 and all("Signature is Valid" in b for b in blocks)


def test_signing_with_another_image_moves_the_seal_field_before_the_certification(store, office, keys, tmp_path):
    """No image kept at approval (a signature of the usual shape is assumed); the signer signs with
    a square monogram, which sits elsewhere: the seal field follows it before the certification,
    so the seal still covers its left third and every signature is valid."""
    final, approved, layout = release_with(store, office, keys, seal=demo_seal_png(ORG), sign_with=square_signature())
    assert approved["seal"] != layout["seal"]
    assert_real_size_over_the_left_third(final, layout, 36)
    blocks = pdfsig(final, tmp_path).split("Signature #")[1:]
    assert len(blocks) == 3 and all("Signature is Valid" in b for b in blocks)
