"""Generated sample documents: realistic, Decree 30 shaped, and the same bytes every time."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import date

import pypdfium2 as pdfium
import pytest

from demo import samples
from demo.samples import SampleSpec


def _text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [unicodedata.normalize("NFC", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]


@pytest.mark.parametrize("kind", sorted(samples.DOC_TYPES))
def test_every_kind_is_a_valid_pdf_of_about_the_asked_length(kind, tmp_path):
    data = samples.generate_pdf(SampleSpec(doc_type=kind, number=f"12/{kind}-UBND", pages=5, seed=1))
    pages = _text(data)
    assert 4 <= len(pages) <= 6
    path = tmp_path / "s.pdf"
    path.write_bytes(data)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    assert "Nơi nhận:" in pages[-1]


def test_same_arguments_give_the_same_bytes_and_another_seed_does_not():
    spec = SampleSpec(doc_type="BC", pages=3, seed=7)
    assert samples.generate_pdf(spec) == samples.generate_pdf(spec)
    assert samples.generate_pdf(spec) != samples.generate_pdf(SampleSpec(doc_type="BC", pages=3, seed=8))


def test_tờ_trình_has_number_date_line_and_căn_cứ():
    spec = SampleSpec(doc_type="TTr", number="45/TTr-UBND", issued_on=date(2025, 3, 5), pages=3, seed=2)
    first = _text(samples.generate_pdf(spec))[0]
    assert "Số: 45/TTr-UBND" in first
    assert "Quảng Trị, ngày 05 tháng 3 năm 2025" in first
    assert "Kính gửi:" in first
    assert "Căn cứ Luật" in first
    assert "Ủy ban nhân dân tỉnh" in first


@pytest.mark.parametrize(("scheme", "units"), [
    ("2019", ("Huyện Vĩnh Linh", "Huyện Đakrông", "Huyện Hải Lăng", "Huyện Gio Linh", "Huyện Cam Lộ")),
    ("2025", ("Phường Đồng Hới", "Phường Đông Hà", "Xã Lệ Thủy", "Xã Vĩnh Linh", "Đặc khu Cồn Cỏ")),
])
def test_báo_cáo_has_tables_of_figures_by_local_unit_of_its_map(scheme, units):
    spec = SampleSpec(doc_type="BC", number="08/BC-UBND", pages=8, seed=4, scheme=scheme)
    text = "\n".join(_text(samples.generate_pdf(spec)))
    assert "GRDP (%)" in text  # a column head
    assert "Toàn tỉnh" in text
    assert any(u in text for u in units)


def test_papers_on_todays_map_name_wards_communes_and_todays_departments():
    """Since 1 July 2025 there are no districts and no Sở Kế hoạch và Đầu tư (merged into Sở Tài chính)."""
    docs = samples.generate_corpus(8, 24, seed=5)
    text = " ".join(" ".join(t for d in docs for t in [d.spec.issuing_agency, d.spec.subject, *_text(d.data)]).split())
    assert "huyện" not in text.lower() and "thị xã" not in text and "Kế hoạch và Đầu tư" not in text
    assert "xã, phường, đặc khu" in text and "Sở Tài chính" in text
    assert "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025" in text
    old = " ".join(" ".join(_text(samples.generate_pdf(SampleSpec(doc_type="TTr", pages=3, seed=2, scheme="2019")))).split())
    assert "các huyện, thị xã, thành phố" in old and "Tờ trình số 87/TTr-SKHĐT" in old


def test_an_unknown_scheme_is_refused():
    with pytest.raises(ValueError, match="1975"):
        samples.generate_pdf(SampleSpec(scheme="1975"))


def test_page_numbers_are_centred_at_the_top_from_page_two():
    pdf = pdfium.PdfDocument(samples.generate_pdf(SampleSpec(doc_type="KH", pages=4, seed=3)))
    width, height = pdf[0].get_size()
    for index in range(len(pdf)):
        top_band = pdf[index].get_textpage().get_text_bounded(0, height - 50, width, height).strip()
        if index == 0:
            assert top_band == ""
        else:
            assert top_band == str(index + 1)


def test_draft_resolution_says_dự_thảo_and_has_articles():
    text = "\n".join(_text(samples.generate_pdf(SampleSpec(doc_type="NQ", number="20/NQ-HĐND", pages=3, seed=5))))
    assert "DỰ THẢO" in text
    assert "QUYẾT NGHỊ:" in text
    assert "Điều 1." in text


def test_corpus_hits_the_page_target_roughly_and_is_deterministic():
    docs = samples.generate_corpus(12, 60, seed=3)
    assert len(docs) == 12
    total = sum(len(pdfium.PdfDocument(d.data)) for d in docs)
    assert 48 <= total <= 72
    assert {d.spec.doc_type for d in docs} >= {"TTr", "BC", "NQ"}
    assert [d.data for d in samples.generate_corpus(12, 60, seed=3)] == [d.data for d in docs]
    assert len({d.spec.number for d in docs}) == 12
