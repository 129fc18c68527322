"""A small, generic draft of meeting minutes (biên bản, Decree 30 Mẫu 1.9), for the demo.

The real minutes (attendance, votes, conclusions) are built by ``meetings.minutes``; this
draft only lays out what a meeting's plan already says: header without a date line,
``BIÊN BẢN`` and the meeting's name, time, place, attendees, chair, secretary, one paragraph
per agenda item, the closing line, then ``THƯ KÝ`` left and ``CHỦ TỌA`` right with room for
their digital signatures. It returns where that room is, so the signature fields go exactly
between each title and name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from documents import typeset as ts
from store.clock import VN_TZ

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class MinutesDraft:
    agency: str  # "Ủy ban nhân dân tỉnh Quảng Trị"
    symbol: str  # "BB-UBND"
    meeting_title: str
    starts_at: datetime
    ends_at: datetime | None
    location: str
    chair: tuple[str, str]  # (name, position)
    secretary: tuple[str, str]
    attendees: tuple[tuple[str, str], ...] = ()  # (name, position), chair and secretary excluded
    items: tuple[tuple[str, str], ...] = ()  # (number, title)
    parent_agency: str | None = None


@dataclass(frozen=True)
class MinutesPdf:
    data: bytes
    #: (page index, box in points) for the secretary's then the chair's signature.
    signature_boxes: tuple[tuple[int, Box], ...]


def _time_words(at: datetime) -> str:
    at = at.astimezone(VN_TZ)
    return f"{at.hour:02d} giờ {at.minute:02d} phút, {ts.date_words(at)}"


def _signature_row(secretary: str, chair: str, boxes: list[tuple[int, Box]]):
    from reportlab.platypus import Flowable

    class SignatureRow(Flowable):
        TITLE_H, SLOT_H, NAME_H = 20.0, 92.0, 22.0

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width = avail_width
            self.height = self.TITLE_H + self.SLOT_H + self.NAME_H
            return self.width, self.height

        def draw(self) -> None:
            c = self.canv
            col = self.width / 2
            slot_w = min(215.0, col - 8)
            page = c.getPageNumber() - 1
            for i, (title, name) in enumerate((("THƯ KÝ", secretary), ("CHỦ TỌA", chair))):
                cx = col * i + col / 2
                c.setFont(ts.FONT_BOLD, 14)
                c.drawCentredString(cx, self.height - 14, title)
                c.drawCentredString(cx, 6, name)
                x0, y0 = c.absolutePosition(cx - slot_w / 2, self.NAME_H)
                boxes.append((page, (round(x0, 2), round(y0, 2), round(x0 + slot_w, 2), round(y0 + self.SLOT_H, 2))))

    return SignatureRow()


def minutes_draft_pdf(draft: MinutesDraft) -> MinutesPdf:
    """The draft as PDF bytes (always the same bytes for the same draft) and its signature boxes."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    st = ts.styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=ts.PAGE_SIZE, leftMargin=ts.MARGIN_LEFT, rightMargin=ts.MARGIN_RIGHT,
        topMargin=ts.MARGIN_TOP + 6 * mm, bottomMargin=ts.MARGIN_BOTTOM,
        title=f"Biên bản {draft.meeting_title}", author=draft.agency, creator="Nghị Sự", invariant=1,
    )
    esc = ts.escape
    story: list = [ts.Decree30Header(draft.agency, parent_agency=draft.parent_agency,
                                     number_line=f"Số:      /{draft.symbol}")]
    story += ts.title_block("Biên bản", draft.meeting_title)

    def para(text: str, style=st.body) -> None:
        story.append(Paragraph(text, style))

    para(f"<b>1. Thời gian bắt đầu:</b> {esc(_time_words(draft.starts_at))}.")
    para(f"<b>2. Địa điểm:</b> {esc(draft.location)}.")
    para("<b>3. Thành phần tham dự:</b>")
    for name, position in draft.attendees:
        para(f"- {esc(name)}, {esc(position)};" if position else f"- {esc(name)};")
    para(f"<b>4. Chủ trì (chủ tọa):</b> {esc(draft.chair[0])}, {esc(draft.chair[1])}.")
    para(f"<b>5. Thư ký (người ghi biên bản):</b> {esc(draft.secretary[0])}, {esc(draft.secretary[1])}.")
    para("<b>6. Nội dung:</b>")
    for number, title in draft.items:
        para(f"<b>{esc(number)}. {esc(title)}</b>")
        para("Phiên họp đã nghe trình bày và thảo luận; ý kiến của các đại biểu được ghi nhận đầy đủ "
             "để cơ quan chủ trì tiếp thu, hoàn thiện theo kết luận của chủ tọa.")
    end = draft.ends_at or draft.starts_at
    para(f"Cuộc họp kết thúc vào {esc(_time_words(end))}./.")
    boxes: list[tuple[int, Box]] = []
    story.append(Spacer(1, 8))
    # Keep the titles, the room for signatures and the names on one page.
    story.append(CondPageBreak(150))
    story.append(KeepTogether([_signature_row(draft.secretary[0], draft.chair[0], boxes)]))
    story.append(Paragraph("<b><i>Nơi nhận:</i></b>", st.small))
    story.append(Paragraph("- Các đại biểu dự họp;", st.small))
    story.append(Paragraph("- Lưu: VT, Hồ sơ.", st.small))

    def on_page(canvas, document) -> None:
        ts.draw_page_number_top(canvas, document.page)

    with ts.plain_streams():
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return MinutesPdf(buf.getvalue(), tuple(boxes))
