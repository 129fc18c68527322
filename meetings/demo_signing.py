"""The demo's signed minutes: the office TEST CA, certificates for the provincial secretary and
the chair, a draft biên bản of the provincial meeting, signed by both in turn.

Run by ``nghisu demo`` every time and idempotent: once the minutes carry both signatures
nothing more happens. The two keys exist only in memory, except in an embedded store, where
they are also written as .p12 files to ``<store>/demo-keys/`` (password in
``password.txt`` there: ``DEMO_P12_PASSWORD``) so people can try ``nghisu signing sign`` and
``nghisu sign``; the test CA's root is written beside them for ``nghisu verify --trust``.
In a shared store no key file is written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from store.engine import Store

log = logging.getLogger(__name__)

#: The password of the demo .p12 files. Published on purpose: these are TEST keys.
DEMO_P12_PASSWORD = "nghisu-demo"
SECRETARY_EMAIL = "anh.ptn@quangtri.gov.vn"
CHAIR_EMAIL = "minh.nv@quangtri.gov.vn"
MINUTES_ITEM_TITLE = "Kết luận phiên họp"
KEYS_DIR = "demo-keys"
_README = """Khóa THỬ NGHIỆM của kho dữ liệu mẫu (nghisu demo) — TEST keys of the demo store.

Mật khẩu / password: {password}  (cũng có trong password.txt)
- {secretary}.p12: Phạm Thị Ngọc Ánh (thư ký, secretary)
- {chair}.p12: Nguyễn Văn Minh (chủ tịch, chair)
- office-ca.pem: chứng thư gốc của CA thử nghiệm (root of the office TEST CA)

Thử / try:
  nghisu --store <kho> signing export <DOC_ID> -o bien-ban.pdf
  nghisu verify bien-ban.pdf --trust {folder}/office-ca.pem
  nghisu sign IN.pdf -o OUT.pdf --p12 {folder}/{chair}.p12 --password-file {folder}/password.txt
"""


@dataclass(frozen=True)
class DemoSigning:
    document_id: int
    request_id: int
    signatures_added: int
    document_created: bool
    keys_folder: Path | None


def _minutes_pdf(store: Store, meeting_id: int):
    from documents.minutes_draft import MinutesDraft, minutes_draft_pdf
    from meetings.lifecycle import get_meeting

    with store.read() as s:
        detail = get_meeting(s, meeting_id)
    by_role = {p.role: p for p in detail.participants}
    chair, secretary = by_role["chair"], by_role["secretary"]
    unit = detail.unit.name
    draft = MinutesDraft(
        agency=f"Ủy ban nhân dân {unit[:1].lower()}{unit[1:]}", symbol="BB-UBND",
        meeting_title=detail.meeting.title, starts_at=detail.meeting.starts_at, ends_at=detail.meeting.ends_at,
        location=detail.meeting.location, chair=(chair.full_name, chair.position),
        secretary=(secretary.full_name, secretary.position),
        attendees=tuple((p.full_name, p.position) for p in detail.participants if p.role in ("member", "guest")),
        items=tuple((n.number, n.title) for n in detail.agenda_items()),
    )
    item = next((n.number for n in detail.agenda_items() if n.title == MINUTES_ITEM_TITLE), None)
    return minutes_draft_pdf(draft), item, detail.meeting.title


def _write_keys(store: Store, keys: dict[str, bytes], ca_pem: bytes) -> Path | None:
    if store.location.shared or store.location.home is None:
        return None
    folder = store.location.home / KEYS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, p12 in keys.items():
        (folder / f"{name}.p12").write_bytes(p12)
    (folder / "password.txt").write_text(DEMO_P12_PASSWORD + "\n", encoding="utf-8")
    (folder / "office-ca.pem").write_bytes(ca_pem)
    (folder / "README.txt").write_text(_README.format(password=DEMO_P12_PASSWORD, secretary=SECRETARY_EMAIL.split("@")[0],
                                                      chair=CHAIR_EMAIL.split("@")[0], folder=folder), encoding="utf-8")
    return folder


def sign_demo_minutes(store: Store, meeting_ids: dict[str, int]) -> DemoSigning | None:
    """Create the test CA, then the provincial meeting's minutes signed secretary → chair (once)."""
    from documents.intake import IntakeWorker
    from documents.library import list_documents
    from documents.records import DocumentMeta
    from meetings.materials import import_material
    from signing.keys import load_pkcs12
    from signing.office_ca import ensure_office_ca, issue_certificate
    from signing.workflow import request_signatures, requests_for_document, sign_request
    from store.directory import find_person_by_email

    meeting_id = meeting_ids.get("province")
    if meeting_id is None:
        return None
    with store.uow() as uow:
        ca, _ = ensure_office_ca(uow)
        uow.commit()
    minutes, item, meeting_title = _minutes_pdf(store, meeting_id)
    title = f"Biên bản {meeting_title[:1].lower()}{meeting_title[1:]}"
    with store.read() as s:
        secretary = find_person_by_email(s, SECRETARY_EMAIL)
        chair = find_person_by_email(s, CHAIR_EMAIL)
        doc = next((d for d in list_documents(s, meeting_id) if d.doc_type == "bien_ban" and d.title == title), None)
        requests = requests_for_document(s, doc.id) if doc else []
    if secretary is None or chair is None:
        return None
    if any(r.status == "completed" for r in requests):
        return DemoSigning(doc.id, requests[-1].id, 0, False, None)

    password = DEMO_P12_PASSWORD.encode()
    p12s: dict[str, bytes] = {}
    keys = {}
    with store.uow() as uow:
        for person, email in ((secretary, SECRETARY_EMAIL), (chair, CHAIR_EMAIL)):
            issued = issue_certificate(uow, person.id).issued
            p12s[email.split("@")[0]] = issued.to_pkcs12(password)
        uow.commit()
    for person, email in ((secretary, SECRETARY_EMAIL), (chair, CHAIR_EMAIL)):
        keys[person.id] = load_pkcs12(p12s[email.split("@")[0]], password)
    folder = _write_keys(store, p12s, ca.cert_pem)

    created = doc is None
    if doc is None:
        meta = DocumentMeta(title=title, doc_type="bien_ban", issuing_unit="Ủy ban nhân dân tỉnh Quảng Trị")
        doc = import_material(store, secretary.id, meeting_id, item, minutes.data, meta)
    request = next((r for r in requests if r.status == "open"), None)
    added = 0
    with IntakeWorker() as intake:  # one checker process for the fields and both signatures
        if request is None:
            with store.uow(secretary.id) as uow:
                request = request_signatures(uow, doc.id, [secretary.id, chair.id], certify_first=True,
                                             reason="Xác nhận biên bản phiên họp", intake=intake,
                                             placement=list(minutes.signature_boxes) if created else None)
                uow.commit()
        for slot in request.slots:
            if not slot.signed:
                sign_request(store, request.id, slot.person_id, keys[slot.person_id], intake=intake)
                added += 1
    log.info("demo minutes #%s signed by %d people", doc.id, added)
    return DemoSigning(doc.id, request.id, added, created, folder)
