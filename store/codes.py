"""Codes the store keeps as short strings, typed, with their Vietnamese labels in one place.

A code is stored as its value (``"toi_mat"``). Each is a ``StrEnum``, whose members equal their
values, so a row read back as a plain string compares equal to the member, and a member can be
written wherever the string was. Labels live on the member (``Classification.MAT.vi``), never in
a dict beside it elsewhere. (The Qt app's translatable labels, ui/models/labels.py, must be
literal strings for Qt's translation tools; a test keeps them in step with these codes.)
"""

from __future__ import annotations

from enum import StrEnum


class Classification(StrEnum):
    """Độ mật: how secret a paper is; on the same scale, how secret a paper a person may read
    (their clearance). Ordered from open to most secret."""

    THUONG = "thuong"
    MAT = "mat"
    TOI_MAT = "toi_mat"

    @property
    def vi(self) -> str:
        return _CLASSIFICATION_VI[self]

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


_CLASSIFICATION_VI = {
    Classification.THUONG: "thường",
    Classification.MAT: "mật",
    Classification.TOI_MAT: "tối mật",
}
_CLASSIFICATION_ORDER = tuple(Classification)


class MeetingStatus(StrEnum):
    """Where a meeting is in its life; it only moves forward, one step at a time."""

    DRAFT = "draft"
    PUBLISHED = "published"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    ARCHIVED = "archived"

    @property
    def vi(self) -> str:
        return _MEETING_STATUS_VI[self]

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

_MEETING_STATUS_VI = {
    MeetingStatus.DRAFT: "dự thảo",
    MeetingStatus.PUBLISHED: "đã phát hành",
    MeetingStatus.IN_PROGRESS: "đang họp",
    MeetingStatus.CLOSED: "đã kết thúc",
    MeetingStatus.ARCHIVED: "đã lưu trữ",
}


class MeetingKind(StrEnum):
    REGULAR = "regular"
    THEMATIC = "thematic"
    ONLINE = "online"

    @property
    def vi(self) -> str:
        return _MEETING_KIND_VI[self]


_MEETING_KIND_VI = {
    MeetingKind.REGULAR: "thường kỳ",
    MeetingKind.THEMATIC: "chuyên đề",
    MeetingKind.ONLINE: "trực tuyến có điểm cầu",
}


class VoteKind(StrEnum):
    """How a vote is taken: hands counted per site, each member by name, or a secret ballot."""

    SHOW_OF_HANDS = "show_of_hands"
    ROLL_CALL = "roll_call"
    SECRET = "secret"

    @property
    def vi(self) -> str:
        return _VOTE_KIND_VI[self]


_VOTE_KIND_VI = {
    VoteKind.SHOW_OF_HANDS: "biểu quyết giơ tay",
    VoteKind.ROLL_CALL: "biểu quyết điểm danh",
    VoteKind.SECRET: "bỏ phiếu kín",
}
