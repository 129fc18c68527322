"""The signing workflow on a stored document: requests, turns, registered certificates, and
verification with the roster, on SQLite and PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from documents.library import add_version, get_document, list_versions
from documents.records import DocumentMeta
from meetings.materials import import_material
from signing.document_verification import latest_verification, verify_document
from signing.keys.ca import create_office_ca, issue_person_certificate
from signing.keys.certificates import register_certificate
from signing.keys.signing_keys import SigningKey, load_pkcs12
from signing.keys.truststore import add_trust_roots
from signing.workflow import get_request, request_signatures, sign_request, whose_turn
from signing.workflow_records import AlreadySigned, CertificateNotRegistered, NotYourTurn
from store.directory import create_person
from store.errors import InvalidInput, NghisuError
from tests.meetings.conftest import Province, meeting, province  # noqa: F401 (fixtures)
from tests.signing.pki import make_pdf

PASSWORD = b"mat-khau"


@pytest.fixture(scope="module", autouse=True)
def _verification_workers():
    from signing.verify.service import start_workers

    start_workers(n=1)


def key_of(issued) -> SigningKey:
    return load_pkcs12(issued.to_pkcs12(PASSWORD), PASSWORD)


@dataclass
class Office:
    """A stored document and three officials holding keys issued by the office test CA."""

    doc_id: int
    secretary: int
    deputy: int
    chair: int
    keys: dict[int, SigningKey]


def audit_actions(store, prefix: str) -> list[str]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT action FROM audit_log ORDER BY seq").scalars().all()
    return [a for a in rows if a.startswith(prefix)]


@dataclass(frozen=True)
class Keys:
    """Made once per test session (key generation is the slow part); registered per test."""

    ca_pem: bytes
    secretary: SigningKey
    deputy: SigningKey
    chair: SigningKey


@pytest.fixture(scope="session")
def keys() -> Keys:
    from tests.signing.pki import FIXED_NOW

    ca = create_office_ca("CA THỬ NGHIỆM — Ủy ban nhân dân tỉnh Quảng Trị", organization="Ủy ban nhân dân tỉnh Quảng Trị",
                          now=FIXED_NOW - timedelta(days=30), key="ec-p256")

    def issue(name: str) -> SigningKey:
        return key_of(issue_person_certificate(ca, full_name=name, email=None, organization="UBND tỉnh Quảng Trị",
                                               now=FIXED_NOW - timedelta(days=30), key="ec-p256"))

    return Keys(ca.cert_pem, issue("Phạm Thị Ngọc Ánh"), issue("Trần Thị Thu Hà"), issue("Nguyễn Văn Minh"))


def make_office(store, province: Province, meeting_id: int, keys: Keys) -> Office:  # noqa: F811
    with store.uow() as uow:
        deputy = create_person(uow, full_name="Trần Thị Thu Hà", position="Phó Chủ tịch UBND tỉnh",
                               unit_id=province.qt.id).id
        add_trust_roots(uow, keys.ca_pem)
        held = {province.secretary: keys.secretary, deputy: keys.deputy, province.chair: keys.chair}
        for pid, key in held.items():
            register_certificate(uow, pid, key.certificate_der)
        uow.commit()
    doc = import_material(store, province.secretary, meeting_id, None, make_pdf(2),
                          DocumentMeta(title="Biên bản phiên họp", doc_type="bien_ban"))
    return Office(doc.id, province.secretary, deputy, province.chair, held)


@pytest.fixture
def office(store, province, meeting, keys) -> Office:  # noqa: F811
    return make_office(store, province, meeting.id, keys)


def request(store, office: Office, signers: list[int], **kwargs):
    with store.uow(office.secretary) as uow:
        info = request_signatures(uow, office.doc_id, signers, reason="Xác nhận biên bản", **kwargs)
        uow.commit()
    return info


def test_three_signers_in_turn_keep_every_signature_valid(store, clock, office):
    order = [office.secretary, office.deputy, office.chair]
    req = request(store, office, order, certify_first=True)
    assert [s.person_id for s in req.slots] == order and req.fields_version_no == 2
    for pid in order:
        with store.read() as s:
            assert whose_turn(s, req.id).person_id == pid
        clock.advance(minutes=3)
        outcome = sign_request(store, req.id, pid, office.keys[pid])
        assert outcome.slot.person_id == pid and outcome.slot.signed
    assert outcome.request.status == "completed" and outcome.request.turn is None

    with store.read() as s:
        versions = list_versions(s, office.doc_id)
        assert whose_turn(s, req.id) is None
    assert [v.source for v in versions] == ["import", "fields", "signature", "signature", "signature"]
    blobs = [store.blobs.get(v.sha256) for v in versions]
    assert all(later.startswith(earlier) for earlier, later in zip(blobs[1:], blobs[2:], strict=False))

    result = verify_document(store, office.doc_id, actor_id=office.chair)
    assert result.verdict == "valid", result.report.to_json()
    assert [s.verdict for s in result.report.signatures] == ["valid"] * 3
    assert all("roster_match" in s.codes for s in result.report.signatures)
    assert result.report.signatures[0].certification is not None  # the first one certified
    assert result.with_roster and result.version_no == 5
    assert audit_actions(store, "signing.") == ["signing.request"] + ["signing.sign"] * 3 + ["signing.complete"]

    # An earlier version still verifies: the secretary's signature alone, two fields still empty.
    first = verify_document(store, office.doc_id, version_no=3)
    assert first.verdict == "valid" and len(first.report.signatures) == 1


def test_signing_out_of_turn_is_refused_naming_whose_turn_it_is(store, office):
    req = request(store, office, [office.secretary, office.chair])
    with pytest.raises(NotYourTurn) as refused:
        sign_request(store, req.id, office.chair, office.keys[office.chair])
    assert "Phạm Thị Ngọc Ánh" in str(refused.value) and "Chuyên viên" in str(refused.value)
    assert "waiting for Phạm Thị Ngọc Ánh" in refused.value.en
    with store.read() as s:
        assert get_document(s, office.doc_id).current_version.version_no == 2
    sign_request(store, req.id, office.secretary, office.keys[office.secretary])
    with pytest.raises(AlreadySigned):
        sign_request(store, req.id, office.secretary, office.keys[office.secretary])
    assert audit_actions(store, "signing.sign") == ["signing.sign"]


def test_a_key_registered_to_someone_else_is_refused(store, office):
    req = request(store, office, [office.secretary, office.chair])
    with pytest.raises(CertificateNotRegistered) as refused:
        sign_request(store, req.id, office.secretary, office.keys[office.chair])
    assert "Nguyễn Văn Minh" in str(refused.value) and "Phạm Thị Ngọc Ánh" in str(refused.value)
    with store.read() as s:
        assert get_document(s, office.doc_id).current_version.version_no == 2


def test_a_look_alike_certificate_with_the_signers_name_is_refused_and_caught_by_the_roster(store, clock, office):
    from documents.intake.service import inspect_pdf
    from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf

    fake_ca = create_office_ca("CA Văn phòng UBND tỉnh Quảng Trị", organization="Ủy ban nhân dân tỉnh Quảng Trị",
                               now=clock.now() - timedelta(days=1))
    look_alike = key_of(issue_person_certificate(fake_ca, full_name="Phạm Thị Ngọc Ánh", email=None,
                                                 organization="Ủy ban nhân dân tỉnh Quảng Trị", now=clock.now()))
    req = request(store, office, [office.secretary, office.chair])
    with pytest.raises(CertificateNotRegistered):
        sign_request(store, req.id, office.secretary, look_alike)

    # Signed outside the workflow and slipped into the store: the verifier's roster catches it.
    with store.read() as s:
        current = get_document(s, office.doc_id).current_version
    forged = sign_pdf(store.blobs.get(current.sha256), look_alike, SignRequest(
        field_name=req.slots[0].field_name, signer=SignerDisplay("Phạm Thị Ngọc Ánh"), at=clock.now()))
    with store.uow() as uow:
        add_version(uow, office.doc_id, inspect_pdf(forged), source="signature")
        uow.commit()
    result = verify_document(store, office.doc_id)
    assert result.verdict == "invalid"
    assert "not_in_roster" in result.report.signatures[0].codes


def test_the_stored_report_round_trips(store, office):
    req = request(store, office, [office.secretary])
    sign_request(store, req.id, office.secretary, office.keys[office.secretary])
    fresh = verify_document(store, office.doc_id, actor_id=office.secretary)
    with store.read() as s:
        stored = latest_verification(s, office.doc_id)
        older = latest_verification(s, office.doc_id, version_no=1)
    assert stored is not None and older is None
    assert stored.report == fresh.report
    assert stored.report.to_dict() == fresh.report.to_dict()
    assert (stored.verdict, stored.version_no, stored.verified_by_id) == ("valid", 3, office.secretary)
    assert "document.verify" in audit_actions(store, "document.verify")


def test_requests_that_cannot_work_are_refused_before_anything_is_written(store, office):
    for signers in ([], [office.chair, office.chair], [office.chair, 9999]):
        with pytest.raises(NghisuError):  # InvalidInput, or NotFound for the unknown person
            request(store, office, signers)
    with store.read() as s:
        assert get_document(s, office.doc_id).current_version.version_no == 1
    req = request(store, office, [office.secretary])
    sign_request(store, req.id, office.secretary, office.keys[office.secretary])
    with pytest.raises(InvalidInput, match="đã có chữ ký"):
        request(store, office, [office.chair])
    with store.read() as s:
        assert get_request(s, req.id).status == "completed"
        assert get_document(s, office.doc_id).current_version.version_no == 3
