"""The mail screens in a real (offscreen) window: Tệp → Thư công vụ… shows the unit's queue,
"Gửi ngay" sends it over the real servers and each row turns "đã gửi"; the account tab shows and
saves the unit's account; Xác nhận tham dự… records the invitee's answer and shows the forecast."""

from __future__ import annotations

import pytest

from mail.dispatch import queue_document
from mail.settings import require_mail_account
from meetings.rsvp import rsvps
from store.codes import RsvpAnswer
from tests.mail.conftest import COMMUNE, embedded_store


@pytest.fixture
def store_location(tmp_path):
    """This module on the embedded store only (see tests/mail/conftest.embedded_store)."""
    return embedded_store(tmp_path)


@pytest.fixture
def window(qtbot, office, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from ui.settings import AppSettings
    from ui.tasks import SyncTaskRunner

    folder = tmp_path / "settings"
    monkeypatch.setenv("NGHISU_SETTINGS_DIR", str(folder))
    monkeypatch.setenv("NGHISU_MAIL_SECRETS_DIR", str(office.secrets))
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qt"))
    settings = AppSettings()
    settings.person_id = office.secretary
    w = MainWindow(settings, SyncTaskRunner(), work_dir=tmp_path / "books")
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    w.use_store(office.store)
    yield w
    w.close()
    w.runner.shutdown()


def test_the_queue_is_sent_from_the_window_and_the_account_saved(window, office, tmp_path):
    from ui.mail import open_mail

    with office.store.uow(office.secretary) as uow:
        queue_document(uow, office.invitation_doc, unit_id=office.unit_id, addresses=[COMMUNE])
        uow.commit()
    assert window.current_unit_id() == office.unit_id
    dialog = open_mail(window)
    assert dialog.model.rowCount() == 1 and dialog.model.data(dialog.model.index(0, 2)) == "chờ gửi"
    assert dialog.send_button.isEnabled()
    dialog.send_button.click()
    assert dialog.model.data(dialog.model.index(0, 2)) == "đã gửi"
    assert "Đã gửi 1" in dialog.outcome.text() and "Chờ gửi: 0" in dialog.status.text()
    dialog.grab().save(str(tmp_path / "mail-queue.png"))

    dialog.tabs.setCurrentIndex(1)
    assert dialog.form.address.text() == "vanthu@quangtri.gov.vn"
    dialog.form.name.setText("Văn phòng Ủy ban nhân dân tỉnh Quảng Trị")
    dialog.save_button.click()
    assert dialog.account_status.text() == "Đã lưu tài khoản thư.", window.errors
    with office.store.read() as s:
        assert require_mail_account(s, office.unit_id).display_name == "Văn phòng Ủy ban nhân dân tỉnh Quảng Trị"
    dialog.form.address.setText("không hợp lệ")
    dialog.save_button.click()
    assert "không hợp lệ" in dialog.account_status.text()  # refused in one line, nothing saved
    dialog.grab().save(str(tmp_path / "mail-account.png"))
    dialog.close()


def test_an_invitee_answers_from_the_window(window, office):
    from ui.mail import open_rsvp

    window.open_meeting(office.meeting_id)
    dialog = open_rsvp(window)
    assert dialog.who.currentData() == office.secretary
    dialog.who.setCurrentIndex(dialog.who.findData(office.no_address))
    dialog.radios[RsvpAnswer.NO].setChecked(True)
    dialog.submit()
    assert "Vắng mặt cần ghi lý do" in dialog.message.text()
    dialog.note.setText("Đi công tác")
    dialog.submit()
    assert dialog.message.text().startswith("Đã ghi: Trần Văn Không Thư: vắng mặt (Đi công tác)")
    assert dialog.answers.count() == 1 and "đã xác nhận dự họp" in dialog.forecast.text()
    with office.store.read() as s:
        assert rsvps(s, office.meeting_id)[office.no_address].answer is RsvpAnswer.NO
    dialog.close()
