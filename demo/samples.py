"""Realistic generated Vietnamese administrative PDFs, for ``nghisu demo``, tests and benchmarks.

The documents follow Decree 30's layout (header, type name and trích yếu, căn cứ in italics,
numbered sections, justified 14 pt body with a 1 cm first-line indent, page numbers centred at
the top from page 2, Nơi nhận and signature block). The wording is drawn from phrase banks
with a seeded ``random.Random``, so the same arguments always give the same bytes (reportlab
runs with ``invariant=1``: no timestamps or random IDs in the file).
"""

from __future__ import annotations

import io
import os
import random
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from demo import sample_text as txt
from documents.papers import typeset as ts

#: Document kinds we can generate, by Decree 30 abbreviation.
DOC_TYPES: dict[str, str] = {
    "TTr": "Tờ trình",
    "BC": "Báo cáo",
    "NQ": "Dự thảo Nghị quyết",
    "QĐ": "Dự thảo Quyết định",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
}

#: Characters of body text that fill about one page at 14 pt on a Decree 30 A4 text block.
_CHARS_PER_PAGE = 2860


@dataclass(frozen=True)
class SampleSpec:
    """What to generate. ``number`` is the full number/symbol, e.g. ``45/TTr-UBND``; ``scheme`` the
    map whose units and departments the wording names (``demo.sample_text.BANKS``)."""

    doc_type: str = "TTr"
    number: str = "45/TTr-UBND"
    issuing_agency: str = "Ủy ban nhân dân tỉnh Quảng Trị"
    parent_agency: str | None = None
    subject: str = "Về việc thông qua Kế hoạch phát triển kinh tế - xã hội năm 2025"
    issued_on: date = date(2025, 3, 5)
    pages: int = 4
    seed: int = 0
    place: str = "Quảng Trị"
    scheme: str = "2025"

    @property
    def type_name(self) -> str:
        return DOC_TYPES[self.doc_type]


@dataclass(frozen=True)
class SampleDocument:
    spec: SampleSpec
    data: bytes

    @property
    def title(self) -> str:
        return f"{self.spec.type_name} {self.spec.subject[0].lower()}{self.spec.subject[1:]}"


def generate_pdf(spec: SampleSpec) -> bytes:
    """One document as PDF bytes; about ``spec.pages`` pages (±1), always the same bytes."""
    if spec.doc_type not in DOC_TYPES:
        raise ValueError(f"unknown doc_type {spec.doc_type!r}; one of {sorted(DOC_TYPES)}")
    txt.bank(spec.scheme)  # refuses an unknown scheme before anything is drawn
    st = ts.styles()
    rnd = random.Random(f"{spec.seed}|{spec.number}|{spec.doc_type}")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=ts.PAGE_SIZE,
        leftMargin=ts.MARGIN_LEFT,
        rightMargin=ts.MARGIN_RIGHT,
        topMargin=ts.MARGIN_TOP + 6 * mm,  # room for the page number in the top margin
        bottomMargin=ts.MARGIN_BOTTOM,
        title=f"{spec.number} {spec.subject}",
        author=spec.issuing_agency,
        creator="Nghị Sự (generated sample)",
        invariant=1,
        initialFontName=ts.FONT,
    )
    is_draft = spec.doc_type in ("NQ", "QĐ")
    story: list = [
        ts.Decree30Header(
            spec.issuing_agency,
            parent_agency=spec.parent_agency,
            number_line=f"Số:      /{spec.number.split('/', 1)[1]}" if is_draft else f"Số: {spec.number}",
            date_line=(
                f"{spec.place}, ngày      tháng {spec.issued_on.month} năm {spec.issued_on.year}"
                if is_draft
                else ts.format_date_line(spec.place, spec.issued_on)
            ),
        )
    ]
    type_name = {"NQ": "Nghị quyết", "QĐ": "Quyết định"}.get(spec.doc_type, spec.type_name)
    story += ts.title_block(type_name, spec.subject)
    budget = max(1, spec.pages) * _CHARS_PER_PAGE - 900  # the header and signature take ~0.4 page
    story += _body(spec, rnd, budget, st)
    story.append(Spacer(1, 10))
    story.append(KeepTogether([ts.signature_block(txt.signer_for(spec.doc_type, rnd), txt.recipients(spec, rnd))]))

    def on_page(canvas, document) -> None:
        ts.draw_page_number_top(canvas, document.page)
        if is_draft and document.page == 1:
            canvas.saveState()
            canvas.setFont(ts.FONT_BOLD, 12)
            x, y = ts.PAGE_SIZE[0] - ts.MARGIN_RIGHT - 22 * mm, ts.PAGE_SIZE[1] - 12 * mm
            canvas.rect(x, y - 3, 22 * mm, 15)
            canvas.drawCentredString(x + 11 * mm, y + 1, "DỰ THẢO")
            canvas.restoreState()

    with ts.plain_streams():
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


def _body(spec: SampleSpec, rnd: random.Random, budget: int, st: ts.Styles) -> list:
    out: list = []
    used = 0

    def para(text: str, style=st.body) -> None:
        nonlocal used
        out.append(Paragraph(text if text.startswith("<b>") else ts.escape(text), style))
        used += len(text) + 80  # a paragraph's last line is rarely full

    if spec.doc_type in ("TTr", "BC"):
        out.append(Paragraph(f"Kính gửi: {ts.escape(txt.addressee(spec, rnd))}", st.centre))
        out.append(Spacer(1, 8))
        used += 150
    if spec.doc_type in ("TTr", "NQ", "QĐ", "KH"):
        bases = txt.legal_bases(rnd, txt.bank(spec.scheme))
        for i, basis in enumerate(bases):
            para(basis + ("." if i == len(bases) - 1 else ";"), st.basis)
        if spec.doc_type in ("NQ", "QĐ"):
            para("<b>QUYẾT NGHỊ:</b>" if spec.doc_type == "NQ" else "<b>QUYẾT ĐỊNH:</b>", st.centre)
    if spec.doc_type in ("NQ", "QĐ"):
        article = 1
        while used < budget:
            para(f"Điều {article}. {txt.article_title(rnd)}", st.heading)
            for _ in range(rnd.randint(1, 3)):
                para(txt.paragraph(rnd, spec))
            article += 1
        return out
    sections = txt.section_titles(spec.doc_type)
    s = 0
    while used < budget:
        roman = txt.ROMAN[s % len(txt.ROMAN)]
        para(f"{roman}. {sections[s % len(sections)]}", st.heading)
        for sub in range(1, rnd.randint(2, 4)):
            if used >= budget:
                break
            para(f"{sub}. {txt.subsection_title(rnd)}", st.heading)
            for _ in range(rnd.randint(1, 3)):
                para(txt.paragraph(rnd, spec))
            if spec.doc_type == "BC" and rnd.random() < 0.45:
                out.extend(_indicator_table(rnd, spec))
                used += 1400
        s += 1
    return out


def _indicator_table(rnd: random.Random, spec: SampleSpec) -> list:
    """A table of plausible socio-economic figures for the local units of Quảng Trị on the spec's map."""
    st = ts.styles()
    columns, rows = txt.indicator_rows(rnd, spec.issued_on.year, txt.bank(spec.scheme))
    header = [Paragraph(ts.escape(c), st.cell_bold) for c in columns]
    data = [header] + [
        [Paragraph(ts.escape(str(v)), st.cell if j == 0 else st.cell_centre) for j, v in enumerate(row)]
        for row in rows
    ]
    first = 0.28 * ts.TEXT_WIDTH
    rest = (ts.TEXT_WIDTH - first) / (len(columns) - 1)
    table = Table(data, colWidths=[first] + [rest] * (len(columns) - 1), repeatRows=1)
    table.setStyle(
        ts.table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
                ("BACKGROUND", (0, -1), (-1, -1), "#f6f6f6"),
            ]
        )
    )
    caption = Paragraph(
        ts.escape(f"Bảng {rnd.randint(1, 9)}. {txt.table_caption(rnd, spec.issued_on.year)}"),
        ParagraphStyle("caption", parent=st.centre, fontName=ts.FONT_BOLD, fontSize=13, keepWithNext=1),
    )
    # the table may split across pages (its header row repeats); the caption stays with it
    return [Spacer(1, 4), caption, table, Spacer(1, 10)]


# ---------------------------------------------------------------------------------------- corpus


def corpus_specs(n_docs: int, target_pages: int, seed: int = 0, scheme: str = "2025") -> list[SampleSpec]:
    """``n_docs`` varied specs whose page counts add up to about ``target_pages``, on ``scheme``'s map."""
    places = txt.bank(scheme)
    rnd = random.Random(seed)
    mean = max(1.0, target_pages / max(1, n_docs))
    kinds = ["TTr", "BC", "NQ", "QĐ", "KH", "TB"]
    specs = []
    numbers: dict[str, int] = {}
    for i in range(n_docs):
        kind = kinds[i % len(kinds)] if i < len(kinds) else rnd.choice(kinds)
        pages = max(1, round(rnd.uniform(0.4, 1.6) * mean))
        agency_name, parent, symbol = txt.agency(rnd, places)
        numbers[kind] = numbers.get(kind, 0) + rnd.randint(1, 7)
        spec = SampleSpec(
            doc_type=kind,
            number=f"{numbers[kind]:02d}/{kind}-{symbol}",
            issuing_agency=agency_name,
            parent_agency=parent,
            subject=txt.subject(rnd, kind, places),
            issued_on=date(2025, rnd.randint(1, 12), rnd.randint(1, 28)),
            pages=pages,
            seed=seed * 100_003 + i,
            scheme=scheme,
        )
        specs.append(spec)
    # nudge the total towards the target (the generator lands within ±1 page per document)
    total = sum(s.pages for s in specs)
    i = 0
    while total != target_pages and specs and i < 10 * len(specs):
        k = i % len(specs)
        if total < target_pages:
            specs[k] = replace(specs[k], pages=specs[k].pages + 1)
            total += 1
        elif specs[k].pages > 1:
            specs[k] = replace(specs[k], pages=specs[k].pages - 1)
            total -= 1
        i += 1
    return specs


def iter_corpus(n_docs: int, target_pages: int, seed: int = 0, *, workers: int | None = None,
                scheme: str = "2025") -> Iterator[SampleDocument]:
    """Generate a corpus in order, on ``workers`` processes (default: all cores) when it is big."""
    specs = corpus_specs(n_docs, target_pages, seed, scheme)
    if workers is None:
        workers = os.cpu_count() or 1
    if workers <= 1 or len(specs) < 8:
        for spec in specs:
            yield SampleDocument(spec, generate_pdf(spec))
        return
    import multiprocessing  # noqa: PLC0415 -- heavy library deferred for start-up: multiprocessing

    # spawn, not fork: the caller may be a threaded app (Qt), where fork is unsafe
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for spec, data in zip(specs, pool.map(generate_pdf, specs, chunksize=4), strict=True):
            yield SampleDocument(spec, data)


def generate_corpus(n_docs: int, target_pages: int, seed: int = 0, scheme: str = "2025") -> list[SampleDocument]:
    """``n_docs`` documents, ≈ ``target_pages`` pages in all; same seed, same bytes."""
    return list(iter_corpus(n_docs, target_pages, seed, scheme=scheme))
