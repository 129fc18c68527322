"""'Cán bộ và vai trò…' in the window (issue 13): a person added from the form and given a
role is in the store as the command line would have put them, under the acting person's
name; an empty name is one line under the form and nothing is written."""

from __future__ import annotations

from sqlalchemy import select

from store.directory import find_unit_by_code, list_persons, roles_of
from store.models import AuditEntry
from ui.directory.people_dialog import PeopleDialog


def test_add_a_person_and_give_a_role_from_the_window(make_window, demo_store, clerk_id):
    window = make_window(demo_store, person_id=clerk_id)
    assert window.people_action in window.menuBar().actions()[0].menu().actions()
    dialog = PeopleDialog(window.store, window.runner, window.actor_id, window)
    before = dialog.model.rowCount()
    with demo_store.read() as s:
        qt = find_unit_by_code(s, "QT").id

    dialog.add()  # no name yet
    assert "Cần nhập họ và tên" in dialog.error.text() and "\n" not in dialog.error.text()
    assert dialog.model.rowCount() == before

    dialog.name.setText("Hồ  Thị Lan")
    dialog.position.setText("Chuyên viên Văn phòng")
    dialog.unit.setCurrentIndex(dialog.unit.findData(qt))
    dialog.add()
    assert dialog.error.text() == "" and dialog.model.rowCount() == before + 1
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.index(r, 0).data() == "Hồ Thị Lan")
    dialog.table.selectRow(row)
    dialog.role.setCurrentIndex(dialog.role.findData("thu_ky"))
    dialog.role_unit.setCurrentIndex(dialog.role_unit.findData(qt))
    dialog.grant()
    assert "thư ký" in dialog.model.index(row, 3).data()

    with demo_store.read() as s:
        lan = next(p for p in list_persons(s) if p.full_name == "Hồ Thị Lan")
        assert (lan.position, lan.unit_id) == ("Chuyên viên Văn phòng", qt)
        assert [(r.role, r.unit_id) for r in roles_of(s, lan.id)] == [("thu_ky", qt)]
        acted = s.execute(select(AuditEntry.action, AuditEntry.actor_id).order_by(AuditEntry.seq.desc()).limit(2)).all()
    assert [tuple(a) for a in acted] == [("person.role_grant", clerk_id), ("person.create", clerk_id)]
