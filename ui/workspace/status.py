"""Status moves as explicit actions that say what they will do before doing it.

Which move is possible comes from the core (``NEXT_STATUS``); the texts only explain, in plain
words, what the core will do on that move (publishing sends the materials to every participant).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from meetings.records import MeetingDetail


@dataclass(frozen=True)
class StatusAction:
    target: str
    icon: str
    label: str
    explain: str

    def text(self) -> str:
        return QCoreApplication.translate("status", self.label)


ACTIONS = {
    "published": StatusAction("published", "publish", QT_TRANSLATE_NOOP("status", "Phát hành"), QT_TRANSLATE_NOOP(
        "status", "Phát hành cuộc họp “{title}”:\n• gửi {docs} tài liệu tới {people} đại biểu, tại hội trường chính và "
        "{sites} điểm cầu;\n• đại biểu thấy cuộc họp và đọc được tài liệu;\n• vẫn thêm hoặc thay tài liệu được, "
        "người nhận sẽ được báo.")),
    "in_progress": StatusAction("in_progress", "start", QT_TRANSLATE_NOOP("status", "Bắt đầu họp"), QT_TRANSLATE_NOOP(
        "status", "Bắt đầu cuộc họp “{title}”: trạng thái chuyển sang “đang họp”. Chương trình và tài liệu vẫn "
        "sửa được trong lúc họp.")),
    "closed": StatusAction("closed", "close", QT_TRANSLATE_NOOP("status", "Kết thúc"), QT_TRANSLATE_NOOP(
        "status", "Kết thúc cuộc họp “{title}”:\n• chương trình, điểm cầu và thành phần không sửa được nữa;\n"
        "• không đính kèm thêm tài liệu;\n• thư ký có thể thu hồi tài liệu mật.")),
    "archived": StatusAction("archived", "archive", QT_TRANSLATE_NOOP("status", "Lưu trữ"), QT_TRANSLATE_NOOP(
        "status", "Lưu trữ cuộc họp “{title}”: hồ sơ được giữ nguyên, không sửa và không thay tài liệu được nữa.")),
}


def next_actions(status: str) -> list[StatusAction]:
    from meetings.lifecycle import NEXT_STATUS  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return [ACTIONS[s] for s in NEXT_STATUS.get(status, ()) if s in ACTIONS]


def explain(action: StatusAction, detail: MeetingDetail, documents: int) -> str:
    return QCoreApplication.translate("status", action.explain).format(
        title=detail.meeting.title, docs=documents, people=len(detail.participants), sites=len(detail.sites))


def apply(uow, meeting_id: int, target: str, expected_version: int):
    """The service behind each action: publishing also circulates the materials."""
    from meetings.lifecycle import change_status  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.materials import publish_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if target == "published":
        return publish_meeting(uow, meeting_id, expected_version=expected_version)[0]
    return change_status(uow, meeting_id, target, expected_version=expected_version)
