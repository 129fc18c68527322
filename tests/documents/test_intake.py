"""PDF intake: what is accepted, what is refused and with which message, and the time limit."""

from __future__ import annotations

import hashlib
import io
import os
import threading
import time
import unicodedata

import pikepdf
import pytest

from documents import errors
from documents.intake.service import IntakeLimits, IntakeWorker, inspect_many, inspect_path, inspect_pdf
from documents.text import fold_chars, fold_for_search, normalize_text
from store.errors import InvalidInput
from tests.documents import badpdfs


@pytest.fixture(scope="module")
def good_pdf() -> bytes:
    return badpdfs.vietnamese_pdf(pages=3)


# ------------------------------------------------------------------------------- good files


def test_a_vietnamese_pdf_is_accepted_with_exact_diacritics(good_pdf):
    result = inspect_pdf(good_pdf)

    assert result.page_count == 3
    assert len(result.pages_text) == 3
    first = result.pages_text[0]
    assert "Quyết định số 1234/QĐ-UBND" in first
    assert "Ủy ban nhân dân tỉnh Quảng Trị" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Trang 3/3" in result.pages_text[2]
    assert all(unicodedata.is_normalized("NFC", page) for page in result.pages_text)
    assert result.data == good_pdf
    assert result.sha256 == hashlib.sha256(good_pdf).hexdigest()
    assert not result.replaced_original
    assert not result.was_encrypted and not result.repaired
    assert result.title == "Quyết định phê duyệt kế hoạch"
    assert result.pdf_version == "1.3"


def test_a_file_cut_just_before_its_end_is_repaired_and_accepted(good_pdf):
    cut = good_pdf[:-200]  # the xref table and trailer are gone: qpdf rebuilds them

    result = inspect_pdf(cut)

    assert result.repaired
    assert result.page_count == 3
    assert "Quyết định số 1234/QĐ-UBND" in result.pages_text[0]


def test_inspect_path_reads_the_file(tmp_path, good_pdf):
    path = tmp_path / "Tờ trình 45.pdf"
    path.write_bytes(good_pdf)
    assert inspect_path(path).page_count == 3


# ------------------------------------------------------------------------------- refusals


def refusal(data: bytes, **kwargs) -> errors.DocumentRejected:
    with pytest.raises(errors.DocumentRejected) as caught:
        inspect_pdf(data, **kwargs)
    err = caught.value
    assert isinstance(err, InvalidInput)
    assert err.vi and err.en and err.vi != err.en  # a message in both languages
    return err


def test_zero_bytes_is_refused_as_empty():
    err = refusal(badpdfs.zero_bytes())
    assert type(err) is errors.EmptyFile
    assert "0 byte" in err.vi and "empty" in err.en


def test_a_text_file_renamed_pdf_is_not_a_pdf():
    err = refusal(badpdfs.text_renamed_pdf())
    assert type(err) is errors.NotAPdf
    assert "không phải là PDF" in err.vi


def test_a_file_truncated_in_the_middle_is_damaged(good_pdf):
    err = refusal(badpdfs.truncated(good_pdf, 0.5))
    assert type(err) is errors.DamagedPdf
    assert "hỏng" in err.vi and "damaged" in err.en


def test_an_encrypted_pdf_without_password_asks_for_one(good_pdf):
    err = refusal(badpdfs.encrypted(good_pdf))
    assert type(err) is errors.EncryptedPdf
    assert "mật khẩu" in err.vi and "password" in err.en


def test_a_wrong_password_is_said_to_be_wrong(good_pdf):
    err = refusal(badpdfs.encrypted(good_pdf), password="sai-mat-khau", allow_decrypted_storage=True)
    assert type(err) is errors.WrongPassword


def test_the_right_password_is_refused_when_the_office_forbids_decrypted_copies(good_pdf):
    err = refusal(badpdfs.encrypted(good_pdf), password="Bimat-2026", allow_decrypted_storage=False)
    assert type(err) is errors.DecryptionNotAllowed
    assert "quy định" in err.vi and "policy" in err.en


def test_the_right_password_gives_a_decrypted_copy_when_allowed(good_pdf):
    locked = badpdfs.encrypted(good_pdf)

    result = inspect_pdf(locked, password="Bimat-2026", allow_decrypted_storage=True)

    assert result.was_encrypted and result.replaced_original
    assert result.original_sha256 == hashlib.sha256(locked).hexdigest()
    assert result.sha256 == hashlib.sha256(result.data).hexdigest()
    assert "Quyết định số 1234/QĐ-UBND" in result.pages_text[0]
    with pikepdf.open(io.BytesIO(result.data)) as reopened:  # no password needed now
        assert not reopened.is_encrypted
        assert len(reopened.pages) == 3


def test_a_file_anyone_can_open_despite_owner_restrictions_is_kept_as_it_is(good_pdf):
    restricted = badpdfs.encrypted(good_pdf, user="")

    result = inspect_pdf(restricted)

    assert result.was_encrypted and result.data == restricted
    assert "Ủy ban nhân dân tỉnh Quảng Trị" in result.pages_text[0]


def test_a_file_over_the_size_limit_says_the_limit_in_mb():
    err = refusal(b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024), limits=IntakeLimits(max_bytes=2 * 1024 * 1024))
    assert type(err) is errors.TooLarge
    assert "(3.0 MB); giới hạn là 2 MB" in err.vi
    assert "(3.0 MB); the limit is 2 MB" in err.en


def test_a_too_large_file_on_disk_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "lon.pdf"
    with path.open("wb") as fh:
        fh.truncate(5 * 1024 * 1024)  # sparse: nothing to read even if we tried
    with pytest.raises(errors.TooLarge):
        inspect_path(path, limits=IntakeLimits(max_bytes=1024 * 1024))


def test_a_missing_file_is_refused_with_its_own_message(tmp_path):
    with pytest.raises(errors.FileUnreadable):
        inspect_path(tmp_path / "khong-co.pdf")


def test_a_few_kilobytes_inflating_to_gigabytes_is_a_bomb():
    data = badpdfs.bomb(gib=4)
    assert len(data) < 20_000

    started = time.monotonic()
    err = refusal(data)

    assert type(err) is errors.DecompressionBomb
    assert time.monotonic() - started < 10  # stopped at the limit, not after 4 GiB


def test_a_single_layer_stream_over_the_stream_limit_is_a_bomb():
    err = refusal(badpdfs.flat_bomb(64), limits=IntakeLimits(max_stream_bytes=16 * 1024 * 1024))
    assert type(err) is errors.DecompressionBomb


def test_the_same_stream_under_the_limit_is_accepted():
    result = inspect_pdf(badpdfs.flat_bomb(8), limits=IntakeLimits(max_stream_bytes=16 * 1024 * 1024))
    assert result.page_count == 1


@pytest.mark.parametrize("make", [badpdfs.cyclic_page_tree, badpdfs.deep_cyclic_page_tree])
def test_a_page_tree_with_a_cycle_is_refused(make):
    err = refusal(make())
    assert type(err) is errors.PageTreeCycle
    assert "lặp vòng" in err.vi and "loops" in err.en


def test_too_many_pages_is_refused(good_pdf):
    err = refusal(good_pdf, limits=IntakeLimits(max_pages=2))
    assert type(err) is errors.TooManyPages
    assert "2" in err.vi


def test_a_file_that_parses_too_long_is_killed_at_the_time_limit():
    data = badpdfs.slow_to_parse()
    limits = IntakeLimits(timeout_s=0.5)
    with IntakeWorker(limits) as worker:
        worker.inspect(badpdfs.flat_bomb(1))  # start the worker so that only parsing is timed
        pid = worker.pid
        assert pid is not None

        started = time.monotonic()
        with pytest.raises(errors.ParseTimeout) as caught:
            worker.inspect(data)
        elapsed = time.monotonic() - started

        assert elapsed < 3
        assert "0.5" in caught.value.vi and "0.5 s" in caught.value.en
        assert worker.pid is None
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # killed and reaped
        # The next file gets a fresh worker.
        assert worker.inspect(badpdfs.flat_bomb(1)).page_count == 1
        assert worker.pid not in (None, pid)


def test_a_file_larger_than_the_memory_allowance_is_refused_not_crashing_the_app():
    huge = badpdfs.assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            badpdfs.stream(b"% " + b"x" * (120 * 1024 * 1024)),
        ]
    )
    err = refusal(huge, limits=IntakeLimits(max_memory_mb=200))
    assert type(err) is errors.TooComplexPdf


# --------------------------------------------------------------------------------- batches


def test_a_batch_reports_every_file_in_order_and_survives_a_timeout(tmp_path, good_pdf):
    files = {
        "a.pdf": good_pdf,
        "b.pdf": badpdfs.slow_to_parse(),
        "c.pdf": badpdfs.text_renamed_pdf(),
        "d.pdf": badpdfs.cyclic_page_tree(),
        "e.pdf": good_pdf,
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    seen: list[tuple[int, int]] = []

    outcomes = inspect_many(
        paths, limits=IntakeLimits(timeout_s=1.0), progress=lambda d, t: seen.append((d, t))
    )

    assert [o.path.name for o in outcomes] == list(files)
    assert [o.ok for o in outcomes] == [True, False, False, False, True]
    assert [type(o.error).__name__ for o in outcomes if not o.ok] == [
        "ParseTimeout",
        "NotAPdf",
        "PageTreeCycle",
    ]
    assert outcomes[4].pdf.page_count == 3
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_a_cancelled_batch_stops_before_the_next_file(tmp_path, good_pdf):
    paths = []
    for n in range(4):
        (tmp_path / f"{n}.pdf").write_bytes(good_pdf)
        paths.append(tmp_path / f"{n}.pdf")
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 2:
            cancel.set()

    outcomes = inspect_many(paths, progress=progress, cancel=cancel)

    assert [o.path.name for o in outcomes] == ["0.pdf", "1.pdf"]


# ------------------------------------------------------------------------------------- text


def test_text_is_stored_composed():
    decomposed = unicodedata.normalize("NFD", "Quyết định")
    assert decomposed != "Quyết định"
    assert normalize_text(decomposed) == "Quyết định"
    assert normalize_text("a\r\nb\x00c\rd") == "a\nbc\nd"
    assert normalize_text("x\ud800y") == "x\ufffdy"  # a lone surrogate cannot be stored


def test_search_folding_matches_with_and_without_diacritics():
    folded = fold_for_search("Quyết định số 1234/QĐ-UBND")
    assert folded == "quyet dinh so 1234 qd ubnd"
    assert fold_for_search("quyet dinh") in folded
    assert fold_for_search("quyết định") in folded
    assert fold_for_search("qd-ubnd") in folded
    assert fold_for_search("QĐ-UBND") in folded
    assert fold_for_search("Đại biểu Hội đồng nhân dân") == "dai bieu hoi dong nhan dan"
    assert fold_for_search("Ủy ban nhân dân tỉnh Quảng Trị") == "uy ban nhan dan tinh quang tri"
    assert fold_for_search("ẩ ế ố ự ỹ") == "a e o u y"


def test_fold_chars_keeps_positions_for_snippets():
    original = "Quyết định số 1234/QĐ-UBND"
    folded = fold_chars(original)
    assert len(folded) == len(original)
    start = folded.index("qd ubnd")
    assert original[start : start + len("qd ubnd")] == "QĐ-UBND"
