"""Keys from PKCS#12 files: plain messages for every mistake a person can make, and the
certificate checks that run before anything is signed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

from signing.errors import CertificateUnusable, NoPrivateKey, NotAPkcs12, WrongPassword
from signing.keys.signing_keys import check_certificate_usable, load_pkcs12
from tests.signing.pki import FIXED_NOW, P12_PASSWORD


def test_right_password_gives_a_signing_key_with_its_chain(pki):
    key = load_pkcs12(pki.secretary.p12, P12_PASSWORD)
    assert key.common_name == "Lê Thị Thu Hằng"
    assert key.source == "pkcs12"
    assert [c.dump() for c in key.chain] == [pki.ca.cert_der]
    assert key.signer.signing_cert.dump() == key.certificate_der


def test_wrong_password_is_a_plain_message(pki):
    with pytest.raises(WrongPassword) as err:
        load_pkcs12(pki.secretary.p12, b"sai-mat-khau")
    assert "Mật khẩu" in err.value.vi and "password" in err.value.en
    assert err.value.exit_code == 2


def test_a_p12_with_only_a_certificate_has_no_private_key(pki):
    cert_only = pkcs12.serialize_key_and_certificates(
        b"chi-chung-thu", None, pki.chair.issued.cert, None, BestAvailableEncryption(P12_PASSWORD)
    )
    with pytest.raises(NoPrivateKey) as err:
        load_pkcs12(cert_only, P12_PASSWORD)
    assert "khóa bí mật" in err.value.vi


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7 not a key file", b"\x30\x03\x02\x01\x05"])
def test_other_files_are_not_pkcs12(data):
    with pytest.raises(NotAPkcs12):
        load_pkcs12(data, P12_PASSWORD)


def test_usable_certificate_passes(pki):
    check_certificate_usable(pki.secretary.issued.cert, FIXED_NOW)
    check_certificate_usable(pki.secretary.issued.cert_pem, FIXED_NOW)


def test_expired_certificate_is_refused_with_the_date(pki):
    with pytest.raises(CertificateUnusable) as err:
        check_certificate_usable(pki.expired.cert, FIXED_NOW)
    assert err.value.reason == "expired"
    assert "hết hạn" in err.value.vi and "expired" in err.value.en
    assert "18/11/2026" in err.value.vi  # 10 days after it was issued, shown dd/mm/yyyy


def test_not_yet_valid_certificate_is_refused(pki):
    with pytest.raises(CertificateUnusable) as err:
        check_certificate_usable(pki.not_yet_valid.cert, FIXED_NOW)
    assert err.value.reason == "not_yet_valid"
    assert "01/12/2026" in err.value.vi
    # ... and accepted once its day has come.
    check_certificate_usable(pki.not_yet_valid.cert, FIXED_NOW + timedelta(days=4))


def test_key_encipherment_only_certificate_may_not_sign(pki):
    with pytest.raises(CertificateUnusable) as err:
        check_certificate_usable(pki.encipher_only.cert, FIXED_NOW)
    assert err.value.reason == "key_usage"
    assert "digitalSignature" in err.value.en and "nonRepudiation" in err.value.en


def test_garbage_is_not_a_certificate():
    with pytest.raises(CertificateUnusable) as err:
        check_certificate_usable(b"garbage", FIXED_NOW)
    assert err.value.reason == "unreadable"
