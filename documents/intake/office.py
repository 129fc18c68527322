"""Word, Excel, PowerPoint and OpenDocument files turned into PDF with LibreOffice.

Each conversion runs ``soffice --headless --convert-to pdf`` in its own temporary folder with
its own LibreOffice profile (``-env:UserInstallation``): two conversions at once, or a
LibreOffice window the person has open, would otherwise share one profile and the second
``soffice`` would hand its work to the first and exit without converting anything.

The PDF that comes out is ordinary untrusted input again: the import service passes it
through ``documents.intake.service`` like any other file.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from documents import errors
from documents.intake.office_types import check_office_type

log = logging.getLogger(__name__)

OFFICE_EXTENSIONS = frozenset(
    {".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp"}
)

#: Where installers put soffice when it is not on PATH (Windows, macOS).
_USUAL_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def is_office_file(name: str | os.PathLike[str]) -> bool:
    """True for the document types LibreOffice converts for us (by extension, any case)."""
    return Path(name).suffix.lower() in OFFICE_EXTENSIONS


def find_soffice(search_path: str | None = None) -> str | None:
    """The LibreOffice program to run, or None.

    ``search_path`` replaces ``PATH`` for the lookup (and then the usual install places are
    not tried), so a caller or a test can say exactly where to look.
    """
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=search_path)
        if found:
            return found
    if search_path is None:
        for place in _USUAL_PLACES:
            if Path(place).is_file():
                return place
    return None


def convert_office_to_pdf(
    path: str | os.PathLike[str],
    *,
    timeout_s: float = 120.0,
    search_path: str | None = None,
) -> bytes:
    """The PDF LibreOffice makes of ``path``.

    Raises UnsupportedFileType for other extensions, FileUnreadable when the file cannot be
    read, OfficeConverterMissing when LibreOffice is not installed, and OfficeConversionFailed
    when it fails, produces nothing, or runs past ``timeout_s`` (then it is killed).
    """
    source = Path(path)
    if not is_office_file(source.name):
        raise errors.UnsupportedFileType(source.name)
    if not source.is_file():
        raise errors.FileUnreadable(source.name, detail=f"{source} is not a file")
    check_office_type(source)  # what the extension says, before LibreOffice guesses
    program = find_soffice(search_path)
    if program is None:
        raise errors.OfficeConverterMissing(detail=f"soffice not found on {search_path or 'PATH'}")

    with tempfile.TemporaryDirectory(prefix="nghisu-office-") as tmp:
        work = Path(tmp)
        # A plain ASCII name inside our folder: the output name is predictable, and names with
        # diacritics, spaces or leading dashes cannot confuse the command line.
        staged = work / f"input{source.suffix.lower()}"
        try:
            shutil.copyfile(source, staged)
        except OSError as exc:
            raise errors.FileUnreadable(source.name, detail=str(exc)) from None
        outdir = work / "out"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(staged),
        ]
        output = _run(command, timeout_s, source.name)
        produced = outdir / "input.pdf"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise errors.OfficeConversionFailed(
                source.name, detail=f"no PDF produced; soffice said: {output}"
            )
        return produced.read_bytes()


def _run(command: list[str], timeout_s: float, name: str) -> str:
    """Run soffice in its own process group so that a timeout kills soffice.bin too."""
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        raise errors.OfficeConverterMissing(detail=f"cannot run {command[0]}: {exc}") from None
    try:
        out, _ = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise errors.OfficeConversionFailed(name, detail=f"killed after {timeout_s:g} s") from None
    text = out.decode("utf-8", "replace").strip()[-1000:]
    if proc.returncode != 0:
        log.warning("soffice failed on %s (exit %s): %s", name, proc.returncode, text)
        raise errors.OfficeConversionFailed(name, detail=f"exit status {proc.returncode}: {text}")
    return text


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()
