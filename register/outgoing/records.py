"""What the outgoing-document services hand out: statuses, authorities and frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from store.codes import Labelled


class OutgoingStatus(Labelled):
    """Where an outgoing document is; it moves forward only (a release may be cancelled)."""

    DRAFT = "draft", "dự thảo"
    IN_REVIEW = "in_review", "đang xin ý kiến"
    APPROVED = "approved", "đã duyệt, chờ ký"
    SIGNED = "signed", "đã ký, chờ phát hành"
    RELEASED = "released", "đã phát hành"
    CANCELLED = "cancelled", "đã hủy phát hành"


class VersionKind(Labelled):
    DRAFT = "draft", "dự thảo"
    REVISION = "revision", "dự thảo sửa theo ý kiến"
    FIELDS = "fields", "ô ký, ô số và ngày"
    SIGNED = "signed", "chữ ký của người có thẩm quyền"
    NUMBERED = "numbered", "số và ngày ban hành"
    RELEASED = "released", "chữ ký số của cơ quan"


class Authority(Labelled):
    """How the signer signs (Decree 30 §4): for the collective, for the head, by order, as acting head."""

    OWN = "", "ký tên mình (người đứng đầu)"
    TM = "TM", "TM. (thay mặt tập thể)"
    KT = "KT", "KT. (ký thay người đứng đầu)"
    TL = "TL", "TL. (thừa lệnh)"
    Q = "Q", "Q. (quyền)"


@dataclass(frozen=True)
class OutgoingVersionInfo:
    version_no: int
    kind: VersionKind
    sha256: str
    size: int
    page_count: int
    filename: str
    note: str
    created_at: datetime
    created_by_id: int | None

    def as_json(self) -> dict[str, Any]:
        return {"version": self.version_no, "kind": str(self.kind), "sha256": self.sha256, "size": self.size,
                "pages": self.page_count, "filename": self.filename, "note": self.note,
                "created_at": self.created_at.isoformat(), "created_by_id": self.created_by_id}


@dataclass(frozen=True)
class CommentInfo:
    id: int
    version_no: int
    author_id: int
    author_name: str
    text: str
    agrees: bool
    created_at: datetime
    answered_in_version_no: int | None
    answer: str | None

    @property
    def open(self) -> bool:
        """A comment asking for a change that no later version has answered yet."""
        return not self.agrees and self.answered_in_version_no is None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version_no, "author_id": self.author_id, "author": self.author_name,
                "text": self.text, "agrees": self.agrees, "created_at": self.created_at.isoformat(),
                "answered_in_version": self.answered_in_version_no, "answer": self.answer}


@dataclass(frozen=True)
class DispatchInfo:
    id: int
    recipient_unit_id: int | None
    recipient_name: str
    channel: str
    status: str
    dispatched_at: datetime
    incoming_id: int | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "recipient_unit_id": self.recipient_unit_id, "recipient": self.recipient_name,
                "channel": self.channel, "status": self.status, "dispatched_at": self.dispatched_at.isoformat(),
                "incoming_id": self.incoming_id}


@dataclass(frozen=True)
class OutgoingInfo:
    id: int
    unit_id: int
    drafting_unit_id: int
    drafter_id: int
    signer_id: int
    doc_type: str
    subject: str
    classification: str
    authority: Authority
    status: OutgoingStatus
    number: int | None
    symbol: str | None
    released_on: date | None
    current_version_no: int
    recipients: tuple[dict[str, Any], ...]
    reviewers: tuple[int, ...]
    version: int
    reply_by: date | None = None  # hạn báo cáo, trả lời: the recipients are asked to answer by then

    def as_json(self) -> dict[str, Any]:
        """The list entry of ``nghisu outgoing list --json``."""
        return {"id": self.id, "number": self.number, "symbol": self.symbol, "type": self.doc_type,
                "subject": self.subject, "status": str(self.status),
                "released_on": self.released_on.isoformat() if self.released_on else None, "unit_id": self.unit_id}


@dataclass(frozen=True)
class OutgoingDetail:
    """A document's page: the record, its versions, comments, dispatches and history."""

    info: OutgoingInfo
    versions: tuple[OutgoingVersionInfo, ...]
    comments: tuple[CommentInfo, ...]
    dispatches: tuple[DispatchInfo, ...]
    history: tuple[dict[str, Any], ...]

    def as_json(self) -> dict[str, Any]:
        i = self.info
        return {**i.as_json(), "drafting_unit_id": i.drafting_unit_id, "drafter_id": i.drafter_id,
                "signer_id": i.signer_id, "classification": i.classification, "authority": str(i.authority),
                "status_label": i.status.vi, "recipients": list(i.recipients), "reviewers": list(i.reviewers),
                "current_version": i.current_version_no, "reply_by": i.reply_by.isoformat() if i.reply_by else None,
                "versions": [v.as_json() for v in self.versions],
                "comments": [c.as_json() for c in self.comments],
                "dispatches": [d.as_json() for d in self.dispatches], "history": list(self.history)}
