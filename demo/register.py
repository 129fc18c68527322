"""The demo's registers: a year of văn bản đến for the province and two wards, and the wards'
văn bản đi (the province's own is ``demo.outgoing``'s).

Every entry goes the way a real one does (``register.incoming``): a generated Decree 30 paper
from a ministry, a department or the province is checked by intake, its signatures verified,
registered by the unit's văn thư with the next number of the year, assigned by a leader with a
deadline and bút phê, and mostly closed by its handler, each step at its own time of the year
(the unit of work's clock is set to it; ``demo.register_year`` keeps them in order). A few are
still open past their deadline (the overdue badge), the newest are waiting to be assigned.

With ``ward_outgoing`` (the whole demo, ``demo.build``, after the province's year), what the
province released to the wards is registered and handled there, each ward releases its own year
in its own series and answers in writing what asks for it (linked as the entry's reply), and what
the wards send the province is registered in its register; the cascade board's document has been
answered by the first ward and not registered by the second; and the province's latest earlier
request whose reply date has passed was answered by the first ward and not by the second, late
(quá hạn) on that document's board.

Idempotent: run again, a unit whose register already holds entries is left alone. Slow enough
(a few hundred papers through intake) that only the whole demo (``demo.build``: ``nghisu demo``
and the first-start assistant) runs it, not the tests' demo.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from demo.outgoing_plan import MARGIN, WARD_CODES, at_work, board_subject, reported_subjects, working_days
from demo.progress import DemoSteps
from demo.register_year import UnitYear, _Timeline
from store.clock import VN_TZ
from store.engine import Store

if TYPE_CHECKING:
    from demo.outgoing import Desk

__all__ = ["WARD_CODES", "DemoRegisters", "create_demo_registers"]

SEED = 2026
#: Each ward's văn thư and two officers: people of their own, with names as people have them
#: (not one trio with the ward's name appended, as a register book printed "Trần Văn Hải Đồng Hới").
WARD_STAFF = (("Nguyễn Thị Thu Hằng", "Trần Văn Hải", "Lê Văn Đức"), ("Võ Thị Mỹ Linh", "Hồ Văn Tiến", "Phan Đình Trọng"))
WARD_POSITIONS = ("Công chức Văn phòng - Thống kê (văn thư)", "Công chức Văn hóa - Xã hội",
                  "Công chức Địa chính - Xây dựng")
SENDERS = [("Bộ Nội vụ", "BNV"), ("Văn phòng Chính phủ", "VPCP"), ("Sở Tài chính tỉnh Quảng Trị", "STC"),
           ("Sở Nội vụ tỉnh Quảng Trị", "SNV"), ("Sở Nông nghiệp và Môi trường tỉnh Quảng Trị", "SNNMT"),
           ("Sở Y tế tỉnh Quảng Trị", "SYT"), ("Sở Giáo dục và Đào tạo tỉnh Quảng Trị", "SGDĐT"),
           ("Công an tỉnh Quảng Trị", "CAT"), ("Bộ Chỉ huy Quân sự tỉnh Quảng Trị", "BCHQS"),
           ("Sở Xây dựng tỉnh Quảng Trị", "SXD"), ("Thanh tra tỉnh Quảng Trị", "TTr"),
           ("Sở Khoa học và Công nghệ tỉnh Quảng Trị", "SKHCN")]
TOPICS = ["phòng, chống thiên tai và tìm kiếm cứu nạn", "quyết toán ngân sách nhà nước",
          "chuyển đổi số và Đề án 06", "xây dựng nông thôn mới", "giải ngân vốn đầu tư công",
          "cải cách hành chính", "tiêm chủng mở rộng", "sắp xếp tổ chức bộ máy sau hợp nhất",
          "bảo vệ rừng và phòng cháy, chữa cháy rừng", "bảo đảm trật tự an toàn giao thông", "giảm nghèo bền vững",
          "phòng, chống dịch bệnh trên gia súc, gia cầm",
          "công tác văn thư, lưu trữ", "tiếp công dân, giải quyết khiếu nại, tố cáo", "thu hút đầu tư du lịch"]
KINDS = [("cong_van", "Về việc triển khai"), ("cong_van", "Về việc đôn đốc thực hiện"), ("cong_van", "Về việc góp ý dự thảo"),
         ("ke_hoach", "Kế hoạch"), ("thong_bao", "Thông báo kết quả"), ("bao_cao", "Báo cáo tình hình"),
         ("quyet_dinh", "Về việc phê duyệt")]


@dataclass
class DemoRegisters:
    entries: dict[str, int] = field(default_factory=dict)  # unit code → entries made by this run
    overdue: dict[str, int] = field(default_factory=dict)  # unit code → open past their deadline today
    released: dict[str, int] = field(default_factory=dict)  # ward code → documents it released this run
    cascade_outgoing_id: int | None = None
    late_outgoing_id: int | None = None  # the earlier request the second ward has not answered by its date


def _paper(sender: str, abbreviation: str, symbol: str, kind: str, subject: str, day: date) -> bytes:
    # Heavy library deferred for start-up: reportlab, through the typesetting helpers.
    from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: PLC0415

    from documents.doctypes import doc_type_name  # noqa: PLC0415
    from documents.papers import typeset as ts  # noqa: PLC0415

    st = ts.styles()
    story: list[Any] = [ts.Decree30Header(sender, number_line=f"Số: {symbol}",
                                          date_line=ts.format_date_line("Quảng Trị", day))]
    type_name = "" if kind == "cong_van" else doc_type_name(kind)
    story += ts.title_block(type_name, subject)
    story += [Paragraph(ts.escape(p), st.body) for p in (
        f"Thực hiện chỉ đạo của cấp trên về {subject.lower()}, {sender} đề nghị các cơ quan, đơn vị, địa phương "
        "khẩn trương triển khai thực hiện các nội dung sau:",
        "1. Rà soát, đánh giá kết quả thực hiện, xác định rõ những khó khăn, vướng mắc và đề xuất giải pháp.",
        "2. Tổng hợp số liệu theo đề cương kèm theo, gửi về cơ quan đầu mối đúng thời hạn quy định.",
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh kịp thời để được hướng dẫn./.")]
    story.append(ts.signature_block(ts.Signer("", "GIÁM ĐỐC" if abbreviation.startswith("S") else "THỦ TRƯỞNG",
                                              "Nguyễn Văn An"), ["Như trên", "Lưu: VT"]))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=ts.PAGE_SIZE, leftMargin=ts.MARGIN_LEFT, rightMargin=ts.MARGIN_RIGHT,
                            topMargin=ts.MARGIN_TOP, bottomMargin=ts.MARGIN_BOTTOM, invariant=True,
                            initialFontName=ts.FONT, title=subject, author=sender)
    doc.build(story)
    return buf.getvalue()


def _ensure_people(store: Store, unit_id: int, code: str, ward: int) -> tuple[int, int | None, list[int]]:
    """The unit's văn thư, a leader and officers who handle documents (made if missing)."""
    from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from store.directory import create_person, find_person_by_email, grant_role  # noqa: PLC0415 -- deferred for start-up
    from store.directory.people import holders  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.models import Person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    since = date(2025, 7, 1)
    domain = "quangtri.gov.vn" if code == "QT" else f"{code.lower()}.quangtri.gov.vn"
    staff = [("Hoàng Thị Thanh Tâm", "Chuyên viên Văn phòng"), ("Trần Minh Tuấn", "Chuyên viên"), ("Lê Thị Ngọc Ánh", "Chuyên viên"),
             ("Phạm Đức Huy", "Chuyên viên")] if code == "QT" else list(
        zip(WARD_STAFF[ward % len(WARD_STAFF)], WARD_POSITIONS, strict=True))
    today = datetime.now(VN_TZ).date()
    with store.uow() as uow:
        clerks = [r.person_id for r in holders(uow.session, unit_id, "van_thu", on=today)]
        officers: list[int] = []
        for i, (name, position) in enumerate(staff):
            email = f"demo.dk{i}@{domain}"
            found = find_person_by_email(uow.session, email)
            if found is None:
                found = create_person(uow, full_name=name, position=position, unit_id=unit_id, email=email)
                grant_role(uow, found.id, unit_id, "van_thu" if i == 0 and not clerks else "chuyen_vien", since=since)
            if i == 0 and not clerks:
                clerks = [found.id]
            elif i > 0 or clerks[0] != found.id:
                officers.append(found.id)
        chair = uow.session.execute(select(Person.id).where(Person.unit_id == unit_id, Person.active,
                                                            Person.position.like("Chủ tịch%"))
                                    .order_by(Person.id).limit(1)).scalar_one_or_none()
        if chair is not None and not any(r.person_id == chair for r in holders(uow.session, unit_id, "lanh_dao",
                                                                                on=today)):
            grant_role(uow, chair, unit_id, "lanh_dao", since=since)
        uow.commit()
    return clerks[0], chair, [o for o in officers if o != clerks[0]]


def _symbol(rnd: random.Random, kind: str, abbr: str, used: set[tuple[str, str]]) -> str:
    """A number and symbol the sender has not used this year: Decree 30 numbers are unique per
    sender and year, and the register links a repeat as the same document (a duplicate)."""
    while True:
        symbol = f"{rnd.randint(12, 2400)}/{abbr}-VP" if kind == "cong_van" else \
            f"{rnd.randint(5, 480)}/{dict(ke_hoach='KH', thong_bao='TB', bao_cao='BC', quyet_dinh='QĐ')[kind]}-{abbr}"
        if (abbr, symbol) not in used:
            used.add((abbr, symbol))
            return symbol


def _arrivals(rnd: random.Random, count: int, now: datetime) -> list[datetime]:
    """``count`` moments papers arrive, over the working days of the year so far (from 5 January,
    the days before today), at most four a day; in its first days, five over whatever time there
    has been."""
    today = now.astimezone(VN_TZ).date()
    days = working_days(date(today.year, 1, 5), today - timedelta(days=1))
    count = min(count, max(5, 4 * len(days)))
    if days:
        return sorted(at_work(rnd, rnd.choice(days)) for _ in range(count))
    start = datetime(today.year, 1, 1, 7, 30, tzinfo=VN_TZ)
    span = (now - MARGIN - start).total_seconds()
    return sorted(start + timedelta(seconds=rnd.uniform(0, span)) for _ in range(count)) if span > 0 else []


def _paper_source(store: Store, rnd: random.Random, now: datetime, worker: Any) -> Any:
    """A generator of papers from outside: ``at`` → (meta, checked file, the subject's verb)."""
    from register.incoming.receive import check_file, check_meta  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.records import IncomingMeta  # noqa: PLC0415 -- deferred for start-up: beside the services

    used: set[tuple[str, str]] = set()
    year = now.astimezone(VN_TZ).year

    def paper(at: datetime) -> tuple[Any, Any, str]:
        sender, abbr = rnd.choice(SENDERS)
        kind, verb = rnd.choice(KINDS)
        topic = rnd.choice(TOPICS)
        subject = f"{verb} {topic}" if verb.startswith("Về") else f"{verb} {topic} năm {year}"
        day = at.astimezone(VN_TZ).date()
        dated = max(day - timedelta(days=rnd.randint(0, 4)), date(year, 1, 1))
        symbol = _symbol(rnd, kind, abbr, used)
        meta = check_meta(IncomingMeta(sender, subject, symbol, kind, dated), day)
        return meta, check_file(store, _paper(sender, abbr, symbol, kind, subject, dated), worker=worker), verb

    return paper


def _received(store: Store, unit_id: int) -> list[Any]:
    """What other units of the store delivered to the unit and its văn thư has not registered."""
    from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from register.incoming.entries import get_incoming  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.models import IncomingDocument  # noqa: PLC0415 -- deferred for start-up

    d = IncomingDocument
    with store.read() as s:
        ids = s.execute(select(d.id).where(d.unit_id == unit_id, d.number.is_(None), d.sender_unit_id.is_not(None))
                        .order_by(d.received_at, d.id)).scalars().all()
        return [get_incoming(s, i) for i in ids]


def _ward_desk(store: Store, unit: UnitYear) -> Desk | None:
    from demo.outgoing import open_desk  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    if unit.leader is None or not unit.officers:
        return None
    return open_desk(store, unit.unit_id, signer_id=unit.leader, clerk_id=unit.clerk)


def _board(store: Store, province_id: int, year: int) -> int | None:
    """The province's document on the cascade board (``demo.outgoing_plan.board_subject``), if released."""
    from register.outgoing.queries import list_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.records import OutgoingStatus  # noqa: PLC0415 -- deferred for start-up

    with store.read() as s:
        found = [o.id for o in list_outgoing(s, year=year, unit_id=province_id, status=OutgoingStatus.RELEASED)
                 if o.subject == board_subject(year)]
    return found[0] if found else None


def _late_request(store: Store, province_id: int, year: int, today: date) -> int | None:
    """The province's latest request to the wards (not the board's) whose reply date has passed."""
    from register.outgoing.queries import list_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.records import OutgoingStatus  # noqa: PLC0415 -- deferred for start-up

    with store.read() as s:
        found = [o for o in list_outgoing(s, year=year, unit_id=province_id, status=OutgoingStatus.RELEASED)
                 if o.reply_by is not None and o.reply_by < today and o.subject != board_subject(year)]
    return max(found, key=lambda o: (o.released_on or o.reply_by, o.id)).id if found else None


def create_demo_registers(store: Store, *, province_entries: int = 180, ward_entries: int = 45,
                          ward_outgoing: bool = False, steps: DemoSteps | None = None) -> DemoRegisters:
    """``steps``: told of each unit's register and how far into its year it is, and its Cancel
    (between two of the year's events)."""
    from sqlalchemy import func, select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from documents.intake.limits import DEFAULT_LIMITS  # noqa: PLC0415 -- deferred for start-up
    from documents.intake.process import IntakeWorker  # noqa: PLC0415 -- deferred for start-up: brings in the worker
    from register.incoming.lists import IncomingFilter, count_incoming  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.models import IncomingDocument  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import find_unit_by_code  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    steps = steps or DemoSteps()
    out = DemoRegisters()
    now = store.clock.now()
    year = now.astimezone(VN_TZ).year
    rnd = random.Random(SEED)
    with store.read() as s:
        province = find_unit_by_code(s, "QT")
        wards = [u for u in (find_unit_by_code(s, c) for c in WARD_CODES) if u is not None][:2]
    if province is None:
        return out
    board = _board(store, province.id, year)
    late = _late_request(store, province.id, year, now.astimezone(VN_TZ).date())
    reported = frozenset(reported_subjects(year))
    units = []
    for i, unit in enumerate([*wards, province]):  # the wards first: what they send the province arrives before its year
        ward = i if unit is not province else None
        clerk, leader, officers = _ensure_people(store, unit.id, unit.code, ward if ward is not None else -1)
        units.append(UnitYear(unit.id, unit.code, unit.official_name or unit.name, clerk, leader, officers, ward,
                              board_id=board, late_id=late, reported=reported,
                              short_name=unit.short_name or unit.name))
    with IntakeWorker(DEFAULT_LIMITS) as worker:
        paper = _paper_source(store, rnd, now, worker)
        for u in units:
            steps.begin("register-province" if u.ward is None else "register-ward", u.short_name)
            with store.read() as s:
                held = s.execute(select(func.count()).select_from(IncomingDocument).where(
                    IncomingDocument.unit_id == u.unit_id, IncomingDocument.source_outgoing_id.is_(None),
                    IncomingDocument.sender_unit_id.is_(None))).scalar_one()
            if held:
                continue
            if ward_outgoing and u.ward is not None:
                u.desk = _ward_desk(store, u)
            count = province_entries if u.ward is None else ward_entries
            _Timeline(store, u, rnd, now, worker, paper, steps).run(_arrivals(rnd, count, now),
                                                                    _received(store, u.unit_id))
            with store.read() as s:
                out.entries[u.code] = u.made
                out.overdue[u.code] = count_incoming(s, IncomingFilter(unit_id=u.unit_id,
                                                                       overdue_on=now.astimezone(VN_TZ).date()))
            if u.desk is not None:
                out.released[u.code] = u.released
    out.cascade_outgoing_id, out.late_outgoing_id = board, late
    return out
