"""The demo's signed minutes: the office TEST CA, certificates for the provincial secretary and
the chair, and the November meeting's minutes, drafted from its record
(``demo.live``), finalised with ``meetings.papers.minutes.finalise_minutes`` and signed by
both in turn (secretary, then chair), in the THƯ KÝ and CHỦ TỌA blocks.

The CA and the demo's certificates are dated 1 December of the year before the demo's
(``issued_from``): the demo's registers sign through that year, each step at its own time
(``demo.outgoing``), and a signature dated before its certificate is not valid.

Run by ``nghisu demo`` every time and idempotent: once the minutes carry both signatures
nothing more happens. The two keys exist only in memory, except in an embedded store, where
they are also written as .p12 files to ``<store>/demo-keys/`` (password in
``password.txt`` there: ``DEMO_P12_PASSWORD``) so people can try ``nghisu signing sign`` and
``nghisu sign``; the test CA's root is written beside them for ``nghisu verify --trust``.
In a shared store no key file is written.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from documents.intake.service import IntakeWorker
from store.clock import VN_TZ, FixedClock
from store.engine import Store
from store.secret_files import secret_folder, write_secret

if TYPE_CHECKING:
    from signing.keys.office_ca import OfficeCaInfo
    from signing.keys.signing_keys import SigningKey

log = logging.getLogger(__name__)

#: The password of the demo .p12 files. Published on purpose: these are TEST keys.
DEMO_P12_PASSWORD = "nghisu-demo"
SECRETARY_EMAIL = "anh.ptn@quangtri.gov.vn"
CHAIR_EMAIL = "minh.nv@quangtri.gov.vn"
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


def _write_keys(store: Store, keys: dict[str, bytes], ca_pem: bytes) -> Path | None:
    if store.location.shared or store.location.home is None:
        return None
    # Private keys and their password: the folder and those files are the owner's alone.
    folder = secret_folder(store.location.home / KEYS_DIR)
    for name, p12 in keys.items():
        write_secret(folder / f"{name}.p12", p12, overwrite=True)
    write_secret(folder / "password.txt", (DEMO_P12_PASSWORD + "\n").encode("utf-8"), overwrite=True)
    (folder / "office-ca.pem").write_bytes(ca_pem)
    write_keys_readme(folder)
    return folder


def write_keys_readme(folder: Path) -> None:
    """The keys folder's README, which names the folder (written again when a store made
    elsewhere is moved into place: ``demo.build.build_demo_folder``)."""
    (folder / "README.txt").write_text(_README.format(password=DEMO_P12_PASSWORD, secretary=SECRETARY_EMAIL.split("@")[0],
                                                      chair=CHAIR_EMAIL.split("@")[0], folder=folder), encoding="utf-8")


def issued_from(store: Store) -> datetime:
    """When the demo's test CA and certificates begin: 1 December of the year before the store
    clock's (Vietnam's calendar), as an office that set them up before its year began."""
    return datetime(store.clock.now().astimezone(VN_TZ).year - 1, 12, 1, 8, 0, tzinfo=VN_TZ)


def ensure_demo_ca(store: Store) -> OfficeCaInfo:
    """The office test CA, made (dated ``issued_from``) if the store has none yet."""
    from signing.keys.office_ca import ensure_office_ca  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    with store.uow(clock=FixedClock(issued_from(store))) as uow:
        ca, _ = ensure_office_ca(uow)
        uow.commit()
    return ca


def demo_keys(store: Store, people: Sequence[tuple[int, str]], *, keep: bool = False) -> dict[int, SigningKey]:
    """Signing keys of ``(person id, e-mail)``, by person id. With ``keep`` (the province's
    secretary and chair): the .p12 files the store keeps when their certificates began before
    the year did and have not expired, else new ones written there (an embedded store only). Otherwise, or in a
    shared store, new certificates in memory. New ones are dated ``issued_from``."""
    from signing.keys.office_ca import issue_certificate  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy
    from signing.keys.signing_keys import load_pkcs12  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

    password = DEMO_P12_PASSWORD.encode()
    ca = ensure_demo_ca(store)
    year_start = datetime(issued_from(store).year + 1, 1, 1, tzinfo=VN_TZ)
    home = store.location.home
    folder = home / KEYS_DIR if keep and home is not None and not store.location.shared else None
    p12s: dict[int, tuple[str, bytes]] = {}
    for person_id, email in people:
        name = email.split("@")[0]
        kept = folder / f"{name}.p12" if folder is not None else None
        if kept is not None and kept.is_file():
            data = kept.read_bytes()
            cert = load_pkcs12(data, password).x509
            if cert.not_valid_before_utc <= year_start and cert.not_valid_after_utc > store.clock.now():
                p12s[person_id] = (name, data)
    missing = [pid for pid, _ in people if pid not in p12s]
    if missing:
        with store.uow(clock=FixedClock(issued_from(store))) as uow:
            for person_id in missing:
                email = dict(people)[person_id]
                p12s[person_id] = (email.split("@")[0], issue_certificate(uow, person_id).issued.to_pkcs12(password))
            uow.commit()
        if folder is not None:
            _write_keys(store, dict(p12s.values()), ca.cert_pem)
    return {pid: load_pkcs12(data, password) for pid, (_, data) in p12s.items()}


def _ensure_request(store: Store, meeting_id: int, document_id: int, secretary_id: int, intake):
    """The open request on the minutes; made again (same boxes) if an earlier run stopped
    between finalising and sending (``finalise_minutes`` sends in its own transaction)."""
    from meetings.papers.minutes import get_minutes, minutes_content, send_minutes_for_signature  # noqa: PLC0415 -- deferred for start-up: brings in reportlab, sqlalchemy
    from meetings.papers.minutes_pdf import render_minutes  # noqa: PLC0415 -- deferred for start-up: brings in reportlab
    from signing.workflow import requests_for_document  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    with store.read() as s:
        request = next((r for r in requests_for_document(s, document_id) if r.status == "open"), None)
        if request is not None:
            return request
        boxes = render_minutes(minutes_content(s, meeting_id, get_minutes(s, meeting_id)))[1]
    with store.uow(secretary_id) as uow:
        request = send_minutes_for_signature(uow, meeting_id, document_id, boxes, intake=intake)
        uow.commit()
    return request


def sign_demo_minutes(store: Store, meeting_ids: dict[str, int]) -> DemoSigning | None:
    """Create the test CA, then finalise the November meeting's minutes and have them signed
    secretary → chair (once). Call after ``record_demo_meeting`` has drafted them."""
    from meetings.papers.minutes import finalise_minutes, get_minutes  # noqa: PLC0415 -- deferred for start-up: brings in reportlab, sqlalchemy
    from signing.workflow import requests_for_document, sign_request  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy
    from store.directory import find_person_by_email  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    meeting_id = meeting_ids.get("province-november")
    if meeting_id is None:
        return None
    ensure_demo_ca(store)
    with store.read() as s:
        secretary = find_person_by_email(s, SECRETARY_EMAIL)
        chair = find_person_by_email(s, CHAIR_EMAIL)
        draft = get_minutes(s, meeting_id)  # drafted from the record by record_demo_meeting
        requests = requests_for_document(s, draft.document_id) if draft and draft.document_id else []
    if secretary is None or chair is None or draft is None:
        return None
    if any(r.status == "completed" for r in requests):  # the usual second run: nothing to do
        return DemoSigning(draft.document_id, requests[-1].id, 0, False, None)

    with IntakeWorker() as intake:  # one checker process: the minutes, their fields, both signatures
        created = draft.status == "draft"
        document_id = finalise_minutes(store, secretary.id, meeting_id, intake=intake).id if created \
            else draft.document_id
        request = _ensure_request(store, meeting_id, document_id, secretary.id, intake)
        keys = demo_keys(store, [(secretary.id, SECRETARY_EMAIL), (chair.id, CHAIR_EMAIL)], keep=True)
        home = store.location.home
        folder = home / KEYS_DIR if home is not None and (home / KEYS_DIR).is_dir() else None
        added = 0
        for slot in request.slots:
            if not slot.signed:
                sign_request(store, request.id, slot.person_id, keys[slot.person_id], intake=intake)
                added += 1
    log.info("demo minutes #%s signed by %d people", document_id, added)
    return DemoSigning(document_id, request.id, added, created, folder)
