"""The first-start assistant, walked offscreen to a working window for each kind of store: a
folder on this machine, and the province's shared PostgreSQL store (connection tested, who you
are chosen from its people)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from store.engine import open_store
from store.location import StoreLocation
from tests.conftest import PG_URL, require_postgres
from ui.first_start import FirstStartWizard, needs_first_start


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
