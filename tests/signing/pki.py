"""Test helpers for signing: a fixed clock, an office PKI, simple PDFs, and the checkers
(pyHanko's validator trusting our CA, and poppler's ``pdfsig``)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from signing.keys.ca import IssuedCertificate, OfficeCA, create_office_ca, issue_person_certificate

#: The tests' clock: 14:30:05 in Hà Nội on 28/11/2026.
FIXED_NOW = datetime(2026, 11, 28, 7, 30, 5, tzinfo=UTC)
FIXED_NOW_VN = "28/11/2026 14:30:05 (+07:00)"
ORG = "Ủy ban nhân dân tỉnh Thử Nghiệm"
P12_PASSWORD = b"mat-khau-thu"


@dataclass(frozen=True)
class Person:
    full_name: str
    position: str
    issued: IssuedCertificate

    @property
    def p12(self) -> bytes:
        return self.issued.to_pkcs12(P12_PASSWORD)


@dataclass(frozen=True)
class OfficePki:
    ca: OfficeCA
    secretary: Person  # RSA-2048
    deputy: Person  # ECDSA P-256
    chair: Person  # RSA-2048
    expired: IssuedCertificate
    not_yet_valid: IssuedCertificate
    encipher_only: IssuedCertificate


def build_office_pki() -> OfficePki:
    # Long-lived, so that tests which sign at the real time (the CLI, B-T) keep passing for years.
    ca = create_office_ca("CA Văn phòng UBND tỉnh Thử Nghiệm", organization=ORG,
                          now=FIXED_NOW - timedelta(days=30), valid_years=30)

    def person(name: str, position: str, key: str = "rsa2048") -> Person:
        issued = issue_person_certificate(
            ca, full_name=name, email=None, organization=ORG, unit="Văn phòng",
            now=FIXED_NOW - timedelta(days=1), key=key, valid_days=20 * 365,  # type: ignore[arg-type]
        )
        return Person(name, position, issued)

    return OfficePki(
        ca=ca,
        secretary=person("Lê Thị Thu Hằng", "Thư ký"),
        deputy=person("Phạm Quốc Đạt", "Phó Chủ tịch", key="ec-p256"),
        chair=person("Nguyễn Văn Hưng", "Chủ tịch"),
        expired=issue_person_certificate(
            ca, full_name="Trần Văn Cũ", email=None, organization=ORG,
            now=FIXED_NOW - timedelta(days=20), valid_days=10,
        ),
        not_yet_valid=issue_person_certificate(
            ca, full_name="Đỗ Thị Sớm", email=None, organization=ORG, now=FIXED_NOW,
            not_before=FIXED_NOW + timedelta(days=3),
        ),
        encipher_only=issue_person_certificate(
            ca, full_name="Võ Văn Mã", email=None, organization=ORG,
            now=FIXED_NOW - timedelta(days=1), key_usage=("keyEncipherment",),
        ),
    )


def make_pdf(pages: int = 3, title: str = "Biên bản họp Ủy ban nhân dân tỉnh") -> bytes:
    """A plain A4 document from reportlab, Vietnamese text on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from signing.pdf.appearance import font_path

    if "TestSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSerif", str(font_path())))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    for i in range(pages):
        c.setFont("TestSerif", 14)
        c.drawString(85, 760, f"{title} — trang {i + 1}/{pages}")
        c.drawString(85, 730, "Độc lập - Tự do - Hạnh phúc")
        c.showPage()
    c.save()
    return buf.getvalue()


def validation_context(ca: OfficeCA, *extra_roots, at: datetime = FIXED_NOW):
    """pyHanko validation trusting our CA, at a fixed moment (real time is the default)."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(ca.cert_der), *extra_roots]
    return ValidationContext(trust_roots=roots, moment=at, allow_fetching=False,
                             revocation_mode="soft-fail")


def validate_all(pdf: bytes, ca: OfficeCA, *extra_roots, at: datetime = FIXED_NOW) -> list:
    """pyHanko's status for every signature, in document order."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    reader = PdfFileReader(io.BytesIO(pdf))
    return [
        validate_pdf_signature(sig, validation_context(ca, *extra_roots, at=at))
        for sig in reader.embedded_signatures
    ]


def pdfsig(pdf: bytes) -> str:
    """poppler's report. It exits 0 even on a broken signature: read the text, not the code."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def pdfsig_blocks(report: str) -> list[str]:
    """The report split into one block per signature."""
    parts = report.split("Signature #")
    return ["Signature #" + p for p in parts[1:]]
