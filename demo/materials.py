"""Generated Vietnamese PDFs (tờ trình, báo cáo, dự thảo nghị quyết, kế hoạch) attached to
the demo meetings' agenda items, once."""

from __future__ import annotations

from datetime import date

from documents.library import list_documents
from documents.records import DocumentMeta
from meetings.materials import import_material
from store.engine import Store

PROVINCE = "Ủy ban nhân dân tỉnh Quảng Trị"
VINH_LINH = "Ủy ban nhân dân huyện Vĩnh Linh"
VINH_GIANG = "Ủy ban nhân dân xã Vĩnh Giang"
DONG_HOI = "Ủy ban nhân dân phường Đồng Hới"

# meeting key → [(item, sample type, library type, number, subject, issuer, pages, classification)]
MATERIALS = {
    "province": [
        ("2.1", "BC", "bao_cao", "245/BC-UBND", "Tình hình kinh tế - xã hội tháng 11 và nhiệm vụ trọng tâm tháng 12 năm 2026", PROVINCE, 6, "thuong"),
        ("2.2", "BC", "bao_cao", "87/BC-STC", "Tình hình thu, chi ngân sách nhà nước 11 tháng năm 2026", "Sở Tài chính tỉnh Quảng Trị", 4, "thuong"),
        ("3.1", "TTr", "to_trinh", "312/TTr-UBND", "Về việc phân bổ dự toán ngân sách địa phương năm 2027", PROVINCE, 4, "thuong"),
        ("3.1", "NQ", "du_thao_nghi_quyet", "", "Về việc phân bổ dự toán ngân sách địa phương năm 2027", "Hội đồng nhân dân tỉnh Quảng Trị", 5, "mat"),
        ("4", "KH", "ke_hoach", "198/KH-UBND", "Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2027", PROVINCE, 5, "thuong"),
    ],
    "district": [
        ("2.1", "TTr", "to_trinh", "56/TTr-UBND", "Về việc phê duyệt Kế hoạch chuyển đổi số huyện Vĩnh Linh giai đoạn 2026 - 2030", VINH_LINH, 3, "thuong"),
    ],
    "commune": [
        ("1", "BC", "bao_cao", "41/BC-UBND", "Kết quả thực hiện nhiệm vụ tháng 11 năm 2026", VINH_GIANG, 3, "thuong"),
    ],
}


# The same papers on today's map: the finance department reports, a ward's committee its own.
MATERIALS_2025 = {
    "province": MATERIALS["province"],
    "commune": [("1", "BC", "bao_cao", "41/BC-UBND", "Kết quả thực hiện nhiệm vụ tháng 11 năm 2026", DONG_HOI, 3, "thuong")],
}
#: The place on each meeting's papers (địa danh), as the issuing unit's data has it.
PLACES = {"commune": "Đồng Hới"}


def attach_demo_materials(store: Store, meeting_ids: dict[str, int], actor_id: int | None, scheme: str = "2025") -> int:
    """Generate and import the demo PDFs each meeting does not have yet; returns how many.

    Each document is its own transaction, so a run that was killed half-way left some: the
    next run adds the missing ones by title (a whole meeting was skipped before, so its
    classified paper never arrived).
    """
    from demo.samples import SampleSpec, generate_pdf  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    added = 0
    materials = MATERIALS_2025 if scheme == "2025" else MATERIALS
    for key, rows in materials.items():
        meeting_id = meeting_ids.get(key)
        if meeting_id is None:
            continue
        with store.read() as s:
            present = {d.title for d in list_documents(s, meeting_id)}
        for seed, (item, sample_type, doc_type, number, subject, issuer, pages, classification) in enumerate(rows):
            spec = SampleSpec(doc_type=sample_type, number=number or f"   /{sample_type}-HĐND", issuing_agency=issuer,
                              subject=subject, issued_on=date(2026, 11, 20 + seed), pages=pages, seed=seed + 7,
                              place=PLACES.get(key, "Quảng Trị") if scheme == "2025" else "Quảng Trị", scheme=scheme)
            title = f"{spec.type_name} {subject[0].lower()}{subject[1:]}"
            if title in present:
                continue
            meta = DocumentMeta(title=title, doc_type=doc_type, number=number, issuing_unit=issuer,
                                issued_on=spec.issued_on, classification=classification)
            import_material(store, actor_id, meeting_id, item, generate_pdf(spec), meta)
            added += 1
    return added
