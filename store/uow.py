"""The unit of work: one transaction, the acting person, the clock.

``with store.uow(actor_id) as uow: ...; uow.commit()`` — leaving the block without
``commit()`` rolls everything back, so a service that raises half-way writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from store.clock import Clock
from store.db_errors import NO_SPACE, StoreFull, database_error
from store.errors import ConflictError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from store.blobs import BlobRef, BlobStore
    from store.engine import Store


@contextmanager
def translate_db_errors() -> Iterator[None]:
    """Turn a database failure into a message a person can act on (``store.db_errors``)."""
    from sqlalchemy.exc import DBAPIError  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy


    try:
        yield
    except DBAPIError as exc:
        meant = database_error(exc)
        if meant is None:
            raise
        raise meant from exc
    except OSError as exc:  # the blob folder of a local store
        if exc.errno in NO_SPACE:
            raise StoreFull(str(exc)) from exc
        raise


class UnitOfWork:
    def __init__(self, store: Store, engine: Engine, *, actor_id: int | None, clock: Clock) -> None:
        self.store = store
        self._engine = engine
        self.actor_id = actor_id
        self.clock = clock
        self.session: Session
        self._committed = False
        self._ctx = None
        self._actor_name: str | None = None

    # -- lifecycle -------------------------------------------------------------------
    def __enter__(self) -> UnitOfWork:
        from sqlalchemy.orm import Session  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        self.session = Session(self._engine, expire_on_commit=False, autoflush=True)
        self._ctx = translate_db_errors()
        self._ctx.__enter__()
        self._committed = False
        return self

    def __exit__(self, exc_type, exc, tb) -> bool | None:
        try:
            if not self._committed:
                self.session.rollback()
        finally:
            self.session.close()
        assert self._ctx is not None
        return self._ctx.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        from sqlalchemy.orm.exc import StaleDataError  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        try:
            self.session.commit()
        except StaleDataError as exc:
            self.session.rollback()
            raise ConflictError("Bản ghi", None, None) from exc
        self._committed = True

    def flush(self) -> None:
        self.session.flush()

    # -- what services need ----------------------------------------------------------
    def now(self) -> datetime:
        return self.clock.now()

    @property
    def blobs(self) -> BlobStore:
        return self.store.blobs

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    def put_blob(self, data: bytes) -> BlobRef:
        """Store bytes in the blob store as part of this transaction."""
        return self.store.blobs.put(data, self.session.connection())

    def get_blob(self, sha256: str) -> bytes:
        """Read a blob inside this transaction (it sees blobs this transaction stored)."""
        return self.store.blobs.get(sha256, self.session.connection())

    def actor_name(self) -> str | None:
        if self.actor_id is None:
            return None
        if self._actor_name is None:
            from store.models import Person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

            person = self.session.get(Person, self.actor_id)
            self._actor_name = person.full_name if person else f"#{self.actor_id}"
        return self._actor_name

    def record(
        self,
        action: str,
        subject_type: str,
        subject_id: Any,
        details: dict[str, Any] | None = None,
        *,
        meeting_id: int | None = None,
        unit_id: int | None = None,
    ) -> None:
        """Append an audit row in this transaction (it commits or rolls back with the change)."""
        from store.audit import append_audit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        append_audit(self, action, subject_type, str(subject_id), details or {}, meeting_id=meeting_id, unit_id=unit_id)
