"""The demo store's content: Quảng Trị province, five districts, their communes, officials,
and meetings at three levels. Names of officials are invented; place names are real."""

from __future__ import annotations

from datetime import date

from demo.common import LiveRecord

#: The map this demo is drawn on, and its levels' codes (as the scheme's data names them).
SCHEME = "2019"
PROVINCE_LEVEL, DISTRICT_LEVEL, COMMUNE_LEVEL = "province", "district", "commune"

PROVINCE = ("QT", "Tỉnh Quảng Trị")

DISTRICTS = {
    "QT-VL": ("Huyện Vĩnh Linh", [("QT-VL-VG", "Xã Vĩnh Giang"), ("QT-VL-VT", "Xã Vĩnh Thái"),
                                  ("QT-VL-VTU", "Xã Vĩnh Tú"), ("QT-VL-VH", "Xã Vĩnh Hòa")]),
    "QT-DK": ("Huyện Đakrông", [("QT-DK-TR", "Xã Tà Rụt"), ("QT-DK-AN", "Xã A Ngo"), ("QT-DK-BL", "Xã Ba Lòng")]),
    "QT-HL": ("Huyện Hải Lăng", [("QT-HL-HP", "Xã Hải Phú"), ("QT-HL-HT", "Xã Hải Thượng"), ("QT-HL-HD", "Xã Hải Định")]),
    "QT-GL": ("Huyện Gio Linh", [("QT-GL-GM", "Xã Gio Mỹ"), ("QT-GL-GS", "Xã Gio Sơn"), ("QT-GL-TG", "Xã Trung Giang")]),
    "QT-CL": ("Huyện Cam Lộ", [("QT-CL-CT", "Xã Cam Thành"), ("QT-CL-CH", "Xã Cam Hiếu"), ("QT-CL-CTU", "Xã Cam Tuyền")]),
}
#: Each unit's People's Committee: official name, short name and place name (địa danh), as their papers write them.
COMMITTEES = {
    "QT": ("Ủy ban nhân dân tỉnh Quảng Trị", "UBND tỉnh Quảng Trị", "Quảng Trị"),
    "QT-VL": ("Ủy ban nhân dân huyện Vĩnh Linh", "UBND huyện Vĩnh Linh", "Vĩnh Linh"),
    "QT-DK": ("Ủy ban nhân dân huyện Đakrông", "UBND huyện Đakrông", "Đakrông"),
    "QT-HL": ("Ủy ban nhân dân huyện Hải Lăng", "UBND huyện Hải Lăng", "Hải Lăng"),
    "QT-GL": ("Ủy ban nhân dân huyện Gio Linh", "UBND huyện Gio Linh", "Gio Linh"),
    "QT-CL": ("Ủy ban nhân dân huyện Cam Lộ", "UBND huyện Cam Lộ", "Cam Lộ"),
    "QT-VL-VG": ("Ủy ban nhân dân xã Vĩnh Giang", "UBND xã Vĩnh Giang", "Vĩnh Giang"),
    "QT-VL-VT": ("Ủy ban nhân dân xã Vĩnh Thái", "UBND xã Vĩnh Thái", "Vĩnh Thái"),
    "QT-VL-VTU": ("Ủy ban nhân dân xã Vĩnh Tú", "UBND xã Vĩnh Tú", "Vĩnh Tú"),
    "QT-VL-VH": ("Ủy ban nhân dân xã Vĩnh Hòa", "UBND xã Vĩnh Hòa", "Vĩnh Hòa"),
    "QT-DK-TR": ("Ủy ban nhân dân xã Tà Rụt", "UBND xã Tà Rụt", "Tà Rụt"),
    "QT-DK-AN": ("Ủy ban nhân dân xã A Ngo", "UBND xã A Ngo", "A Ngo"),
    "QT-DK-BL": ("Ủy ban nhân dân xã Ba Lòng", "UBND xã Ba Lòng", "Ba Lòng"),
    "QT-HL-HP": ("Ủy ban nhân dân xã Hải Phú", "UBND xã Hải Phú", "Hải Phú"),
    "QT-HL-HT": ("Ủy ban nhân dân xã Hải Thượng", "UBND xã Hải Thượng", "Hải Thượng"),
    "QT-HL-HD": ("Ủy ban nhân dân xã Hải Định", "UBND xã Hải Định", "Hải Định"),
    "QT-GL-GM": ("Ủy ban nhân dân xã Gio Mỹ", "UBND xã Gio Mỹ", "Gio Mỹ"),
    "QT-GL-GS": ("Ủy ban nhân dân xã Gio Sơn", "UBND xã Gio Sơn", "Gio Sơn"),
    "QT-GL-TG": ("Ủy ban nhân dân xã Trung Giang", "UBND xã Trung Giang", "Trung Giang"),
    "QT-CL-CT": ("Ủy ban nhân dân xã Cam Thành", "UBND xã Cam Thành", "Cam Thành"),
    "QT-CL-CH": ("Ủy ban nhân dân xã Cam Hiếu", "UBND xã Cam Hiếu", "Cam Hiếu"),
    "QT-CL-CTU": ("Ủy ban nhân dân xã Cam Tuyền", "UBND xã Cam Tuyền", "Cam Tuyền"),
}

# (email, full name, position, unit code)
PROVINCE_PEOPLE = [
    ("minh.nv@quangtri.gov.vn", "Nguyễn Văn Minh", "Chủ tịch UBND tỉnh", "QT"),
    ("ha.ttt@quangtri.gov.vn", "Trần Thị Thu Hà", "Phó Chủ tịch UBND tỉnh", "QT"),
    ("dung.lq@quangtri.gov.vn", "Lê Quốc Dũng", "Phó Chủ tịch UBND tỉnh", "QT"),
    ("huy.lq@quangtri.gov.vn", "Lê Quang Huy", "Chánh Văn phòng UBND tỉnh", "QT"),
    ("anh.ptn@quangtri.gov.vn", "Phạm Thị Ngọc Ánh", "Chuyên viên Văn phòng UBND tỉnh", "QT"),
    ("thang.hd@quangtri.gov.vn", "Hoàng Đức Thắng", "Giám đốc Sở Kế hoạch và Đầu tư", "QT"),
    ("lan.dt@quangtri.gov.vn", "Đặng Thị Lan", "Giám đốc Sở Tài chính", "QT"),
    ("khoa.bd@quangtri.gov.vn", "Bùi Đăng Khoa", "Chỉ huy trưởng Ban Chỉ huy Phòng chống thiên tai tỉnh", "QT"),
]
DISTRICT_PEOPLE = {
    "QT-VL": [("Võ Thanh Tùng", "Chủ tịch UBND huyện Vĩnh Linh"), ("Ngô Thị Mai", "Phó Chủ tịch UBND huyện Vĩnh Linh"),
              ("Đỗ Văn Lực", "Chánh Văn phòng HĐND và UBND huyện")],
    "QT-DK": [("Hồ Văn Sơn", "Chủ tịch UBND huyện Đakrông"), ("Kăn Thị Hiền", "Phó Chủ tịch UBND huyện Đakrông")],
    "QT-HL": [("Phan Văn Đức", "Chủ tịch UBND huyện Hải Lăng"), ("Lê Thị Hồng", "Phó Chủ tịch UBND huyện Hải Lăng")],
    "QT-GL": [("Trương Công Hậu", "Chủ tịch UBND huyện Gio Linh"), ("Nguyễn Thị Yến", "Phó Chủ tịch UBND huyện Gio Linh")],
    "QT-CL": [("Đinh Quang Vinh", "Chủ tịch UBND huyện Cam Lộ"), ("Tạ Thị Phương", "Phó Chủ tịch UBND huyện Cam Lộ")],
}
COMMUNE_CHAIRS = ["Nguyễn Hữu Phước", "Trần Văn Lợi", "Lê Thị Thanh", "Phạm Văn Hòa", "Hoàng Thị Nga",
                  "Võ Đình Quý", "Đặng Văn Tâm", "Bùi Thị Hằng", "Hồ Sỹ Long", "Ngô Văn Thành",
                  "Phan Thị Diệu", "Trương Văn Nam", "Đinh Thị Loan", "Tạ Quang Sáng", "Lê Văn Bình",
                  "Nguyễn Thị Hạnh"]

# Agenda as (title, presenter, minutes, children)
PROVINCIAL_AGENDA = [
    ("Khai mạc, thông qua chương trình phiên họp", "Chủ tịch UBND tỉnh", 10, []),
    ("Tình hình kinh tế - xã hội tháng 11 và nhiệm vụ trọng tâm tháng 12 năm 2026", "Giám đốc Sở Kế hoạch và Đầu tư", 0, [
        ("Báo cáo tình hình kinh tế - xã hội tháng 11 năm 2026", "Giám đốc Sở Kế hoạch và Đầu tư", 20, []),
        ("Báo cáo tình hình thu, chi ngân sách nhà nước 11 tháng năm 2026", "Giám đốc Sở Tài chính", 15, []),
    ]),
    ("Dự thảo Nghị quyết về phân bổ dự toán ngân sách địa phương năm 2027", "Giám đốc Sở Tài chính", 0, [
        ("Tờ trình và dự thảo Nghị quyết", "Giám đốc Sở Tài chính", 15, []),
        ("Ý kiến các huyện và thảo luận", "Chủ tịch UBND các huyện", 20, []),
    ]),
    ("Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2027", "Chỉ huy trưởng Ban Chỉ huy PCTT tỉnh", 25, []),
    ("Kết luận phiên họp", "Chủ tịch UBND tỉnh", 15, []),
]
NOVEMBER_AGENDA = [
    ("Khai mạc, thông qua chương trình phiên họp", "Chủ tịch UBND tỉnh", 10, []),
    ("Tình hình kinh tế - xã hội tháng 10 năm 2026", "Giám đốc Sở Kế hoạch và Đầu tư", 30, []),
    ("Kết luận phiên họp", "Chủ tịch UBND tỉnh", 15, []),
]
DISTRICT_AGENDA = [
    ("Khai mạc", "Chủ tịch UBND huyện", 5, []),
    ("Kế hoạch chuyển đổi số huyện Vĩnh Linh giai đoạn 2026 - 2030", "Chánh Văn phòng HĐND và UBND huyện", 0, [
        ("Tờ trình phê duyệt Kế hoạch", "Chánh Văn phòng HĐND và UBND huyện", 20, []),
        ("Ý kiến các xã", "Chủ tịch UBND các xã", 25, []),
    ]),
    ("Kết luận hội nghị", "Chủ tịch UBND huyện", 10, []),
]
COMMUNE_AGENDA = [
    ("Báo cáo kết quả thực hiện nhiệm vụ tháng 11 năm 2026", "Chủ tịch UBND xã", 20, []),
    ("Triển khai kế hoạch bảo đảm an ninh trật tự dịp Tết Nguyên đán", "Chủ tịch UBND xã", 20, []),
    ("Kết luận", "Chủ tịch UBND xã", 10, []),
]

# The November session's record (demo.live): the roll-call question, conclusions, and tasks
# with the unit that owns each (code, deadline, which conclusion).
LIVE = LiveRecord(
    roll_call="Thống nhất giao Sở Kế hoạch và Đầu tư chủ trì tổng hợp kiến nghị của các huyện",
    conclusion_1="Thống nhất thông qua Báo cáo tình hình kinh tế - xã hội tháng 10 năm 2026; "
                 "các sở, ngành tập trung hoàn thành các chỉ tiêu còn lại của năm.",
    conclusion_2="Giao UBND các huyện đẩy nhanh tiến độ giải ngân vốn đầu tư công, báo cáo "
                 "kết quả trước phiên họp tháng 12.",
    tasks=(("Báo cáo tiến độ giải ngân vốn đầu tư công trên địa bàn huyện", "QT-VL", date(2026, 11, 30), 2),
           ("Rà soát, đề xuất điều chuyển vốn các dự án chậm giải ngân", "QT-DK", date(2026, 12, 5), 2),
           ("Tổng hợp kiến nghị của các huyện về chỉ tiêu kinh tế - xã hội", "QT", date(2026, 11, 20), 1)),
)
