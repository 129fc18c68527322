"""Fixtures for the desktop tests: settings in a temporary folder, a demo store per test
(copied from one made per session: making it takes seconds), a window that is always closed.

The real person's settings are never touched: ``NGHISU_SETTINGS_DIR`` points QSettings at
the test's own folder, and QSettings' user scope is moved there too for anything else.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from store.clock import FixedClock
from store.engine import open_store
from store.location import StoreLocation
from tests.conftest import START


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    monkeypatch.setenv("NGHISU_SETTINGS_DIR", str(folder))
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qt"))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder / "qt"))
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from demo.store import create_demo

    home = tmp_path_factory.mktemp("demo-template") / "store"
    store = open_store(StoreLocation(home=home), clock=FixedClock(START), create=True)
    create_demo(store, scheme="2019")  # the seed's three-level map: these tests walk its districts
    store.close()
    return home


@pytest.fixture(scope="session")
def cli_demo(tmp_path_factory) -> Callable[..., Path]:
    """``copy(home, scheme=None)``: ``home`` becomes a copy of the store that ``nghisu demo``
    (with ``--scheme SCHEME`` if given) made, run once per scheme for the whole test run.

    The command takes 7 s of CPU (15 s at load average 8) and ten modules start from its
    store; the xdist workers of one run share it (a lock per scheme: the first builds, the
    others wait and copy), so each scheme's demo is built once per run, not once per module.
    """
    from tests.ui.test_cli_foundation import nghisu

    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "cli-demo"
    shared.mkdir(exist_ok=True)

    def copy(home: Path, scheme: str | None = None) -> Path:
        name = scheme or "default"
        built = shared / name
        with (shared / f"{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not built.exists():
                making = shared / f"{name}.making"
                shutil.rmtree(making, ignore_errors=True)
                # A whole demo (registers, signed papers) is 40 s of CPU; a busy machine stretches it.
                nghisu("demo", *(("--scheme", scheme) if scheme else ()), store=making, timeout=900)
                making.rename(built)
        shutil.copytree(built, home, dirs_exist_ok=True)  # modes kept: demo-keys/ stays 0700, keys 0600
        return home

    return copy


@pytest.fixture
def demo_store(demo_template, tmp_path):
    """The Quảng Trị demo (units, people, four meetings, seven PDFs) in this test's own folder."""
    home = tmp_path / "store"
    shutil.copytree(demo_template, home)
    store = open_store(StoreLocation(home=home), clock=FixedClock(START), create=True)
    yield store
    store.close()


@pytest.fixture
def clerk_id(demo_store) -> int:
    from store.directory import find_person_by_email

    with demo_store.read() as s:
        return find_person_by_email(s, "anh.ptn@quangtri.gov.vn").id


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A main window on a store, with a synchronous runner unless told otherwise; closed after."""
    from ui.main_window import MainWindow
    from ui.settings import AppSettings
    from ui.tasks import SyncTaskRunner

    windows = []

    def make(store=None, *, runner=None, person_id=None, resize=True):
        settings = AppSettings()
        settings.person_id = person_id
        window = MainWindow(settings, runner if runner is not None else SyncTaskRunner(), work_dir=tmp_path / "books")
        qtbot.addWidget(window)
        if resize:
            window.resize(1280, 800)
        window.show()
        if store is not None:
            window.use_store(store)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.runner.shutdown()


# The tablet reader's fixtures (tests/ui/test_reader.py, test_reader_tablet.py).
READER_MEMBER = "ha.ttt@quangtri.gov.vn"  # Trần Thị Thu Hà, a member of the December provincial meeting
READER_OTHER_MEMBER = "dung.lq@quangtri.gov.vn"


@pytest.fixture
def live(demo_store, clerk_id):
    """The December provincial meeting published (materials sent) and under way."""
    from meetings.lifecycle import list_meetings, start_meeting
    from meetings.materials import publish_meeting
    from store.directory import find_person_by_email
    from ui.commands.gui import DEMO_MEETING

    with demo_store.read() as s:
        mid = next(m.id for m in list_meetings(s) if m.title == DEMO_MEETING)
        member = find_person_by_email(s, READER_MEMBER).id
        other = find_person_by_email(s, READER_OTHER_MEMBER).id
    with demo_store.uow(clerk_id) as uow:
        publish_meeting(uow, mid)
        start_meeting(uow, mid)
        uow.commit()
    return {"meeting": mid, "member": member, "other": other}


@pytest.fixture
def make_reader(qtbot, demo_store, tmp_path):
    from ui.reader.reader_window import ReaderWindow
    from ui.tasks import SyncTaskRunner

    readers = []

    def make(person_id, store=demo_store, **kwargs):
        reader = ReaderWindow(store, SyncTaskRunner(), person_id, offline_folder=tmp_path / "offline", **kwargs)
        qtbot.addWidget(reader)
        reader.resize(1280, 800)
        reader.show()
        readers.append(reader)
        return reader

    yield make
    for reader in readers:
        reader.close()  # stops the follower's thread
        assert reader.follow.follower is None
