"""A seal the signer's own stamp draws (``--seal-image``) in a field the signing workflow laid out
itself, at the bottom of the last page of a PDF without a layout: the field is as tall as the
unit's seal at its real size needs when the page's text leaves room there, so the seal is drawn
at its real size; where the text does not leave room, the field keeps its 95 pt (never over the
words) and the signature says the seal was drawn smaller, in the outcome, the version's note and
the command line. On both backends; every signature stays valid (our verifier and pdfsig)."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from documents.library import list_versions
from documents.records import DocumentMeta
from meetings.materials import import_material
from signing.document_verification import verify_document
from signing.pdf.appearance import demo_seal_png, demo_signature_png, font_path
from signing.pdf.fields import SLOT_HEIGHT
from signing.pdf.page_words import clear_of_text
from signing.pdf.stamp_images import MM, signature_space_pt
from signing.stamp_library import StampKind, set_stamp_image
from signing.workflow import request_signatures, sign_request
from tests.meetings.conftest import meeting, province  # noqa: F401 (fixtures)
from tests.signing.pki import P12_PASSWORD, make_pdf, pdfsig, pdfsig_blocks
from tests.signing.test_workflow import keys, make_office  # noqa: F401 (fixtures)

ORG = "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"
_DRAWN = re.compile(rb"([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm /NghisuImg(\d) Do")


#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.fixture
def office(store, province, meeting, keys):  # noqa: F811
    return make_office(store, province, meeting.id, keys)


def without_resolution(png: bytes) -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).save(out, "PNG")
    return out.getvalue()


def tight_page() -> bytes:
    """One A4 page whose last lines reach down to 157 pt on the right, just above where the usual
    95 pt field ends (152 pt) and below where a field for a 36 mm seal would end (173 pt)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "TestSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSerif", str(font_path())))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    c.setFont("TestSerif", 13)
    c.drawString(85, 760, "Biên bản kiểm tra công trình đê biển")
    for i, y in enumerate(range(640, 150, -20)):
        c.drawString(85, y, f"{i + 1}. Nội dung kiểm tra, kết quả và kiến nghị của đoàn kiểm tra (dòng {i + 1}).")
    c.showPage()
    c.save()
    return buf.getvalue()


def field_rect(pdf: bytes, name: str) -> tuple[float, float, float, float]:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for annot in page.get("/Annots") or []:
                if str(annot.get("/T", "")) == name:
                    x1, y1, x2, y2 = (float(v) for v in annot.Rect)
                    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    raise AssertionError(f"no field {name}")


def drawn_images(pdf: bytes, name: str) -> dict[int, tuple[float, float, float, float]]:
    """Image number → (width, height, x, y) as the field's appearance draws it (our stamp draws
    the signature as /NghisuImg0 and the seal after it)."""
    found: dict[int, tuple[float, float, float, float]] = {}

    def walk(xobject, depth: int = 0) -> None:
        for w, h, x, y, ix in _DRAWN.findall(xobject.read_bytes()):
            found.setdefault(int(ix), (float(w), float(h), float(x), float(y)))
        for child in ((xobject.get("/Resources") or {}).get("/XObject") or {}).values():
            if depth < 3 and child.get("/Subtype") == "/Form":
                walk(child, depth + 1)

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for annot in page.get("/Annots") or []:
                if str(annot.get("/T", "")) == name:
                    walk(annot.AP.N)
    return found


def request_and_sign(store, office, doc_id: int, seal: bytes):
    with store.uow(office.secretary) as uow:
        req = request_signatures(uow, doc_id, [office.chair], reason="Ký xác nhận")
        uow.commit()
    outcome = sign_request(store, req.id, office.chair, office.keys[office.chair], seal_image_png=seal,
                           signature_image_png=demo_signature_png("Nguyễn Văn Minh"))
    pdf = store.blobs.get(outcome.document.current_version.sha256)
    return outcome, pdf


def assert_valid(store, doc_id: int, pdf: bytes) -> None:
    assert verify_document(store, doc_id).report.verdict == "valid"
    blocks = pdfsig_blocks(pdfsig(pdf))
    assert blocks and all("Signature is Valid." in b for b in blocks)


@pytest.mark.parametrize("kept_mm", [None, 40.0], ids=["usual-seal", "unit-keeps-40-mm"])
def test_a_field_at_the_foot_of_the_page_takes_the_units_seal_at_its_real_size(store, province, office,  # noqa: F811
                                                                              kept_mm):
    seal = demo_seal_png(ORG)  # a scan of the usual 36 mm seal
    if kept_mm is not None:  # a PNG that does not say its size, kept with the diameter the office measured
        seal = without_resolution(demo_seal_png(ORG, kept_mm))
        with store.uow() as uow:
            set_stamp_image(uow, StampKind.SEAL, province.qt.id, seal, diameter_mm=kept_mm)  # the meeting's unit
            uow.commit()
    real = (kept_mm or 36.0) * MM
    outcome, pdf = request_and_sign(store, office, office.doc_id, seal)
    box = field_rect(pdf, outcome.slot.field_name)
    assert box[3] - box[1] == pytest.approx(signature_space_pt(kept_mm), abs=1.0)  # not the usual 95 pt
    assert clear_of_text(pdf, -1, [box])
    signature, drawn = (drawn_images(pdf, outcome.slot.field_name)[i] for i in (0, 1))
    assert max(drawn[0], drawn[1]) == pytest.approx(real, abs=0.6)  # the seal's ink at its real size
    assert drawn[3] >= 0 and drawn[3] + drawn[1] <= box[3] - box[1]  # inside the field
    assert drawn[2] + drawn[0] == pytest.approx(signature[2] + signature[0] / 3, abs=1.0)  # over the left third
    assert outcome.seal_note is None
    with store.read() as s:
        assert "nhỏ hơn" not in list_versions(s, office.doc_id)[-1].note
    assert_valid(store, office.doc_id, pdf)


def test_a_page_without_room_keeps_the_usual_field_and_the_signature_says_the_seal_was_drawn_smaller(
        store, office, meeting):  # noqa: F811
    doc = import_material(store, office.secretary, meeting.id, None, tight_page(),
                          DocumentMeta(title="Biên bản kiểm tra", doc_type="bien_ban"))
    outcome, pdf = request_and_sign(store, office, doc.id, demo_seal_png(ORG))
    box = field_rect(pdf, outcome.slot.field_name)
    assert box[3] - box[1] == pytest.approx(SLOT_HEIGHT, abs=1.0)  # a taller field would cover the last lines
    assert clear_of_text(pdf, -1, [box])
    drawn = drawn_images(pdf, outcome.slot.field_name)[1]
    assert max(drawn[0], drawn[1]) == pytest.approx(SLOT_HEIGHT - 6, abs=0.6)  # 89 pt: 31 mm
    assert outcome.seal_note is not None
    vi, en = outcome.seal_note
    assert "con dấu vẽ 31 mm, nhỏ hơn kích thước thật 36 mm" in vi and "ô ký chỉ cao 34 mm" in vi
    assert "smaller than its real 36 mm" in en and "\n" not in vi + en
    with store.read() as s:
        assert vi in list_versions(s, doc.id)[-1].note
    assert_valid(store, doc.id, pdf)


# --- nghisu sign: a field made at signing --------------------------------------------------------


def test_nghisu_sign_makes_the_new_field_tall_enough_for_the_seal_or_says_it_drew_it_smaller(pki, tmp_path,
                                                                                             capsys):
    from tests.signing.test_sign import _parse

    (tmp_path / "k.p12").write_bytes(pki.chair.p12)
    (tmp_path / "pw.txt").write_bytes(P12_PASSWORD + b"\n")
    (tmp_path / "seal.png").write_bytes(demo_seal_png(ORG, 38))
    for name, pdf, height, drawn_mm in (("roomy", make_pdf(1), signature_space_pt(38), 38),
                                        ("tight", tight_page(), SLOT_HEIGHT, (SLOT_HEIGHT - 6) / MM)):
        src, out = tmp_path / f"{name}.pdf", tmp_path / f"{name}-da-ky.pdf"
        src.write_bytes(pdf)
        args = _parse(["sign", str(src), "-o", str(out), "--p12", str(tmp_path / "k.p12"), "--password-file",
                       str(tmp_path / "pw.txt"), "--seal-image", str(tmp_path / "seal.png")])
        assert args.handler(args, ctx=None) == 0
        signed = out.read_bytes()
        box = field_rect(signed, "ChuKy1")
        assert box[3] - box[1] == pytest.approx(height, abs=1.0) and clear_of_text(signed, -1, [box])
        seal = drawn_images(signed, "ChuKy1")[0]  # the seal alone
        assert max(seal[0], seal[1]) == pytest.approx(drawn_mm * MM, abs=0.6)
        said = capsys.readouterr().out
        if name == "roomy":
            assert "Lưu ý" not in said
        else:
            assert "Lưu ý: con dấu vẽ 31 mm, nhỏ hơn kích thước thật 38 mm" in said and "note: the seal was drawn" in said
        blocks = pdfsig_blocks(pdfsig(signed))
        assert len(blocks) == 1 and "Signature is Valid." in blocks[0]
