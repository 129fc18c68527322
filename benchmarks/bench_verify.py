"""Verification speed: our verify_pdf (worker included) beside bare pyHanko and poppler's pdfsig.

Run: ``python benchmarks/bench_verify.py [--runs N]``. Builds a 10-page and a 2,600-page PDF
with reportlab, signs each with pyHanko (PAdES, SHA-256, ECDSA P-256); the large one also with a
second signer, so the difference analysis has work to do, once as written and once re-saved
with object streams (as Word saves). Then it times, median of N runs:
  ours-warm   verify_pdf with a warm worker (the app keeps one)
  ours-cold   verify_pdf including starting the worker process
  pyhanko     validate_pdf_signature in-process, default difference analysis, every signature
  pdfsig      the poppler-utils command line (no difference analysis at all)
then, for the documents with two signatures, the CPU time of the in-process analysis (no
worker) with pyHanko's own code and with signing.pyhanko_patches.speedups (which installs the pruned
usage walk of signing.pyhanko_patches.pruned_usages) plus the worker's collector settings.

Figures (2 cores, AMD EPYC, quiet machine, load average 0.4-1.0, December 4), three runs, ms:
  10 pages, 1 signature       ours 6-9       pyHanko 10-13      pdfsig 10-12
  2,600 pages, 1 signature    ours 14-17     pyHanko 20-34      pdfsig 36-52
  2,600 pages, 2 signatures   ours 52-85     pyHanko 1533-1702  pdfsig 40-54
  same, object streams        ours 64-113    pyHanko 2181-2302  pdfsig 34-36   (afternoon)
  in-process CPU, 2 signatures: 1.3-2.1 s with pyHanko's own code, 0.05-0.08 s with ours.
(November 28, before the joined reference search and the cross-reference runs: ours 29-41,
161-190 and 200-328 ms for the last three.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from machine import cpu_model as _cpu_model


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _bare_pyhanko(data: bytes, ca_der: bytes) -> None:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(data))
    vc = ValidationContext(trust_roots=[x509.Certificate.load(ca_der)])

    async def go():
        for emb in reader.embedded_signatures:
            status = await async_validate_pdf_signature(emb, vc)
            assert status.bottom_line, status.pretty_print_details()

    asyncio.run(go())


def _analyse_cpu_s(data: bytes, ca_der: bytes, fast: bool, runs: int) -> float:
    """CPU seconds of one in-process analysis, with or without the speed-ups (median)."""
    import gc

    from signing.pyhanko_patches import speedups as pyhanko_speedups
    from signing.verify.policy import Options, analyse

    if fast:
        pyhanko_speedups.install(force=True)
    else:
        pyhanko_speedups.uninstall()
    times = []
    try:
        for _ in range(runs):
            if fast:
                gc.collect()
                gc.freeze()
                gc.set_threshold(50_000, 20, 20)
            t = time.process_time()
            analyse(data, Options(trust_roots=(ca_der,)))
            times.append(time.process_time() - t)
            gc.set_threshold(700, 10, 10)
            gc.unfreeze()
            gc.collect()
    finally:
        pyhanko_speedups.uninstall()
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    # The signed test documents are made the same way the tests make them.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from signing.keys.trust_roots import TrustRoots
    from signing.verify.service import shutdown_workers, start_workers, verify_pdf
    from tests.signing import attack_pdfs as A

    ca = A.make_ca()
    alice, bob = A.make_person(ca, "Nguyễn Văn An"), A.make_person(ca, "Trần Thị Bình")
    trust = TrustRoots.from_pem_or_der(ca.cert_pem)
    docs = {}
    for pages in (10, 2600):
        t = time.perf_counter()
        blank = A.add_signature_fields(A.make_pdf(pages), ["Signature1", "Signature2"])
        one = A.sign(blank, alice, "Signature1")
        docs[f"{pages} pages, 1 signature"] = one
        if pages == 2600:
            docs[f"{pages} pages, 2 signatures"] = A.sign(one, bob, "Signature2")
            compressed = A.add_signature_fields(A.with_object_streams(A.make_pdf(pages)), ["Signature1", "Signature2"])
            docs[f"{pages} p., objstm, 2 sigs"] = A.sign(A.sign(compressed, alice, "Signature1"), bob, "Signature2")
        print(f"built and signed {pages} pages in {time.perf_counter() - t:.1f} s")

    print(f"\nmachine: {os.cpu_count()} cores (nproc), {_cpu_model()}, Python {platform.python_version()}")
    print(f"median of {args.runs} runs, milliseconds\n")
    print(f"{'document':26} {'size':>8} {'ours-warm':>10} {'ours-cold':>10} {'pyhanko':>9} {'pdfsig':>8}")
    start_workers(n=1)
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in docs.items():
            path = Path(tmp) / "doc.pdf"
            path.write_bytes(data)
            assert verify_pdf(data, trust=trust).verdict == "valid"
            warm = _median_ms(lambda d=data: verify_pdf(d, trust=trust), args.runs)

            def cold(d=data):
                shutdown_workers()
                verify_pdf(d, trust=trust)

            cold_ms = _median_ms(cold, max(3, args.runs // 2))
            bare = _median_ms(lambda d=data: _bare_pyhanko(d, A.Identity.cert_der.fget(ca)), args.runs)
            pdfsig = _median_ms(
                lambda p=path: subprocess.run(["pdfsig", str(p)], capture_output=True, check=False), args.runs
            )
            print(f"{name:26} {len(data) / 1e6:6.1f}MB {warm:10.0f} {cold_ms:10.0f} {bare:9.0f} {pdfsig:8.0f}")
    shutdown_workers()
    print("\nin-process analysis, CPU seconds (median), pyHanko's readers vs speed-ups + collector settings")
    ca_der = A.Identity.cert_der.fget(ca)
    for name, data in docs.items():
        if "2 sig" in name:
            slow = _analyse_cpu_s(data, ca_der, False, max(3, args.runs // 2))
            fast = _analyse_cpu_s(data, ca_der, True, max(3, args.runs // 2))
            print(f"{name:26} {slow:8.2f} s {fast:8.2f} s  ({slow / fast:.1f}x)")


if __name__ == "__main__":
    main()
