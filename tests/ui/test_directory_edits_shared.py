"""Editing the directory from the window on either store, the folder's SQLite and the shared
PostgreSQL (issue 13): a person's position edited and a role ended on a day from their role
list, a unit corrected, through the same core calls as the command line; once anyone has said
who they are, an edit with nobody acting is one line and writes nothing."""

from __future__ import annotations

from datetime import date

from store.directory import get_person, get_unit, roles_of, set_pin
from tests.register.incoming_fixtures import build_office
from ui.directory.people_dialog import PeopleDialog
from ui.directory.unit_edit_dialog import UnitEditDialog
from ui.directory.units_dialog import UnitsDialog


def test_edit_a_person_end_a_role_and_correct_a_unit(make_window, store):
    office = build_office(store)
    with store.uow(office.clerk) as uow:  # someone proves who they are: no more changes in nobody's name
        set_pin(uow, office.clerk, "246810")
        uow.commit()
    cam_lo = office.communes[0]

    nobody = make_window(store, person_id=None)
    units = UnitsDialog(nobody.store, nobody.runner, nobody.actor_id, nobody)
    units.select(cam_lo)
    edit = units.open_action(UnitEditDialog)
    edit.fields["place_name"].setText("Cam Lộ mới")
    edit.save()
    assert "Chưa biết ai làm việc này" in edit.error.line and "\n" not in edit.error.line
    with store.read() as s:
        assert get_unit(s, cam_lo).place_name == "Cam Lộ"

    window = make_window(store, person_id=office.clerk)
    units = UnitsDialog(window.store, window.runner, window.actor_id, window)
    units.select(cam_lo)
    edit = units.open_action(UnitEditDialog)
    edit.fields["place_name"].setText("Cam Lộ mới")
    edit.save()
    assert edit.error.line == ""
    with store.read() as s:
        assert get_unit(s, cam_lo).place_name == "Cam Lộ mới"

    people = PeopleDialog(window.store, window.runner, window.actor_id, window)
    row = next(r for r in range(people.model.rowCount()) if people.model.index(r, 0).data() == "Nguyễn Văn Hưng")
    people.table.selectRow(row)
    person = people.edit()
    person.position.setText("Chủ tịch Ủy ban nhân dân tỉnh")
    person.save()
    assert person.error.line == "" and people.model.index(row, 1).data() == "Chủ tịch Ủy ban nhân dân tỉnh"

    person = people.edit()
    person.end_role()  # none chosen
    assert "Hãy chọn một vai trò" in person.error.line
    person.select_role("lanh_dao", office.province)
    person.set_end_day(date(2026, 11, 28))  # today on the store's clock: no longer held
    person.end_role()
    assert person.error.line == ""
    assert "(đến 28/11/2026)" in person.roles.item(0).text()
    assert "lãnh đạo" not in people.model.index(row, 3).data()  # the table lists open roles only
    with store.read() as s:
        assert get_person(s, office.leader).position == "Chủ tịch Ủy ban nhân dân tỉnh"
        assert [(r.role, r.until) for r in roles_of(s, office.leader)] == [("lanh_dao", date(2026, 11, 28))]
