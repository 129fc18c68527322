"""A meeting moves draft → published → in_progress → closed → archived, and only so."""

from __future__ import annotations

from datetime import datetime

import pytest

from meetings.lifecycle import change_status, create_meeting, get_meeting, list_meetings, update_meeting
from store.clock import VN_TZ
from store.errors import ConflictError, InvalidInput, NotFound
from tests.meetings.conftest import audit_count


def test_a_new_meeting_is_a_draft_with_an_audit_row(store, province, meeting):
    assert meeting.status == "draft"
    with store.read() as s:
        detail = get_meeting(s, meeting.id)
    assert detail.unit.name == "Tỉnh Quảng Trị"
    assert detail.meeting.starts_at == datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ)


def test_the_status_path_is_walked_forward_one_step_at_a_time(store, meeting):
    with store.uow() as uow:
        for status in ("published", "in_progress", "closed", "archived"):
            assert change_status(uow, meeting.id, status).status == status
        uow.commit()


@pytest.mark.parametrize(
    ("path", "target", "allowed"),
    [((), "closed", "published"), (("published",), "draft", "in_progress"),
     (("published", "in_progress", "closed", "archived"), "draft", "không còn bước nào"),
     ((), "cancelled", "published")],
)
def test_a_disallowed_move_names_the_allowed_next_states(store, meeting, path, target, allowed):
    with store.uow() as uow:
        for status in path:
            change_status(uow, meeting.id, status)
        uow.commit()
    before = audit_count(store)
    with pytest.raises(InvalidInput) as err, store.uow() as uow:
        change_status(uow, meeting.id, target)
    assert allowed in str(err.value)
    assert audit_count(store) == before


def test_bad_meeting_input_is_refused_before_anything_is_written(store, province):
    before = audit_count(store)
    start = datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ)
    cases = [
        dict(unit_id=9999, title="X", kind="regular", starts_at=start),
        dict(unit_id=province.qt.id, title="  ", kind="regular", starts_at=start),
        dict(unit_id=province.qt.id, title="X", kind="party", starts_at=start),
        dict(unit_id=province.qt.id, title="X", kind="regular", starts_at=start, ends_at=start.replace(hour=7)),
    ]
    for case in cases:
        with pytest.raises((InvalidInput, NotFound)), store.uow() as uow:
            create_meeting(uow, **case)
            uow.commit()
    with store.read() as s:
        assert list_meetings(s) == []
    assert audit_count(store) == before


def test_editing_a_meeting_from_a_stale_copy_is_a_conflict(store, province, meeting):
    with store.uow(province.chair) as uow:
        update_meeting(uow, meeting.id, expected_version=meeting.version, location="Hội trường lớn")
        uow.commit()
    with pytest.raises(ConflictError) as err, store.uow(province.secretary) as uow:
        update_meeting(uow, meeting.id, expected_version=meeting.version, title="Tiêu đề mới")
    assert err.value.changed_by == "Nguyễn Văn Minh"
    assert err.value.attempted == {"title": "Tiêu đề mới"}
    with store.read() as s:
        assert get_meeting(s, meeting.id).meeting.title == "Phiên họp UBND tỉnh tháng 12"
