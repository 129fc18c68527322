"""The archive package of a meeting: one ZIP that can be checked on its own, years later.

Contents: ``book.pdf`` (the meeting book), ``bien-ban.pdf`` (the minutes' current version:
the signed one once signed), ``thong-bao-ket-luan.pdf``, ``votes.csv``, ``attendance.csv``,
``audit.jsonl`` (the meeting's audit rows, each with its chain hashes), ``verification/*.json``
(stored signature verification reports, when the signing tables exist), and
``manifest.json``: the SHA-256 and size of every other file. ``check_archive``
(``meetings.archive_check``) recomputes them and names any file that was altered, is missing,
was added, or that a genuine package never holds.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from documents.files import atomic_output, check_output_path
from meetings.archive_check import MANIFEST, ArchiveCheck, check_archive

__all__ = ["MANIFEST", "ArchiveCheck", "ArchiveReport", "build_archive", "check_archive"]

if TYPE_CHECKING:
    from store.engine import Store

FORMAT = "nghisu-archive/1"


@dataclass(frozen=True)
class ArchiveReport:
    path: Path
    files: tuple[tuple[str, str, int], ...]  # (name, sha256, size)
    #: What the package lacks that an archive of a held meeting has (Vietnamese — English).
    warnings: tuple[str, ...] = ()


def _attendance_csv(session, meeting_id: int) -> str:
    from meetings.live.attendance import attendance_rows  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(("person_id", "full_name", "position", "role", "site_unit_id", "site", "status", "reason", "deputy",
                "recorded_at"))
    for r in attendance_rows(session, meeting_id):
        w.writerow((r.person_id, r.full_name, r.position, r.role, r.site_unit_id, r.site_name, r.status or "",
                    r.reason, r.deputy_name or "", r.recorded_at.isoformat() if r.recorded_at else ""))
    return buf.getvalue()


def _audit_jsonl(session, meeting_id: int) -> str:
    from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from store.models import AuditEntry  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    lines = []
    for e in session.execute(select(AuditEntry).where(AuditEntry.meeting_id == meeting_id).order_by(AuditEntry.seq)).scalars():
        lines.append(json.dumps({"seq": e.seq, "at": e.at.isoformat(), "actor_id": e.actor_id, "actor_name": e.actor_name,
                                 "action": e.action, "subject": [e.subject_type, e.subject_id], "meeting_id": e.meeting_id,
                                 "unit_id": e.unit_id, "details": e.details, "prev_hash": e.prev_hash,
                                 "row_hash": e.row_hash}, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + ("\n" if lines else "")


def _verifications(session, meeting_id: int) -> dict[str, str]:
    """Stored verification reports, if the signing package's table exists in this store."""
    from sqlalchemy import inspect, text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    if "verification_reports" not in inspect(session.connection()).get_table_names():
        return {}
    rows = session.execute(text("SELECT id, document_id, version_id, verdict, report, verified_at FROM verification_reports "
                                "WHERE meeting_id = :m ORDER BY id"), {"m": meeting_id}).all()
    out = {}
    for rid, doc_id, version_id, verdict, report, at in rows:
        report = json.loads(report) if isinstance(report, str) else report
        out[f"verification/{rid:05d}-document-{doc_id}.json"] = json.dumps(
            {"document_id": doc_id, "version_id": version_id, "verdict": verdict, "verified_at": str(at), "report": report},
            ensure_ascii=False, indent=2, default=str)
    return out


def build_archive(store: Store, meeting_id: int, out: str | Path) -> ArchiveReport:
    from documents.library import list_documents  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.book import compile_meeting_book  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.lifecycle import load_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.vote_publication import votes_csv  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.votes import list_votes  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    out = check_output_path(out)  # a folder or an unwritable place is refused before the work
    files: dict[str, bytes] = {}
    with store.read() as s:
        meeting = load_meeting(s, meeting_id)
        docs = list_documents(s, meeting_id)
        warnings = _warnings(s, meeting)
        minutes = next((d for d in docs if d.doc_type == "bien_ban"), None)
        notice = next((d for d in docs if d.doc_type == "thong_bao" and d.title.startswith("Thông báo kết luận")), None)
        files["votes.csv"] = votes_csv(s, [v.id for v in list_votes(s, meeting_id)]).encode()
        files["attendance.csv"] = _attendance_csv(s, meeting_id).encode()
        files["audit.jsonl"] = _audit_jsonl(s, meeting_id).encode()
        files.update({k: v.encode() for k, v in _verifications(s, meeting_id).items()})
    if minutes is not None:
        files["bien-ban.pdf"] = store.blobs.get(minutes.current_version.sha256)
    if notice is not None:
        files["thong-bao-ket-luan.pdf"] = store.blobs.get(notice.current_version.sha256)
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "book.pdf"
        compile_meeting_book(store, meeting_id, book)
        files["book.pdf"] = book.read_bytes()
    entries = sorted((name, hashlib.sha256(data).hexdigest(), len(data)) for name, data in files.items())
    manifest = {"format": FORMAT, "meeting_id": meeting_id, "created_at": store.clock.now().isoformat(),
                "files": {name: {"sha256": sha, "size": size} for name, sha, size in entries}}
    with atomic_output(out) as part, zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, _, _ in entries:
            z.writestr(name, files[name])
        z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    with store.uow() as uow:
        uow.record("meeting.archive_package", "meeting", meeting_id, {"file": out.name, "files": len(entries),
                   "manifest_sha256": hashlib.sha256(json.dumps(manifest["files"], sort_keys=True).encode()).hexdigest()},
                   meeting_id=meeting_id)
        uow.commit()
    return ArchiveReport(out, tuple(entries), warnings)


def _warnings(session, meeting) -> tuple[str, ...]:
    """An archive is made of a meeting that took place, with its final minutes: say what is not so
    (packing is still allowed: an office may need the papers of a meeting that was called off)."""
    from meetings.lifecycle import STATUS_VI  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.papers.minutes import HELD, get_minutes  # noqa: PLC0415 -- deferred for start-up: brings in reportlab, sqlalchemy

    if meeting.status not in HELD:
        return (f"cuộc họp #{meeting.id} chưa diễn ra (trạng thái: {STATUS_VI.get(meeting.status, meeting.status)}): "
                "gói chỉ có tài liệu chuẩn bị, không có biên bản, điểm danh hay biểu quyết — the meeting has not taken "
                "place: the package holds the preparatory papers only",)
    minutes = get_minutes(session, meeting.id)
    if minutes is None or minutes.status != "final":
        return ("biên bản chưa hoàn tất nên không có trong gói — the minutes are not final, so the package has none",)
    return ()

