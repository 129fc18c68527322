"""PAdES B-T: an RFC 3161 timestamp from a real local time-stamping service (certomancer,
started by the ``tsa`` fixture). The TSA signs with the real clock, so these signatures use
the real time too."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from asn1crypto import x509 as asn1_x509

from signing.errors import TimestampFailed
from signing.keys.signing_keys import load_pkcs12
from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf
from tests.signing.pki import ORG, P12_PASSWORD, pdfsig, validate_all


def test_b_t_signature_carries_a_valid_timestamp(tsa, pki, pdf3):
    now = datetime.now(UTC)
    key = load_pkcs12(pki.chair.p12, P12_PASSWORD)
    request = SignRequest("ChuTich", SignerDisplay(pki.chair.full_name, "Chủ tịch", ORG), at=now,
                          timestamp_url=tsa.url)
    signed = sign_pdf(pdf3, key, request)
    assert signed.startswith(pdf3)

    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    unsigned = embedded.signer_info["unsigned_attrs"].native or []
    assert any(a["type"] == "signature_time_stamp_token" for a in unsigned)

    tsa_root = asn1_x509.Certificate.load(tsa.root_der)
    (status,) = validate_all(signed, pki.ca, tsa_root, at=datetime.now(UTC))
    assert status.intact and status.valid and status.trusted
    ts = status.timestamp_validity
    assert ts is not None and ts.intact and ts.valid and ts.trusted
    assert abs((ts.timestamp - now).total_seconds()) < 120
    assert "Signature is Valid." in pdfsig(signed)


def test_unreachable_timestamp_server_leaves_the_document_unsigned(pki, pdf3):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    key = load_pkcs12(pki.chair.p12, P12_PASSWORD)
    request = SignRequest("ChuTich", SignerDisplay(pki.chair.full_name), at=datetime.now(UTC),
                          timestamp_url=f"http://127.0.0.1:{port}/tsa")
    with pytest.raises(TimestampFailed) as err:
        sign_pdf(pdf3, key, request)
    assert "dấu thời gian" in err.value.vi
