"""Document types of Decree 30/2020 (Phụ lục III) that meetings circulate."""

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
    "phu_luc": ("Phụ lục", ""),
    "khac": ("Tài liệu khác", ""),
}


def doc_type_name(code: str) -> str:
    return DOC_TYPES.get(code, (code, ""))[0]


def parse_doc_type(text: str) -> str:
    """Accept a code, a Vietnamese name (with or without marks) or an abbreviation."""
    wanted = fold_for_search(text)
    for code, (name, abbr) in DOC_TYPES.items():
        if wanted in (fold_for_search(code), fold_for_search(name)) or (abbr and wanted == fold_for_search(abbr)
                                                                        and not code.startswith("du_thao")):
            return code
    names = ", ".join(name for name, _ in DOC_TYPES.values())
    raise InvalidInput(f"Không rõ loại văn bản '{text}'; chọn một trong: {names}.",
                       f"Unknown document type '{text}'; choose one of: {names}.")
