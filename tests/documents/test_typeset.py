"""Decree 30 typesetting: the shipped font, date lines, and a header that reads back."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime

import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.platypus import SimpleDocTemplate

from documents.papers import typeset as ts

VIETNAMESE = "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸăâđêôơưĂÂĐÊÔƠƯàáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝ"


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2025, 3, 5), "Quảng Trị, ngày 05 tháng 3 năm 2025"),
        (date(2020, 1, 5), "Quảng Trị, ngày 05 tháng 01 năm 2020"),
        (date(2024, 2, 29), "Quảng Trị, ngày 29 tháng 02 năm 2024"),
        (date(2019, 6, 29), "Quảng Trị, ngày 29 tháng 6 năm 2019"),
        (datetime(2025, 12, 10, 14, 30), "Quảng Trị, ngày 10 tháng 12 năm 2025"),
    ],
)
def test_date_line_pads_days_below_ten_and_months_one_and_two(d, expected):
    assert ts.format_date_line("Quảng Trị", d) == expected


def test_numeric_dates_and_numbers():
    assert ts.format_date_vn(date(2025, 3, 5)) == "05/03/2025"
    assert ts.format_date_vn(datetime(2025, 11, 21, 9, 0)) == "21/11/2025"
    assert ts.format_number(5, "QĐ-UBND") == "Số: 05/QĐ-UBND"
    assert ts.format_number(45, "TTr-UBND") == "Số: 45/TTr-UBND"


@pytest.mark.parametrize("face", sorted(ts._FACES.values()))
def test_every_shipped_face_covers_vietnamese(face):
    font = TTFontFile(io.BytesIO(ts.font_bytes(face)))
    missing = [c for c in VIETNAMESE if ord(c) not in font.charToGlyph]
    assert missing == []


def test_font_licence_ships_with_the_fonts():
    from importlib import resources

    text = resources.files("resources").joinpath("fonts", "LICENSE-LiberationFonts.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in text


def test_register_fonts_is_idempotent():
    ts.register_fonts()
    ts.register_fonts()
    from reportlab.pdfbase import pdfmetrics

    assert pdfmetrics.getFont(ts.FONT_BOLD).face.name  # registered and loadable


def _header_pdf() -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=ts.PAGE_SIZE, leftMargin=ts.MARGIN_LEFT, rightMargin=ts.MARGIN_RIGHT,
                            topMargin=ts.MARGIN_TOP, bottomMargin=ts.MARGIN_BOTTOM, invariant=1)
    story = [
        ts.Decree30Header(
            "Ủy ban nhân dân tỉnh Quảng Trị",
            number_line="Số: 45/TTr-UBND",
            date_line=ts.format_date_line("Quảng Trị", date(2025, 3, 5)),
        ),
        *ts.title_block("Tờ trình", "Về việc điều chỉnh dự toán ngân sách địa phương năm 2025"),
        ts.signature_block(ts.Signer("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hà Sỹ Đồng"),
                           ["Như trên", "Thường trực HĐND tỉnh", "Lưu: VT, TH"]),
    ]
    with ts.plain_streams():
        doc.build(story)
    return buf.getvalue()


def test_header_title_and_signature_read_back_with_diacritics():
    pdf = pdfium.PdfDocument(_header_pdf())
    text = unicodedata.normalize("NFC", pdf[0].get_textpage().get_text_range())
    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 45/TTr-UBND",
        "Quảng Trị, ngày 05 tháng 3 năm 2025",
        "TỜ TRÌNH",
        "Về việc điều chỉnh dự toán ngân sách địa phương năm 2025",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, TH.",
        "KT. CHỦ TỊCH",
        "Hà Sỹ Đồng",
    ):
        assert expected in text


def test_national_name_sits_right_of_the_agency_and_the_date_under_it():
    page = pdfium.PdfDocument(_header_pdf())[0]
    tp = page.get_textpage()
    width, height = page.get_size()

    text = tp.get_text_range()

    def centre_of(needle: str) -> float:
        i = text.index(needle)
        return (tp.get_charbox(i)[0] + tp.get_charbox(i + len(needle) - 1)[2]) / 2

    text_centre = (ts.MARGIN_LEFT + width - ts.MARGIN_RIGHT) / 2
    assert centre_of("ỦY BAN NHÂN DÂN TỈNH") < text_centre < centre_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    # the motto, and the date line under it, are centred under the national name
    assert abs(centre_of("Độc lập - Tự do - Hạnh phúc") - centre_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) < 2
    assert abs(centre_of("Quảng Trị, ngày 05 tháng 3 năm 2025") - centre_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) < 2
    assert abs(centre_of("Số: 45/TTr-UBND") - centre_of("ỦY BAN NHÂN DÂN TỈNH")) < 2
    top = tp.get_charbox(text.index("CỘNG HÒA"))[3]
    assert height - top < 30 * 2.835 + 20  # within the top margin plus a line
