"""Optimistic locking for rows people edit from several desktops at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.errors import ConflictError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.base import Versioned


def conflict_for(session: Session, row: Versioned, what: str, attempted: dict[str, Any]) -> ConflictError:
    from store.models import Person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    who = None
    if row.updated_by_id is not None:
        person = session.get(Person, row.updated_by_id)
        who = person.full_name if person else f"#{row.updated_by_id}"
    return ConflictError(what, who, row.updated_at, attempted, current_version=row.version)


def ensure_version(session: Session, row: Versioned, expected_version: int | None, what: str, attempted: dict[str, Any]) -> None:
    """Refuse a change made on a copy older than what is stored now.

    ``expected_version`` is the version the person's screen showed; None skips the check
    (scripts that do not hold a copy). The race between this check and the UPDATE is
    closed by SQLAlchemy's ``version_id_col``: the UPDATE names the old version too.
    """
    if expected_version is not None and row.version != expected_version:
        raise conflict_for(session, row, what, attempted)


def stamp(row: Versioned, uow: Any) -> None:
    """Record who saved the row and when (the version itself moves on flush)."""
    row.updated_at = uow.now()
    row.updated_by_id = uow.actor_id


def save_edit(uow: Any, row: Versioned, clean: dict[str, Any], what: str, attempted: dict[str, Any]) -> dict[str, Any]:
    """Write checked ``clean`` values onto ``row`` as one edit: stamped, flushed or the
    conflict raised. Returns the values they replaced, for the audit row's "before"."""
    before = {field: getattr(row, field) for field in clean}
    for field, value in clean.items():
        setattr(row, field, value)
    stamp(row, uow)
    flush_or_conflict(uow, row, what, attempted)
    return before


def flush_or_conflict(uow: Any, row: Versioned, what: str, attempted: dict[str, Any]) -> None:
    """Flush the change; if another desktop saved the row meanwhile, raise the conflict.

    The UPDATE names the version we read; when it matches no row, someone committed
    first. The transaction is rolled back (nothing half-written) and the error carries
    who saved, when, and the change we could not write.
    """
    from sqlalchemy.orm.exc import StaleDataError  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    row_type, row_id = type(row), row.id  # type: ignore[attr-defined]
    try:
        uow.session.flush()
    except StaleDataError as exc:
        uow.session.rollback()
        with uow.store.read() as fresh:
            current = fresh.get(row_type, row_id)
            if current is None:
                raise ConflictError(what, None, None, attempted) from exc
            raise conflict_for(fresh, current, what, attempted) from exc
