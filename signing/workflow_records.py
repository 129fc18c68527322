"""What the signing workflow hands out, and the refusals it can give (each saying what to do)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from documents.records import DocumentInfo
from store.clock import VN_TZ
from store.errors import ConflictError, InvalidInput, PermissionDenied


@dataclass(frozen=True)
class SlotInfo:
    """One signer's place in a request."""

    position: int
    person_id: int
    person_name: str
    person_position: str
    field_name: str
    signed_at: datetime | None = None
    cert_sha256: str | None = None
    version_no: int | None = None

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    def as_json(self) -> dict[str, Any]:
        return {"position": self.position + 1, "person_id": self.person_id, "name": self.person_name,
                "title": self.person_position, "field": self.field_name, "signed": self.signed,
                "signed_at": self.signed_at.isoformat() if self.signed_at else None,
                "cert_sha256": self.cert_sha256, "version_no": self.version_no}


@dataclass(frozen=True)
class SigningRequestInfo:
    id: int
    document_id: int
    meeting_id: int
    unit_id: int
    status: str  # open | completed | cancelled
    reason: str
    certify_first: bool
    fields_version_no: int
    slots: tuple[SlotInfo, ...]
    version: int
    created_at: datetime
    completed_at: datetime | None

    @property
    def turn(self) -> SlotInfo | None:
        """The slot whose turn it is (the first unsigned one), or None when all have signed."""
        if self.status != "open":
            return None
        return next((s for s in self.slots if not s.signed), None)

    def as_json(self) -> dict[str, Any]:
        turn = self.turn
        return {"id": self.id, "document_id": self.document_id, "meeting_id": self.meeting_id,
                "status": self.status, "reason": self.reason, "certify_first": self.certify_first,
                "fields_version_no": self.fields_version_no, "version": self.version,
                "turn": turn.as_json() if turn else None, "slots": [s.as_json() for s in self.slots],
                "created_at": self.created_at.isoformat(),
                "completed_at": self.completed_at.isoformat() if self.completed_at else None}


@dataclass(frozen=True)
class SignOutcome:
    """A signature stored: the request after it, the document's new version, the slot signed."""

    request: SigningRequestInfo
    document: DocumentInfo
    slot: SlotInfo
    #: (vi, en) when the signer's stamp drew the seal smaller than its real size (its field is
    #: lower than the seal: ``signing.pdf.seal_room``); also in the signed version's note.
    seal_note: tuple[str, str] | None = None


def _who(slot: SlotInfo) -> str:
    return f"{slot.person_name} ({slot.person_position})" if slot.person_position else slot.person_name


class NotYourTurn(InvalidInput):
    def __init__(self, turn: SlotInfo) -> None:
        super().__init__(
            f"Chưa đến lượt bạn ký: đang chờ {_who(turn)} ký (người ký thứ {turn.position + 1}).",
            f"It is not your turn to sign: waiting for {_who(turn)} (signer {turn.position + 1}).",
        )
        self.turn = turn


class NotASigner(InvalidInput):
    def __init__(self, name: str, signers: str) -> None:
        super().__init__(
            f"{name} không có trong danh sách người ký của yêu cầu này ({signers}).",
            f"{name} is not among this request's signers ({signers}).",
        )


class AlreadySigned(InvalidInput):
    def __init__(self, slot: SlotInfo) -> None:
        when = slot.signed_at.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") if slot.signed_at else "?"
        super().__init__(
            f"{slot.person_name} đã ký tài liệu này lúc {when} (phiên bản {slot.version_no}); không cần ký lại.",
            f"{slot.person_name} already signed this document at {when} (version {slot.version_no}); "
            "no need to sign again.",
        )


class RequestClosed(InvalidInput):
    def __init__(self, status: str) -> None:
        vi = "đã đủ chữ ký" if status == "completed" else "đã bị hủy"
        en = "has all its signatures" if status == "completed" else "was cancelled"
        super().__init__(f"Yêu cầu ký này {vi}; không ký thêm được.", f"This signing request {en}; nothing more to sign.")


class CertificateNotRegistered(PermissionDenied):
    def __init__(self, person_name: str, cert_name: str) -> None:
        super().__init__(
            f"Chứng thư số “{cert_name}” chưa được đăng ký cho {person_name}; hãy dùng chứng thư của chính "
            "mình đã đăng ký với văn phòng (hoặc nhờ quản trị viên đăng ký chứng thư này).",
            f"The certificate “{cert_name}” is not registered to {person_name}; use your own registered "
            "certificate (or ask the administrator to register this one).",
        )


class FieldMissing(InvalidInput):
    def __init__(self, field: str) -> None:
        super().__init__(
            f"Phiên bản mới nhất của tài liệu không còn ô ký “{field}” (tài liệu đã được thay sau khi tạo yêu cầu "
            "ký); hãy tạo yêu cầu ký mới.",
            f"The newest version of the document has no signature field “{field}” (it was replaced after the "
            "signing request was made); create a new signing request.",
        )


class SigningConflict(ConflictError):
    """Another desktop stored a new version first; nothing of ours was written.

    ``can_retry``: whether this person can sign the new version now (their turn is still open).
    """

    def __init__(self, who: str | None, at: datetime | None, new_version_no: int, *, signed: bool,
                 can_retry: bool) -> None:
        super().__init__("Tài liệu", who, at, {"sign": True}, current_version=new_version_no)
        name_vi, name_en = who or "Người khác", who or "Someone else"
        when = at.astimezone(VN_TZ).strftime("%H:%M:%S %d/%m/%Y") if at else "?"
        did_vi = "đã ký tài liệu" if signed else "đã lưu phiên bản mới của tài liệu"
        did_en = "signed the document" if signed else "stored a new version of the document"
        then_vi = " Hãy ký lại trên phiên bản mới." if can_retry else ""
        then_en = " Sign again on the new version." if can_retry else ""
        self.vi = f"{name_vi} {did_vi} lúc {when} (phiên bản {new_version_no}); chữ ký của bạn chưa được lưu.{then_vi}"
        self.en = f"{name_en} {did_en} at {when} (version {new_version_no}); your signature was not stored.{then_en}"
        self.args = (self.vi,)
        self.can_retry = can_retry
