"""The "Văn bản" tab beside the meetings: the unit's incoming register with its overdue badge, a
document's page (register columns, signatures as verified on receipt, history), and receive,
assign and done from buttons, through the real core on a real store (offscreen Qt)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from register.incoming.handling import assign
from register.incoming.receive import receive_file
from register.incoming.records import IncomingMeta
from store.clock import FixedClock
from store.engine import open_store
from store.location import StoreLocation
from tests.conftest import START
from tests.register.incoming_fixtures import TODAY, build_office, signed_pdf
from tests.signing.pki import make_pdf
from ui.register_area.dialogs import AssignDialog, DoneDialog, ReceiveDialog


@pytest.fixture
def office_store(tmp_path):
    home = tmp_path / "store"
    setup = open_store(StoreLocation(home=home), clock=FixedClock(START), create=True)
    office = build_office(setup)
    signed = receive_file(setup, office.province, signed_pdf(), IncomingMeta(
        "Bộ Nội vụ", "Về việc hướng dẫn công tác văn thư", "1234/BNV-VP", "cong_van", TODAY),
        actor_id=office.clerk).entry.id
    late = receive_file(setup, office.province, make_pdf(1, "Báo cáo quý IV"), IncomingMeta(
        "Sở Tài chính", "Về việc báo cáo quyết toán quý IV", "88/STC-NS"), actor_id=office.clerk).entry.id
    with setup.uow(office.leader) as uow:
        assign(uow, late, handler_id=office.clerk, due_on=TODAY, instruction="Văn phòng tổng hợp gấp")
        uow.commit()
    setup.close()
    # The window opens three days later: the report is overdue.
    store = open_store(StoreLocation(home=home), clock=FixedClock(START + timedelta(days=3)))
    yield store, office, signed, late
    store.close()


def test_the_area_lists_the_register_badges_overdue_and_shows_a_documents_page(make_window, office_store):
    store, office, signed, late = office_store
    window = make_window(store, person_id=office.clerk)
    area = window.register_area
    assert window.tabs.indexOf(area) == 1
    assert window.tabs.tabText(1) == "Văn bản (1 quá hạn)"
    assert area.title.text() == "Văn bản — Tỉnh Quảng Trị"
    assert {e.id for e in area.incoming.entries()} == {signed, late}
    assert [e.id for e in area.todo.entries()] == [late] and area.lists.tabText(1) == "Việc cần xử lý (1)"

    row = next(i for i, e in enumerate(area.incoming.entries()) if e.id == signed)
    area.incoming_view.selectRow(row)
    html = area.page_view.toPlainText()
    assert "Về việc hướng dẫn công tác văn thư" in html and "1234/BNV-VP" in html
    assert "Chữ ký số khi nhận: hợp lệ" in html and "Nguyễn Văn Hưng" in html  # the chair's signature
    assert "vào sổ văn bản đến" in html and "Lê Thị Văn Thư" in html  # who registered it, in the history

    area.overdue_check.setChecked(True)
    assert [e.id for e in area.incoming.entries()] == [late]
    area.overdue_check.setChecked(False)
    area.search_edit.setText("van thu")
    area.refresh()
    assert [e.id for e in area.incoming.entries()] == [signed]


def test_receive_assign_and_close_from_the_buttons(make_window, office_store, monkeypatch, tmp_path):
    store, office, signed, _ = office_store
    window = make_window(store, person_id=office.clerk)
    area = window.register_area
    pdf = tmp_path / "cv-moi.pdf"
    pdf.write_bytes(make_pdf(1, "Công văn mới"))

    def fill_receive(dialog: ReceiveDialog) -> QDialog.DialogCode:
        dialog.path_edit.setText(str(pdf))
        dialog.sender_edit.setText("Sở Y tế")
        dialog.symbol_edit.setText("55/SYT-NV")
        dialog.subject_edit.setPlainText("Về việc tiêm chủng mở rộng")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReceiveDialog, "exec", fill_receive)
    area.receive_button.click()
    assert not window.errors
    new = next(e for e in area.incoming.entries() if e.doc_symbol == "55/SYT-NV")
    assert new.number == 3

    area.incoming_view.selectRow(next(i for i, e in enumerate(area.incoming.entries()) if e.id == signed))
    assert area.assign_button.isEnabled()

    def fill_assign(dialog: AssignDialog) -> QDialog.DialogCode:
        dialog.handler_combo.setCurrentIndex(dialog.handler_combo.findData(office.officer))
        dialog.note_edit.setPlainText("Giao chuyên viên tham mưu")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AssignDialog, "exec", fill_assign)
    window.settings.person_id = office.leader  # the leader assigns
    area.assign_button.click()
    assert not window.errors
    assert area.selected.handler_id == office.officer and str(area.selected.status) == "assigned"
    assert "Giao chuyên viên tham mưu" in area.page_view.toPlainText()

    monkeypatch.setattr(DoneDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.settings.person_id = office.officer2  # not the handler: refused, shown in the one place
    area.done_button.click()
    assert window.errors and "Chỉ người xử lý chính" in str(window.errors[-1])
    window.settings.person_id = office.officer
    area.done_button.click()
    assert str(area.selected.status) == "done" and "hoàn thành xử lý" in area.page_view.toPlainText()


def test_the_van_phongs_officer_opens_the_ubnds_register_and_handles_what_is_given(make_window, tmp_path, monkeypatch):
    """The UBND's văn thư gives a paper to the Văn phòng's chuyên viên with a Sở's officer: the
    dialog offers the people of the Văn phòng and the Sở (their unit beside the position), no
    ward's; the chuyên viên's "Văn bản" opens the UBND's register, where it is in the to-do."""
    from PySide6.QtWidgets import QInputDialog

    from tests.register.incoming_fixtures import build_body

    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START), create=True)
    try:
        b = build_body(store)
        entry = receive_file(store, b.province, make_pdf(1, "Công văn Bộ Tài chính"), IncomingMeta(
            "Bộ Tài chính", "Về việc hướng dẫn quyết toán ngân sách", "1288/BTC-NSNN"), actor_id=b.clerk).entry.id
        window = make_window(store, person_id=b.clerk)
        area = window.register_area
        assert area.title.text() == "Văn bản — Tỉnh Quảng Trị"  # the văn thư works in the Văn phòng
        area.incoming_view.selectRow(next(i for i, e in enumerate(area.incoming.entries()) if e.id == entry))
        offered: dict[int, str] = {}

        def fill_assign(dialog: AssignDialog) -> QDialog.DialogCode:
            combo = dialog.handler_combo
            offered.update({combo.itemData(i): combo.itemText(i) for i in range(combo.count())})
            combo.setCurrentIndex(combo.findData(b.vp_officer))
            for i in range(dialog.co_list.count()):
                if dialog.co_list.item(i).data(Qt.ItemDataRole.UserRole) == b.agency_officer:
                    dialog.co_list.item(i).setCheckState(Qt.CheckState.Checked)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(AssignDialog, "exec", fill_assign)
        area.assign_button.click()
        assert not window.errors
        assert set(offered) == {b.clerk, b.leader, b.vp_officer, b.agency_officer}
        assert offered[b.vp_officer] == "Hoàng Thị Thanh Tâm — Chuyên viên, Văn phòng UBND tỉnh"
        assert offered[b.agency_officer] == "Lý Văn Tài — Chuyên viên, Sở Tài chính"
        assert offered[b.leader] == "Nguyễn Văn Minh — Chủ tịch UBND tỉnh"
        assert area.selected.handler_id == b.vp_officer and area.selected.co_handler_ids == (b.agency_officer,)

        window.settings.person_id = b.vp_officer  # the chuyên viên: the UBND's register, the paper to do
        area.refresh()
        assert area.title.text() == "Văn bản — Tỉnh Quảng Trị"
        assert [e.id for e in area.todo.entries()] == [entry] and area.lists.tabText(1) == "Việc cần xử lý (1)"
        area.lists.setCurrentIndex(1)
        area.todo_view.selectRow(0)
        monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Đã dự thảo báo cáo.", True))
        area.progress_button.click()
        monkeypatch.setattr(DoneDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
        area.done_button.click()
        assert not window.errors
        assert str(area.selected.status) == "done" and area.todo.entries() == []
        assert "Đã dự thảo báo cáo." in area.page_view.toPlainText()
    finally:
        store.close()


def test_a_clerk_of_two_registers_chooses_which_one_the_area_shows(make_window, tmp_path, monkeypatch):
    """The UBND's văn thư who also keeps its advisory board's register: a chooser above the lists
    (for them only) switches the incoming and outgoing lists, the receipt and the draft's issuer to
    the board, and stays on it for the rest of the session; the window still fits 1366×768 at 150 %."""
    from PySide6.QtWidgets import QApplication

    from store.directory import create_person, create_unit, grant_role
    from tests.register.incoming_fixtures import build_body, draft_reply
    from tests.ui.test_dialogs_fit_small_screens import SCREEN_150
    from ui.register_area.outgoing_dialogs import DraftDialog

    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START), create=True)
    try:
        b = build_body(store)
        with store.uow() as uow:
            board = create_unit(uow, code="QT-BCD", name="Ban Chỉ đạo phòng, chống thiên tai tỉnh", kind="board",
                                parent_id=b.province, official_name="Ban Chỉ đạo phòng, chống thiên tai tỉnh Quảng Trị",
                                abbreviation="BCĐ").id
            head = create_person(uow, full_name="Võ Văn Hưng", position="Trưởng ban", unit_id=board).id
            grant_role(uow, b.clerk, board, "van_thu")
            uow.commit()
        ubnd_paper = receive_file(store, b.province, make_pdf(1, "Công văn Bộ Tài chính"), IncomingMeta(
            "Bộ Tài chính", "Về việc quyết toán ngân sách", "1288/BTC-NSNN"), actor_id=b.clerk).entry.id
        board_paper = receive_file(store, board, make_pdf(1, "Công điện"), IncomingMeta(
            "Ban Chỉ đạo quốc gia", "Về việc ứng phó bão số 3", "12/CĐ-BCĐ"), actor_id=b.clerk).entry.id
        ubnd_draft = draft_reply(store, b.vp_officer, b.office, b.leader, "Báo cáo quyết toán")
        with store.uow(b.vp_officer) as uow:
            from documents.intake.service import inspect_pdf
            from register.outgoing.drafts import draft_outgoing
            board_draft = draft_outgoing(uow, inspect_pdf(make_pdf(1, "Phương án")), filename="pa.pdf",
                                         doc_type="ke_hoach", subject="Phương án ứng phó bão số 3",
                                         drafting_unit_id=b.office, unit_id=board, signer_id=head).id
            uow.commit()

        window = make_window(store, person_id=b.clerk)
        area = window.register_area
        window.tabs.setCurrentWidget(area)
        combo = area.register_combo
        # The UBND's register first (the one the area opens), then the board's.
        assert not area.register_row.isHidden()
        assert [combo.itemData(i) for i in range(combo.count())] == [b.province, board]
        assert combo.itemText(1) == "Ban Chỉ đạo phòng, chống thiên tai tỉnh"
        assert [e.id for e in area.incoming.entries()] == [ubnd_paper]
        assert {r["id"] for r in area.outgoing.rows()} == {ubnd_draft, board_draft}  # the board's listed with the body

        combo.setCurrentIndex(1)
        combo.activated.emit(1)
        assert area.title.text() == "Văn bản"  # the chooser names the register
        assert combo.currentText() == "Ban Chỉ đạo phòng, chống thiên tai tỉnh"
        assert [e.id for e in area.incoming.entries()] == [board_paper]
        assert [r["id"] for r in area.outgoing.rows()] == [board_draft]

        pdf = tmp_path / "cd.pdf"
        pdf.write_bytes(make_pdf(1, "Công điện mới"))

        def fill_receive(dialog: ReceiveDialog) -> QDialog.DialogCode:
            dialog.path_edit.setText(str(pdf))
            dialog.sender_edit.setText("Ban Chỉ đạo quốc gia")
            dialog.symbol_edit.setText("13/CĐ-BCĐ")
            dialog.subject_edit.setPlainText("Về việc ứng phó bão số 4")
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ReceiveDialog, "exec", fill_receive)
        area.receive_button.click()  # into the board's register
        assert not window.errors, window.errors
        new = next(e for e in area.incoming.entries() if e.doc_symbol == "13/CĐ-BCĐ")
        assert new.unit_id == board and new.number == 2

        area.lists.setCurrentWidget(area.outgoing_view)
        issuer = {}

        def look(d: DraftDialog) -> QDialog.DialogCode:
            issuer["chosen"] = d.issuer_combo.currentData()
            issuer["signer"] = d.signer_combo.currentData()
            return QDialog.DialogCode.Rejected

        monkeypatch.setattr(DraftDialog, "exec", look)
        area.outgoing_actions.draft_button.click()
        assert issuer == {"chosen": board, "signer": head}  # the board issues; its Trưởng ban signs first

        # The chooser's row adds no width: the window still fits 1366×768 at 150 %, the row within the area.
        QApplication.processEvents()
        assert combo.isVisible() and area.register_row.geometry().right() <= area.width()
        assert window.minimumSizeHint().width() <= SCREEN_150[0]

        window.settings.person_id = b.leader  # one register only: no chooser
        area.refresh()
        assert area.register_row.isHidden() and area.title.text() == "Văn bản — Tỉnh Quảng Trị"
        window.settings.person_id = b.clerk  # back again: the board's, as chosen in this session
        area.refresh()
        assert not area.register_row.isHidden() and combo.currentData() == board
        assert {e.id for e in area.incoming.entries()} == {board_paper, new.id}
    finally:
        store.close()


def test_the_assign_form_starts_at_the_senders_date_and_goes_no_later(qtbot):
    """A copy another unit asked an answer for by a date: the form's deadline starts there and
    cannot pass it; without one, a week from today, with no upper bound."""
    from PySide6.QtCore import QDate

    people = [(1, "Lê Thị Công", "Công chức")]
    asked = AssignDialog(people, TODAY, due=TODAY + timedelta(days=10), latest=TODAY + timedelta(days=10))
    plain = AssignDialog(people, TODAY)
    for d in (asked, plain):
        qtbot.addWidget(d)
    assert asked.due_edit.date() == asked.due_edit.maximumDate() == QDate(2026, 12, 8)
    assert asked.values()[2] == TODAY + timedelta(days=10)
    assert plain.due_edit.date() == QDate(2026, 12, 5) and plain.due_edit.maximumDate() > QDate(2100, 1, 1)


def test_a_gone_handlers_work_is_marked_counted_and_reassigned_from_the_window(make_window, office_store,
                                                                               monkeypatch):
    """Issue 14: the officer handling the report is transferred to a commune; the register marks
    the entry "cần giao lại", the văn thư sees the count, filters, and gives the work to someone."""
    from store.directory import edit_person, end_role
    from ui.register_area.dialogs import ReassignDialog

    store, office, signed, late = office_store
    with store.uow(office.leader) as uow:
        assign(uow, signed, handler_id=office.officer, due_on=TODAY + timedelta(days=10))
        uow.commit()
    with store.uow() as uow:
        edit_person(uow, office.officer, unit_id=office.communes[0])
        end_role(uow, office.officer, office.province, "chuyen_vien", on=TODAY + timedelta(days=1))
        uow.commit()
    window = make_window(store, person_id=office.clerk)
    area = window.register_area
    assert area.needs_handler_check.text() == "Cần giao lại (1)" and area.reassign_button.isEnabled()
    row = next(i for i, e in enumerate(area.incoming.entries()) if e.id == signed)
    handler = area.incoming.index(row, 5)
    assert "cần giao lại" in area.incoming.data(handler)
    area.needs_handler_check.setChecked(True)
    assert [e.id for e in area.incoming.entries()] == [signed]
    area.incoming_view.selectRow(0)
    assert "cần giao lại" in area.page_view.toPlainText()

    seen: dict[str, list[int]] = {}

    def choose(dialog: ReassignDialog) -> QDialog.DialogCode:
        seen["from"] = [dialog.from_combo.itemData(i) for i in range(dialog.from_combo.count())]
        seen["to"] = [dialog.to_combo.itemData(i) for i in range(dialog.to_combo.count())]
        dialog.to_combo.setCurrentIndex(dialog.to_combo.findData(office.officer2))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReassignDialog, "exec", choose)
    area.reassign_button.click()
    assert not window.errors
    assert seen["from"] == [office.officer] and office.officer2 in seen["to"] and office.officer not in seen["to"]
    assert office.commune_officers[0] not in seen["to"]  # only people of the unit now
    assert area.incoming.entries() == [] and area.needs_handler_check.text() == "Cần giao lại"
    assert not area.reassign_button.isEnabled()
    area.needs_handler_check.setChecked(False)
    moved = next(e for e in area.incoming.entries() if e.id == signed)
    assert moved.handler_id == office.officer2 and not moved.needs_handler

    # An ordinary member has no hand in it: the button stays off for them.
    window.settings.person_id = office.officer2
    area.refresh()
    assert not area.reassign_button.isEnabled()
