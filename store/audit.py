"""The append-only, hash-chained audit log.

Each row's ``row_hash`` is SHA-256 over the previous row's hash and the row's own content
in a canonical JSON form (``canonical_content``). Rows are numbered without gaps, and
``audit_head`` remembers the last number and hash, so an edited row, a deleted row (even
the newest) and rows put in another order all break the chain at a row we can name.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import JSONB

from store.errors import ActorRequired, PermissionDenied
from store.models import AuditEntry, AuditHead, PersonIdentity

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

GENESIS = "0" * 64


def canonical_content(
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str | None,
    action: str,
    subject_type: str,
    subject_id: str,
    meeting_id: int | None,
    unit_id: int | None,
    details: dict[str, Any],
) -> bytes:
    body = {
        "seq": seq,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "subject": [subject_type, subject_id],
        "meeting_id": meeting_id,
        "unit_id": unit_id,
        "details": details,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + content).hexdigest()


def _entry_hash(entry: AuditEntry, prev_hash: str) -> str:
    return chain_hash(
        prev_hash,
        canonical_content(
            entry.seq, entry.at, entry.actor_id, entry.actor_name, entry.action, entry.subject_type,
            entry.subject_id, entry.meeting_id, entry.unit_id, entry.details,
        ),
    )


def _plain_json(value: Any) -> Any:
    """Details as the chain hashes them: JSON values with no binary floats (a float's text
    differs between Python and PostgreSQL, so it is kept as its Python text)."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): _plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    return value


def append_audit(
    uow: UnitOfWork,
    action: str,
    subject_type: str,
    subject_id: str,
    details: dict[str, Any],
    *,
    meeting_id: int | None = None,
    unit_id: int | None = None,
) -> None:
    _require_person(uow)
    # Round-trip the details through JSON now, so the hash covers exactly what is stored.
    details = _plain_json(json.loads(json.dumps(details, ensure_ascii=False, default=str)))
    if uow.dialect == "postgresql":
        _append_on_server(uow, action, subject_type, subject_id, details, meeting_id, unit_id)
        return

    session = uow.session
    # Embedded (one machine, no logins): the write lock taken by BEGIN IMMEDIATE orders appends.
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    at = uow.now()
    entry = AuditEntry(
        seq=head.last_seq + 1,
        at=at,
        actor_id=uow.actor_id,
        actor_name=uow.actor_name(),
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        meeting_id=meeting_id,
        unit_id=unit_id,
        details=details,
        prev_hash=head.last_hash,
        row_hash="",
    )
    entry.row_hash = _entry_hash(entry, head.last_hash)
    session.add(entry)
    head.last_seq = entry.seq
    head.last_hash = entry.row_hash


def _require_person(uow: UnitOfWork) -> None:
    """Nothing is written in nobody's name (issue 13): a change with no person is refused once
    anyone on the store has said who they are (``store.directory.identity``). On PostgreSQL a
    person's login names them; only the schema owner's session may pass no person, and only
    while the store is still being set up, as on a folder."""
    if uow.actor_id is not None:
        return
    session = uow.session
    if uow.dialect == "postgresql" and session.execute(text("SELECT nghisu_current_person()")).scalar_one() is not None:
        return
    if session.execute(select(PersonIdentity.person_id).limit(1)).first() is not None:
        raise ActorRequired


def _append_on_server(
    uow: UnitOfWork, action: str, subject_type: str, subject_id: str, details: dict[str, Any],
    meeting_id: int | None, unit_id: int | None,
) -> None:
    """Shared store: the server numbers, chains, dates and signs the row with the login's own
    person (migration 0009); ``actor`` and ``at`` count only for the schema owner's session."""

    session = uow.session
    session.flush()  # the change being recorded goes first, as in the embedded order
    at = uow.now().astimezone(UTC).replace(tzinfo=None)
    stmt = text(
        "SELECT nghisu_append_audit(:actor, :action, :stype, :sid, :details, :meeting, :unit, :at)"
    ).bindparams(bindparam("details", type_=JSONB))
    session.execute(stmt, {"actor": uow.actor_id, "action": action, "stype": subject_type, "sid": subject_id,
                           "details": details, "meeting": meeting_id, "unit": unit_id, "at": at})
    # Rows of these tables loaded earlier in this session are now stale.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, AuditHead):
            session.expire(obj)


class AuditPartialView(PermissionDenied):
    """The login sees only part of the audit log: the chain cannot be checked from it."""


@dataclass(frozen=True)
class AuditVerdict:
    ok: bool
    rows_checked: int
    first_bad_seq: int | None = None
    problem_vi: str = ""
    problem_en: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"Chuỗi nhật ký toàn vẹn ({self.rows_checked} dòng) — audit chain intact ({self.rows_checked} rows)"
        return f"{self.problem_vi} — {self.problem_en}"


def _broken(checked: int, seq: int, vi: str, en: str) -> AuditVerdict:
    return AuditVerdict(False, checked, seq, vi, en)


def _require_whole_log(session: Session) -> None:
    """A person's login sees only the rows it may read (its meetings, its clearance): a chain
    with holes in it cannot be checked, and must not be called "rows deleted" either."""

    if session.get_bind().dialect.name != "postgresql":
        return
    if session.execute(text("SELECT nghisu_current_person()")).scalar_one() is None:
        return  # the schema owner (or an auditor's read-only owner copy) sees every row
    seen = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    total = session.execute(select(AuditHead.last_seq).where(AuditHead.id == 1)).scalar_one()
    if seen != total:
        raise AuditPartialView(
            f"Tài khoản của bạn chỉ được xem {seen} trong {total} dòng nhật ký, nên không kiểm tra được cả chuỗi "
            "(không có nghĩa là nhật ký bị sửa). Hãy nhờ quản trị viên có mức mật cao nhất, hoặc người quản trị "
            "cơ sở dữ liệu, chạy lệnh này.",
            f"Your login may read {seen} of the {total} audit rows, so it cannot check the whole chain (this does "
            "not mean the log was altered). Ask an administrator with the highest clearance, or the database "
            "administrator, to run this.",
        )


def verify_audit_chain(session: Session) -> AuditVerdict:
    """Walk the chain from the first row and name the first row that breaks it."""

    _require_whole_log(session)
    expected_seq = 1
    prev_hash = GENESIS
    checked = 0
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=500)).scalars()
    for entry in rows:
        if entry.seq != expected_seq:
            return _broken(
                checked, expected_seq,
                f"Dòng nhật ký số {expected_seq} đã bị xóa (sau dòng {expected_seq - 1} là dòng {entry.seq}).",
                f"Audit row {expected_seq} was deleted (row {expected_seq - 1} is followed by row {entry.seq}).",
            )
        if entry.prev_hash != prev_hash or _entry_hash(entry, prev_hash) != entry.row_hash:
            if _entry_hash(entry, entry.prev_hash) == entry.row_hash:
                vi, en = "đã bị đổi thứ tự hoặc chèn vào", "was reordered or inserted"
            else:
                vi, en = "đã bị sửa", "was edited"
            return _broken(
                checked, entry.seq,
                f"Dòng nhật ký số {entry.seq} ({entry.action}) {vi}.",
                f"Audit row {entry.seq} ({entry.action}) {en}.",
            )
        prev_hash = entry.row_hash
        expected_seq += 1
        checked += 1
        session.expunge(entry)
    head = session.get(AuditHead, 1)
    if head is None or head.last_seq != expected_seq - 1 or head.last_hash != prev_hash:
        last = head.last_seq if head else "?"
        return _broken(
            checked, expected_seq,
            f"Các dòng nhật ký cuối (từ số {expected_seq} đến {last}) đã bị xóa.",
            f"The newest audit rows (from {expected_seq} to {last}) were deleted.",
        )
    return AuditVerdict(True, checked)


# -- one meeting's changes (the desktop's "someone else changed this" bar) ----------------------
@dataclass(frozen=True)
class AuditChange:
    seq: int
    at: datetime
    actor_id: int | None
    actor_name: str | None
    action: str
    details: dict[str, Any]


def latest_meeting_seq(session: Session, meeting_id: int) -> int:
    """The newest audit row's seq for the meeting (0 with none)."""
    return int(session.execute(select(func.max(AuditEntry.seq)).where(AuditEntry.meeting_id == meeting_id)).scalar()
               or 0)


def meeting_changes_after(session: Session, meeting_id: int, after_seq: int) -> list[AuditChange]:
    """The meeting's audit rows after ``after_seq``, oldest first."""
    rows = session.execute(select(AuditEntry).where(AuditEntry.meeting_id == meeting_id, AuditEntry.seq > after_seq)
                           .order_by(AuditEntry.seq)).scalars().all()
    return [AuditChange(r.seq, r.at, r.actor_id, r.actor_name, r.action, dict(r.details or {})) for r in rows]

