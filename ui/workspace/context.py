"""What a meeting workspace needs from the window around it, passed in (no global window)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from store.errors import PermissionDenied

if TYPE_CHECKING:
    from documents.records import DocumentInfo
    from meetings.materials import MaterialRow
    from meetings.records import MeetingDetail
    from store.directory import LevelInfo, PersonInfo, UnitInfo
    from store.engine import Store
    from ui.tasks import TaskRunner


@dataclass
class WorkspaceContext:
    store: Store
    runner: TaskRunner
    actor_id: int | None
    show_error: Callable[[BaseException], None]
    open_pdf: Callable[..., None]
    notify: Callable[[str], None] = lambda text: None
    language: str = "vi"
    #: Where compiled books are written (a cache folder; the person may save a copy elsewhere).
    work_dir: Path = field(default_factory=lambda: Path.home())
    #: Told when a meeting changed so lists elsewhere (the meetings table) can refresh.
    meeting_changed: Callable[[int], None] = lambda meeting_id: None


@dataclass(frozen=True)
class MeetingBundle:
    """Everything the workspace's tabs show, read in one snapshot."""

    detail: MeetingDetail
    materials: tuple[MaterialRow, ...]
    below: tuple[UnitInfo, ...]  # units under the host, parents first
    people: tuple[PersonInfo, ...]  # who can be invited: host and every unit below
    audit_seq: int
    levels: dict[tuple[str, str], LevelInfo] = field(default_factory=dict)  # (scheme, level) → its names and rank

    @property
    def documents_per_item(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for row in self.materials:
            item = row.document.agenda_item_id
            if item is not None and row.document.recalled_at is None:
                counts[item] = counts.get(item, 0) + 1
        return counts


def load_bundle(store: Store, meeting_id: int) -> MeetingBundle:
    from meetings.lifecycle import get_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.materials import meeting_materials  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import descendant_unit_ids, level_table, list_persons, list_units  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from ui.conflict_bar import latest_seq  # noqa: PLC0415 -- deferred for start-up: brings in PySide6

    seq = latest_seq(store, meeting_id)
    with store.read() as s:
        detail = get_meeting(s, meeting_id)
        below_ids = descendant_unit_ids(s, detail.unit.id)
        units = list_units(s)
        people = [p for p in list_persons(s) if p.active and (p.unit_id in below_ids or p.unit_id == detail.unit.id)]
        levels = level_table(s)

    def rank(u: UnitInfo) -> int:
        level = levels.get((u.scheme, u.level))
        return level.rank if level else 99

    below = sorted((u for u in units if u.id in below_ids), key=lambda u: (rank(u), u.id))
    return MeetingBundle(detail, tuple(meeting_materials(store, meeting_id)), tuple(below), tuple(people), seq, levels)


def document_bytes(store: Store, document_id: int) -> tuple[DocumentInfo, bytes]:
    """The current version's bytes, hash-checked by the blob store."""
    from documents.library import get_document  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        doc = get_document(s, document_id)
    if doc.classified:
        # Classified papers are sealed at rest and open only with the reader's own key.
        raise PermissionDenied(
            "Tài liệu mật chỉ mở được bằng khóa cá nhân của người được phép đọc; cửa sổ này chưa hỗ trợ mở tài liệu mật.",
            "Classified papers open only with an authorised reader's own key; this window cannot open them yet.")
    return doc, store.blobs.get(doc.current_version.sha256)


def with_uow(store: Store, actor_id: int | None, fn: Callable, *args, **kwargs):
    """Run one service in its own unit of work and commit: ``fn(uow, *args, **kwargs)``."""
    with store.uow(actor_id) as uow:
        result = fn(uow, *args, **kwargs)
        uow.commit()
    return result
