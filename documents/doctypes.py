"""Document types of Decree 30/2020 (Phụ lục III, the whole list) that meetings circulate and the
register numbers, and the few kinds of paper (drafts, annexes) that are never numbered."""

from __future__ import annotations

from documents.text import fold_for_search
from store.errors import InvalidInput

# code → (Vietnamese name, abbreviation in the number's symbol; "" where the decree has none)
DOC_TYPES: dict[str, tuple[str, str]] = {
    "to_trinh": ("Tờ trình", "TTr"),
    "bao_cao": ("Báo cáo", "BC"),
    "du_thao_nghi_quyet": ("Dự thảo Nghị quyết", "NQ"),
    "nghi_quyet": ("Nghị quyết", "NQ"),
    "quyet_dinh": ("Quyết định", "QĐ"),
    "du_thao_quyet_dinh": ("Dự thảo Quyết định", "QĐ"),
    "ke_hoach": ("Kế hoạch", "KH"),
    "chuong_trinh": ("Chương trình", "CTr"),
    "de_an": ("Đề án", "ĐA"),
    "cong_van": ("Công văn", ""),
    "thong_bao": ("Thông báo", "TB"),
    "bien_ban": ("Biên bản", "BB"),
    "giay_moi": ("Giấy mời", "GM"),
    "chi_thi": ("Chỉ thị", "CT"),
    "quy_che": ("Quy chế", "QC"),
    "quy_dinh": ("Quy định", "QyĐ"),
    "thong_cao": ("Thông cáo", "TC"),
    "huong_dan": ("Hướng dẫn", "HD"),
    "phuong_an": ("Phương án", "PA"),
    "du_an": ("Dự án", "DA"),
    "hop_dong": ("Hợp đồng", "HĐ"),
    "cong_dien": ("Công điện", "CĐ"),
    "ban_ghi_nho": ("Bản ghi nhớ", "BGN"),
    "ban_thoa_thuan": ("Bản thỏa thuận", "BTT"),
    "giay_uy_quyen": ("Giấy ủy quyền", "GUQ"),
    "giay_gioi_thieu": ("Giấy giới thiệu", "GGT"),
    "giay_nghi_phep": ("Giấy nghỉ phép", "GNP"),
    "phieu_gui": ("Phiếu gửi", "PG"),
    "phieu_chuyen": ("Phiếu chuyển", "PC"),
    "phieu_bao": ("Phiếu báo", "PB"),
    "thu_cong": ("Thư công", ""),
    "phu_luc": ("Phụ lục", ""),
    "khac": ("Tài liệu khác", ""),
}


def doc_type_name(code: str) -> str:
    return DOC_TYPES.get(code, (code, ""))[0]


def parse_doc_type(text: str) -> str:
    """Accept a code, a Vietnamese name (with or without marks) or an abbreviation. Exact
    spellings win over folded ones: «HĐ» (hợp đồng) and «HD» (hướng dẫn) fold alike."""
    typed = text.strip()
    for code, (name, abbr) in DOC_TYPES.items():
        if typed in (code, name) or typed.casefold() == name.casefold() or (abbr and typed == abbr):
            return code
    wanted = fold_for_search(typed)
    matches = [code for code, (name, abbr) in DOC_TYPES.items()
               if wanted in (fold_for_search(code), fold_for_search(name))
               or (abbr and wanted == fold_for_search(abbr) and not code.startswith("du_thao"))]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(name for name, _ in DOC_TYPES.values())
    if matches:
        which = ", ".join(f"{DOC_TYPES[m][0]} ({DOC_TYPES[m][1]})" for m in matches)
        raise InvalidInput(f"'{text}' có thể là {which}; hãy viết đủ dấu hoặc tên đầy đủ.",
                           f"'{text}' could be {which}; type it with its marks or in full.")
    raise InvalidInput(f"Không rõ loại văn bản '{text}'; chọn một trong: {names}.",
                       f"Unknown document type '{text}'; choose one of: {names}.")
