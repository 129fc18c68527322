"""What the outgoing side of the "Văn bản" area asks of the core, run on the task runner: a
document's page, the people and units the draft form offers, and each step of the path (draft,
ask for review, comment, revise, approve with the signature's place, sign, release, cancel,
export), each its own unit of work or the core's own transaction pattern. No Qt here.

PDFs picked by the person pass intake (``inspect_pdf``: the sandboxed worker) here, on the
worker thread, before any transaction starts; keys are opened here too and closed when done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.errors import NghisuError
from ui.register_area.jobs import today_of
from ui.workspace.key_source import KeySource, with_key

if TYPE_CHECKING:
    from register.incoming.cascade import CascadeBoard
    from register.outgoing.placement import Box, SealLook
    from register.outgoing.records import OutgoingDetail, OutgoingInfo
    from signing.verify.report import VerificationReport
    from store.engine import Store
    from ui.tasks import TaskContext

#: What the command line allows for a draft (ui/commands/outgoing.py) and for a stamp's image.
DRAFT_LIMIT = 200 * 1024 * 1024
IMAGE_LIMIT = 16 * 1024 * 1024


class Stopped(NghisuError):
    """The person pressed "Dừng" before anything was written."""

    def __init__(self) -> None:
        super().__init__("Đã dừng; văn bản chưa được lưu.", "Stopped; nothing was stored.")


@dataclass(frozen=True)
class OutgoingPage:
    """A document's page: the record, its versions, comments and history, and who is who."""

    detail: OutgoingDetail
    names: dict[int, str]  # person id → full name, for everyone the page names
    unit_names: dict[int, str]
    board: CascadeBoard | None  # where it is in the registers it was delivered to, once released
    #: The issuing organisation's official name as it was on the release day (today's before a
    #: release): the name its own signature and seal carry.
    organisation: str = ""


@dataclass(frozen=True)
class DraftChoices:
    """What the draft form offers: the units the person drafts in, and the people of the issuing
    body and its boards, who may sign first (the signer list; the reviewers are the same people)."""

    units: list[tuple[int, str]]
    people: list[tuple[int, str, str]]  # id, name, position (and the unit, when not the body's own)
    #: The body's advisory boards (Ban, Hội đồng): each issues in its own series (Decree 30 §2).
    boards: list[tuple[int, str]]
    #: The board that issues unless the person says otherwise: the register's, when it is a board's.
    issuer: int | None = None
    today: date | None = None  # the store's day: the earliest reply deadline the form offers


@dataclass(frozen=True)
class DraftValues:
    path: str
    doc_type: str
    subject: str
    drafting_unit_id: int
    signer_id: int
    authority: str
    recipients: tuple[str, ...]
    reviewer_ids: tuple[int, ...]
    classification: str
    unit_id: int | None = None  # the issuing unit; None: the body the drafting unit belongs to
    reply_by: date | None = None  # hạn báo cáo, trả lời asked of the recipients


@dataclass(frozen=True)
class PlacementCheck:
    """Whether the signature fields find their place by themselves; if not, why, and the page
    the person should place them on (0-based), with the document's current bytes to show."""

    outgoing_id: int
    problem: str | None  # the core's refusal, in the person's language
    problem_en: str | None
    page: int
    pdf: bytes
    #: Each page's visible area (CropBox, else MediaBox) in PDF points: where a page's picture
    #: starts in the coordinates the fields and the text check use (not always at 0, 0).
    crop_boxes: tuple[Box, ...] = ()
    #: The unit's seal size and the signer's kept image: where the seal goes over a field drawn
    #: by hand (``register.outgoing.placement.seal_over``); ``None``: the usual 36 mm seal.
    look: SealLook | None = None


def load_outgoing_page(store: Store, outgoing_id: int) -> OutgoingPage:
    from register.incoming.cascade import cascade_board  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.queries import outgoing_detail  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.history import unit_as_of  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.pickers import person_names, unit_names  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        detail = outgoing_detail(s, outgoing_id)
        i = detail.info
        wanted = {i.drafter_id, i.signer_id, *i.reviewers, *(c.author_id for c in detail.comments)}
        names = person_names(s, wanted)
        units = unit_names(s, {i.unit_id, i.drafting_unit_id})
        board = cascade_board(s, outgoing_id, sender_unit_id=i.unit_id,
                              today=today_of(store)) if i.number is not None else None
        issuer = unit_as_of(s, i.unit_id, i.released_on) if i.released_on else None
        organisation = (issuer.official_name or issuer.name) if issuer else units.get(i.unit_id, "")
    return OutgoingPage(detail, names, units, board, organisation)


def draft_choices(store: Store, person_id: int, unit_id: int | None = None) -> DraftChoices:
    """What the draft form offers the person: the units they draft in today (their own first,
    then the others ``store.directory.belonging`` counts them of), the advisory boards of the
    body that issues (the body ``unit_id`` belongs to: the register's unit, or by default their
    own unit's; a board's register makes that board the issuer), and for signer and reviewers
    the people of that body and its boards, those who may sign for the issuer first
    (``register.outgoing.signers``), never a commune's people under it."""
    from register.outgoing.signers import draft_people  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import body_of  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.belonging import units_of  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.people import load_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.pickers import unit_names, units_under  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.records import UnitKind  # noqa: PLC0415 -- deferred for start-up: beside the directory
    from store.directory.units import load_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    day = today_of(store)
    with store.read() as s:
        me = load_person(s, person_id)
        others = sorted(units_of(s, person_id, day) - {me.unit_id}, key=lambda uid: load_unit(s, uid).name)
        units = [(uid, load_unit(s, uid).name) for uid in (me.unit_id, *others)]
        register = unit_id if unit_id is not None else me.unit_id
        body = body_of(s, register).id
        boards = [(u.id, u.official_name or u.name) for u in units_under(s, body) if u.kind == UnitKind.BOARD]
        issuer = register if any(register == uid for uid, _name in boards) else None
        found = draft_people(s, register, day)
        names = unit_names(s, {p.unit_id for p in found if p.unit_id != body})
    # Beside the position, the unit of someone who is not of the body itself (a Văn phòng's,
    # a Sở's, a board's), as the assign dialog shows it.
    people = [(p.id, p.full_name, p.position if p.unit_id == body else
               ", ".join(x for x in (p.position, names.get(p.unit_id, "")) if x)) for p in found]
    return DraftChoices(units, people, boards, issuer, day)


def _inspected(path: str, task: TaskContext | None) -> Any:
    from documents.files import read_bounded  # noqa: PLC0415 -- deferred for start-up: brings in the intake limits
    from documents.intake.service import inspect_pdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf

    if task is not None:
        task.progress(0, 2)
    pdf = inspect_pdf(read_bounded(Path(path).expanduser(), DRAFT_LIMIT))
    if task is not None:
        if task.cancelled():  # the file was checked, nothing written yet: stopping loses nothing
            raise Stopped
        task.progress(1, 2)
    return pdf


def draft(store: Store, person_id: int, values: DraftValues, task: TaskContext | None = None) -> OutgoingInfo:
    from register.outgoing.drafts import draft_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.signature_block import parse_authority  # noqa: PLC0415 -- deferred for start-up

    authority = parse_authority(values.authority)
    pdf = _inspected(values.path, task)
    with store.uow(person_id) as uow:
        info = draft_outgoing(uow, pdf, filename=Path(values.path).name, doc_type=values.doc_type,
                              subject=values.subject, drafting_unit_id=values.drafting_unit_id,
                              signer_id=values.signer_id, authority=authority, recipients=values.recipients,
                              classification=values.classification, reviewer_ids=values.reviewer_ids,
                              unit_id=values.unit_id, reply_by=values.reply_by)
        uow.commit()
    return info


def ask_review(store: Store, person_id: int, outgoing_id: int, reviewer_ids: list[int]) -> OutgoingInfo:
    from register.outgoing.drafts import ask_review as ask  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        info = ask(uow, outgoing_id, reviewer_ids)
        uow.commit()
    return info


def comment(store: Store, person_id: int, outgoing_id: int, text: str, agrees: bool) -> OutgoingInfo:
    from register.outgoing.drafts import comment_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        info = comment_outgoing(uow, outgoing_id, text, agrees=agrees)
        uow.commit()
    return info


def revise(store: Store, person_id: int, outgoing_id: int, path: str, answer: str,
           task: TaskContext | None = None) -> OutgoingInfo:
    from register.outgoing.drafts import revise_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    pdf = _inspected(path, task)
    with store.uow(person_id) as uow:
        info = revise_outgoing(uow, outgoing_id, pdf, filename=Path(path).name, answer=answer)
        uow.commit()
    return info


def check_placement(store: Store, outgoing_id: int, language: str = "vi") -> PlacementCheck:
    """Where approval would put the signature fields, checked as approval checks it: a field
    that would cover text, or find no room, comes back as the problem to place it by hand."""
    from register.outgoing.queries import current_version, load_outgoing  # noqa: PLC0415 -- deferred for start-up
    from register.outgoing.release import placement_of  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko
    from register.outgoing.seal_field import seal_look  # noqa: PLC0415 -- deferred beside placement_of
    from store.directory.people import load_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.errors import InvalidInput  # noqa: PLC0415 -- deferred beside the core it names

    with store.read() as s:
        doc = load_outgoing(s, outgoing_id)
        pdf = store.blobs.get(current_version(s, doc).blob_sha256)
        signer = load_person(s, doc.signer_id).full_name
        look = seal_look(s, doc)
        try:
            where = placement_of(doc, pdf, signer, look=look)
        except InvalidInput as exc:
            from register.outgoing.page_text import placement_from_text  # noqa: PLC0415 -- deferred beside its one use

            guess = placement_from_text(pdf, signer).signature_page
            boxes = crop_boxes(pdf)
            return PlacementCheck(outgoing_id, exc.message(language), exc.en, guess % len(boxes), pdf, boxes, look)
    return PlacementCheck(outgoing_id, None, None, where.signature_page, pdf, look=look)


def crop_boxes(pdf: bytes) -> tuple[Box, ...]:
    """Every page's visible area in PDF points (left, bottom, right, top), as PDFium reads it."""
    import pypdfium2 as pdfium  # noqa: PLC0415 -- heavy library deferred for start-up: pypdfium2

    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for ix in range(len(doc)):
            page = doc[ix]
            x1, y1, x2, y2 = (float(v) for v in page.get_cropbox())
            page.close()
            out.append((x1, y1, x2, y2))
        return tuple(out)
    finally:
        doc.close()


def check_signature_box(pdf: bytes, page: int, box: Box, look: SealLook | None = None) -> None:
    """The core's own check of a field the person drew: room enough, and no text under the
    signature or under the seal, at its real size over the left third of the signer's image
    (``look``, as ``PlacementCheck`` has it; raises ``InvalidInput``)."""
    from register.outgoing.page_text import check_clear  # noqa: PLC0415 -- deferred for start-up: brings in pypdfium2
    from register.outgoing.placement import Placement, seal_over  # noqa: PLC0415 -- deferred beside check_clear

    far = (0.0, 0.0, 0.0, 0.0)  # number and date are not checked by check_clear
    check_clear(pdf, Placement(far, far, page, box, seal_over(box, look)))


def approve(store: Store, person_id: int, outgoing_id: int, signature_at: tuple[int, Box] | None = None) -> OutgoingInfo:
    from register.outgoing.release import approve_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    with store.uow(person_id) as uow:
        info = approve_outgoing(uow, outgoing_id, signature_at=signature_at)
        uow.commit()
    return info


def _image(path: str, what_vi: str, what_en: str) -> bytes | None:
    from documents.errors import DocumentRejected  # noqa: PLC0415 -- deferred beside read_bounded
    from documents.files import read_bounded  # noqa: PLC0415 -- deferred for start-up: brings in the intake limits
    from store.errors import InvalidInput  # noqa: PLC0415 -- deferred beside the core it names

    if not path.strip():
        return None
    try:
        return read_bounded(Path(path).expanduser(), IMAGE_LIMIT)
    except DocumentRejected as exc:
        raise InvalidInput(f"{what_vi} “{path}”: {exc.vi}", f"The {what_en} “{path}”: {exc.en}") from exc


def sign(store: Store, person_id: int, outgoing_id: int, source: KeySource, image_path: str = "",
         task: TaskContext | None = None) -> OutgoingInfo:
    """The signer's certification: open the key, sign outside any transaction, close the key."""
    from register.outgoing.release import sign_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    image = _image(image_path, "Ảnh chữ ký", "signature image")
    return with_key(source, task, lambda key: sign_outgoing(store, outgoing_id, person_id, key,
                                                            signature_image_png=image))


def release(store: Store, person_id: int, outgoing_id: int, source: KeySource, image_path: str = "",
            task: TaskContext | None = None) -> OutgoingInfo:
    """The văn thư's release: number and date filled in, the organisation's two signatures."""
    from register.outgoing.release import release_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    seal = _image(image_path, "Ảnh con dấu", "seal image")
    return with_key(source, task, lambda key: release_outgoing(store, outgoing_id, person_id, key,
                                                               seal_image_png=seal))


def cancel(store: Store, person_id: int, outgoing_id: int, reason: str) -> OutgoingInfo:
    from register.outgoing.release import cancel_release  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko
    from store.errors import InvalidInput  # noqa: PLC0415 -- deferred beside the core it names

    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput("Cần ghi lý do hủy văn bản đã phát hành.", "Say why the released document is cancelled.")
    with store.uow(person_id) as uow:
        info = cancel_release(uow, outgoing_id, reason)
        uow.commit()
    return info


def export(store: Store, outgoing_id: int, path: str) -> Path:
    """The released file, byte for byte as it was sent."""
    from documents.files import write_output  # noqa: PLC0415 -- deferred for start-up: brings in the intake limits
    from register.outgoing.queries import released_version  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        version = released_version(s, outgoing_id)
    return write_output(Path(path).expanduser(), store.blobs.get(version.sha256))


def version_bytes(store: Store, outgoing_id: int, version_no: int | None = None) -> tuple[bytes, str]:
    """A version's bytes (the current one by default) and a title, to open in the viewer."""
    from register.outgoing.queries import load_outgoing, versions_of  # noqa: PLC0415 -- deferred for start-up

    with store.read() as s:
        doc = load_outgoing(s, outgoing_id)
        wanted = version_no or doc.current_version_no
        version = next(v for v in versions_of(s, outgoing_id) if v.version_no == wanted)
        title = f"{doc.subject} (v{version.version_no})"
    return store.blobs.get(version.sha256), title


def verify_current(store: Store, outgoing_id: int) -> tuple[int, int, VerificationReport]:
    """(document, version, report): every signature of the current version, verified in the
    sandboxed worker against the installation's trust roots, outside any transaction."""
    from register.outgoing.queries import current_version, load_outgoing  # noqa: PLC0415 -- deferred for start-up
    from signing.keys.truststore import trust_roots  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from signing.verify.service import verify_pdf  # noqa: PLC0415 -- deferred for start-up: brings in the worker

    with store.read() as s:
        doc = load_outgoing(s, outgoing_id)
        version = current_version(s, doc)
        sha, version_no, trust = version.blob_sha256, version.version_no, trust_roots(s)
    return outgoing_id, version_no, verify_pdf(store.blobs.get(sha), trust=trust)
