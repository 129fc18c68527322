"""Navigation in the finished book: outline, agenda links, page labels, document info."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from documents.book.front import LINK_SCHEME

if TYPE_CHECKING:
    import pikepdf

    from documents.book.compile import BookPlan


def _dest(book: pikepdf.Pdf, index: int) -> pikepdf.Array:
    """Go to the top of a page, keeping the reader's zoom ([page /XYZ null null null])."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    return pikepdf.Array([book.pages[index].obj, pikepdf.Name.XYZ, None, None, None])


def link_agenda(book: pikepdf.Pdf, front_pages: int) -> int:
    """Turn the agenda's ``nghisu-book:page=K`` links into links to book page K; returns how many."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    count = 0
    for index in range(front_pages):
        annots = book.pages[index].obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        for annot in annots:
            action = annot.get("/A")
            if not isinstance(action, pikepdf.Dictionary) or action.get("/S") != pikepdf.Name.URI:
                continue
            uri = str(action.get("/URI", ""))
            if not uri.startswith(LINK_SCHEME):
                continue
            target = front_pages + int(uri[len(LINK_SCHEME):]) - 1
            del annot["/A"]
            annot["/Dest"] = _dest(book, target)
            count += 1
    return count


def add_outline(
    book: pikepdf.Pdf,
    plan: BookPlan,
    first_pages: Sequence[Sequence[int]],
    item_pages: Sequence[int | None],
    front_pages: int,
) -> None:
    """Cover, agenda, then agenda items (nested by number: 2.1 under 2) → their documents.

    An item without documents of its own (nor sub-items with any) points at the agenda."""
    from pikepdf import OutlineItem  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    def item(title: str, index: int) -> OutlineItem:
        oi = OutlineItem(title)
        oi.destination = _dest(book, index)
        return oi

    with book.open_outline() as outline:
        outline.root.append(item("Trang bìa", 0))
        if front_pages > 1:
            outline.root.append(item("Chương trình phiên họp", 1))
        stack: list[tuple[str, OutlineItem]] = []
        for entry, pages, start in zip(plan.agenda, first_pages, item_pages, strict=True):
            node = item(f"{entry.number}. {entry.title}", start if start is not None else min(1, front_pages - 1))
            for doc, page in zip(entry.documents, pages, strict=True):
                name = f"{doc.number} – {doc.title}" if doc.number else doc.title
                node.children.append(item(name, page))
            while stack and not entry.number.startswith(stack[-1][0] + "."):
                stack.pop()
            (stack[-1][1].children if stack else outline.root).append(node)
            stack.append((entry.number, node))


def set_page_labels(book: pikepdf.Pdf, front_pages: int) -> None:
    """Front matter i, ii, …; documents 1, 2, … (what the agenda and the footers print)."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    nums: list[Any] = [0, pikepdf.Dictionary(S=pikepdf.Name.r)]
    if len(book.pages) > front_pages:
        nums += [front_pages, pikepdf.Dictionary(S=pikepdf.Name.D)]
    book.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(nums))


def set_info(book: pikepdf.Pdf, plan: BookPlan) -> None:
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    m = plan.meeting
    book.docinfo = book.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(f"Tài liệu phiên họp: {m.title}"),
        Author=pikepdf.String(m.host_unit),
        Subject=pikepdf.String(m.kind or m.title),
        Creator=pikepdf.String("Nghị Sự"),
        Producer=pikepdf.String("Nghị Sự (reportlab, qpdf)"),
    ))
    book.Root.Lang = pikepdf.String("vi-VN")
    book.Root.PageMode = pikepdf.Name.UseOutlines
    book.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
