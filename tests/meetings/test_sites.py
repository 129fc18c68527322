"""Sites are units below the host; participants attend at the host or a connected site."""

from __future__ import annotations

import pytest

from meetings.lifecycle import change_status, get_meeting
from meetings.sites import add_participant, add_site, remove_participant, remove_site
from store.errors import InvalidInput, NotFound
from tests.meetings.conftest import audit_count


def test_sites_at_two_lower_levels_are_connected(store, province, meeting):
    with store.uow() as uow:
        add_site(uow, meeting.id, province.vl.id)
        add_site(uow, meeting.id, province.ta_rut.id)
        add_site(uow, meeting.id, province.vl.id)  # twice is once
        uow.commit()
    with store.read() as s:
        sites = get_meeting(s, meeting.id).sites
    assert [(x.name, x.level) for x in sites] == [("Huyện Vĩnh Linh", "district"), ("Xã Tà Rụt", "commune")]


@pytest.mark.parametrize("which", ["other_province", "qt"])
def test_a_site_outside_the_hosts_subtree_is_refused(store, province, meeting, which):
    before = audit_count(store)
    with pytest.raises(InvalidInput, match="không trực thuộc"), store.uow() as uow:
        add_site(uow, meeting.id, getattr(province, which).id)
        uow.commit()
    with store.read() as s:
        assert get_meeting(s, meeting.id).sites == ()
    assert audit_count(store) == before


def test_an_unknown_unit_is_refused(store, meeting):
    with pytest.raises(NotFound, match="Không có đơn vị"), store.uow() as uow:
        add_site(uow, meeting.id, 424242)


def test_participants_attend_at_connected_sites_only(store, province, meeting):
    with store.uow() as uow:
        add_participant(uow, meeting.id, province.chair, "chair")
        with pytest.raises(InvalidInput, match="chưa được kết nối"):
            add_participant(uow, meeting.id, province.member, "member", site_unit_id=province.vl.id)
        add_site(uow, meeting.id, province.vl.id)
        add_participant(uow, meeting.id, province.member, "member", site_unit_id=province.vl.id)
        with pytest.raises(InvalidInput, match="Vai trò"):
            add_participant(uow, meeting.id, province.secretary, "boss")
        uow.commit()
    with store.read() as s:
        people = get_meeting(s, meeting.id).participants
    assert [(p.full_name, p.role, p.site_unit_id) for p in people] == [
        ("Nguyễn Văn Minh", "chair", None), ("Võ Thanh Tùng", "member", province.vl.id)]
    with pytest.raises(InvalidInput, match="Còn đại biểu"), store.uow() as uow:
        remove_site(uow, meeting.id, province.vl.id)
    with store.uow() as uow:
        remove_participant(uow, meeting.id, province.member)
        remove_site(uow, meeting.id, province.vl.id)
        uow.commit()


def test_a_closed_meeting_keeps_its_sites(store, province, meeting):
    with store.uow() as uow:
        for status in ("published", "in_progress", "closed"):
            change_status(uow, meeting.id, status)
        uow.commit()
    with pytest.raises(InvalidInput, match="đã kết thúc"), store.uow() as uow:
        add_site(uow, meeting.id, province.vl.id)
