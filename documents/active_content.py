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

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

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


def _action_kind(action) -> str | None:
    import pikepdf

    if not isinstance(action, pikepdf.Dictionary):
        return None
    subtype = str(action.get("/S", ""))
    if subtype not in ACTIVE_ACTIONS:
        return None
    return {"/JavaScript": "javascript", "/Launch": "launch", "/ImportData": "form-submit",
            "/SubmitForm": "form-submit", "/GoToE": "embedded-file"}.get(subtype, "media")


def _walk(pdf: pikepdf.Pdf, remove: bool) -> set[str]:
    """The kinds of active content in ``pdf``; with ``remove``, taken out as they are found."""
    import pikepdf

    found: set[str] = set()

    def actions_of(holder: pikepdf.Dictionary) -> None:
        action = holder.get("/A")
        kind = _action_kind(action)
        if kind:
            found.add(kind)
            if remove:
                del holder["/A"]
        elif isinstance(action, pikepdf.Dictionary) and "/Next" in action:
            # A harmless first action may chain to an active one: drop the chain.
            found.add("javascript")
            if remove:
                del action["/Next"]
        additional = holder.get("/AA")
        if isinstance(additional, pikepdf.Dictionary) and len(additional):
            for key in list(additional.keys()):
                kind = _action_kind(additional[key])
                if kind:
                    found.add(kind)
                    if remove:
                        del additional[key]

    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key, kind in (("/JavaScript", "javascript"), ("/EmbeddedFiles", "embedded-file")):
            if key in names:
                found.add(kind)
                if remove:
                    del names[key]
    open_action = root.get("/OpenAction")
    kind = _action_kind(open_action)
    if kind:
        found.add(kind)
        if remove:
            del root["/OpenAction"]
    actions_of(root)
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
        found.add("javascript")  # XFA forms carry their own scripts
        if remove:
            del form["/XFA"]
    for page in pdf.pages:
        actions_of(page.obj)
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
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
    return found


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
