"""Active content in a PDF: what runs or opens something when a reader opens or clicks the file.

JavaScript, Launch actions (start a program), embedded files (an executable rides along), form
submission, multimedia. A document is stored as imported (the original is evidence, and a
signed one must stay byte for byte), but the copies Nghị Sự circulates (the meeting book sent
to every member) carry none of it: ``strip_active`` removes it from an open pikepdf document,
``find_active`` names what there is (import says so).

Works on an already opened ``pikepdf.Pdf``: at import inside the checker process, in the book
on the sources it merges.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pikepdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf (the CLI imports describe)

log = logging.getLogger(__name__)

#: Action types that run code, start programs, send data or play media.
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition", "/GoToE",
                            "/RichMediaExecute", "/Sound", "/Movie"})
#: Annotation subtypes that carry a file or media player.
ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"})

#: Names for people (Vietnamese, English) of what was found.
KIND_NAMES = {
    "javascript": ("JavaScript", "JavaScript"),
    "launch": ("lệnh mở chương trình (Launch)", "Launch actions"),
    "embedded-file": ("tệp đính kèm nhúng", "embedded files"),
    "form-submit": ("gửi dữ liệu biểu mẫu", "form submission"),
    "media": ("đa phương tiện", "multimedia"),
}


def _action_kind(action: object, depth: int = 0) -> str | None:
    """The active kind of ``action`` or of any action it chains to (``/Next``), else None."""
    import pikepdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf (the CLI imports describe)

    if depth > 16:  # a chain this long (or a loop) is no honest document's
        return "javascript"
    if isinstance(action, pikepdf.Array):
        return next((k for a in action if (k := _action_kind(a, depth + 1))), None)
    if not isinstance(action, pikepdf.Dictionary):
        return None
    subtype = str(action.get("/S", ""))
    if subtype in ACTIVE_ACTIONS:
        return {"/JavaScript": "javascript", "/Launch": "launch", "/ImportData": "form-submit",
                "/SubmitForm": "form-submit", "/GoToE": "embedded-file"}.get(subtype, "media")
    return _action_kind(action.get("/Next"), depth + 1) if "/Next" in action else None


def _walk(pdf: pikepdf.Pdf, remove: bool) -> set[str]:
    """The kinds of active content in ``pdf``; with ``remove``, taken out as they are found."""
    import pikepdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf (the CLI imports describe)

    found: set[str] = set()

    def actions_of(holder: pikepdf.Dictionary) -> None:
        action = holder.get("/A")
        kind = _action_kind(action)
        if kind:  # the action itself, or one it chains to: the whole chain goes
            found.add(kind)
            if remove:
                del holder["/A"]
        additional = holder.get("/AA")
        if isinstance(additional, pikepdf.Dictionary) and len(additional):
            for key in list(additional.keys()):
                kind = _action_kind(additional[key])
                if kind:
                    found.add(kind)
                    if remove:
                        del additional[key]

    try:
        _walk_document(pdf, remove, found, actions_of)
    except Exception:  # noqa: BLE001 - a damaged catalog: its pages are still walked below
        log.info("active content: the document catalog could not be walked", exc_info=True)
    for page in pdf.pages:
        try:
            _walk_page(page, remove, found, actions_of)
        except Exception:  # noqa: BLE001 - a damaged page or annotation: the others still count
            log.info("active content: a page could not be walked", exc_info=True)
    return found


def _walk_document(pdf: pikepdf.Pdf, remove: bool, found: set[str], actions_of: Callable[[Any], None]) -> None:
    import pikepdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf (the CLI imports describe)

    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key, kind in (("/JavaScript", "javascript"), ("/EmbeddedFiles", "embedded-file")):
            if key in names:
                found.add(kind)
                if remove:
                    del names[key]
    open_action = root.get("/OpenAction")
    opening = _action_kind(open_action)
    if opening:
        found.add(opening)
        if remove:
            del root["/OpenAction"]
    actions_of(root)
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
        found.add("javascript")  # XFA forms carry their own scripts
        if remove:
            del form["/XFA"]


def _walk_page(page: pikepdf.Page, remove: bool, found: set[str], actions_of: Callable[[Any], None]) -> None:
    import pikepdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf (the CLI imports describe)

    actions_of(page.obj)
    annots = page.obj.get("/Annots")
    if isinstance(annots, pikepdf.Array):
        keep = []
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary):
                keep.append(annot)
                continue
            subtype = str(annot.get("/Subtype", ""))
            if subtype in ACTIVE_ANNOTATIONS:
                found.add("embedded-file" if subtype == "/FileAttachment" else "media")
                continue
            actions_of(annot)
            keep.append(annot)
        if remove and len(keep) != len(annots):
            page.obj["/Annots"] = pikepdf.Array(keep)


def find_active(pdf: pikepdf.Pdf) -> tuple[str, ...]:
    """The kinds of active content in ``pdf`` (sorted; empty when there is none)."""
    return tuple(sorted(_walk(pdf, remove=False)))


def strip_active(pdf: pikepdf.Pdf) -> tuple[str, ...]:
    """Remove every kind of active content from ``pdf`` in place; the kinds removed."""
    return tuple(sorted(_walk(pdf, remove=True)))


def describe(kinds: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """``("JavaScript, tệp đính kèm nhúng", "JavaScript, embedded files")`` for messages."""
    vi = ", ".join(KIND_NAMES.get(k, (k, k))[0] for k in kinds)
    en = ", ".join(KIND_NAMES.get(k, (k, k))[1] for k in kinds)
    return vi, en
