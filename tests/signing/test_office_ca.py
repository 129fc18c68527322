"""The office TEST CA kept in the store: created once, trusted, issuing registered certificates."""

from __future__ import annotations

import pytest
from cryptography import x509

from signing.keys.certificates import list_certificates, register_certificate
from signing.keys.office_ca import NoOfficeCa, OfficeCaExists, init_office_ca, issue_certificate
from signing.keys.signing_keys import load_pkcs12
from signing.keys.truststore import list_trust_roots
from store.directory import create_person
from store.errors import InvalidInput
from tests.meetings.conftest import province  # noqa: F401 (fixture)
from tests.signing.test_workflow import audit_actions


def test_init_once_and_its_root_is_trusted(store, province):  # noqa: F811
    with store.uow() as uow:
        info = init_office_ca(uow, key="ec-p256")
        uow.commit()
    assert "THỬ NGHIỆM" in info.common_name and "Ủy ban nhân dân tỉnh Quảng Trị" in info.subject
    with store.uow() as uow, pytest.raises(OfficeCaExists, match="đã có CA thử nghiệm"):
        init_office_ca(uow)
    with store.read() as s:
        assert [r.sha256 for r in list_trust_roots(s)] == [info.sha256]
    assert audit_actions(store, "ca.") == ["ca.init"] and audit_actions(store, "trust.") == ["trust.add"]


def test_issue_needs_the_ca_first(store, province):  # noqa: F811
    with store.uow() as uow, pytest.raises(NoOfficeCa, match="nghisu ca init"):
        issue_certificate(uow, province.chair)


def test_issued_certificate_names_the_person_and_is_registered_to_them(store, province):  # noqa: F811
    with store.uow() as uow:
        person = create_person(uow, full_name="Lê Quang Huy", position="Chánh Văn phòng", unit_id=province.vl.id,
                               email="huy.lq@quangtri.gov.vn")
        init_office_ca(uow, key="ec-p256")
        result = issue_certificate(uow, person.id, key="ec-p256")
        uow.commit()
    cert = result.issued.cert
    names = {a.oid: a.value for a in cert.subject}
    assert names[x509.NameOID.COMMON_NAME] == "Lê Quang Huy"
    assert names[x509.NameOID.ORGANIZATIONAL_UNIT_NAME] == "Huyện Vĩnh Linh"
    assert names[x509.NameOID.ORGANIZATION_NAME] == "Ủy ban nhân dân huyện Vĩnh Linh"
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == ["huy.lq@quangtri.gov.vn"]
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    key = load_pkcs12(result.issued.to_pkcs12(b"pw"), b"pw")
    with store.read() as s:
        registered = list_certificates(s, person.id)
    assert [c.sha256 for c in registered] == [result.registration.sha256] and registered[0].source == "office_ca"
    assert registered[0].sha256 == __import__("hashlib").sha256(key.certificate_der).hexdigest()

    with store.uow() as uow:  # registering again is a no-op; to someone else, refused
        assert register_certificate(uow, person.id, cert).id == registered[0].id
        with pytest.raises(InvalidInput, match="Lê Quang Huy"):
            register_certificate(uow, province.chair, cert)


def test_the_ca_names_the_units_body_as_its_papers_do(store):
    """The organisation is the unit's official name, not "Ủy ban nhân dân " glued to its name
    (which made "Ủy ban nhân dân đặc khu Cồn Cỏ" out of a store whose data says otherwise)."""
    from store.directory import create_unit

    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Quảng Trị", level="province", official_name="Ủy ban nhân dân tỉnh Quảng Trị",
                         place_name="Quảng Trị")
        info = init_office_ca(uow, key="ec-p256", unit_id=qt.id)
        uow.commit()
    assert "Ủy ban nhân dân tỉnh Quảng Trị" in info.subject and "dân quảng Trị" not in info.subject
