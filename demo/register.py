"""The demo's incoming registers: a year of văn bản đến for the province and two wards.

Every entry goes the way a real one does (``register.incoming``): a generated Decree 30 paper
from a ministry, a department or the province is checked by intake, its signatures verified,
registered by the unit's văn thư with the next number of the year, assigned by a leader with a
deadline and bút phê, and mostly closed by its handler, each step at its own time of the year
(the unit of work's clock is set to it). A few are still open past their deadline (the overdue
badge), the newest are waiting to be assigned.

The cascade: the province's released decision (``demo.outgoing``, when that has run) arrived in
the two wards' registers by itself; the first ward registers it, assigns it and answers with a
drafted report, the second has not registered it yet, so the province's board shows who has not.

Idempotent: run again, a unit whose register already holds entries is left alone. Slow enough
(a few hundred papers through intake) that only ``nghisu demo`` runs it, not the tests' demo.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from store.clock import VN_TZ, FixedClock
from store.engine import Store

SEED = 2026
#: The wards the demo decision goes to (as ``demo.outgoing``): the first two on the store's map.
WARD_CODES = ("QT-DHOI", "QT-VLINH", "QT-VL-VG", "QT-VL")
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
INSTRUCTIONS = ["Giao {who} chủ trì tham mưu, báo cáo kết quả.", "Đề nghị {who} nghiên cứu, đề xuất xử lý.",
                "Chuyển {who} theo dõi, triển khai theo chức năng.", "{who} tổng hợp, dự thảo văn bản trả lời."]


@dataclass
class DemoRegisters:
    entries: dict[str, int] = field(default_factory=dict)  # unit code → entries made by this run
    overdue: dict[str, int] = field(default_factory=dict)
    cascade_outgoing_id: int | None = None


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


def _working_moment(rnd: random.Random, day: date) -> datetime:
    return datetime.combine(day, time(rnd.randint(7, 16), rnd.randint(0, 59)), VN_TZ).astimezone(UTC)


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


def _fill(store: Store, unit_id: int, clerk: int, leader: int | None, officers: list[int], count: int,
          rnd: random.Random, now: datetime) -> tuple[int, int]:
    """``count`` entries over the year so far; returns (made, still open past the deadline)."""
    from documents.intake.limits import DEFAULT_LIMITS  # noqa: PLC0415 -- deferred for start-up
    from documents.intake.process import IntakeWorker  # noqa: PLC0415 -- deferred for start-up: brings in the worker
    from register.incoming.handling import assign, mark_done, record_progress  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.receive import check_file, check_meta, register_checked  # noqa: PLC0415 -- deferred
    from register.incoming.records import IncomingMeta  # noqa: PLC0415 -- deferred for start-up: beside the services

    today = now.astimezone(VN_TZ).date()
    first = date(today.year, 1, 5)
    days = sorted(first + timedelta(days=rnd.randint(0, (today - first).days - 1)) for _ in range(count))
    overdue = 0
    used: set[tuple[str, str]] = set()
    with IntakeWorker(DEFAULT_LIMITS) as worker:
        for day in days:
            sender, abbr = rnd.choice(SENDERS)
            kind, verb = rnd.choice(KINDS)
            topic = rnd.choice(TOPICS)
            subject = f"{verb} {topic}" if verb.startswith("Về") else f"{verb} {topic} năm {today.year}"
            dated = day - timedelta(days=rnd.randint(0, 4))
            symbol = _symbol(rnd, kind, abbr, used)
            arrived = _working_moment(rnd, day)
            meta = check_meta(IncomingMeta(sender, subject, symbol, kind, dated), day)
            checked = check_file(store, _paper(sender, abbr, symbol, kind, subject, dated), worker=worker)
            with store.uow(clerk, clock=FixedClock(arrived)) as uow:
                entry = register_checked(uow, unit_id, checked, meta, filename=f"{symbol.replace('/', '-')}.pdf").entry
                uow.commit()
            age = (today - day).days
            if leader is None or not officers or (age < 3 and rnd.random() < 0.6):
                continue  # the newest wait for the leader
            handler = rnd.choice(officers)
            co = [o for o in officers if o != handler][: rnd.choice([0, 0, 1])]
            assigned = arrived + timedelta(hours=rnd.randint(2, 30))
            due = (assigned.astimezone(VN_TZ).date() + timedelta(days=rnd.choice([5, 7, 10, 15])))
            who = "Văn phòng" if len(officers) > 2 else "công chức chuyên môn"
            with store.uow(leader, clock=FixedClock(assigned)) as uow:
                assign(uow, entry.id, handler_id=handler, co_handler_ids=co, due_on=due,
                       instruction=rnd.choice(INSTRUCTIONS).format(who=who))
                uow.commit()
            if rnd.random() < 0.35:
                with store.uow(handler, clock=FixedClock(assigned + timedelta(days=1, hours=3))) as uow:
                    record_progress(uow, entry.id, "Đã xây dựng dự thảo, đang lấy ý kiến các phòng liên quan.")
                    uow.commit()
            finished = assigned + timedelta(days=rnd.randint(1, 16))
            recent = age < 25  # the last weeks' papers are still in hand more often
            if finished.astimezone(VN_TZ).date() < today and rnd.random() < (0.45 if recent else 0.93):
                with store.uow(handler, clock=FixedClock(finished)) as uow:
                    mark_done(uow, entry.id, note="Đã tham mưu xử lý, lưu hồ sơ.")
                    uow.commit()
            elif due < today:
                overdue += 1
    return len(days), overdue


def _cascade(store: Store, wards: list[tuple[int, str]], people: dict[int, tuple[int, int | None, list[int]]],
             now: datetime) -> int | None:
    """The province's decision in the wards' registers: the first ward handles and answers it."""
    from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from register.incoming.handling import assign, mark_done  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.models import IncomingDocument  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.receive import register_received  # noqa: PLC0415 -- deferred for start-up
    from register.outgoing.drafts import draft_outgoing  # noqa: PLC0415 -- deferred for start-up
    from register.outgoing.records import Authority  # noqa: PLC0415 -- deferred for start-up

    d = IncomingDocument
    with store.read() as s:
        found = s.execute(select(d.id, d.status, d.source_outgoing_id).where(
            d.unit_id == wards[0][0], d.source_outgoing_id.is_not(None)).order_by(d.id.desc()).limit(1)).first()
    if found is None:
        return None
    entry_id, status, source = found
    unit_id, _ = wards[0]
    clerk, chair, officers = people[unit_id]
    if status != "received" or chair is None or not officers:
        return int(source)
    with store.uow(clerk) as uow:
        register_received(uow, entry_id)
        uow.commit()
    with store.uow(chair) as uow:
        assign(uow, entry_id, handler_id=officers[0], due_on=now.astimezone(VN_TZ).date() + timedelta(days=10),
               instruction="Giao công chức Địa chính - Xây dựng tham mưu triển khai, báo cáo kết quả về tỉnh.")
        uow.commit()
    from documents.intake.service import inspect_pdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf

    subject = "Báo cáo kết quả triển khai Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2027"
    pdf = _paper("Ủy ban nhân dân phường", "UBND", "…/BC-UBND", "bao_cao", subject, now.astimezone(VN_TZ).date())
    with store.uow(officers[0]) as uow:
        reply = draft_outgoing(uow, inspect_pdf(pdf), filename="bao-cao-ket-qua.pdf", doc_type="bao_cao",
                               subject=subject, drafting_unit_id=unit_id, signer_id=chair, authority=Authority.TM)
        mark_done(uow, entry_id, reply_outgoing_id=reply.id, note="Đã dự thảo báo cáo trình Chủ tịch ký.")
        uow.commit()
    return int(source)


def create_demo_registers(store: Store, *, province_entries: int = 180, ward_entries: int = 45) -> DemoRegisters:
    from sqlalchemy import func, select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from register.incoming.models import IncomingDocument  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import find_unit_by_code  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    out = DemoRegisters()
    now = store.clock.now()
    rnd = random.Random(SEED)
    with store.read() as s:
        province = find_unit_by_code(s, "QT")
        wards = [u for u in (find_unit_by_code(s, c) for c in WARD_CODES) if u is not None][:2]
    if province is None:
        return out
    units = [(province.id, "QT", "tỉnh")] + [(w.id, w.code, w.place_name or w.name) for w in wards]
    people = {uid: _ensure_people(store, uid, code, i - 1) for i, (uid, code, _) in enumerate(units)}
    for uid, code, _ in units:
        with store.read() as s:
            held = s.execute(select(func.count()).select_from(IncomingDocument).where(
                IncomingDocument.unit_id == uid, IncomingDocument.source_outgoing_id.is_(None))).scalar_one()
        if held:
            continue
        clerk, leader, officers = people[uid]
        made, late = _fill(store, uid, clerk, leader, officers, province_entries if code == "QT" else ward_entries,
                           rnd, now)
        out.entries[code], out.overdue[code] = made, late
    if wards:
        out.cascade_outgoing_id = _cascade(store, [(w.id, w.code) for w in wards], people, now)
    return out
