"""Approval, signature by the competent signer, numbering and release by the văn thư, dispatch.

- ``approve_outgoing``: the draft as it stands is approved; one new version adds the empty
  number and date fields and the two signature fields (``release_pdf`` explains why first).
- ``sign_outgoing``: the signer named on the draft, if their position still fits the block,
  certifies it with a key registered to them (form filling allowed). As in
  ``signing.workflow``: checks in a read-only session, the signature outside any
  transaction, then one short unit of work that refuses if another desktop moved first.
- ``release_outgoing``: the unit's văn thư takes the next number (its own committed step: a
  number once given is never given again), fills number and date, and signs as the
  organisation with the organisation's key in their keeping; the released version and one
  dispatch row per recipient are stored together. If anything fails after the number was
  taken, the register records that number as cancelled and says why.
- ``cancel_release``: a released document is withdrawn; its number stays taken, cancelled.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from documents.intake.service import inspect_pdf
from documents.papers.typeset import format_date_line
from register.incoming.receive import receive_from_unit
from register.incoming.records import IncomingMeta
from register.numbering import Series, cancel_number, check_may_number, get_number, take_number
from register.outgoing.drafts import check_approvable, leads_unit, may_approve, store_version
from register.outgoing.models import OutgoingDispatch, OutgoingDocument
from register.outgoing.page_text import check_clear, placement_from_text
from register.outgoing.placement import Box, Placement, SealLook, seal_over
from register.outgoing.queries import current_version, load_outgoing, outgoing_info
from register.outgoing.records import Authority, OutgoingInfo, OutgoingStatus, VersionKind
from register.outgoing.release_pdf import (
    HEADER_FIELD,
    SEAL_FIELD,
    SIGNER_FIELD,
    blank_page,
    header_box,
    header_page,
    ink_in_seal,
)
from register.outgoing.seal_field import kept_seal, move_seal_field, replaced_for, seal_look, shrunk_note
from register.outgoing.signature_block import check_signer
from signing.errors import SigningError
from signing.keys.certificates import certificate_registered_to
from signing.pdf.fields import FieldSlot, open_incremental, prepare_signature_fields, resolve_page
from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf
from signing.stamp_library import signature_png_of
from signing.workflow_records import CertificateNotRegistered, SigningConflict
from store.clock import VN_TZ
from store.codes import Classification
from store.directory.people import load_person
from store.directory.units import load_unit
from store.errors import InvalidInput, NghisuError, PermissionDenied
from store.locking import stamp

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from documents.intake.process import InspectedPdf
    from documents.intake.service import IntakeWorker
    from signing.keys.signing_keys import SigningKey
    from store.engine import Store
    from store.uow import UnitOfWork

def _own_output(data: bytes, intake: IntakeWorker | None = None) -> InspectedPdf:
    """Check bytes we just made (``intake``: a checker process to reuse, for a batch)."""
    pdf = intake.inspect(data) if intake is not None else inspect_pdf(data)
    if pdf.data != data:  # a repaired rewrite would break every signature in the file
        raise SigningError("Tệp sau khi xử lý không được lưu nguyên vẹn; văn bản chưa được thay đổi.",
                           "The processed file could not be stored exactly as made; the document was not changed.")
    return pdf


def placement_of(doc: OutgoingDocument, pdf: bytes, signer_name: str,
                 signature_at: tuple[int, Box] | None = None, look: SealLook | None = None) -> Placement:
    """Where the fields go: the generator's layout, else read from the page text; or, for the
    signature, where the person placed it. The seal's field at the seal's real size over the left
    third of the signer's image (``look``: the unit's seal and the signer's kept image). Refused
    if a signature or the seal would cover text."""
    where = Placement.from_json(doc.layout) if doc.layout and "signature" in doc.layout else \
        placement_from_text(pdf, signer_name)
    if signature_at is not None:
        page, box = signature_at
        writer = open_incremental(pdf)
        resolve_page(writer, page)
        where = replace(where, signature_page=page, signature=box)
    x1, y1, x2, y2 = (float(round(v)) for v in where.signature)  # as the field is written, in whole points
    where = replace(where, signature=(x1, y1, x2, y2), seal=seal_over((x1, y1, x2, y2), look))
    check_clear(pdf, where)
    return where


def approve_outgoing(uow: UnitOfWork, outgoing_id: int, *, signature_at: tuple[int, Box] | None = None,
                     intake: IntakeWorker | None = None) -> OutgoingInfo:
    """Approve the draft as it stands and add its signature fields. ``signature_at``: (page
    index, box) where the person placed the signer's field, when the page text does not show it."""
    s = uow.session
    doc = load_outgoing(s, outgoing_id, lock=True)
    may_approve(uow, doc)
    check_approvable(uow, doc)
    current = current_version(s, doc)
    pdf = uow.get_blob(current.blob_sha256)
    where = placement_of(doc, pdf, load_person(s, doc.signer_id).full_name, signature_at, seal_look(s, doc))
    doc.layout = where.as_json()  # fixed now: the release fills exactly these places
    with_all = prepare_signature_fields(pdf, [
        FieldSlot(SIGNER_FIELD, page=where.signature_page, box=where.signature),
        FieldSlot(HEADER_FIELD, page=0, box=header_box(where.number, where.date)),
        FieldSlot(SEAL_FIELD, page=where.signature_page, box=where.seal)])
    store_version(uow, doc, _own_output(with_all, intake), VersionKind.FIELDS, filename=current.filename,
                  note="Ô chữ ký của người ký, ô số và ngày ban hành, ô con dấu")
    doc.status, doc.approved_at, doc.approved_by_id = str(OutgoingStatus.APPROVED), uow.now(), uow.actor_id
    stamp(doc, uow)
    s.flush()
    uow.record("outgoing.approve", "outgoing", doc.id, {"version": doc.current_version_no}, unit_id=doc.unit_id)
    return outgoing_info(s, doc)


@dataclass(frozen=True)
class _Seen:
    version_no: int
    row_version: int
    sha256: str
    filename: str
    layout: dict[str, Any] | None = None


def _store_step(store: Store, actor_id: int, outgoing_id: int, seen: _Seen, data: bytes, kind: VersionKind, *,
                note: str, status: OutgoingStatus, when: datetime, intake: IntakeWorker | None = None,
                layout: Placement | None = None) -> OutgoingInfo:
    pdf = _own_output(data, intake)
    with store.uow(actor_id) as uow:
        doc = load_outgoing(uow.session, outgoing_id, lock=True)
        if doc.current_version_no != seen.version_no or doc.version != seen.row_version:
            who = load_person(uow.session, doc.updated_by_id).full_name if doc.updated_by_id else None
            raise SigningConflict(who, doc.updated_at, doc.current_version_no, signed=True, can_retry=False)
        store_version(uow, doc, pdf, kind, filename=seen.filename, note=note)
        if layout is not None:  # the seal's field moved for the signer's own image (seal_field)
            doc.layout = layout.as_json()
        doc.status = str(status)
        if status is OutgoingStatus.SIGNED:
            doc.signed_at = when
        uow.record(f"outgoing.{status.value}", "outgoing", doc.id, {"version": doc.current_version_no,
                   "sha256": pdf.sha256}, unit_id=doc.unit_id)
        info = outgoing_info(uow.session, doc)
        uow.commit()
    return info


def sign_outgoing(store: Store, outgoing_id: int, person_id: int, key: SigningKey, *,
                  signature_image_png: bytes | None = None, reason: str | None = None,
                  timestamp_url: str | None = None, intake: IntakeWorker | None = None) -> OutgoingInfo:
    """The competent signer signs the approved document (certification, form filling allowed)."""
    with store.read() as s:
        doc = load_outgoing(s, outgoing_id)
        signer = load_person(s, person_id)
        if doc.status != OutgoingStatus.APPROVED:
            status = OutgoingStatus(doc.status)
            raise InvalidInput(f"Văn bản đang ở bước '{status.vi}'; chỉ ký văn bản đã duyệt.",
                               f"The document is {status.value}; only an approved document is signed.")
        if person_id != doc.signer_id:
            named = load_person(s, doc.signer_id)
            raise PermissionDenied(f"Văn bản này do {named.full_name} ký, không phải {signer.full_name}.",
                                   f"This document is to be signed by {named.full_name}, not {signer.full_name}.")
        unit = load_unit(s, doc.unit_id)
        day = store.clock.now().astimezone(VN_TZ).date()
        check_signer(Authority(doc.authority), unit, signer, load_unit(s, signer.unit_id),
                     leads=leads_unit(s, person_id, unit.id, day))
        fingerprint = hashlib.sha256(key.certificate_der).hexdigest()
        if not certificate_registered_to(s, person_id, fingerprint):
            raise CertificateNotRegistered(signer.full_name, key.common_name)
        current = current_version(s, doc)
        seen = _Seen(doc.current_version_no, doc.version, current.blob_sha256, current.filename,
                     dict(doc.layout) if doc.layout else None)
        display = SignerDisplay(signer.full_name, signer.position, unit.official_name)
        if signature_image_png is None:  # the signer's own image, kept in the store
            signature_image_png = signature_png_of(s, person_id)
        look = seal_look(s, doc, signature_image_png)
    source = store.blobs.get(seen.sha256)
    moved = replaced_for(source, Placement.from_json(seen.layout), look) if seen.layout else None
    if moved is not None:
        source = move_seal_field(source, moved.seal)
    at = store.clock.now()
    signed = sign_pdf(source, key, SignRequest(
        field_name=SIGNER_FIELD, signer=display, at=at, reason=reason or "Ký ban hành", certify=True,
        timestamp_url=timestamp_url, signature_image_png=signature_image_png))
    return _store_step(store, person_id, outgoing_id, seen, signed, VersionKind.SIGNED,
                       note=f"Chữ ký số của {display.full_name}", status=OutgoingStatus.SIGNED, when=at,
                       intake=intake, layout=moved)


def _reserve_number(store: Store, clerk_id: int, outgoing_id: int) -> tuple[int, _Seen]:
    """The văn thư takes the number in its own short transaction and marks the document as
    being released, so a second văn thư releasing it at the same moment is refused."""
    with store.uow(clerk_id) as uow:
        s = uow.session
        doc = load_outgoing(s, outgoing_id, lock=True)
        if doc.status != OutgoingStatus.SIGNED:
            status = OutgoingStatus(doc.status)
            raise InvalidInput(f"Văn bản đang ở bước '{status.vi}'; chỉ phát hành văn bản đã được ký.",
                               f"The document is {status.value}; only a signed document can be released.")
        if doc.number_id is not None:
            raise InvalidInput("Văn bản đang được phát hành ở máy khác.", "The document is being released elsewhere.")
        series = Series.of(outgoing=True, classification=doc.classification)
        number = take_number(uow, unit_id=doc.unit_id, series=series, doc_type=doc.doc_type,
                             subject_type="outgoing", subject_id=doc.id)
        doc.number_id = number.id
        stamp(doc, uow)
        s.flush()
        current = current_version(s, doc)
        seen = _Seen(doc.current_version_no, doc.version, current.blob_sha256, current.filename, dict(doc.layout))
        uow.commit()
    return number.id, seen


def _give_back(store: Store, clerk_id: int, outgoing_id: int, number_id: int, why: str) -> None:
    """The release failed after the number was taken: the register records it as cancelled."""
    with store.uow(clerk_id) as uow:
        doc = load_outgoing(uow.session, outgoing_id, lock=True)
        if doc.number_id == number_id and doc.status == OutgoingStatus.SIGNED:
            doc.number_id = None
            stamp(doc, uow)
        cancel_number(uow, number_id, f"Phát hành không thành: {why}"[:500])
        uow.commit()


def _check_reply_by(reply_by: date | None, day: date) -> None:
    """A document asking for an answer by a date already past is not released as it is."""
    if reply_by is not None and reply_by < day:
        raise InvalidInput(f"Hạn báo cáo, trả lời {reply_by:%d/%m/%Y} đã qua; người soạn thảo, người ký hoặc lãnh đạo "
                           "sửa hoặc bỏ hạn đó trước khi phát hành.",
                           f"The reply deadline {reply_by:%d/%m/%Y} has passed; the drafter, the signer or a leader "
                           "changes or removes it before the release.")


def release_outgoing(store: Store, outgoing_id: int, clerk_id: int, key: SigningKey, *,
                     seal_image_png: bytes | None = None, timestamp_url: str | None = None,
                     intake: IntakeWorker | None = None) -> OutgoingInfo:
    """Number, date and release the signed document as the organisation, then dispatch it."""
    with store.read() as s:
        doc = load_outgoing(s, outgoing_id)
        clerk = load_person(s, clerk_id)
        unit = load_unit(s, doc.unit_id)
        unit_id, place, organisation = unit.id, unit.place_name, unit.official_name
        series, doc_type = Series.of(outgoing=True, classification=doc.classification), doc.doc_type
        fingerprint = hashlib.sha256(key.certificate_der).hexdigest()
        registered = certificate_registered_to(s, clerk_id, fingerprint)
        clerk_name = clerk.full_name
        if doc.status == OutgoingStatus.SIGNED:
            _check_reply_by(doc.reply_by, store.clock.now().astimezone(VN_TZ).date())
        seal_mm = None  # a seal image given for this release: its own resolution, else 36 mm
        if seal_image_png is None:  # the unit's seal, kept in the store, at the size kept with it
            seal_image_png, seal_mm = kept_seal(s, unit_id)
    with store.uow(clerk_id) as uow:  # a clear refusal before a number is taken
        check_may_number(uow, load_unit(uow.session, unit_id), series, doc_type)
    if not registered:
        raise CertificateNotRegistered(clerk_name, key.common_name)
    number_id, seen = _reserve_number(store, clerk_id, outgoing_id)
    try:
        with store.read() as s:
            number = get_number(s, number_id)
        at = store.clock.now()
        day = at.astimezone(VN_TZ).date()
        where = Placement.from_json(seen.layout or {})
        header = header_page(f"Số: {number.symbol}", format_date_line(place, day), where.number, where.date)
        numbered = _own_output(intake=intake, data=sign_pdf(store.blobs.get(seen.sha256), key, SignRequest(
            field_name=HEADER_FIELD, at=at, reason=f"Cấp số {number.symbol}", appearance_pdf=header,
            signer=SignerDisplay(organisation.upper(), "", ""), timestamp_url=timestamp_url)))
        released = sign_pdf(numbered.data, key, SignRequest(
            field_name=SEAL_FIELD, at=at, reason=f"Phát hành văn bản số {number.symbol}",
            signer=SignerDisplay(organisation.upper(), "", ""), timestamp_url=timestamp_url,
            seal_image_png=seal_image_png, seal_mm=seal_mm, stamp_text=False,
            seal_over_ink=ink_in_seal(numbered.data, where),
            appearance_pdf=None if seal_image_png else blank_page(where.seal)))  # the seal alone (Decree 30 §5)
        final = _own_output(released, intake)
        with store.uow(clerk_id) as uow:
            s = uow.session
            doc = load_outgoing(s, outgoing_id, lock=True)
            if doc.number_id != number_id or doc.current_version_no != seen.version_no:
                raise SigningConflict(None, doc.updated_at, doc.current_version_no, signed=True, can_retry=False)
            store_version(uow, doc, numbered, VersionKind.NUMBERED, filename=seen.filename,
                          note=f"Số {number.symbol}, ngày {day.strftime('%d/%m/%Y')}")
            store_version(uow, doc, final, VersionKind.RELEASED, filename=seen.filename,
                          note=f"Chữ ký số của {organisation}{shrunk_note(seal_image_png, seal_mm, where)}")
            doc.status, doc.released_on, doc.released_at, doc.released_by_id = (
                str(OutgoingStatus.RELEASED), day, at, clerk_id)
            stamp(doc, uow)
            s.flush()
            uow.record("outgoing.release", "outgoing", doc.id,
                       {"number": number.number, "symbol": number.symbol, "released_on": day.isoformat(),
                        "version": doc.current_version_no, "sha256": final.sha256}, unit_id=doc.unit_id)
            dispatch(uow, doc)
            info = outgoing_info(s, doc)
            uow.commit()
    except BaseException as exc:
        _give_back(store, clerk_id, outgoing_id, number_id, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        raise
    deliver_to_units(store, outgoing_id, clerk_id, final.data)
    return info


def deliver_to_units(store: Store, outgoing_id: int, clerk_id: int, data: bytes) -> None:
    """Hand the released file to the incoming registers of the recipients that are units of this
    store (``register.incoming.receive.receive_from_unit``: received, waiting for their văn thư
    to register it, the document's reply deadline as their deadline), and mark their dispatch
    rows delivered with the entry each register made.
    The release stands whatever happens here: a delivery that fails leaves its row waiting, with
    the reason in the document's history, to be sent again."""
    with store.read() as s:
        doc = load_outgoing(s, outgoing_id)
        rows = s.execute(select(OutgoingDispatch).where(OutgoingDispatch.outgoing_id == outgoing_id,
                                                        OutgoingDispatch.channel == "store",
                                                        OutgoingDispatch.status == "waiting")).scalars().all()
        targets = {r.recipient_unit_id: r.id for r in rows if r.recipient_unit_id is not None}
        number = get_number(s, doc.number_id) if doc.number_id is not None else None
        meta = IncomingMeta("", doc.subject, number.symbol if number and number.symbol else "", doc.doc_type,
                            doc.released_on, Classification(doc.classification))
        filename, from_unit_id, reply_by = current_version(s, doc).filename, doc.unit_id, doc.reply_by
    if not targets:
        return
    try:
        delivered = receive_from_unit(store, from_unit_id=from_unit_id, to_unit_ids=list(targets), data=data, meta=meta,
                                      filename=filename, source_outgoing_id=outgoing_id, reply_due_on=reply_by,
                                      actor_id=clerk_id)
    except NghisuError as exc:
        log.warning("outgoing %s: delivery to units failed: %s", outgoing_id, exc)
        with store.uow(clerk_id) as uow:
            uow.record("outgoing.dispatch_failed", "outgoing", outgoing_id, {"reason": str(exc)}, unit_id=from_unit_id)
            uow.commit()
        return
    with store.uow(clerk_id) as uow:
        for d in delivered:
            row = uow.session.get(OutgoingDispatch, targets[d.unit_id])
            if row is not None:
                row.status, row.incoming_id = "delivered", d.entry_id
        uow.session.flush()
        uow.record("outgoing.delivered", "outgoing", outgoing_id,
                   {"deliveries": [[d.unit_id, d.entry_id, d.duplicate] for d in delivered]}, unit_id=from_unit_id)
        uow.commit()


def dispatch(uow: UnitOfWork, doc: OutgoingDocument) -> None:
    """One dispatch row per recipient: a unit of this store (``store``: delivered into its
    incoming register right after the release, ``deliver_to_units``), or a recipient outside it
    (``external``: by post or e-mail, waiting for the office to send it)."""
    for entry in doc.recipients or ():
        unit_id = entry.get("unit_id")
        uow.session.add(OutgoingDispatch(outgoing_id=doc.id, recipient_unit_id=unit_id,
                                         recipient_name=str(entry.get("name", ""))[:300],
                                         channel="store" if unit_id else "external", status="waiting",
                                         dispatched_at=uow.now(), dispatched_by_id=uow.actor_id))
    uow.session.flush()
    uow.record("outgoing.dispatch", "outgoing", doc.id, {"recipients": list(doc.recipients or ())},
               unit_id=doc.unit_id)


def cancel_release(uow: UnitOfWork, outgoing_id: int, reason: str) -> OutgoingInfo:
    """Withdraw a released document: its number is recorded as cancelled and never given again."""
    s = uow.session
    doc = load_outgoing(s, outgoing_id, lock=True)
    if doc.status != OutgoingStatus.RELEASED or doc.number_id is None:
        raise InvalidInput("Chỉ hủy được văn bản đã phát hành.", "Only a released document can be cancelled.")
    cancel_number(uow, doc.number_id, reason)
    doc.status = str(OutgoingStatus.CANCELLED)
    stamp(doc, uow)
    s.flush()
    uow.record("outgoing.cancel", "outgoing", doc.id, {"reason": reason}, unit_id=doc.unit_id)
    return outgoing_info(s, doc)
