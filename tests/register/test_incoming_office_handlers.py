"""The UBND's papers handled by its Văn phòng and its Sở (issue 14): the UBND's văn thư or leader
gives an entry to a chuyên viên of the Văn phòng with a Sở's officer to help, who find it in
their "Việc cần xử lý", record progress, answer and close it; a ward's officer, or someone
whose role in the province has ended, is still refused. Both backends; on PostgreSQL every
person works over their own login, so the read rule and the row policies are what let them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta

import psycopg
import pytest

from register.incoming.access import register_unit_of
from register.incoming.entries import get_incoming, history
from register.incoming.handling import assign, mark_done, record_progress
from register.incoming.lists import IncomingFilter, deadline_counts, list_incoming, work_to_do
from register.incoming.receive import receive_file
from register.incoming.records import IncomingMeta
from store.accounts import create_login, open_as_person
from store.clock import FixedClock
from store.codes import IncomingEventKind, IncomingStatus
from store.directory import grant_role
from store.directory.belonging import people_of, units_of, works_in
from store.engine import Store, open_store
from store.errors import InvalidInput
from store.location import StoreLocation
from tests.conftest import PG_URL, START
from tests.register.incoming_fixtures import TODAY, Body, build_body, draft_reply
from tests.security import PASSWORD, connect_as, server_day
from tests.signing.pki import make_pdf
from ui.cli import main

PEOPLE = ("clerk", "leader", "vp_officer", "agency_officer", "ward_officer", "former")


class Place:
    """The body's store and, for each person, the store they work through: the same embedded
    store, or on PostgreSQL their own login."""

    def __init__(self, store: Store, body: Body, entry: int, logins: dict[str, str], own: dict[int, Store]) -> None:
        self.store, self.body, self.entry, self.logins, self.own = store, body, entry, logins, own

    def as_(self, person_id: int) -> Store:
        return self.own.get(person_id, self.store)


@pytest.fixture
def place(store: Store) -> Iterator[Place]:
    body = build_body(store)
    entry = receive_file(store, body.province, make_pdf(1, "Công văn Bộ Tài chính"),
                         IncomingMeta("Bộ Tài chính", "Về việc hướng dẫn quyết toán ngân sách năm 2026",
                                      "1288/BTC-NSNN", "cong_van", date(2026, 11, 20)),
                         actor_id=body.clerk).entry.id
    logins: dict[str, str] = {}
    own: dict[int, Store] = {}
    try:
        if store.location.shared:
            with store.uow() as uow:
                for key in PEOPLE:
                    logins[key] = create_login(uow, getattr(body, key), PASSWORD).role_name
                uow.commit()
            own = {getattr(body, key): open_as_person(store.location, role, PASSWORD, clock=store.clock)
                   for key, role in logins.items()}
        yield Place(store, body, entry, logins, own)
    finally:
        for st in own.values():
            st.close()
        if logins:
            with psycopg.connect(PG_URL, autocommit=True) as conn:
                for role in logins.values():
                    conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_the_van_phong_handles_the_ubnds_paper_with_a_so_to_the_end(place):
    b, entry = place.body, place.entry
    with place.as_(b.clerk).uow(b.clerk) as uow:  # the UBND's văn thư gives it, as the Chủ tịch's bút phê says
        given = assign(uow, entry, handler_id=b.vp_officer, co_handler_ids=[b.agency_officer],
                       due_on=TODAY + timedelta(days=5),
                       instruction="Giao Văn phòng UBND tỉnh chủ trì, Sở Tài chính phối hợp tham mưu, báo cáo.")
        uow.commit()
    assert (given.status, given.handler_id, given.co_handler_ids) == (
        IncomingStatus.ASSIGNED, b.vp_officer, (b.agency_officer,))
    assert given.handler_name == "Hoàng Thị Thanh Tâm"
    for who in (b.vp_officer, b.agency_officer):  # each finds it in their own "Việc cần xử lý"
        with place.as_(who).read() as s:
            assert [e.id for e in work_to_do(s, who)] == [entry]
    with place.as_(b.agency_officer).uow(b.agency_officer) as uow:
        record_progress(uow, entry, "Sở Tài chính đã gửi số liệu quyết toán.")
        uow.commit()
    with place.as_(b.vp_officer).uow(b.vp_officer) as uow:
        record_progress(uow, entry, "Đã tổng hợp, đang dự thảo văn bản trả lời.")
        uow.commit()
    # The answer: drafted in the Văn phòng, issued by the UBND (the Chủ tịch signs it, TM.).
    reply = draft_reply(place.as_(b.vp_officer), b.vp_officer, b.office, b.leader,
                        "Báo cáo quyết toán ngân sách năm 2026")
    with place.as_(b.vp_officer).uow(b.vp_officer) as uow:
        done = mark_done(uow, entry, reply_outgoing_id=reply, note="Đã trình Chủ tịch ký báo cáo.")
        uow.commit()
    assert (done.status, done.reply_outgoing_id) == (IncomingStatus.DONE, reply)
    with place.as_(b.vp_officer).read() as s:
        steps = [(h.kind, h.person_id) for h in history(s, entry)]
        assert work_to_do(s, b.vp_officer) == []
    assert steps[-4:] == [(IncomingEventKind.ASSIGNED, b.clerk), (IncomingEventKind.PROGRESS, b.agency_officer),
                          (IncomingEventKind.PROGRESS, b.vp_officer), (IncomingEventKind.DONE, b.vp_officer)]
    if place.store.location.shared:  # the ward's officer reads none of it, over their own login
        with connect_as(place.store.location.schema, place.logins["ward_officer"]) as conn:
            assert conn.execute("SELECT count(*) FROM incoming_documents").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM incoming_events").fetchone()[0] == 0


def test_the_leader_gives_it_to_a_so_and_the_overdue_lists_name_its_officer(place):
    b, entry = place.body, place.entry
    with place.as_(b.leader).uow(b.leader) as uow:
        assign(uow, entry, handler_id=b.agency_officer, due_on=TODAY, instruction="Giao Sở Tài chính xử lý gấp.")
        uow.commit()
    day = TODAY + timedelta(days=2)
    with place.as_(b.agency_officer).read() as s:
        (mine,) = work_to_do(s, b.agency_officer)
        assert mine.id == entry and mine.overdue(day)
        overdue = list_incoming(s, IncomingFilter(handler_id=b.agency_officer, overdue_on=day))
        assert [e.id for e in overdue] == [entry]
    with place.as_(b.clerk).read() as s:  # the UBND's deadlines, per handler: the Sở's officer by name
        counts = {c.person_id: (c.name, c.open, c.overdue) for c in deadline_counts(s, b.province, day)}
    assert counts[b.agency_officer] == ("Lý Văn Tài", 1, 1)
    with place.as_(b.agency_officer).uow(b.agency_officer) as uow:  # the main handler closes it, late
        mark_done(uow, entry, note="Đã có ý kiến.")
        uow.commit()


def test_a_wards_officer_and_a_role_ended_are_still_refused_and_nothing_is_written(place):
    b, entry = place.body, place.entry
    cases = [dict(handler_id=b.ward_officer), dict(handler_id=b.former),
             dict(handler_id=b.vp_officer, co_handler_ids=[b.ward_officer])]
    for kwargs in cases:
        with place.as_(b.leader).uow(b.leader) as uow, pytest.raises(InvalidInput, match="không thuộc") as refused:
            assign(uow, entry, due_on=TODAY + timedelta(days=3), **kwargs)  # type: ignore[arg-type]
        assert len(str(refused.value).splitlines()) == 1 and refused.value.en.startswith(
            ("Trần Văn Hải", "Lê Văn Cũ"))
    with place.as_(b.clerk).read() as s:
        e = get_incoming(s, entry)
        assert (e.status, e.handler_id, e.co_handler_ids) == (IncomingStatus.REGISTERED, None, ())
        assert [h.kind for h in history(s, entry)] == [IncomingEventKind.RECEIVED, IncomingEventKind.REGISTERED]


def test_who_is_of_the_ubnd_and_which_register_each_opens(place):
    b, store = place.body, place.store
    with store.read() as s:
        mine = people_of(s, b.province, TODAY)  # who its papers may be given to, by name
        assert [p.id for p in mine] == [b.vp_officer, b.agency_officer, b.leader, b.clerk]
        assert {p.id for p in people_of(s, b.ward, TODAY)} == {b.ward_officer, b.former}
        assert not works_in(s, b.former, b.province, TODAY) and works_in(s, b.former, b.province, date(2025, 6, 30))
        assert units_of(s, b.vp_officer, TODAY) == {b.office, b.province}
        assert units_of(s, b.ward_officer, TODAY) == {b.ward}  # a ward is not part of the province
        opens = {key: register_unit_of(s, getattr(b, key), TODAY) for key in PEOPLE}
    # The UBND's văn thư of the Văn phòng's staff, and the Văn phòng's and the Sở's officers
    # (their units keep no register of their own), open the UBND's register; the ward its own.
    assert opens == {"clerk": b.province, "leader": b.province, "vp_officer": b.province,
                     "agency_officer": b.province, "ward_officer": b.ward, "former": b.ward}
    with store.uow() as uow:  # the Văn phòng's officer becomes its own văn thư (not the UBND's)
        grant_role(uow, b.vp_officer, b.office, "van_thu")
        grant_role(uow, b.clerk, b.office, "van_thu")  # the UBND's văn thư keeps the Văn phòng's too
        grant_role(uow, b.agency_officer, b.agency, "lanh_dao")  # heads a Sở that keeps no register
        uow.commit()
    with store.read() as s:
        assert register_unit_of(s, b.vp_officer, TODAY) == b.office
        assert register_unit_of(s, b.clerk, TODAY) == b.province  # the body's first, whatever the order of grants
        assert register_unit_of(s, b.agency_officer, TODAY) == b.province


def test_who_drafts_for_the_ubnd_is_who_belongs_to_it_today(place):
    """The drafter check is the one rule of ``belonging``: the Văn phòng's chuyên viên (no role
    anywhere) drafts a document of the UBND; someone whose role in the province has ended, or a
    ward's officer, cannot, with one line and nothing written; the ward's officer drafts for the ward."""
    from register.outgoing.queries import list_outgoing
    from store.errors import PermissionDenied

    b = place.body
    made = draft_reply(place.as_(b.vp_officer), b.vp_officer, b.province, b.leader, "Báo cáo tình hình kinh tế - xã hội")
    for who in (b.former, b.ward_officer):
        with pytest.raises(PermissionDenied, match="không thuộc Tỉnh Quảng Trị") as refused:
            draft_reply(place.as_(who), who, b.province, b.leader)
        assert len(str(refused.value).splitlines()) == 1
    with place.store.read() as s:
        assert [o.id for o in list_outgoing(s, unit_id=b.province)] == [made]
        assert [o.drafter_id for o in list_outgoing(s)] == [b.vp_officer]


def test_a_clerk_of_several_registers_may_choose_each_and_reads_it(place):
    """The UBND's văn thư who also keeps an advisory board's and the Văn phòng's registers: the
    "Văn bản" area offers the UBND's first (the one it opens), then the others by name; over
    their own login they read each one's entries."""
    from register.incoming.access import registers_kept
    from store.directory import create_unit

    b, store = place.body, place.store
    with store.uow() as uow:
        board = create_unit(uow, code="QT-BCD", name="Ban Chỉ đạo phòng, chống thiên tai tỉnh", kind="board",
                            parent_id=b.province, abbreviation="BCĐ").id
        grant_role(uow, b.clerk, board, "van_thu")
        grant_role(uow, b.clerk, b.office, "van_thu")
        grant_role(uow, b.leader, board, "van_thu", since=date(2020, 1, 1), until=date(2025, 7, 1))  # ended
        uow.commit()
    paper = receive_file(store, board, make_pdf(1, "Công điện"), IncomingMeta("Ban Chỉ đạo quốc gia", "Về việc ứng phó bão"),
                         actor_id=b.clerk).entry.id
    with place.as_(b.clerk).read() as s:
        assert registers_kept(s, b.clerk, TODAY) == [b.province, board, b.office]
        assert [e.id for e in list_incoming(s, IncomingFilter(unit_id=board))] == [paper]
        assert [e.id for e in list_incoming(s, IncomingFilter(unit_id=b.province))] == [place.entry]
    with place.as_(b.leader).read() as s:
        assert registers_kept(s, b.leader, TODAY) == [b.province]  # one register: no choice


def test_the_read_rule_and_the_python_rule_count_the_same_units(place):
    """On PostgreSQL, ``nghisu_my_units()`` (who reads a register) holds what ``units_of`` counts
    for every person on the server's day: a role that has ended reads there no more (migration
    0027), as it makes nobody one to give new work to."""
    if not place.store.location.shared:
        pytest.skip("the read rule is PostgreSQL's")
    b, day = place.body, server_day()
    reads: dict[str, set[int]] = {}
    for key, role in place.logins.items():
        with connect_as(place.store.location.schema, role) as conn:
            reads[key] = set(conn.execute("SELECT nghisu_my_units()").fetchone()[0])
        with place.store.read() as s:
            counted = units_of(s, getattr(b, key), day)
        assert reads[key] == counted, key
    assert reads["former"] == {b.ward}  # their role in the province ended on 01/07/2025


def test_the_command_line_gives_it_to_the_van_phong_and_refuses_a_ward(tmp_path, capsys):
    home = tmp_path / "store"
    setup = open_store(StoreLocation(home=home), clock=FixedClock(START), create=True)
    b = build_body(setup)
    entry = receive_file(setup, b.province, make_pdf(1, "Công văn Sở Y tế"),
                         IncomingMeta("Sở Y tế", "Về việc tiêm chủng mở rộng"), actor_id=b.clerk).entry.id
    setup.close()

    def nghisu(*args: object) -> int:
        return main(["--store", str(home), *map(str, args)])

    assert nghisu("incoming", "list", "--json") == 0
    before = capsys.readouterr().out
    assert nghisu("incoming", "assign", entry, "--to", b.ward_officer, "--due", "2099-01-01", "--as", b.clerk) == 2
    err = capsys.readouterr().err
    assert "không thuộc" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert nghisu("incoming", "list", "--json") == 0 and capsys.readouterr().out == before  # nothing written

    assert nghisu("incoming", "assign", entry, "--to", b.vp_officer, "--co", b.agency_officer, "--due", "2099-01-01",
                  "--note", "Giao Văn phòng tham mưu", "--as", b.clerk) == 0
    assert "Hoàng Thị Thanh Tâm" in capsys.readouterr().out
    for who in (b.vp_officer, b.agency_officer):
        assert nghisu("incoming", "todo", "--as", who, "--json") == 0
        assert [e["id"] for e in json.loads(capsys.readouterr().out)] == [entry]
    assert nghisu("incoming", "progress", entry, "--note", "Đang dự thảo", "--as", b.vp_officer) == 0
    capsys.readouterr()
    # Without --unit, the Văn phòng's officer's deadlines are the UBND's register's, where the paper is.
    assert nghisu("incoming", "deadlines", "--as", b.vp_officer, "--json") == 0
    counts = {c["person_id"]: c["open"] for c in json.loads(capsys.readouterr().out)}
    assert counts[b.vp_officer] == 1
    assert nghisu("incoming", "done", entry, "--note", "Đã xong", "--as", b.vp_officer) == 0
    assert "đã xử lý xong" in capsys.readouterr().out
    assert nghisu("incoming", "todo", "--as", b.vp_officer, "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
