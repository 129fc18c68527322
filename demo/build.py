"""The whole Quảng Trị demo, as ``nghisu demo`` makes it and the first-start assistant does:
one function (``build_demo``), in the order things happened.

The units, people and meetings with their papers and November's record (``demo.store``), the
province's year of released documents with its decision "Số: 15/QĐ-UBND" (``demo.outgoing``),
before the November minutes take the register's next number, then the year of registers of the
province and two wards (``demo.register``), which take up what the province sent them.

``build_demo_folder`` is the assistant's way: the demo is made in a temporary folder beside the
one asked for (an embedded store is a folder) and moved into place only when it is whole, so a
Cancel, an error or a closed window leaves nothing half-made where the store is expected. A
build killed outright leaves its folder behind: the next build into the same parent folder
removes those no live build holds (``demo.leftovers``), and says so in one line of the log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from demo import leftovers
from demo.common import DemoReport
from demo.progress import DemoSteps
from demo.register import DemoRegisters, create_demo_registers
from demo.signing import KEYS_DIR, SECRETARY_EMAIL, write_keys_readme
from demo.store import create_demo
from store.clock import Clock
from store.engine import SQLITE_FILE, Store, check_embedded_home, open_store
from store.errors import StoreError
from store.location import StoreLocation

__all__ = ["DemoBuild", "DemoFolder", "build_demo", "build_demo_folder", "sweep_leftovers"]

log = logging.getLogger(__name__)

#: Names of the folders beside the store's while the demo is made, and of an empty store set aside.
MAKING = ".{name}.dang-tao-du-lieu-mau-"
ASIDE = ".{name}.kho-trong-"


@dataclass(frozen=True)
class DemoBuild:
    report: DemoReport
    registers: DemoRegisters
    clerk_id: int | None  # the province's văn thư and secretary: who you are with the demo


@dataclass(frozen=True)
class DemoFolder:
    home: Path
    made: bool  # False: the folder already held a store with units, left as it was
    clerk_id: int | None


def build_demo(store: Store, *, scheme: str = "2025", steps: DemoSteps | None = None) -> DemoBuild:
    """Everything ``nghisu demo`` makes (idempotent: run again, nothing already there is added).
    ``steps`` hears each step and stops the work at the next one once cancelled."""
    from store.directory import find_person_by_email  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    steps = steps or DemoSteps()
    today = scheme == "2025"  # the year of releases on today's map only (the 2019 map keeps its districts)
    report = create_demo(store, scheme=scheme, outgoing_year=today, steps=steps)
    registers = create_demo_registers(store, ward_outgoing=today, steps=steps)
    with store.read() as s:
        clerk = find_person_by_email(s, SECRETARY_EMAIL)
    return DemoBuild(report, registers, clerk.id if clerk is not None else None)


def sweep_leftovers(home: Path) -> str:
    """Remove the build folders beside ``home`` that builds killed outright left behind, those no
    live build holds; the one line that says what went (logged), or "" when nothing did."""
    gone = leftovers.sweep(Path(home).absolute().parent, MAKING)
    if not gone:
        return ""
    line = (f"Đã xóa {len(gone)} thư mục dữ liệu mẫu dở dang của lần tạo bị dừng đột ngột: "
            f"{', '.join(g.describe() for g in gone)} — removed {len(gone)} demo build folder(s) a killed build left.")
    log.warning("%s", line)
    return line


def _held(home: Path) -> tuple[bool, int | None]:
    """(whether the store at ``home`` has units, the demo's clerk in it)."""
    from store.directory import find_person_by_email, list_units  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = open_store(StoreLocation(home=home))
    try:
        with store.read() as s:
            clerk = find_person_by_email(s, SECRETARY_EMAIL)
            return bool(list_units(s)), clerk.id if clerk is not None else None
    finally:
        store.close()


def build_demo_folder(home: Path, *, scheme: str = "2025", steps: DemoSteps | None = None,
                      clock: Clock | None = None) -> DemoFolder:
    """The demo as a store in the folder ``home``, made beside it and moved in when whole.

    ``home`` may be missing, an empty folder or a store without units (replaced: it holds
    nothing); a store with units is left as it is (``made`` False). On Cancel
    (``DemoCancelled``) or an error, the temporary folder is removed and ``home`` is as before.
    """
    steps = steps or DemoSteps()
    home = Path(home).absolute()
    sweep_leftovers(home)
    if home.exists() and not (home / SQLITE_FILE).is_file():
        check_embedded_home(home, create=True)  # a file, or a folder of something else: refused
    if (home / SQLITE_FILE).is_file():
        has_units, clerk = _held(home)
        if has_units:
            return DemoFolder(home, False, clerk)
    try:
        home.parent.mkdir(parents=True, exist_ok=True)
        making = _new_folder(home, MAKING)
    except OSError as exc:
        raise StoreError(f"Không tạo được dữ liệu mẫu trong thư mục {home.parent}: {exc.strerror}.",
                         f"Could not make the demo in the folder {home.parent}: {exc.strerror}.") from exc
    claim: leftovers.Claim | None = None
    try:
        store = open_store(StoreLocation(home=making), clock=clock, create=True)  # in the empty folder
        try:
            # Claimed once the store is there (no marker until then: no sweeper takes it for a leftover).
            claim = leftovers.claim(making)
            built = build_demo(store, scheme=scheme, steps=steps)
        finally:
            store.close()
        steps.begin("finish")
        claim.unmark()  # not carried into the store; still locked until the folder is in place
        _move_into_place(making, home)
    except BaseException:
        shutil.rmtree(making, ignore_errors=True)
        raise
    finally:
        if claim is not None:
            claim.release()
    if (home / KEYS_DIR).is_dir():
        write_keys_readme(home / KEYS_DIR)  # it named the temporary folder
    steps.finished()
    log.info("demo made in %s", home)
    return DemoFolder(home, True, built.clerk_id)


def _new_folder(home: Path, pattern: str) -> Path:
    """A new folder beside ``home``, made as any folder is (the umask's mode: the store's folder
    is the one moved into place), under a name nobody else is using."""
    while True:
        folder = home.parent / f"{pattern.format(name=home.name)}{secrets.token_hex(4)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def _move_into_place(making: Path, home: Path) -> None:
    """``making`` becomes ``home``: renamed (one step) over nothing, an empty folder, or an
    empty store set aside first and removed once the demo is in its place."""
    aside: Path | None = None
    try:
        if home.is_dir() and any(home.iterdir()):
            aside = _new_folder(home, ASIDE)
            os.replace(home, aside / "kho")
        elif home.is_dir():
            home.rmdir()
        try:
            os.replace(making, home)
        except OSError:
            if aside is not None:  # put the empty store back where it was
                os.replace(aside / "kho", home)
            raise
    except OSError as exc:
        raise StoreError(f"Không đặt được dữ liệu mẫu vào thư mục {home}: {exc.strerror}.",
                         f"Could not move the demo into the folder {home}: {exc.strerror}.") from exc
    finally:
        if aside is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(aside)
