"""The meeting book: one PDF a member can navigate, stamped on every page, or a plain refusal."""

from __future__ import annotations

import math
import subprocess
import threading
import unicodedata
from datetime import datetime
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2 as pdfium
import pytest

from demo import samples
from demo.samples import SampleSpec
from documents.book.compile import (
    AgendaEntry,
    BookCancelled,
    BookDocument,
    BookPlan,
    BookSourceError,
    ConnectedSite,
    MeetingInfo,
    Watermark,
    compile_book,
)
from tests import corpora

MEETING = MeetingInfo(
    host_unit="Ủy ban nhân dân tỉnh Quảng Trị",
    title="Phiên họp thường kỳ tháng 3 năm 2025",
    kind="Họp thường kỳ",
    starts_at=datetime(2025, 3, 5, 8, 0),
    ends_at=datetime(2025, 3, 5, 11, 30),
    location="Hội trường Ủy ban nhân dân tỉnh Quảng Trị, 45 Hùng Vương, Đông Hà",
    sites=[ConnectedSite(f"UBND huyện {n}", "huyện") for n in ("Vĩnh Linh", "Đakrông", "Hải Lăng")],
    place="Quảng Trị",
)


def _spec(kind: str, number: str, pages: int, seed: int) -> SampleSpec:
    return SampleSpec(doc_type=kind, number=number, pages=pages, seed=seed)


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sources")
    out = {}
    for kind, number, pages in [("BC", "12/BC-UBND", 3), ("TTr", "45/TTr-UBND", 2), ("NQ", "07/NQ-HĐND", 2),
                                ("KH", "30/KH-UBND", 2), ("TB", "88/TB-UBND", 1)]:
        path = folder / f"{number.replace('/', '_')}.pdf"
        path.write_bytes(samples.generate_pdf(_spec(kind, number, pages, seed=len(out))))
        out[number] = path
    return out


def _doc(sources, number: str, title: str, *, as_bytes: bool = False) -> BookDocument:
    path = sources[number]
    source = (lambda: path.read_bytes()) if as_bytes else path
    return BookDocument(title=title, source=source, doc_type="", number=number)


def _plan(sources, watermark: Watermark | None = None) -> BookPlan:
    return BookPlan(
        MEETING,
        [
            AgendaEntry("1", "Tình hình kinh tế - xã hội tháng 02", "Sở Kế hoạch và Đầu tư", 30,
                        [_doc(sources, "12/BC-UBND", "Báo cáo tình hình kinh tế - xã hội")]),
            AgendaEntry("2", "Các tờ trình trình Hội đồng nhân dân tỉnh", "Văn phòng UBND tỉnh", 40),
            AgendaEntry("2.1", "Điều chỉnh dự toán ngân sách", "Sở Tài chính", 20,
                        [_doc(sources, "45/TTr-UBND", "Tờ trình điều chỉnh dự toán", as_bytes=True),
                         _doc(sources, "07/NQ-HĐND", "Dự thảo Nghị quyết về dự toán")]),
            AgendaEntry("2.2", "Chuyển đổi số năm 2025", "Sở Thông tin và Truyền thông", 20,
                        [_doc(sources, "30/KH-UBND", "Kế hoạch chuyển đổi số")]),
            AgendaEntry("3", "Kết luận của Chủ tịch", "Chủ tịch UBND tỉnh", 10,
                        [_doc(sources, "88/TB-UBND", "Thông báo kết luận")]),
        ],
        watermark,
    )


@pytest.fixture(scope="module")
def book(sources, tmp_path_factory):
    out = tmp_path_factory.mktemp("book") / "book.pdf"
    seen: list[tuple[int, int]] = []
    result = compile_book(_plan(sources), out, progress=lambda d, t: seen.append((d, t)))
    return result, pypdf.PdfReader(out), seen


def _pages_of(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    return [unicodedata.normalize("NFC", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]


def test_book_is_cover_agenda_then_every_document_in_agenda_order(book, sources):
    result, reader, _ = book
    doc_pages = [_pages_of(sources[n]) for n in ("12/BC-UBND", "45/TTr-UBND", "07/NQ-HĐND", "30/KH-UBND", "88/TB-UBND")]
    assert result.front_pages == 2
    assert len(reader.pages) == result.page_count == 2 + sum(doc_pages)
    assert [d.number for d in result.documents] == ["12/BC-UBND", "45/TTr-UBND", "07/NQ-HĐND", "30/KH-UBND", "88/TB-UBND"]
    assert [d.page_count for d in result.documents] == doc_pages
    assert result.documents[1].first_page == 2 + doc_pages[0]
    assert result.documents[1].first_label == 1 + doc_pages[0]


def test_outline_mirrors_the_agenda(book):
    result, reader, _ = book

    def walk(nodes, depth=0):
        out = []
        for node in nodes:
            if isinstance(node, list):
                out += walk(node, depth + 1)
            else:
                out.append((depth, node.title, reader.get_destination_page_number(node)))
        return out

    first = {d.number: d.first_page for d in result.documents}
    assert walk(reader.outline) == [
        (0, "Trang bìa", 0),
        (0, "Chương trình phiên họp", 1),
        (0, "1. Tình hình kinh tế - xã hội tháng 02", first["12/BC-UBND"]),
        (1, "12/BC-UBND – Báo cáo tình hình kinh tế - xã hội", first["12/BC-UBND"]),
        (0, "2. Các tờ trình trình Hội đồng nhân dân tỉnh", first["45/TTr-UBND"]),
        (1, "2.1. Điều chỉnh dự toán ngân sách", first["45/TTr-UBND"]),
        (2, "45/TTr-UBND – Tờ trình điều chỉnh dự toán", first["45/TTr-UBND"]),
        (2, "07/NQ-HĐND – Dự thảo Nghị quyết về dự toán", first["07/NQ-HĐND"]),
        (1, "2.2. Chuyển đổi số năm 2025", first["30/KH-UBND"]),
        (2, "30/KH-UBND – Kế hoạch chuyển đổi số", first["30/KH-UBND"]),
        (0, "3. Kết luận của Chủ tịch", first["88/TB-UBND"]),
        (1, "88/TB-UBND – Thông báo kết luận", first["88/TB-UBND"]),
    ]


def test_page_labels_are_roman_for_front_matter_then_arabic(book):
    result, reader, _ = book
    labels = reader.page_labels
    assert labels[:3] == ["i", "ii", "1"]
    assert labels[-1] == str(result.page_count - 2)
    assert [result.label_of(i) for i in range(3)] == labels[:3]


def test_every_page_says_where_the_reader_is(book):
    result, _, _ = book
    texts = _page_texts(result.path)
    total = result.page_count - result.front_pages
    assert "Trang bìa · trang i" in texts[0]
    assert "Chương trình phiên họp · trang ii" in texts[1]
    tt = next(d for d in result.documents if d.number == "45/TTr-UBND")
    assert f"Mục 2.1 · 45/TTr-UBND · trang {tt.first_label}/{total}" in texts[tt.first_page]
    for doc in result.documents:
        for k in range(doc.page_count):
            assert f"Mục {doc.item_number} · {doc.number} · trang {doc.first_label + k}/{total}" in texts[doc.first_page + k]


def test_the_document_text_survives_under_the_stamp(book, sources):
    result, _, _ = book
    original = _page_texts(sources["45/TTr-UBND"])[0]
    stamped = _page_texts(result.path)[result.documents[1].first_page]
    assert original.splitlines()[0] in stamped
    assert "Số: 45/TTr-UBND" in stamped


def test_agenda_rows_link_to_the_pages_they_name(book):
    result, reader, _ = book
    targets = []
    for annot in reader.pages[1].get("/Annots", []):
        annot = annot.get_object()
        assert "/A" not in annot  # no leftover placeholder URIs
        targets.append(reader.get_page_number(annot["/Dest"][0].get_object()))
    first = {d.number: d.first_page for d in result.documents}
    assert set(targets) == set(first.values())
    agenda_text = _page_texts(result.path)[1]
    for doc in result.documents:
        assert f"{doc.number} – " in agenda_text
    assert targets.count(first["45/TTr-UBND"]) >= 4  # item 2, item 2.1 (title and page), the document row


def test_qpdf_finds_no_errors(book):
    result, _, _ = book
    check = subprocess.run(["qpdf", "--check", str(result.path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout


def test_cover_keeps_vietnamese_text_exactly(book):
    result, _, _ = book
    cover = _page_texts(result.path)[0]
    assert "Hội trường Ủy ban nhân dân tỉnh Quảng Trị" in cover
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cover
    assert "Độc lập - Tự do - Hạnh phúc" in cover
    assert "08 giờ 00 - 11 giờ 30, Thứ Tư, ngày 05/03/2025" in cover
    assert "UBND huyện Đakrông" in cover


def test_progress_rises_to_the_total(book):
    _, _, seen = book
    assert seen, "no progress reported"
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == seen[-1][1]


def test_watermark_names_the_recipient_on_every_page(sources, tmp_path):
    wm = Watermark("Nguyễn Thị Ánh Tuyết", datetime(2025, 3, 4, 14, 30), "MẬT")
    result = compile_book(_plan(sources, wm), tmp_path / "secret.pdf")
    texts = _page_texts(result.path)
    assert all("Nguyễn Thị Ánh Tuyết" in t for t in texts)
    assert all("MẬT · 14:30 04/03/2025" in t for t in texts)
    plain = compile_book(_plan(sources), tmp_path / "plain.pdf")
    assert not any("Nguyễn Thị Ánh Tuyết" in t for t in _page_texts(plain.path))


def test_cancel_stops_and_leaves_no_file(sources, tmp_path):
    out = tmp_path / "book.pdf"
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 3:
            stop.set()

    with pytest.raises(BookCancelled):
        compile_book(_plan(sources), out, progress=progress, cancel=stop)
    assert list(tmp_path.iterdir()) == []


def test_cancel_while_writing_keeps_the_previous_book(sources, tmp_path):
    out = tmp_path / "book.pdf"
    out.write_bytes(b"previous book")
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 14  # past opening (5) and merging (5): inside the write

    with pytest.raises(BookCancelled):
        compile_book(_plan(sources), out, cancel=cancel)
    assert out.read_bytes() == b"previous book"
    assert [p.name for p in tmp_path.iterdir()] == ["book.pdf"]


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda data: data[: len(data) // 3], "bị hỏng"),
        (lambda data: b"", "tệp rỗng"),
        (lambda data: b"Bien ban cuoc hop, khong phai PDF\n" * 20, "bị hỏng"),
    ],
    ids=["truncated", "empty", "not-a-pdf"],
)
def test_a_bad_document_is_refused_by_name(sources, tmp_path, damage, says):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(damage(sources["30/KH-UBND"].read_bytes()))
    plan = _plan(sources)
    items = list(plan.agenda)
    items[3] = AgendaEntry("2.2", "Chuyển đổi số", documents=[BookDocument("Kế hoạch chuyển đổi số", bad, number="30/KH-UBND")])
    out = tmp_path / "book.pdf"
    try:
        compile_book(BookPlan(MEETING, items), out)
    except BookSourceError as err:
        assert "30/KH-UBND" in err.vi and "Kế hoạch chuyển đổi số" in err.vi and "mục 2.2" in err.vi
        assert says in err.vi
        assert "30/KH-UBND" in err.en
    else:  # qpdf may repair a truncated file; the book must then be sound
        assert says == "bị hỏng" and subprocess.run(["qpdf", "--check", str(out)]).returncode in (0, 3)
    assert not any(p.suffix == ".part" for p in tmp_path.iterdir())


def test_an_encrypted_document_is_refused_by_name(sources, tmp_path):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(sources["88/TB-UBND"]) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="mat-khau", owner="chu"))
    plan = BookPlan(MEETING, [AgendaEntry("1", "Kết luận", documents=[BookDocument("Thông báo kết luận", locked, number="88/TB-UBND")])])
    with pytest.raises(BookSourceError, match="88/TB-UBND.*mã hóa"):
        compile_book(plan, tmp_path / "book.pdf")
    assert not (tmp_path / "book.pdf").exists()


def test_a_missing_file_is_refused_by_name(tmp_path):
    plan = BookPlan(MEETING, [AgendaEntry("1", "Kết luận", documents=[BookDocument("Thông báo", tmp_path / "nope.pdf", number="01/TB-UBND")])])
    with pytest.raises(BookSourceError, match="01/TB-UBND"):
        compile_book(plan, tmp_path / "book.pdf")


def test_odd_pages_get_an_upright_footer_inside_the_page(tmp_path):
    """Landscape, rotated and offset pages, and resources inherited from the page tree."""
    src = tmp_path / "odd.pdf"
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(src), invariant=1)
    for size in (landscape(A4), A4, A4):
        c.setPageSize(size)
        c.setFont("Helvetica", 20)
        c.drawString(100, 300, "Phu luc bang so lieu")
        c.showPage()
    c.save()
    with pikepdf.open(src, allow_overwriting_input=True) as pdf:
        pdf.pages[1].obj.Rotate = 90
        pdf.pages[2].obj.MediaBox = [-50, -50, 545.28, 791.89]
        pdf.save(src)
    plan = BookPlan(MEETING, [AgendaEntry("1", "Phụ lục", documents=[BookDocument("Phụ lục", src, number="PL-01")])])
    result = compile_book(plan, tmp_path / "book.pdf")
    pdf = pdfium.PdfDocument(result.path)
    for k in range(3):
        page = pdf[result.front_pages + k]
        tp = page.get_textpage()
        text = tp.get_text_range()
        i = text.index(f"Mục 1 · PL-01 · trang {k + 1}/3")
        assert "Phu luc bang so lieu" in text
        rotation = page.get_rotation()
        left, bottom, right, top = tp.get_charbox(i)
        x, y = _to_display(page, (left + right) / 2, (bottom + top) / 2)
        width, height = page.get_size()  # as displayed
        assert 0 < x < width / 2 and 0 < y < 40, (k, x, y)  # bottom margin of the page as seen
        angle = math.degrees(pdfium.raw.FPDFText_GetCharAngle(tp.raw, i))
        # PDFium measures the angle clockwise; the viewer turns the page clockwise by /Rotate
        assert round(angle + rotation) % 360 == 0, (k, angle, rotation)  # reads upright


def _to_display(page, x: float, y: float) -> tuple[float, float]:
    """User-space point → point on the page as a viewer shows it (rotation applied)."""
    llx, lly, urx, ury = page.get_cropbox()
    return {
        0: (x - llx, y - lly),
        90: (y - lly, urx - x),
        180: (urx - x, ury - y),
        270: (ury - y, x - llx),
    }[page.get_rotation()]


def test_empty_agenda_gives_cover_and_agenda_only(tmp_path):
    result = compile_book(BookPlan(MEETING, []), tmp_path / "book.pdf")
    assert result.page_count == result.front_pages == 2
    assert pypdf.PdfReader(result.path).page_labels == ["i", "ii"]


@pytest.mark.slow
def test_every_malformed_pdf_is_merged_or_refused_cleanly(tmp_path):
    files = sorted(corpora.require(corpora.MALFORMED).rglob("*.pdf"))
    assert len(files) >= 140
    outcomes = {"ok": 0, "refused": 0}
    for path in files:
        plan = BookPlan(MEETING, [AgendaEntry("1", "Tài liệu", documents=[BookDocument(path.name, path, number="X")])])
        out = tmp_path / f"{path.stem}.pdf"
        try:
            compile_book(plan, out)
        except BookSourceError as err:
            assert path.name in err.vi
            outcomes["refused"] += 1
            assert not out.exists()
        else:
            outcomes["ok"] += 1
            assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode in (0, 3)
    assert outcomes["ok"] + outcomes["refused"] == len(files)
