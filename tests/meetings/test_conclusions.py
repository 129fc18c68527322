"""Conclusions and their tasks, tracked until done; the notice (Thông báo) as a PDF."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from demo.store import create_demo
from meetings.papers.conclusions import (
    add_conclusion,
    add_task,
    complete_task,
    issue_conclusion_notice,
    list_tasks,
    reopen_task,
)
from store.directory import find_unit_by_code
from store.errors import ConflictError, InvalidInput, PermissionDenied


def test_tasks_stay_open_until_done_and_the_notice_lists_them(store, tmp_path, clock):
    meeting_id = create_demo(store, scheme="2019", with_materials=False).meeting_ids["province-november"]
    with store.read() as s:
        tasks = list_tasks(s, meeting_id=meeting_id)
        vl = find_unit_by_code(s, "QT-VL")
    assert [t.status for t in tasks] == ["open", "open", "open"]
    assert tasks[0].overdue(date(2026, 11, 21)) and not tasks[1].overdue(date(2026, 11, 21))
    first = next(t for t in tasks if t.owner_unit_id == vl.id)
    with store.uow() as uow:
        done = complete_task(uow, first.id, note="Đã gửi Báo cáo số 120/BC-UBND", expected_version=first.version)
        uow.commit()
    assert done.status == "done" and done.done_at == clock.now()
    with pytest.raises(ConflictError), store.uow() as uow:
        reopen_task(uow, first.id, expected_version=first.version)  # a stale copy
    with store.read() as s:
        assert [t.id for t in list_tasks(s, owner_unit_id=vl.id, open_only=True)] == []
    with pytest.raises(InvalidInput), store.uow() as uow:
        add_task(uow, meeting_id, description="x", owner_unit_id=vl.id, deadline=date(2026, 1, 1))
    with pytest.raises(InvalidInput), store.uow() as uow:
        add_conclusion(uow, meeting_id, "   ")
    with pytest.raises(PermissionDenied):
        issue_conclusion_notice(store, None, meeting_id)  # numbering needs a person who may number
    secretary = next(p.person_id for p in get_meeting_detail(store, meeting_id).participants if p.role == "secretary")
    info = issue_conclusion_notice(store, secretary, meeting_id)
    assert info.doc_type == "thong_bao" and info.number == "01/TB-UBND"
    path = tmp_path / "tb.pdf"
    path.write_bytes(store.blobs.get(info.current_version.sha256))
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in ("THÔNG BÁO", "Kết luận của chủ tọa", "Giao UBND các huyện đẩy nhanh", "Huyện Vĩnh Linh",
                     "30/11/2026", "CHỦ TỊCH", "Nguyễn Văn Minh"):
        assert expected in text, expected
    assert "Số: 01/TB-UBND" in text and "DỰ THẢO" not in text
    with pytest.raises(InvalidInput, match="đã phát hành số 01/TB-UBND"):
        issue_conclusion_notice(store, secretary, meeting_id)  # a numbered paper is issued once


def get_meeting_detail(store, meeting_id):
    from meetings.lifecycle import get_meeting

    with store.read() as s:
        return get_meeting(s, meeting_id)
