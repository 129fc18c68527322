"""What the demo's units release over their year, and when: a plan, without a store.

The province's first fourteen numbers and the decision "15/QĐ-UBND" in the first half of
January, then a few releases a month of the common kinds (công văn, kế hoạch, thông báo, báo
cáo, quyết định) up to the demo day, some sent to the two wards, some asking them to report
back; one is withdrawn the next morning and released again (the register keeps the cancelled
number). The last one sent to the wards, about a week before the demo day, asks them to report
on the decision's plan: the cascade board's document. Each ward has its own year of plans,
notices, decisions and quarterly reports to the province (its replies to what it received are
drawn as its register is filled, ``demo.register``).

Every moment is on a working day in working hours, before the demo day's moment and after the
certificates begin (``floor``). A demo made in the first days of January still gets the
decision and the board's document: the province's first sixteen are then squeezed into the
days since New Year, in order, in working hours when there are enough of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from store.clock import VN_TZ

#: Public holidays on fixed dates (Tết Dương lịch, 30/4, 1/5, Quốc khánh); Tết Nguyên đán moves and is not kept.
HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))
#: The wards the province's documents go to: the first two of these on the store's map.
WARD_CODES = ("QT-DHOI", "QT-VLINH", "QT-VL-VG", "QT-VL")
#: How long before the demo's moment the last planned release may be.
MARGIN = timedelta(minutes=30)
JANUARY = [
    ("cong_van", "V/v báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội tháng 01"),
    ("ke_hoach", "Kế hoạch cải cách hành chính năm {y}"),
    ("thong_bao", "Thông báo lịch tiếp công dân định kỳ quý I năm {y}"),
    ("quyet_dinh", "Về việc phê duyệt danh mục dữ liệu mở của tỉnh năm {y}"),
    ("cong_van", "V/v triển khai chữ ký số trong cơ quan nhà nước năm {y}"),
    ("ke_hoach", "Kế hoạch chuyển đổi số năm {y}"),
    ("quyet_dinh", "Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh"),
    ("thong_bao", "Thông báo kết quả kiểm tra công tác văn thư, lưu trữ năm {p}"),
    ("cong_van", "V/v tổ chức Tết Nguyên đán an toàn, tiết kiệm"),
    ("bao_cao", "Báo cáo tổng kết công tác phòng, chống thiên tai năm {p}"),
    ("quyet_dinh", "Về việc kiện toàn Ban Chỉ huy phòng thủ dân sự tỉnh"),
    ("ke_hoach", "Kế hoạch tổ chức Ngày Chuyển đổi số tỉnh năm {y}"),
    ("cong_van", "V/v rà soát thủ tục hành chính nội bộ"),
    ("thong_bao", "Thông báo phân công nhiệm vụ của Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh"),
]
DECISION_NUMBER = 15
#: (month, type, subject, to the wards, the wards report back)
PROVINCE_YEAR = [
    (2, "ke_hoach", "Kế hoạch thực hiện Đề án 06 năm {y} trên địa bàn tỉnh", True, True),
    (2, "quyet_dinh", "Về việc giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm {y}", False, False),
    (2, "cong_van", "V/v tổ chức Lễ hội Xuân bảo đảm an ninh, trật tự", True, False),
    (3, "cong_van", "V/v báo cáo tình hình thực hiện nhiệm vụ quý I năm {y}", True, True),
    (3, "quyet_dinh", "Về việc công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của cấp xã", True, False),
    (3, "thong_bao", "Thông báo kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với Sở Xây dựng",
     False, False),
    (4, "ke_hoach", "Kế hoạch phòng cháy, chữa cháy rừng mùa khô năm {y}", True, False),
    (4, "cong_van", "V/v bảo đảm trật tự an toàn giao thông dịp lễ 30/4 và 1/5", True, False),
    (5, "bao_cao", "Báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững", False, False),
    (5, "thong_bao", "Thông báo tuyển dụng công chức cấp xã năm {y}", True, False),
    (5, "cong_van", "V/v chuẩn bị ứng phó mùa mưa bão năm {y}", True, True),
    (6, "bao_cao", "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm {y}", False, False),
    (6, "cong_van", "V/v sơ kết 6 tháng thực hiện nhiệm vụ chuyển đổi số", True, True),
    (6, "quyet_dinh", "Về việc phê duyệt Đề án vị trí việc làm của Văn phòng Ủy ban nhân dân tỉnh", False, False),
    (7, "ke_hoach", "Kế hoạch tổ chức các hoạt động kỷ niệm Ngày Thương binh - Liệt sĩ 27/7", True, False),
    (7, "cong_van", "V/v đánh giá tình hình vận hành chính quyền địa phương hai cấp", True, True),
    (8, "thong_bao", "Thông báo lịch tiếp công dân định kỳ quý III năm {y}", False, False),
    (8, "quyet_dinh", "Về việc phê duyệt kế hoạch lựa chọn nhà thầu dự án đường ven biển", False, False),
    (8, "cong_van", "V/v triển khai các biện pháp phòng, chống bệnh dịch tả lợn châu Phi", True, False),
    (9, "cong_van", "V/v báo cáo tình hình thực hiện nhiệm vụ 9 tháng năm {y}", True, True),
    (9, "ke_hoach", "Kế hoạch kiểm tra công tác cải cách hành chính năm {y}", True, False),
    (10, "cong_van", "V/v tập trung khắc phục hậu quả mưa lũ, ổn định đời sống Nhân dân", True, True),
    (10, "quyet_dinh", "Về việc hỗ trợ kinh phí khắc phục hậu quả thiên tai đợt mưa lũ tháng 10", False, False),
    (10, "bao_cao", "Báo cáo tình hình thiệt hại do mưa lũ và kết quả khắc phục", False, False),
    (11, "cong_van", "V/v xây dựng dự toán ngân sách nhà nước năm {n}", True, False),
    (11, "ke_hoach", "Kế hoạch bảo đảm an ninh, trật tự dịp Tết Nguyên đán năm {n}", True, False),
    (12, "quyet_dinh", "Về việc giao dự toán thu, chi ngân sách nhà nước năm {n}", False, False),
    (12, "bao_cao", "Báo cáo tổng kết công tác chỉ đạo, điều hành năm {y}", False, False),
]
#: The release withdrawn the next working morning and released again, corrected, soon after.
WITHDRAWN = "Thông báo tuyển dụng công chức cấp xã năm {y}"
WITHDRAWN_REASON = "Sai chỉ tiêu, phát hành lại"  # short: the book's "Ghi chú" column is narrow
#: (month, type, subject, to the province): each ward's own year.
WARD_YEAR = [
    (1, "ke_hoach", "Kế hoạch phát triển kinh tế - xã hội năm {y}", False),
    (1, "quyet_dinh", "Về việc phân công nhiệm vụ của Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân", False),
    (2, "thong_bao", "Thông báo lịch tiếp công dân năm {y}", False),
    (3, "bao_cao", "Báo cáo tình hình kinh tế - xã hội, quốc phòng - an ninh quý I năm {y}", True),
    (4, "ke_hoach", "Kế hoạch ra quân tổng vệ sinh môi trường, phòng, chống dịch bệnh", False),
    (5, "quyet_dinh", "Về việc thành lập Tổ công tác rà soát hộ nghèo, hộ cận nghèo năm {y}", False),
    (6, "bao_cao", "Báo cáo tình hình kinh tế - xã hội, quốc phòng - an ninh 6 tháng đầu năm {y}", True),
    (7, "cong_van", "V/v đăng ký nhu cầu đào tạo, bồi dưỡng cán bộ, công chức năm {n}", False),
    (8, "ke_hoach", "Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão năm {y}", False),
    (9, "bao_cao", "Báo cáo tình hình kinh tế - xã hội, quốc phòng - an ninh 9 tháng năm {y}", True),
    (10, "thong_bao", "Thông báo kết quả rà soát hộ nghèo, hộ cận nghèo năm {y}", False),
    (11, "quyet_dinh", "Về việc khen thưởng tập thể, cá nhân có thành tích trong phòng, chống lụt bão", False),
    (12, "ke_hoach", "Kế hoạch tổ chức các hoạt động mừng Đảng, mừng Xuân năm {n}", False),
]


def decision_subject(year: int) -> str:
    return f"Về việc ban hành Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}"


def board_subject(year: int) -> str:
    """The board's document: the wards are asked to report on the decision's plan."""
    return f"V/v báo cáo kết quả triển khai Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}"


def reported_subjects(year: int) -> list[str]:
    """The province's documents that ask the wards to report back."""
    return [board_subject(year)] + [_fill_in(year, subject) for _, _, subject, _, asks in PROVINCE_YEAR if asks]


@dataclass(frozen=True)
class Planned:
    at: datetime
    doc_type: str
    subject: str
    to_wards: bool = False
    report_by: date | None = None  # the wards are asked to report back by this date
    withdrawn_at: datetime | None = None  # released, then withdrawn then (``WITHDRAWN_REASON``)
    to_province: bool = False  # a ward's report to the province


def working_day(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def working_days(first: date, last: date) -> list[date]:
    return [d for d in (first + timedelta(days=i) for i in range((last - first).days + 1)) if working_day(d)]


def at_work(rnd: random.Random, day: date) -> datetime:
    """A moment of the working day: 7:30 to 16:30."""
    minute = rnd.randint(0, 9 * 60)
    return datetime.combine(day, time(7, 30), VN_TZ) + timedelta(minutes=minute)


def next_work_moment(at: datetime, rnd: random.Random, *, hours: tuple[int, int] = (1, 20)) -> datetime:
    """Some hours later, moved into working hours of a working day."""
    moved = at.astimezone(VN_TZ) + timedelta(hours=rnd.randint(*hours), minutes=rnd.randint(0, 59))
    day = moved.date()
    if moved.time() > time(16, 30):
        day += timedelta(days=1)
    while not working_day(day):
        day += timedelta(days=1)
    if day != moved.date() or moved.time() < time(7, 30):
        return datetime.combine(day, time(7, 30), VN_TZ) + timedelta(minutes=rnd.randint(0, 120))
    return moved


def _in_month(rnd: random.Random, year: int, month: int) -> datetime:
    first = date(year, month, 1)
    last = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    return at_work(rnd, rnd.choice(working_days(first, last)))


def _fill_in(year: int, text: str) -> str:
    return text.format(y=year, p=year - 1, n=year + 1)


def _daytime(start: datetime, end: datetime, *, working: bool) -> list[tuple[datetime, datetime]]:
    """The parts of ``start``..``end`` in working hours (7:30 to 16:30), of working days only or of any day."""
    spans = []
    day = start.date()
    while day <= end.date():
        opens, closes = (datetime.combine(day, t, VN_TZ) for t in (time(7, 30), time(16, 30)))
        if (working_day(day) or not working) and min(closes, end) > max(opens, start):
            spans.append((max(opens, start), min(closes, end)))
        day += timedelta(days=1)
    return spans


def _squeezed(items: list[Planned], start: datetime, end: datetime) -> list[Planned]:
    """The same items, in order and evenly spaced between ``start`` and ``end``: over the working
    hours of working days in between, or of any day, when they leave ten minutes to each; else
    over the whole time."""
    for spans in (_daytime(start, end, working=True), _daytime(start, end, working=False), [(start, end)]):
        total = sum((b - a for a, b in spans), timedelta())
        if total >= timedelta(minutes=10) * len(items):
            break
    step = total / (len(items) + 1)
    out = []
    for i, p in enumerate(items):
        left = step * (i + 1)
        for a, b in spans:
            if left <= b - a:
                out.append(replace(p, at=a + left))
                break
            left -= b - a
    return out


def province_plan(now: datetime, floor: datetime) -> list[Planned]:
    """The province's releases up to ``now``, in order; ``floor``: none before it."""
    now = now.astimezone(VN_TZ)
    year = now.year
    rnd = random.Random(year)
    january = working_days(date(year, 1, 2), date(year, 1, 16))
    first = [Planned(at_work(rnd, january[i * len(january) // DECISION_NUMBER]), kind, _fill_in(year, subject))
             for i, (kind, subject) in enumerate(JANUARY)]
    first.sort(key=lambda p: p.at)
    decided = max(first[-1].at + timedelta(hours=1), at_work(rnd, january[-1]))
    first.append(Planned(decided, "quyet_dinh", decision_subject(year), to_wards=True))
    board_day = now.date() - timedelta(days=8)
    while not working_day(board_day):
        board_day -= timedelta(days=1)
    board_at = max(datetime.combine(board_day, time(9, 30), VN_TZ), decided + timedelta(hours=2))
    board = Planned(board_at, "cong_van", board_subject(year), to_wards=True,
                    report_by=board_at.date() + timedelta(days=10))
    start = max(datetime(year, 1, 1, tzinfo=VN_TZ), floor) + timedelta(minutes=1)
    if first[0].at <= start or board.at > now - MARGIN:  # the first days of January: the sixteen, squeezed in
        # into the first three quarters of the time there has been: the wards take the board's up after it
        return _squeezed([*first, board], start, start + (now - MARGIN - start) * 0.75) if now - MARGIN > start else []
    rest: list[Planned] = [board]
    for month, kind, subject, to_wards, asks in PROVINCE_YEAR:
        at = _in_month(rnd, year, month)
        text = _fill_in(year, subject)
        if at <= decided or at > now - MARGIN or (to_wards and at >= board.at):
            continue
        report_by = at.date() + timedelta(days=rnd.choice([7, 10, 15])) if asks else None
        if subject == WITHDRAWN:
            again = next_work_moment(at, rnd, hours=(18, 26))
            if again > now - MARGIN:
                continue
            rest += [Planned(at, kind, text, to_wards, report_by, withdrawn_at=again - timedelta(minutes=25)),
                     Planned(again, kind, f"{text} (phát hành lại, đã sửa chỉ tiêu)", to_wards, report_by)]
        else:
            rest.append(Planned(at, kind, text, to_wards, report_by))
    return [*first, *sorted(rest, key=lambda p: p.at)]


def ward_plan(now: datetime, floor: datetime, ward: int) -> list[Planned]:
    """A ward's own releases up to ``now`` (its replies are not planned: they answer what comes)."""
    now = now.astimezone(VN_TZ)
    year = now.year
    rnd = random.Random(year * 10 + ward)
    start = max(datetime(year, 1, 1, tzinfo=VN_TZ), floor) + timedelta(minutes=1)
    out = []
    for month, kind, subject, to_province in WARD_YEAR:
        at = _in_month(rnd, year, month)
        if start < at <= now - MARGIN:
            out.append(Planned(at, kind, _fill_in(year, subject), to_province=to_province))
    return sorted(out, key=lambda p: p.at)
