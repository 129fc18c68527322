"""Every dialog fits an office PC's 1366×768 screen at Windows' 150 % scaling (911×485 points
under the taskbar), title bar included: nothing, least of all a Save button, is ever out of reach.

A dialog's smallest size (``minimumSizeHint``) is what no window manager can shrink; it is
measured in points, so the same numbers hold at every scaling. Long dialogs scroll their body
(ui/screen_fit.py) instead of growing past the screen.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox

from meetings.live.follow import set_presenter_position
from ui.demo_progress import DemoProgressDialog
from ui.directory.jobs import load_directory
from ui.directory.people_dialog import PeopleDialog
from ui.directory.person_edit_dialog import PersonEditDialog
from ui.directory.reorganise_dialog import DissolveDialog, MergeDialog, MoveDialog
from ui.directory.unit_edit_dialog import UnitEditDialog
from ui.directory.unit_jobs import load_units
from ui.directory.units_dialog import UnitsDialog
from ui.first_start import FirstStartWizard
from ui.identity.dialog import WhoAmIDialog
from ui.mail.dialog import MailDialog
from ui.register_area import dialogs as register
from ui.register_area import outgoing_dialogs as outgoing
from ui.register_area.outgoing_jobs import DraftChoices
from ui.screen_fit import FRAME
from ui.settings import AppSettings, SettingsDialog
from ui.stamps.dialog import StampsDialog
from ui.tasks import SyncTaskRunner
from ui.workspace.context import load_bundle
from ui.workspace.dialogs import AgendaItemDialog, NewMeetingDialog
from ui.workspace.sign_dialog import SignDialog

#: 1366×768 at 150 %, less a 40-pixel taskbar: the room a dialog's frame and body share.
SCREEN_150 = (round(1366 / 1.5), round((768 - 40) / 1.5))
ROOM = (SCREEN_150[0] - FRAME[0], SCREEN_150[1] - FRAME[1])

PEOPLE = [(1, "Nguyễn Thị Phương Thảo", "Phó Chánh Văn phòng UBND tỉnh, phụ trách tổng hợp"),
          (2, "Trần Văn Hùng", "Chủ tịch Ủy ban nhân dân tỉnh")]
TITLE = "Quyết định về việc phê duyệt Kế hoạch phát triển kinh tế - xã hội năm 2027 của tỉnh Quảng Trị"


def dialogs(window, store):
    """Each dialog as the app opens it (on the demo store, with long real names)."""
    settings, runner = AppSettings(), SyncTaskRunner()
    today = date(2026, 12, 3)
    yield SettingsDialog(settings, runner, store, window)
    yield FirstStartWizard(settings, runner, window)
    yield DemoProgressDialog(window)
    yield MailDialog(window, 2, "Ủy ban nhân dân tỉnh Quảng Trị")
    yield StampsDialog(window)
    yield SignDialog(settings, TITLE, PEOPLE[0][1], window)
    yield NewMeetingDialog("Ủy ban nhân dân tỉnh Quảng Trị", datetime(2026, 12, 3, 8, 0), window)
    yield AgendaItemDialog(TITLE, window)
    yield register.ReceiveDialog(today, window)
    yield register.AssignDialog(PEOPLE, today, window)
    yield register.DoneDialog([(14, "15/QĐ-UBND " + TITLE)], window)
    yield outgoing.DraftDialog(DraftChoices(units=[(2, "Văn phòng Ủy ban nhân dân tỉnh")], people=PEOPLE,
                                                 boards=[(9, "Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh")]), 1, window)
    yield outgoing.ReviewersDialog(PEOPLE, 1, window)
    yield outgoing.ReviseDialog(["Đề nghị bổ sung căn cứ pháp lý " * 4] * 3, window)
    yield outgoing.CommentDialog(2, window)
    yield outgoing.CancelDialog("15/QĐ-UBND", window)
    yield outgoing.StampKeyDialog(settings, TITLE, PEOPLE[0][1], seal=True, parent=window)
    yield WhoAmIDialog(store, runner, None, window)
    yield PeopleDialog(store, runner, None, window)
    yield UnitsDialog(store, runner, None, window)
    unit_map, directory = load_units(store), load_directory(store)
    unit = max(unit_map.units, key=lambda u: len(u.official_name))  # the longest names fill the form
    yield UnitEditDialog(store, runner, None, unit, lambda: None, window)
    for reorganise in (MoveDialog, MergeDialog, DissolveDialog):
        yield reorganise(store, runner, None, unit_map, unit, lambda: None, window)
    person = max(directory.people, key=lambda p: len(directory.roles.get(p.id, ())))
    yield PersonEditDialog(store, runner, None, directory, person, lambda: None, window)


@pytest.fixture
def every_dialog(make_window, demo_store, clerk_id):
    window = make_window(demo_store, person_id=clerk_id)
    made = list(dialogs(window, demo_store))
    yield made
    for dialog in made:
        dialog.close()


def test_every_dialog_fits_1366x768_at_150_percent(every_dialog):
    too_big = []
    for dialog in every_dialog:
        assert isinstance(dialog, QDialog)
        dialog.ensurePolished()
        smallest = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if smallest.width() > ROOM[0] or smallest.height() > ROOM[1]:
            too_big.append(f"{type(dialog).__name__}: {smallest.width()}×{smallest.height()}")
    assert too_big == [], f"larger than {ROOM[0]}×{ROOM[1]} points"


def test_a_long_dialog_opens_within_the_screen_and_keeps_its_buttons_in_view(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    dialog = SettingsDialog(AppSettings(), SyncTaskRunner(), demo_store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height() - FRAME[1] and dialog.width() <= room.width() - FRAME[0]
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.isVisible() and dialog.rect().contains(buttons.geometry())


def test_the_live_console_fits_beside_the_unit_tree_on_1366x768(make_window, demo_store, clerk_id, live, qtbot):
    """Every section of the secretary's console (attendance, speakers, votes, presenter) is no
    wider than a 1366-pixel screen leaves beside the unit tree: nothing is cut off at the right."""
    chosen = next(m.document for m in load_bundle(demo_store, live["meeting"]).materials if not m.document.classified)
    with demo_store.uow(clerk_id) as uow:  # everyone follows the chair: the console names the paper in full
        set_presenter_position(uow, live["meeting"], chosen.agenda_item_id, chosen.id, 2)
        uow.commit()
    window = make_window(demo_store, person_id=clerk_id)
    ws = window.open_meeting(live["meeting"])
    console = ws.pages["console"]
    ws.tabs.setCurrentWidget(console)
    console.reload()  # every panel filled: the agenda, the sites, the papers with their long titles
    assert console.presenter.doc_box.count() > 0
    for index in range(console.sections.count()):  # a drop-down sizes itself to its entries when first shown
        console.sections.setCurrentIndex(index)
        qtbot.wait(10)
    room = 1366 - 290 - 36  # the unit tree as the window opens it on that screen, its splitter, margins
    too_wide = {console.sections.tabText(i): console.sections.widget(i).minimumSizeHint().width()
                for i in range(console.sections.count())
                if console.sections.widget(i).minimumSizeHint().width() > room}
    assert too_wide == {}, f"wider than {room} px"
    assert console.minimumSizeHint().width() <= room
    # A drop-down sized to its longest entry (a paper's title, a site with its count) widened the
    # console past the screen once its entries arrived; each is as narrow as a set length instead.
    grows = [combo.currentText() for combo in console.findChildren(QComboBox)
             if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon]
    assert grows == []


def test_the_main_window_fits_1366x768_at_150_percent_with_every_tab(make_window, demo_store, clerk_id, live):
    """The window's own smallest width (its tabs: the meetings, "Văn bản" with its outgoing
    actions, a meeting's workspace, the calendar) stays within the 911 points such a screen has:
    one row of ten outgoing buttons once pushed the window past the screen's right edge, and the
    calendar's row of push buttons took the unit tree's width down to a sliver."""
    window = make_window(demo_store, person_id=clerk_id)
    window.open_meeting(live["meeting"])
    window.calendar_action.trigger()
    room = SCREEN_150[0] - 290 - 36  # beside the unit tree as the window opens it
    assert window.tabs.currentWidget().minimumSizeHint().width() <= room
    area = window.register_area
    window.tabs.setCurrentWidget(area)
    area.lists.setCurrentWidget(area.outgoing_view)  # the outgoing list and its actions showing
    assert area.outgoing_actions.isVisible()
    assert window.minimumSizeHint().width() <= SCREEN_150[0]
