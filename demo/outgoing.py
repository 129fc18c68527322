"""The demo's outgoing register: the province's released decision "Số: 15/QĐ-UBND".

Every document here goes the whole way a real one does (``register.outgoing``): drafted by the
Văn phòng's chuyên viên, approved and signed by the Chủ tịch (TM. ỦY BAN NHÂN DÂN), numbered,
dated and released by the văn thư with the organisation's signature and seal. The year's
earlier numbers of the ordinary series (the November minutes took one) are given to the
letters, plans and notices released before it, so the decision is the year's 15th. The
decision goes to two wards, which find it in their incoming registers, and to the ministry.

Idempotent: run again, it finds the decision released and does nothing. Slow enough (a few
seconds per document: every version is checked by intake and signed) that only ``nghisu
demo`` runs it, not every test that builds the demo store.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.engine import Store

if TYPE_CHECKING:
    from signing.keys.signing_keys import SigningKey
    from store.uow import UnitOfWork

log = logging.getLogger(__name__)

DECISION_NUMBER = 15
DECISION_SUBJECT = "Về việc ban hành Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2027"
DRAFTER_EMAIL = "anh.ptn@quangtri.gov.vn"  # chuyên viên of the Văn phòng, also the province's văn thư
SIGNER_EMAIL = "minh.nv@quangtri.gov.vn"
#: What the province released before the decision (type, subject), as many as the series needs.
EARLIER = [
    ("cong_van", "V/v báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội tháng 01"),
    ("ke_hoach", "Kế hoạch cải cách hành chính năm 2026"),
    ("thong_bao", "Thông báo lịch tiếp công dân định kỳ quý I năm 2026"),
    ("quyet_dinh", "Về việc phê duyệt danh mục dữ liệu mở của tỉnh"),
    ("cong_van", "V/v triển khai chữ ký số trong cơ quan nhà nước"),
    ("ke_hoach", "Kế hoạch chuyển đổi số năm 2026"),
    ("quyet_dinh", "Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh"),
    ("thong_bao", "Thông báo kết quả kiểm tra công tác văn thư, lưu trữ"),
    ("cong_van", "V/v chuẩn bị mùa mưa bão năm 2026"),
    ("bao_cao", "Báo cáo tổng kết công tác phòng, chống thiên tai 6 tháng đầu năm"),
    ("quyet_dinh", "Về việc thành lập Ban Chỉ huy phòng thủ dân sự tỉnh"),
    ("ke_hoach", "Kế hoạch tổ chức Ngày Chuyển đổi số tỉnh"),
    ("cong_van", "V/v rà soát thủ tục hành chính nội bộ"),
    ("thong_bao", "Thông báo phân công nhiệm vụ của Chủ tịch, các Phó Chủ tịch"),
]
DECISION_BODY = (
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2027 "
    "của tỉnh Quảng Trị.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân "
    "các xã, phường, đặc khu chịu trách nhiệm thi hành Quyết định này./.")
RECIPIENT_UNITS = ("QT-DHOI", "QT-VLINH", "QT-VL-VG", "QT-VL")  # the first two that exist on the store's map


def _demo_key(store: Store, uow: UnitOfWork, person_id: int, email: str) -> SigningKey:
    """The person's demo key: the .p12 the demo's minutes were signed with, when this store
    keeps them (``demo.signing``), else a new certificate from the office test CA."""
    from demo.signing import DEMO_P12_PASSWORD, KEYS_DIR  # noqa: PLC0415 -- deferred for start-up: beside the rest
    from signing.keys.office_ca import issue_certificate  # noqa: PLC0415 -- deferred for start-up: brings in cryptography
    from signing.keys.signing_keys import load_pkcs12  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

    password = DEMO_P12_PASSWORD.encode()
    home = store.location.home
    kept = home / KEYS_DIR / f"{email.split('@')[0]}.p12" if home is not None else None
    if kept is not None and kept.is_file():
        return load_pkcs12(kept.read_bytes(), password)
    return load_pkcs12(issue_certificate(uow, person_id).issued.to_pkcs12(password), password)


@dataclass(frozen=True)
class DemoDecision:
    outgoing_id: int
    symbol: str
    released_now: int  # documents released by this run


def release_demo_decision(store: Store) -> DemoDecision | None:
    from documents.doctypes import doc_type_name  # noqa: PLC0415 -- deferred for start-up: beside the rest
    from documents.intake.service import IntakeWorker  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf
    from register.numbering import Series, last_number, register_year  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.drafts import draft_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs  # noqa: PLC0415 -- deferred for start-up: brings in reportlab
    from register.outgoing.queries import list_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.records import Authority, OutgoingStatus  # noqa: PLC0415 -- deferred for start-up: beside the rest
    from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko
    from signing.keys.office_ca import ensure_office_ca  # noqa: PLC0415 -- deferred for start-up: brings in cryptography
    from signing.pdf.appearance import demo_seal_png, demo_signature_png  # noqa: PLC0415 -- deferred for start-up: brings in PIL
    from signing.stamp_library import StampKind, get_stamp_image, set_stamp_image  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import find_person_by_email, find_unit_by_code, grant_role, roles_of  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        drafter = find_person_by_email(s, DRAFTER_EMAIL)
        signer = find_person_by_email(s, SIGNER_EMAIL)
        province = find_unit_by_code(s, "QT")
        office = find_unit_by_code(s, "QT-VP") or province
        if drafter is None or signer is None or province is None or office is None:
            return None
        done = [o for o in list_outgoing(s, unit_id=province.id) if o.subject == DECISION_SUBJECT
                and o.status is OutgoingStatus.RELEASED]
        if done:
            return DemoDecision(done[0].id, done[0].symbol or "", 0)
        found = [u for u in (find_unit_by_code(s, c) for c in RECIPIENT_UNITS) if u is not None][:2]
        recipients = [u.code for u in found]
        shown = {u.code: u.short_name for u in found}
        clerk_ready = any(r.unit_id == province.id and r.role == "van_thu" for r in roles_of(s, drafter.id))
    signature, seal = demo_signature_png(signer.full_name), demo_seal_png(province.official_name)
    with store.uow() as uow:
        if not clerk_ready:  # the 2019 map's demo has no văn thư: the Văn phòng's chuyên viên keeps the register
            grant_role(uow, drafter.id, province.id, "van_thu")
        ensure_office_ca(uow)
        keys = {pid: _demo_key(store, uow, pid, email) for pid, email in ((signer.id, SIGNER_EMAIL),
                                                                          (drafter.id, DRAFTER_EMAIL))}
        # Kept as the office's own (Tệp → Chữ ký và con dấu…): what anyone signs or releases in the
        # demo afterwards shows them too, not only the documents released here.
        for kind, owner, png in ((StampKind.SIGNATURE, signer.id, signature), (StampKind.SEAL, province.id, seal)):
            if get_stamp_image(uow.session, kind, owner) is None:
                set_stamp_image(uow, kind, owner, png)
        uow.commit()
    released = 0

    def release(doc_type: str, subject: str, paragraphs: tuple[str, ...], to: list[str]) -> tuple[int, str]:
        nonlocal released
        data, where = render_document(DocumentContent(
            agency=province.official_name, type_name="" if doc_type == "cong_van" else doc_type_name(doc_type),
            subject=subject, paragraphs=paragraphs, block_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            signer_name=signer.full_name, recipients=(*[shown[c] for c in to], "Bộ Nông nghiệp và Môi trường"
                                                      if to else "Các sở, ban, ngành", "Lưu: VT, VP")))
        with store.uow(drafter.id) as uow:
            info = draft_outgoing(uow, intake.inspect(data), filename="van-ban.pdf", doc_type=doc_type, subject=subject,
                                  drafting_unit_id=office.id, signer_id=signer.id, authority=Authority.TM,
                                  recipients=[*to, "Bộ Nông nghiệp và Môi trường"] if to else [],
                                  layout=where.as_json())
            uow.commit()
        with store.uow(signer.id) as uow:
            approve_outgoing(uow, info.id, intake=intake)
            uow.commit()
        sign_outgoing(store, info.id, signer.id, keys[signer.id], signature_image_png=signature, intake=intake)
        out = release_outgoing(store, info.id, drafter.id, keys[drafter.id], seal_image_png=seal, intake=intake)
        released += 1
        return out.id, out.symbol or ""

    with store.read() as s:
        taken = last_number(s, unit_id=province.id, year=register_year(store.clock.now()), series=Series.DI)
    with IntakeWorker() as intake:  # one checker process for every version of every document
        for doc_type, subject in EARLIER[: max(0, DECISION_NUMBER - 1 - taken)]:
            release(doc_type, subject, tuple(sample_paragraphs(subject)) if doc_type == "quyet_dinh" else (
                f"Ủy ban nhân dân tỉnh {subject[0].lower()}{subject[1:]}.", "Đề nghị các cơ quan, đơn vị thực hiện./."),
                [])
        outgoing_id, symbol = release("quyet_dinh", DECISION_SUBJECT, DECISION_BODY, recipients)
    log.info("demo decision #%s released as %s (%d documents this run)", outgoing_id, symbol, released)
    return DemoDecision(outgoing_id, symbol, released)
