"""Quorum and votes count the body's own members: in the provincial People's Committee's
online session the ward and commune chairs attend from their sites, but only the committee's
members (role "thành viên" of the province) count towards its quorum (two thirds by default)
and vote; a decision needs more than half of all members (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from demo.store import create_demo
from meetings.lifecycle import change_status, get_meeting
from meetings.live.attendance import quorum, record_attendance, set_quorum_rule
from meetings.live.votes import cast_vote, close_vote, open_vote, vote_result
from store.errors import PermissionDenied


@pytest.fixture
def december(store):
    meeting_id = create_demo(store, with_materials=False).meeting_ids["province"]
    with store.uow() as uow:
        for status in ("published", "in_progress"):
            change_status(uow, meeting_id, status)
        uow.commit()
    with store.read() as s:
        detail = get_meeting(s, meeting_id)
    return meeting_id, detail


def test_commune_chairs_at_sites_neither_count_nor_vote(store, december):
    meeting_id, detail = december
    at_sites = [p for p in detail.participants if p.site_unit_id is not None]
    assert len(at_sites) == 6 and {p.role for p in at_sites} == {"member"}
    with store.uow() as uow:
        for p in at_sites:
            record_attendance(uow, meeting_id, p.person_id)
        uow.commit()
    with store.read() as s:
        q = quorum(s, meeting_id)
    # Seven members of the provincial committee; two thirds of them are needed; none is here yet.
    assert (q.rule, q.members, q.present, q.required, q.reached) == ("two_thirds", 7, 0, 5, False)
    people = {p.full_name: p.person_id for p in detail.participants}
    members = ["Nguyễn Văn Minh", "Trần Thị Thu Hà", "Lê Quốc Dũng", "Lê Quang Huy", "Hoàng Đức Thắng"]
    with store.uow() as uow:
        for name in members:
            record_attendance(uow, meeting_id, people[name])
        record_attendance(uow, meeting_id, people["Phạm Thị Ngọc Ánh"])  # the secretary keeps the record
        uow.commit()
    with store.read() as s:
        q = quorum(s, meeting_id)
    assert (q.members, q.present, q.reached) == (7, 5, True)
    with store.uow() as uow:
        vote = open_vote(uow, meeting_id, item_id=None, kind="roll_call", question="Thông qua dự thảo Nghị quyết",
                         options=["Đồng ý", "Không đồng ý"])
        with pytest.raises(PermissionDenied):
            cast_vote(uow, vote.id, at_sites[0].person_id, "Đồng ý")
        uow.commit()
    with store.uow() as uow:
        for name, option in zip(members, ["Đồng ý", "Đồng ý", "Đồng ý", "Không đồng ý", "Không đồng ý"], strict=True):
            cast_vote(uow, vote.id, people[name], option)
        result = close_vote(uow, vote.id)
        uow.commit()
    # Three of five present approve: a majority of those voting, not of the seven members.
    assert (result.eligible, result.required_to_pass, result.passed) == (7, 4, False)
    assert "không thông qua (cần 4 phiếu tán thành)" in result.line()


def test_a_rule_set_for_the_meeting_overrides_the_bodys_default(store, december):
    meeting_id, _ = december
    with store.uow() as uow:
        set_quorum_rule(uow, meeting_id, "majority")
        uow.commit()
    with store.read() as s:
        q = quorum(s, meeting_id)
    assert (q.rule, q.members, q.required) == ("majority", 7, 4)


def test_a_secret_ballot_counts_against_the_bodys_members_on_both_backends(store, december):
    """The ballot box closes on the server on PostgreSQL (``nghisu_close_secret_vote``): its
    count is stated against the committee's seven members, as on SQLite, not against every
    chair invited to a site; a site's chair may not drop a ballot in."""
    meeting_id, detail = december
    people = {p.full_name: p.person_id for p in detail.participants}
    at_site = next(p.person_id for p in detail.participants if p.site_unit_id is not None)
    members = ["Nguyễn Văn Minh", "Trần Thị Thu Hà", "Lê Quốc Dũng", "Lê Quang Huy", "Hoàng Đức Thắng"]
    with store.uow() as uow:
        for person in [*(people[n] for n in members), at_site]:
            record_attendance(uow, meeting_id, person)
        vote = open_vote(uow, meeting_id, item_id=None, kind="secret", question="Nhân sự", options=["Đồng ý", "Không đồng ý"])
        uow.commit()
    with store.uow() as uow, pytest.raises(PermissionDenied):
        cast_vote(uow, vote.id, at_site, "Đồng ý")
    if store.location.shared:  # the server's ballot box says it again, whoever asks it
        with pytest.raises(PermissionDenied), store.uow() as uow:
            uow.session.execute(text("SELECT nghisu_cast_secret_ballot(:v, :p, 'Đồng ý')"), {"v": vote.id, "p": at_site})
    with store.uow() as uow:
        for name, option in zip(members, ["Đồng ý"] * 4 + ["Không đồng ý"], strict=True):
            cast_vote(uow, vote.id, people[name], option)
        uow.commit()
    with store.uow() as uow:
        result = close_vote(uow, vote.id)
        uow.commit()
    assert (result.eligible, result.voted, result.required_to_pass, result.passed) == (7, 5, 4, True)
    assert dict(result.counts) == {"Đồng ý": 4, "Không đồng ý": 1}
    with store.read() as s:
        assert vote_result(s, vote.id).eligible == 7
