"""Signing speed: Nghị Sự's sign_pdf (visible Decree 30 stamp) against bare pyHanko.

Bare pyHanko = stock ``SimpleSigner`` + ``PdfSigner``, PAdES, an invisible new field, no
appearance; its signer is built once, outside the timing, as ours is. Ours =
``signing.pdf.pades.sign_pdf`` creating a visible field with the stamp (text only, and text +
signature + seal images). Same input, same key.

Noise (the machine is shared): the three variants run back to back in each round, in a
rotating order, and each is timed in CPU seconds of this process (``time.process_time``;
signing is single-threaded), which another job on the other core barely moves. The ratio
reported is the median of the per-round ratios ours / bare, so a slow stretch of the
machine hits both sides of a ratio alike; the times shown are medians too.

    .venv/bin/python benchmarks/bench_sign.py [--runs 21] [--wall]
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

    from signing.pdf.appearance import font_path

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


def bare_signer(issued, *, chain: bool = True):
    """pyHanko's stock ``SimpleSigner`` for ``issued``'s key and certificate, carrying the CA
    certificate as ours does (``chain=False``: the signer's certificate alone)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = serialization.load_pem_private_key(issued.key_pem, password=None)
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    cert = asn1_x509.Certificate.load(issued.cert.public_bytes(serialization.Encoding.DER))
    certs = [cert]
    if chain:
        from cryptography import x509

        ca = x509.load_pem_x509_certificate(issued.ca_cert_pem)
        certs.append(asn1_x509.Certificate.load(ca.public_bytes(serialization.Encoding.DER)))
    return SimpleSigner(
        signing_cert=cert, signing_key=key_info, cert_registry=SimpleCertificateStore.from_certs(certs)
    )


def bare_pyhanko(pdf: bytes, signer) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner

    meta = PdfSignatureMetadata(field_name="Bare", subfilter=SigSeedSubFilter.PADES)
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return PdfSigner(meta, signer).sign_pdf(w, output=io.BytesIO()).getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--wall", action="store_true", help="time wall-clock instead of CPU")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time

    from signing.keys.ca import create_office_ca, issue_person_certificate
    from signing.keys.signing_keys import load_pkcs12
    from signing.pdf.appearance import demo_seal_png, demo_signature_png
    from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf

    now = datetime.now(UTC)
    org = "Ủy ban nhân dân tỉnh Thử Nghiệm"
    ca = create_office_ca("CA đo tốc độ", organization=org, now=now)
    people = {
        kind: issue_person_certificate(
            ca, full_name="Nguyễn Văn Hưng", email=None, organization=org, now=now, key=kind
        )
        for kind in ("rsa2048", "ec-p256")
    }
    images = (demo_signature_png("Nguyễn Văn Hưng"), demo_seal_png(org))
    docs = {n: make_doc(n) for n in (10, 2600)}

    print(
        f"machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    from importlib.metadata import version

    print(
        f"pyHanko {version('pyHanko')}; {args.runs} interleaved rounds; "
        f"{'wall-clock' if args.wall else 'CPU'} ms per signature (median); "
        "ratio = median of the per-round ratios\n"
    )
    header = (
        f"{'pages':>5} {'key':<8} {'bare pyHanko':>13} {'ours (text)':>12} {'ratio':>6} "
        f"{'ours (+images)':>15} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for pages, pdf in docs.items():
        for kind, issued in people.items():
            key = load_pkcs12(issued.to_pkcs12(b"pw"), b"pw")
            bare = bare_signer(issued)
            plain = SignRequest("ChuTich", SignerDisplay("Nguyễn Văn Hưng", "Chủ tịch", org), at=now)
            with_images = SignRequest(
                "ChuTich",
                SignerDisplay("Nguyễn Văn Hưng", "Chủ tịch", org),
                at=now,
                signature_image_png=images[0],
                seal_image_png=images[1],
            )
            runs = {
                "bare": lambda pdf=pdf, bare=bare: bare_pyhanko(pdf, bare),
                "ours": lambda pdf=pdf, key=key, r=plain: sign_pdf(pdf, key, r),
                "img": lambda pdf=pdf, key=key, r=with_images: sign_pdf(pdf, key, r),
            }
            for fn in runs.values():  # warm-up: imports, font registration, image caches
                fn()
            times: dict[str, list[float]] = {name: [] for name in runs}
            order = list(runs)
            for i in range(args.runs):
                for name in order[i % 3 :] + order[: i % 3]:  # rotate who goes first
                    t0 = clock()
                    runs[name]()
                    times[name].append((clock() - t0) * 1000)
            med = {name: statistics.median(t) for name, t in times.items()}
            ratio = {
                name: statistics.median(o / b for o, b in zip(times[name], times["bare"], strict=True))
                for name in ("ours", "img")
            }
            print(
                f"{pages:>5} {kind:<8} {med['bare']:>13.1f} {med['ours']:>12.1f} {ratio['ours']:>6.2f} "
                f"{med['img']:>15.1f} {ratio['img']:>6.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
