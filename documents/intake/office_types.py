"""Is an office file what its extension says? Checked before LibreOffice sees it.

LibreOffice opens whatever it is given by guessing from the contents: a plain-text file named
``.docx`` becomes a PDF and is delivered as if it were a Word document. Each extension names a
container with a recognisable signature: Office Open XML (a zip whose ``[Content_Types].xml``
declares the main part of that application), OpenDocument (a zip whose ``mimetype`` entry
names the type), the old binary formats (an OLE2 compound file) and RTF. Only headers are
read (a few bytes, the zip directory, two small entries), never the document itself.

Decision: ``.doc`` may also be RTF (Word saves RTF under ``.doc``, and many offices' old
files are such); HTML or text under any office extension is refused, since LibreOffice would
render HTML with whatever it links to.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from documents import errors

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
#: The largest [Content_Types].xml / mimetype entry read (real ones are a few KiB at most).
MAX_HEADER_ENTRY = 256 * 1024

_OOXML = "application/vnd.openxmlformats-officedocument."
#: What each kind of file is called in messages (Vietnamese, English).
NAMES = {
    "docx": ("tệp Word (.docx)", "a Word file (.docx)"),
    "xlsx": ("tệp Excel (.xlsx)", "an Excel file (.xlsx)"),
    "pptx": ("tệp PowerPoint (.pptx)", "a PowerPoint file (.pptx)"),
    "odt": ("văn bản OpenDocument (.odt)", "an OpenDocument text (.odt)"),
    "ods": ("bảng tính OpenDocument (.ods)", "an OpenDocument spreadsheet (.ods)"),
    "odp": ("trình chiếu OpenDocument (.odp)", "an OpenDocument presentation (.odp)"),
    "ole": ("tệp Office đời cũ (.doc/.xls/.ppt)", "an old-style Office file (.doc/.xls/.ppt)"),
    "rtf": ("tệp RTF", "an RTF file"),
    "pdf": ("tệp PDF (hãy nhập nó với đuôi .pdf)", "a PDF (import it named .pdf)"),
    "zip": ("một tệp nén zip", "a zip archive"),
    "html": ("một trang HTML", "an HTML page"),
    "text": ("văn bản thường", "plain text"),
}
#: Which kinds each extension accepts; the first names the extension in messages.
EXPECTED = {
    ".docx": ("docx",), ".xlsx": ("xlsx",), ".pptx": ("pptx",),
    ".odt": ("odt",), ".ods": ("ods",), ".odp": ("odp",),
    ".doc": ("ole", "rtf"), ".xls": ("ole",), ".ppt": ("ole",), ".rtf": ("rtf",),
}
_EXTENSION_NAMES = {
    ".doc": ("tệp Word (.doc)", "a Word file (.doc)"), ".xls": ("tệp Excel (.xls)", "an Excel file (.xls)"),
    ".ppt": ("tệp PowerPoint (.ppt)", "a PowerPoint file (.ppt)"),
}
_MAIN_PARTS = (
    ("docx", ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml")),
    ("xlsx", ("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml")),
    ("pptx", ("presentationml.presentation.main+xml", "presentationml.slideshow.main+xml",
              "presentationml.template.main+xml")),
)
_ODF = {"application/vnd.oasis.opendocument.text": "odt",
        "application/vnd.oasis.opendocument.spreadsheet": "ods",
        "application/vnd.oasis.opendocument.presentation": "odp"}


def _entry(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_HEADER_ENTRY:
        return None
    with archive.open(info) as fh:
        return fh.read(MAX_HEADER_ENTRY + 1)


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            mimetype = _entry(archive, "mimetype")
            if mimetype is not None:
                return _ODF.get(mimetype.decode("ascii", "replace").strip(), "zip")
            types = _entry(archive, "[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return "zip"  # damaged, encrypted or otherwise unreadable as a container
    if types is not None:
        for kind, parts in _MAIN_PARTS:
            if any(f"{_OOXML}{part}".encode() in types for part in parts):
                return kind
    return "zip"


def sniff(path: Path) -> str:
    """What the file's bytes say it is: a key of ``NAMES``, or ``"unknown"``."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.lstrip().startswith(RTF_MAGIC):
        return "rtf"
    if b"%PDF-" in head:
        return "pdf"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered[:512]:
        return "html"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "unknown"
    return "text"


def check_office_type(path: Path, shown_name: str | None = None) -> str:
    """The file's kind when it is what its extension says; ``OfficeTypeMismatch`` otherwise."""
    suffix = path.suffix.lower()
    accepted = EXPECTED.get(suffix)
    if accepted is None:
        raise errors.UnsupportedFileType(shown_name or path.name)
    try:
        kind = sniff(path)
    except OSError as exc:
        raise errors.FileUnreadable(shown_name or path.name, detail=str(exc)) from None
    if kind in accepted:
        return kind
    expected = _EXTENSION_NAMES.get(suffix) or NAMES[accepted[0]]
    raise errors.OfficeTypeMismatch(shown_name or path.name, expected, NAMES.get(kind),
                                    detail=f"extension {suffix}, contents look like {kind}")
