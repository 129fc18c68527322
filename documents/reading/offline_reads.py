"""Pages read offline become read receipts once the store can be reached again.

The reader keeps, in the sealed offline cache, every page it showed while offline: which
cached version, which page, first and last time on screen (``OfflineCache.record_reads``).
``sync_offline_reads`` applies them with the rules ``circulation.record_pages_read`` applies
to online receipts, but to the delivery of the version that was *read*, which may since have
been replaced:

- a recalled document takes no receipts (``DocumentRecalled``), a version that was never sent
  to the person takes none, nor a page the version does not have: such reads are skipped and
  the report says why; they are not retried forever;
- otherwise the pages join the receipt's set and its first/last times widen to the offline
  ones (kept between delivery and now: a tablet's clock may be wrong). The first opening is an
  audit row, as online; reading a version that has since been replaced marks the current one
  "changed since you read it", as a replacement does for those who had opened the old one.

Applying the same reads twice changes nothing (a set union, a minimum and a maximum, an audit
row only when the first opening is set), so a receipt already recorded online or a sync that
is repeated after a crash does not duplicate anything. All of it is one transaction, and only
after it committed are the reads taken off the cache's pending list: a connection lost
mid-sync loses nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from store.errors import InvalidInput, NghisuError, NotFound, PermissionDenied, StoreUnavailable

if TYPE_CHECKING:
    from documents.reading.offline_cache import OfflineCache, OfflineRead
    from store.engine import Store
    from store.uow import UnitOfWork


@dataclass(frozen=True)
class OfflineReceipt:
    """What became of the offline reads of one version."""

    document_id: int
    version_id: int
    version_no: int | None
    pages: tuple[int, ...]
    first_at: datetime  # as the tablet recorded it, in its own time zone
    last_at: datetime
    skipped: NghisuError | None = None

    def line(self) -> str:
        pages = ", ".join(map(str, self.pages))
        head = f"tài liệu {self.document_id}, bản {self.version_no or '?'}, trang {pages}"
        return f"{head}: {self.skipped}" if self.skipped else head


@dataclass(frozen=True)
class ReadsSyncReport:
    online: bool
    recorded: tuple[OfflineReceipt, ...] = ()
    skipped: tuple[OfflineReceipt, ...] = ()

    @property
    def pages_sent(self) -> int:
        return sum(len(r.pages) for r in self.recorded)


def sync_offline_reads(store: Store, person_id: int, cache: OfflineCache) -> ReadsSyncReport:
    """Make the cache's pending offline reads read receipts; store unreachable: online=False, no change."""
    reads = cache.pending_reads()
    if not reads:
        return ReadsSyncReport(True)
    groups: dict[tuple[int, int], list[OfflineRead]] = defaultdict(list)
    for r in reads:
        groups[(r.document_id, r.version_id)].append(r)
    try:
        with store.uow(person_id) as uow:
            outcomes = [
                apply_offline_reads(uow, person_id, doc_id, version_id, group)
                for (doc_id, version_id), group in sorted(groups.items())
            ]
            uow.commit()
    except StoreUnavailable:
        return ReadsSyncReport(False)
    cache.forget_reads(reads)
    return ReadsSyncReport(
        True,
        tuple(o for o in outcomes if o.skipped is None),
        tuple(o for o in outcomes if o.skipped is not None),
    )


def apply_offline_reads(
    uow: UnitOfWork, person_id: int, document_id: int, version_id: int, reads: list[OfflineRead]
) -> OfflineReceipt:
    """Record one version's offline reads on the person's delivery of it, or say why not."""
    from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from documents.circulation import DocumentRecalled  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from documents.models import Delivery, Document, DocumentVersion  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    s = uow.session
    pages = tuple(sorted({r.page for r in reads}))
    first, last = min(r.first_at for r in reads), max(r.last_at for r in reads)
    doc = s.get(Document, document_id)
    version = s.get(DocumentVersion, version_id)

    def skip(error: NghisuError) -> OfflineReceipt:
        return OfflineReceipt(
            document_id, version_id, version.version_no if version else None, pages, first, last, error
        )

    if doc is None or version is None or version.document_id != document_id:
        return skip(NotFound(f"Không có tài liệu số {document_id}.", f"There is no document {document_id}."))
    if doc.recalled_at is not None:
        return skip(DocumentRecalled(doc.title))
    delivery = s.execute(
        select(Delivery)
        .where(Delivery.version_id == version_id, Delivery.person_id == person_id)
        .with_for_update()
    ).scalar_one_or_none()
    if delivery is None:
        return skip(
            PermissionDenied("Tài liệu này chưa được gửi tới bạn.", "This document has not been sent to you.")
        )
    bad = [p for p in pages if not 1 <= p <= version.page_count]
    if bad:
        return skip(
            InvalidInput(
                f"Trang {bad[0]} không có trong tài liệu ({version.page_count} trang).",
                f"Page {bad[0]} is not in the document ({version.page_count} pages).",
            )
        )
    now = uow.now()
    opened, read = (max(delivery.delivered_at, min(t, now)) for t in (first, last))
    first_opening = delivery.first_opened_at is None
    delivery.first_opened_at = opened if first_opening else min(delivery.first_opened_at, opened)
    delivery.last_read_at = read if delivery.last_read_at is None else max(delivery.last_read_at, read)
    delivery.pages_read = sorted(set(delivery.pages_read or []) | set(pages))
    if delivery.changed_from_version_no is not None and delivery.change_seen_at is None:
        delivery.change_seen_at = opened
    if doc.current_version_id != version_id:
        current = s.execute(
            select(Delivery)
            .where(Delivery.version_id == doc.current_version_id, Delivery.person_id == person_id)
            .with_for_update()
        ).scalar_one_or_none()
        if (
            current is not None
            and current.first_opened_at is None
            and current.changed_from_version_no is None
        ):
            current.changed_from_version_no = version.version_no
    s.flush()
    if first_opening:
        uow.record(
            "document.open",
            "document",
            document_id,
            {
                "person_id": person_id,
                "version": version.version_no,
                "offline": True,
                "opened_at": first.isoformat(),
            },
            meeting_id=doc.meeting_id,
        )
    return OfflineReceipt(document_id, version_id, version.version_no, pages, first, last)
