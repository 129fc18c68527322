"""The first-start assistant, walked offscreen to a working window for each kind of store: a
folder on this machine, and the province's shared PostgreSQL store (connection tested, who you
are chosen from its people). On a folder with the demo, who you are is proved as Tệp → Tôi là…
does: this computer's account by default (Enter three times), or a PIN typed twice; from then
on a change with nobody named is refused (issue 13).

Enter three times makes the whole demo, as `nghisu demo` does, in the background with its steps
on a bar (the one test here that makes it to the end: about a minute); Cancel, or a folder where
nothing can be made, leaves nothing of it. The PIN test starts from a folder that already holds
the demo (the tests' quick one), which the assistant leaves as it is."""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from demo.progress import PERMILLE, PLAN, DemoStep
from register.incoming.lists import IncomingFilter, count_incoming
from store.directory import (
    create_person,
    find_person_by_email,
    find_unit_by_code,
    identity_of,
    list_persons,
    list_units,
)
from store.engine import open_store
from store.errors import ActorRequired, NghisuError
from store.location import StoreLocation
from tests.conftest import PG_URL, require_postgres
from ui.commands.whoami import os_user
from ui.demo_progress import DemoProgressDialog
from ui.first_start import FirstStartWizard, needs_first_start
from ui.tasks import TaskRunner

CLERK = "anh.ptn@quangtri.gov.vn"  # the demo's secretary: who you are with the demo


def answer_when_shown(answers) -> None:
    """Fill the assistant once it is on screen (exec() blocks until it is finished)."""

    def drive() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, FirstStartWizard):
            QTimer.singleShot(20, drive)
            return
        answers(wizard)

    QTimer.singleShot(0, drive)


def test_a_folder_on_this_machine_without_the_demo(make_window, tmp_path):
    window = make_window()
    assert needs_first_start(window.settings)
    office = tmp_path / "van-phong"

    def answers(wizard: FirstStartWizard) -> None:
        page = wizard.store_page
        assert page.here.isChecked() and page.dir_edit.text()  # a default is offered
        page.dir_edit.setText(str(office))
        wizard.next()
        wizard.person_page.demo.setChecked(False)
        wizard.next()
        assert wizard.key_page.p12_edit.text() == ""  # a key can come later
        wizard.accept()

    answer_when_shown(answers)
    window.first_start(StoreLocation(home=tmp_path / "mac-dinh"))

    assert window.store is not None and window.store.location.home == office
    assert (office / "nghisu.sqlite").is_file() or any(office.iterdir())
    assert not (tmp_path / "mac-dinh").exists()  # the default was not used behind the person's back
    assert window.settings.store_arguments() == (str(office), None)
    assert not needs_first_start(window.settings)
    assert window.errors == []


def the_clerk(store):
    with store.read() as s:
        return find_person_by_email(s, CLERK)


def people(store) -> list[str]:
    with store.read() as s:
        return [p.full_name for p in list_persons(s)]


def the_clerk_at_this_desk(window):
    """The assistant finished without an error and the window acts as the demo's văn thư:
    the clerk and how the store knows them."""
    assert window.errors == []
    clerk = the_clerk(window.store)
    assert window.settings.person_id == clerk.id
    with window.store.read() as s:
        return clerk, identity_of(s, clerk.id)


def identity_in_force(store, person_id: int) -> None:
    """Nobody named: refused, nothing written; the person named: an audited write goes through."""
    before = people(store)
    with pytest.raises(ActorRequired), store.uow() as uow:
        create_person(uow, full_name="Người Lạ", position="Chuyên viên", unit_id=1)
        uow.commit()
    assert people(store) == before
    with store.uow(person_id) as uow:
        create_person(uow, full_name="Hồ Thị Mai", position="Chuyên viên", unit_id=1)
        uow.commit()
    assert "Hồ Thị Mai" in people(store)


def press_enter(wizard: FirstStartWizard) -> None:
    QTest.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)


def enter_three_times_into(office: Path):
    """The assistant's answers of a person who names the folder and presses Enter three times."""
    def answers(wizard: FirstStartWizard) -> None:
        wizard.store_page.dir_edit.setText(str(office))
        for _ in range(3):
            press_enter(wizard)

    return answers


def wait_for(condition, timeout: float = 600.0) -> None:
    """Run the event loop until ``condition()``, sleeping in Python between rounds so that the
    workers run (a busy wait starves them: ``ui.commands.gui.settle``)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
        QApplication.processEvents()


def settled(window) -> None:
    """Until no background task is left, for a moment (results start the next tasks)."""
    calm = 0
    while calm < 4:
        wait_for(lambda: window.runner.active_count() == 0)
        time.sleep(0.05)
        QApplication.processEvents()
        calm = calm + 1 if window.runner.active_count() == 0 else 0


def making(tmp_path, office) -> list[str]:
    """The demo's folders being made beside ``office`` (none once it is done or stopped)."""
    return [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{office.name}.")]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_enter_three_times_makes_the_whole_demo_in_the_background(make_window, tmp_path):
    """The README's way: the same demo as `nghisu demo` (meetings, the province's year of văn bản
    đi with "Số: 15/QĐ-UBND", the registers of the province and two wards), made in the
    background with its real steps on a bar, the window answering meanwhile; then the Văn bản
    area full, and this computer's account bound to the demo's văn thư."""
    window = make_window(runner=TaskRunner())
    office = tmp_path / "van-phong"

    def answers(wizard: FirstStartWizard) -> None:
        wizard.store_page.dir_edit.setText(str(office))  # the test's own folder, not this machine's default
        press_enter(wizard)
        page = wizard.person_page
        assert wizard.currentPage() is page and page.demo.isChecked()
        assert page.by_account.isChecked() and not page.pin.isEnabled()  # the default needs no typing
        assert os_user() in page.by_account.text() and page.proof_note.isVisibleTo(page)
        press_enter(wizard)
        assert wizard.currentPage() is wizard.key_page
        press_enter(wizard)

    answer_when_shown(answers)
    started = time.monotonic()
    window.first_start(StoreLocation(home=tmp_path / "mac-dinh"))
    assert time.monotonic() - started < 20  # the assistant returns; the demo is made in the background

    dialog = window.findChild(DemoProgressDialog)
    assert dialog is not None and dialog.isVisible() and dialog.bar.maximum() > 0  # a determinate bar
    steps: list[DemoStep] = []
    dialog.handle.noted.connect(steps.append)
    wait_for(lambda: dialog.bar.value() >= 450)  # the wards' registers: well into the demo
    assert window.store is None and not office.exists() and making(tmp_path, office)  # made beside, not in place
    label = dialog.step.text()
    assert label.startswith("Sổ văn bản") and "UBND" in label, label
    dialog.grab().save(str(tmp_path / "tien-do.png"))
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(100)
    wait_for(lambda: window.store is not None)
    timer.stop()
    settled(window)
    assert ticks > 10  # the window's own timers ran all along: it never froze
    assert not making(tmp_path, office) and window.findChild(DemoProgressDialog) is None

    plan = list(dict.fromkeys(key for key, _ in PLAN))
    keys = list(dict.fromkeys(s.key for s in steps))
    assert keys == plan[plan.index(keys[0]):], keys  # every step from the first heard, in order
    assert list(dict.fromkeys(s.unit for s in steps if s.key.startswith("register"))) == [
        "UBND phường Đồng Hới", "UBND xã Vĩnh Linh", "UBND tỉnh Quảng Trị"]
    assert [s.permille for s in steps] == sorted(s.permille for s in steps) and steps[-1].permille == PERMILLE
    clerk, ident = the_clerk_at_this_desk(window)
    assert (ident.os_user, ident.has_pin) == (os_user(), False)

    area = window.register_area  # the Văn bản area: the province's register and its outgoing year
    window.tabs.setCurrentWidget(area)
    area.refresh()
    settled(window)
    assert len(area.incoming.entries()) > 100
    assert "15/QĐ-UBND" in {row.get("symbol") for row in area.snapshot.outgoing}
    window.grab().save(str(tmp_path / "van-ban.png"))
    area.lists.setCurrentWidget(area.outgoing_view)
    settled(window)
    window.grab().save(str(tmp_path / "van-ban-di.png"))
    with window.store.read() as s:
        wards = [find_unit_by_code(s, code) for code in ("QT-DHOI", "QT-VLINH")]
        assert all(count_incoming(s, IncomingFilter(unit_id=w.id)) > 20 for w in wards)
    readme = (office / "demo-keys" / "README.txt").read_text(encoding="utf-8")
    assert str(office / "demo-keys") in readme and ".dang-tao" not in readme
    identity_in_force(window.store, clerk.id)


def test_cancel_stops_the_demo_and_leaves_nothing_of_it(make_window, tmp_path):
    """Cancel: the dialog says it is stopping, the work stops at its next step, the folder made
    beside is removed, and the store opens empty with one message saying so."""
    window = make_window(runner=TaskRunner())
    office = tmp_path / "van-phong"

    answer_when_shown(enter_three_times_into(office))
    window.first_start(StoreLocation(home=tmp_path / "mac-dinh"))
    dialog = window.findChild(DemoProgressDialog)
    wait_for(lambda: dialog.bar.value() > 0)  # a step has begun: there is something to throw away
    assert making(tmp_path, office)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # as the Hủy button: the person wants it to stop
    assert dialog.stopping and not dialog.cancel_button.isEnabled() and "Đang dừng" in dialog.step.text()
    wait_for(lambda: window.store is not None, timeout=120)
    settled(window)

    assert not making(tmp_path, office) and window.findChild(DemoProgressDialog) is None
    with window.store.read() as s:
        assert list_units(s) == [] and list_persons(s) == []  # an empty store: no part of the demo
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert "Đã hủy tạo dữ liệu mẫu" in box.text() and str(office) in box.text(), box.text()
    assert window.errors == [] and window.settings.person_id is None
    box.close()


def test_a_demo_that_cannot_be_made_is_one_line_and_the_window_goes_on(make_window, tmp_path):
    (tmp_path / "tep").write_text("một tệp, không phải thư mục", encoding="utf-8")
    office = tmp_path / "tep" / "van-phong"  # its parent is a file: nothing can be made there
    window = make_window()

    answer_when_shown(enter_three_times_into(office))
    window.first_start(StoreLocation(home=tmp_path / "mac-dinh"))

    assert len(window.errors) == 1  # said once, though opening the store fails too
    line = window.errors[0]
    assert isinstance(line, NghisuError) and "\n" not in str(line) and "dữ liệu mẫu" in line.message("vi")
    assert "Traceback" not in str(line) and line.message("en") != line.message("vi")
    assert window.store is None and "Chưa mở được kho" in window.store_label.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings", "tep"]


def test_a_pin_typed_twice_short_or_different_is_refused_on_the_page(make_window, tmp_path, private_settings,
                                                                    demo_template):
    window = make_window()
    office = tmp_path / "van-phong"
    # A folder that already holds the demo (made before): the assistant leaves it as it is, and
    # with the demo you are its văn thư, as the assistant says.
    shutil.copytree(demo_template, office)
    before = sorted(p.name for p in office.iterdir())
    pin = "482913"

    def answers(wizard: FirstStartWizard) -> None:
        wizard.store_page.dir_edit.setText(str(office))
        wizard.next()
        page = wizard.person_page
        page.by_pin.setChecked(True)
        assert page.pin.isEnabled() and page.pin_again.isEnabled()
        for first, again, said in (("12345", "12345", "ít nhất 6 chữ số"), (pin, "482914", "không giống nhau")):
            page.pin.setText(first)
            page.pin_again.setText(again)
            wizard.next()
            assert wizard.currentPage() is page  # refused on the page, in one line
            assert said in page.error.text() and "\n" not in page.error.text(), page.error.text()
            assert page.pin.text() == page.pin_again.text() == ""
            assert sorted(p.name for p in office.iterdir()) == before  # nothing written
        page.pin.setText(pin)
        page.pin_again.setText(pin)
        wizard.next()
        assert wizard.currentPage() is wizard.key_page
        assert pin not in repr(wizard.choice())
        wizard.accept()

    answer_when_shown(answers)
    window.first_start(StoreLocation(home=tmp_path / "mac-dinh"))

    clerk, ident = the_clerk_at_this_desk(window)
    assert (ident.has_pin, ident.os_user) == (True, None)
    window.settings.sync()
    saved = b"".join(p.read_bytes() for p in private_settings.rglob("*") if p.is_file())
    assert pin.encode() not in saved  # only its hash, in the store
    identity_in_force(window.store, clerk.id)


@pytest.fixture
def shared_database():
    """A database of its own on the test server, holding a store with one unit and one person."""
    require_postgres()
    import psycopg

    name = f"nghisu_wizard_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    from store.directory import create_person, create_unit

    store = open_store(StoreLocation(database_url=url), create=True)
    with store.uow() as uow:
        unit = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province",
                           official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        person = create_person(uow, full_name="Phạm Thị Ngọc Ánh", position="Chuyên viên Văn phòng", unit_id=unit.id)
        uow.commit()
    store.close()
    yield url, person.id
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_provinces_shared_store(make_window, tmp_path, shared_database):
    url, person_id = shared_database
    window = make_window()

    def answers(wizard: FirstStartWizard) -> None:
        page = wizard.store_page
        page.shared.setChecked(True)
        page.url_edit.setText(url)
        assert not page.isComplete()  # "Tiếp" waits for a connection that answered
        page.test_button.click()
        assert page.isComplete(), page.result.text()
        assert "1 đơn vị" in page.result.text()
        wizard.next()
        people = wizard.person_page.person
        assert not wizard.person_page.demo.isVisible()  # a shared store is never given demo data
        people.setCurrentIndex(people.findData(person_id))
        assert wizard.person_page.isComplete()
        wizard.next()
        wizard.accept()

    answer_when_shown(answers)
    window.first_start(StoreLocation(home=tmp_path / "mac-dinh"))

    assert window.store is not None and window.store.location.database_url == url
    assert window.settings.person_id == person_id
    assert window.settings.store_arguments() == (None, url)
    assert window.errors == []
    window.close()  # the window owns the store it opened: closed before the database is dropped


def test_a_wrong_address_is_said_on_the_page_and_blocks_next(qtbot, tmp_path):
    from ui.settings import AppSettings
    from ui.tasks import SyncTaskRunner

    wizard = FirstStartWizard(AppSettings(), SyncTaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.store_page
    page.url_edit.setText("postgresql://postgres@127.0.0.1:1/khong-co")
    page.test_button.click()
    assert not page.isComplete()
    assert page.result.text() and "Traceback" not in page.result.text()
