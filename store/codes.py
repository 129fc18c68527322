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
