"""Signing workflow: an ordered list of signers on one document, each signing the newest version.

``request_signatures`` adds one empty signature field per signer up front (a new document
version), so every later signer only fills a field, which certification and verifiers accept.
``sign_request`` signs OUTSIDE any transaction (the key, maybe a USB token, takes its time),
then stores the signed bytes as a new version in one short unit of work that first checks
that nothing changed meanwhile. When another desktop stored a version first, the signature
is refused with who signed and when; the winner's version stays, and the loser signs again
on it: no signature is ever lost, and a signed file is never rewritten.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import UTC
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text

from documents.intake.service import inspect_pdf
from documents.library import add_version, document_not_found, get_document
from documents.models import Document, DocumentVersion
from signing.errors import SigningError
from signing.keys.certificates import certificate_registered_to
from signing.models import SigningRequest, SigningSlot
from signing.pdf.fields import (
    FieldSlot,
    field_box,
    open_incremental,
    prepare_signature_fields,
    signature_fields,
)
from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf
from signing.pdf.seal_room import default_boxes_with_room, smaller_seal_note
from signing.stamp_library import kept_seal_mm, seal_mm_of, signature_png_of
from signing.workflow_records import (
    AlreadySigned,
    CertificateNotRegistered,
    FieldMissing,
    NotASigner,
    NotYourTurn,
    RequestClosed,
    SigningConflict,
    SigningRequestInfo,
    SignOutcome,
    SlotInfo,
)
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, flush_or_conflict, stamp
from store.models import Person, Unit

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from documents.intake.service import InspectedPdf, IntakeWorker
    from signing.keys.signing_keys import SigningKey
    from store.engine import Store
    from store.uow import UnitOfWork

__all__ = ["SignOutcome", "SigningRequestInfo", "SlotInfo", "get_request", "request_signatures",
           "requests_for_document", "sign_request", "whose_turn"]

log = logging.getLogger(__name__)

MAX_SIGNERS = 12
Box = tuple[float, float, float, float]


# --- reading -------------------------------------------------------------------------------


def _request_info(session: Session, req: SigningRequest) -> SigningRequestInfo:
    rows = session.execute(select(SigningSlot, Person.full_name, Person.position)
                           .join(Person, Person.id == SigningSlot.person_id)
                           .where(SigningSlot.request_id == req.id).order_by(SigningSlot.position)).all()
    slots = tuple(SlotInfo(s.position, s.person_id, name, position, s.field_name, s.signed_at, s.cert_sha256,
                           s.version_no) for s, name, position in rows)
    return SigningRequestInfo(req.id, req.document_id, req.meeting_id, req.unit_id, req.status, req.reason,
                              req.certify_first, req.fields_version_no, slots, req.version, req.created_at,
                              req.completed_at)


def _request_not_found(request_id: object) -> NotFound:
    return NotFound(f"Không có yêu cầu ký số {request_id}.", f"There is no signing request {request_id}.")


def get_request(session: Session, request_id: int) -> SigningRequestInfo:
    req = session.get(SigningRequest, request_id)
    if req is None:
        raise _request_not_found(request_id)
    return _request_info(session, req)


def requests_for_document(session: Session, document_id: int) -> list[SigningRequestInfo]:
    """Every signing request made on the document, oldest first."""

    rows = session.execute(select(SigningRequest).where(SigningRequest.document_id == document_id)
                           .order_by(SigningRequest.id)).scalars().all()
    return [_request_info(session, r) for r in rows]


def whose_turn(session: Session, request_id: int) -> SlotInfo | None:
    """The signer whose turn it is, or None when the request is complete (or cancelled)."""
    return get_request(session, request_id).turn


# --- creating a request --------------------------------------------------------------------


def _check_signers(session: Session, signer_person_ids: Sequence[int]) -> list[Person]:
    ids = [int(p) for p in signer_person_ids]
    if not ids:
        raise InvalidInput("Cần ít nhất một người ký.", "At least one signer is needed.")
    if len(ids) > MAX_SIGNERS:
        raise InvalidInput(f"Một yêu cầu ký có tối đa {MAX_SIGNERS} người ký.",
                           f"A signing request has at most {MAX_SIGNERS} signers.")
    if len(set(ids)) != len(ids):
        raise InvalidInput("Mỗi người chỉ ký một lần trong một yêu cầu; danh sách người ký bị trùng.",
                           "Each person signs once per request; the list of signers repeats someone.")
    people = []
    for pid in ids:
        person = session.get(Person, pid)
        if person is None:
            raise NotFound(f"Không có người số {pid}.", f"There is no person {pid}.")
        if not person.active:
            raise InvalidInput(f"{person.full_name} không còn hoạt động; không thể là người ký.",
                               f"{person.full_name} is no longer active and cannot sign.")
        people.append(person)
    return people


def _inspect_own_output(data: bytes, intake: IntakeWorker | None = None) -> InspectedPdf:
    """Check bytes we just produced, and insist they are stored exactly as produced.

    ``intake``: a checker process to reuse (a batch of signatures); else one is started."""

    pdf = intake.inspect(data) if intake is not None else inspect_pdf(data)
    if pdf.data != data:  # a repaired rewrite would break every signature in the file
        raise SigningError(
            "Tệp sau khi ký không được lưu nguyên vẹn (bộ kiểm tra muốn sửa tệp); tài liệu chưa được thay đổi.",
            "The signed file could not be stored exactly as signed (the checker wanted to repair it); "
            "the document was not changed.",
        )
    return pdf


def request_signatures(
    uow: UnitOfWork,
    document_id: int,
    signer_person_ids: Sequence[int],
    *,
    certify_first: bool = False,
    reason: str | None = None,
    placement: Sequence[tuple[int, Box]] | None = None,
    intake: IntakeWorker | None = None,
) -> SigningRequestInfo:
    """Ask ``signer_person_ids`` to sign the document, in that order (e.g. secretary → deputy
    chair → chair). One empty signature field per signer is added now, as a new document
    version (source ``fields``); ``placement`` gives each field's (page index, box), else they
    go at the bottom of the last page, as tall as the unit's seal needs when the page's text
    leaves room there (``seal_room``). ``certify_first``: the first signature certifies the
    document (later signatures allowed, content changes not).
    """

    s = uow.session
    doc = s.get(Document, document_id, with_for_update=True)
    if doc is None:
        raise document_not_found(document_id)
    if doc.recalled_at is not None:
        raise InvalidInput("Tài liệu đã bị thu hồi; không thể yêu cầu ký.",
                           "The document was recalled; no signatures can be requested.")
    people = _check_signers(s, signer_person_ids)
    if placement is not None and len(placement) != len(people):
        raise InvalidInput("Số vị trí ô ký phải bằng số người ký.", "Give one field placement per signer.")
    reason = (reason or "").strip()[:300]
    current = s.get(DocumentVersion, doc.current_version_id)
    pdf = uow.get_blob(current.blob_sha256)
    if any(signature_fields(open_incremental(pdf).prev).values()):
        raise InvalidInput(
            "Tài liệu đã có chữ ký số: các ô ký phải được tạo trước chữ ký đầu tiên, nên không thêm yêu cầu ký "
            "được nữa. Hãy ký vào ô còn trống, hoặc tạo yêu cầu trên bản chưa ký.",
            "The document already carries a signature: signature fields must all exist before the first "
            "signature, so no request can be added now. Sign an empty field, or request on an unsigned version.",
        )
    if placement is None:  # room for the unit's seal at its real size, if the page leaves it
        placement = default_boxes_with_room(pdf, len(people), seal_mm_of(s, doc.unit_id))
    req = SigningRequest(document_id=doc.id, meeting_id=doc.meeting_id, unit_id=doc.unit_id, reason=reason,
                         certify_first=bool(certify_first), status="open", turn=0,
                         fields_version_no=doc.current_version_no, created_at=uow.now(), created_by_id=uow.actor_id)
    stamp(req, uow)
    s.add(req)
    s.flush()
    slots = []
    for i, person in enumerate(people):
        page, box = placement[i] if placement is not None else (-1, None)
        slots.append(FieldSlot(f"ChuKy_{req.id}_{i + 1}", page=page, box=box))
        s.add(SigningSlot(request_id=req.id, meeting_id=doc.meeting_id, position=i, person_id=person.id,
                          field_name=slots[-1].name))
    checked = _inspect_own_output(prepare_signature_fields(pdf, slots), intake)
    info = add_version(uow, doc.id, checked, source="fields", filename=current.filename,
                       note=f"Ô ký cho yêu cầu ký số {req.id}")
    req.fields_version_no = info.current_version.version_no
    s.flush()
    uow.record("signing.request", "signing_request", req.id,
               {"document_id": doc.id, "signers": [p.id for p in people], "names": [p.full_name for p in people],
                "certify_first": req.certify_first, "reason": reason, "fields_version": req.fields_version_no},
               meeting_id=doc.meeting_id, unit_id=doc.unit_id)
    return _request_info(s, req)


# --- signing -------------------------------------------------------------------------------


def _conflict(session: Session, doc: Document, request_id: int, person_id: int) -> SigningConflict:
    """Who stored the version that beat us, and whether this person can still sign on it."""

    newest = session.get(DocumentVersion, doc.current_version_id)
    who = None
    if newest is not None and newest.created_by_id is not None:
        person = session.get(Person, newest.created_by_id)
        who = person.full_name if person else f"#{newest.created_by_id}"
    mine = session.execute(select(SigningSlot).where(SigningSlot.request_id == request_id,
                                                     SigningSlot.person_id == person_id)).scalar_one_or_none()
    req = session.get(SigningRequest, request_id)
    can_retry = bool(req is not None and req.status == "open" and mine is not None and mine.signed_at is None
                     and req.turn == mine.position)
    return SigningConflict(who, newest.created_at if newest else None, doc.current_version_no,
                           signed=bool(newest is not None and newest.source == "signature"), can_retry=can_retry)


def sign_request(
    store: Store,
    request_id: int,
    person_id: int,
    key: SigningKey,
    *,
    expected_version: int | None = None,
    reason: str | None = None,
    location: str | None = None,
    timestamp_url: str | None = None,
    signature_image_png: bytes | None = None,
    seal_image_png: bytes | None = None,
    intake: IntakeWorker | None = None,
) -> SignOutcome:
    """``person_id`` signs request ``request_id`` with ``key``, on the document's newest version.

    Refused, with what to do: out of turn (naming whose turn it is), a person not on the
    request, a key whose certificate is not registered to that person (a look-alike with the
    same name included), a closed request. ``expected_version``: the request version the
    person's screen showed. Raises ``SigningConflict`` when another desktop stored a version
    meanwhile (nothing written; sign again if ``can_retry``).
    """

    with store.read() as s:
        req = s.get(SigningRequest, request_id)
        if req is None:
            raise _request_not_found(request_id)
        info = _request_info(s, req)
        if expected_version is not None:
            ensure_version(s, req, expected_version, "Yêu cầu ký", {"sign": person_id})
        person = s.get(Person, person_id)
        if person is None:
            raise NotFound(f"Không có người số {person_id}.", f"There is no person {person_id}.")
        mine = next((slot for slot in info.slots if slot.person_id == person_id), None)
        if mine is None:
            raise NotASigner(person.full_name, ", ".join(slot.person_name for slot in info.slots))
        if mine.signed:
            raise AlreadySigned(mine)
        if info.status != "open":
            raise RequestClosed(info.status)
        turn = info.turn
        if turn is None or turn.person_id != person_id:
            raise NotYourTurn(turn or mine)
        fingerprint = hashlib.sha256(key.certificate_der).hexdigest()
        if not certificate_registered_to(s, person_id, fingerprint):
            raise CertificateNotRegistered(person.full_name, key.common_name)
        doc = s.get(Document, req.document_id)
        if doc.recalled_at is not None:
            raise InvalidInput("Tài liệu đã bị thu hồi; không ký được.", "The document was recalled; it cannot be signed.")
        seen_version_id, seen_request_version = doc.current_version_id, req.version
        current = s.get(DocumentVersion, doc.current_version_id)
        sha, filename = current.blob_sha256, current.filename
        unit = s.get(Unit, person.unit_id)
        display = SignerDisplay(person.full_name, person.position, unit.official_name if unit else "")
        document_id, default_reason = doc.id, req.reason
        if signature_image_png is None:  # the person's own image, kept in the store (stamp_library)
            signature_image_png = signature_png_of(s, person_id)
        seal_mm = kept_seal_mm(s, doc.unit_id, seal_image_png) if seal_image_png else None
    pdf = store.blobs.get(sha)
    handler = open_incremental(pdf).prev
    fields = signature_fields(handler)
    if mine.field_name not in fields:
        raise FieldMissing(mine.field_name)
    seal_note = smaller_seal_note(seal_image_png, seal_mm, field_box(handler, mine.field_name), (
        "ô ký cố định từ khi tạo yêu cầu ký", "fixed when the signatures were requested"))
    at: datetime = store.clock.now()
    signed = sign_pdf(pdf, key, SignRequest(
        field_name=mine.field_name, signer=display, at=at, reason=reason or default_reason or None,
        location=location, certify=info.certify_first and mine.position == 0, timestamp_url=timestamp_url,
        signature_image_png=signature_image_png, seal_image_png=seal_image_png, seal_mm=seal_mm,
    ))
    checked = _inspect_own_output(signed, intake)
    return _store_signature(store, request_id, person_id, document_id, checked, at=at, fingerprint=fingerprint,
                            seen=(seen_version_id, seen_request_version), filename=filename, signer=display,
                            seal_note=seal_note)


def _fill_slot(uow, slot: SigningSlot, version_id: int, version_no: int, fingerprint: str, at: datetime) -> None:
    """Enter the signature in the signer's slot. Shared store: only the server's
    ``nghisu_sign_slot`` may (migration 0010), which checks login, turn and version itself."""
    if uow.dialect != "postgresql":
        slot.signed_at, slot.cert_sha256, slot.version_id, slot.version_no = at, fingerprint, version_id, version_no
        return

    uow.session.flush()
    uow.session.execute(text("SELECT nghisu_sign_slot(:r, :p, :v, :c, :at)"), {
        "r": slot.request_id, "p": slot.person_id, "v": version_id, "c": fingerprint,
        "at": at.astimezone(UTC).replace(tzinfo=None)})
    uow.session.refresh(slot)


def _store_signature(store: Store, request_id: int, person_id: int, document_id: int, checked: InspectedPdf, *,
                     at: datetime, fingerprint: str, seen: tuple[int | None, int], filename: str,
                     signer, seal_note: tuple[str, str] | None = None) -> SignOutcome:
    with store.uow(person_id) as uow:
        s = uow.session
        # Lock in the same order as every other writer of documents: document, then request.
        doc = s.get(Document, document_id, with_for_update=True)
        req = s.get(SigningRequest, request_id, with_for_update=True)
        if doc is None or req is None:
            raise _request_not_found(request_id)
        if doc.current_version_id != seen[0] or req.version != seen[1]:
            raise _conflict(s, doc, request_id, person_id)
        slot = s.execute(select(SigningSlot).where(SigningSlot.request_id == request_id,
                                                   SigningSlot.person_id == person_id)).scalar_one()
        info = add_version(uow, document_id, checked, source="signature", filename=filename,
                           note=f"Chữ ký số của {signer.full_name}" + (f"; {seal_note[0]}" if seal_note else ""))
        _fill_slot(uow, slot, info.current_version.id, info.current_version.version_no, fingerprint, at)
        count = s.execute(select(SigningSlot.id).where(SigningSlot.request_id == request_id)).all()
        completed = slot.position + 1 >= len(count)
        req.turn = None if completed else slot.position + 1
        if completed:
            req.status, req.completed_at = "completed", uow.now()
        stamp(req, uow)
        flush_or_conflict(uow, req, "Yêu cầu ký", {"sign": person_id})
        details = {"document_id": document_id, "position": slot.position + 1, "field": slot.field_name,
                   "cert_sha256": fingerprint, "version": slot.version_no, "sha256": info.current_version.sha256,
                   "signed_at": at.isoformat(), "signer": signer.full_name}
        uow.record("signing.sign", "signing_request", request_id, details, meeting_id=doc.meeting_id,
                   unit_id=doc.unit_id)
        if completed:
            uow.record("signing.complete", "signing_request", request_id,
                       {"document_id": document_id, "version": slot.version_no}, meeting_id=doc.meeting_id,
                       unit_id=doc.unit_id)
        outcome_request = _request_info(s, req)
        uow.commit()
    just_signed = next(x for x in outcome_request.slots if x.person_id == person_id)
    with store.read() as s:
        document = get_document(s, document_id)
    log.info("request %s: %s signed (version %s)", request_id, signer.full_name, just_signed.version_no)
    return SignOutcome(outcome_request, document, just_signed, seal_note)


# -- what the desktop counts and shows ----------------------------------------------------------
def signatures_waiting(session: Session, meeting_ids: list[int]) -> dict[int, int]:
    """Signatures still to be given on open requests, per meeting (the "Chờ ký" counter)."""
    if not meeting_ids:
        return {}
    rows = session.execute(select(SigningSlot.meeting_id, func.count(SigningSlot.id))
                           .join(SigningRequest, SigningRequest.id == SigningSlot.request_id)
                           .where(SigningRequest.status == "open", SigningSlot.signed_at.is_(None),
                                  SigningSlot.meeting_id.in_(meeting_ids))
                           .group_by(SigningSlot.meeting_id)).all()
    return {int(m): int(n) for m, n in rows}


def newest_signed_document(session: Session) -> tuple[int, int] | None:
    """(meeting, document) of the newest fully signed request (the demo's signed minutes)."""
    row = session.execute(select(SigningRequest.meeting_id, SigningRequest.document_id)
                          .where(SigningRequest.status == "completed").order_by(SigningRequest.id.desc())).first()
    return (int(row[0]), int(row[1])) if row else None

