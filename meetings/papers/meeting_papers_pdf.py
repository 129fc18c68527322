"""Drawing a meeting's own papers before it is held: the invitation (giấy mời, Mẫu 1.7), the
programme (chương trình, Mẫu 1.4 with a timetable) and the attendance sheets (danh sách đại
biểu, one per site, for the delegates to sign on paper).

Decree 30 layouts set with ``documents.papers.typeset``; the signer's block leaves the space where the
signing workflow puts the signature field (``render_*`` return that box, as the minutes do).
A paper not yet numbered is a draft: its number is blank and every page says DỰ THẢO.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from documents.papers import typeset as ts
from meetings.papers.minutes_pdf import (
    Box,
    decree_doc,
    on_draft_page,
    on_page,
    paragraphs,
    signer_table,
)
from meetings.papers.signer_practice import SignerBlock

Boxes = dict[str, tuple[int, Box]]


@dataclass(frozen=True)
class PaperHead:
    """What every paper's header says: who issues it, its symbol and number, place and date."""

    agency: str
    symbol: str  # "GM-UBND": printed after the number, or after a blank while a draft
    place: str
    issued_on: date
    number: str | None = None  # "15/GM-UBND" once the register gave it
    parent_agency: str | None = None
    #: The issuing unit's seal's real size (``stamp_library.seal_mm_of``): the signer's block
    #: leaves room for it centred on the signature; ``None``: the usual 36 mm.
    seal_mm: float | None = None

    def number_line(self) -> str:
        return f"Số: {self.number}" if self.number else f"Số:       /{self.symbol}"

    @property
    def draft(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class InvitationContent:
    head: PaperHead
    subject: str  # the meeting, as the trích yếu: "Phiên họp UBND tỉnh thường kỳ tháng 12"
    invitees: tuple[str, ...]  # "Đồng chí Nguyễn Văn A, Giám đốc Sở Tài chính" or a group
    meeting_phrase: str  # "phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026"
    chair: str
    time: str  # "08 giờ 00 phút, thứ Ba, ngày 08 tháng 12 năm 2026"
    place: str
    sites: tuple[str, ...]  # connected sites by their official names
    agenda: tuple[str, ...]  # top-level items, "1. Báo cáo ..."
    bring: str
    contact: str
    note: str
    signer: SignerBlock
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class ProgrammeRow:
    span: str  # "08h00 - 08h10"
    number: str
    title: str
    presenter: str
    depth: int


@dataclass(frozen=True)
class ProgrammeContent:
    head: PaperHead
    subject: str
    time: str
    place: str
    chair: str
    sites: tuple[str, ...]
    rows: tuple[ProgrammeRow, ...]
    signer: SignerBlock
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class SheetRow:
    name: str
    position: str
    role: str  # "chủ trì", "thành viên", ...


@dataclass(frozen=True)
class SiteSheet:
    site: str  # "Điểm cầu chính: Ủy ban nhân dân tỉnh Quảng Trị" or "Điểm cầu Ủy ban nhân dân xã A"
    place: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class AttendanceContent:
    agency: str
    parent_agency: str | None
    subject: str
    time: str
    sheets: tuple[SiteSheet, ...]
    spare_rows: int = 4  # blank lines for deputies and guests who come unannounced


def _label(label: str, text: str, st: ts.Styles) -> Paragraph:
    return Paragraph(f"<b>{ts.escape(label)}:</b> {ts.escape(text)}", st.body)


def _signature_table(signer: SignerBlock, recipients: Sequence[str], boxes: Boxes, st: ts.Styles,
                     head: PaperHead) -> Table:
    return signer_table(signer.lines(), signer.name, recipients, boxes, st, head.seal_mm)


def _header(head: PaperHead) -> ts.Decree30Header:
    return ts.Decree30Header(head.agency, parent_agency=head.parent_agency, number_line=head.number_line(),
                             date_line=ts.format_date_line(head.place, head.issued_on))


def _no_number(canvas: object, document: object) -> None:
    """Attendance sheets are separate papers, one per site: no running page number."""


def _build(story: list[Flowable], title: str, author: str, draft: bool, *, numbered: bool = True) -> bytes:
    buf = io.BytesIO()
    doc = decree_doc(buf, title, author)
    page = on_draft_page if draft else on_page if numbered else _no_number
    with ts.plain_streams():
        doc.build(story, onFirstPage=page, onLaterPages=page)
    return buf.getvalue()


def render_invitation(c: InvitationContent) -> tuple[bytes, Boxes]:
    """The giấy mời: who invites whom to what, when and where, what to bring, whom to call."""
    st = ts.styles()
    story: list[Flowable] = [_header(c.head), *ts.title_block("GIẤY MỜI", c.subject)]
    lead = ParagraphStyle("lead", parent=st.body, firstLineIndent=1 * 28.35)
    if len(c.invitees) == 1:
        story.append(Paragraph(f"{ts.escape(c.head.agency)} trân trọng kính mời: <b>{ts.escape(c.invitees[0])}</b>",
                               lead))
    else:
        story.append(Paragraph(f"{ts.escape(c.head.agency)} trân trọng kính mời:", lead))
        story += paragraphs("\n".join(f"- {who};" if i < len(c.invitees) - 1 else f"- {who}."
                                      for i, who in enumerate(c.invitees)), st)
    story.append(Paragraph(f"Tới dự {ts.escape(c.meeting_phrase)}.", st.body))
    story.append(_label("Chủ trì", c.chair + ".", st))
    story.append(_label("Thời gian", c.time + ".", st))
    story.append(_label("Địa điểm", c.place + ".", st))
    if c.sites:
        story.append(_label("Hình thức", f"trực tiếp kết hợp trực tuyến tới {len(c.sites)} điểm cầu: "
                            + "; ".join(c.sites) + ".", st))
    if c.agenda:
        story.append(Paragraph("<b>Nội dung:</b>", st.body))
        story += paragraphs("\n".join(f"- {item};" if i < len(c.agenda) - 1 else f"- {item}."
                                      for i, item in enumerate(c.agenda)), st)
    if c.bring:
        story.append(_label("Đề nghị đại biểu mang theo", c.bring.rstrip(".") + ".", st))
    if c.note:
        story += paragraphs(c.note, st)
    if c.contact:
        story.append(_label("Liên hệ", c.contact.rstrip(".") + ".", st))
    story.append(Paragraph("Rất mong các đồng chí tham dự đúng thời gian./.", st.body))
    boxes: Boxes = {}
    story += [Spacer(1, 8), KeepTogether([_signature_table(c.signer, c.recipients, boxes, st, c.head)])]
    return _build(story, f"Giấy mời {c.subject}", c.head.agency, c.head.draft), boxes


def render_programme(c: ProgrammeContent) -> tuple[bytes, Boxes]:
    """The chương trình: particulars, then each item with its clock span and presenter."""
    st = ts.styles()
    story: list[Flowable] = [_header(c.head), *ts.title_block("CHƯƠNG TRÌNH", c.subject)]
    story.append(_label("Thời gian", c.time + ".", st))
    story.append(_label("Địa điểm", c.place + ".", st))
    if c.sites:
        story.append(_label("Điểm cầu trực tuyến", "; ".join(c.sites) + ".", st))
    story.append(_label("Chủ trì", c.chair + ".", st))
    story.append(Spacer(1, 6))
    head = [Paragraph(f"<b>{h}</b>", st.cell_centre) for h in ("Thời gian", "Nội dung", "Cơ quan, người thực hiện")]
    rows: list[list[Flowable]] = [head]
    for r in c.rows:
        indent = ParagraphStyle(f"prog{r.depth}", parent=st.cell, leftIndent=r.depth * 4 * mm)
        title = f"<b>{ts.escape(r.number)}. {ts.escape(r.title)}</b>" if r.depth == 0 else \
            f"{ts.escape(r.number)}. {ts.escape(r.title)}"
        rows.append([Paragraph(r.span, st.cell_centre), Paragraph(title, indent), Paragraph(ts.escape(r.presenter),
                                                                                            st.cell)])
    w = ts.TEXT_WIDTH
    table = Table(rows, colWidths=[w * 0.22, w * 0.50, w * 0.28], repeatRows=1)
    table.setStyle(ts.table_style([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story += [table, Spacer(1, 10)]
    boxes: Boxes = {}
    story.append(KeepTogether([_signature_table(c.signer, c.recipients, boxes, st, c.head)]))
    return _build(story, f"Chương trình {c.subject}", c.head.agency, c.head.draft), boxes


def render_attendance_sheets(c: AttendanceContent) -> bytes:
    """One sheet per site, each starting on a new page: the invited delegates with a column to
    sign in, and blank lines for those who come in someone's place."""
    st = ts.styles()
    story: list[Flowable] = []
    w = ts.TEXT_WIDTH
    for i, sheet in enumerate(c.sheets):
        if i:
            story.append(PageBreak())
        story.append(ts.Decree30Header(c.agency, parent_agency=c.parent_agency))
        story += ts.title_block("DANH SÁCH ĐẠI BIỂU DỰ HỌP", c.subject)
        story.append(Paragraph(f"<b>{ts.escape(sheet.site)}</b>", st.centre))
        story.append(Paragraph(f"Thời gian: {ts.escape(c.time)}. Địa điểm: {ts.escape(sheet.place)}.",
                               ParagraphStyle("when", parent=st.centre, fontSize=12, leading=15)))
        story.append(Spacer(1, 6))
        head = [Paragraph(f"<b>{h}</b>", st.cell_centre) for h in ("STT", "Họ và tên", "Chức vụ, đơn vị", "Ký tên",
                                                                  "Ghi chú")]
        rows: list[list[Flowable | str]] = [head]
        for n, r in enumerate(sheet.rows, start=1):
            note = r.role if r.role not in ("thành viên", "") else ""
            rows.append([Paragraph(str(n), st.cell_centre), Paragraph(ts.escape(r.name), st.cell),
                         Paragraph(ts.escape(r.position), st.cell), "", Paragraph(ts.escape(note), st.cell)])
        for n in range(len(sheet.rows) + 1, len(sheet.rows) + 1 + c.spare_rows):
            rows.append([Paragraph(str(n), st.cell_centre), "", "", "", ""])
        table = Table(rows, colWidths=[w * 0.08, w * 0.28, w * 0.32, w * 0.17, w * 0.15], repeatRows=1,
                      rowHeights=[None] + [11 * mm] * (len(rows) - 1))
        table.setStyle(ts.table_style([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(table)
        story.append(Spacer(1, 8))
        story.append(Paragraph(f"Tổng số đại biểu được mời tại điểm cầu: {len(sheet.rows)}. "
                               "Số đại biểu có mặt: ........", st.small))
    return _build(story, f"Danh sách đại biểu {c.subject}", c.agency, False, numbered=False)
