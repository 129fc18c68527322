"""The register book: a Decree 30 landscape PDF with the office's heading and every registered
document in number order, fonts embedded, no English; the same rows in an .xlsx workbook."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from html import unescape as html_unescape

import pytest

from register.book.rows import OUTGOING_COLUMNS, RegisterBook, incoming_book
from register.book.service import book_format, render_book
from register.incoming.receive import receive_file
from register.incoming.records import IncomingMeta
from register.numbering import Series
from store.clock import FixedClock
from store.engine import open_store
from store.errors import InvalidInput
from store.location import StoreLocation
from tests.conftest import START
from tests.register.incoming_fixtures import build_office, signed_pdf
from tests.signing.pki import make_pdf


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    store = open_store(StoreLocation(home=tmp_path_factory.mktemp("book") / "store"), clock=FixedClock(START),
                       create=True)
    office = build_office(store)
    receive_file(store, office.province, signed_pdf(), IncomingMeta(
        "Bộ Nội vụ", "Về việc hướng dẫn công tác văn thư, lưu trữ năm 2026", "1234/BNV-VP", "cong_van",
        date(2026, 11, 20)), actor_id=office.clerk)
    for i in range(2, 40):
        receive_file(store, office.province, make_pdf(1, f"Công văn số {i}"),
                     IncomingMeta(f"Sở ban ngành {i}", f"Về việc triển khai nhiệm vụ số {i} năm 2026", f"{i}/SBN"),
                     actor_id=office.clerk)
    with store.read() as s:
        made = incoming_book(s, office.province, 2026, Series.DEN)
    store.close()
    return made


def test_the_incoming_book_lists_every_number_in_order(book):
    assert [r[1] for r in book.rows] == [f"{n:02d}" for n in range(1, 40)]
    first = book.rows[0]
    assert first[:5] == ("28/11/2026", "01", "Bộ Nội vụ", "1234/BNV-VP", "20/11/2026")
    assert first[5] == "Công văn: Về việc hướng dẫn công tác văn thư, lưu trữ năm 2026"
    assert "Chữ ký số hợp lệ" in first[8]
    assert (book.first_number, book.last_number, book.agency) == (1, 39, "Ủy ban nhân dân tỉnh Quảng Trị")


def test_the_pdf_is_landscape_with_embedded_fonts_and_the_decrees_columns(book, tmp_path):
    pdf = render_book(book, tmp_path / "so-den.pdf")
    path = tmp_path / "so-den.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(r[-5] == "yes" for r in rows), fonts  # emb column
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Số đến", "Tác giả", "Tên loại và trích yếu nội dung", "Từ số 01 đến số 39", "1234/BNV-VP"):
        assert words in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276" in info and "Pages:          1" not in info  # landscape A4, more than a page


def test_the_xlsx_holds_the_same_rows(book, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render_book(book, tmp_path / "so-den.xlsx")))
    ws = wb.active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "Ngày đến")
    heading = [row[0] for row in values[:header] if row[0]]
    assert heading[-2:] == ["Từ ngày 28/11/2026 đến ngày 28/11/2026", "Từ số 01 đến số 39"]  # as the PDF says
    assert values[header][:3] == ["Ngày đến", "Số đến", "Tác giả"]
    body = values[header + 2:]
    assert len(body) == 39 and body[0][1] == "01" and body[0][3] == "1234/BNV-VP"
    assert ws.freeze_panes == f"A{header + 3}"


def test_only_pdf_or_xlsx(tmp_path):
    with pytest.raises(InvalidInput, match=".pdf hoặc .xlsx"):
        book_format(tmp_path / "so.docx")


def test_the_outgoing_book_keeps_every_number_and_its_cancellation(tmp_path):
    from register.book.service import register_book
    from register.numbering import cancel_number, take_number

    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START), create=True)
    try:
        office = build_office(store)
        with store.uow(office.clerk) as uow:
            first = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
            take_number(uow, unit_id=office.province, series=Series.DI, doc_type="cong_van")
            cancel_number(uow, first.id, "Sai thể thức, ban hành lại")
            uow.commit()
        with store.read() as s:
            made = register_book(s, office.province, 2026, Series.DI)
    finally:
        store.close()
    assert [r[0] for r in made.rows] == ["01/QĐ-UBND", "02/UBND"]
    assert made.rows[0][2] == "Quyết định" and made.rows[0][9] == "Đã hủy: Sai thể thức, ban hành lại"
    assert made.title == "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    assert render_book(made, tmp_path / "so-di.pdf").startswith(b"%PDF")


def _words_on_the_page(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "book.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [html_unescape(w) for w in re.findall(r"<word [^>]*>([^<]*)</word>", html)]


def test_no_column_of_the_outgoing_book_breaks_a_word_or_a_date(tmp_path):
    """A clerk reads the book on paper: 'Số lượng bản', 'Ký nhận' and a release date such as
    04/12/2026 each stay whole in their column, not cut into '04/12/2' and '026'."""
    row = ("15/QĐ-UBND", "04/12/2026", "Quyết định: Về việc ban hành Kế hoạch phòng, chống thiên tai năm 2027",
           "Nguyễn Văn Minh", "Ủy ban nhân dân phường Đồng Hới; Bộ Nông nghiệp và Môi trường", "Văn thư", "03",
           "04/12/2026", "", "Đã hủy: Sai nơi nhận")
    made = RegisterBook(1, "Ủy ban nhân dân tỉnh Quảng Trị", None, "Quảng Trị", 2026, Series.DI, OUTGOING_COLUMNS,
                        (row,), 15, 15, date(2026, 12, 4), date(2026, 12, 4))
    words = _words_on_the_page(render_book(made, tmp_path / "so-di.pdf"), tmp_path)
    printed = " ".join([made.agency.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
                        made.title, "Năm: 2026 Từ ngày 04/12/2026 đến ngày 04/12/2026 Từ số 15 đến số 15",
                        *(name for name, _ in OUTGOING_COLUMNS), *(f"({i})" for i in range(1, 11)), *row])
    assert [w for w in words if w not in printed.split()] == []  # no piece of a word cut in two
