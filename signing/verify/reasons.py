"""Every reason a verification can give: its code, its severity and its sentence in Vietnamese
and English. ``signing.verify.report`` builds ``Reason`` values from it and decides verdicts by severity.
"""

from __future__ import annotations

#: code -> (severity, Vietnamese, English). Severity: what the reason does to the verdict.
#: "invalid" and "cannot_verify" decide it; "info" and "warning" only explain.
CATALOGUE: dict[str, tuple[str, str, str]] = {
    # The file itself.
    "not_pdf": ("cannot_verify", "Tệp không phải là PDF.", "The file is not a PDF."),
    "too_large": ("cannot_verify", "Tệp quá lớn để kiểm tra ({detail}).", "The file is too large to verify ({detail})."),
    "unreadable": (
        "cannot_verify",
        "Không đọc được cấu trúc PDF ({detail}); hãy xin lại bản gốc.",
        "The PDF structure cannot be read ({detail}); ask for the original file again.",
    ),
    "timeout": (
        "cannot_verify",
        "Kiểm tra quá {detail} giây nên đã dừng; tệp có thể bị làm hỏng cố ý.",
        "Verification took longer than {detail} seconds and was stopped; the file may be crafted to hang verifiers.",
    ),
    "worker_failed": (
        "cannot_verify",
        "Tiến trình kiểm tra dừng bất thường ({detail}); tệp có thể quá phức tạp hoặc bị làm hỏng.",
        "The verification process stopped abnormally ({detail}); the file may be too complex or damaged.",
    ),
    "internal_error": (
        "cannot_verify",
        "Lỗi khi kiểm tra ({detail}).",
        "Verification failed with an error ({detail}).",
    ),
    # The signature's structure.
    "signature_unreadable": (
        "cannot_verify",
        "Không đọc được chữ ký số ({detail}).",
        "The digital signature cannot be read ({detail}).",
    ),
    "unsupported_format": (
        "cannot_verify",
        "Định dạng chữ ký không được hỗ trợ ({detail}).",
        "The signature format is not supported ({detail}).",
    ),
    "weak_digest": (
        "invalid",
        "Chữ ký dùng thuật toán băm yếu ({detail}); cần SHA-256 trở lên.",
        "The signature uses a weak digest ({detail}); SHA-256 or stronger is required.",
    ),
    "byte_range_malformed": (
        "invalid",
        "Vùng được ký (ByteRange) không hợp lệ ({detail}).",
        "The signed byte range is malformed ({detail}).",
    ),
    "coverage_partial": (
        "invalid",
        "Chữ ký không phủ toàn bộ tệp hay toàn bộ một phiên bản của tệp.",
        "The signature covers neither the whole file nor a whole revision of it.",
    ),
    "digest_mismatch": (
        "invalid",
        "Nội dung đã bị thay đổi sau khi ký (mã băm không khớp).",
        "The content was changed after signing (digest mismatch).",
    ),
    "signature_bad": (
        "invalid",
        "Chữ ký số không đúng về mặt mật mã.",
        "The digital signature is cryptographically wrong.",
    ),
    "signature_reused": (
        "invalid",
        "Cùng một chữ ký được gắn vào nhiều ô ký ({detail}).",
        "The same signature is attached to several signature fields ({detail}).",
    ),
    "modified_after_signing": (
        "invalid",
        "Tài liệu bị sửa sau khi ký ({detail}).",
        "The document was modified after signing ({detail}).",
    ),
    "form_changed_after_signing": (
        "invalid",
        "Nội dung ô nhập liệu bị thay đổi sau khi ký ({detail}).",
        "A form field was changed after signing ({detail}).",
    ),
    "docmdp_violated": (
        "invalid",
        "Thay đổi sau khi ký vượt quá quyền mà chữ ký chứng thực cho phép.",
        "Changes after signing exceed what the certification signature permits.",
    ),
    "certification_not_first": (
        "invalid",
        "Chữ ký chứng thực (DocMDP) không phải là chữ ký đầu tiên của tài liệu.",
        "The certification (DocMDP) signature is not the document's first signature.",
    ),
    "seed_value_violated": (
        "invalid",
        "Chữ ký không đáp ứng ràng buộc của ô ký ({detail}).",
        "The signature does not meet the signature field's constraints ({detail}).",
    ),
    "timestamp_invalid": (
        "invalid",
        "Dấu thời gian gắn với chữ ký không hợp lệ ({detail}).",
        "The timestamp attached to the signature is not valid ({detail}).",
    ),
    # The signer.
    "untrusted": (
        "cannot_verify",
        "Chứng thư của người ký không thuộc nguồn tin cậy đã cài đặt ({detail}).",
        "The signer's certificate does not chain to an installed trust root ({detail}).",
    ),
    "cert_expired_at_signing": (
        "invalid",
        "Chứng thư của người ký đã hết hạn vào thời điểm ký ({detail}).",
        "The signer's certificate had expired when the document was signed ({detail}).",
    ),
    "cert_not_yet_valid_at_signing": (
        "invalid",
        "Chứng thư của người ký chưa có hiệu lực vào thời điểm ký ({detail}).",
        "The signer's certificate was not yet valid when the document was signed ({detail}).",
    ),
    "cert_revoked": (
        "invalid",
        "Chứng thư của người ký đã bị thu hồi.",
        "The signer's certificate has been revoked.",
    ),
    "key_usage": (
        "invalid",
        "Chứng thư của người ký không được phép dùng để ký văn bản.",
        "The signer's certificate is not allowed to sign documents.",
    ),
    "not_in_roster": (
        "invalid",
        "Người ký không có trong danh sách người ký của văn bản này ({detail}).",
        "The signer is not on this document's list of signers ({detail}).",
    ),
    # Explanations that do not change the verdict.
    "whole_file": ("info", "Chữ ký phủ toàn bộ tệp.", "The signature covers the whole file."),
    "later_signatures_only": (
        "info",
        "Sau chữ ký này chỉ có thêm chữ ký hoặc dữ liệu kiểm tra chữ ký.",
        "Only signatures or validation data were added after this signature.",
    ),
    "signing_time_claimed": (
        "info",
        "Thời điểm ký do máy của người ký tự ghi (không có dấu thời gian).",
        "The signing time is the signer's own claim (no timestamp).",
    ),
    "roster_match": ("info", "Người ký khớp danh sách: {detail}.", "The signer matches the list: {detail}."),
    "trusted_embedded": (
        "info",
        "Chỉ để kiểm thử: tin các chứng thư nằm sẵn trong tệp.",
        "Tests only: the certificates embedded in the file are trusted.",
    ),
    # Warnings about the document.
    "trailing_bytes": (
        "warning",
        "Có {detail} byte sau dấu kết thúc tệp (%%EOF); chúng không được ký và không hiển thị.",
        "There are {detail} bytes after the end-of-file marker (%%EOF); they are not signed and not shown.",
    ),
    "empty_signature_fields": (
        "warning",
        "Còn ô ký chưa ký: {detail}.",
        "Signature fields not signed yet: {detail}.",
    ),
    "visible_field_added_after_signing": (
        "warning",
        "Ô ký có hình hiển thị được thêm sau chữ ký trước ({detail}); hãy so với bản đã ký.",
        "A visible signature field was added after an earlier signature ({detail}); compare with the signed revision.",
    ),
}

#: Reason codes that are about trust in the signer rather than about the document or signature.
TRUST_CODES = frozenset(
    {"untrusted", "cert_expired_at_signing", "cert_not_yet_valid_at_signing", "cert_revoked", "key_usage", "not_in_roster"}
)
