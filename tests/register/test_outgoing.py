"""An outgoing document from draft to dispatch, on both backends: review with comments kept per
version and answered by a new version, approval, the competent signer's certification, then
the văn thư's number and date filled into the signed file and the organisation's signature;
the released file shows "Số: 01/QĐ-UBND" and its date on page 1 and every signature verifies
(our verifier, pyHanko and poppler's pdfsig)."""

from __future__ import annotations

import io
import subprocess

import pytest

from documents.intake.service import inspect_pdf
from register.numbering import Series, list_numbers
from register.outgoing.drafts import comment_outgoing, draft_outgoing, revise_outgoing
from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs
from register.outgoing.queries import outgoing_detail, released_version
from register.outgoing.records import Authority, OutgoingStatus, VersionKind
from register.outgoing.release import approve_outgoing, cancel_release, release_outgoing, sign_outgoing
from signing.keys.trust_roots import TrustRoots
from signing.verify.service import verify_pdf
from store.directory import create_person
from store.errors import InvalidInput, PermissionDenied
from tests.register.outgoing_world import make_keys, register_keys

#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.fixture(scope="session")
def keys():
    return make_keys()


def decision_pdf(subject: str = "Kế hoạch phòng chống bão lũ năm 2027") -> tuple[bytes, dict]:
    data, where = render_document(DocumentContent(
        agency="Ủy ban nhân dân tỉnh Quảng Trị", type_name="Quyết định", subject=subject,
        paragraphs=tuple(sample_paragraphs(subject)), block_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        signer_name="Nguyễn Văn Minh", recipients=("Như Điều 3", "Lưu: VT, VP")))
    return data, where.as_json()


def draft(store, office, *, reviewers=(), authority=Authority.TM, signer=None, recipients=("VG", "Bộ Nội vụ"),
          reply_by=None):
    data, layout = decision_pdf()
    with store.uow(office.drafter) as uow:
        info = draft_outgoing(uow, inspect_pdf(data), filename="qd-bao-lu.pdf", doc_type="QĐ",
                              subject="Kế hoạch phòng chống bão lũ năm 2027", drafting_unit_id=office.office,
                              signer_id=signer or office.leader, authority=authority, recipients=recipients,
                              reviewer_ids=reviewers, layout=layout, reply_by=reply_by)
        uow.commit()
    return info


def pdfsig(data: bytes, tmp_path) -> str:
    path = tmp_path / "released.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def page_one_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "p1.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(path), "-"], capture_output=True,
                          text=True, timeout=60).stdout


def test_a_decision_from_draft_to_release_keeps_every_signature_valid(store, office, keys, clock, tmp_path):
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    with store.uow() as uow:
        reviewer = create_person(uow, full_name="Trần Quốc Toản", position="Phó Chánh Văn phòng",
                                 unit_id=office.office).id
        uow.commit()
    info = draft(store, office, reviewers=[reviewer])
    assert info.status is OutgoingStatus.IN_REVIEW and info.symbol is None
    assert [r["unit_id"] for r in info.recipients] == [office.commune, None]

    with store.uow(reviewer) as uow:
        comment_outgoing(uow, info.id, "Bổ sung căn cứ Luật Phòng, chống thiên tai.")
        uow.commit()
    with store.uow(office.leader) as uow, pytest.raises(InvalidInput, match="chưa được tiếp thu"):
        approve_outgoing(uow, info.id)
    revised, _ = decision_pdf("Kế hoạch phòng chống bão lũ năm 2027 (sửa)")
    with store.uow(office.drafter) as uow:
        revise_outgoing(uow, info.id, inspect_pdf(revised), filename="qd-v2.pdf", answer="Đã bổ sung căn cứ.")
        uow.commit()
    with store.uow(reviewer) as uow:
        comment_outgoing(uow, info.id, "", agrees=True)
        uow.commit()
    with store.uow(office.leader) as uow:
        assert approve_outgoing(uow, info.id).status is OutgoingStatus.APPROVED
        uow.commit()

    clock.advance(minutes=5)
    signed = sign_outgoing(store, info.id, office.leader, keys.leader)
    assert signed.status is OutgoingStatus.SIGNED
    clock.advance(minutes=30)
    released = release_outgoing(store, info.id, office.clerk, keys.clerk)
    assert (released.status, released.number, released.symbol) == (OutgoingStatus.RELEASED, 1, "01/QĐ-UBND")
    assert released.released_on.isoformat() == "2026-11-28"

    with store.read() as s:
        detail = outgoing_detail(s, info.id)
        final = store.blobs.get(released_version(s, info.id).sha256)
        numbers = list_numbers(s, unit_id=office.province, year=2026, series=Series.DI)
    kinds = [v.kind for v in detail.versions]
    assert kinds == [VersionKind.DRAFT, VersionKind.REVISION, VersionKind.FIELDS, VersionKind.SIGNED,
                     VersionKind.NUMBERED, VersionKind.RELEASED]
    blobs = [store.blobs.get(v.sha256) for v in detail.versions[2:]]
    assert all(later.startswith(earlier) for earlier, later in zip(blobs, blobs[1:], strict=False))  # never rewritten
    assert [(c.version_no, c.agrees, c.answered_in_version_no) for c in detail.comments] == [(1, False, 2), (2, True, None)]
    assert [(d.recipient_unit_id, d.channel, d.status) for d in detail.dispatches] == [
        (office.commune, "store", "delivered"), (None, "external", "waiting")]
    # The commune finds it in its incoming register, received, waiting for its văn thư to register it.
    from register.incoming.entries import get_incoming

    with store.read() as s:
        arrived = get_incoming(s, detail.dispatches[0].incoming_id)
    assert (arrived.unit_id, arrived.doc_symbol, arrived.subject) == (
        office.commune, "01/QĐ-UBND", "Kế hoạch phòng chống bão lũ năm 2027")
    assert [(n.number, n.subject_type, n.subject_id) for n in numbers] == [(1, "outgoing", info.id)]
    assert {"outgoing.draft", "outgoing.approve", "outgoing.signed", "outgoing.release"} <= {
        h["action"] for h in detail.history}

    # What the page shows, and what its fields say.
    text = page_one_text(final, tmp_path)
    assert "Số: 01/QĐ-UBND" in text and "Quảng Trị, ngày 28 tháng 11 năm 2026" in text

    # Three verifiers agree: ours, pyHanko's, poppler's.
    report = verify_pdf(final, trust=TrustRoots.from_pem_or_der(keys.ca_pem))
    assert report.verdict == "valid", report.to_json()
    assert [(s.field, s.verdict) for s in report.signatures] == [
        ("ChuKy_NguoiKy", "valid"), ("SoVaNgay_CoQuan", "valid"), ("ChuKy_CoQuan", "valid")]
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(x509.load_pem_x509_certificate(keys.ca_pem).public_bytes(
        __import__("cryptography.hazmat.primitives.serialization", fromlist=["Encoding"]).Encoding.DER))
    vc = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail", moment=clock.now())
    statuses = [validate_pdf_signature(sig, vc) for sig in PdfFileReader(io.BytesIO(final)).embedded_signatures]
    assert [st.intact and st.valid for st in statuses] == [True, True, True]
    assert statuses[0].docmdp_ok and statuses[0].modification_level == ModificationLevel.FORM_FILLING
    blocks = pdfsig(final, tmp_path).split("Signature #")[1:]
    assert len(blocks) == 3 and all("Signature is Valid" in b for b in blocks)
    assert "Total document signed" in blocks[2]


def test_a_signer_who_does_not_fit_the_block_is_refused_naming_who_is_expected(store, office):
    with store.uow() as uow:
        deputy = create_person(uow, full_name="Trần Thị Thu Hà", position="Phó Chủ tịch UBND tỉnh",
                               unit_id=office.province).id
        uow.commit()
    with pytest.raises(InvalidInput, match="'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' cần một Phó chủ tịch"):
        draft(store, office, authority=Authority.KT, signer=office.leader)
    with pytest.raises(InvalidInput, match="cần Chủ tịch của Ủy ban nhân dân tỉnh Quảng Trị ký; Trần Thị Thu Hà là Phó"):
        draft(store, office, authority=Authority.TM, signer=deputy)
    assert draft(store, office, authority=Authority.KT, signer=deputy).authority is Authority.KT


def test_only_its_steps_people_move_a_document_on_and_bad_steps_change_nothing(store, office, keys, clock):
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk, office.drafter: keys.deputy})
    info = draft(store, office)
    with store.uow(office.clerk) as uow, pytest.raises(PermissionDenied, match="người ký hoặc lãnh đạo"):
        approve_outgoing(uow, info.id)
    with pytest.raises(InvalidInput, match="chỉ ký văn bản đã duyệt"):
        sign_outgoing(store, info.id, office.leader, keys.leader)
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, info.id)
        uow.commit()
    with pytest.raises(InvalidInput, match="chỉ phát hành văn bản đã được ký"):
        release_outgoing(store, info.id, office.clerk, keys.clerk)  # releasing an unsigned document
    with pytest.raises(PermissionDenied, match="do Nguyễn Văn Minh ký"):
        sign_outgoing(store, info.id, office.drafter, keys.deputy)
    sign_outgoing(store, info.id, office.leader, keys.leader)
    with pytest.raises(PermissionDenied, match="không phải văn thư"):
        release_outgoing(store, info.id, office.drafter, keys.deputy)
    with store.read() as s:
        assert list_numbers(s, unit_id=office.province, year=2026, series=Series.DI) == []  # no number was taken
    released = release_outgoing(store, info.id, office.clerk, keys.clerk)
    assert released.symbol == "01/QĐ-UBND"
    with store.uow(office.clerk) as uow:
        cancelled = cancel_release(uow, info.id, "Sai thẩm quyền ban hành")
        uow.commit()
    assert cancelled.status is OutgoingStatus.CANCELLED
    again = draft(store, office)
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, again.id)
        uow.commit()
    sign_outgoing(store, again.id, office.leader, keys.leader)
    assert release_outgoing(store, again.id, office.clerk, keys.clerk).symbol == "02/QĐ-UBND"  # 01 is never reused
    with store.read() as s:
        numbers = list_numbers(s, unit_id=office.province, year=2026, series=Series.DI)
    assert [(n.number, n.cancelled, n.cancel_reason) for n in numbers] == [
        (1, True, "Sai thẩm quyền ban hành"), (2, False, None)]


def test_a_release_that_fails_after_numbering_records_the_number_cancelled(store, office, keys):
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    info = draft(store, office)
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, info.id)
        uow.commit()
    sign_outgoing(store, info.id, office.leader, keys.leader)
    from signing.errors import SigningError

    class BrokenKey:  # a token pulled out mid-release: the signature cannot be made
        certificate_der = keys.clerk.certificate_der
        common_name = keys.clerk.common_name
        certificate = keys.clerk.certificate
        chain = keys.clerk.chain

        @property
        def signer(self):
            raise SigningError("Token đã bị rút ra.", "The token was unplugged.")

    with pytest.raises(SigningError, match="Token"):
        release_outgoing(store, info.id, office.clerk, BrokenKey())
    with store.read() as s:
        numbers = list_numbers(s, unit_id=office.province, year=2026, series=Series.DI)
        detail = outgoing_detail(s, info.id)
    assert [(n.number, n.cancelled) for n in numbers] == [(1, True)]
    assert "Token" in numbers[0].cancel_reason
    assert detail.info.status is OutgoingStatus.SIGNED and detail.info.symbol is None
    assert release_outgoing(store, info.id, office.clerk, keys.clerk).symbol == "02/QĐ-UBND"


def test_an_advisory_board_headed_by_the_chairman_releases_in_its_own_series(store, office, keys):
    """Decree 30 §2: a Ban Chỉ đạo the UBND set up issues under its own series and abbreviation.
    Its Trưởng ban is the Chủ tịch, who works in the UBND and leads the board by a role: the
    block 'TM. BAN CHỈ ĐẠO … / TRƯỞNG BAN' accepts him only while he holds it."""
    from store.directory import create_unit, grant_role

    with store.uow() as uow:
        board = create_unit(uow, code="QT-BCD", name="Ban Chỉ đạo phòng, chống thiên tai tỉnh", kind="board",
                            parent_id=office.province, abbreviation="BCĐ").id
        grant_role(uow, office.clerk, board, "van_thu")
        uow.commit()
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    data, layout = decision_pdf("Phương án ứng phó bão số 3")

    def draft_for_board():
        with store.uow(office.drafter) as uow:
            info = draft_outgoing(uow, inspect_pdf(data), filename="pa.pdf", doc_type="QĐ",
                                  subject="Phương án ứng phó bão số 3", drafting_unit_id=office.office,
                                  signer_id=office.leader, authority=Authority.TM, unit_id=board, layout=layout)
            uow.commit()
        return info

    with pytest.raises(InvalidInput, match="cần Trưởng ban của Ban Chỉ đạo phòng, chống thiên tai tỉnh ký"):
        draft_for_board()
    with store.uow() as uow:
        grant_role(uow, office.leader, board, "lanh_dao")
        uow.commit()
    info = draft_for_board()
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, info.id)
        uow.commit()
    sign_outgoing(store, info.id, office.leader, keys.leader)
    released = release_outgoing(store, info.id, office.clerk, keys.clerk)
    assert (released.unit_id, released.number, released.symbol) == (board, 1, "01/QĐ-BCĐ")
    with store.read() as s:
        assert list_numbers(s, unit_id=office.province, year=2026, series=Series.DI) == []  # the UBND's untouched
