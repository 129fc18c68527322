"""Editing and reorganising units from Tệp → Đơn vị… (issue 13), on the 2019 demo store: a
correction shows in the table and the store, and a second desktop's older copy is refused, not
written over; a move offers only the parents the level scheme allows and a refused one changes
nothing; two communes merged into a third hand it their people after a confirmation that says
so, and stay in the table as ended on the day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from store.directory import find_unit_by_code, get_unit, list_persons, names_over_time
from store.directory.reorganisation import dissolve_unit
from ui.directory.reorganise_dialog import DissolveDialog, MergeDialog, MoveDialog
from ui.directory.unit_edit_dialog import UnitEditDialog
from ui.directory.units_dialog import UnitsDialog

NQ = "Nghị quyết số 1680/NQ-UBTVQH15 ngày 16/6/2025"
REFORM = date(2027, 1, 1)  # after the demo's own meetings


def units_dialog(make_window, store, person_id) -> UnitsDialog:
    window = make_window(store, person_id=person_id)
    return UnitsDialog(window.store, window.runner, window.actor_id, window)


def ids(store, *codes: str) -> list[int]:
    with store.read() as s:
        return [find_unit_by_code(s, c).id for c in codes]


def row_of(dialog: UnitsDialog, name: str) -> int:
    return next(r for r in range(dialog.model.rowCount()) if dialog.model.index(r, 0).data() == name)


def test_edit_a_unit_and_refuse_a_copy_someone_saved_meanwhile(make_window, demo_store, clerk_id):
    dialog = units_dialog(make_window, demo_store, clerk_id)
    (vt,) = ids(demo_store, "QT-VL-VT")
    dialog.select(vt)
    mine = dialog.open_action(UnitEditDialog)
    theirs = UnitEditDialog(dialog.store, dialog.runner, dialog.actor_id, dialog.selected_unit(), dialog.refresh, dialog)
    assert mine.fields["place_name"].text() == "Vĩnh Thái"

    mine.save()  # nothing typed yet
    assert "Không có gì thay đổi" in mine.error.line
    mine.fields["place_name"].setText("Vĩnh  Thái, Vĩnh Linh")
    mine.fields["identifier"].setText("000.21.31.h45")
    mine.save()
    assert mine.result() == mine.DialogCode.Accepted and dialog.changed
    assert dialog.model.index(row_of(dialog, "Xã Vĩnh Thái"), 4).data() == "Vĩnh Thái, Vĩnh Linh"
    with demo_store.read() as s:
        saved = get_unit(s, vt)
    assert (saved.place_name, saved.identifier) == ("Vĩnh Thái, Vĩnh Linh", "000.21.31.H45")

    theirs.fields["short_name"].setText("UBND xã Vĩnh Thái cũ")  # typed on a copy loaded before that save
    theirs.save()
    line = theirs.error.line
    assert "vừa được" in line and "chưa được lưu" in line and "\n" not in line
    assert theirs.result() != theirs.DialogCode.Accepted
    with demo_store.read() as s:
        assert get_unit(s, vt) == saved


def test_rename_by_decision_keeps_the_old_name_for_the_past(make_window, demo_store, clerk_id):
    dialog = units_dialog(make_window, demo_store, clerk_id)
    (vt,) = ids(demo_store, "QT-VL-VT")
    dialog.select(vt)
    edit = dialog.open_action(UnitEditDialog)
    edit.by_decision.setChecked(True)
    assert not edit.fields["code"].isEnabled()
    edit.fields["name"].setText("Xã Vĩnh Thái Mới")
    edit.decision.set_day(REFORM)
    edit.save()  # no decision typed
    assert "Cần ghi quyết định" in edit.error.line
    edit.decision.decision.setText(NQ)
    edit.save()
    assert edit.error.line == "" and row_of(dialog, "Xã Vĩnh Thái Mới") >= 0
    with demo_store.read() as s:
        assert [(until, name) for _, until, name in names_over_time(s, vt)] == [
            (REFORM, "Xã Vĩnh Thái"), (None, "Xã Vĩnh Thái Mới")]


def test_a_move_offers_only_allowed_parents_and_a_refused_one_changes_nothing(make_window, demo_store, clerk_id):
    dialog = units_dialog(make_window, demo_store, clerk_id)
    vt, vl, dk, hl, qt, vg = ids(demo_store, "QT-VL-VT", "QT-VL", "QT-DK", "QT-HL", "QT", "QT-VL-VG")
    dialog.select(vt)
    move = dialog.open_action(MoveDialog)
    offered = {move.parent_unit.itemData(i) for i in range(move.parent_unit.count())}
    assert dk in offered and hl in offered
    assert vl not in offered and qt not in offered and vg not in offered  # its own district, the province, a commune

    move.parent_unit.setCurrentIndex(move.parent_unit.findData(dk))
    move.decision.set_day(date(2027, 2, 1))
    move.decision.decision.setText(NQ)
    with demo_store.uow(clerk_id) as uow:  # meanwhile, on another desktop, Đakrông is dissolved into Hải Lăng
        dissolve_unit(uow, dk, effective_on=REFORM, decision=NQ, successor_id=hl)
        uow.commit()
    with demo_store.read() as s:
        before = get_unit(s, vt)
    move.go()
    assert "đã kết thúc hoạt động" in move.error.line and "\n" not in move.error.line
    with demo_store.read() as s:
        assert get_unit(s, vt) == before

    move.parent_unit.setCurrentIndex(move.parent_unit.findData(hl))
    move.go()
    assert move.error.line == ""
    with demo_store.read() as s:
        assert get_unit(s, vt).parent_id == hl


def test_merge_two_communes_into_a_third_after_a_confirmation(make_window, demo_store, clerk_id):
    dialog = units_dialog(make_window, demo_store, clerk_id)
    vt, vtu, vg = ids(demo_store, "QT-VL-VT", "QT-VL-VTU", "QT-VL-VG")
    with demo_store.read() as s:
        moving = {p.id for p in list_persons(s) if p.unit_id in (vt, vtu)}
    assert moving
    dialog.select(vt)
    merge = dialog.open_action(MergeDialog)
    merge.check(vtu)
    merge.check(vg)  # into itself: refused at the rehearsal, nothing written
    merge.into.setCurrentIndex(merge.into.findData(vg))
    merge.decision.set_day(REFORM)
    merge.decision.decision.setText(NQ)
    merge.go()
    assert "chính nó" in merge.error.line and merge.summary.text() == ""
    merge.check(vg, on=False)

    merge.go()  # the confirmation: what moves, and that history keeps the old names
    summary = merge.summary.text()
    assert f"{len(moving)} cán bộ" in summary and "Xã Vĩnh Giang" in summary and "giữ tên cũ" in summary
    with demo_store.read() as s:
        assert get_unit(s, vt).valid_to is None  # not yet
    merge.go()
    assert merge.error.line == "" and merge.result() == merge.DialogCode.Accepted

    with demo_store.read() as s:
        assert {p.id for p in list_persons(s, unit_id=vg)} >= moving
        assert (get_unit(s, vt).valid_to, get_unit(s, vt).successor_id) == (REFORM, vg)
    for name in ("Xã Vĩnh Thái", "Xã Vĩnh Tú"):  # still listed, as ended on the day
        assert dialog.model.index(row_of(dialog, name), 5).data() == "01/01/2027"
    dialog.select(vt)
    assert dialog.open_action(DissolveDialog) is None and "đã kết thúc" in dialog.error.line


def test_dissolve_needs_a_successor_while_people_remain(make_window, demo_store, clerk_id):
    dialog = units_dialog(make_window, demo_store, clerk_id)
    vh, vg = ids(demo_store, "QT-VL-VH", "QT-VL-VG")
    dialog.select(vh)
    dissolve = dialog.open_action(DissolveDialog)
    dissolve.decision.set_day(REFORM)
    dissolve.decision.decision.setText(NQ)
    dissolve.go()  # no successor, but its chair still works there
    assert "còn cán bộ" in dissolve.error.line and dissolve.summary.text() == ""
    with demo_store.read() as s:
        assert get_unit(s, vh).valid_to is None

    dissolve.successor.setCurrentIndex(dissolve.successor.findData(vg))
    dissolve.go()
    assert "Chuyển sang Xã Vĩnh Giang: 1 cán bộ" in dissolve.summary.text()
    dissolve.go()
    with demo_store.read() as s:
        assert (get_unit(s, vh).valid_to, get_unit(s, vh).successor_id) == (REFORM, vg)
        assert list_persons(s, unit_id=vh) == []
    assert dialog.model.index(row_of(dialog, "Xã Vĩnh Hòa"), 5).data() == "01/01/2027"


def test_the_window_tree_shows_the_changes_when_the_dialog_closes(make_window, demo_store, clerk_id, monkeypatch):
    window = make_window(demo_store, person_id=clerk_id)
    vh, vg = ids(demo_store, "QT-VL-VH", "QT-VL-VG")

    def work(dialog: UnitsDialog) -> int:  # what a person does in Tệp → Đơn vị… before closing it
        dialog.select(vh)
        edit = dialog.open_action(UnitEditDialog)
        edit.fields["name"].setText("Xã Vĩnh Hoà")
        edit.save()
        dissolve = dialog.open_action(DissolveDialog)
        dissolve.successor.setCurrentIndex(dissolve.successor.findData(vg))
        dissolve.decision.set_day(REFORM)
        dissolve.decision.decision.setText(NQ)
        dissolve.go()
        dissolve.go()
        return 0

    monkeypatch.setattr(UnitsDialog, "exec", work)
    window.units_action.trigger()
    index = window.units.index_of(vh)
    assert index.data() == "Xã Vĩnh Hoà"  # renamed, and still in the tree
    assert "kết thúc hoạt động từ 01/01/2027" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert window.units.index_of(vg).data(Qt.ItemDataRole.ForegroundRole) is None
