"""'Đơn vị…' in the window (issue 13): a department added under the province and a ward under
it are in the store as the command line would have put them; a commune under a commune is one
line under the form and nothing is written."""

from __future__ import annotations

from store.directory import find_unit_by_code, list_units
from ui.directory.units_dialog import UnitsDialog


def fill(dialog, **fields) -> None:
    for name, value in fields.items():
        getattr(dialog, name).setText(value)


def test_add_units_from_the_window_and_refuse_a_bad_placement(make_window, demo_store, clerk_id):
    window = make_window(demo_store, person_id=clerk_id)
    assert window.units_action in window.menuBar().actions()[0].menu().actions()
    dialog = UnitsDialog(window.store, window.runner, window.actor_id, window)
    with demo_store.read() as s:
        qt = find_unit_by_code(s, "QT").id
        commune = next(u for u in list_units(s) if u.level == "commune")
        before = len(list_units(s))

    fill(dialog, code="QT-SXD", name="Sở Xây dựng", abbreviation="SXD")
    dialog.kind.setCurrentIndex(dialog.kind.findData("agency"))
    dialog.parent_unit.setCurrentIndex(dialog.parent_unit.findData(qt))
    dialog.add()
    assert dialog.error.text() == ""
    assert any(dialog.model.index(r, 0).data() == "Sở Xây dựng" for r in range(dialog.model.rowCount()))

    fill(dialog, code="QT-X", name="Xã Thử", official="Ủy ban nhân dân xã Thử", place="Thử")
    dialog.kind.setCurrentIndex(dialog.kind.findData("administrative"))
    dialog.parent_unit.setCurrentIndex(dialog.parent_unit.findData(commune.id))
    dialog.level.setCurrentIndex(dialog.level.findData("commune"))
    dialog.add()
    assert "không thể trực thuộc" in dialog.error.text() and "\n" not in dialog.error.text()

    with demo_store.read() as s:
        units = list_units(s)
        added = find_unit_by_code(s, "QT-SXD")
    assert len(units) == before + 1
    assert (added.kind, added.parent_id, added.abbreviation) == ("agency", qt, "SXD")
