"""What may be attached: the current version of a stored document, sent as stored. A classified
paper (mật, tối mật) is never sent by ordinary e-mail (state secrets do not travel over the
internet unencrypted, Law on Protection of State Secrets 2018, art. 5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from documents.models import Document, DocumentVersion
from mail.outbox import Attachment
from store.codes import Classification
from store.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def document_attachment(session: Session, document_id: int, *, meeting_id: int | None = None) -> Attachment:
    doc = session.get(Document, document_id)
    if doc is None or (meeting_id is not None and doc.meeting_id != meeting_id):
        raise NotFound(f"Không có văn bản số {document_id}" + (" trong cuộc họp này." if meeting_id else "."),
                       f"No document {document_id}" + (" in this meeting." if meeting_id else "."))
    if Classification(doc.classification).classified:
        raise InvalidInput(
            f"'{doc.title}' là tài liệu {Classification(doc.classification).vi}: không gửi tài liệu mật qua thư điện tử.",
            f"'{doc.title}' is classified: classified papers are never sent by e-mail.")
    if doc.recalled_at is not None:
        raise InvalidInput(f"'{doc.title}' đã bị thu hồi; không gửi được.", f"'{doc.title}' was recalled; it cannot be sent.")
    version = session.get(DocumentVersion, doc.current_version_id) if doc.current_version_id else None
    if version is None:
        raise NotFound(f"Văn bản '{doc.title}' chưa có tệp.", f"The document '{doc.title}' has no file yet.")
    name = version.filename or f"{doc.title}.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return Attachment(version.blob_sha256, name, version.size)
