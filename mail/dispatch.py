"""Sending a document to its Nơi nhận by e-mail: the stored PDF attached unchanged, to addresses
given or to units of this store (each unit's official address, from its mail account)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from documents.models import Document
from mail.attachments import document_attachment
from mail.codes import MailKind
from mail.outbox import QueuedMail, Recipient, queue_mail
from mail.settings import get_mail_account, unit_mail_addresses
from store.directory import get_unit
from store.errors import InvalidInput

if TYPE_CHECKING:
    from store.uow import UnitOfWork


def document_subject(doc: Document) -> str:
    """``Số 15/QĐ-UBND ngày 01/12/2026: <trích yếu>``, which the receiving side reads back
    (``mail.incoming_mail``); a document without a number goes under its title alone."""
    if not doc.number:
        return doc.title
    dated = f" ngày {doc.issued_on:%d/%m/%Y}" if doc.issued_on else ""
    return f"Số {doc.number}{dated}: {doc.title}"


def document_body(doc: Document, sender: str, recipient: str) -> str:
    return "\n".join([
        f"Kính gửi: {recipient or 'Quý cơ quan'},", "",
        f"{sender} gửi kèm theo thư này văn bản: {document_subject(doc)}.", "",
        "Văn bản là tệp PDF có chữ ký số; đề nghị Quý cơ quan kiểm tra chữ ký (phần mềm Nghị Sự tự kiểm tra khi "
        "lấy thư về sổ văn bản đến) và vào sổ văn bản đến theo quy định.", "",
        "Trân trọng.", sender])


def queue_document(uow: UnitOfWork, document_id: int, *, unit_id: int, addresses: list[str] | None = None,
                   unit_ids: list[int] | None = None) -> QueuedMail:
    session = uow.session
    doc = session.get(Document, document_id)
    attachment = document_attachment(session, document_id)  # NotFound, classified or recalled: refused here
    assert doc is not None
    recipients = [Recipient(a) for a in (addresses or [])]
    accounts = unit_mail_addresses(session)
    for uid in unit_ids or []:
        unit = get_unit(session, uid)
        if uid not in accounts:
            raise InvalidInput(f"{unit.name} chưa có địa chỉ thư công vụ trong kho này; hãy nhập địa chỉ bằng --to.",
                               f"{unit.name} has no official e-mail address in this store; give it with --to.")
        recipients.append(Recipient(accounts[uid].address, unit.official_name))
    account = get_mail_account(session, unit_id)
    sender = account.display_name if account else get_unit(session, unit_id).official_name
    queued = [queue_mail(uow, unit_id=unit_id, kind=MailKind.DOCUMENT, subject=document_subject(doc),
                         body=document_body(doc, sender, r.name), recipients=[r], meeting_id=doc.meeting_id or None,
                         document_id=document_id, attachment=attachment)
              for r in recipients]
    if not queued:
        raise InvalidInput("Chưa có nơi nhận: hãy nhập --to ĐỊA_CHỈ hoặc --to-unit MÃ_ĐƠN_VỊ.",
                           "No recipient: give --to ADDRESS or --to-unit UNIT_ID.")
    return QueuedMail(queued[0].message_id, tuple(d for q in queued for d in q.delivery_ids), queued[0].subject)
