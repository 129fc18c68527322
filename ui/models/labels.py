"""Names the core keeps as codes (statuses, kinds, roles, levels, document types), shown in
the person's language.

The Vietnamese texts are the core's own (a test checks they match ``STATUS_VI`` and friends,
so they cannot drift); they are repeated here, marked with ``QT_TRANSLATE_NOOP``, because Qt's
translation tools only see literal strings, and because importing ``meetings`` at start-up
would pull in SQLAlchemy's ORM before the window shows.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from store.clock import VN_TZ

CTX = "labels"

STATUS = {
    "draft": QT_TRANSLATE_NOOP("labels", "dự thảo"),
    "published": QT_TRANSLATE_NOOP("labels", "đã phát hành"),
    "in_progress": QT_TRANSLATE_NOOP("labels", "đang họp"),
    "closed": QT_TRANSLATE_NOOP("labels", "đã kết thúc"),
    "archived": QT_TRANSLATE_NOOP("labels", "đã lưu trữ"),
}
KIND = {
    "regular": QT_TRANSLATE_NOOP("labels", "thường kỳ"),
    "thematic": QT_TRANSLATE_NOOP("labels", "chuyên đề"),
    "online": QT_TRANSLATE_NOOP("labels", "trực tuyến có điểm cầu"),
}
ROLE = {
    "chair": QT_TRANSLATE_NOOP("labels", "chủ trì"),
    "secretary": QT_TRANSLATE_NOOP("labels", "thư ký"),
    "member": QT_TRANSLATE_NOOP("labels", "thành viên"),
    "guest": QT_TRANSLATE_NOOP("labels", "khách mời"),
}
CLASSIFICATION = {
    "thuong": QT_TRANSLATE_NOOP("labels", "thường"),
    "mat": QT_TRANSLATE_NOOP("labels", "mật"),
    "toi_mat": QT_TRANSLATE_NOOP("labels", "tối mật"),
}
DOC_TYPE = {
    "to_trinh": QT_TRANSLATE_NOOP("labels", "Tờ trình"),
    "bao_cao": QT_TRANSLATE_NOOP("labels", "Báo cáo"),
    "du_thao_nghi_quyet": QT_TRANSLATE_NOOP("labels", "Dự thảo Nghị quyết"),
    "nghi_quyet": QT_TRANSLATE_NOOP("labels", "Nghị quyết"),
    "quyet_dinh": QT_TRANSLATE_NOOP("labels", "Quyết định"),
    "du_thao_quyet_dinh": QT_TRANSLATE_NOOP("labels", "Dự thảo Quyết định"),
    "ke_hoach": QT_TRANSLATE_NOOP("labels", "Kế hoạch"),
    "chuong_trinh": QT_TRANSLATE_NOOP("labels", "Chương trình"),
    "de_an": QT_TRANSLATE_NOOP("labels", "Đề án"),
    "cong_van": QT_TRANSLATE_NOOP("labels", "Công văn"),
    "thong_bao": QT_TRANSLATE_NOOP("labels", "Thông báo"),
    "bien_ban": QT_TRANSLATE_NOOP("labels", "Biên bản"),
    "giay_moi": QT_TRANSLATE_NOOP("labels", "Giấy mời"),
    "chi_thi": QT_TRANSLATE_NOOP("labels", "Chỉ thị"),
    "quy_che": QT_TRANSLATE_NOOP("labels", "Quy chế"),
    "quy_dinh": QT_TRANSLATE_NOOP("labels", "Quy định"),
    "thong_cao": QT_TRANSLATE_NOOP("labels", "Thông cáo"),
    "huong_dan": QT_TRANSLATE_NOOP("labels", "Hướng dẫn"),
    "phuong_an": QT_TRANSLATE_NOOP("labels", "Phương án"),
    "du_an": QT_TRANSLATE_NOOP("labels", "Dự án"),
    "hop_dong": QT_TRANSLATE_NOOP("labels", "Hợp đồng"),
    "cong_dien": QT_TRANSLATE_NOOP("labels", "Công điện"),
    "ban_ghi_nho": QT_TRANSLATE_NOOP("labels", "Bản ghi nhớ"),
    "ban_thoa_thuan": QT_TRANSLATE_NOOP("labels", "Bản thỏa thuận"),
    "giay_uy_quyen": QT_TRANSLATE_NOOP("labels", "Giấy ủy quyền"),
    "giay_gioi_thieu": QT_TRANSLATE_NOOP("labels", "Giấy giới thiệu"),
    "giay_nghi_phep": QT_TRANSLATE_NOOP("labels", "Giấy nghỉ phép"),
    "phieu_gui": QT_TRANSLATE_NOOP("labels", "Phiếu gửi"),
    "phieu_chuyen": QT_TRANSLATE_NOOP("labels", "Phiếu chuyển"),
    "phieu_bao": QT_TRANSLATE_NOOP("labels", "Phiếu báo"),
    "thu_cong": QT_TRANSLATE_NOOP("labels", "Thư công"),
    "phu_luc": QT_TRANSLATE_NOOP("labels", "Phụ lục"),
    "khac": QT_TRANSLATE_NOOP("labels", "Tài liệu khác"),
}


def tr(table: dict[str, str], code: str) -> str:
    """The label of ``code`` in the current language; an unknown code is shown as is."""
    text = table.get(code)
    return QCoreApplication.translate(CTX, text) if text else code


def vn_time(at: datetime | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
    """A stored (UTC) time as Vietnam's wall clock, dd/mm/yyyy as offices write it."""
    if at is None:
        return ""

    return at.astimezone(VN_TZ).strftime(fmt)
