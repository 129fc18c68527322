"""Handling incoming documents: assign with a deadline and bút phê, progress, done with the
reply; overdue and due-soon per person and per unit; the cascade board; register lists and
search (both backends, one shared register per backend)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from register.incoming.cascade import cascade_board
from register.incoming.entries import get_incoming, history
from register.incoming.handling import assign, mark_done, record_progress
from register.incoming.lists import IncomingFilter, count_incoming, deadline_counts, list_incoming, work_to_do
from register.incoming.receive import receive_file, receive_from_unit, register_received
from register.incoming.records import IncomingMeta
from store.clock import FixedClock
from store.codes import IncomingEventKind, IncomingStatus
from store.engine import open_store
from store.errors import InvalidInput, NotFound, PermissionDenied
from tests.conftest import START, PgSchema, require_postgres
from tests.register.incoming_fixtures import TODAY, build_office, draft_reply, signed_pdf
from tests.signing.pki import make_pdf

SUBJECTS = [
    ("Sở Nội vụ", "Về việc rà soát biên chế công chức cấp xã năm 2027", "501/SNV-TCBC"),
    ("Sở Tài chính", "Về việc hướng dẫn quyết toán ngân sách năm 2026", "1288/STC-QLNS"),
    ("Bộ Nội vụ", "Về việc triển khai lưu trữ hồ sơ điện tử", "77/BNV-VTLT"),
    ("Sở Nông nghiệp và Môi trường", "Về việc phòng chống bão số 13", "902/SNNMT-TL"),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    if request.param == "postgresql":
        require_postgres()
        schema = PgSchema().migrated()
        location = schema.location()
    else:
        schema = None
        from store.location import StoreLocation
        location = StoreLocation(home=tmp_path_factory.mktemp("incoming") / "store")
    store = open_store(location, clock=FixedClock(START), create=True)
    office = build_office(store)
    entries = [receive_file(store, office.province, make_pdf(1, subject), IncomingMeta(sender, subject, symbol),
                            actor_id=office.clerk).entry.id for sender, subject, symbol in SUBJECTS]
    yield store, office, entries
    store.close()
    if schema is not None:
        schema.drop()


def test_the_leader_assigns_with_a_deadline_and_the_handlers_work_and_close_it(world):
    store, office, entries = world
    with store.uow(office.leader) as uow:
        e = assign(uow, entries[0], handler_id=office.officer, co_handler_ids=[office.officer2],
                   due_on=TODAY + timedelta(days=5), instruction="Giao Phòng Nội vụ chủ trì, báo cáo trước ngày 03/12.")
        uow.commit()
    assert (e.status, e.handler_id, e.co_handler_ids, e.due_on) == (
        IncomingStatus.ASSIGNED, office.officer, (office.officer2,), date(2026, 12, 3))
    with store.uow(office.officer2) as uow:  # a co-handler records progress
        record_progress(uow, entries[0], "Đã tổng hợp số liệu của 12 phòng.")
        uow.commit()
    with store.uow(office.officer2) as uow, pytest.raises(PermissionDenied):
        mark_done(uow, entries[0])  # only the main handler closes
    with store.uow(office.officer) as uow:
        done = mark_done(uow, entries[0], reply_outgoing_id=None, note="Đã trả lời bằng công văn.")
        uow.commit()
    assert done.status is IncomingStatus.DONE and done.done_at is not None
    with store.read() as s:
        steps = [(h.kind, h.person_name) for h in history(s, entries[0])]
    assert steps[2:] == [(IncomingEventKind.ASSIGNED, "Nguyễn Văn Hưng"), (IncomingEventKind.PROGRESS, "Phạm Văn Phối"),
                         (IncomingEventKind.DONE, "Trần Thị Chuyên")]


def test_bad_assignments_are_refused_and_change_nothing(world):
    store, office, entries = world
    cases = [
        (dict(handler_id=office.officer, due_on=TODAY - timedelta(days=1)), InvalidInput, "đã qua"),
        (dict(handler_id=office.commune_officers[0], due_on=TODAY), InvalidInput, "không thuộc"),
        (dict(handler_id=office.officer, co_handler_ids=[office.commune_officers[1]], due_on=TODAY), InvalidInput,
         "không thuộc"),
        (dict(handler_id=office.officer, co_handler_ids=[office.officer], due_on=TODAY), InvalidInput, "phối hợp"),
    ]
    for kwargs, error, words in cases:
        with store.uow(office.leader) as uow, pytest.raises(error, match=words):
            assign(uow, entries[1], **kwargs)  # type: ignore[arg-type]
    with store.uow(office.officer) as uow, pytest.raises(PermissionDenied):
        assign(uow, entries[1], handler_id=office.officer, due_on=TODAY)  # an officer does not assign
    with store.read() as s:
        e = get_incoming(s, entries[1])
        assert (e.status, e.handler_id, e.due_on) == (IncomingStatus.REGISTERED, None, None)
        assert [h.kind for h in history(s, entries[1])] == [IncomingEventKind.RECEIVED, IncomingEventKind.REGISTERED]


def test_overdue_and_due_soon_per_person_and_per_unit(world):
    store, office, entries = world
    with store.uow(office.clerk) as uow:  # the clerk (office) may assign too
        assign(uow, entries[2], handler_id=office.officer2, due_on=TODAY, instruction="Xử lý ngay")
        assign(uow, entries[3], handler_id=office.officer2, co_handler_ids=[office.officer], due_on=TODAY + timedelta(days=9))
        uow.commit()
    later = open_store(store.location, clock=FixedClock(START + timedelta(days=2)))  # two days on
    try:
        day = TODAY + timedelta(days=2)
        with later.read() as s:
            overdue = list_incoming(s, IncomingFilter(unit_id=office.province, overdue_on=day))
            assert [e.id for e in overdue] == [entries[2]] and overdue[0].overdue(day)
            todo = work_to_do(s, office.officer2)
            assert [e.id for e in todo] == [entries[2], entries[3]]  # most urgent first
            assert entries[3] in [e.id for e in work_to_do(s, office.officer)]  # as co-handler
            counts = {c.person_id: (c.open, c.overdue, c.due_soon) for c in deadline_counts(s, office.province, day)}
        assert counts[office.officer2] == (2, 1, 0)
        assert counts[None][1] >= 1  # the unit's total
        # Due soon is not yet overdue and due within three days: the list agrees with the counts.
        week = day + timedelta(days=5)  # entries[3] is due in two days
        with later.read() as s:
            for on, soon in ((day, []), (week, [entries[3]])):
                listed_soon = list_incoming(s, IncomingFilter(unit_id=office.province, due_soon_on=on))
                assert [e.id for e in listed_soon] == soon and all(e.due_soon(on) for e in listed_soon)
                unit_total = deadline_counts(s, office.province, on)[-1]
                assert unit_total.due_soon == len(soon) and unit_total.overdue >= 1  # entries[2] is overdue
        with later.read() as s:  # a list's entries read as much as the entry's own page
            listed = {e.id: e for e in list_incoming(s, IncomingFilter(unit_id=office.province))}
            for lst in (work_to_do(s, office.officer2), list_incoming(s, IncomingFilter(text="ve viec"))):
                listed.update({e.id: e for e in lst})
            assert listed[entries[3]].co_handler_ids == (office.officer,) and listed[entries[3]].handler_name
            assert all(listed[i] == get_incoming(s, i) for i in entries)
    finally:
        later.close()


def test_lists_filter_and_search_the_register(world):
    store, office, entries = world
    with store.read() as s:
        assert count_incoming(s, IncomingFilter(unit_id=office.province, year=2026)) >= 4
        found = list_incoming(s, IncomingFilter(unit_id=office.province, text="quyet toan ngan sach"))
        assert [e.id for e in found] == [entries[1]]
        assert [e.id for e in list_incoming(s, IncomingFilter(text="Bão số"))] == [entries[3]]  # marks folded
        assert [e.id for e in list_incoming(s, IncomingFilter(text="luu tru ho so dien"))] == [entries[2]]  # a prefix
        assert list_incoming(s, IncomingFilter(unit_id=office.communes[0])) == []
        by_day = list_incoming(s, IncomingFilter(received_from=TODAY, received_to=TODAY, unit_id=office.province))
        assert {e.id for e in by_day} >= set(entries)
        assert list_incoming(s, IncomingFilter(received_from=TODAY + timedelta(days=1))) == []


def test_a_units_search_gives_the_same_pages_whether_its_newest_entries_hold_them_or_not(world, monkeypatch):
    """On PostgreSQL a unit's search looks among its newest entries first (speed only): with a
    stretch of 2 entries or of thousands, every page of every query is the same, older
    matches included; on SQLite the same calls answer the same."""
    from register.incoming import lists

    store, office, entries = world
    f = IncomingFilter(unit_id=office.province, text="ve viec")  # every subject starts "Về việc"
    queries = [f, IncomingFilter(unit_id=office.province, text="quyết toán"),
               IncomingFilter(unit_id=office.province, text="ho so dien"),
               IncomingFilter(unit_id=office.province, year=2026, text="bão"),
               IncomingFilter(unit_id=office.province, text="khong co tu nay")]
    pages = [(1, 0), (2, 1), (2, 3), (50, 0)]
    with store.read() as s:
        wide = [[e.id for e in list_incoming(s, q, limit=n, offset=o)] for q in queries for n, o in pages]
    monkeypatch.setattr(lists, "NEWEST_STRETCH", 2)
    with store.read() as s:
        narrow = [[e.id for e in list_incoming(s, q, limit=n, offset=o)] for q in queries for n, o in pages]
        assert [e.id for e in list_incoming(s, queries[1])] == [entries[1]]  # older than the newest two
    assert narrow == wide
    assert len(wide[3]) >= 4 and set(entries) <= set(wide[3])  # "ve viec", 50 from the newest: all four
    assert wide[-1] == []
    with store.read() as s, pytest.raises(InvalidInput):
        list_incoming(s, IncomingFilter(unit_id=office.province, text=" - "))


def test_the_cascade_board_shows_each_commune_and_who_has_not(world):
    store, office, _ = world
    meta = IncomingMeta("", "Về việc báo cáo kết quả chuyển đổi số năm 2026", "15/KH-UBND", "ke_hoach", TODAY)
    sent = receive_from_unit(store, from_unit_id=office.province, to_unit_ids=list(office.communes),
                             data=signed_pdf("Kế hoạch báo cáo"), meta=meta, source_outgoing_id=901,
                             reply_due_on=TODAY + timedelta(days=1), actor_id=office.clerk)
    first = sent[0].entry_id
    clerk, officer = office.commune_clerks[0], office.commune_officers[0]
    with store.uow(clerk) as uow:
        register_received(uow, first)
        assign(uow, first, handler_id=officer, due_on=TODAY)
        uow.commit()
    reply = draft_reply(store, officer, office.communes[0], office.commune_chairs[0], "Báo cáo chuyển đổi số")
    other = draft_reply(store, office.commune_officers[1], office.communes[1], office.commune_chairs[1])
    with store.uow(officer) as uow, pytest.raises(InvalidInput, match="không phải của đơn vị"):
        mark_done(uow, first, reply_outgoing_id=other)  # another commune's paper answers nothing here
    with store.uow(officer) as uow, pytest.raises(NotFound):
        mark_done(uow, first, reply_outgoing_id=999_999)
    with store.uow(officer) as uow:
        mark_done(uow, first, reply_outgoing_id=reply)
        uow.commit()
    # Closed with a reply still in draft: the province has no answer yet, the commune is writing it.
    with store.read() as s:
        board = cascade_board(s, 901)
    assert board.counts() == {"units": 2, "registered": 1, "assigned": 1, "answered": 0, "replying": 1, "late": 0,
                              "answered_late": 0}
    assert [r.unit_name for r in board.missing("answered")] == ["Xã Cam Lộ", "Xã Gio Linh"]
    assert [r.unit_name for r in board.rows if r.late(TODAY + timedelta(days=2))] == ["Xã Cam Lộ", "Xã Gio Linh"]
    # The commune's answer, released to the province, arrives in the province's register: now it is answered.
    receive_from_unit(store, from_unit_id=office.communes[0], to_unit_ids=[office.province],
                      data=make_pdf(1, "Báo cáo chuyển đổi số xã Cam Lộ"),
                      meta=IncomingMeta("", "Báo cáo kết quả chuyển đổi số", "05/BC-UBND"), source_outgoing_id=reply,
                      actor_id=clerk)
    with store.read() as s:
        board = cascade_board(s, 901)
    assert board.counts() == {"units": 2, "registered": 1, "assigned": 1, "answered": 1, "replying": 0, "late": 0,
                              "answered_late": 0}
    assert [r.unit_name for r in board.missing("answered")] == ["Xã Gio Linh"]
    cam_lo = next(r for r in board.rows if r.unit_name == "Xã Cam Lộ")
    assert cam_lo.answer_entry_id is not None and cam_lo.reply_outgoing_id == reply
    assert [r.unit_name for r in board.rows if r.late(TODAY + timedelta(days=2))] == ["Xã Gio Linh"]
