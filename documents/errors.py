"""Why a document was refused at import, one class per reason.

Every class carries its own plain message in Vietnamese and English that says what the person
can do next (ask the sender for a new copy, give the password, install LibreOffice, ...). The
import service catches ``DocumentRejected`` as a whole; the UI and CLI just show ``str(err)``.
Nothing is written to the store when one of these is raised.
"""

from __future__ import annotations

from store.errors import InvalidInput, NghisuError


def _mib(n: int) -> str:
    """Sizes as a person reads them: whole MB when possible."""
    mb = n / (1024 * 1024)
    if mb >= 10 or mb == int(mb):
        return f"{mb:.0f}"
    return f"{mb:.1f}" if mb >= 0.1 else f"{mb:.2f}"


class DocumentRejected(InvalidInput):
    """The file handed to import cannot be stored as a document; nothing was written."""

    #: A short stable name for logs, JSON output and tests (``"encrypted"``, ``"bomb"``...).
    kind = "rejected"

    def __init__(self, vi: str, en: str | None = None, *, detail: str | None = None) -> None:
        # ``detail``: what the parser said, for the log and behind "Chi tiết" (never the message).
        super().__init__(vi, en, detail=detail or "")


class UnsupportedFileType(DocumentRejected):
    kind = "unsupported-type"

    def __init__(self, name: str = "", *, detail: str | None = None) -> None:
        what = f" «{name}»" if name else ""
        super().__init__(
            f"Tệp{what} không phải loại được hỗ trợ. Hãy dùng PDF, hoặc Word/Excel/PowerPoint/"
            "OpenDocument (.doc, .docx, .odt, .rtf, .xls, .xlsx, .ods, .ppt, .pptx, .odp).",
            f"File{what} is not a supported type. Use PDF, or Word/Excel/PowerPoint/OpenDocument "
            "(.doc, .docx, .odt, .rtf, .xls, .xlsx, .ods, .ppt, .pptx, .odp).",
            detail=detail,
        )


class NotAPdf(DocumentRejected):
    kind = "not-pdf"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Tệp này không phải là PDF (có thể chỉ bị đổi đuôi thành .pdf). "
            "Hãy mở tệp gốc và xuất lại sang PDF, hoặc xin người gửi bản PDF.",
            "This file is not a PDF (it may only have been renamed to .pdf). "
            "Open the original and export it to PDF again, or ask the sender for a PDF.",
            detail=detail,
        )


class EmptyFile(DocumentRejected):
    kind = "empty"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Tệp rỗng (0 byte). Có thể việc tải xuống hoặc sao chép chưa xong; hãy lấy lại tệp.",
            "The file is empty (0 bytes). The download or copy may not have finished; get the file again.",
            detail=detail,
        )


class DamagedPdf(DocumentRejected):
    kind = "damaged"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Tệp PDF bị hỏng hoặc không đầy đủ và không đọc được trang nào. "
            "Hãy xin người gửi một bản mới, hoặc tải lại tệp.",
            "The PDF is damaged or incomplete and no page could be read. "
            "Ask the sender for a new copy, or download the file again.",
            detail=detail,
        )


class EncryptedPdf(DocumentRejected):
    kind = "encrypted"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Tệp PDF được bảo vệ bằng mật khẩu. Hãy nhập mật khẩu để mở, "
            "hoặc xin người gửi bản không đặt mật khẩu.",
            "The PDF is protected by a password. Enter the password to open it, "
            "or ask the sender for a copy without a password.",
            detail=detail,
        )


class WrongPassword(DocumentRejected):
    kind = "wrong-password"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Mật khẩu không đúng, không mở được tệp PDF. Hãy kiểm tra lại mật khẩu (chữ hoa, chữ thường, "
            "bộ gõ tiếng Việt) rồi thử lại.",
            "Wrong password: the PDF could not be opened. Check the password (capitals, "
            "Vietnamese input method) and try again.",
            detail=detail,
        )


class DecryptionNotAllowed(DocumentRejected):
    kind = "decryption-not-allowed"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Mật khẩu đúng, nhưng quy định của cơ quan không cho lưu bản PDF đã gỡ mật khẩu. "
            "Hãy xin người gửi bản không đặt mật khẩu, hoặc đề nghị quản trị cho phép.",
            "The password is right, but the office's policy does not allow storing a decrypted copy. "
            "Ask the sender for a copy without a password, or ask the administrator to allow it.",
            detail=detail,
        )


class TooLarge(DocumentRejected):
    kind = "too-large"

    def __init__(self, size: int, limit: int, *, detail: str | None = None) -> None:
        super().__init__(
            f"Tệp quá lớn ({_mib(size)} MB); giới hạn là {_mib(limit)} MB. "
            "Hãy nén hoặc tách tệp thành nhiều phần, hoặc đề nghị quản trị nâng giới hạn.",
            f"The file is too large ({_mib(size)} MB); the limit is {_mib(limit)} MB. "
            "Compress it or split it into parts, or ask the administrator to raise the limit.",
            detail=detail,
        )
        self.size = size
        self.limit = limit


class TooManyPages(DocumentRejected):
    kind = "too-many-pages"

    def __init__(self, limit: int, *, detail: str | None = None) -> None:
        super().__init__(
            f"Tệp PDF có quá nhiều trang (giới hạn {limit} trang). Hãy tách tệp thành nhiều phần.",
            f"The PDF has too many pages (the limit is {limit}). Split it into parts.",
            detail=detail,
        )
        self.limit = limit


class DecompressionBomb(DocumentRejected):
    kind = "bomb"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Tệp PDF chứa dữ liệu nén bung ra lớn bất thường (có thể là tệp độc hại) nên bị từ chối. "
            "Hãy xin người gửi xuất lại tệp từ phần mềm soạn thảo.",
            "The PDF holds compressed data that expands to an abnormal size (possibly a hostile file), "
            "so it was refused. Ask the sender to export the file again from their editor.",
            detail=detail,
        )


class PageTreeCycle(DocumentRejected):
    kind = "page-tree-cycle"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Cấu trúc trang của tệp PDF bị lặp vòng (hỏng hoặc cố ý gây lỗi) nên không đọc được. "
            "Hãy xin người gửi một bản mới.",
            "The PDF's page structure loops back on itself (damaged or hostile), so it cannot be read. "
            "Ask the sender for a new copy.",
            detail=detail,
        )


class ParseTimeout(DocumentRejected):
    kind = "timeout"

    def __init__(self, seconds: float, *, detail: str | None = None) -> None:
        secs = f"{seconds:g}"
        super().__init__(
            f"Đọc tệp PDF mất quá {secs} giây nên đã dừng: tệp quá phức tạp hoặc có thể độc hại. "
            "Hãy xin người gửi xuất lại tệp, hoặc tách thành các tệp nhỏ hơn.",
            f"Reading the PDF took longer than {secs} s and was stopped: the file is too complex or may "
            "be hostile. Ask the sender to export it again, or split it into smaller files.",
            detail=detail,
        )
        self.seconds = seconds


class TooComplexPdf(DocumentRejected):
    """The parser ran out of its memory allowance (or crashed) on this file."""

    kind = "too-complex"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Tệp PDF cần quá nhiều bộ nhớ để đọc (quá phức tạp hoặc có thể độc hại) nên bị từ chối. "
            "Hãy xin người gửi xuất lại tệp, hoặc tách thành các tệp nhỏ hơn.",
            "The PDF needs too much memory to read (too complex or possibly hostile), so it was refused. "
            "Ask the sender to export it again, or split it into smaller files.",
            detail=detail,
        )


class OfficeConverterMissing(DocumentRejected):
    kind = "office-converter-missing"

    def __init__(self, *, detail: str | None = None) -> None:
        super().__init__(
            "Chưa cài LibreOffice nên không chuyển được tệp Word/Excel/PowerPoint sang PDF. "
            "Hãy cài LibreOffice (ví dụ: sudo apt-get install libreoffice-writer-nogui "
            "libreoffice-calc-nogui libreoffice-impress-nogui), hoặc tự xuất tệp sang PDF rồi nhập lại.",
            "LibreOffice is not installed, so Word/Excel/PowerPoint files cannot be converted to PDF. "
            "Install LibreOffice (e.g. sudo apt-get install libreoffice-writer-nogui "
            "libreoffice-calc-nogui libreoffice-impress-nogui), or export the file to PDF yourself "
            "and import that.",
            detail=detail,
        )


class OfficeConversionFailed(DocumentRejected):
    kind = "office-conversion-failed"

    def __init__(self, name: str = "", *, detail: str | None = None) -> None:
        what = f" «{name}»" if name else ""
        super().__init__(
            f"LibreOffice không chuyển được tệp{what} sang PDF (tệp hỏng, có mật khẩu, hoặc quá lâu). "
            "Hãy mở tệp bằng phần mềm soạn thảo, xuất sang PDF rồi nhập tệp PDF đó.",
            f"LibreOffice could not convert{what} to PDF (damaged, password-protected, or too slow). "
            "Open it in its editor, export it to PDF and import that PDF.",
            detail=detail,
        )


class OfficeTypeMismatch(DocumentRejected):
    """A file whose contents are not the office format its extension names (a text file called
    .docx, a spreadsheet called .docx): refused before LibreOffice, which would guess."""

    kind = "office-type-mismatch"

    def __init__(self, name: str, expected: tuple[str, str], actual: tuple[str, str] | None, *,
                 detail: str | None = None) -> None:  # (vi, en) names of the formats
        vi_actual, en_actual = (f" mà là {actual[0]}", f" but {actual[1]}") if actual else ("", "")
        super().__init__(
            f"Tệp «{name}» mang đuôi của {expected[0]} nhưng nội dung không phải {expected[0]}{vi_actual} "
            "(có thể đã bị đổi đuôi); không nhập. Hãy mở tệp gốc, lưu lại đúng định dạng hoặc xuất sang PDF.",
            f"«{name}» has the extension of {expected[1]} but is not {expected[1]}{en_actual} (perhaps renamed); "
            "not imported. Open the original, save it in its real format or export it to PDF.",
            detail=detail,
        )


class IntakeUnavailable(NghisuError):
    """The PDF checker process could not be started: an installation problem, not the file's fault."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Không khởi động được bộ kiểm tra tệp PDF. Hãy cài đặt lại Nghị Sự; nếu vẫn lỗi, "
            "hãy báo cho quản trị (chi tiết trong nhật ký).",
            "The PDF checker could not be started. Reinstall Nghị Sự; if that does not help, "
            "tell the administrator (details are in the log).",
            detail=detail,
        )


class FileUnreadable(DocumentRejected):
    kind = "unreadable"

    def __init__(self, name: str = "", *, detail: str | None = None) -> None:
        what = f" «{name}»" if name else ""
        super().__init__(
            f"Không đọc được tệp{what} (không tồn tại, không có quyền đọc, hoặc ổ đĩa lỗi). "
            "Hãy kiểm tra lại đường dẫn và quyền truy cập.",
            f"Cannot read the file{what} (missing, no permission to read it, or a disk error). "
            "Check the path and the permissions.",
            detail=detail,
        )


class NotARegularFile(DocumentRejected):
    """A folder, a device (``/dev/zero``), a FIFO or a socket: nothing is read from it."""

    kind = "not-a-file"

    def __init__(self, name: str = "", *, detail: str | None = None) -> None:
        what = f"«{name}»" if name else "Đường dẫn"
        what_en = f"«{name}»" if name else "The path"
        super().__init__(
            f"{what} không phải là một tệp (mà là thư mục, thiết bị hoặc đường ống); hãy chọn một tệp.",
            f"{what_en} is not a file (it is a folder, a device or a pipe); choose a file.",
            detail=detail,
        )
