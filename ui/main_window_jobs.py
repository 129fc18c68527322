"""The work the main window hands to its task runner: plain functions of the store, run off
the main thread. They import the core where they run, so opening the window stays cheap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from documents.search.service import search
from store.engine import SQLITE_FILE, open_store

if TYPE_CHECKING:
    from store.engine import Store
    from store.location import StoreLocation

DEMO_CLERK_EMAIL = "anh.ptn@quangtri.gov.vn"


def open_store_at(location: StoreLocation, create: bool = False) -> Store:
    return open_store(location, create=create)


def store_is_empty(store: Store) -> bool:
    from store.directory import list_units  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return not list_units(s)


def holds_store(location: StoreLocation) -> bool:
    """A shared store, or a folder with a store's database in it (a look at the folder only)."""
    return location.shared or (location.home is not None and (location.home / SQLITE_FILE).is_file())


def demo_clerk(store: Store) -> int | None:
    """The demo's văn thư and secretary, when the store holds the demo: who you are with it."""
    from store.directory import find_person_by_email  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        clerk = find_person_by_email(s, DEMO_CLERK_EMAIL)
    return clerk.id if clerk else None


def load_person(store: Store, person_id: int):
    from store.directory import get_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return get_person(s, person_id)


def search_materials(store: Store, query: str) -> list:
    with store.read() as s:
        return search(s, query, limit=100)


def read_pdf_file(path: str) -> bytes:
    """A PDF named on the command line or by the file manager, read with the import's size limit."""
    from documents.files import read_bounded  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf
    from documents.intake.limits import DEFAULT_LIMITS  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf

    return read_bounded(path, DEFAULT_LIMITS.max_bytes)
