"""Good and bad PDFs made in code, for the intake tests (no binary fixtures in the repository).

The hostile ones are assembled by hand (``assemble``) so that each defect is exactly the one
named, and so that nothing (qpdf, reportlab) "fixes" it on the way out.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

MiB = 1024 * 1024

#: Fonts that cover Vietnamese. Debian's Liberation 1.x (fonts/truetype/liberation/) lacks
#: ế, ị, ố, Ủ, ...: reportlab then writes code 0 for them and every extractor loses them.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)

LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Quyết định số 1234/QĐ-UBND",
    "Ủy ban nhân dân tỉnh Quảng Trị",
    "Về việc phê duyệt kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Xét đề nghị của Giám đốc Sở Kế hoạch và Đầu tư tại Tờ trình số 45/TTr-SKHĐT.",
)


def vietnamese_font() -> str:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    raise FileNotFoundError("no TrueType font covering Vietnamese: install fonts-liberation2 or fonts-dejavu")


def vietnamese_pdf(pages: int = 3, *, title: str = "Quyết định phê duyệt kế hoạch") -> bytes:
    """A real multi-page A4 document in Vietnamese, one page marker per page ("Trang N/M")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "VnSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("VnSerif", vietnamese_font()))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    for number in range(1, pages + 1):
        c.setFont("VnSerif", 13)
        y = 780
        for line in LINES:
            c.drawString(72, y, line)
            y -= 20
        for row in range(25):
            c.drawString(
                72, y, f"Điều {row + 1}. Đại biểu Hội đồng nhân dân thảo luận mục {number}.{row + 1}."
            )
            y -= 20
        c.drawString(480, 40, f"Trang {number}/{pages}")
        c.showPage()
    c.save()
    return buf.getvalue()


def zero_bytes() -> bytes:
    return b""


def text_renamed_pdf() -> bytes:
    """A plain-text minute someone saved with a .pdf name."""
    return "BIÊN BẢN HỌP\nỦy ban nhân dân huyện Đakrông\n".encode() * 20


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    """The first ``keep`` of the file, as an interrupted download leaves it."""
    return data[: int(len(data) * keep)]


def encrypted(data: bytes, user: str = "Bimat-2026", owner: str = "chu-so-huu") -> bytes:
    """AES-256 encryption; an empty ``user`` makes a file anyone can open (owner restrictions only)."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
    return out.getvalue()


# ------------------------------------------------------------------------ hand-assembled files


def assemble(objects: list[bytes], *, root: int = 1) -> bytes:
    """A correct classic-xref PDF from object bodies (object N is ``objects[N - 1]``)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(raw: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(raw), extra) + raw + b"\nendstream"


_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
_HELLO = stream(b"BT /F1 12 Tf 72 720 Td (Xin chao) Tj ET")


def cyclic_page_tree() -> bytes:
    """/Pages lists itself among its /Kids: a naive walk never ends."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            _PAGE,
            _HELLO,
        ]
    )


def deep_cyclic_page_tree() -> bytes:
    """A longer loop: Pages 2 -> Pages 5 -> Pages 2."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
            _PAGE,
            _HELLO,
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )


def zeros_deflated(size_mib: int) -> bytes:
    """A valid zlib stream of ``size_mib`` MiB of zero bytes, made in milliseconds.

    One MiB of zeros is deflated once with a full flush (so the block stands alone), the block
    is repeated, then a final empty block and the Adler-32 of the zeros (a = 1, b = n mod 65521)
    close the stream.
    """
    z = zlib.compressobj(9)
    first = z.compress(b"\0" * MiB) + z.flush(zlib.Z_FULL_FLUSH)
    header, block = first[:2], first[2:]
    n = size_mib * MiB
    adler = ((n % 65521) << 16) | 1
    return header + block * size_mib + b"\x03\x00" + adler.to_bytes(4, "big")


def bomb(gib: int = 4) -> bytes:
    """A page whose content stream is a few KB that inflate to ``gib`` GiB (two Flate layers)."""
    inner = zeros_deflated(gib * 1024)
    outer = zlib.compress(inner, 9)
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _PAGE,
            stream(outer, b"/Filter [/FlateDecode /FlateDecode] "),
        ]
    )


def flat_bomb(mib: int) -> bytes:
    """One Flate layer of ``mib`` MiB of zeros (about 1 KB per MiB), as a page's content."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _PAGE,
            stream(zeros_deflated(mib), b"/Filter /FlateDecode "),
        ]
    )


def slow_to_parse(operators: int = 1_500_000) -> bytes:
    """One page with a very long (but small when compressed) content stream of text operators."""
    content = b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * operators + b"ET"
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(zlib.compress(content, 6), b"/Filter /FlateDecode "),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )
