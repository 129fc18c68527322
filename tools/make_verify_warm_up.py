"""Write the verification server's warm-up file: resources/verify/warm-up.pdf and its root.

The server (ui.verify_server) checks this file once, in itself, before it listens, so that
what a verification builds on first use (compiled patterns, parsed certificate structures,
the difference analysis's rules) is ready in every child it forks. A command's own file is
never checked in the server itself, only in a child; this one is ours. Two signatures on two
pages, so the difference analysis runs too, made by the test helpers (a throw-away CA whose key
is not kept). Its verdict does not matter, only that the whole check runs: the day a
certificate in it expires, the file still warms the server up.

    python tools/make_verify_warm_up.py
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.signing import attack_pdfs as A  # noqa: E402 -- after the checkout is on the path

FOLDER = ROOT / "resources" / "verify"


def main() -> None:
    ca = A.make_ca("CA khởi động kiểm tra chữ ký")
    century = A.NOW + timedelta(days=36500)
    first = A.make_person(ca, "Người ký thứ nhất", not_after=century)
    second = A.make_person(ca, "Người ký thứ hai", not_after=century)
    blank = A.add_signature_fields(A.make_pdf(2), ["Signature1", "Signature2"])
    signed = A.sign(A.sign(blank, first, "Signature1"), second, "Signature2")
    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / "warm-up.pdf").write_bytes(signed)
    root = x509.load_pem_x509_certificate(ca.cert_pem).public_bytes(serialization.Encoding.DER)
    (FOLDER / "warm-up-root.der").write_bytes(root)
    print(f"{FOLDER / 'warm-up.pdf'}: {len(signed)} bytes")


if __name__ == "__main__":
    main()
