"""Signing speed: Nghị Sự's sign_pdf (visible Decree 30 stamp) against bare pyHanko.

Bare pyHanko = stock ``SimpleSigner`` + ``PdfSigner``, PAdES, an invisible new field, no
appearance. Ours = ``signing.pades.sign_pdf`` creating a visible field with the stamp
(text only, and text + signature + seal images). Same input, same key, in one run, with
the runs interleaved so that both see the same machine state. Median of N runs.

    /work/venv/bin/python benchmarks/bench_sign.py [--runs 7]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from machine import cpu_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_doc(pages: int) -> bytes:
    """``pages`` pages: 10 reportlab pages, duplicated with pikepdf beyond that."""
    import pikepdf
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from signing.appearance import font_path

    if "BenchSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchSerif", str(font_path())))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i in range(min(pages, 10)):
        c.setFont("BenchSerif", 13)
        for line in range(40):
            c.drawString(85, 780 - line * 18, f"Trang {i + 1}, dòng {line + 1}: Ủy ban nhân dân tỉnh họp.")
        c.showPage()
    c.save()
    if pages <= 10:
        return buf.getvalue()
    base = pikepdf.open(io.BytesIO(buf.getvalue()))
    out = pikepdf.new()
    while len(out.pages) < pages:
        for page in base.pages:
            if len(out.pages) >= pages:
                break
            out.pages.append(page)
    data = io.BytesIO()
    out.save(data)
    return data.getvalue()


def bare_pyhanko(pdf: bytes, issued) -> bytes:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = serialization.load_pem_private_key(issued.key_pem, password=None)
    key_info = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    cert = asn1_x509.Certificate.load(issued.cert.public_bytes(serialization.Encoding.DER))
    signer = SimpleSigner(signing_cert=cert, signing_key=key_info,
                          cert_registry=SimpleCertificateStore.from_certs([cert]))
    meta = PdfSignatureMetadata(field_name="Bare", subfilter=SigSeedSubFilter.PADES)
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return PdfSigner(meta, signer).sign_pdf(w, output=io.BytesIO()).getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from signing.appearance import demo_seal_png, demo_signature_png
    from signing.ca import create_office_ca, issue_person_certificate
    from signing.keys import load_pkcs12
    from signing.pades import SignerDisplay, SignRequest, sign_pdf

    now = datetime.now(UTC)
    org = "Ủy ban nhân dân tỉnh Thử Nghiệm"
    ca = create_office_ca("CA đo tốc độ", organization=org, now=now)
    people = {
        kind: issue_person_certificate(ca, full_name="Nguyễn Văn Hưng", email=None, organization=org,
                                       now=now, key=kind)
        for kind in ("rsa2048", "ec-p256")
    }
    images = (demo_signature_png("Nguyễn Văn Hưng"), demo_seal_png(org))
    docs = {n: make_doc(n) for n in (10, 2600)}

    print(f"machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}")
    from importlib.metadata import version

    print(f"pyHanko {version('pyHanko')}; median of {args.runs} runs; ms per signature\n")
    header = f"{'pages':>5} {'key':<8} {'bare pyHanko':>13} {'ours (text)':>12} {'ratio':>6} {'ours (+images)':>15} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for pages, pdf in docs.items():
        for kind, issued in people.items():
            key = load_pkcs12(issued.to_pkcs12(b"pw"), b"pw")
            plain = SignRequest("ChuTich", SignerDisplay("Nguyễn Văn Hưng", "Chủ tịch", org), at=now)
            with_images = SignRequest("ChuTich", SignerDisplay("Nguyễn Văn Hưng", "Chủ tịch", org), at=now,
                                      signature_image_png=images[0], seal_image_png=images[1])
            # Warm-up: imports, font registration, image caches.
            bare_pyhanko(pdf, issued)
            sign_pdf(pdf, key, plain)
            sign_pdf(pdf, key, with_images)
            times: dict[str, list[float]] = {"bare": [], "ours": [], "img": []}
            for _ in range(args.runs):
                for name in ("bare", "ours", "img"):
                    t0 = time.perf_counter()
                    if name == "bare":
                        bare_pyhanko(pdf, issued)
                    else:
                        sign_pdf(pdf, key, plain if name == "ours" else with_images)
                    times[name].append((time.perf_counter() - t0) * 1000)
            bare, ours, img = (statistics.median(times[k]) for k in ("bare", "ours", "img"))
            print(f"{pages:>5} {kind:<8} {bare:>13.1f} {ours:>12.1f} {ours / bare:>6.2f} {img:>15.1f} {img / bare:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
