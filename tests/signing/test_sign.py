"""PAdES signing on bytes: incremental updates, several signers in turn, certification, the
Decree 30 stamp, and refusals. Checked with pyHanko's validator (trusting our CA) and with
poppler's ``pdfsig``."""

from __future__ import annotations

import argparse
import io
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from signing.errors import (
    CertificateUnusable,
    CertificationNotAllowed,
    FieldAlreadySigned,
    FieldExists,
    UnreadablePdf,
    WrongPassword,
)
from signing.keys.signing_keys import load_pkcs12
from signing.pdf.appearance import (
    StampContent,
    demo_seal_png,
    demo_signature_png,
    format_signing_time,
    plan_stamp,
    render_stamp_pdf,
)
from signing.pdf.fields import default_slot_boxes
from signing.pdf.pades import FieldSlot, SignerDisplay, SignRequest, prepare_signature_fields, sign_pdf
from store.errors import InvalidInput
from tests.signing.pki import (
    FIXED_NOW,
    FIXED_NOW_VN,
    ORG,
    P12_PASSWORD,
    make_pdf,
    pdfsig,
    pdfsig_blocks,
    validate_all,
)

LOOK = Path("/tmp/sign-look")


def key_of(person):
    return load_pkcs12(person.p12, P12_PASSWORD)


def request_for(person, field: str, **kw) -> SignRequest:
    kw.setdefault("at", FIXED_NOW)
    return SignRequest(field_name=field, signer=SignerDisplay(person.full_name, person.position, ORG), **kw)


def fields_of(pdf: bytes) -> dict:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(pdf))
    return {name: (value, ref.get_object()) for name, value, ref in enumerate_sig_fields(reader)}


def test_signature_is_an_incremental_pades_update(pki, pdf3):
    signed = sign_pdf(pdf3, key_of(pki.secretary), request_for(pki.secretary, "ThuKy"))
    assert signed.startswith(pdf3) and len(signed) > len(pdf3)

    (status,) = validate_all(signed, pki.ca)
    assert status.intact and status.valid and status.trusted
    assert status.md_algorithm == "sha256"
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.signer_reported_dt == FIXED_NOW  # the injected clock, not the system's

    report = pdfsig(signed)
    assert "ETSI.CAdES.detached" in report
    assert "SHA-256" in report
    assert "Total document signed" in report
    assert "Signature is Valid." in report


def test_fields_are_prepared_up_front_on_the_last_page(pdf3):
    prepared = prepare_signature_fields(pdf3, [FieldSlot("ThuKy"), FieldSlot("PhoChuTich"), FieldSlot("ChuTich")])
    assert prepared.startswith(pdf3)
    fields = fields_of(prepared)
    assert list(fields) == ["ThuKy", "PhoChuTich", "ChuTich"]
    import pikepdf

    doc = pikepdf.open(io.BytesIO(prepared))
    last = doc.pages[-1]
    rects = [tuple(float(v) for v in a.Rect) for a in last.Annots if a.get("/FT") == "/Sig"]
    assert len(rects) == 3
    assert all(not doc.pages[0].get("/Annots") for _ in [0])
    width, height = float(last.MediaBox[2]), float(last.MediaBox[3])
    for x1, y1, x2, y2 in rects:
        assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height / 2  # lower half of the page
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], "fields overlap"
    with pytest.raises(FieldExists):
        prepare_signature_fields(prepared, [FieldSlot("ChuTich")])
    with pytest.raises(InvalidInput):
        prepare_signature_fields(pdf3, [FieldSlot("A"), FieldSlot("A")])


def test_default_boxes_put_a_lone_slot_on_the_right():
    (box,) = default_slot_boxes(595.28, 841.89, 1)
    assert box[2] == pytest.approx(595.28 - 20 * 72 / 25.4, abs=0.01)
    three = default_slot_boxes(595.28, 841.89, 3)
    assert three[0][1] == three[1][1] > three[2][1]  # two on the upper row, one below
    assert three[2][0] == three[1][0]  # the third under the second, on the right


def test_three_signers_in_turn_keep_all_three_signatures_valid(pki, pdf3):
    doc = prepare_signature_fields(pdf3, [FieldSlot("ThuKy"), FieldSlot("PhoChuTich"), FieldSlot("ChuTich")])
    turns = [(pki.secretary, "ThuKy"), (pki.deputy, "PhoChuTich"), (pki.chair, "ChuTich")]
    for n, (person, field) in enumerate(turns):
        before = doc
        doc = sign_pdf(doc, key_of(person), request_for(person, field, at=FIXED_NOW + timedelta(minutes=n)))
        assert doc.startswith(before)

    statuses = validate_all(doc, pki.ca)
    assert [s.signing_cert.subject.native["common_name"] for s in statuses] == [
        "Lê Thị Thu Hằng", "Phạm Quốc Đạt", "Nguyễn Văn Hưng"]
    for s in statuses:
        assert s.intact and s.valid and s.trusted, s.pretty_print_details()
        assert s.modification_level is None or s.modification_level.name in ("NONE", "FORM_FILLING")
    assert statuses[1].pkcs7_signature_mechanism.startswith("sha256_ecdsa") or "ecdsa" in statuses[1].pkcs7_signature_mechanism

    blocks = pdfsig_blocks(pdfsig(doc))
    assert len(blocks) == 3
    for block in blocks:
        assert "ETSI.CAdES.detached" in block
        assert "Signature is Valid." in block
    assert "Not total document signed" in blocks[0] and "Not total document signed" in blocks[1]
    assert "Total document signed" in blocks[2] and "Not total" not in blocks[2]
    (LOOK / "three-signers.pdf").parent.mkdir(parents=True, exist_ok=True)
    (LOOK / "three-signers.pdf").write_bytes(doc)


def test_certification_then_a_second_signature_stays_valid(pki, pdf3):
    from pyhanko.sign.fields import MDPPerm

    doc = prepare_signature_fields(pdf3, [FieldSlot("ThuKy"), FieldSlot("ChuTich")])
    doc = sign_pdf(doc, key_of(pki.secretary), request_for(pki.secretary, "ThuKy", certify=True))
    doc = sign_pdf(doc, key_of(pki.chair), request_for(pki.chair, "ChuTich"))

    from pyhanko.pdf_utils.reader import PdfFileReader

    embedded = PdfFileReader(io.BytesIO(doc)).embedded_signatures
    assert embedded[0].docmdp_level == MDPPerm.FILL_FORMS  # certified: fill fields, nothing else
    assert embedded[1].docmdp_level is None
    first, second = validate_all(doc, pki.ca)
    for s in (first, second):
        assert s.intact and s.valid and s.trusted
        assert s.docmdp_ok
    assert first.modification_level.name == "FORM_FILLING"
    blocks = pdfsig_blocks(pdfsig(doc))
    assert all("Signature is Valid." in b for b in blocks) and len(blocks) == 2


def test_only_the_first_signature_may_certify(pki, pdf3):
    doc = prepare_signature_fields(pdf3, [FieldSlot("ThuKy"), FieldSlot("ChuTich")])
    doc = sign_pdf(doc, key_of(pki.secretary), request_for(pki.secretary, "ThuKy"))
    with pytest.raises(CertificationNotAllowed):
        sign_pdf(doc, key_of(pki.chair), request_for(pki.chair, "ChuTich", certify=True))


def test_a_signed_field_is_not_signed_again(pki, pdf3):
    doc = sign_pdf(pdf3, key_of(pki.secretary), request_for(pki.secretary, "ThuKy"))
    with pytest.raises(FieldAlreadySigned):
        sign_pdf(doc, key_of(pki.chair), request_for(pki.chair, "ThuKy"))


def test_a_missing_field_is_created_beside_the_existing_ones(pki, pdf3):
    doc = prepare_signature_fields(pdf3, [FieldSlot("ThuKy")])
    doc = sign_pdf(doc, key_of(pki.chair), request_for(pki.chair, "ChuTich"))
    fields = fields_of(doc)
    assert set(fields) == {"ThuKy", "ChuTich"}
    assert fields["ThuKy"][0] is None and fields["ChuTich"][0] is not None
    (status,) = validate_all(doc, pki.ca)
    assert status.intact and status.valid


@pytest.mark.parametrize(
    ("which", "reason"),
    [("expired", "expired"), ("not_yet_valid", "not_yet_valid"), ("encipher_only", "key_usage")],
)
def test_unusable_certificates_are_refused_before_signing(pki, pdf3, which, reason):
    issued = getattr(pki, which)
    key = load_pkcs12(issued.to_pkcs12(P12_PASSWORD), P12_PASSWORD)
    request = SignRequest("X", SignerDisplay(issued.common_name), at=FIXED_NOW)
    with pytest.raises(CertificateUnusable) as err:
        sign_pdf(pdf3, key, request)
    assert err.value.reason == reason
    # Refused before anything else: even an unreadable document gets the certificate reason.
    with pytest.raises(CertificateUnusable):
        sign_pdf(b"not a pdf", key, request)


def test_unreadable_documents_and_bad_requests_are_refused(pki):
    key = key_of(pki.secretary)
    with pytest.raises(UnreadablePdf):
        sign_pdf(b"hello", key, request_for(pki.secretary, "A"))
    with pytest.raises(UnreadablePdf):
        sign_pdf(b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF", key, request_for(pki.secretary, "A"))
    with pytest.raises(InvalidInput):
        sign_pdf(make_pdf(1), key, replace(request_for(pki.secretary, "A"), at=FIXED_NOW.replace(tzinfo=None)))
    with pytest.raises(InvalidInput):
        sign_pdf(make_pdf(1), key, request_for(pki.secretary, "A.B"))


def test_stamp_text_keeps_vietnamese_diacritics_and_iso_time():
    content = StampContent("Nguyễn Thị Hồng Nhung", "Phó Chánh Văn phòng", "Văn phòng Ủy ban nhân dân tỉnh",
                           FIXED_NOW)
    assert format_signing_time(FIXED_NOW) == FIXED_NOW_VN
    pdf = render_stamp_pdf(content, 220, 95)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    flat = " ".join(text.split())
    for expected in ("Nguyễn Thị Hồng", "Nhung", "Phó Chánh Văn", "Ủy ban nhân dân", FIXED_NOW_VN):
        assert expected in flat, flat


def test_a_seal_over_another_fields_signature_covers_its_left_third():
    """The organisation's seal, alone in its field, over the signature the signer's field drew
    there (Decree 30 §5): its right edge a third of the way into that ink, inside its box."""
    ink = (60.0, 20.0, 90.0, 34.0)  # x, y, width, height in the seal field's box
    content = StampContent(ORG, "", "", FIXED_NOW, seal_image_png=demo_seal_png(ORG), text=False, ink_under=ink)
    (seal,) = plan_stamp(content, 108, 70, text_pdf=False).images
    assert seal.x + seal.width == pytest.approx(ink[0] + ink[2] / 3) and seal.x < ink[0]
    assert seal.y >= 0 and seal.y + seal.height <= 70 and seal.y < ink[1] + ink[3] / 2 < seal.y + seal.height
    near_edge = replace(content, ink_under=(5.0, 20.0, 90.0, 34.0))
    (kept_in,) = plan_stamp(near_edge, 108, 70, text_pdf=False).images
    assert kept_in.x == 0  # never pushed out of its field


def test_demo_images_are_transparent_pngs():
    from PIL import Image

    for png in (demo_signature_png("Nguyễn Văn Hưng"), demo_seal_png(ORG)):
        img = Image.open(io.BytesIO(png))
        assert img.format == "PNG" and img.mode == "RGBA"
        assert img.getpixel((0, 0))[3] == 0  # transparent background
        assert img.getchannel("A").getextrema()[1] == 255  # and some solid ink
    assert demo_signature_png("Nguyễn Văn Hưng") == demo_signature_png("Nguyễn Văn Hưng")


def test_visible_stamp_is_drawn_on_the_page(pki):
    """Renders the signed page into /tmp/sign-look/ so a person can look at it, and checks
    that the box holds blue signature ink, red seal ink and dark text."""
    from PIL import Image

    doc = prepare_signature_fields(make_pdf(2), [FieldSlot("ThuKy"), FieldSlot("ChuTich")])
    doc = sign_pdf(doc, key_of(pki.secretary), request_for(
        pki.secretary, "ThuKy", signature_image_png=demo_signature_png(pki.secretary.full_name)))
    doc = sign_pdf(doc, key_of(pki.chair), request_for(
        pki.chair, "ChuTich", signature_image_png=demo_signature_png(pki.chair.full_name),
        seal_image_png=demo_seal_png(ORG), reason="Phê duyệt biên bản", location="Thử Nghiệm"))
    LOOK.mkdir(parents=True, exist_ok=True)
    (LOOK / "stamp.pdf").write_bytes(doc)
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "2", "-l", "2", str(LOOK / "stamp.pdf"),
                    str(LOOK / "stamp")], check=True, timeout=60)
    page = Image.open(next(LOOK.glob("stamp-*2.png"))).convert("RGB")
    # The chair's box: the right column of the bottom row (see default_slot_boxes).
    x1, y1, x2, y2 = default_slot_boxes(595.28, 841.89, 2)[1]
    scale = 100 / 72
    crop = page.crop((int(x1 * scale), int((841.89 - y2) * scale), int(x2 * scale), int((841.89 - y1) * scale)))
    pixels = list(crop.get_flattened_data())
    red = sum(1 for r, g, b in pixels if r > 150 and g < 90 and b < 90)
    blue = sum(1 for r, g, b in pixels if b > 110 and r < 90 and g < 110)
    dark = sum(1 for r, g, b in pixels if r < 60 and g < 60 and b < 60)
    # The text is a small band under the images (the signature centred, the seal at its size):
    # fewer dark pixels than when it filled half the box; the words are read back below.
    assert red > 100 and blue > 30 and dark > 80, (red, blue, dark)
    statuses = validate_all(doc, pki.ca)
    assert all(s.intact and s.valid for s in statuses)

    # The stamp's text, read back: flatten the widgets into the page (qpdf), then pdftotext.
    flat = LOOK / "stamp-flat.pdf"
    subprocess.run(["qpdf", "--flatten-annotations=all", str(LOOK / "stamp.pdf"), str(flat)], check=True)
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(flat), "-"], capture_output=True,
                          check=True).stdout.decode()
    words = " ".join(text.split())
    for expected in ("Người ký: Lê Thị Thu", "Hằng", "Chức vụ: Thư ký", "Nguyễn Văn", "Hưng",
                     "Chức vụ: Chủ tịch", "Cơ quan: Ủy ban nhân dân", "Thời gian ký:", FIXED_NOW_VN):
        assert expected in words, words


# --- the CLI ------------------------------------------------------------------------------


def _parse(argv: list[str]) -> argparse.Namespace:
    from ui.commands import signing as cmd

    parser = argparse.ArgumentParser(prog="nghisu")
    cmd.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_signs_with_a_p12_and_a_password_file(pki, tmp_path, capsys):
    src, out = tmp_path / "bien-ban.pdf", tmp_path / "bien-ban-da-ky.pdf"
    src.write_bytes(prepare_signature_fields(make_pdf(2), [FieldSlot("ThuKy"), FieldSlot("ChuTich")]))
    (tmp_path / "k.p12").write_bytes(pki.secretary.p12)
    (tmp_path / "pw.txt").write_bytes(P12_PASSWORD + b"\n")
    args = _parse(["sign", str(src), "-o", str(out), "--p12", str(tmp_path / "k.p12"),
                   "--password-file", str(tmp_path / "pw.txt"), "--reason", "Xác nhận", "--certify"])
    assert args.handler(args, ctx=None) == 0
    signed = out.read_bytes()
    assert signed.startswith(src.read_bytes())
    assert fields_of(signed)["ThuKy"][0] is not None  # the first empty field was chosen
    assert "ThuKy" in capsys.readouterr().out
    report = pdfsig(signed)
    assert "Signature is Valid." in report and "ETSI.CAdES.detached" in report


def test_cli_refuses_wrong_password_and_overwriting(pki, tmp_path):
    src = tmp_path / "a.pdf"
    src.write_bytes(make_pdf(1))
    (tmp_path / "k.p12").write_bytes(pki.secretary.p12)
    (tmp_path / "pw.txt").write_bytes(b"sai\n")
    args = _parse(["sign", str(src), "-o", str(tmp_path / "b.pdf"), "--p12", str(tmp_path / "k.p12"),
                   "--password-file", str(tmp_path / "pw.txt")])
    with pytest.raises(WrongPassword):
        args.handler(args, ctx=None)
    assert not (tmp_path / "b.pdf").exists()
    args = _parse(["sign", str(src), "-o", str(src), "--p12", str(tmp_path / "k.p12"),
                   "--password-file", str(tmp_path / "pw.txt")])
    with pytest.raises(InvalidInput):
        args.handler(args, ctx=None)
    args = _parse(["sign", str(src), "-o", str(tmp_path / "c.pdf")])
    with pytest.raises(InvalidInput):
        args.handler(args, ctx=None)


def _nested_page_tree_pdf(pages: int = 9) -> bytes:
    """Pages 0-2 under one node, page 3 alone, pages 4-8 under a node with a sub-node."""
    import pikepdf

    src = pikepdf.open(io.BytesIO(make_pdf(pages)))
    pdf = pikepdf.new()
    objs = [pdf.copy_foreign(p.obj) for p in src.pages]

    def node(kids, count, parent=None):
        d = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages, Count=count, Kids=pikepdf.Array(kids)))
        if parent is not None:
            d.Parent = parent
        for k in kids:
            k.Parent = d
        return d

    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages, Count=9, Kids=pikepdf.Array()))
    a = node(objs[0:3], 3, root)
    b2 = node(objs[5:8], 3)
    b = node([objs[4], b2, objs[8]], 5, root)
    b2.Parent = b
    objs[3].Parent = root
    root.Kids = pikepdf.Array([a, objs[3], b])
    pdf.Root.Pages = root
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_fast_page_lookup_agrees_with_pyhanko_on_a_nested_page_tree(pki):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from signing.pdf.fields import open_incremental, walk_pages

    data = _nested_page_tree_pdf()
    ours, theirs = open_incremental(data), IncrementalPdfFileWriter(io.BytesIO(data))
    assert theirs.root["/Pages"]["/Kids"][2]["/Kids"][1]["/Type"] == "/Pages"  # really nested
    for ix in [*range(9), -1, -4, -9]:
        for parent in (False, True):
            mine, ref = walk_pages(ours, ix, parent), theirs._walk_page_tree(ix, parent)
            assert mine[0].reference == ref[0].reference
            assert not parent or mine[1] == ref[1]
    # And a field created on the last page of that document signs fine.
    signed = sign_pdf(data, key_of(pki.chair), request_for(pki.chair, "ChuTich"))
    (status,) = validate_all(signed, pki.ca)
    assert status.intact and status.valid


def test_text_outside_the_prepared_charset_still_gets_a_stamp(pki, pdf3):
    from signing.pdf.appearance import text_operations

    odd = StampContent("Nguyễn Văn Hưng", "Trưởng ban Ω", ORG, FIXED_NOW)
    assert text_operations(odd, 220, 95) is None  # falls back to a rendered text page
    assert text_operations(replace(odd, position="Trưởng ban"), 220, 95) is not None
    signed = sign_pdf(pdf3, key_of(pki.chair), SignRequest(
        "ChuTich", SignerDisplay("Nguyễn Văn Hưng", "Trưởng ban Ω", ORG), at=FIXED_NOW))
    (status,) = validate_all(signed, pki.ca)
    assert status.intact and status.valid
