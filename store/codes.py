"""Codes the store keeps as short strings, typed, with their Vietnamese labels in one place.

A code is stored as its value (``"toi_mat"``). Each is a ``StrEnum``, whose members equal their
values, so a row read back as a plain string compares equal to the member, and a member can be
written wherever the string was. Labels live on the member (``Classification.MAT.vi``), never in
a dict beside it elsewhere. (The Qt app's translatable labels, ui/models/labels.py, must be
literal strings for Qt's translation tools; a test keeps them in step with these codes.)
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A code with its Vietnamese label declared beside it: ``DRAFT = "draft", "dự thảo"``.
    The member's value (what the store keeps) is the code alone."""

    vi: str

    # Only the class body's ``NAME = code, label`` lines reach __new__; a lookup such as
    # ``MeetingStatus("draft")`` goes through the enum's metaclass, but a type checker reads it as
    # a call of __new__, hence the default.
    def __new__(cls, value: str, vi: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.vi = vi
        return member


class Classification(Labelled):
    """Độ mật: how secret a paper is; on the same scale, how secret a paper a person may read
    (their clearance). Ordered from open to most secret."""

    THUONG = "thuong", "thường"
    MAT = "mat", "mật"
    TOI_MAT = "toi_mat", "tối mật"

    @property
    def rank(self) -> int:
        """0 for thường, then 1, 2: a clearance reads every paper of its rank or below."""
        return _CLASSIFICATION_ORDER.index(self)

    @property
    def classified(self) -> bool:
        return self is not Classification.THUONG

    @classmethod
    def choices_vi(cls) -> str:
        """``thuong (thường), mat (mật), toi_mat (tối mật)``: for messages that list the codes."""
        return ", ".join(f"{c.value} ({c.vi})" for c in cls)


_CLASSIFICATION_ORDER = tuple(Classification)


class MeetingStatus(Labelled):
    """Where a meeting is in its life; it only moves forward, one step at a time."""

    DRAFT = "draft", "dự thảo"
    PUBLISHED = "published", "đã phát hành"
    IN_PROGRESS = "in_progress", "đang họp"
    CLOSED = "closed", "đã kết thúc"
    ARCHIVED = "archived", "đã lưu trữ"

    @property
    def next(self) -> tuple[MeetingStatus, ...]:
        """The statuses it may move to (none once archived)."""
        order = tuple(MeetingStatus)
        at = order.index(self)
        return order[at + 1 : at + 2]


#: A meeting that has ended: its agenda, sites and materials no longer change.
ENDED = (MeetingStatus.CLOSED, MeetingStatus.ARCHIVED)
#: A meeting under way or just ended: speakers, votes, minutes and conclusions are recorded.
LIVE_OR_ENDED = (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)


class MeetingKind(Labelled):
    REGULAR = "regular", "thường kỳ"
    THEMATIC = "thematic", "chuyên đề"
    ONLINE = "online", "trực tuyến có điểm cầu"


class VoteKind(Labelled):
    """How a vote is taken: hands counted per site, each member by name, or a secret ballot."""

    SHOW_OF_HANDS = "show_of_hands", "biểu quyết giơ tay"
    ROLL_CALL = "roll_call", "biểu quyết điểm danh"
    SECRET = "secret", "bỏ phiếu kín"


# -- the document register (register/) ---------------------------------------------------------


class Urgency(Labelled):
    """Độ khẩn of a document (Decree 30, Appendix I): how fast it must be delivered and handled."""

    THUONG = "thuong", "thường"
    KHAN = "khan", "khẩn"
    THUONG_KHAN = "thuong_khan", "thượng khẩn"
    HOA_TOC = "hoa_toc", "hỏa tốc"


class IncomingChannel(Labelled):
    """How an incoming document reached the office."""

    FILE = "file", "tệp"
    UNIT = "unit", "liên thông trong kho"
    MAIL = "mail", "thư điện tử"


class IncomingStatus(Labelled):
    """Where an incoming document is in its handling. An arrival from another unit of the same
    store waits (``received``) until the office's văn thư registers it with its number."""

    RECEIVED = "received", "chờ vào sổ"
    REGISTERED = "registered", "đã vào sổ, chưa giao"
    ASSIGNED = "assigned", "đang xử lý"
    DONE = "done", "đã xử lý xong"


class IncomingEventKind(Labelled):
    """One line of an incoming document's history: who did what, when."""

    RECEIVED = "received", "nhận văn bản"
    REGISTERED = "registered", "vào sổ văn bản đến"
    DUPLICATE = "duplicate", "nhận trùng (không vào sổ lần nữa)"
    ASSIGNED = "assigned", "giao xử lý"
    REASSIGNED = "reassigned", "giao lại (người xử lý cũ đã thôi nhiệm vụ)"
    PROGRESS = "progress", "cập nhật tiến độ"
    DONE = "done", "hoàn thành xử lý"


class RsvpAnswer(Labelled):
    """An invitee's answer to a giấy mời: attends, does not, or sends a deputy (cử người dự thay)."""

    YES = "yes", "dự họp"
    NO = "no", "vắng mặt"
    DEPUTY = "deputy", "cử người dự thay"
