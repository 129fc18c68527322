"""The installation's trust store: add (PEM, DER, bundles), list, remove, each audited; and
what removing a root does to a stored document's verification."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization

from signing.document_verification import verify_document
from signing.keys.certificates import register_certificate
from signing.keys.truststore import (
    add_trust_root_file,
    add_trust_roots,
    list_trust_roots,
    remove_trust_root,
    trust_roots,
)
from signing.workflow import request_signatures, sign_request
from store.errors import InvalidInput, NotFound
from tests.meetings.conftest import meeting, province  # noqa: F401 (fixtures)
from tests.signing.test_workflow import audit_actions, keys, make_office  # noqa: F401 (fixture)


@pytest.fixture(scope="module", autouse=True)
def _verification_workers():
    from signing.verify.service import start_workers

    start_workers(n=1)


def test_add_list_remove_each_audited(store, pki, tmp_path):
    other = pki.secretary.issued.ca_cert_pem  # the same CA: a duplicate inside the bundle
    bundle = tmp_path / "roots.pem"
    bundle.write_bytes(pki.ca.cert_pem + other)
    with store.uow() as uow:
        first = add_trust_root_file(uow, bundle, note="CA của tỉnh")
        der = pki.ca.cert.public_bytes(serialization.Encoding.DER)
        again = add_trust_roots(uow, der)
        uow.commit()
    assert len(first.added) == 1 and not again.added and again.already[0].id == first.added[0].id
    with store.read() as s:
        roots = list_trust_roots(s)
        assert [r.sha256 for r in roots] == [first.added[0].sha256]
        assert roots[0].note == "CA của tỉnh" and "Thử Nghiệm" in roots[0].subject
        assert trust_roots(s).certificates == (der,)
    with store.uow() as uow:
        removed = remove_trust_root(uow, roots[0].sha256[:12])
        uow.commit()
    assert removed.id == roots[0].id
    with store.read() as s:
        assert list_trust_roots(s) == [] and len(trust_roots(s)) == 0
    assert audit_actions(store, "trust.") == ["trust.add", "trust.remove"]


def test_bad_files_and_unknown_roots_get_plain_messages(store, tmp_path):
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"not a certificate")
    with store.uow() as uow, pytest.raises(InvalidInput, match="PEM hoặc DER"):
        add_trust_root_file(uow, junk)
    with store.uow() as uow, pytest.raises(InvalidInput, match="Không đọc được"):
        add_trust_root_file(uow, tmp_path / "missing.pem")
    with store.uow() as uow, pytest.raises(NotFound, match="trust list"):
        remove_trust_root(uow, "42")


def test_a_person_certificate_is_not_a_root_and_a_ca_certificate_is_not_a_persons(store, province, pki):  # noqa: F811
    with store.uow() as uow, pytest.raises(InvalidInput, match="CA"):
        register_certificate(uow, province.chair, pki.ca.cert)


def test_removing_the_root_makes_the_stored_document_unverifiable(store, province, meeting, keys):  # noqa: F811
    office = make_office(store, province, meeting.id, keys)
    with store.uow(office.secretary) as uow:
        req = request_signatures(uow, office.doc_id, [office.secretary])
        uow.commit()
    sign_request(store, req.id, office.secretary, office.keys[office.secretary])
    assert verify_document(store, office.doc_id).verdict == "valid"
    with store.uow() as uow:
        remove_trust_root(uow, list_trust_roots(uow.session)[0].id)
        uow.commit()
    after = verify_document(store, office.doc_id)
    assert after.verdict == "cannot_verify"
    assert "untrusted" in after.report.signatures[0].codes
