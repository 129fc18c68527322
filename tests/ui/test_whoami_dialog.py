"""'Tôi là…' in the window (issue 13): the first time, a person sets a PIN (typed twice, kept
only as its hash); later they prove themselves with it; a wrong PIN is one line in the dialog
and changes nothing; the chosen person holds at once in every open meeting tab, and from then
on the store refuses a change with nobody named."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from meetings.models import Meeting
from store.directory import create_person, identity_of
from store.errors import ActorRequired
from ui.identity.dialog import WhoAmIDialog, apply_person
from ui.settings import SettingsDialog

PIN = "482913"


def dialog_for(window, person_id: int) -> WhoAmIDialog:
    dialog = WhoAmIDialog(window.store, window.runner, window.actor_id, window)  # the runner fills it at once
    dialog.person.setCurrentIndex(dialog.person.findData(person_id))
    return dialog


def test_a_first_pin_then_the_pin_and_every_open_tab_follows(make_window, demo_store, clerk_id):
    window = make_window(demo_store)
    assert window.whoami_action in window.menuBar().actions()[0].menu().actions()
    with demo_store.read() as s:
        first, second = s.scalars(select(Meeting.id).order_by(Meeting.id).limit(2))
    tabs = [window.open_meeting(first), window.open_meeting(second)]

    dialog = dialog_for(window, clerk_id)
    assert dialog.pin_again.isVisibleTo(dialog)  # no PIN yet: set one, typed twice
    dialog.pin.setText(PIN)
    dialog.pin_again.setText(PIN)
    dialog.submit()
    assert dialog.chosen == clerk_id and dialog.result() == WhoAmIDialog.DialogCode.Accepted
    apply_person(window, dialog.chosen)
    assert [ws.ctx.actor_id for ws in tabs] == [clerk_id, clerk_id]
    assert window.settings.person_id == clerk_id
    with demo_store.read() as s:
        assert identity_of(s, clerk_id).has_pin

    wrong = dialog_for(window, clerk_id)
    assert not wrong.pin_again.isVisibleTo(wrong)  # a PIN is set: asked once
    wrong.pin.setText("000000")
    wrong.submit()
    assert wrong.chosen is None and "Mã PIN không đúng" in wrong.error.text() and "\n" not in wrong.error.text()
    assert wrong.pin.text() == ""

    right = dialog_for(window, clerk_id)
    right.pin.setText(PIN)
    right.submit()
    assert right.chosen == clerk_id

    settings = SettingsDialog(window.settings, window.runner, demo_store, window)  # no way round the PIN
    assert not settings.person.isEnabled() and settings.person.currentData() == clerk_id
    settings.close()

    with pytest.raises(ActorRequired), demo_store.uow() as uow:  # nobody named: refused
        create_person(uow, full_name="Người Lạ", position="Chuyên viên", unit_id=1)


def test_two_different_pins_set_nothing(make_window, demo_store, clerk_id):
    window = make_window(demo_store)
    dialog = dialog_for(window, clerk_id)
    dialog.pin.setText(PIN)
    dialog.pin_again.setText("482914")
    dialog.submit()
    assert dialog.chosen is None and "không giống nhau" in dialog.error.text()
    with demo_store.read() as s:
        assert not identity_of(s, clerk_id).has_pin
