"""The agenda: items two levels deep, ordered, numbered from their order (1, 2, 2.1 …).

Numbers are never stored: they are computed from positions, so every add, move and removal
renumbers the whole agenda at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from meetings.lifecycle import agenda_tree, load_meeting
from meetings.models import AgendaItem
from meetings.records import AgendaNode
from store.codes import ENDED
from store.errors import ConflictError, InvalidInput, NotFound
from store.locking import ensure_version, flush_or_conflict, stamp

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

EDITABLE = ("title", "presenter", "planned_minutes", "notes")
MAX_MINUTES = 24 * 60


def _item_not_found(item_id: object) -> NotFound:
    return NotFound(f"Không có mục chương trình số {item_id}.", f"There is no agenda item {item_id}.")


def _load_item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise _item_not_found(item_id)
    return item


def _load_item_locked(session: Session, item_id: int) -> AgendaItem:
    """The item as committed once its meeting's agenda lock is held (see ``_lock_agenda``)."""
    _lock_agenda(session, _load_item(session, item_id).meeting_id)
    fresh = session.get(AgendaItem, item_id, populate_existing=True)
    if fresh is None:
        raise _item_not_found(item_id)
    return fresh


def _agenda_editable(session: Session, meeting_id: int) -> None:
    meeting = load_meeting(session, meeting_id)
    if meeting.status in ENDED:
        raise InvalidInput(
            "Cuộc họp đã kết thúc; chương trình không sửa được nữa.",
            "The meeting has ended; its agenda can no longer change.",
        )


def _check_values(values: dict[str, Any]) -> dict[str, Any]:
    clean = dict(values)
    if "title" in clean:
        clean["title"] = " ".join(str(clean["title"]).split())
        if not clean["title"]:
            raise InvalidInput("Mục chương trình cần có tên.", "An agenda item needs a title.")
    if "presenter" in clean:
        clean["presenter"] = str(clean["presenter"] or "").strip()
    if "notes" in clean:
        clean["notes"] = str(clean["notes"] or "")
    if "planned_minutes" in clean:
        minutes = clean["planned_minutes"]
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 <= minutes <= MAX_MINUTES:
            raise InvalidInput(
                f"Thời lượng dự kiến phải là số phút từ 0 đến {MAX_MINUTES}.",
                f"Planned minutes must be a whole number from 0 to {MAX_MINUTES}.",
            )
    return clean


#: First key of the PostgreSQL advisory lock that makes one meeting's agenda changes take turns.
AGENDA_LOCK = 0x4147  # "AG"


def _lock_agenda(session: Session, meeting_id: int) -> None:
    """Agenda changes of one meeting go one at a time, so positions are read after the last commit.

    Without it two desktops adding at once on PostgreSQL both read n items and both wrote
    position n (or failed with a raw StaleDataError). SQLite writers already take turns
    (BEGIN IMMEDIATE). An advisory lock needs no privilege beyond what the change needs.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k, :m)"), {"k": AGENDA_LOCK, "m": meeting_id})


def _siblings(session: Session, meeting_id: int, parent_id: int | None, exclude: int | None = None) -> list[AgendaItem]:
    q = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
    q = q.where(AgendaItem.parent_id.is_(None) if parent_id is None else AgendaItem.parent_id == parent_id)
    # populate_existing: rows loaded before the agenda lock are read again as committed now.
    rows = session.execute(q.order_by(AgendaItem.position, AgendaItem.id)
                           .execution_options(populate_existing=True)).scalars().all()
    return [r for r in rows if r.id != exclude]


def _place(session: Session, items: list[AgendaItem], moving: AgendaItem | None, index: int | None) -> None:
    """Put ``moving`` at ``index`` among ``items`` and renumber positions 0..n-1.

    Positions are unique per level (migration 0013), checked row by row, so the stored rows
    whose position changes are first parked at negative positions (without touching their
    version); the flush then writes the final ones in any order.
    """
    ordered = list(items)
    if moving is not None:
        at = len(ordered) if index is None else max(0, min(index, len(ordered)))
        ordered.insert(at, moving)
    _park(session, [row.id for pos, row in enumerate(ordered) if row.position != pos and row.id is not None])
    for pos, row in enumerate(ordered):
        if row.position != pos:
            row.position = pos


def _park(session: Session, item_ids: list[int]) -> None:
    """Move stored rows to negative positions (once: parked rows stay parked), their version untouched."""
    if item_ids:
        with session.no_autoflush:
            session.execute(update(AgendaItem).where(AgendaItem.id.in_(item_ids), AgendaItem.position >= 0)
                            .values(position=-1 - AgendaItem.position)
                            .execution_options(synchronize_session=False))


def _flush(uow: UnitOfWork, what: str, attempted: dict[str, Any]) -> None:
    """Flush; two changes that still collide (a unique position) are the documented conflict."""
    try:
        uow.session.flush()
    except (StaleDataError, IntegrityError) as exc:
        uow.session.rollback()
        raise ConflictError(what, None, None, attempted) from exc


def _valid_parent(session: Session, meeting_id: int, parent_id: int | None, moving_id: int | None = None) -> AgendaItem | None:
    if parent_id is None:
        return None
    parent = session.get(AgendaItem, parent_id)
    if parent is None or parent.meeting_id != meeting_id:
        raise InvalidInput("Mục cha không thuộc cuộc họp này.", "The parent item is not in this meeting.")
    if moving_id is not None and parent.id == moving_id:
        raise InvalidInput("Không thể đặt một mục vào chính nó.", "An item cannot be placed inside itself.")
    if moving_id is not None and parent.parent_id == moving_id:
        raise InvalidInput(
            "Không thể chuyển một mục vào mục con của chính nó.",
            "An item cannot be moved under one of its own sub-items.",
        )
    if parent.parent_id is not None:
        raise InvalidInput(
            "Chương trình chỉ có hai cấp: không thể thêm mục con vào một mục con.",
            "The agenda has two levels only: a sub-item cannot have sub-items.",
        )
    return parent


def _node(session: Session, meeting_id: int, item_id: int) -> AgendaNode:
    for top in agenda_tree(session, meeting_id):
        for node in top.walk():
            if node.id == item_id:
                return node
    raise _item_not_found(item_id)


def add_agenda_item(
    uow: UnitOfWork,
    meeting_id: int,
    *,
    title: str,
    presenter: str = "",
    planned_minutes: int = 0,
    notes: str = "",
    parent_id: int | None = None,
    index: int | None = None,
) -> AgendaNode:
    """Add an item at the end (or at ``index``) of the top level or under a top-level item."""
    s = uow.session
    _lock_agenda(s, meeting_id)
    _agenda_editable(s, meeting_id)
    values = _check_values({"title": title, "presenter": presenter, "planned_minutes": planned_minutes, "notes": notes})
    _valid_parent(s, meeting_id, parent_id)
    siblings = _siblings(s, meeting_id, parent_id)
    item = AgendaItem(meeting_id=meeting_id, parent_id=parent_id, position=len(siblings), **values)
    stamp(item, uow)
    _place(s, siblings, item, index)
    s.add(item)
    _flush(uow, "Chương trình cuộc họp", {"title": values["title"], "parent_id": parent_id, "index": index})
    uow.record("agenda.add", "agenda_item", item.id, {**values, "parent_id": parent_id}, meeting_id=meeting_id)
    return _node(s, meeting_id, item.id)


def edit_agenda_item(uow: UnitOfWork, item_id: int, *, expected_version: int | None, **changes: Any) -> AgendaNode:
    """Change an item's text fields; a stale copy is refused and the change handed back."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Không sửa được: {', '.join(sorted(unknown))}.", f"Cannot edit: {', '.join(sorted(unknown))}.")
    s = uow.session
    item = _load_item(s, item_id)
    ensure_version(s, item, expected_version, f"Mục chương trình '{item.title}'", changes)
    _agenda_editable(s, item.meeting_id)
    values = _check_values(changes)
    for name, value in values.items():
        setattr(item, name, value)
    stamp(item, uow)
    flush_or_conflict(uow, item, f"Mục chương trình '{item.title}'", changes)
    uow.record("agenda.edit", "agenda_item", item.id, values, meeting_id=item.meeting_id)
    return _node(s, item.meeting_id, item.id)


def remove_agenda_item(uow: UnitOfWork, item_id: int, *, expected_version: int | None = None) -> None:
    """Remove an item and its sub-items; the rest is renumbered."""

    s = uow.session
    item = _load_item_locked(s, item_id)
    ensure_version(s, item, expected_version, f"Mục chương trình '{item.title}'", {"removed": True})
    _agenda_editable(s, item.meeting_id)
    meeting_id, parent_id = item.meeting_id, item.parent_id
    for child in s.execute(select(AgendaItem).where(AgendaItem.parent_id == item.id)).scalars():
        s.delete(child)
    s.flush()  # children first: the database would otherwise cascade under the ORM's feet
    s.delete(item)
    s.flush()
    _place(s, _siblings(s, meeting_id, parent_id), None, None)
    _flush(uow, "Chương trình cuộc họp", {"removed": item_id})
    uow.record("agenda.remove", "agenda_item", item_id, {"title": item.title}, meeting_id=meeting_id)


def move_agenda_item(
    uow: UnitOfWork, item_id: int, *, parent_id: int | None, index: int | None = None, expected_version: int | None = None
) -> AgendaNode:
    """Move an item to ``index`` under ``parent_id`` (None: top level), within its meeting."""

    s = uow.session
    item = _load_item_locked(s, item_id)
    ensure_version(s, item, expected_version, f"Mục chương trình '{item.title}'", {"parent_id": parent_id, "index": index})
    _agenda_editable(s, item.meeting_id)
    _valid_parent(s, item.meeting_id, parent_id, moving_id=item.id)
    has_children = s.execute(select(AgendaItem.id).where(AgendaItem.parent_id == item.id)).first() is not None
    if parent_id is not None and has_children:
        raise InvalidInput(
            "Mục này có mục con; chương trình chỉ có hai cấp nên không thể đặt nó làm mục con.",
            "This item has sub-items; the agenda has two levels only, so it cannot become a sub-item.",
        )
    old_parent = item.parent_id
    new_siblings = _siblings(s, item.meeting_id, parent_id, exclude=item.id)
    old_siblings = _siblings(s, item.meeting_id, old_parent, exclude=item.id) if old_parent != parent_id else []
    if old_parent != parent_id:
        _park(s, [item.id])  # it leaves its level, where its position will be taken
    _place(s, new_siblings, item, index)
    _place(s, old_siblings, None, None)
    with s.no_autoflush:
        item.parent_id = parent_id
    stamp(item, uow)
    flush_or_conflict(uow, item, f"Mục chương trình '{item.title}'", {"parent_id": parent_id, "index": index})
    uow.record("agenda.move", "agenda_item", item.id, {"from_parent": old_parent, "to_parent": parent_id, "index": index},
               meeting_id=item.meeting_id)
    return _node(s, item.meeting_id, item.id)


def copy_agenda(uow: UnitOfWork, source_meeting_id: int, target_meeting_id: int) -> tuple[AgendaNode, ...]:
    """Use a past meeting's agenda as a template: its items are appended to the target's."""
    s = uow.session
    load_meeting(s, source_meeting_id)
    _agenda_editable(s, target_meeting_id)
    start = len(_siblings(s, target_meeting_id, None))
    for offset, top in enumerate(agenda_tree(s, source_meeting_id)):
        parent = AgendaItem(meeting_id=target_meeting_id, parent_id=None, position=start + offset, title=top.title,
                            presenter=top.presenter, planned_minutes=top.planned_minutes, notes=top.notes)
        stamp(parent, uow)
        s.add(parent)
        s.flush()
        for pos, child in enumerate(top.children):
            row = AgendaItem(meeting_id=target_meeting_id, parent_id=parent.id, position=pos, title=child.title,
                             presenter=child.presenter, planned_minutes=child.planned_minutes, notes=child.notes)
            stamp(row, uow)
            s.add(row)
    s.flush()
    uow.record("agenda.copy", "meeting", target_meeting_id, {"from_meeting": source_meeting_id}, meeting_id=target_meeting_id)
    return agenda_tree(s, target_meeting_id)
