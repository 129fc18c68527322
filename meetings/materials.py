"""A meeting's materials: attach, replace, circulate on publish, recall after closing.

The meeting rules (which item, which status allows what, who receives) live here; the
document mechanics live in ``documents``. Importing checks the file in a worker process
*before* the transaction opens, so a hostile or slow file never holds the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import case, func, select

from documents.circulation import Recipient, circulate, recall_documents
from documents.files import check_input_file
from documents.intake.office import convert_office_to_pdf, is_office_file
from documents.intake.service import IntakeLimits, inspect_pdf, read_candidate
from documents.library import add_document, add_version, get_document, list_documents, read_policy
from documents.models import Delivery, Document
from documents.records import DocumentInfo, DocumentMeta
from meetings.lifecycle import agenda_tree, change_status, load_meeting
from meetings.models import Participant
from meetings.records import MeetingSummary
from store.codes import ENDED, MeetingStatus
from store.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from documents.intake.service import InspectedPdf
    from store.engine import Store
    from store.uow import UnitOfWork

CIRCULATING = (MeetingStatus.PUBLISHED, MeetingStatus.IN_PROGRESS)


@dataclass(frozen=True)
class ImportedMaterial:
    """A stored document, and the active content its file carries (kept in the original only)."""

    document: DocumentInfo
    active_content: tuple[str, ...] = ()


@dataclass(frozen=True)
class MaterialRow:
    document: DocumentInfo
    item_number: str | None
    delivered: int
    opened: int


def check_file(store: Store, source: bytes | str | Path, *, password: str | None = None) -> tuple[InspectedPdf, str]:
    """Convert (office files) and check a file under the office's limits; nothing is stored."""
    with store.read() as s:
        policy = read_policy(s)
        allow, max_mb = policy.allow_decrypted_storage, policy.max_upload_mb
    limits = IntakeLimits(max_bytes=max_mb * 1024 * 1024)
    filename = ""
    if isinstance(source, str | Path):
        path = Path(source)
        filename = path.name
        if is_office_file(path.name):
            check_input_file(path, limits.max_bytes)
            data = convert_office_to_pdf(path)
            filename = path.with_suffix(".pdf").name
        else:
            data = read_candidate(path, limits)
    else:
        data = source
    return inspect_pdf(data, password=password, allow_decrypted_storage=allow, limits=limits), filename


def _item_id(uow: UnitOfWork, meeting_id: int, item_number: str | None) -> int | None:
    if item_number in (None, ""):
        return None
    for top in agenda_tree(uow.session, meeting_id):
        for node in top.walk():
            if node.number == str(item_number).strip().rstrip("."):
                return node.id
    raise NotFound(f"Cuộc họp không có mục {item_number} trong chương trình.",
                   f"The meeting's agenda has no item {item_number}.")


def recipients_of(uow: UnitOfWork, meeting_id: int) -> list[Recipient]:
    rows = uow.session.execute(select(Participant.person_id, Participant.site_unit_id)
                               .where(Participant.meeting_id == meeting_id)).all()
    return [Recipient(person_id, site) for person_id, site in rows]


def attach_checked_material(uow: UnitOfWork, meeting_id: int, item_number: str | None, pdf: InspectedPdf,
                            meta: DocumentMeta, *, filename: str = "") -> DocumentInfo:
    """Attach a checked PDF to an agenda item; if the meeting already circulates, send it."""
    meeting = load_meeting(uow.session, meeting_id)
    if meeting.status in ENDED:
        raise InvalidInput("Cuộc họp đã kết thúc; không thêm tài liệu được nữa.",
                           "The meeting has ended; no more documents can be attached.")
    item_id = _item_id(uow, meeting_id, item_number)
    info = add_document(uow, meeting_id=meeting_id, unit_id=meeting.unit_id, agenda_item_id=item_id, pdf=pdf,
                        meta=meta, filename=filename)
    if meeting.status in CIRCULATING:
        circulate(uow, meeting_id, recipients_of(uow, meeting_id))
    return info


def import_material(store: Store, actor_id: int | None, meeting_id: int, item_number: str | None,
                    source: bytes | str | Path, meta: DocumentMeta, *, password: str | None = None) -> DocumentInfo:
    pdf, filename = check_file(store, source, password=password)
    with store.uow(actor_id) as uow:
        info = attach_checked_material(uow, meeting_id, item_number, pdf, meta, filename=filename)
        uow.commit()
    return info


def import_materials(store: Store, actor_id: int | None, meeting_id: int, item_number: str | None,
                     files: list[tuple[str | Path, DocumentMeta]], *,
                     password: str | None = None) -> list[ImportedMaterial]:
    """Import several files all or none: every file is checked first, then all are stored in one transaction.

    A file that is refused ends the import naming it, before anything is stored; a failure
    while storing rolls the whole batch back.
    """
    checked = []
    for source, meta in files:
        try:
            pdf, filename = check_file(store, source, password=password)
        except InvalidInput as exc:
            name = Path(source).name
            if len(files) == 1:
                raise
            raise InvalidInput(f"{name}: {exc.vi} Chưa nhập tệp nào trong {len(files)} tệp.",
                               f"{name}: {exc.en} None of the {len(files)} files was imported.") from exc
        checked.append((pdf, meta, filename))
    with store.uow(actor_id) as uow:
        imported = [ImportedMaterial(attach_checked_material(uow, meeting_id, item_number, pdf, meta,
                                                             filename=filename), pdf.active_content)
                    for pdf, meta, filename in checked]
        uow.commit()
    return imported


def replace_material(store: Store, actor_id: int | None, document_id: int, source: bytes | str | Path, *,
                     password: str | None = None, note: str = "", expected_version: int | None = None) -> DocumentInfo:
    """A new version of a document; earlier versions stay, recipients are told it changed."""
    pdf, filename = check_file(store, source, password=password)
    with store.uow(actor_id) as uow:
        doc = get_document(uow.session, document_id)
        meeting = load_meeting(uow.session, doc.meeting_id)
        if meeting.status == MeetingStatus.ARCHIVED:
            raise InvalidInput("Cuộc họp đã lưu trữ; tài liệu không thay được.", "The meeting is archived.")
        info = add_version(uow, document_id, pdf, source="replace", filename=filename, note=note,
                           expected_version=expected_version)
        uow.commit()
    return info


def publish_meeting(uow: UnitOfWork, meeting_id: int, *, expected_version: int | None = None) -> tuple[MeetingSummary, int]:
    """Publish the meeting and send its materials to every participant, at every site."""
    summary = change_status(uow, meeting_id, MeetingStatus.PUBLISHED, expected_version=expected_version)
    sent = circulate(uow, meeting_id, recipients_of(uow, meeting_id))
    return summary, sent


def recall_classified(uow: UnitOfWork, meeting_id: int, document_ids: list[int] | None = None) -> list[int]:
    """After the meeting closes, the secretary recalls its classified (mật, tối mật) papers."""
    meeting = load_meeting(uow.session, meeting_id)
    if meeting.status not in ENDED:
        raise InvalidInput("Chỉ thu hồi tài liệu mật sau khi cuộc họp kết thúc.",
                           "Classified papers are recalled only after the meeting has closed.")
    return recall_documents(uow, meeting_id, document_ids, classified_only=True)


def meeting_materials(store: Store, meeting_id: int) -> list[MaterialRow]:
    with store.read() as s:
        load_meeting(s, meeting_id)
        numbers = {n.id: n.number for top in agenda_tree(s, meeting_id) for n in top.walk()}
        docs = list_documents(s, meeting_id)
        counts = dict(
            (doc_id, (total, int(opened or 0)))
            for doc_id, total, opened in s.execute(
                select(Delivery.document_id, func.count(),
                       func.sum(case((Delivery.first_opened_at.is_not(None), 1), else_=0)))
                .join(Document, Document.current_version_id == Delivery.version_id)
                .where(Delivery.meeting_id == meeting_id).group_by(Delivery.document_id))
        )
    rows = [MaterialRow(d, numbers.get(d.agenda_item_id), *counts.get(d.id, (0, 0))) for d in docs]
    order = {num: i for i, num in enumerate(numbers.values())}
    return sorted(rows, key=lambda r: (order.get(r.item_number, 10**6), r.document.position, r.document.id))
