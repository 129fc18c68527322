"""The demo's outgoing registers: a year of the province's releases, with its decision "Số:
15/QĐ-UBND" of mid-January (``demo.outgoing_plan`` says what and when).

Every document goes the whole way a real one does (``register.outgoing``), each step at its
own moment: drafted the working day before by the Văn phòng's chuyên viên, approved and
signed by the Chủ tịch (TM. ỦY BAN NHÂN DÂN) within the hour before it is numbered, dated and
released by the văn thư with the organisation's signature and seal. The services that sign
read the store's clock, so each is given the store seen through a clock standing at its moment
(``dated``); the certificates began before the year did (``demo.signing.issued_from``). What
goes to the two wards arrives in their incoming registers, where ``demo.register`` takes it up;
what asks them to report back carries the date it asks for (the plan's ``report_by``, the
date its text names) as its reply deadline, their copies' deadline.
The wards release through the same ``Desk``.

Idempotent: a document of the plan already released (or withdrawn) is not released again; a
register whose numbers were also given to anything else (an older demo, a meeting's minutes
numbered before this ran) is left as it is. Run by the whole demo (``demo.build``: ``nghisu demo``,
the first-start assistant) before the minutes are numbered, so the minutes take the number after
the year's last release.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from demo.outgoing_plan import (
    WARD_CODES,
    WITHDRAWN_REASON,
    Planned,
    board_subject,
    decision_subject,
    province_plan,
    working_day,
)
from demo.outgoing_text import Cited, body
from demo.progress import DemoSteps
from store.clock import VN_TZ, FixedClock
from store.engine import Store

if TYPE_CHECKING:
    from documents.intake.service import IntakeWorker
    from register.outgoing.records import OutgoingInfo
    from signing.keys.signing_keys import SigningKey

log = logging.getLogger(__name__)

DRAFTER_EMAIL = "anh.ptn@quangtri.gov.vn"  # chuyên viên of the Văn phòng, also the province's văn thư
SIGNER_EMAIL = "minh.nv@quangtri.gov.vn"
BLOCK = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def dated(store: Store, at: datetime) -> Store:
    """The same store (engine, blobs) read through a clock standing at ``at``: for the services
    that take the time from the store rather than from a unit of work (signing, releasing)."""
    seen = copy.copy(store)
    seen.clock = FixedClock(at)
    return seen


@dataclass(frozen=True)
class Desk:
    """Who releases a unit's documents: the signer (TM.), its văn thư, their keys and images."""

    unit_id: int
    agency: str  # the official name, as the header prints it
    drafting_unit_id: int
    signer_id: int
    signer_name: str
    clerk_id: int
    keys: dict[int, SigningKey]
    #: The unit's seal's real size as the office keeps it (the demo's own, 36 mm, unless the office
    #: kept another first): the space between the title and the name is drawn for it.
    seal_mm: float
    floor: datetime  # nothing is signed before this: the keys' and the CA's certificates begin


def open_desk(store: Store, unit_id: int, *, signer_id: int, clerk_id: int, drafting_unit_id: int | None = None,
              keep_keys: bool = False) -> Desk:
    """The unit's desk; the signer's signature and the unit's seal are kept as the office's own
    (Tệp → Chữ ký và con dấu…) when it has none, so what is released later shows them too; the
    demo signs and releases with what is kept (an office's own seal, at the size kept with it)."""
    from cryptography import x509  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

    from demo.signing import demo_keys, ensure_demo_ca  # noqa: PLC0415 -- deferred for start-up: brings in cryptography
    from signing.pdf.appearance import demo_seal_png, demo_signature_png  # noqa: PLC0415 -- deferred for start-up: brings in PIL
    from signing.stamp_library import StampKind, get_stamp_image, seal_mm_of, set_stamp_image  # noqa: PLC0415 -- deferred for start-up
    from store.directory.people import load_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.units import load_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        unit, signer, clerk = load_unit(s, unit_id), load_person(s, signer_id), load_person(s, clerk_id)
        agency, signer_name, people = unit.official_name, signer.full_name, [(signer.id, signer.email or ""),
                                                                             (clerk.id, clerk.email or "")]
    signature, seal = demo_signature_png(signer_name), demo_seal_png(agency)
    with store.uow() as uow:
        for kind, owner, png in ((StampKind.SIGNATURE, signer_id, signature), (StampKind.SEAL, unit_id, seal)):
            if get_stamp_image(uow.session, kind, owner) is None:
                set_stamp_image(uow, kind, owner, png)
        seal_mm = seal_mm_of(uow.session, unit_id)
        uow.commit()
    keys = demo_keys(store, people, keep=keep_keys)
    ca = ensure_demo_ca(store)
    begins = [k.x509.not_valid_before_utc for k in keys.values()]
    begins.append(x509.load_pem_x509_certificate(ca.cert_pem).not_valid_before_utc)
    return Desk(unit_id, agency, drafting_unit_id or unit_id, signer_id, signer_name, clerk_id, keys, seal_mm,
                max(begins) + timedelta(minutes=1))


def _steps(at: datetime, floor: datetime) -> tuple[datetime, datetime, datetime]:
    """Drafted the working day before, approved 50 and signed 30 minutes before ``at``; squeezed
    in order after ``floor`` when that leaves less room."""
    day = at.astimezone(VN_TZ) - timedelta(days=1)
    while not working_day(day.date()):
        day -= timedelta(days=1)
    steps = (day, at - timedelta(minutes=50), at - timedelta(minutes=30))
    if steps[0] > floor:
        return steps
    step = (at - floor) / 4
    return floor + step, floor + 2 * step, floor + 3 * step


def release_at(store: Store, desk: Desk, at: datetime, doc_type: str, subject: str, paragraphs: tuple[str, ...], *,
               drafter_id: int, intake: IntakeWorker, recipients: tuple[str, ...] = (),
               shown: tuple[str, ...] = (), reply_by: date | None = None) -> OutgoingInfo:
    """One document the whole way, released at ``at``. ``recipients``: unit codes of this store
    (delivered into their registers) or names outside it; ``shown``: the "Nơi nhận" lines;
    ``reply_by``: the date the recipients are asked to report by (their copies' deadline)."""
    from documents.doctypes import doc_type_name  # noqa: PLC0415 -- deferred for start-up: beside the rest
    from register.outgoing.drafts import draft_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.generate import DocumentContent, render_document  # noqa: PLC0415 -- deferred for start-up: brings in reportlab
    from register.outgoing.records import Authority  # noqa: PLC0415 -- deferred for start-up: beside the rest
    from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    drafted, approved, signed = _steps(at, desk.floor)
    data, where = render_document(DocumentContent(
        agency=desk.agency, type_name="" if doc_type == "cong_van" else doc_type_name(doc_type), subject=subject,
        paragraphs=paragraphs, block_lines=BLOCK, signer_name=desk.signer_name,
        recipients=(*(shown or recipients), "Lưu: VT"), seal_mm=desk.seal_mm))
    pdf = intake.inspect(data)
    with store.uow(drafter_id, clock=FixedClock(drafted)) as uow:
        info = draft_outgoing(uow, pdf, filename="van-ban.pdf", doc_type=doc_type, subject=subject,
                              drafting_unit_id=desk.drafting_unit_id, signer_id=desk.signer_id,
                              authority=Authority.TM, recipients=list(recipients), layout=where.as_json(),
                              reply_by=reply_by)
        uow.commit()
    with store.uow(desk.signer_id, clock=FixedClock(approved)) as uow:
        approve_outgoing(uow, info.id, intake=intake)
        uow.commit()
    # The images kept (open_desk): the signer's, and the unit's seal at the size kept with it.
    sign_outgoing(dated(store, signed), info.id, desk.signer_id, desk.keys[desk.signer_id], intake=intake)
    return release_outgoing(dated(store, at), info.id, desk.clerk_id, desk.keys[desk.clerk_id], intake=intake)


@dataclass(frozen=True)
class DemoDecision:
    outgoing_id: int
    symbol: str
    released_now: int  # documents released by this run


DECISION_BODY = (
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {y} "
    "của tỉnh Quảng Trị.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân "
    "các xã, phường, đặc khu chịu trách nhiệm thi hành Quyết định này./.")


def _paragraphs(p: Planned, year: int, decision: Cited | None) -> tuple[str, ...]:
    if p.subject == decision_subject(year):
        return tuple(line.format(y=year) for line in DECISION_BODY)
    if p.subject == board_subject(year) and decision is not None and p.report_by is not None:
        return (f"Thực hiện {decision} ban hành Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}, "
                "Ủy ban nhân dân tỉnh đề nghị Ủy ban nhân dân các xã, phường, đặc khu báo cáo kết quả triển khai "
                "(công tác chỉ đạo; lực lượng, phương tiện, vật tư; kết quả diễn tập) về Ủy ban nhân dân tỉnh (qua "
                f"Sở Nông nghiệp và Môi trường) trước ngày {p.report_by:%d/%m/%Y} để tổng hợp./.",)
    return body(p.doc_type, p.subject, "Ủy ban nhân dân tỉnh", province=True, report_by=p.report_by)


def _addressed(p: Planned, year: int, wards: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(recipients, "Nơi nhận" lines): the wards by their codes, the others by name."""
    if p.subject == decision_subject(year):
        return (*wards, "Bộ Nông nghiệp và Môi trường"), ("Bộ Nông nghiệp và Môi trường", "Các sở, ban, ngành",
                                                          "UBND các xã, phường, đặc khu")
    if p.to_wards:
        return (*wards, "Các sở, ban, ngành"), ("Các sở, ban, ngành", "UBND các xã, phường, đặc khu")
    named = ("Văn phòng Chính phủ", "Bộ Nội vụ") if p.doc_type == "bao_cao" else ("Các sở, ban, ngành",)
    return named, named


def release_demo_year(store: Store, *, steps: DemoSteps | None = None) -> DemoDecision | None:
    """The province's year up to the store clock's moment; returns its decision (None on a
    store without the demo's people, or whose register this year was numbered otherwise).
    ``steps``: told of each document released, and its Cancel (between two documents)."""
    from demo.signing import issued_from  # noqa: PLC0415 -- deferred for start-up: beside the rest
    from documents.intake.service import IntakeWorker  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf
    from register.numbering import Series, list_numbers, register_year  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.queries import list_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.records import OutgoingStatus  # noqa: PLC0415 -- deferred for start-up: beside the rest
    from register.outgoing.release import cancel_release  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko
    from store.directory import find_person_by_email, find_unit_by_code  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    steps = steps or DemoSteps()
    now = store.clock.now()
    year = register_year(now)
    with store.read() as s:
        drafter, signer = find_person_by_email(s, DRAFTER_EMAIL), find_person_by_email(s, SIGNER_EMAIL)
        province, office = find_unit_by_code(s, "QT"), find_unit_by_code(s, "QT-VP")
        if drafter is None or signer is None or province is None:
            return None
        steps.begin("outgoing", province.short_name or province.name)
        wards = tuple(u.code for u in (find_unit_by_code(s, c) for c in WARD_CODES) if u is not None)[:2]
        done: dict[str, OutgoingInfo] = {
            o.subject: o for o in list_outgoing(s, year=year, unit_id=province.id)
            if o.status in (OutgoingStatus.RELEASED, OutgoingStatus.CANCELLED)}
        numbers = list_numbers(s, unit_id=province.id, year=year, series=Series.DI)
    plan = province_plan(now, issued_from(store))
    released = 0
    if any(p.subject not in done for p in plan):
        if len(numbers) != sum(p.subject in done for p in plan):
            log.info("the province's outgoing register was numbered otherwise this year: the demo's year is not added")
        else:
            desk = open_desk(store, province.id, signer_id=signer.id, clerk_id=drafter.id,
                             drafting_unit_id=(office or province).id, keep_keys=True)
            last = max([n.taken_at for n in numbers], default=desk.floor)
            with IntakeWorker() as intake:  # one checker process for every version of every document
                planned = province_plan(now, desk.floor)
                for i, p in enumerate(planned):
                    steps.within(i, len(planned))
                    at = max(p.at, last + timedelta(minutes=1))
                    if p.subject in done or at > now - timedelta(minutes=1):
                        continue
                    got = done.get(decision_subject(year))
                    cited = Cited("quyet_dinh", got.symbol or "", got.released_on, "Ủy ban nhân dân tỉnh") \
                        if got is not None and got.released_on is not None else None
                    recipients, shown = _addressed(p, year, wards)
                    info = release_at(store, desk, at, p.doc_type, p.subject, _paragraphs(p, year, cited),
                                      drafter_id=drafter.id, intake=intake, recipients=recipients, shown=shown,
                                      reply_by=p.report_by if p.to_wards else None)
                    if p.withdrawn_at is not None:
                        with store.uow(drafter.id, clock=FixedClock(max(p.withdrawn_at, at + timedelta(minutes=5)))) \
                                as uow:
                            info = cancel_release(uow, info.id, WITHDRAWN_REASON)
                            uow.commit()
                    done[p.subject], last, released = info, at, released + 1
    log.info("demo year: the province released %d documents this run", released)
    found = done.get(decision_subject(year))
    return DemoDecision(found.id, found.symbol or "", released) if found is not None else None
