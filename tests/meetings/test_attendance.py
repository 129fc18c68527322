"""Attendance per site and the live quorum (on SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from meetings.lifecycle import change_status
from meetings.live.attendance import (
    attendance_by_site,
    quorum,
    record_attendance,
    required_present,
    set_quorum_rule,
)
from meetings.sites import add_participant, add_site
from store.directory import create_person
from store.errors import InvalidInput, NotFound
from tests.meetings.conftest import audit_count


@dataclass
class Live:
    meeting_id: int
    host: int
    vl: int
    vg: int
    chair: int
    secretary: int
    members: list[int]  # Võ Thanh Tùng (Vĩnh Linh), then extras at the hall, Vĩnh Linh, Vĩnh Giang, hall …
    guest: int
    outsider: int


def live_setup(store, province, meeting, *, extra_members: int = 4, status: str = "in_progress") -> Live:
    """A meeting in progress: chair and secretary at the hall, members at the hall and two
    sites, one guest; ``extra_members`` more members split between the hall and the sites."""
    p = province
    with store.uow(p.secretary) as uow:
        add_site(uow, meeting.id, p.vl.id)
        add_site(uow, meeting.id, p.vg.id)
        add_participant(uow, meeting.id, p.chair, "chair")
        add_participant(uow, meeting.id, p.secretary, "secretary")
        add_participant(uow, meeting.id, p.member, "member", site_unit_id=p.vl.id)
        members = [p.member]
        sites = [None, p.vl.id, p.vg.id]
        for i in range(extra_members):
            site = sites[i % 3]
            person = create_person(uow, full_name=f"Thành Viên Số {i + 1}", position="Giám đốc Sở",
                                   unit_id=site or p.qt.id)
            add_participant(uow, meeting.id, person.id, "member", site_unit_id=site)
            members.append(person.id)
        guest = create_person(uow, full_name="Khách Mời", position="Phóng viên", unit_id=p.qt.id)
        add_participant(uow, meeting.id, guest.id, "guest")
        outsider = create_person(uow, full_name="Người Ngoài", position="Chuyên viên", unit_id=p.qt.id)
        path = {"published": ("published",), "in_progress": ("published", "in_progress"),
                "closed": ("published", "in_progress", "closed")}[status]
        for st in path:
            change_status(uow, meeting.id, st)
        uow.commit()
    return Live(meeting.id, p.qt.id, p.vl.id, p.vg.id, p.chair, p.secretary, members, guest.id, outsider.id)


@pytest.fixture
def live(store, province, meeting) -> Live:
    return live_setup(store, province, meeting)


def test_quorum_counts_present_members_only_and_follows_the_rule(store, live):
    with store.read() as s:
        q = quorum(s, live.meeting_id)
    assert (q.members, q.present, q.required, q.reached) == (6, 0, 4, False)  # chair + 5 members; more than half
    with store.uow(live.secretary) as uow:
        record_attendance(uow, live.meeting_id, live.chair)
        record_attendance(uow, live.meeting_id, live.guest)  # guests never count
        record_attendance(uow, live.meeting_id, live.secretary)  # the secretary keeps the record, is not counted
        record_attendance(uow, live.meeting_id, live.members[0], site_unit_id=live.vl)
        record_attendance(uow, live.meeting_id, live.members[1])
        record_attendance(uow, live.meeting_id, live.members[2], status="absent", reason="Đi công tác Hà Nội")
        record_attendance(uow, live.meeting_id, live.members[3], status="deputy", deputy_person_id=live.outsider)
        uow.commit()
    with store.read() as s:
        q = quorum(s, live.meeting_id)
    assert (q.present, q.required, q.reached) == (3, 4, False)
    with store.uow(live.secretary) as uow:
        record_attendance(uow, live.meeting_id, live.members[4])
        uow.commit()
    with store.read() as s:
        assert quorum(s, live.meeting_id).reached
    with store.uow(live.secretary) as uow:
        set_quorum_rule(uow, live.meeting_id, "two_thirds")
        uow.commit()
    with store.read() as s:
        q = quorum(s, live.meeting_id)
    assert (q.rule, q.present, q.required, q.reached) == ("two_thirds", 4, 4, True)
    assert "4/6" in q.line()


def test_attendance_is_grouped_by_site_with_reasons_and_deputies(store, live):
    with store.uow(live.secretary) as uow:
        record_attendance(uow, live.meeting_id, live.chair)
        record_attendance(uow, live.meeting_id, live.members[0])
        row = record_attendance(uow, live.meeting_id, live.members[3], status="deputy", deputy_person_id=live.outsider)
        record_attendance(uow, live.meeting_id, live.members[2], status="absent", reason="Ốm")
        uow.commit()
    assert row.deputy_name == "Người Ngoài"
    with store.read() as s:
        sites = attendance_by_site(s, live.meeting_id)
    assert sites[0].site_unit_id == live.host  # the hall first
    names = {site.site_name for site in sites}
    assert names == {"Tỉnh Quảng Trị", "Huyện Vĩnh Linh", "Xã Vĩnh Giang"}
    vl = next(site for site in sites if site.site_unit_id == live.vl)
    assert [(r.full_name, r.status) for r in vl.rows][:1] == [("Võ Thanh Tùng", "present")]
    assert ("absent", "Ốm") in {(r.status, r.reason) for r in vl.rows}
    vg = next(site for site in sites if site.site_unit_id == live.vg)
    assert ("deputy", "Người Ngoài") in {(r.status, r.deputy_name) for r in vg.rows}


def test_bad_attendance_is_refused_and_nothing_is_written(store, live, province):
    before = audit_count(store)
    cases = [
        dict(person_id=live.outsider),  # not a participant
        dict(person_id=live.chair, status="absent"),  # no reason
        dict(person_id=live.chair, status="deputy"),  # no deputy
        dict(person_id=live.chair, status="asleep"),
        dict(person_id=live.chair, site_unit_id=province.dk.id),  # not a site of the meeting
    ]
    for case in cases:
        person = case.pop("person_id")
        with pytest.raises((InvalidInput, NotFound)) as err, store.uow(live.secretary) as uow:
            record_attendance(uow, live.meeting_id, person, **case)
        assert err.value.vi and err.value.en
    with pytest.raises(InvalidInput), store.uow() as uow:
        set_quorum_rule(uow, live.meeting_id, "7/5")
    assert audit_count(store) == before


def test_required_present_for_each_rule():
    assert [required_present("majority", n) for n in (1, 2, 6, 7)] == [1, 2, 4, 4]
    assert [required_present("two_thirds", n) for n in (3, 6, 7)] == [2, 4, 5]
    assert required_present("3/5", 10) == 6
    assert required_present("all", 9) == 9
