"""What a database error means for the person who sees it.

A busy or full *local* (SQLite) store used to be reported as "lost the connection, check the
network" (issue 11): the network has nothing to do with it. SQLite names its result code
(``sqlite_errorname``, Python 3.11+) and PostgreSQL its SQLSTATE; each kind gets its own line.
"""

from __future__ import annotations

import errno
from typing import Any

from store.errors import (
    NghisuError,
    PermissionDenied,
    StoreBusy,
    StoreError,
    StoreFull,
    StoreReadOnly,
    StoreUnavailable,
)

#: OSError numbers that mean no space is left where the store writes its files.
NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or ["?"])[0]


def sqlite_error(orig: BaseException) -> NghisuError | None:
    """The meaning of a sqlite3 error, or None when it is not one SQLite named."""
    name = getattr(orig, "sqlite_errorname", None)
    if not name:
        return None
    detail = _first_line(orig)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreBusy(detail)
    if name == "SQLITE_FULL":
        return StoreFull(detail)
    if name.startswith("SQLITE_READONLY"):
        # Media can turn read-only under an open store (a remount, a full snapshot).
        return StoreReadOnly(
            f"Kho dữ liệu chỉ đọc, không ghi được ({detail}); thay đổi chưa được lưu. Hãy xin quyền ghi thư mục kho.",
            f"The store is read-only and cannot be written ({detail}); nothing was saved. Get write permission "
            "on the store's folder.",
        )
    return StoreError(
        f"Lỗi đọc/ghi tệp kho dữ liệu trên máy này ({detail}); thay đổi chưa được lưu. "
        "Kiểm tra ổ đĩa và quyền truy cập rồi thử lại.",
        f"The store's file on this computer could not be read or written ({detail}); nothing was saved. "
        "Check the disk and the permissions, then try again.",
    )


def database_error(exc: Any) -> NghisuError | None:
    """The error to show for a SQLAlchemy ``DBAPIError``, or None to let it through as a bug."""
    from sqlalchemy.exc import InterfaceError, OperationalError  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or ""
    if state == "42501":  # row-level security or a missing grant
        return PermissionDenied(
            "Bạn không có quyền thực hiện thao tác này; không có gì được thay đổi.",
            "You are not allowed to do this; nothing was changed.",
        )
    if orig is not None and (local := sqlite_error(orig)) is not None:
        return local
    if state.startswith("53"):  # insufficient resources: disk full, out of memory, too many connections
        return StoreFull(_first_line(orig), server=True) if state == "53100" else StoreBusy(_first_line(orig))
    if state in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return StoreBusy(_first_line(orig))
    if not isinstance(exc, OperationalError | InterfaceError):
        return None
    return StoreUnavailable(
        "Mất kết nối tới kho dữ liệu; thay đổi chưa được lưu. Kiểm tra mạng rồi thử lại.",
        "Lost the connection to the store; nothing was saved. Check the network and try again.",
        detail=driver_detail(orig if orig is not None else exc),
    )


def driver_detail(exc: object) -> str:
    """The driver's or server's own words, for "Chi tiết": a few lines, no password (a URL's
    password is masked by the drivers already; libpq never echoes it)."""
    return "\n".join(str(exc).strip().splitlines()[:6])[:1000]
