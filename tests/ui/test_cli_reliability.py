"""Issue 11's reliability probe, from the command line: what a person can hand a command (a device,
a pipe, a folder, a huge id, an encrypted PDF, a full disk) ends it with one line and exit 2,
nothing half-written and nothing stored."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from tests.ui.test_cli_foundation import ROOT, nghisu


@pytest.fixture(scope="module")
def home(tmp_path_factory, cli_demo) -> Path:
    return cli_demo(tmp_path_factory.mktemp("reliability") / "store")


def meeting_id(home: Path, title_start: str) -> int:
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    return next(m["id"] for m in meetings if m["title"].startswith(title_start))


def december(home: Path) -> int:
    return meeting_id(home, "Phiên họp UBND tỉnh thường kỳ tháng 12")


def november(home: Path) -> int:
    return meeting_id(home, "Phiên họp UBND tỉnh thường kỳ tháng 11")


def refused(proc: subprocess.CompletedProcess, fragment: str = "") -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "unexpected" not in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert fragment in proc.stderr, proc.stderr


def nghisu_limited(*args: str, store: Path, max_file_bytes: int) -> subprocess.CompletedProcess:
    """`nghisu` with a file-size limit: writes past it fail (EFBIG), as on a full disk."""
    cmd = [sys.executable, "-m", "ui.cli", "--store", str(store), *args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGHISU_")}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE,
                                                                (max_file_bytes, max_file_bytes)))


def listing(home: Path, mid: int) -> str:
    return nghisu("documents", "list", "--meeting", str(mid), "--json", store=home).stdout


# ------------------------------------------------------------------------------------- bounded input


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_import_refuses_what_is_not_a_file_without_reading_it(home, tmp_path, kind):
    target = {"device": Path("/dev/zero"), "folder": tmp_path}.get(kind, tmp_path / "pipe.pdf")
    if kind == "fifo":
        os.mkfifo(target)
    mid = december(home)
    before = listing(home, mid)
    refused(nghisu("import", str(target), "--meeting", str(mid), store=home, check=False), "không phải là một tệp")
    assert listing(home, mid) == before


def test_import_refuses_a_huge_sparse_file_from_its_size(home, tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as fh:
        fh.truncate(1 << 30)
    refused(nghisu("import", str(big), "--meeting", str(december(home)), store=home, check=False), "quá lớn")


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_verify_and_sign_refuse_devices_and_pipes(home, tmp_path, kind):
    target = Path("/dev/zero") if kind == "device" else tmp_path / "pipe.pdf"
    if kind == "fifo":
        os.mkfifo(target)
    refused(nghisu("verify", str(target), check=False), "không phải là một tệp")
    keys = home / "demo-keys"
    refused(nghisu("sign", str(target), "-o", str(tmp_path / "out.pdf"), "--p12", str(keys / "anh.ptn.p12"),
                   "--password-file", str(keys / "password.txt"), check=False), "không phải là một tệp")
    refused(nghisu("sign", str(tmp_path / "none.pdf"), "-o", str(tmp_path / "out.pdf"), "--p12", str(target),
                   "--password-file", str(keys / "password.txt"), check=False))


def test_import_with_a_missing_password_file_is_refused(home, tmp_path):
    pdf = tmp_path / "a.pdf"
    pikepdf.new().save(pdf)
    refused(nghisu("import", str(pdf), "--meeting", str(december(home)), "--password-file",
                   str(tmp_path / "missing.txt"), store=home, check=False), "missing.txt")


# ------------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(("args", "big"), [
    (("meetings", "show", "{big}"), 2**31),
    (("book", "{big}", "-o", "{out}"), 2**63),
    (("import", "{pdf}", "--meeting", "{big}"), 2**31),
    (("signing", "export", "{big}", "-o", "{out}"), 2**63),
    (("vote", "show", "{big}"), 2**31),
    (("receipts", "{big}"), -1),
])
def test_an_id_out_of_range_is_refused_not_a_crash(home, tmp_path, args, big):
    pdf = tmp_path / "a.pdf"
    pikepdf.new().save(pdf)
    argv = [a.format(big=big, out=tmp_path / "out.pdf", pdf=pdf) for a in args]
    proc = nghisu(*argv, store=home, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "unexpected" not in proc.stderr
    assert "2147483647" in proc.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "out.pdf").exists()


def test_an_id_on_postgresql_is_refused_before_the_server_is_asked(tmp_path):
    proc = nghisu("--database-url", "postgresql://nobody@127.0.0.1:9/none", "meetings", "show", str(2**31),
                  check=False)
    assert proc.returncode == 2 and "2147483647" in proc.stderr, proc.stderr


@pytest.mark.parametrize("user_password", ["secret", ""])
def test_signing_an_encrypted_pdf_is_refused(home, tmp_path, user_password):
    src = tmp_path / "locked.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(src, encryption=pikepdf.Encryption(owner="owner", user=user_password))
    keys = home / "demo-keys"
    refused(nghisu("sign", str(src), "-o", str(tmp_path / "out.pdf"), "--p12", str(keys / "anh.ptn.p12"),
                   "--password-file", str(keys / "password.txt"), check=False), "mã hóa")
    assert not (tmp_path / "out.pdf").exists()


def test_outputs_pointing_at_a_folder_are_refused(home, tmp_path):
    keys = home / "demo-keys"
    book = tmp_path / "book.pdf"
    nghisu("book", str(december(home)), "-o", str(book), store=home)
    folder = tmp_path / "out"
    folder.mkdir()
    refused(nghisu("sign", str(book), "-o", str(folder), "--p12", str(keys / "anh.ptn.p12"),
                   "--password-file", str(keys / "password.txt"), check=False), "thư mục")
    refused(nghisu("book", str(december(home)), "-o", str(folder), store=home, check=False), "thư mục")
    refused(nghisu("minutes", str(november(home)), "-o", str(folder), store=home, check=False), "thư mục")
    refused(nghisu("archive", str(november(home)), "-o", str(folder), store=home, check=False), "thư mục")
    assert list(folder.iterdir()) == []


# ------------------------------------------------------------------------------------- full disk


def test_book_on_a_full_disk_is_one_line_and_leaves_the_old_book(home, tmp_path):
    out = tmp_path / "book.pdf"
    out.write_bytes(b"the old book")
    proc = nghisu_limited("book", str(december(home)), "-o", str(out), store=home, max_file_bytes=256 * 1024)
    refused(proc, "Không đủ chỗ trống")
    assert out.read_bytes() == b"the old book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf"]


def test_minutes_on_a_full_disk_leave_no_truncated_pdf(home, tmp_path):
    out = tmp_path / "bien-ban.pdf"
    proc = nghisu_limited("minutes", str(november(home)), "-o", str(out), store=home, max_file_bytes=40 * 1024)
    refused(proc, "Không đủ chỗ trống")
    assert list(tmp_path.iterdir()) == []


def test_a_part_left_by_a_killed_book_is_cleaned_by_the_next(home, tmp_path):
    out = tmp_path / "book.pdf"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f".book.pdf.{int(dead.stdout)}-0123456789.part"
    left.write_bytes(b"%PDF-1.7 half a book")
    nghisu("book", str(december(home)), "-o", str(out), store=home)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf"]


# ------------------------------------------------------------------------------------- multi-file import


def test_a_multi_file_import_with_one_bad_file_stores_none(home, tmp_path):
    good = _a_pdf(tmp_path)
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<")
    mid = december(home)
    before = listing(home, mid)
    proc = nghisu("import", str(good), str(bad), "--meeting", str(mid), store=home, check=False)
    refused(proc, "hong.pdf")
    assert "Chưa nhập tệp nào" in proc.stderr
    assert listing(home, mid) == before
    second = tmp_path / "bao-cao.pdf"
    shutil.copy(good, second)
    again = nghisu("import", str(good), str(second), "--meeting", str(mid), store=home)
    assert again.stdout.count("Đã nhập") == 2
    assert len(json.loads(listing(home, mid))) == len(json.loads(before)) + 2


def _a_pdf(tmp_path: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "to-trinh.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Tờ trình")
    c.save()
    return path


# ------------------------------------------------------------------------------------- active content


def _active_pdf(tmp_path: Path) -> Path:
    """A real document carrying JavaScript (on open, document-level, on a page), a Launch link
    and an embedded executable (attachment annotation and EmbeddedFiles)."""
    pdf = pikepdf.open(_a_pdf(tmp_path))
    js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')")))
    pdf.Root.OpenAction = js
    exe = pdf.make_stream(b"MZ\x90\x00 not really a program")
    exe.Type = pikepdf.Name.EmbeddedFile
    spec = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String("setup.exe"),
                                                EF=pikepdf.Dictionary(F=exe)))
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), js])),
        EmbeddedFiles=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("setup.exe"), spec])))
    page = pdf.pages[0].obj
    page.AA = pikepdf.Dictionary(O=js)
    page.Annots = pdf.make_indirect(pikepdf.Array([
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                             Rect=[72, 600, 300, 620],
                                             A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))),
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment,
                                             Rect=[72, 500, 90, 520], FS=spec)),
    ]))
    out = tmp_path / "co-ma-doc.pdf"
    pdf.save(out)
    return out


def test_active_content_is_kept_in_the_original_and_left_out_of_the_book(home, tmp_path):
    from documents.active_content import find_active

    source = _active_pdf(tmp_path)
    with pikepdf.open(source) as pdf:
        assert set(find_active(pdf)) == {"javascript", "launch", "embedded-file"}
    mid = december(home)
    proc = nghisu("import", str(source), "--meeting", str(mid), "--item", "4", store=home)
    assert "Lưu ý: tệp có nội dung chủ động" in proc.stdout and "JavaScript" in proc.stdout, proc.stdout
    doc_id = int(proc.stdout.split("#", 1)[1].split()[0])
    original = tmp_path / "original.pdf"
    nghisu("signing", "export", str(doc_id), "-o", str(original), store=home)
    assert original.read_bytes() == source.read_bytes()  # stored as imported
    book = tmp_path / "book.pdf"
    nghisu("book", str(mid), "-o", str(book), store=home)
    with pikepdf.open(book) as pdf:
        assert find_active(pdf) == ()
        texts = b"".join(o.read_bytes() for o in pdf.objects if isinstance(o, pikepdf.Stream))
    assert b"app.alert" not in texts and b"MZ\x90" not in texts


def test_import_on_a_full_disk_is_one_line_not_the_network_and_stores_nothing(home, tmp_path):
    from reportlab.pdfgen import canvas

    big = tmp_path / "bao-cao-dai.pdf"
    c = canvas.Canvas(str(big), pageCompression=0)
    for page in range(60):
        c.drawString(72, 720, f"Báo cáo trang {page} " + os.urandom(8).hex() * 40)
        c.showPage()
    c.save()
    mid = december(home)
    before = listing(home, mid)
    proc = nghisu_limited("import", str(big), "--meeting", str(mid), store=home, max_file_bytes=32 * 1024)
    refused(proc)
    assert "mạng" not in proc.stderr and "network" not in proc.stderr
    assert listing(home, mid) == before
