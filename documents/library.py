"""The document library: attach checked PDFs, keep every version, read them back.

A PDF is checked (``documents.intake.service.inspect_pdf``, in a worker process with limits)
*before* a unit of work opens, so a slow or hostile file never holds the store's write
lock; the services here take the already-checked ``InspectedPdf`` and write everything for
it (blob, document, version, page text, search index, audit) in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from documents.circulation import redeliver_new_version
from documents.classified.service import seal_bytes, wrap_new_version
from documents.doctypes import DOC_TYPES
from documents.models import CLASSIFICATIONS, Document, DocumentPage, DocumentVersion, OfficePolicy
from documents.records import DocumentInfo, DocumentMeta, VersionInfo
from documents.search.service import index_version
from documents.search.terms import page_row
from store.codes import Classification
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, stamp

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from documents.intake.service import InspectedPdf
    from store.uow import UnitOfWork


def _version_info(v: DocumentVersion) -> VersionInfo:
    return VersionInfo(v.id, v.document_id, v.version_no, v.blob_sha256, v.size, v.page_count, v.source,
                       v.filename, v.created_at, v.note)


def _info(doc: Document, current: DocumentVersion) -> DocumentInfo:
    return DocumentInfo(doc.id, doc.meeting_id, doc.unit_id, doc.agenda_item_id, doc.position, doc.title,
                        doc.doc_type, doc.number, doc.issuing_unit, doc.issued_on, doc.classification,
                        _version_info(current), doc.recalled_at, doc.version)


def document_not_found(document_id: object) -> NotFound:
    return NotFound(f"Không có tài liệu số {document_id}.", f"There is no document {document_id}.")


def _check_meta(meta: DocumentMeta) -> DocumentMeta:
    if not meta.title.strip():
        raise InvalidInput("Tài liệu cần có tên.", "A document needs a title.")
    if meta.doc_type not in DOC_TYPES:
        raise InvalidInput(f"Không rõ loại văn bản '{meta.doc_type}'.", f"Unknown document type '{meta.doc_type}'.")
    if meta.classification not in CLASSIFICATIONS:
        raise InvalidInput(
            f"Độ mật '{meta.classification}' không hợp lệ; chọn: thuong (thường), mat (mật), toi_mat (tối mật).",
            f"Classification '{meta.classification}' is not valid; choose thuong, mat or toi_mat.",
        )
    return meta


def _store_version(uow: UnitOfWork, doc: Document, pdf: InspectedPdf, *, source: str, filename: str,
                   note: str = "") -> DocumentVersion:
    s = uow.session
    # Classified papers (mật, tối mật): only ciphertext reaches the blob store; the key is
    # wrapped for each cleared reader once the version row exists (documents.classified).
    sealed = doc.classification != Classification.THUONG
    if sealed:
        ref, content_key = seal_bytes(uow, doc.id, doc.current_version_no + 1, pdf.data)
    else:
        ref = uow.put_blob(pdf.data)
    version = DocumentVersion(
        document_id=doc.id, meeting_id=doc.meeting_id, version_no=doc.current_version_no + 1,
        blob_sha256=ref.sha256, size=ref.size, page_count=pdf.page_count, filename=filename, source=source,
        note=note, was_encrypted=pdf.was_encrypted, repaired=pdf.repaired, created_at=uow.now(),
        created_by_id=uow.actor_id,
    )
    s.add(version)
    s.flush()
    if sealed:
        wrap_new_version(uow, doc, version, content_key, doc.current_version_id)
    # Classified papers never reach the text index (their text stays out of the store).
    texts = pdf.pages_text if doc.classification == Classification.THUONG else ("",) * pdf.page_count
    if texts:
        s.execute(DocumentPage.__table__.insert(), [
            {"version_id": version.id, "document_id": doc.id, "meeting_id": doc.meeting_id,
             "page_no": i, **page_row(t)}
            for i, t in enumerate(texts, start=1)
        ])
    if doc.classification == Classification.THUONG:
        index_version(uow, version.id)
    doc.current_version_id = version.id
    doc.current_version_no = version.version_no
    return version


def add_document(
    uow: UnitOfWork,
    *,
    meeting_id: int,
    unit_id: int,
    agenda_item_id: int | None,
    pdf: InspectedPdf,
    meta: DocumentMeta,
    filename: str = "",
) -> DocumentInfo:
    """Store a checked PDF as a new document (version 1). Callers check the meeting/item."""

    meta = _check_meta(meta)
    s = uow.session
    position = s.execute(
        select(func.count()).select_from(Document).where(Document.meeting_id == meeting_id,
                                                          Document.agenda_item_id == agenda_item_id)
    ).scalar_one()
    doc = Document(
        meeting_id=meeting_id, unit_id=unit_id, agenda_item_id=agenda_item_id, position=position,
        title=meta.title.strip(), doc_type=meta.doc_type, number=meta.number.strip(),
        issuing_unit=meta.issuing_unit.strip(), issued_on=meta.issued_on, classification=meta.classification,
        current_version_no=0, created_at=uow.now(), created_by_id=uow.actor_id,
    )
    stamp(doc, uow)
    s.add(doc)
    s.flush()
    version = _store_version(uow, doc, pdf, source="import", filename=filename)
    s.flush()
    uow.record("document.import", "document", doc.id,
               {"title": doc.title, "type": doc.doc_type, "number": doc.number, "sha256": version.blob_sha256,
                "pages": version.page_count, "classification": doc.classification},
               meeting_id=meeting_id, unit_id=unit_id)
    return _info(doc, version)


def add_version(
    uow: UnitOfWork,
    document_id: int,
    pdf: InspectedPdf,
    *,
    source: str = "replace",
    filename: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> DocumentInfo:
    """A new version (a replacement, or a signed copy); earlier versions stay readable.

    People who had received the document get the new version too, and those who had
    already opened it are told it changed (``Delivery.changed_from_version_no``).
    """

    s = uow.session
    doc = s.get(Document, document_id, with_for_update=True)
    if doc is None:
        raise document_not_found(document_id)
    ensure_version(s, doc, expected_version, f"Tài liệu '{doc.title}'", {"new_version": True})
    if doc.recalled_at is not None:
        raise InvalidInput("Tài liệu đã bị thu hồi; không thể thêm phiên bản mới.",
                           "The document was recalled; no new version can be added.")
    old_version_id, old_no = doc.current_version_id, doc.current_version_no
    version = _store_version(uow, doc, pdf, source=source, filename=filename, note=note)
    stamp(doc, uow)
    s.flush()
    redeliver_new_version(uow, doc, old_version_id, old_no, version.id)
    uow.record(f"document.{source}", "document", doc.id,
               {"version": version.version_no, "sha256": version.blob_sha256, "pages": version.page_count},
               meeting_id=doc.meeting_id, unit_id=doc.unit_id)
    return _info(doc, version)


def get_document(session: Session, document_id: int) -> DocumentInfo:
    doc = session.get(Document, document_id)
    if doc is None:
        raise document_not_found(document_id)
    return _info(doc, session.get(DocumentVersion, doc.current_version_id))


def list_documents(session: Session, meeting_id: int, *, include_recalled: bool = True) -> list[DocumentInfo]:
    q = (select(Document, DocumentVersion).join(DocumentVersion, DocumentVersion.id == Document.current_version_id)
         .where(Document.meeting_id == meeting_id).order_by(Document.agenda_item_id, Document.position, Document.id))
    if not include_recalled:
        q = q.where(Document.recalled_at.is_(None))
    return [_info(d, v) for d, v in session.execute(q).all()]


def list_versions(session: Session, document_id: int) -> list[VersionInfo]:
    rows = session.execute(select(DocumentVersion).where(DocumentVersion.document_id == document_id)
                           .order_by(DocumentVersion.version_no)).scalars()
    return [_version_info(v) for v in rows]


def version_bytes(uow_or_store, version: VersionInfo) -> bytes:
    """The stored bytes of a version, hash-checked (a corrupted blob raises, never served)."""
    blobs = uow_or_store.blobs
    return blobs.get(version.sha256)


def read_policy(session: Session) -> OfficePolicy:
    policy = session.get(OfficePolicy, 1)
    return policy if policy is not None else OfficePolicy(id=1, allow_decrypted_storage=False, max_upload_mb=200, extra={})


def set_policy(uow: UnitOfWork, *, allow_decrypted_storage: bool | None = None, max_upload_mb: int | None = None) -> None:
    policy = uow.session.get(OfficePolicy, 1)
    if allow_decrypted_storage is not None:
        policy.allow_decrypted_storage = allow_decrypted_storage
    if max_upload_mb is not None:
        if not 1 <= max_upload_mb <= 4096:
            raise InvalidInput("Giới hạn dung lượng phải từ 1 đến 4096 MB.", "The size limit must be 1 to 4096 MB.")
        policy.max_upload_mb = max_upload_mb
    uow.record("policy.update", "office_policy", 1,
               {"allow_decrypted_storage": allow_decrypted_storage, "max_upload_mb": max_upload_mb})
