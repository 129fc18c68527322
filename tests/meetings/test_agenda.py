"""The agenda is two levels deep and numbers itself after every change."""

from __future__ import annotations

import pytest

from meetings.agenda import (
    add_agenda_item,
    copy_agenda,
    edit_agenda_item,
    move_agenda_item,
    remove_agenda_item,
)
from meetings.lifecycle import agenda_tree, create_meeting, get_meeting
from store.errors import ConflictError, InvalidInput
from tests.meetings.conftest import audit_count


def numbered(store, meeting_id) -> list[str]:
    with store.read() as s:
        return [f"{n.number} {n.title}" for top in agenda_tree(s, meeting_id) for n in top.walk()]


@pytest.fixture
def agenda(store, meeting):
    with store.uow() as uow:
        a = add_agenda_item(uow, meeting.id, title="Khai mạc", presenter="Chủ tịch", planned_minutes=10)
        b = add_agenda_item(uow, meeting.id, title="Kinh tế - xã hội")
        b1 = add_agenda_item(uow, meeting.id, title="Báo cáo KT-XH", planned_minutes=20, parent_id=b.id)
        b2 = add_agenda_item(uow, meeting.id, title="Thu chi ngân sách", planned_minutes=15, parent_id=b.id)
        c = add_agenda_item(uow, meeting.id, title="Kết luận", planned_minutes=15)
        uow.commit()
    return {"a": a, "b": b, "b1": b1, "b2": b2, "c": c}


def test_items_are_numbered_from_their_order(store, meeting, agenda):
    assert numbered(store, meeting.id) == [
        "1 Khai mạc", "2 Kinh tế - xã hội", "2.1 Báo cáo KT-XH", "2.2 Thu chi ngân sách", "3 Kết luận"]
    with store.read() as s:
        assert get_meeting(s, meeting.id).total_planned_minutes() == 60


def test_inserting_at_the_top_renumbers_everything(store, meeting, agenda):
    with store.uow() as uow:
        node = add_agenda_item(uow, meeting.id, title="Điểm danh", index=0)
        uow.commit()
    assert node.number == "1"
    assert numbered(store, meeting.id)[:3] == ["1 Điểm danh", "2 Khai mạc", "3 Kinh tế - xã hội"]


def test_moving_between_parents_renumbers_both(store, meeting, agenda):
    with store.uow() as uow:
        moved = move_agenda_item(uow, agenda["b2"].id, parent_id=None, index=0)
        uow.commit()
    assert moved.number == "1"
    assert numbered(store, meeting.id) == [
        "1 Thu chi ngân sách", "2 Khai mạc", "3 Kinh tế - xã hội", "3.1 Báo cáo KT-XH", "4 Kết luận"]
    with store.uow() as uow:
        move_agenda_item(uow, agenda["c"].id, parent_id=agenda["b"].id, index=0)
        uow.commit()
    assert numbered(store, meeting.id)[-2:] == ["3.1 Kết luận", "3.2 Báo cáo KT-XH"]


def test_removing_an_item_removes_its_children_and_renumbers(store, meeting, agenda):
    with store.uow() as uow:
        remove_agenda_item(uow, agenda["b"].id)
        uow.commit()
    assert numbered(store, meeting.id) == ["1 Khai mạc", "2 Kết luận"]


@pytest.mark.parametrize(
    ("item", "parent", "message"),
    [("b", "b1", "mục con của chính nó"), ("b", "b", "chính nó"), ("b", "a", "có mục con"),
     ("a", "b1", "hai cấp")],
)
def test_impossible_moves_are_refused_and_nothing_changes(store, meeting, agenda, item, parent, message):
    before, audits = numbered(store, meeting.id), audit_count(store)
    with pytest.raises(InvalidInput, match=message), store.uow() as uow:
        move_agenda_item(uow, agenda[item].id, parent_id=agenda[parent].id)
        uow.commit()
    assert numbered(store, meeting.id) == before
    assert audit_count(store) == audits


def test_bad_values_are_refused(store, meeting, agenda):
    for changes in ({"title": "   "}, {"planned_minutes": -5}, {"planned_minutes": "ten"}, {"colour": "red"}):
        with pytest.raises(InvalidInput), store.uow() as uow:
            edit_agenda_item(uow, agenda["a"].id, expected_version=None, **changes)


def test_a_past_agenda_is_copied_as_a_template(store, province, meeting, agenda):
    with store.uow() as uow:
        target = create_meeting(uow, unit_id=province.qt.id, title="Phiên họp tháng 1", kind="regular",
                                starts_at=meeting.starts_at.replace(month=1, year=2027))
        copy_agenda(uow, meeting.id, target.id)
        uow.commit()
    assert numbered(store, target.id) == numbered(store, meeting.id)


def test_a_stale_edit_is_a_conflict_that_keeps_the_loosers_text(store, province, meeting, agenda):
    item = agenda["a"]
    with store.uow(province.chair) as uow:
        edit_agenda_item(uow, item.id, expected_version=item.version, title="Khai mạc phiên họp")
        uow.commit()
    with pytest.raises(ConflictError) as err, store.uow(province.secretary) as uow:
        edit_agenda_item(uow, item.id, expected_version=item.version, title="Khai mạc (sửa)", presenter="Phó Chủ tịch")
    assert err.value.changed_by == "Nguyễn Văn Minh"
    assert err.value.attempted == {"title": "Khai mạc (sửa)", "presenter": "Phó Chủ tịch"}
    assert "Nguyễn Văn Minh" in str(err.value)
    assert numbered(store, meeting.id)[0] == "1 Khai mạc phiên họp"
