"""Phrase banks for the generated sample documents (see ``demo.samples``).

Plausible, not real: the wording imitates provincial People's Committee papers of Quảng Trị,
so that search, text extraction and the meeting book are exercised on text with every
Vietnamese diacritic, đ/Đ, long compound words and legal citations. The units and
departments a paper names come from its demo's map (``PlaceBank``, chosen by the spec's
scheme): the 2019 map's districts, or today's wards, communes and special zone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from demo import data2025
from documents.papers.typeset import Signer

if TYPE_CHECKING:
    from demo.samples import SampleSpec

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

#: The 2019 map (three levels): the province's districts, town and city, and its departments then.
DISTRICTS = [
    "Thành phố Đông Hà", "Thị xã Quảng Trị", "Huyện Vĩnh Linh", "Huyện Gio Linh", "Huyện Cam Lộ",
    "Huyện Triệu Phong", "Huyện Hải Lăng", "Huyện Hướng Hóa", "Huyện Đakrông", "Huyện đảo Cồn Cỏ",
]

AGENCIES = [
    ("Ủy ban nhân dân tỉnh Quảng Trị", None, "UBND"),
    ("Sở Kế hoạch và Đầu tư", "UBND tỉnh Quảng Trị", "SKHĐT"),
    ("Sở Tài chính", "UBND tỉnh Quảng Trị", "STC"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "UBND tỉnh Quảng Trị", "SNN"),
    ("Sở Giáo dục và Đào tạo", "UBND tỉnh Quảng Trị", "SGDĐT"),
    ("Sở Y tế", "UBND tỉnh Quảng Trị", "SYT"),
    ("Sở Tài nguyên và Môi trường", "UBND tỉnh Quảng Trị", "STNMT"),
    ("Văn phòng Ủy ban nhân dân", "UBND tỉnh Quảng Trị", "VP"),
    ("Ủy ban nhân dân huyện Vĩnh Linh", "UBND tỉnh Quảng Trị", "UBND"),
    ("Ủy ban nhân dân huyện Đakrông", "UBND tỉnh Quảng Trị", "UBND"),
    ("Ủy ban nhân dân huyện Hải Lăng", "UBND tỉnh Quảng Trị", "UBND"),
]

SUBJECTS = {
    "TTr": [
        "Về việc đề nghị thông qua Nghị quyết về kế hoạch đầu tư công trung hạn giai đoạn 2026-2030",
        "Về việc phê duyệt chủ trương đầu tư dự án đường ven biển đoạn qua {coast}",
        "Về việc điều chỉnh dự toán ngân sách địa phương năm 2025",
        "Về việc ban hành quy định hỗ trợ phát triển sản xuất nông nghiệp hàng hóa",
        "Về việc sắp xếp đơn vị hành chính cấp xã giai đoạn 2025-2026",
    ],
    "BC": [
        "Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội quý I năm 2025",
        "Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        "Tình hình thu, chi ngân sách nhà nước và giải ngân vốn đầu tư công",
        "Kết quả công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2024",
        "Tình hình triển khai chuyển đổi số và Đề án 06 trên địa bàn tỉnh",
    ],
    "NQ": [
        "Về kế hoạch phát triển kinh tế - xã hội năm 2026",
        "Quy định mức hỗ trợ đối với người có công với cách mạng trên địa bàn tỉnh",
        "Về việc thông qua danh mục dự án cần thu hồi đất năm 2025",
    ],
    "QĐ": [
        "Ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2021-2026",
        "Về việc phê duyệt Đề án phát triển du lịch cộng đồng vùng Tây Quảng Trị",
        "Về việc giao chỉ tiêu kế hoạch vốn đầu tư công năm 2025",
    ],
    "KH": [
        "Triển khai thực hiện chuyển đổi số tỉnh Quảng Trị năm 2025",
        "Tổ chức các hoạt động kỷ niệm 50 năm Ngày giải phóng hoàn toàn miền Nam, thống nhất đất nước",
        "Phòng, chống dịch bệnh trên gia súc, gia cầm năm 2025",
    ],
    "TB": [
        "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại phiên họp thường kỳ tháng 3 năm 2025",
        "Ý kiến chỉ đạo của Phó Chủ tịch Ủy ban nhân dân tỉnh về tiến độ giải phóng mặt bằng",
        "Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân tỉnh quý II năm 2025",
    ],
}

#: The căn cứ between the law on local government (first) and the proposal (last): the bank adds those.
BASES = [
    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015",
    "Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
    "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 08 tháng 12 năm 2024 của Hội đồng nhân dân tỉnh về kế hoạch phát triển kinh tế - xã hội năm 2025",
    "Căn cứ Quyết định số 1234/QĐ-UBND ngày 15 tháng 7 năm 2024 của Ủy ban nhân dân tỉnh Quảng Trị",
]
PROPOSAL = "Theo đề nghị của Giám đốc {planning} tại Tờ trình số 87/TTr-{symbol} ngày 20 tháng 02 năm 2025"

SECTIONS = {
    "TTr": ["SỰ CẦN THIẾT", "CƠ SỞ PHÁP LÝ", "NỘI DUNG CHỦ YẾU", "TỔ CHỨC THỰC HIỆN", "KIẾN NGHỊ"],
    "BC": ["KẾT QUẢ ĐẠT ĐƯỢC", "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM", "ĐỀ XUẤT, KIẾN NGHỊ"],
    "KH": ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ VÀ GIẢI PHÁP", "KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"],
    "TB": ["ĐÁNH GIÁ CHUNG", "KẾT LUẬN", "GIAO NHIỆM VỤ"],
}

SUBSECTIONS = [
    "Về phát triển kinh tế", "Về văn hóa - xã hội", "Về quốc phòng, an ninh", "Về cải cách hành chính",
    "Về quản lý đất đai, tài nguyên", "Về thu, chi ngân sách", "Về đầu tư công", "Về y tế, giáo dục",
    "Về chuyển đổi số", "Về xây dựng nông thôn mới", "Về giải phóng mặt bằng", "Về an sinh xã hội",
]

ARTICLES = [
    "Phạm vi điều chỉnh và đối tượng áp dụng", "Mục tiêu, chỉ tiêu chủ yếu", "Nội dung và mức hỗ trợ",
    "Nguồn kinh phí thực hiện", "Trách nhiệm của các sở, ban, ngành", "Tổ chức thực hiện", "Hiệu lực thi hành",
]

OPENERS = [
    "Trong thời gian qua, dưới sự lãnh đạo của Tỉnh ủy, sự giám sát của Hội đồng nhân dân tỉnh,",
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh,",
    "Bám sát các nghị quyết của Đảng và Hội đồng nhân dân các cấp,",
    "Mặc dù còn nhiều khó khăn do ảnh hưởng của thiên tai và biến động của thị trường,",
    "Trên cơ sở kết quả rà soát, tổng hợp ý kiến của các địa phương,",
    "Để kịp thời tháo gỡ khó khăn, vướng mắc cho người dân và doanh nghiệp,",
]

ACTORS = [
    "các sở, ban, ngành và Ủy ban nhân dân {all_locals}",
    "{planning} phối hợp với {partner}",
    "Ủy ban nhân dân {local}",
    "các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể chính trị - xã hội",
]

ACTIONS = [
    "đã tập trung triển khai đồng bộ, quyết liệt các nhiệm vụ, giải pháp đề ra",
    "đã chủ động rà soát, đẩy nhanh tiến độ giải ngân vốn đầu tư công",
    "tiếp tục đẩy mạnh cải cách thủ tục hành chính, nâng cao chỉ số năng lực cạnh tranh cấp tỉnh",
    "đã tổ chức kiểm tra, đôn đốc việc thực hiện các công trình, dự án trọng điểm",
    "đã phối hợp chặt chẽ trong công tác giải phóng mặt bằng, bố trí tái định cư cho các hộ dân",
    "đã quan tâm thực hiện tốt chính sách đối với người có công và đồng bào dân tộc thiểu số",
    "cần khẩn trương hoàn thiện hồ sơ, trình cấp có thẩm quyền xem xét, quyết định",
]

RESULTS = [
    "nhờ đó tổng sản phẩm trên địa bàn (GRDP) ước tăng {pct}% so với cùng kỳ",
    "thu ngân sách nhà nước ước đạt {money} tỷ đồng, bằng {pct2}% dự toán",
    "tỷ lệ hộ nghèo giảm còn {pct}%, riêng {local} giảm {pct3}%",
    "đã có {n} xã đạt chuẩn nông thôn mới, {m} xã đạt chuẩn nông thôn mới nâng cao",
    "giá trị giải ngân vốn đầu tư công đạt {pct2}% kế hoạch vốn được giao",
    "đã hoàn thành bàn giao {n} ha mặt bằng sạch cho chủ đầu tư",
    "có {n} hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình",
]

CLOSERS = [
    "Tuy nhiên, tiến độ một số dự án còn chậm, công tác phối hợp giữa các ngành có lúc chưa chặt chẽ.",
    "Các đơn vị cần tiếp tục theo dõi, báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 25 hằng tháng.",
    "Đây là cơ sở quan trọng để hoàn thành thắng lợi các mục tiêu của Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII.",
    "Ủy ban nhân dân tỉnh đề nghị các đồng chí đại biểu xem xét, cho ý kiến để hoàn thiện trước khi ban hành.",
    "Đồng thời, cần chú trọng công tác thông tin, tuyên truyền để tạo sự đồng thuận trong nhân dân.",
    "Quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời phản ánh về {planning} để tổng hợp.",
]

SIGNERS = [
    ("Võ Văn Hưng", "CHỦ TỊCH"), ("Hà Sỹ Đồng", "PHÓ CHỦ TỊCH"), ("Hoàng Nam", "PHÓ CHỦ TỊCH"),
    ("Lê Đức Tiến", "PHÓ CHỦ TỊCH"), ("Nguyễn Thị Ánh Tuyết", "GIÁM ĐỐC"), ("Trần Quốc Việt", "PHÓ GIÁM ĐỐC"),
]


@dataclass(frozen=True)
class PlaceBank:
    """What one map's papers name: issuing agencies, local units, the department that plans."""

    agencies: tuple[tuple[str, str | None, str], ...]  # (name, parent, symbol) for a corpus's issuers
    units: tuple[str, ...]  # the local units as a table's rows name them
    locals: tuple[str, ...]  # those running text names: "huyện Vĩnh Linh", "đặc khu Cồn Cỏ"
    all_locals: str  # the local units together, after "Ủy ban nhân dân"
    planning: str  # the department that plans and proposes, and its symbol on a tờ trình
    symbol: str
    partner: str  # the department it works with
    coast: str  # the coastal unit a road project passes
    ntm_column: str  # what the indicator table counts as meeting the new-countryside standard
    law: str  # the law on local government the căn cứ cite first

    @property
    def bases(self) -> list[str]:
        return [self.law, *BASES, PROPOSAL.format(planning=self.planning, symbol=self.symbol)]

    @property
    def words(self) -> dict[str, str]:
        return {"all_locals": self.all_locals, "planning": self.planning, "partner": self.partner, "coast": self.coast}


def _in_text(name: str) -> str:
    """A unit's whole name inside a sentence, its kind lower-case: never cut to a place name."""
    return name[0].lower() + name[1:]


_PROVINCE_SHORT = "UBND tỉnh Quảng Trị"
_DEPARTMENTS_2025 = {code: (name, symbol) for code, name, _kind, symbol in data2025.AGENCIES}
_UNITS_2025 = {code: (name, official) for code, name, official, _short, _place in data2025.COMMUNES}

#: Each demo map's bank, by scheme. Since 1 July 2025 (two levels): wards, communes and the
#: special zone of the merged province, and today's departments, all from ``demo.data2025``.
BANKS = {
    "2019": PlaceBank(
        agencies=tuple(AGENCIES),
        units=tuple(DISTRICTS),
        locals=tuple(_in_text(name) for name in DISTRICTS[2:9]),  # the districts proper
        all_locals="các huyện, thị xã, thành phố",
        planning="Sở Kế hoạch và Đầu tư",
        symbol="SKHĐT",
        partner="Sở Tài chính",
        coast="huyện Hải Lăng",
        ntm_column="Xã đạt chuẩn NTM",
        law="Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
            "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
    ),
    "2025": PlaceBank(
        agencies=(
            (data2025.BODIES[1][4], None, "UBND"),
            *((name, _PROVINCE_SHORT, symbol) for name, symbol in _DEPARTMENTS_2025.values()),
            # departments the 2025 arrangement left as they were
            ("Sở Giáo dục và Đào tạo", _PROVINCE_SHORT, "SGDĐT"),
            ("Sở Y tế", _PROVINCE_SHORT, "SYT"),
            *((_UNITS_2025[code][1], _PROVINCE_SHORT, "UBND") for code in ("QT-DHOI", "QT-VLINH", "QT-CONCO")),
        ),
        units=tuple(name for name, _official in _UNITS_2025.values()),
        locals=tuple(_in_text(name) for name, _official in _UNITS_2025.values()),
        all_locals="các xã, phường, đặc khu",
        planning=_DEPARTMENTS_2025["QT-STC"][0],  # Sở Kế hoạch và Đầu tư merged into it in 2025
        symbol=_DEPARTMENTS_2025["QT-STC"][1],
        partner=_DEPARTMENTS_2025["QT-SXD"][0],
        coast=_in_text(_UNITS_2025["QT-CTUNG"][0]),
        ntm_column="Thôn đạt chuẩn NTM kiểu mẫu",
        law="Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    ),
}


def bank(scheme: str) -> PlaceBank:
    if scheme not in BANKS:
        raise ValueError(f"no sample text for scheme {scheme!r}; one of {sorted(BANKS)}")
    return BANKS[scheme]


def agency(rnd: random.Random, places: PlaceBank) -> tuple[str, str | None, str]:
    return rnd.choice(places.agencies)


def subject(rnd: random.Random, kind: str, places: PlaceBank) -> str:
    return rnd.choice(SUBJECTS[kind]).format(**places.words)


def addressee(spec: SampleSpec, rnd: random.Random) -> str:
    if "tỉnh" in spec.issuing_agency:
        return rnd.choice(["Hội đồng nhân dân tỉnh Quảng Trị", "Thường trực Tỉnh ủy Quảng Trị"])
    return "Ủy ban nhân dân tỉnh Quảng Trị"


def legal_bases(rnd: random.Random, places: PlaceBank) -> list[str]:
    bases = places.bases
    picked = rnd.sample(bases[:-1], k=rnd.randint(2, 4))
    return [*sorted(picked, key=bases.index), bases[-1]]


def section_titles(kind: str) -> list[str]:
    return SECTIONS.get(kind, SECTIONS["BC"])


def subsection_title(rnd: random.Random) -> str:
    return rnd.choice(SUBSECTIONS)


def article_title(rnd: random.Random) -> str:
    return rnd.choice(ARTICLES)


def _fill(template: str, rnd: random.Random, places: PlaceBank) -> str:
    return template.format(
        local=rnd.choice(places.locals),
        pct=f"{rnd.uniform(1.5, 9.5):.2f}".replace(".", ","),
        pct2=f"{rnd.uniform(45, 115):.1f}".replace(".", ","),
        pct3=f"{rnd.uniform(0.5, 4):.2f}".replace(".", ","),
        money=f"{rnd.randint(800, 4200):,}".replace(",", "."),
        n=rnd.randint(3, 480),
        m=rnd.randint(1, 40),
        **places.words,
    )


def sentence(rnd: random.Random, places: PlaceBank) -> str:
    actor = _fill(rnd.choice(ACTORS), rnd, places)
    return f"{rnd.choice(OPENERS)} {actor} {rnd.choice(ACTIONS)}; {_fill(rnd.choice(RESULTS), rnd, places)}."


def paragraph(rnd: random.Random, spec: SampleSpec) -> str:
    places = bank(spec.scheme)
    parts = [sentence(rnd, places) for _ in range(rnd.randint(1, 3))]
    if rnd.random() < 0.6:
        parts.append(rnd.choice(CLOSERS).format(**places.words))
    return " ".join(parts)


def table_caption(rnd: random.Random, year: int) -> str:
    return rnd.choice(
        [
            f"Một số chỉ tiêu kinh tế - xã hội chủ yếu năm {year - 1} theo địa phương",
            f"Kết quả thu ngân sách và giải ngân vốn đầu tư công đến ngày 28/02/{year}",
            "Tình hình thực hiện các tiêu chí nông thôn mới theo đơn vị hành chính",
        ]
    )


def indicator_rows(rnd: random.Random, year: int, places: PlaceBank) -> tuple[list[str], list[list[str]]]:
    columns = ["Địa phương", "Tăng trưởng GRDP (%)", "Thu ngân sách (tỷ đồng)", "Tỷ lệ hộ nghèo (%)", places.ntm_column]
    names = rnd.sample(places.units, k=rnd.randint(5, 8))
    rows: list[list[str]] = []
    total_money = 0
    total_xa = 0
    for name in names:
        money = rnd.randint(40, 900)
        xa = rnd.randint(0, 18)
        total_money += money
        total_xa += xa
        rows.append(
            [
                name,
                f"{rnd.uniform(2, 11):.2f}".replace(".", ","),
                f"{money:,}".replace(",", "."),
                f"{rnd.uniform(0.8, 24):.2f}".replace(".", ","),
                str(xa),
            ]
        )
    rows.append(["Toàn tỉnh", f"{rnd.uniform(5, 8):.2f}".replace(".", ","), f"{total_money:,}".replace(",", "."), "-", str(total_xa)])
    return columns, rows


def signer_for(kind: str, rnd: random.Random) -> Signer:
    name, title = rnd.choice(SIGNERS)
    if title == "CHỦ TỊCH":
        return Signer("TM. ỦY BAN NHÂN DÂN", title, name)
    if title == "PHÓ CHỦ TỊCH":
        return Signer("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", title, name)
    if title == "PHÓ GIÁM ĐỐC":
        return Signer("KT. GIÁM ĐỐC", title, name)
    return Signer("", title, name)


def recipients(spec: SampleSpec, rnd: random.Random) -> list[str]:
    lines = []
    if spec.doc_type in ("TTr", "BC"):
        lines.append("Như trên")
    pool = [
        "Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh",
        "Các sở, ban, ngành cấp tỉnh", f"UBND {bank(spec.scheme).all_locals}", "Đại biểu HĐND tỉnh",
        "Lãnh đạo VP UBND tỉnh", "Cổng thông tin điện tử tỉnh",
    ]
    lines += rnd.sample(pool, k=rnd.randint(2, 5))
    lines.append(f"Lưu: VT, {rnd.choice(['TH', 'KT', 'VX', 'NC', 'TCCB'])}")
    return lines
