"""Typed codes (store.codes): stored as their short values on both backends, labelled in one place."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from store.accounts import clearance_of, clearance_rank, set_clearance
from store.codes import Classification, MeetingKind, MeetingStatus, VoteKind
from store.directory import create_person, create_unit
from store.errors import InvalidInput


@pytest.fixture
def person_id(store) -> int:
    with store.uow() as uow:
        cp = create_unit(uow, code="CP", name="Chính phủ", level="central", official_name="Chính phủ",
                         place_name="Hà Nội")
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", parent_id=cp.id,
                         place_name="Quảng Trị", official_name="Ủy ban nhân dân tỉnh Quảng Trị")
        pid = create_person(uow, full_name="Lê Thị Hoa", position="Chánh Văn phòng", unit_id=qt.id).id
        uow.commit()
    return pid


def test_a_member_is_written_as_its_short_code_and_read_back_equal_to_it(store, person_id):
    """The database drivers must write a member's value ("toi_mat"), never its name ("TOI_MAT")."""
    with store.uow() as uow:
        set_clearance(uow, person_id, Classification.TOI_MAT)
        uow.commit()
    with store.read() as s:
        raw = s.execute(text("SELECT clearance FROM person_clearances WHERE person_id = :p"), {"p": person_id})
        assert raw.scalar_one() == "toi_mat"
        read = clearance_of(s, person_id)
    assert read == Classification.TOI_MAT and Classification(read).vi == "tối mật"
    assert clearance_rank(read) == 2 > clearance_rank("mat") > clearance_rank(Classification.THUONG)


def test_an_unknown_code_is_refused_with_every_code_and_its_label(store, person_id):
    with store.uow() as uow, pytest.raises(InvalidInput) as refused:
        set_clearance(uow, person_id, "secret")
    assert "thuong (thường), mat (mật), toi_mat (tối mật)" in refused.value.vi


def test_every_code_has_its_label_and_the_scale_runs_from_open_to_most_secret():
    assert [(c.value, c.vi, c.rank, c.classified) for c in Classification] == [
        ("thuong", "thường", 0, False),
        ("mat", "mật", 1, True),
        ("toi_mat", "tối mật", 2, True),
    ]


def test_a_meeting_moves_one_status_forward_at_a_time_and_stops_when_archived():
    assert {s.value: tuple(n.value for n in s.next) for s in MeetingStatus} == {
        "draft": ("published",), "published": ("in_progress",), "in_progress": ("closed",),
        "closed": ("archived",), "archived": (),
    }
    assert [s.vi for s in MeetingStatus] == ["dự thảo", "đã phát hành", "đang họp", "đã kết thúc", "đã lưu trữ"]


def test_meeting_and_vote_kinds_carry_their_labels():
    assert {k.value: k.vi for k in MeetingKind} == {
        "regular": "thường kỳ", "thematic": "chuyên đề", "online": "trực tuyến có điểm cầu"}
    assert {k.value: k.vi for k in VoteKind} == {
        "show_of_hands": "biểu quyết giơ tay", "roll_call": "biểu quyết điểm danh", "secret": "bỏ phiếu kín"}
