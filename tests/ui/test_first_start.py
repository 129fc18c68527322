"""The first-start assistant, walked offscreen to a working window for each kind of store: a
folder on this machine, and the province's shared PostgreSQL store (connection tested, who you
are chosen from its people). On a folder with the demo, who you are is proved as Tệp → Tôi là…
does: this computer's account by default (Enter three times), or a PIN typed twice; from then
on a change with nobody named is refused (issue 13)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from store.directory import create_person, find_person_by_email, identity_of, list_persons
from store.engine import open_store
from store.errors import ActorRequired
from store.location import StoreLocation
from tests.conftest import PG_URL, require_postgres
from ui.commands.whoami import os_user
from ui.first_start import FirstStartWizard, needs_first_start

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


def test_enter_three_times_makes_the_demo_and_binds_this_computers_account(make_window, tmp_path):
    window = make_window()
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
    window.first_start(StoreLocation(home=tmp_path / "mac-dinh"))

    clerk, ident = the_clerk_at_this_desk(window)
    assert (ident.os_user, ident.has_pin) == (os_user(), False)
    identity_in_force(window.store, clerk.id)


def test_a_pin_typed_twice_short_or_different_is_refused_on_the_page(make_window, tmp_path, private_settings):
    window = make_window()
    office = tmp_path / "van-phong"
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
            assert not office.exists()  # nothing written
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
