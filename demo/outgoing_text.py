"""The words of the demo's outgoing documents: a body for each kind (công văn, kế hoạch, thông
báo, báo cáo, quyết định), written as its issuer writes to those below it, citing the document
it answers or carries out when there is one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from documents.doctypes import doc_type_name


@dataclass(frozen=True)
class Cited:
    """The document a text answers or carries out: "Công văn số 123/STC-VP ngày 05/3/2026 của Sở Tài chính"."""

    doc_type: str
    symbol: str
    day: date
    sender: str

    def __str__(self) -> str:
        kind = "Công văn" if self.doc_type == "cong_van" else doc_type_name(self.doc_type)
        return f"{kind} số {self.symbol} ngày {self.day:%d/%m/%Y} của {self.sender}"


def _topic(subject: str) -> str:
    for prefix in ("V/v ", "Về việc ", "Kế hoạch ", "Thông báo ", "Báo cáo "):
        if subject.startswith(prefix):
            return subject[len(prefix):]
    return subject[0].lower() + subject[1:]


def body(doc_type: str, subject: str, issuer: str, *, province: bool, report_by: date | None = None,
         cites: Cited | None = None) -> tuple[str, ...]:
    """``issuer``: "Ủy ban nhân dân tỉnh" or the ward's official name; ``province``: written to the
    province's departments and communes, else to the ward's own sections."""
    topic = _topic(subject)
    below = ("các sở, ban, ngành, Ủy ban nhân dân các xã, phường, đặc khu" if province
             else "các bộ phận chuyên môn, các thôn, tổ dân phố")
    opening = f"Thực hiện {cites}, " if cites else ""
    asked = (f"Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh (qua Văn phòng Ủy ban nhân dân tỉnh) trước ngày "
             f"{report_by:%d/%m/%Y} để tổng hợp./." if report_by else f"Đề nghị {below} nghiêm túc thực hiện./.")
    if doc_type == "quyet_dinh":
        article_3 = ("Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân "
                     "các xã, phường, đặc khu" if province else "Công chức Văn phòng - Thống kê, các bộ phận chuyên môn "
                     "và Trưởng các thôn, tổ dân phố")
        return (f"Điều 1. {topic[0].upper()}{topic[1:]}, chi tiết tại Phụ lục kèm theo Quyết định này.",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                f"Điều 3. {article_3} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.")
    if doc_type == "ke_hoach":
        return (f"{opening}{issuer} ban hành Kế hoạch {topic} như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "Triển khai đồng bộ, kịp thời các nhiệm vụ; phân công rõ người, rõ việc, rõ thời gian hoàn thành.",
                "II. NỘI DUNG VÀ TỔ CHỨC THỰC HIỆN",
                f"Giao {below} căn cứ chức năng, nhiệm vụ xây dựng kế hoạch chi tiết, tổ chức thực hiện. {asked}")
    if doc_type == "thong_bao":
        return (f"{opening}{issuer} thông báo {topic} như sau:",
                "1. Nội dung, thời gian và địa điểm theo danh sách kèm theo Thông báo này.",
                f"2. Đề nghị {below} phối hợp, tổ chức thực hiện; niêm yết công khai để Nhân dân biết./.")
    if doc_type == "bao_cao":
        return (f"{opening}{issuer} báo cáo {topic} như sau:",
                "I. KẾT QUẢ ĐẠT ĐƯỢC",
                "Công tác chỉ đạo, điều hành được triển khai kịp thời; các chỉ tiêu cơ bản đạt và vượt kế hoạch.",
                "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                "Một số nhiệm vụ còn chậm so với kế hoạch do nguồn lực hạn chế và ảnh hưởng của thời tiết.",
                "III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
                "Tập trung chỉ đạo hoàn thành các nhiệm vụ còn lại; tăng cường kiểm tra, đôn đốc./.")
    return (f"{opening}về việc {topic}, {issuer} đề nghị {below}:" if opening
            else f"Về việc {topic}, {issuer} đề nghị {below}:",
            "1. Quán triệt, triển khai thực hiện nghiêm túc, kịp thời các nhiệm vụ được giao.",
            "2. Chủ động rà soát, tháo gỡ khó khăn, vướng mắc; kịp thời báo cáo những vấn đề vượt thẩm quyền.",
            f"3. {asked}")


def reply_body(subject: str, issuer: str, cites: Cited) -> tuple[str, ...]:
    """A công văn answering one: the issuer's opinion, sent back to the one who asked."""
    return (f"Phúc đáp {cites} về việc {_topic(subject)}, {issuer} có ý kiến như sau:",
            "1. Cơ bản thống nhất với nội dung đề nghị; đã phân công công chức chuyên môn theo dõi, thực hiện.",
            "2. Đề nghị quan tâm hướng dẫn thêm về kinh phí và thời hạn thực hiện đối với cấp xã.",
            f"Trên đây là ý kiến của {issuer}, kính gửi {cites.sender} tổng hợp./.")
