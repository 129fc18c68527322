"""Office files become PDF through LibreOffice, or the person is told what to install."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from documents import errors
from documents.intake.office import OFFICE_EXTENSIONS, convert_office_to_pdf, find_soffice, is_office_file
from documents.intake.service import inspect_pdf

RTF = (
    r"{\rtf1\ansi\deff0{\fonttbl{\f0 Liberation Serif;}}\f0\fs26 "
    r"Quy\u7871?t \u273?\u7883?nh s\u7889? 1234/Q\u272?-UBND\par "
    r"\u7910?y ban nh\u226?n d\u226?n t\u7881?nh Qu\u7843?ng Tr\u7883?\par}"
)


@pytest.fixture
def letter(tmp_path):
    path = tmp_path / "Quyết định 1234.rtf"
    path.write_text(RTF, encoding="ascii")
    return path


def fake_soffice(folder, script: str) -> str:
    """A stand-in ``soffice`` program (a shell script) in its own folder; returns the folder."""
    folder.mkdir()
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script + "\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return str(folder)


def test_office_files_are_recognised_by_extension():
    for name in ("a.doc", "b.DOCX", "c.odt", "d.xls", "e.xlsx", "f.ppt", "g.pptx", "h.rtf", "i.ods", "j.odp"):
        assert is_office_file(name), name
    for name in ("a.pdf", "b.txt", "docx", "c.docx.exe", "d"):
        assert not is_office_file(name), name
    assert {".doc", ".docx", ".odt", ".xls", ".xlsx", ".ppt", ".pptx"} <= OFFICE_EXTENSIONS


def test_without_libreoffice_the_message_says_what_to_install(tmp_path, letter):
    empty_path = str(tmp_path / "no-programs-here")
    assert find_soffice(empty_path) is None

    with pytest.raises(errors.OfficeConverterMissing) as caught:
        convert_office_to_pdf(letter, search_path=empty_path)

    err = caught.value
    assert isinstance(err, errors.DocumentRejected)
    assert "LibreOffice" in err.vi and "LibreOffice" in err.en
    assert (
        "sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"
        in err.vi
    )
    assert "Install LibreOffice" in err.en


def test_a_file_that_is_not_an_office_document_is_refused_before_anything_runs(tmp_path):
    path = tmp_path / "anh.png"
    path.write_bytes(b"\x89PNG")
    with pytest.raises(errors.UnsupportedFileType) as caught:
        convert_office_to_pdf(path, search_path=str(tmp_path))
    assert "anh.png" in caught.value.vi


def test_a_converter_that_fails_is_reported_as_a_failed_conversion(tmp_path, letter):
    folder = fake_soffice(tmp_path / "bin", 'echo "Error: source file could not be loaded" >&2; exit 1')

    with pytest.raises(errors.OfficeConversionFailed) as caught:
        convert_office_to_pdf(letter, search_path=folder)

    assert "Quyết định 1234.rtf" in caught.value.vi
    assert "could not be loaded" in caught.value.detail


def test_a_converter_that_produces_nothing_is_a_failed_conversion(tmp_path, letter):
    folder = fake_soffice(tmp_path / "bin", "exit 0")
    with pytest.raises(errors.OfficeConversionFailed, match="LibreOffice"):
        convert_office_to_pdf(letter, search_path=folder)


def test_a_converter_that_hangs_is_killed_with_its_children(tmp_path, letter):
    marker = tmp_path / "child.pid"
    # Like the real soffice wrapper: a child does the work (here: sleeps), the parent waits.
    folder = fake_soffice(tmp_path / "bin", f"sleep 60 & echo $! > {marker}; wait")

    started = time.monotonic()
    with pytest.raises(errors.OfficeConversionFailed) as caught:
        convert_office_to_pdf(letter, search_path=folder, timeout_s=0.5)

    assert time.monotonic() - started < 5
    assert "0.5 s" in caught.value.detail
    child = int(marker.read_text())
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if not _running(child):
            break
        time.sleep(0.05)
    else:
        pytest.fail("the converter's child process outlived the timeout")


def _running(pid: int) -> bool:
    """Whether the process still runs. A killed child whose parent is gone waits as a zombie until
    the machine's first process reaps it, which a container's may do late: dead all the same."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    proc_stat = Path(f"/proc/{pid}/stat")
    try:
        state = proc_stat.read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (not Linux): the signal check is all there is
    return state not in ("Z", "X")


@pytest.mark.slow
@pytest.mark.skipif(
    find_soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui to run this test",
)
def test_a_real_conversion_keeps_the_vietnamese_text(letter):
    pdf = convert_office_to_pdf(letter)

    result = inspect_pdf(pdf)
    assert result.page_count == 1
    text = " ".join(result.pages_text[0].split())
    assert "Quyết định số 1234/QĐ-UBND" in text
    assert "Ủy ban nhân dân tỉnh Quảng Trị" in text
