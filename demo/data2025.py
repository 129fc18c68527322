"""The demo on today's map (2025 scheme: trung ương → tỉnh → xã, phường, đặc khu): Quảng Trị
as merged with Quảng Bình from 1 July 2025, its seat in Đồng Hới, wards, communes and the
special zone from both former provinces (names as in the 2025 arrangement of commune-level
units, Nghị quyết 1680/NQ-UBTVQH15), its current departments (Sở Kế hoạch và Đầu tư merged
into Sở Tài chính). Names of officials are invented; place names are real.
"""

from __future__ import annotations

from datetime import date, datetime

from demo.common import LiveRecord
from store.clock import VN_TZ

SCHEME = "2025"
CENTRAL, PROVINCE, COMMUNE = "central", "province", "commune"
DOMAIN = "quangtri.gov.vn"
#: The reorganisation behind the map (for people reading the demo; the units start on it).
DECISION = "Nghị quyết số 1680/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"

# (code, name, level, parent code, official name, short name, place name)
BODIES = [
    ("CP", "Chính phủ", CENTRAL, None, "Chính phủ", "Chính phủ", "Hà Nội"),
    ("QT", "Tỉnh Quảng Trị", PROVINCE, "CP", "Ủy ban nhân dân tỉnh Quảng Trị", "UBND tỉnh Quảng Trị", "Quảng Trị"),
]
# (code, name, official name, short name, place name): from the former Quảng Bình, then the former Quảng Trị.
COMMUNES = [
    ("QT-DHOI", "Phường Đồng Hới", "Ủy ban nhân dân phường Đồng Hới", "UBND phường Đồng Hới", "Đồng Hới"),
    ("QT-DTHUAN", "Phường Đồng Thuận", "Ủy ban nhân dân phường Đồng Thuận", "UBND phường Đồng Thuận", "Đồng Thuận"),
    ("QT-DSON", "Phường Đồng Sơn", "Ủy ban nhân dân phường Đồng Sơn", "UBND phường Đồng Sơn", "Đồng Sơn"),
    ("QT-BADON", "Phường Ba Đồn", "Ủy ban nhân dân phường Ba Đồn", "UBND phường Ba Đồn", "Ba Đồn"),
    ("QT-PNHA", "Xã Phong Nha", "Ủy ban nhân dân xã Phong Nha", "UBND xã Phong Nha", "Phong Nha"),
    ("QT-LTHUY", "Xã Lệ Thủy", "Ủy ban nhân dân xã Lệ Thủy", "UBND xã Lệ Thủy", "Lệ Thủy"),
    ("QT-TTHANH", "Xã Tân Thành", "Ủy ban nhân dân xã Tân Thành", "UBND xã Tân Thành", "Tân Thành"),
    ("QT-DHA", "Phường Đông Hà", "Ủy ban nhân dân phường Đông Hà", "UBND phường Đông Hà", "Đông Hà"),
    ("QT-NDHA", "Phường Nam Đông Hà", "Ủy ban nhân dân phường Nam Đông Hà", "UBND phường Nam Đông Hà", "Nam Đông Hà"),
    ("QT-QTRI", "Phường Quảng Trị", "Ủy ban nhân dân phường Quảng Trị", "UBND phường Quảng Trị", "Quảng Trị"),
    ("QT-VLINH", "Xã Vĩnh Linh", "Ủy ban nhân dân xã Vĩnh Linh", "UBND xã Vĩnh Linh", "Vĩnh Linh"),
    ("QT-CTUNG", "Xã Cửa Tùng", "Ủy ban nhân dân xã Cửa Tùng", "UBND xã Cửa Tùng", "Cửa Tùng"),
    ("QT-VHOANG", "Xã Vĩnh Hoàng", "Ủy ban nhân dân xã Vĩnh Hoàng", "UBND xã Vĩnh Hoàng", "Vĩnh Hoàng"),
    ("QT-CONCO", "Đặc khu Cồn Cỏ", "Ủy ban nhân dân đặc khu Cồn Cỏ", "UBND đặc khu Cồn Cỏ", "Cồn Cỏ"),
]
# The province's own bodies and agencies: (code, name, kind, abbreviation)
AGENCIES = [
    ("QT-VP", "Văn phòng Ủy ban nhân dân tỉnh", "office", "VP"),
    ("QT-STC", "Sở Tài chính", "agency", "STC"),
    ("QT-SNV", "Sở Nội vụ", "agency", "SNV"),
    ("QT-SNNMT", "Sở Nông nghiệp và Môi trường", "agency", "SNNMT"),
    ("QT-SXD", "Sở Xây dựng", "agency", "SXD"),
]

# (email, full name, position, unit code); members of the provincial People's Committee are
# also given the role "thành viên" of QT (they count towards its quorum).
PROVINCE_PEOPLE = [
    ("minh.nv@quangtri.gov.vn", "Nguyễn Văn Minh", "Chủ tịch UBND tỉnh", "QT"),
    ("ha.ttt@quangtri.gov.vn", "Trần Thị Thu Hà", "Phó Chủ tịch UBND tỉnh", "QT"),
    ("dung.lq@quangtri.gov.vn", "Lê Quốc Dũng", "Phó Chủ tịch UBND tỉnh", "QT"),
    ("huy.lq@quangtri.gov.vn", "Lê Quang Huy", "Chánh Văn phòng UBND tỉnh", "QT-VP"),
    ("anh.ptn@quangtri.gov.vn", "Phạm Thị Ngọc Ánh", "Chuyên viên Văn phòng UBND tỉnh", "QT-VP"),
    ("thang.hd@quangtri.gov.vn", "Hoàng Đức Thắng", "Giám đốc Sở Nội vụ", "QT-SNV"),
    ("lan.dt@quangtri.gov.vn", "Đặng Thị Lan", "Giám đốc Sở Tài chính", "QT-STC"),
    ("khoa.bd@quangtri.gov.vn", "Bùi Đăng Khoa", "Giám đốc Sở Nông nghiệp và Môi trường", "QT-SNNMT"),
]
UBND_MEMBERS = ("minh.nv@quangtri.gov.vn", "ha.ttt@quangtri.gov.vn", "dung.lq@quangtri.gov.vn",
                "huy.lq@quangtri.gov.vn", "thang.hd@quangtri.gov.vn", "lan.dt@quangtri.gov.vn",
                "khoa.bd@quangtri.gov.vn")
#: The clerk (văn thư) of the province, and who keeps the meetings' records (thư ký).
CLERK = "anh.ptn@quangtri.gov.vn"
COMMUNE_CHAIRS = ["Nguyễn Hữu Phước", "Trần Văn Lợi", "Lê Thị Thanh", "Phạm Văn Hòa", "Hoàng Thị Nga",
                  "Võ Đình Quý", "Đặng Văn Tâm", "Bùi Thị Hằng", "Hồ Sỹ Long", "Ngô Văn Thành",
                  "Phan Thị Diệu", "Trương Văn Nam", "Đinh Thị Loan", "Tạ Quang Sáng"]
#: A commune's other officials (name, position), for its own session.
COMMUNE_STAFF = {"QT-DHOI": [("Lê Văn Bình", "Phó Chủ tịch UBND phường Đồng Hới"),
                             ("Nguyễn Thị Hạnh", "Công chức Văn phòng - Thống kê phường Đồng Hới")]}

# Agenda as (title, presenter, minutes, children)
PROVINCIAL_AGENDA = [
    ("Khai mạc, thông qua chương trình phiên họp", "Chủ tịch UBND tỉnh", 10, []),
    ("Tình hình kinh tế - xã hội tháng 11 và nhiệm vụ trọng tâm tháng 12 năm 2026", "Giám đốc Sở Tài chính", 0, [
        ("Báo cáo tình hình kinh tế - xã hội tháng 11 năm 2026", "Giám đốc Sở Tài chính", 20, []),
        ("Báo cáo tình hình thu, chi ngân sách nhà nước 11 tháng năm 2026", "Giám đốc Sở Tài chính", 15, []),
    ]),
    ("Dự thảo Nghị quyết về phân bổ dự toán ngân sách địa phương năm 2027", "Giám đốc Sở Tài chính", 0, [
        ("Tờ trình và dự thảo Nghị quyết", "Giám đốc Sở Tài chính", 15, []),
        ("Ý kiến các sở và thảo luận", "Giám đốc Sở Nội vụ", 20, []),
    ]),
    ("Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2027", "Giám đốc Sở Nông nghiệp và Môi trường", 25, []),
    ("Kết luận phiên họp", "Chủ tịch UBND tỉnh", 15, []),
]
NOVEMBER_AGENDA = [
    ("Khai mạc, thông qua chương trình phiên họp", "Chủ tịch UBND tỉnh", 10, []),
    ("Tình hình kinh tế - xã hội tháng 10 năm 2026", "Giám đốc Sở Tài chính", 30, []),
    ("Kết luận phiên họp", "Chủ tịch UBND tỉnh", 15, []),
]
CENTRAL_AGENDA = [
    ("Khai mạc hội nghị", "Thủ tướng Chính phủ", 10, []),
    ("Tình hình vận hành chính quyền địa phương hai cấp sau một năm", "Bộ trưởng Bộ Nội vụ", 0, [
        ("Báo cáo của Bộ Nội vụ", "Bộ trưởng Bộ Nội vụ", 25, []),
        ("Ý kiến của các tỉnh, thành phố và các xã, phường", "Chủ tịch UBND các tỉnh, các xã", 45, []),
    ]),
    ("Kết luận hội nghị", "Thủ tướng Chính phủ", 20, []),
]
COMMUNE_AGENDA = [
    ("Báo cáo kết quả thực hiện nhiệm vụ tháng 11 năm 2026", "Chủ tịch UBND phường", 20, []),
    ("Triển khai kế hoạch bảo đảm an ninh trật tự dịp Tết Nguyên đán", "Phó Chủ tịch UBND phường", 20, []),
    ("Kết luận", "Chủ tịch UBND phường", 10, []),
]

SEAT = "Trụ sở UBND tỉnh Quảng Trị, phường Đồng Hới"
PROVINCIAL_DECEMBER = dict(title="Phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026", kind="online",
                           start=datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ), hours=3.5,
                           location=f"Phòng họp số 1, {SEAT}")
PROVINCIAL_NOVEMBER = dict(title="Phiên họp UBND tỉnh thường kỳ tháng 11 năm 2026", kind="regular",
                           start=datetime(2026, 11, 6, 8, 0, tzinfo=VN_TZ), hours=3,
                           location=f"Phòng họp số 1, {SEAT}")
CENTRAL_CONFERENCE = dict(title="Hội nghị trực tuyến toàn quốc sơ kết một năm vận hành chính quyền địa phương hai cấp",
                          kind="online", start=datetime(2026, 12, 12, 8, 0, tzinfo=VN_TZ), hours=4,
                          location="Trụ sở Chính phủ, Hà Nội; điểm cầu các tỉnh, thành phố và xã, phường, đặc khu")
#: Wards and communes connected to December's provincial session: their chairs attend and
#: speak from their halls; they are not members of the provincial committee and do not vote.
DECEMBER_SITES = ["QT-DHOI", "QT-DHA", "QT-BADON", "QT-LTHUY", "QT-VLINH", "QT-CONCO"]
#: The communes connected to the central conference beside the province's own hall.
CONFERENCE_SITES = ["QT-DHOI", "QT-DHA", "QT-BADON", "QT-VLINH", "QT-PNHA", "QT-CONCO"]
COMMUNE_SESSION = dict(title="Họp UBND phường Đồng Hới thường kỳ tháng 12 năm 2026", kind="regular",
                       start=datetime(2026, 12, 3, 7, 30, tzinfo=VN_TZ), hours=2,
                       location="Hội trường UBND phường Đồng Hới")

# The November session's record (demo.live): the roll-call question, conclusions, and tasks
# with the unit that owns each.
LIVE = LiveRecord(
    roll_call="Thống nhất giao Sở Tài chính chủ trì tổng hợp kiến nghị của các xã, phường",
    conclusion_1="Thống nhất thông qua Báo cáo tình hình kinh tế - xã hội tháng 10 năm 2026; "
                 "các sở, ngành tập trung hoàn thành các chỉ tiêu còn lại của năm.",
    conclusion_2="Giao Sở Tài chính và UBND các xã, phường đẩy nhanh tiến độ giải ngân vốn đầu tư công, báo cáo "
                 "kết quả trước phiên họp tháng 12.",
    tasks=(("Báo cáo tiến độ giải ngân vốn đầu tư công trên địa bàn phường", "QT-DHOI", date(2026, 11, 30), 2),
           ("Rà soát, đề xuất điều chuyển vốn các dự án chậm giải ngân", "QT-STC", date(2026, 12, 5), 2),
           ("Tổng hợp kiến nghị của các xã, phường về chỉ tiêu kinh tế - xã hội", "QT-SNV", date(2026, 11, 20), 1)),
)
