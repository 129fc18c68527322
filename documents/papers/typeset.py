"""Decree 30/2020/NĐ-CP typesetting helpers for reportlab.

Everything we generate (sample documents, meeting-book covers and agendas, stamps) uses the
same Times New Roman-style serif that covers Vietnamese: Liberation Serif 2.x, shipped in
``resources/fonts`` under the SIL OFL 1.1. (Liberation 1.x, which Debian still installs as
``fonts-liberation``, has no glyphs for ơ, ư, ộ, ữ, ...: it cannot set Vietnamese.)

The layout rules (sizes, positions, rules under the motto and the agency name, the date line's
leading zeros) come from Phụ lục I of the decree; see ``shared/DECREE30.md``.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

#: Family and face names as registered with reportlab.
FONT = "NSSerif"
FONT_BOLD = "NSSerif-Bold"
FONT_ITALIC = "NSSerif-Italic"
FONT_BOLD_ITALIC = "NSSerif-BoldItalic"

_FACES = {
    FONT: "LiberationSerif-Regular.ttf",
    FONT_BOLD: "LiberationSerif-Bold.ttf",
    FONT_ITALIC: "LiberationSerif-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

PAGE_SIZE = A4
#: Decree 30 margins: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
TEXT_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

_lock = threading.Lock()
_registered = False


def font_bytes(filename: str) -> bytes:
    """The bytes of one shipped font file, found through importlib.resources (works from a wheel)."""
    return resources.files("resources").joinpath("fonts", filename).read_bytes()


def register_fonts() -> None:
    """Register the serif family with reportlab once (lazy: costs ~30 ms, only when we draw)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FACES.items():
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(font_bytes(filename))))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )
        _registered = True


@contextmanager
def plain_streams() -> Iterator[None]:
    """Write reportlab streams as plain Flate, without the ASCII85 layer reportlab adds by
    default: 20 % smaller, and reportlab's pure-Python ASCII85 encoder was the biggest single
    cost of drawing the book's stamps. (``rl_config`` is global; we restore it afterwards.)"""
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


# ---------------------------------------------------------------------------------------- dates


def format_date_vn(d: date | datetime) -> str:
    """Dates as people in Vietnam write them: ``05/03/2025``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def date_words(d: date | datetime) -> str:
    """``ngày 05 tháng 3 năm 2025``: day < 10 and months 1-2 get a leading zero (Decree 30 II.4)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def format_date_line(place: str, d: date | datetime) -> str:
    """The italic place/date line: ``Quảng Trị, ngày 05 tháng 3 năm 2025``."""
    return f"{place}, {date_words(d)}"


def format_number(number: int, symbol: str) -> str:
    """``Số: 05/QĐ-UBND``: numbers below 10 get a leading zero."""
    return f"Số: {number:02d}/{symbol}"


# ---------------------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    basis: ParagraphStyle  # căn cứ lines: italic
    heading: ParagraphStyle  # numbered section headings: bold
    title: ParagraphStyle  # document type name: CAPS bold 14
    subject: ParagraphStyle  # trích yếu: bold 14
    centre: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_centre: ParagraphStyle
    small: ParagraphStyle


_styles: Styles | None = None


def styles() -> Styles:
    """Paragraph styles for Decree 30 bodies: 14 pt, justified, first-line indent 1 cm, 6 pt after.

    Every style names our serif for its bullets too: reportlab's default bullet font is
    Helvetica, which it never embeds (a paper with it cannot be archived as PDF/A)."""
    global _styles
    if _styles is None:
        register_fonts()
        body = ParagraphStyle(
            "body", fontName=FONT, fontSize=14, leading=18, alignment=TA_JUSTIFY,
            firstLineIndent=1 * cm, spaceAfter=6, bulletFontName=FONT,
        )
        cell = ParagraphStyle("cell", fontName=FONT, fontSize=11, leading=13, alignment=TA_LEFT, bulletFontName=FONT)
        _styles = Styles(
            body=body,
            basis=ParagraphStyle("basis", parent=body, fontName=FONT_ITALIC, spaceAfter=3),
            heading=ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, spaceBefore=6),
            title=ParagraphStyle(
                "title", fontName=FONT_BOLD, fontSize=14, leading=18, alignment=TA_CENTER, bulletFontName=FONT
            ),
            subject=ParagraphStyle(
                "subject", fontName=FONT_BOLD, fontSize=14, leading=18, alignment=TA_CENTER, bulletFontName=FONT
            ),
            centre=ParagraphStyle("centre", parent=body, alignment=TA_CENTER, firstLineIndent=0),
            cell=cell,
            cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
            cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
            small=ParagraphStyle("small", fontName=FONT, fontSize=11, leading=13, bulletFontName=FONT),
        )
    return _styles


def escape(text: str) -> str:
    """Escape text for reportlab's paragraph mini-markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_style(commands: Sequence[tuple]) -> TableStyle:
    """A table style whose cells start in our serif: reportlab's cell default is Helvetica,
    which it names on the page (unembedded) even when every cell holds a Paragraph."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT), *commands])


# ---------------------------------------------------------------------------------------- header


def _wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and pdfmetrics.stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


class Decree30Header(Flowable):
    """Ô 1-4 of the decree's layout: agency block left, national name and motto right.

    Left (≈42 % of the text width): parent agency in CAPS regular 12, issuing agency in CAPS
    bold 12 (wrapping if long) with a centred rule 1/3 of its length, then ``Số: …`` 13.
    Right: national name bold CAPS 12, motto bold 13 with a rule exactly as long as the motto,
    then the italic place/date line 13 on the same row as ``Số``. Drawn directly on the canvas
    so that the rules have the lengths the decree asks for.
    """

    LEFT_SHARE = 0.42

    def __init__(
        self,
        issuing_agency: str,
        *,
        parent_agency: str | None = None,
        number_line: str | None = None,
        date_line: str | None = None,
    ) -> None:
        super().__init__()
        register_fonts()
        self.parent_agency = parent_agency.upper() if parent_agency else None
        self.issuing_agency = issuing_agency.upper()
        self.number_line = number_line
        self.date_line = date_line
        self._lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        left_w = avail_width * self.LEFT_SHARE
        self._lines = _wrap_words(self.issuing_agency, FONT_BOLD, 12, left_w - 4)
        left_rows = (1 if self.parent_agency else 0) + len(self._lines)
        self._top_rows = max(left_rows, 2)
        self.height = self._top_rows * 14 + 8 + (18 if (self.number_line or self.date_line) else 0) + 4
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        left_w = self.width * self.LEFT_SHARE
        lx = left_w / 2
        rx = left_w + (self.width - left_w) / 2
        y = self.height - 12
        rows_left: list[tuple[str, str]] = []
        if self.parent_agency:
            rows_left.append((self.parent_agency, FONT))
        rows_left.extend((line, FONT_BOLD) for line in self._lines)
        widest_bold = 0.0
        for i, (text, font) in enumerate(rows_left):
            c.setFont(font, 12)
            c.drawCentredString(lx, y - i * 14, text)
            if font == FONT_BOLD:
                widest_bold = max(widest_bold, pdfmetrics.stringWidth(text, font, 12))
        c.setLineWidth(0.6)
        rule_y_left = y - (len(rows_left) - 1) * 14 - 4
        half = widest_bold / 6  # a rule 1/3 of the agency name's length, centred
        c.line(lx - half, rule_y_left, lx + half, rule_y_left)

        c.setFont(FONT_BOLD, 12)
        c.drawCentredString(rx, y, NATIONAL_NAME)
        c.setFont(FONT_BOLD, 13)
        c.drawCentredString(rx, y - 14, MOTTO)
        motto_half = pdfmetrics.stringWidth(MOTTO, FONT_BOLD, 13) / 2
        rule_y_right = y - 14 - 4
        c.line(rx - motto_half, rule_y_right, rx + motto_half, rule_y_right)

        row_y = y - (self._top_rows - 1) * 14 - 4 - 18
        if self.number_line:
            c.setFont(FONT, 13)
            c.drawCentredString(lx, row_y, self.number_line)
        if self.date_line:
            c.setFont(FONT_ITALIC, 13)
            c.drawCentredString(rx, row_y, self.date_line)


def title_block(type_name: str, subject: str) -> list[Flowable]:
    """Ô 5a: the document type in CAPS bold, the trích yếu in bold, a short centred rule."""
    st = styles()
    out: list[Flowable] = [Spacer(1, 12)]
    if type_name:
        out.append(Paragraph(escape(type_name.upper()), st.title))
    out.append(Paragraph(escape(subject), st.subject))
    out.append(HRFlowable(width="30%", thickness=0.6, color="black", spaceBefore=2, spaceAfter=14))
    return out


@dataclass(frozen=True)
class Signer:
    """Ô 7a-7c: ``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH`` / name. ``authority`` may be empty."""

    authority: str  # e.g. "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; several lines joined by "\n"
    title: str  # e.g. "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str


def signature_block(signer: Signer, recipients: Sequence[str], *, width: float = TEXT_WIDTH) -> Table:
    """Nơi nhận (left, 12 bold italic + 11 regular lines) beside the signature block (right)."""
    st = styles()
    left = [Paragraph("<b><i>Nơi nhận:</i></b>", ParagraphStyle("nn", parent=st.small, fontSize=12))]
    items = list(recipients)
    for i, r in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        left.append(Paragraph(escape(f"- {r.rstrip(';.')}{end}"), st.small))
    sig_style = ParagraphStyle("sig", fontName=FONT_BOLD, fontSize=14, leading=17, alignment=TA_CENTER)
    right: list[Flowable] = []
    for line in signer.authority.splitlines():  # e.g. "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
        right.append(Paragraph(escape(line.upper()), sig_style))
    right.append(Paragraph(escape(signer.title.upper()), sig_style))
    right.append(Spacer(1, 62))
    right.append(Paragraph(escape(signer.name), sig_style))
    table = Table([[left, right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def draw_page_number_top(canvas, page_number: int, page_size: tuple[float, float] = PAGE_SIZE) -> None:
    """Decree 30: from page 2, the number is centred in the top margin, 13 pt upright."""
    if page_number < 2:
        return
    canvas.saveState()
    canvas.setFont(FONT, 13)
    canvas.drawCentredString(
        MARGIN_LEFT + (page_size[0] - MARGIN_LEFT - MARGIN_RIGHT) / 2,
        page_size[1] - MARGIN_TOP / 2 - 4,
        str(page_number),
    )
    canvas.restoreState()
