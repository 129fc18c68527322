"""Errors raised while loading keys and signing, each with a message a person can act on.

They subclass the core hierarchy in :mod:`store.errors`, so the CLI and the UI show them
on one line (Vietnamese, then English) and nothing else needs to know about pyHanko,
PKCS#11 or PKCS#12 exceptions.
"""

from __future__ import annotations

from store.errors import InvalidInput, NghisuError, NotFound


class SigningError(NghisuError):
    """Signing could not be completed; the document was not changed."""


# --- keys ---------------------------------------------------------------------------------


class NotAPkcs12(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "Tệp này không phải là tệp chứng thư số PKCS#12 (.p12/.pfx); hãy chọn đúng tệp khóa.",
            "This file is not a PKCS#12 (.p12/.pfx) certificate file; choose the right key file.",
        )


class WrongPassword(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "Mật khẩu của tệp chứng thư số không đúng; hãy nhập lại.",
            "The password of the certificate file is wrong; type it again.",
        )


class NoPrivateKey(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "Tệp chỉ chứa chứng thư, không có khóa bí mật nên không ký được; hãy dùng tệp .p12 có khóa.",
            "The file holds only a certificate and no private key, so it cannot sign; "
            "use a .p12 file that contains the key.",
        )


class TokenLibraryMissing(InvalidInput):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"Không nạp được thư viện thiết bị ký (PKCS#11) '{path}'; hãy kiểm tra đường dẫn "
            "và cài trình điều khiển của USB token.",
            f"Cannot load the signing device (PKCS#11) library '{path}'; check the path and "
            "install the USB token's driver.",
        )


class TokenNotFound(NotFound):
    def __init__(self, label: str) -> None:
        super().__init__(
            f"Không tìm thấy thiết bị ký có nhãn '{label}'; hãy cắm USB token rồi thử lại.",
            f"No signing device labelled '{label}' was found; plug in the USB token and try again.",
        )


class WrongPin(InvalidInput):
    def __init__(self, locked: bool = False) -> None:
        if locked:
            super().__init__(
                "Mã PIN của thiết bị ký đã bị khóa; hãy liên hệ nơi cấp chứng thư số để mở khóa.",
                "The signing device's PIN is locked; ask the certificate issuer to unlock it.",
            )
        else:
            super().__init__(
                "Mã PIN của thiết bị ký không đúng; hãy nhập lại (nhập sai nhiều lần sẽ bị khóa).",
                "The signing device's PIN is wrong; type it again (too many wrong tries lock it).",
            )


class KeyNotOnToken(NotFound):
    def __init__(self, label: str) -> None:
        super().__init__(
            f"Thiết bị ký không có khóa hoặc chứng thư nhãn '{label}'; hãy kiểm tra nhãn khóa.",
            f"The signing device has no key or certificate labelled '{label}'; check the key label.",
        )


class TokenError(SigningError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"Thiết bị ký báo lỗi ({detail}); hãy rút ra, cắm lại rồi thử lại.",
            f"The signing device reported an error ({detail}); unplug it, plug it in and try again.",
        )


class CertificateUnusable(InvalidInput):
    """The certificate may not sign now; ``reason`` is a short code for programs.

    Codes: ``expired``, ``not_yet_valid``, ``key_usage``, ``unreadable``.
    """

    def __init__(self, reason: str, vi: str, en: str) -> None:
        super().__init__(vi, en)
        self.reason = reason


# --- documents and fields ----------------------------------------------------------------


class UnreadablePdf(InvalidInput):
    def __init__(self, detail: str = "") -> None:
        extra_vi = f" ({detail})" if detail else ""
        super().__init__(
            f"Không đọc được tệp PDF để ký{extra_vi}; hãy kiểm tra lại tệp.",
            f"The PDF cannot be read for signing{extra_vi}; check the file.",
        )


class EncryptedPdfNotSignable(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "Tệp PDF được mã hóa (có mật khẩu) nên không ký được; hãy xin bản không mã hóa rồi ký bản đó.",
            "The PDF is encrypted (password-protected), so it cannot be signed; ask for an unencrypted copy "
            "and sign that.",
        )


class FieldAlreadySigned(InvalidInput):
    def __init__(self, field: str) -> None:
        super().__init__(
            f"Ô chữ ký '{field}' đã được ký; hãy chọn ô chữ ký khác.",
            f"The signature field '{field}' is already signed; choose another field.",
        )


class FieldExists(InvalidInput):
    def __init__(self, field: str) -> None:
        super().__init__(
            f"Tài liệu đã có ô '{field}'; hãy dùng tên ô khác.",
            f"The document already has a field named '{field}'; use another name.",
        )


class CertificationNotAllowed(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "Chỉ chữ ký đầu tiên mới được chứng nhận (khóa) tài liệu; hãy ký không chứng nhận.",
            "Only the first signature may certify (lock) the document; sign without certifying.",
        )


class ChangesNotAllowed(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "Tài liệu đã được chứng nhận không cho phép ký thêm; hãy liên hệ người chứng nhận.",
            "The certified document does not allow further signatures; ask whoever certified it.",
        )


class TimestampFailed(SigningError):
    def __init__(self, url: str, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"Máy chủ dấu thời gian {url} không trả lời được{extra}; tài liệu chưa được ký, "
            "hãy thử lại sau hoặc ký không kèm dấu thời gian.",
            f"The timestamp server {url} did not answer{extra}; the document was not signed: "
            "try again later or sign without a timestamp.",
        )
