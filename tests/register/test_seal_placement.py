"""Where the organisation's signature shows on a released document, on both backends (Decree 30
§5, Phụ lục I: the seal image, at its real size, covers about a third of the signer's signature
image on its left side): read back from the released file, the seal's widget lies over the left
third of the signer's on the same page, and on the rendered page the red seal covers the left part of
the blue signature. The overlap is intended: the check that a stamp never covers text still
passes on the signed file. Without a seal image, the organisation's field shows nothing over
the signer's stamp. Every signature stays valid."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest
from PIL import Image

from register.outgoing.page_text import check_clear
from register.outgoing.placement import Placement
from register.outgoing.queries import load_outgoing
from signing.keys.trust_roots import TrustRoots
from signing.verify.service import verify_pdf
from tests.register.outgoing_world import (
    approve_sign_and_release,
    keep_demo_stamp_images,
    make_keys,
    register_keys,
)
from tests.register.test_outgoing import draft, pdfsig

SIGNER, SEAL = "ChuKy_NguoiKy", "ChuKy_CoQuan"


#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


def released(store, office, *, images: bool) -> tuple[bytes, dict]:
    keys = make_keys()
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    if images:
        keep_demo_stamp_images(store, office)
    info = draft(store, office)
    final = approve_sign_and_release(store, office, keys, info.id)
    with store.read() as s:
        layout = dict(load_outgoing(s, info.id).layout)
    report = verify_pdf(final, trust=TrustRoots.from_pem_or_der(keys.ca_pem))
    assert report.verdict == "valid", report.to_json()
    return final, layout


def widgets(pdf: bytes) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Per signature field: its page index and its widget's /Rect, as the released file says."""
    found = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for ix, page in enumerate(doc.pages):
            for annot in page.get("/Annots") or []:
                if annot.get("/FT") == "/Sig":
                    x1, y1, x2, y2 = (float(v) for v in annot.Rect)
                    found[str(annot.T)] = (ix, (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
    return found


def ink_columns(pdf: bytes, page_ix: int, box, tmp_path) -> tuple[list[int], list[int]]:
    """The page rendered at 72 dpi (1 px = 1 pt): the x positions, in points, of the blue
    signature ink and of the red seal ink inside ``box``."""
    path = tmp_path / "released.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "72", "-f", str(page_ix + 1), "-l", str(page_ix + 1), "-png", str(path),
                    str(tmp_path / "page")], check=True, timeout=60)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        height = float(doc.pages[page_ix].mediabox[3])
    blue, red = [], []
    for x in range(int(box[0]), int(box[2])):
        for y in range(int(height - box[3]), int(height - box[1])):
            r, g, b = image.getpixel((x, y))
            if b > 110 and r < 90 and g < 110:
                blue.append(x)
            elif r > 150 and g < 100 and b < 100:
                red.append(x)
    return blue, red


def test_the_seal_lies_over_the_left_third_of_the_signers_signature(store, office, tmp_path):
    final, layout = released(store, office, images=True)
    fields = widgets(final)
    (sig_page, sig), (seal_page, seal) = fields[SIGNER], fields[SEAL]
    assert seal_page == sig_page  # on the same page
    third = sig[0] + (sig[2] - sig[0]) / 3
    assert seal[0] < third and seal[2] > sig[0], (seal, sig)  # across the signer's left third
    assert seal[1] < sig[3] and seal[3] > sig[1], (seal, sig)
    # At the seal's real size (the demo seal records 36 mm), inside the space the document left
    # between the title and the name, which was checked clear of the document's text.
    assert seal[2] - seal[0] == pytest.approx(36 * 72 / 25.4, abs=0.6) and seal[3] - seal[1] == seal[2] - seal[0]
    assert sig[1] - 0.5 <= seal[1] and seal[3] <= sig[3] + 0.5

    # What a reader sees: the red seal over the left part of the blue signature, not beside it.
    blue, red = ink_columns(final, sig_page, sig, tmp_path)
    assert blue and red
    left, right = min(blue), max(blue)
    assert min(red) < left < max(red), (left, min(red), max(red))  # the seal begins left of the ink
    assert left + 0.15 * (right - left) < max(red) < left + 0.55 * (right - left), (left, right, max(red))

    # The overlap is intended: the signer's appearance is not the document's text.
    check_clear(final, Placement.from_json(layout))
    blocks = pdfsig(final, tmp_path).split("Signature #")[1:]
    assert len(blocks) == 3 and all("Signature is Valid" in b for b in blocks)


def test_without_a_seal_image_the_organisations_field_shows_nothing_over_the_signer(store, office, tmp_path):
    final, _layout = released(store, office, images=False)
    path = tmp_path / "released.pdf"
    path.write_bytes(final)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    # The signer's own stamp, alone in its place; the number and date the organisation signed
    # are on page 1.
    assert text.count("Người ký:") == 1 and "Người ký: Nguyễn Văn Minh" in text
    assert "Số: 01/QĐ-UBND" in text
    with pikepdf.open(io.BytesIO(final)) as doc:
        for page in doc.pages:
            for annot in page.get("/Annots") or []:
                if annot.get("/FT") == "/Sig" and str(annot.T) == SEAL:
                    look = annot.AP.N
                    forms = [look, *(x for x in (look.get("/Resources") or {}).get("/XObject", {}).values())]
                    drawn = b" ".join(f.read_bytes() for f in forms if f.get("/Subtype") == "/Form")
                    assert b"Tj" not in drawn and b"TJ" not in drawn  # no words
                    assert not any(x.get("/Subtype") == "/Image" for f in forms
                                   for x in ((f.get("/Resources") or {}).get("/XObject") or {}).values())
    blocks = pdfsig(final, tmp_path).split("Signature #")[1:]
    assert len(blocks) == 3 and all("Signature is Valid" in b for b in blocks)
