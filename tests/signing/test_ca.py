"""The office test CA issues certificates a PAdES signer and Adobe-style checks accept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from signing.keys.ca import DOCUMENT_SIGNING, create_office_ca, issue_person_certificate, load_office_ca
from store.errors import InvalidInput
from tests.signing.pki import FIXED_NOW, ORG, P12_PASSWORD


def test_office_ca_is_a_self_signed_ca_for_ten_years(pki):
    cert = pki.ca.cert
    assert cert.subject == cert.issuer
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.key_cert_sign and ku.crl_sign
    assert cert.not_valid_after_utc - cert.not_valid_before_utc > timedelta(days=3650)
    cert.verify_directly_issued_by(cert)


def test_person_certificate_signs_and_chains_to_the_office_ca(pki):
    cert = pki.secretary.issued.cert
    cert.verify_directly_issued_by(pki.ca.cert)
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature and ku.content_commitment and not ku.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku and DOCUMENT_SIGNING in eku
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert issue_person_certificate(pki.ca, full_name="B", email=None, organization=ORG, now=FIXED_NOW).cert.not_valid_after_utc == FIXED_NOW + timedelta(days=730)


def test_vietnamese_names_are_kept_in_utf8string(pki):
    cert = asn1_x509.Certificate.load(pki.deputy.issued.cert.public_bytes(Encoding.DER))
    seen = {}
    for rdn in cert.subject.chosen:
        for atv in rdn:
            seen[atv["type"].native] = (atv["value"].name, atv["value"].native)
    assert seen["common_name"] == ("utf8_string", "Phạm Quốc Đạt")
    assert seen["organization_name"] == ("utf8_string", ORG)
    assert seen["organizational_unit_name"] == ("utf8_string", "Văn phòng")
    assert pki.deputy.issued.common_name == "Phạm Quốc Đạt"


def test_ec_key_and_email_in_subject_alt_name(pki):
    issued = issue_person_certificate(
        pki.ca, full_name="Hoàng Minh Ánh", email="anh@ubnd.example.vn", organization=ORG,
        now=FIXED_NOW, key="ec-p256",
    )
    assert issued.cert.public_key().curve.name == "secp256r1"
    san = issued.cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == ["anh@ubnd.example.vn"]


def test_pkcs12_holds_key_certificate_and_ca(pki):
    key, cert, extra = pkcs12.load_key_and_certificates(pki.chair.p12, P12_PASSWORD)
    assert key is not None and cert == pki.chair.issued.cert
    assert extra == [pki.ca.cert]
    with pytest.raises(InvalidInput):
        pki.chair.issued.to_pkcs12(b"")


def test_ca_round_trips_through_pem(pki):
    again = load_office_ca(pki.ca.cert_pem, pki.ca.key_pem)
    assert again.cert == pki.ca.cert
    with pytest.raises(InvalidInput):
        load_office_ca(b"not a pem", pki.ca.key_pem)


def test_bad_inputs_are_refused_plainly(pki):
    with pytest.raises(InvalidInput):
        create_office_ca(" ", organization=ORG, now=FIXED_NOW)
    with pytest.raises(InvalidInput):
        create_office_ca("CA", organization=ORG, now=FIXED_NOW.replace(tzinfo=None))
    with pytest.raises(InvalidInput):
        issue_person_certificate(pki.ca, full_name="A", email=None, organization=ORG, now=FIXED_NOW,
                                 key_usage=("signEverything",))
    cn = pki.ca.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert cn == pki.ca.common_name
