"""A one-page stand-in for a classified paper in a shared meeting book.

Classified papers (mật, tối mật) are stored encrypted for their cleared readers only; a book
compiled for everyone shows where they belong and how to read them, never their content.
"""

from __future__ import annotations

import io


def classified_placeholder_pdf(title: str, number: str, classification_vi: str) -> bytes:
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab
    from reportlab.pdfgen import canvas  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    from documents.papers import typeset as ts  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    ts.register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, initialFontName=ts.FONT)
    width, height = A4
    c.setFont(ts.FONT_BOLD, 18)
    c.setFillColorRGB(0.75, 0.0, 0.0)
    c.drawCentredString(width / 2, height * 0.62, f"TÀI LIỆU {classification_vi.upper()}")
    c.setFillColorRGB(0, 0, 0)
    c.setFont(ts.FONT_BOLD, 14)
    y = height * 0.56
    for line in _wrap(f"{number} {title}".strip(), 70):
        c.drawCentredString(width / 2, y, line)
        y -= 20
    c.setFont(ts.FONT_ITALIC, 13)
    for line in (
        "Tài liệu này được mã hóa và chỉ gửi riêng cho người có thẩm quyền đọc.",
        "Mở tài liệu trong Nghị Sự bằng khóa cá nhân của bạn.",
    ):
        y -= 22
        c.drawCentredString(width / 2, y, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def _wrap(text: str, limit: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])
