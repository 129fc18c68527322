"""One error hierarchy for the whole core.

Every error carries a message a person can read, in Vietnamese (the default) and English.
The UI and the CLI show ``str(err)`` (Vietnamese, then English); anything that is not a
``NghisuError`` is a bug: it is logged with its traceback and shown as a generic failure.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


class NghisuError(Exception):
    """Root of every error the core raises on purpose."""

    #: CLI exit code when this error ends a command (2: bad input or refused).
    exit_code = 2

    def __init__(self, vi: str, en: str | None = None, *, detail: str = "") -> None:
        super().__init__(vi)
        self.vi = vi
        self.en = en or vi
        #: The technical words behind the plain line (a server's or driver's own message), kept
        #: apart so the line stays readable: the window shows them behind "Chi tiết", the CLI on
        #: a second line. Never a password or a key.
        self.detail = detail

    def __str__(self) -> str:
        return self.vi if self.vi == self.en else f"{self.vi} — {self.en}"

    def message(self, language: str = "vi") -> str:
        return self.en if language.startswith("en") else self.vi


class InvalidInput(NghisuError):
    """The caller asked for something the rules do not allow; nothing was written."""


class NotFound(NghisuError):
    """A unit, person, meeting, item or document that does not exist."""


class ConflictError(NghisuError):
    """Someone else saved the same record first (optimistic locking).

    Carries who changed it and when, and the change that was *not* written, so the
    caller can show it again and nothing typed is lost.
    """

    def __init__(
        self,
        what: str,
        changed_by: str | None,
        changed_at: datetime | None,
        attempted: dict[str, Any] | None = None,
        current_version: int | None = None,
    ) -> None:
        who = changed_by or "người khác"
        who_en = changed_by or "someone else"
        when = changed_at.strftime("%H:%M:%S %d/%m/%Y") if changed_at else "?"
        super().__init__(
            f"{what} vừa được {who} sửa lúc {when}; thay đổi của bạn chưa được lưu, hãy tải lại rồi áp dụng lại.",
            f"{what} was changed by {who_en} at {when}; your change was not saved: reload and apply it again.",
        )
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.attempted = dict(attempted or {})
        self.current_version = current_version


class PermissionDenied(NghisuError):
    """The current person may not do this."""


class ActorRequired(PermissionDenied):
    """A change with no known person behind it, on a store where people say who they are."""

    def __init__(self) -> None:
        super().__init__(
            "Chưa biết ai làm việc này nên không có gì được thay đổi. Hãy chọn mình ở 'Tôi là' và nhập mã PIN "
            "(Cài đặt), hoặc thêm --as SỐ_NGƯỜI vào lệnh (hay gắn tài khoản máy với mình: nghisu people whoami).",
            "Nobody is named as doing this, so nothing was changed. Choose yourself under 'Tôi là' and enter your "
            "PIN (Settings), or add --as PERSON_ID to the command (or bind your computer account: nghisu people "
            "whoami).",
        )


class StoreError(NghisuError):
    """The store cannot be opened or used."""


class StoreVersionError(StoreError):
    """The store was written by a newer Nghị Sự; it is refused and left untouched."""


class StoreNotFound(StoreError):
    """No store where one was named (and creating one was not asked for)."""


class StoreReadOnly(StoreError):
    """The store can be read but not written (read-only media or no write permission)."""


class StoreUnavailable(StoreError):
    """The database cannot be reached (lost connection, server down, bad URL)."""


class StoreBusy(StoreError):
    """Another program holds the store's write lock longer than we wait (or a deadlock)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Kho dữ liệu đang bận: một chương trình khác (hoặc cửa sổ Nghị Sự khác) đang ghi và chưa xong; "
            "thay đổi chưa được lưu. Hãy thử lại sau ít phút.",
            "The store is busy: another program (or another Nghị Sự window) is writing and has not finished; "
            "nothing was saved. Try again in a few minutes.",
            detail=detail,
        )


class StoreFull(StoreError):
    """The disk that holds the store (or the database server's) is full."""

    def __init__(self, detail: str = "", *, server: bool = False) -> None:
        where_vi = "Máy chủ cơ sở dữ liệu hết chỗ trống" if server else "Ổ đĩa chứa kho dữ liệu đã đầy"
        where_en = "The database server is out of space" if server else "The disk holding the store is full"
        super().__init__(
            f"{where_vi}; thay đổi chưa được lưu. Hãy giải phóng chỗ trống (hoặc báo quản trị) rồi thử lại.",
            f"{where_en}; nothing was saved. Free some space (or tell the administrator) and try again.",
            detail=detail,
        )


class BlobCorrupted(StoreError):
    """A stored file's bytes no longer match their SHA-256: it is reported, never served."""


class BlobMissing(StoreError):
    """A stored file referenced by a record is not in the blob store."""
