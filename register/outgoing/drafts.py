"""Drafting an outgoing document: the draft, review by the people the drafter names (comments
kept per version, a new version answers them), and approval for signature.

Writes take a unit of work (the PDF is checked by intake beforehand, outside it) and record an
audit row; reads take a session. Callers get frozen records, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from documents.doctypes import doc_type_name, parse_doc_type
from register.numbering import symbol_suffix
from register.outgoing.models import OutgoingComment, OutgoingDocument, OutgoingReviewer, OutgoingVersion
from register.outgoing.queries import load_outgoing, outgoing_info
from register.outgoing.records import Authority, OutgoingInfo, OutgoingStatus, VersionKind
from register.outgoing.signature_block import check_signer
from store.codes import Classification
from store.directory import Role, body_of, holders
from store.directory.belonging import works_in
from store.directory.people import load_person
from store.directory.units import ended, load_unit, today
from store.errors import InvalidInput, NotFound, PermissionDenied
from store.locking import stamp
from store.models import Person, Unit

if TYPE_CHECKING:
    from documents.intake.process import InspectedPdf
    from store.uow import UnitOfWork

MAX_REVIEWERS = 12
#: The trích yếu's room in the register (outgoing_documents.subject): longer is refused, not cut.
MAX_SUBJECT = 1000


def store_version(uow: UnitOfWork, doc: OutgoingDocument, pdf: InspectedPdf, kind: VersionKind, *,
                  filename: str, note: str = "") -> OutgoingVersion:
    """Keep the bytes as a blob and make them the document's newest version."""
    ref = uow.put_blob(pdf.data)
    version = OutgoingVersion(outgoing_id=doc.id, version_no=doc.current_version_no + 1, kind=str(kind),
                              blob_sha256=ref.sha256, size=len(pdf.data), page_count=pdf.page_count,
                              filename=filename[:300], note=note[:2000], created_at=uow.now(),
                              created_by_id=uow.actor_id)
    uow.session.add(version)
    uow.session.flush()  # the version first: the shared store's guard checks the one made current exists
    doc.current_version_no = version.version_no
    stamp(doc, uow)
    uow.session.flush()
    return version


def leads_unit(session: Any, person_id: int, unit_id: int, day: date) -> bool:
    """The person holds a leader's role in the unit on ``day`` (heading a board from elsewhere)."""
    return any(r.person_id == person_id for r in holders(session, unit_id, Role.LANH_DAO, on=day))


def _recipients(session: Any, names: Sequence[str]) -> list[dict[str, Any]]:
    """Each recipient is a unit of this store (by its code) or a name outside it."""
    out: list[dict[str, Any]] = []
    for raw in names:
        name = " ".join(raw.split()).strip(";,.")
        if not name:
            continue
        unit = session.execute(select(Unit).where(Unit.code == name)).scalar_one_or_none()
        entry = {"unit_id": unit.id, "name": unit.official_name} if unit else {"unit_id": None, "name": name}
        if entry not in out:
            out.append(entry)
    return out


def _people(session: Any, ids: Sequence[int]) -> list[Person]:
    people = []
    for pid in ids:
        person = session.get(Person, int(pid))
        if person is None:
            raise NotFound(f"Không có người số {pid}.", f"There is no person {pid}.")
        if not person.active:
            raise InvalidInput(f"{person.full_name} không còn hoạt động.", f"{person.full_name} is no longer active.")
        people.append(person)
    return people


def draft_outgoing(
    uow: UnitOfWork,
    pdf: InspectedPdf,
    *,
    filename: str,
    doc_type: str,
    subject: str,
    drafting_unit_id: int,
    signer_id: int,
    authority: Authority = Authority.OWN,
    recipients: Sequence[str] = (),
    classification: str = Classification.THUONG,
    unit_id: int | None = None,
    reviewer_ids: Sequence[int] = (),
    layout: dict[str, Any] | None = None,
    reply_by: date | None = None,
) -> OutgoingInfo:
    """A new outgoing document, version 1, drafted by the acting person in ``drafting_unit_id``.
    The issuing unit defaults to the administrative body the drafting unit belongs to.
    ``reply_by``: the date the recipients are asked to report or answer by (not in the past)."""
    s = uow.session
    if uow.actor_id is None:
        raise PermissionDenied("Cần biết ai soạn thảo văn bản; hãy chọn người dùng.",
                               "A draft needs its drafter; choose a person.")
    drafter = load_person(s, uow.actor_id)
    code = parse_doc_type(doc_type)
    drafting = load_unit(s, drafting_unit_id)
    issuing = load_unit(s, unit_id if unit_id is not None else body_of(s, drafting_unit_id).id)
    day = today(uow)
    for unit in (drafting, issuing):
        if ended(unit, day):
            raise InvalidInput(f"'{unit.name}' đã kết thúc hoạt động.", f"'{unit.name}' has ended.")
    symbol_suffix(code, issuing.abbreviation)  # a type that is never numbered is refused now, not at release
    check_reply_by(reply_by, day)
    subject = " ".join(subject.split())
    if not subject:
        raise InvalidInput("Cần trích yếu nội dung văn bản (--subject).", "The document needs its subject (--subject).")
    if len(subject) > MAX_SUBJECT:
        raise InvalidInput(f"Trích yếu dài {len(subject)} ký tự, quá {MAX_SUBJECT}; hãy viết ngắn lại.",
                           f"The subject is {len(subject)} characters long, over {MAX_SUBJECT}; shorten it.")
    # Who drafts for a unit is one of its people today (store.directory.belonging, the rule the
    # shared store's nghisu_in_unit checks again): the Văn phòng drafts for its UBND; a role that
    # has ended, or a ward's officer, does not make someone the province's.
    if not works_in(s, drafter.id, drafting.id, day):
        raise PermissionDenied(f"{drafter.full_name} không thuộc {drafting.name} nên không soạn thảo văn bản cho đơn vị này.",
                               f"{drafter.full_name} does not work in {drafting.name} and cannot draft for it.")
    try:
        the_class = Classification(classification)
    except ValueError:
        raise InvalidInput(f"Độ mật '{classification}' không có; chọn: {Classification.choices_vi()}.",
                           f"Unknown classification '{classification}'.") from None
    signer = load_person(s, signer_id)
    check_signer(authority, issuing, signer, load_unit(s, signer.unit_id), leads=leads_unit(s, signer.id, issuing.id, day))
    reviewers = _people(s, reviewer_ids)
    doc = OutgoingDocument(unit_id=issuing.id, drafting_unit_id=drafting.id, drafter_id=drafter.id,
                           signer_id=signer.id, doc_type=code, subject=subject, classification=str(the_class),
                           authority=str(authority), layout=dict(layout or {}), recipients=_recipients(s, recipients),
                           status=str(OutgoingStatus.DRAFT), current_version_no=0, reply_by=reply_by,
                           created_at=uow.now(), created_by_id=drafter.id)
    stamp(doc, uow)
    s.add(doc)
    s.flush()
    store_version(uow, doc, pdf, VersionKind.DRAFT, filename=filename, note="Dự thảo")
    uow.record("outgoing.draft", "outgoing", doc.id,
               {"type": code, "type_name": doc_type_name(code), "subject": subject, "unit_id": issuing.id,
                "drafting_unit_id": drafting.id, "signer_id": signer.id, "authority": str(authority),
                "classification": str(the_class), "sha256": pdf.sha256,
                "reply_by": reply_by.isoformat() if reply_by else None}, unit_id=issuing.id)
    if reviewers:
        _ask(uow, doc, reviewers)
    return outgoing_info(s, doc)


def check_reply_by(reply_by: date | None, day: date) -> None:
    """A reply deadline is today or later: the recipients cannot be asked to answer in the past."""
    if reply_by is not None and reply_by < day:
        raise InvalidInput(f"Hạn báo cáo, trả lời {reply_by:%d/%m/%Y} đã qua (hôm nay {day:%d/%m/%Y}); hãy chọn một "
                           "ngày từ hôm nay trở đi.",
                           f"The reply deadline {reply_by:%d/%m/%Y} is in the past (today is {day:%d/%m/%Y}); choose "
                           "today or a later day.")


def _ask(uow: UnitOfWork, doc: OutgoingDocument, people: list[Person]) -> None:
    s = uow.session
    if len(people) > MAX_REVIEWERS:
        raise InvalidInput(f"Tối đa {MAX_REVIEWERS} người góp ý.", f"At most {MAX_REVIEWERS} reviewers.")
    known = set(s.execute(select(OutgoingReviewer.person_id).where(OutgoingReviewer.outgoing_id == doc.id)).scalars())
    for person in people:
        if person.id == doc.drafter_id:
            raise InvalidInput("Người soạn thảo không tự góp ý cho dự thảo của mình.",
                               "The drafter does not review their own draft.")
        if person.id not in known:
            s.add(OutgoingReviewer(outgoing_id=doc.id, person_id=person.id, asked_at=uow.now(),
                                   asked_by_id=uow.actor_id))
            known.add(person.id)
    doc.status = str(OutgoingStatus.IN_REVIEW)
    stamp(doc, uow)
    s.flush()
    uow.record("outgoing.review_asked", "outgoing", doc.id, {"reviewers": [p.id for p in people],
               "names": [p.full_name for p in people], "version": doc.current_version_no}, unit_id=doc.unit_id)


def _editable(doc: OutgoingDocument) -> None:
    if doc.status not in (OutgoingStatus.DRAFT, OutgoingStatus.IN_REVIEW):
        status = OutgoingStatus(doc.status)
        raise InvalidInput(f"Văn bản đã ở bước '{status.vi}'; không sửa dự thảo được nữa.",
                           f"The document is already {status.value}; the draft can no longer change.")


def _as_drafter(uow: UnitOfWork, doc: OutgoingDocument) -> None:
    if uow.actor_id != doc.drafter_id:
        drafter = load_person(uow.session, doc.drafter_id)
        raise PermissionDenied(f"Chỉ người soạn thảo ({drafter.full_name}) làm được việc này.",
                               f"Only the drafter ({drafter.full_name}) may do this.")


def ask_review(uow: UnitOfWork, outgoing_id: int, reviewer_ids: Sequence[int]) -> OutgoingInfo:
    """The drafter names the people whose comments the draft needs."""
    doc = load_outgoing(uow.session, outgoing_id, lock=True)
    _as_drafter(uow, doc)
    _editable(doc)
    people = _people(uow.session, reviewer_ids)
    if not people:
        raise InvalidInput("Cần ít nhất một người góp ý.", "Name at least one reviewer.")
    _ask(uow, doc, people)
    return outgoing_info(uow.session, doc)


def comment_outgoing(uow: UnitOfWork, outgoing_id: int, text: str, *, agrees: bool = False) -> OutgoingInfo:
    """A reviewer's comment on the current version; ``agrees``: they agree as it stands."""
    s = uow.session
    doc = load_outgoing(s, outgoing_id, lock=True)
    if doc.status != OutgoingStatus.IN_REVIEW:
        raise InvalidInput("Văn bản không ở bước xin ý kiến.", "The document is not out for review.")
    reviewer = s.execute(select(OutgoingReviewer).where(OutgoingReviewer.outgoing_id == doc.id,
                                                        OutgoingReviewer.person_id == uow.actor_id)).scalar_one_or_none()
    if reviewer is None:
        raise PermissionDenied("Bạn không được mời góp ý dự thảo này.", "You were not asked to review this draft.")
    text = text.strip()
    if not text and not agrees:
        raise InvalidInput("Cần nội dung góp ý (hoặc --agree nếu nhất trí).",
                           "Write the comment (or --agree when you agree).")
    s.add(OutgoingComment(outgoing_id=doc.id, version_no=doc.current_version_no, author_id=reviewer.person_id,
                          text=text or "Nhất trí.", agrees=agrees, created_at=uow.now()))
    stamp(doc, uow)
    s.flush()
    uow.record("outgoing.comment", "outgoing", doc.id, {"version": doc.current_version_no, "agrees": agrees,
               "text": text}, unit_id=doc.unit_id)
    return outgoing_info(s, doc)


def revise_outgoing(uow: UnitOfWork, outgoing_id: int, pdf: InspectedPdf, *, filename: str, answer: str) -> OutgoingInfo:
    """A new version by the drafter, answering every open comment with ``answer``."""
    s = uow.session
    doc = load_outgoing(s, outgoing_id, lock=True)
    _as_drafter(uow, doc)
    _editable(doc)
    answer = answer.strip()
    open_comments = [c for c in s.execute(select(OutgoingComment).where(OutgoingComment.outgoing_id == doc.id))
                     .scalars() if not c.agrees and c.answered_in_version_no is None]
    if open_comments and not answer:
        raise InvalidInput("Phiên bản mới cần nói đã tiếp thu, giải trình các ý kiến thế nào (--answer).",
                           "A new version must say how it answers the comments (--answer).")
    version = store_version(uow, doc, pdf, VersionKind.REVISION, filename=filename, note=answer or "Sửa dự thảo")
    for c in open_comments:
        c.answered_in_version_no, c.answer = version.version_no, answer
    s.flush()
    uow.record("outgoing.revise", "outgoing", doc.id, {"version": version.version_no, "answer": answer,
               "answers": [c.id for c in open_comments], "sha256": pdf.sha256}, unit_id=doc.unit_id)
    return outgoing_info(s, doc)


def check_approvable(uow: UnitOfWork, doc: OutgoingDocument) -> None:
    """Every comment answered, and every reviewer heard (their last word agrees or was answered)."""
    s = uow.session
    _editable(doc)
    comments = list(s.execute(select(OutgoingComment).where(OutgoingComment.outgoing_id == doc.id)
                              .order_by(OutgoingComment.id)).scalars())
    waiting = [c for c in comments if not c.agrees and c.answered_in_version_no is None]
    if waiting:
        raise InvalidInput(f"Còn {len(waiting)} ý kiến góp ý chưa được tiếp thu bằng phiên bản mới; chưa duyệt được.",
                           f"{len(waiting)} comment(s) are not answered by a new version yet; it cannot be approved.")
    spoke = {c.author_id for c in comments}
    silent = [pid for pid in s.execute(select(OutgoingReviewer.person_id).where(
        OutgoingReviewer.outgoing_id == doc.id)).scalars() if pid not in spoke]
    if silent:
        names = ", ".join(load_person(s, pid).full_name for pid in silent)
        raise InvalidInput(f"Chưa có ý kiến của: {names}; chưa duyệt được.",
                           f"Still waiting for the comments of: {names}; it cannot be approved.")


def may_approve(uow: UnitOfWork, doc: OutgoingDocument) -> None:
    """The signer, or a leader (lãnh đạo) of the drafting or the issuing unit, approves."""
    s = uow.session
    actor = uow.actor_id
    day = today(uow)
    leaders = {r.person_id for u in (doc.drafting_unit_id, doc.unit_id) for r in holders(s, u, Role.LANH_DAO, on=day)}
    if actor != doc.signer_id and actor not in leaders:
        raise PermissionDenied("Chỉ người ký hoặc lãnh đạo đơn vị soạn thảo mới duyệt được dự thảo.",
                               "Only the signer or a leader of the drafting unit may approve the draft.")



def set_reply_by(uow: UnitOfWork, outgoing_id: int, reply_by: date | None) -> OutgoingInfo:
    """Change (``None``: take away) the date the recipients are asked to answer by: the drafter,
    the signer or a leader of the drafting or issuing unit, until the document is released (the
    release gives it to the recipient units' copies as their deadline)."""
    s = uow.session
    doc = load_outgoing(s, outgoing_id, lock=True)
    status = OutgoingStatus(doc.status)
    if status not in (OutgoingStatus.DRAFT, OutgoingStatus.IN_REVIEW, OutgoingStatus.APPROVED,
                      OutgoingStatus.SIGNED) or doc.number_id is not None:
        raise InvalidInput(f"Văn bản đã ở bước '{status.vi}' hoặc đang được phát hành; hạn báo cáo, trả lời chỉ sửa "
                           "được trước khi phát hành.",
                           f"The document is {status.value} or being released; the reply deadline changes only "
                           "before the release.")
    day, me = today(uow), uow.actor_id
    if me is None or (me not in (doc.drafter_id, doc.signer_id)
                      and not any(leads_unit(s, me, u, day) for u in (doc.drafting_unit_id, doc.unit_id))):
        raise PermissionDenied("Chỉ người soạn thảo, người ký hoặc lãnh đạo đơn vị sửa hạn báo cáo, trả lời.",
                               "Only the drafter, the signer or a leader of the unit changes the reply deadline.")
    check_reply_by(reply_by, day)
    was, doc.reply_by = doc.reply_by, reply_by
    stamp(doc, uow)
    s.flush()
    uow.record("outgoing.reply_by", "outgoing", doc.id, {"reply_by": reply_by.isoformat() if reply_by else None,
               "was": was.isoformat() if was else None}, unit_id=doc.unit_id)
    return outgoing_info(s, doc)
