"""Reorganising the map (sắp xếp đơn vị hành chính): what was made under a unit stays with it
and keeps its name as it was; people, meetings not yet held and open tasks go to the
successor; every change is audited; a refused change writes nothing. Both backends."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event, select

from meetings.handover import HandoverPreview, dissolve, handover_preview, merge
from meetings.lifecycle import change_status, create_meeting, get_meeting
from meetings.papers.conclusions import add_task, list_tasks
from meetings.sites import add_participant, add_site
from store.audit import verify_audit_chain
from store.clock import VN_TZ
from store.directory import (
    create_person,
    create_unit,
    edit_unit,
    get_person,
    get_unit,
    grant_role,
    holders,
    list_units,
)
from store.directory.reorganisation import move_unit, rename_unit
from store.engine import open_store
from store.errors import ConflictError, InvalidInput
from store.models import AuditEntry

JULY = date(2027, 7, 1)
NQ = "Nghị quyết số 1680/NQ-UBTVQH15 ngày 16/6/2025"


def ubnd(uow, code, name, level, place, parent_id=None):
    return create_unit(uow, code=code, name=name, level=level, parent_id=parent_id, place_name=place,
                       official_name=f"Ủy ban nhân dân {name[0].lower()}{name[1:]}")


@pytest.fixture
def communes(store):
    """A province with two communes about to merge into a third, each with a chair, a closed
    meeting held before the merger and one planned after it, and an open task."""
    with store.uow() as uow:
        qt = ubnd(uow, "QT", "Tỉnh Quảng Trị", "province", "Quảng Trị")
        a = ubnd(uow, "A", "Xã Vĩnh Giang", "commune", "Vĩnh Giang", qt.id)
        b = ubnd(uow, "B", "Xã Vĩnh Thái", "commune", "Vĩnh Thái", qt.id)
        c = ubnd(uow, "C", "Xã Vĩnh Hoàng", "commune", "Vĩnh Hoàng", qt.id)
        chair_a = create_person(uow, full_name="Nguyễn Hữu Phước", position="Chủ tịch UBND xã", unit_id=a.id)
        chair_b = create_person(uow, full_name="Trần Văn Lợi", position="Chủ tịch UBND xã", unit_id=b.id)
        grant_role(uow, chair_a.id, a.id, "thanh_vien", since=date(2026, 1, 1))
        uow.commit()
    with store.uow(chair_a.id) as uow:
        held = create_meeting(uow, unit_id=a.id, title="Họp UBND xã tháng 11", kind="regular",
                              starts_at=datetime(2026, 11, 20, 8, 0, tzinfo=VN_TZ), location="Hội trường xã")
        add_participant(uow, held.id, chair_a.id, "chair")
        for status in ("published", "in_progress", "closed"):
            change_status(uow, held.id, status)
        task = add_task(uow, held.id, description="Rà soát hộ nghèo", owner_unit_id=a.id, deadline=date(2027, 12, 1))
        planned = create_meeting(uow, unit_id=a.id, title="Họp UBND xã tháng 7 năm 2027", kind="regular",
                                 starts_at=datetime(2027, 7, 5, 8, 0, tzinfo=VN_TZ))
        provincial = create_meeting(uow, unit_id=qt.id, title="Hội nghị trực tuyến tháng 7", kind="online",
                                    starts_at=datetime(2027, 7, 10, 8, 0, tzinfo=VN_TZ))
        add_site(uow, provincial.id, a.id)
        add_site(uow, provincial.id, c.id)
        uow.commit()
    return {"qt": qt, "a": a, "b": b, "c": c, "chair_a": chair_a.id, "chair_b": chair_b.id, "held": held.id,
            "planned": planned.id, "provincial": provincial.id, "task": task.id}


def audit_rows(store) -> list[tuple[str, dict]]:
    with store.read() as s:
        return [(r.action, r.details) for r in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]


def test_a_merger_hands_over_what_goes_on_and_keeps_what_was(store, communes):
    c = communes
    with store.uow() as uow:
        handover = merge(uow, [c["a"].id, c["b"].id], c["c"].id, effective_on=JULY, decision=NQ)
        uow.commit()
    assert handover.successors == {c["a"].id: c["c"].id, c["b"].id: c["c"].id}
    with store.read() as s:
        a, b = get_unit(s, c["a"].id), get_unit(s, c["b"].id)
        assert (a.valid_to, a.successor_id, b.valid_to, b.successor_id) == (JULY, c["c"].id, JULY, c["c"].id)
        assert {u.id for u in list_units(s, on=JULY)} == {c["qt"].id, c["c"].id}
        # People and their roles go on in the successor; the role once held in A stays on record.
        assert get_person(s, c["chair_a"]).unit_id == c["c"].id and get_person(s, c["chair_b"]).unit_id == c["c"].id
        assert [r.full_name for r in holders(s, c["c"].id, "thanh_vien", on=JULY)] == ["Nguyễn Hữu Phước"]
        assert [r.until for r in holders(s, c["a"].id, "thanh_vien")] == [JULY]
        # The meeting held before stays with A, named as it was; the planned one moves.
        held = get_meeting(s, c["held"])
        assert held.meeting.unit_id == c["a"].id and held.unit.name == "Xã Vĩnh Giang"
        assert held.unit.official_name == "Ủy ban nhân dân xã Vĩnh Giang"
        assert get_meeting(s, c["planned"]).meeting.unit_id == c["c"].id
        # The provincial conference connects C once (A's site folded into it).
        assert [site.unit_id for site in get_meeting(s, c["provincial"]).sites] == [c["c"].id]
        assert [t.owner_unit_id for t in list_tasks(s, meeting_id=c["held"])] == [c["c"].id]
        assert verify_audit_chain(s).ok
    rows = audit_rows(store)
    assert [action for action, _ in rows[-2:]] == ["unit.merge", "unit.handover"]
    details = rows[-2][1]
    assert details["decision"] == NQ and details["names"] == ["Xã Vĩnh Giang", "Xã Vĩnh Thái"]


def test_the_confirmation_counts_what_a_merger_would_hand_over(store, communes):
    """What the window shows before a merger is confirmed: the same rows the merger moves."""
    c = communes
    with store.read() as s:
        counts = handover_preview(s, [c["a"].id, c["b"].id], JULY)
    assert counts == HandoverPreview(people=2, roles=1, units=0, meetings=1, tasks=1)


def test_a_rename_or_move_made_on_an_older_copy_is_refused(store, communes):
    """Two people reorganising the same unit at once: the one whose screen is older is told,
    and nothing of theirs is written."""
    c = communes
    with store.uow() as uow:
        other = ubnd(uow, "HUE", "Thành phố Huế", "province", "Huế")
        edit_unit(uow, c["a"].id, short_name="UBND xã Vĩnh Giang (Vĩnh Linh)")
        uow.commit()
    before = len(audit_rows(store))
    with pytest.raises(ConflictError), store.uow() as uow:
        rename_unit(uow, c["a"].id, effective_on=JULY, decision=NQ, expected_version=c["a"].version,
                    name="Phường Vĩnh Giang")
    with pytest.raises(ConflictError), store.uow() as uow:
        move_unit(uow, c["a"].id, other.id, effective_on=JULY, decision=NQ, expected_version=c["a"].version)
    with store.read() as s:
        now = get_unit(s, c["a"].id)
    assert (now.name, now.parent_id, len(audit_rows(store))) == ("Xã Vĩnh Giang", c["qt"].id, before)


@pytest.mark.parametrize("change", ["rename", "move"])
def test_a_save_slipping_in_after_the_version_check_is_the_named_conflict(store, store_location, communes, clock,
                                                                          change):
    """The screen's version matched when checked, but another desktop saved the unit before
    this write: the person gets the same conflict (who saved, when), and nothing is written."""
    if not store_location.shared:
        pytest.skip("two writers at once need the shared store (SQLite lets one writer in at a time)")
    c = communes
    with store.uow() as uow:
        other = ubnd(uow, "HUE", "Thành phố Huế", "province", "Huế")
        uow.commit()
    before = len(audit_rows(store))
    second_desktop = open_store(store_location, clock=clock)
    try:
        def the_other_desktop_saves_first(*_):
            with second_desktop.uow() as theirs:
                edit_unit(theirs, c["a"].id, short_name="UBND xã Vĩnh Giang (Vĩnh Linh)")
                theirs.commit()

        with pytest.raises(ConflictError) as refused, store.uow() as uow:
            # After this desktop's version check, before its first write reaches the server.
            event.listen(uow.session, "before_flush", the_other_desktop_saves_first, once=True)
            if change == "rename":
                rename_unit(uow, c["a"].id, effective_on=JULY, decision=NQ, expected_version=c["a"].version,
                            name="Phường Vĩnh Giang")
            else:
                move_unit(uow, c["a"].id, other.id, effective_on=JULY, decision=NQ, expected_version=c["a"].version)
    finally:
        second_desktop.close()
    assert "Xã Vĩnh Giang" in str(refused.value)
    with store.read() as s:
        now = get_unit(s, c["a"].id)
    assert (now.name, now.parent_id, len(audit_rows(store))) == ("Xã Vĩnh Giang", c["qt"].id, before + 1)


def test_a_renaming_keeps_the_old_name_on_the_old_papers(store, communes):
    c = communes
    with store.uow() as uow:
        rename_unit(uow, c["a"].id, effective_on=JULY, decision=NQ, name="Phường Vĩnh Giang",
                    official_name="Ủy ban nhân dân phường Vĩnh Giang", place_name="Vĩnh Giang")
        uow.commit()
    with store.read() as s:
        assert get_unit(s, c["a"].id).name == "Phường Vĩnh Giang"
        assert get_meeting(s, c["held"]).unit.official_name == "Ủy ban nhân dân xã Vĩnh Giang"
        assert get_meeting(s, c["planned"]).unit.official_name == "Ủy ban nhân dân phường Vĩnh Giang"
    assert audit_rows(store)[-1][0] == "unit.rename"


def test_a_dissolved_unit_with_people_needs_a_successor(store, communes):
    c = communes
    before = len(audit_rows(store))
    with pytest.raises(InvalidInput, match="kế thừa"), store.uow() as uow:
        dissolve(uow, c["b"].id, effective_on=JULY, decision=NQ)
    assert len(audit_rows(store)) == before
    with store.uow() as uow:
        dissolve(uow, c["b"].id, effective_on=JULY, decision=NQ, successor_id=c["c"].id)
        uow.commit()
    with store.read() as s:
        assert get_unit(s, c["b"].id).valid_to == JULY and get_person(s, c["chair_b"]).unit_id == c["c"].id
    assert audit_rows(store)[-1][0] == "unit.dissolve"


@pytest.mark.parametrize("change", ["merge_into_itself", "commune_under_commune", "into_an_ended_unit",
                                    "name_taken_under_the_new_parent", "no_decision", "under_itself"])
def test_a_refused_reorganisation_writes_nothing(store, communes, change):
    c = communes
    with store.uow() as uow:  # an ended unit and a second province to move into
        merge(uow, [c["b"].id], c["c"].id, effective_on=date(2027, 1, 1), decision=NQ)
        other = ubnd(uow, "HUE", "Thành phố Huế", "province", "Huế")
        ubnd(uow, "HUE-A", "Xã Vĩnh Giang", "commune", "Vĩnh Giang", other.id)
        uow.commit()
    before = (len(audit_rows(store)), [(u.id, u.name, u.parent_id, u.valid_to) for u in _units(store)])
    with pytest.raises(InvalidInput), store.uow() as uow:
        if change == "merge_into_itself":
            merge(uow, [c["a"].id], c["a"].id, effective_on=JULY, decision=NQ)
        elif change == "commune_under_commune":
            move_unit(uow, c["a"].id, c["c"].id, effective_on=JULY, decision=NQ)
        elif change == "into_an_ended_unit":
            merge(uow, [c["a"].id], c["b"].id, effective_on=JULY, decision=NQ)
        elif change == "name_taken_under_the_new_parent":
            move_unit(uow, c["a"].id, other.id, effective_on=JULY, decision=NQ)
        elif change == "no_decision":
            merge(uow, [c["a"].id], c["c"].id, effective_on=JULY, decision="  ")
        else:
            move_unit(uow, c["qt"].id, c["a"].id, effective_on=JULY, decision=NQ)
        uow.commit()
    assert (len(audit_rows(store)), [(u.id, u.name, u.parent_id, u.valid_to) for u in _units(store)]) == before


def _units(store):
    with store.read() as s:
        return list_units(s)


def test_a_2019_tree_moves_onto_the_2025_map_with_its_history(store):
    """The July 2025 reform in one store: the province goes under the Government on the 2025
    map, its commune directly under it, the district is dissolved into the province; the
    district's meeting held before keeps the district's name."""
    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019", place_name="Quảng Trị",
                         official_name="Ủy ban nhân dân tỉnh Quảng Trị")
        vl = ubnd(uow, "VL", "Huyện Vĩnh Linh", "district", "Vĩnh Linh", qt.id)
        vg = ubnd(uow, "VG", "Xã Vĩnh Giang", "commune", "Vĩnh Giang", vl.id)
        cp = create_unit(uow, code="CP", name="Chính phủ", level="central", official_name="Chính phủ", place_name="Hà Nội")
        held = create_meeting(uow, unit_id=vl.id, title="Hội nghị UBND huyện tháng 5 năm 2025", kind="regular",
                              starts_at=datetime(2025, 5, 20, 8, 0, tzinfo=VN_TZ))
        uow.commit()
    reform = date(2025, 7, 1)
    with store.uow() as uow:
        move_unit(uow, qt.id, cp.id, effective_on=reform, decision=NQ, level="province")
        move_unit(uow, vg.id, qt.id, effective_on=reform, decision=NQ, level="commune")
        dissolve(uow, vl.id, effective_on=reform, decision=NQ, successor_id=qt.id)
        uow.commit()
    with store.read() as s:
        assert (get_unit(s, qt.id).scheme, get_unit(s, qt.id).parent_id) == ("2025", cp.id)
        assert (get_unit(s, vg.id).scheme, get_unit(s, vg.id).parent_id) == ("2025", qt.id)
        assert get_unit(s, vl.id).valid_to == reform
        old = get_meeting(s, held.id)
        assert old.unit.name == "Huyện Vĩnh Linh" and old.meeting.unit_id == vl.id
        assert verify_audit_chain(s).ok
