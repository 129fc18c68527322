"""An office file must be what its extension says before LibreOffice sees it: a text file
named .docx was converted and delivered to a meeting's participants."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from documents import errors
from documents.intake.office import convert_office_to_pdf
from documents.intake.office_types import OLE_MAGIC, sniff
from meetings.materials import check_file
from tests.documents.badpdfs import vietnamese_pdf

OOXML = "application/vnd.openxmlformats-officedocument."
MAIN = {".docx": "wordprocessingml.document.main+xml", ".xlsx": "spreadsheetml.sheet.main+xml",
        ".pptx": "presentationml.presentation.main+xml"}
ODF = {".odt": "text", ".ods": "spreadsheet", ".odp": "presentation"}


def ooxml(path: Path, main: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   f'<Override PartName="/main.xml" ContentType="{OOXML}{main}"/></Types>')
        z.writestr("main.xml", "<x/>")
    return path


def odf(path: Path, kind: str) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
        z.writestr("content.xml", "<x/>")
    return path


@pytest.fixture
def converter(tmp_path, monkeypatch) -> Path:
    """A stand-in soffice on PATH that turns anything it is given into a one-page PDF, as the real
    one turns a text file into a PDF: whatever it is handed gets through."""
    pdf = tmp_path / "one-page.pdf"
    pdf.write_bytes(vietnamese_pdf(pages=1))
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(f'#!/bin/sh\nfor a; do last="$a"; done\nmkdir -p "$(dirname "$last")/out"\n'
                       f'cp "{pdf}" "$(dirname "$last")/out/input.pdf"\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    return folder


def test_real_containers_pass_to_the_converter(tmp_path, converter):
    files = [ooxml(tmp_path / f"tai-lieu{ext}", main) for ext, main in MAIN.items()]
    files += [odf(tmp_path / f"tai-lieu{ext}", kind) for ext, kind in ODF.items()]
    for ext in (".doc", ".xls", ".ppt"):
        (tmp_path / f"cu{ext}").write_bytes(OLE_MAGIC + bytes(504))
        files.append(tmp_path / f"cu{ext}")
    (tmp_path / "rtf-luu-thanh.doc").write_text(r"{\rtf1\ansi Quyet dinh\par}", encoding="ascii")
    files.append(tmp_path / "rtf-luu-thanh.doc")
    for path in files:
        assert convert_office_to_pdf(path).startswith(b"%PDF-"), path.name


@pytest.mark.parametrize("name, make, names", [
    ("to-trinh.docx", lambda p: p.write_text("Tờ trình giả mạo, chỉ là văn bản thường\n", encoding="utf-8"),
     ["văn bản thường", "plain text"]),
    ("bang-luong.docx", lambda p: ooxml(p, MAIN[".xlsx"]), ["tệp Excel (.xlsx)", "an Excel file"]),
    ("bao-cao.xlsx", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj\n"), ["PDF", "PDF"]),
    ("gop-y.odt", lambda p: odf(p, "spreadsheet"), ["bảng tính OpenDocument", "OpenDocument spreadsheet"]),
    ("trang-web.doc", lambda p: p.write_text("<html><body><img src='http://x/y'></body></html>"),
     ["HTML", "HTML"]),
    ("nen.pptx", lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), ["zip", "zip"]),
    ("cu.xls", lambda p: p.write_text(r"{\rtf1 not a spreadsheet}"), ["tệp RTF", "RTF"]),
])
def test_a_file_that_is_not_what_its_extension_says_is_refused_before_libreoffice(
        tmp_path, converter, name, make, names):
    path = tmp_path / name
    make(path)
    ran = converter / "ran"
    (converter / "soffice").write_text(f"#!/bin/sh\ntouch {ran}\nexit 1\n")
    with pytest.raises(errors.OfficeTypeMismatch) as caught:
        convert_office_to_pdf(path)
    assert not ran.exists()  # LibreOffice never saw it
    err = caught.value
    assert isinstance(err, errors.DocumentRejected) and err.kind == "office-type-mismatch"
    assert name in err.vi and names[0] in err.vi and names[1] in err.en


def test_importing_a_text_file_named_docx_stores_nothing(store, tmp_path, converter):
    fake = tmp_path / "Quyết định.docx"
    fake.write_text("không phải tệp Word", encoding="utf-8")
    with pytest.raises(errors.OfficeTypeMismatch):
        check_file(store, fake)
    ooxml(tmp_path / "that.docx", MAIN[".docx"])
    inspected, filename = check_file(store, tmp_path / "that.docx")  # the real thing goes through
    assert filename == "that.pdf" and inspected.page_count == 1


def test_sniff_reads_only_the_header(tmp_path):
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(big, "w") as z:
        z.writestr("[Content_Types].xml", "x" * (300 * 1024))  # past the header limit: not trusted
    assert sniff(big) == "zip"
