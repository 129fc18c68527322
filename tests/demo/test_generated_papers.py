"""Every paper Nghị Sự generates embeds every font it uses and says nothing in English.

A PDF with a font that is not embedded (reportlab's default Helvetica, named on every page
unless the canvas starts in our own serif) cannot be archived as PDF/A-2b and looks different
on each reader; an English line on an official Vietnamese paper is a defect a reviewer sees at
once. Each generator runs once on the demo store; ``qpdf --check``, poppler's ``pdffonts``
and ``pdftotext`` read the result back. (veraPDF, the PDF/A validator, is a Java program
with no Debian or PyPI package: it cannot be installed on this machine.)
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from demo.samples import SampleSpec, generate_pdf
from demo.store import create_demo
from documents.classified.placeholder import classified_placeholder_pdf
from documents.library import get_document
from meetings.book import compile_meeting_book
from meetings.lifecycle import get_meeting
from meetings.papers.conclusions import draw_conclusion_notice, issue_conclusion_notice
from meetings.papers.invitation import attendance_content, invitation_content, programme_content
from meetings.papers.meeting_papers_pdf import render_attendance_sheets, render_invitation, render_programme
from meetings.papers.minutes import get_minutes, minutes_content
from meetings.papers.minutes_pdf import render_minutes
from signing.keys.signing_keys import load_pkcs12
from signing.pdf.appearance import demo_seal_png, demo_signature_png
from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf
from store.clock import FixedClock
from store.engine import open_store
from store.location import StoreLocation
from tests.signing.pki import FIXED_NOW, ORG, P12_PASSWORD, build_office_pki

TODAY = date(2026, 11, 28)

#: Words that only English puts on a page (none is a Vietnamese syllable without its marks).
ENGLISH = re.compile(r"\b(the|and|of|not|draft|signed|signature|classified|encrypted|page|with|your|key|open|"
                     r"minutes|meeting|for|invitation|agenda|attendance|notice|please|date|time)\b", re.IGNORECASE)


def fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, emb) for every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        # name type [encoding words...] emb sub uni object ID: the flags are the 5th-3rd from the end.
        rows.append((cols[0], cols[-5]))
    return rows


def page_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def assert_archivable_vietnamese(path: Path) -> None:
    """qpdf finds the structure sound, pdffonts every font embedded, pdftotext no English."""
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, f"{path.name}: qpdf --check: {checked.stdout[-400:]} {checked.stderr[-400:]}"
    listed = fonts(path)
    assert listed, f"{path.name}: no font at all"
    not_embedded = [name for name, emb in listed if emb != "yes"]
    assert not not_embedded, f"{path.name}: fonts not embedded: {not_embedded}"
    english = sorted({m.group(0) for m in ENGLISH.finditer(page_text(path))})
    assert not english, f"{path.name}: English on the page: {english}"


def get_meeting_of(store, meeting_id):
    with store.read() as s:
        return get_meeting(s, meeting_id)


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, Path]:
    """name → a PDF from each generator, written to a folder of its own."""
    folder = tmp_path_factory.mktemp("papers")
    store = open_store(StoreLocation(home=folder / "store"), clock=FixedClock(FIXED_NOW), create=True)
    report = create_demo(store, scheme="2019")
    out: dict[str, bytes] = {}
    november = report.meeting_ids["province-november"]
    with store.read() as s:
        minutes = get_minutes(s, november)
        assert minutes is not None and minutes.document_id is not None
        out["bien-ban-da-ky"] = store.blobs.get(get_document(s, minutes.document_id).current_version.sha256)
        out["bien-ban-du-thao"] = render_minutes(minutes_content(s, november, minutes))[0]
    december = report.meeting_ids["province"]
    with store.read() as s:
        out["giay-moi"] = render_invitation(invitation_content(s, december, issued_on=TODAY))[0]
        out["giay-moi-rieng"] = render_invitation(invitation_content(
            s, december, issued_on=TODAY, for_person_id=get_meeting(s, december).participants[1].person_id))[0]
        out["chuong-trinh"] = render_programme(programme_content(s, december, issued_on=TODAY, number="05/CTr-UBND"))[0]
        out["danh-sach-dai-bieu"] = render_attendance_sheets(attendance_content(s, december))
    secretary = next(p.person_id for p in get_meeting_of(store, november).participants if p.role == "secretary")
    notice = issue_conclusion_notice(store, secretary, november)
    out["thong-bao-ket-luan"] = store.blobs.get(notice.current_version.sha256)
    out["thong-bao-du-thao"] = draw_conclusion_notice(store, november)
    book = folder / "tap-tai-lieu.pdf"
    compile_meeting_book(store, report.meeting_ids["province"], book, watermark_for="Nguyễn Văn Minh")
    out["tap-tai-lieu"] = book.read_bytes()
    out["trang-thay-the-tai-lieu-mat"] = classified_placeholder_pdf("Báo cáo tình hình an ninh", "12/BC-CA", "mật")
    sample = generate_pdf(SampleSpec(number="05/TTr-UBND", issuing_agency=ORG, pages=2, seed=1))
    pki = build_office_pki()
    out["chu-ky-co-anh"] = sign_pdf(sample, load_pkcs12(pki.chair.p12, P12_PASSWORD), SignRequest(
        field_name="ChuTich", signer=SignerDisplay(pki.chair.full_name, pki.chair.position, ORG), at=FIXED_NOW,
        signature_image_png=demo_signature_png(pki.chair.full_name), seal_image_png=demo_seal_png(ORG)))
    store.close()
    paths = {}
    for name, data in out.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    return paths


@pytest.mark.parametrize("name", ["bien-ban-da-ky", "bien-ban-du-thao", "thong-bao-ket-luan", "tap-tai-lieu",
                                  "trang-thay-the-tai-lieu-mat", "chu-ky-co-anh", "giay-moi", "giay-moi-rieng",
                                  "chuong-trinh", "danh-sach-dai-bieu", "thong-bao-du-thao"])
def test_every_generated_paper_embeds_its_fonts_and_has_no_english(papers, name):
    assert_archivable_vietnamese(papers[name])


def test_the_classified_stand_in_says_in_vietnamese_how_to_read_it(papers):
    text = page_text(papers["trang-thay-the-tai-lieu-mat"])
    assert "TÀI LIỆU MẬT" in text and "khóa cá nhân" in text
    assert "Classified" not in text


def test_the_checker_sees_an_unembedded_font_and_an_english_line(tmp_path):
    """The check above can fail: reportlab's default canvas names Helvetica and does not embed it."""
    from reportlab.pdfgen import canvas

    bad = tmp_path / "bad.pdf"
    c = canvas.Canvas(str(bad))
    c.drawString(72, 720, "Draft, not signed")
    c.showPage()
    c.save()
    with pytest.raises(AssertionError, match="not embedded"):
        assert_archivable_vietnamese(bad)
    assert ENGLISH.search(page_text(bad))
