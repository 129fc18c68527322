"""Sending a document to its Nơi nhận by e-mail: the stored PDF attached unchanged, to addresses
given or to units of this store (each unit's official address, from its mail account)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from documents.models import Document
from mail.attachments import document_attachment
from mail.codes import MailKind
from mail.outbox import Attachment, QueuedMail, Recipient, queue_mail
from mail.settings import get_mail_account, unit_mail_addresses
from register.numbering import get_number
from register.outgoing.queries import load_outgoing, released_version
from register.outgoing.records import OutgoingStatus
from store.codes import Classification
from store.directory import get_unit
from store.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
    recipients = _recipients(session, addresses, unit_ids)
    account = get_mail_account(session, unit_id)
    sender = account.display_name if account else get_unit(session, unit_id).official_name
    queued = [queue_mail(uow, unit_id=unit_id, kind=MailKind.DOCUMENT, subject=document_subject(doc),
                         body=document_body(doc, sender, r.name), recipients=[r], meeting_id=doc.meeting_id or None,
                         document_id=document_id, attachment=attachment)
              for r in recipients]
    return QueuedMail(queued[0].message_id, tuple(d for q in queued for d in q.delivery_ids), queued[0].subject)


def queue_outgoing(uow: UnitOfWork, outgoing_id: int, *, addresses: list[str] | None = None,
                   unit_ids: list[int] | None = None) -> QueuedMail:
    """A released outgoing document (sổ văn bản đi) to its Nơi nhận outside this store: the file
    as released, byte for byte, under ``Số 01/QĐ-UBND ngày 28/11/2026: <trích yếu>``."""
    session = uow.session
    doc = load_outgoing(session, outgoing_id)
    if doc.status != OutgoingStatus.RELEASED or doc.number_id is None:
        raise InvalidInput(f"Văn bản #{outgoing_id} chưa phát hành (hoặc đã hủy phát hành); chỉ gửi văn bản đã phát hành.",
                           f"Outgoing document #{outgoing_id} is not released (or its release was cancelled); "
                           "only released documents are sent.")
    if Classification(doc.classification).classified:
        raise InvalidInput(f"Văn bản #{outgoing_id} là tài liệu {Classification(doc.classification).vi}: "
                           "không gửi tài liệu mật qua thư điện tử.",
                           f"Outgoing document #{outgoing_id} is classified: never sent by e-mail.")
    version = released_version(session, outgoing_id)
    symbol = get_number(session, doc.number_id).symbol or f"{outgoing_id}"
    dated = f" ngày {doc.released_on:%d/%m/%Y}" if doc.released_on else ""
    subject = f"Số {symbol}{dated}: {doc.subject}"
    name = version.filename if version.filename.lower().endswith(".pdf") else f"{symbol.replace('/', '-')}.pdf"
    attachment = Attachment(version.sha256, name, version.size)
    recipients = _recipients(session, addresses, unit_ids)
    account = get_mail_account(session, doc.unit_id)
    sender = account.display_name if account else get_unit(session, doc.unit_id).official_name
    body = "\n".join([
        "Kính gửi: {recipient},", "",
        f"{sender} gửi kèm theo thư này văn bản số {symbol}{dated} về việc {doc.subject}.", "",
        "Văn bản là tệp PDF có chữ ký số của người có thẩm quyền và của cơ quan; đề nghị Quý cơ quan kiểm tra "
        "chữ ký và vào sổ văn bản đến theo quy định.", "", "Trân trọng.", sender])
    queued = [queue_mail(uow, unit_id=doc.unit_id, kind=MailKind.DOCUMENT, subject=subject,
                         body=body.replace("{recipient}", r.name or "Quý cơ quan"), recipients=[r],
                         attachment=attachment)
              for r in recipients]
    uow.record("outgoing.mailed", "outgoing", outgoing_id, {"to": [r.address for r in recipients]}, unit_id=doc.unit_id)
    return QueuedMail(queued[0].message_id, tuple(d for q in queued for d in q.delivery_ids), subject)


def _recipients(session: Session, addresses: list[str] | None, unit_ids: list[int] | None) -> list[Recipient]:
    recipients = [Recipient(a) for a in (addresses or [])]
    accounts = unit_mail_addresses(session)
    for uid in unit_ids or []:
        unit = get_unit(session, uid)
        if uid not in accounts:
            raise InvalidInput(f"{unit.name} chưa có địa chỉ thư công vụ trong kho này; hãy nhập địa chỉ bằng --to.",
                               f"{unit.name} has no official e-mail address in this store; give it with --to.")
        recipients.append(Recipient(accounts[uid].address, unit.official_name))
    if not recipients:
        raise InvalidInput("Chưa có nơi nhận: hãy nhập --to ĐỊA_CHỈ hoặc --to-unit MÃ_ĐƠN_VỊ.",
                           "No recipient: give --to ADDRESS or --to-unit UNIT_ID.")
    return recipients
