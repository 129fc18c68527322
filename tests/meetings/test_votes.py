"""Votes: show of hands per site, roll-call by name, and secret ballots nobody can link."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date, datetime

import pytest

from meetings.agenda import add_agenda_item
from meetings.live.attendance import record_attendance
from meetings.live.vote_publication import check_receipt, votes_csv
from meetings.live.votes import (
    cast_vote,
    close_vote,
    open_vote,
    record_hands,
    vote_result,
)
from store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from tests.meetings.test_attendance import live_setup

OPTIONS = ["Đồng ý", "Không đồng ý", "Không biểu quyết"]


@pytest.fixture
def voting(store, province, meeting):
    with store.uow(province.secretary) as uow:
        item = add_agenda_item(uow, meeting.id, title="Dự thảo Nghị quyết ngân sách 2027", planned_minutes=15)
        uow.commit()
    return live_setup(store, province, meeting, extra_members=5), item.id


def test_show_of_hands_is_counted_per_site_and_totalled(store, voting):
    live, item = voting
    with store.uow(live.secretary) as uow:
        vote = open_vote(uow, live.meeting_id, item_id=item, kind="show_of_hands",
                         question="Thông qua dự thảo Nghị quyết", options=OPTIONS)
        record_hands(uow, vote.id, live.host, {"Đồng ý": 2, "Không đồng ý": 1})
        record_hands(uow, vote.id, live.vl, {"Đồng ý": 1})
        record_hands(uow, vote.id, live.vl, {"Đồng ý": 2, "không biểu quyết": 1})  # a recount replaces the site's counts
        record_hands(uow, vote.id, live.vg, {"Đồng ý": 1})
        result = close_vote(uow, vote.id)
        uow.commit()
    assert dict(result.counts) == {"Đồng ý": 5, "Không đồng ý": 1, "Không biểu quyết": 1}
    assert [name for _, name, _ in result.by_site] == ["Tỉnh Quảng Trị", "Huyện Vĩnh Linh", "Xã Vĩnh Giang"]
    assert result.eligible == 7 and "Đồng ý: 5 (71,43%)" in result.line()
    with pytest.raises(InvalidInput), store.uow() as uow:
        record_hands(uow, vote.id, live.host, {"Đồng ý": 1})  # closed
    with store.read() as s:
        rows = list(csv.DictReader(io.StringIO(votes_csv(s, [vote.id]))))
    assert ("site", "Huyện Vĩnh Linh", "Đồng ý", "2") in {(r["scope"], r["who"], r["option"], r["count"]) for r in rows}
    assert [r["count"] for r in rows if r["scope"] == "total"] == ["5", "1", "1"]


def test_hands_beyond_the_members_at_a_site_are_refused(store, voting):
    live, item = voting
    with store.uow(live.secretary) as uow:
        vote = open_vote(uow, live.meeting_id, item_id=item, kind="show_of_hands", question="Q", options=OPTIONS)
        uow.commit()
    with pytest.raises(InvalidInput) as err, store.uow() as uow:
        record_hands(uow, vote.id, live.vg, {"Đồng ý": 5})
    assert "vượt quá" in err.value.vi


def test_roll_call_records_each_members_vote_by_name_once(store, voting):
    live, item = voting
    with store.uow(live.secretary) as uow:
        record_attendance(uow, live.meeting_id, live.members[2], status="absent", reason="Ốm")
        vote = open_vote(uow, live.meeting_id, item_id=item, kind="roll_call", question="Q", options=OPTIONS)
        cast_vote(uow, vote.id, live.chair, "Đồng ý")
        cast_vote(uow, vote.id, live.members[0], "Không đồng ý")
        uow.commit()
    with pytest.raises(ConflictError), store.uow() as uow:
        cast_vote(uow, vote.id, live.chair, "Không đồng ý")
    for person in (live.guest, live.secretary, live.members[2]):  # guest, clerk, absent member
        with pytest.raises(PermissionDenied), store.uow() as uow:
            cast_vote(uow, vote.id, person, "Đồng ý")
    with pytest.raises(InvalidInput), store.uow() as uow:
        cast_vote(uow, vote.id, live.members[1], "Có lẽ")
    with store.read() as s:
        result = vote_result(s, vote.id)
    assert [(name, option) for _, name, option in result.by_person] == [
        ("Nguyễn Văn Minh", "Đồng ý"), ("Võ Thanh Tùng", "Không đồng ý")]
    assert result.eligible == 7  # results are stated against all members, the absent one too


def _all_rows(store) -> dict[str, tuple[list[str], list[tuple]]]:
    from sqlalchemy import inspect, text

    out = {}
    with store.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            cols = [c["name"] for c in inspect(conn).get_columns(table)]
            out[table] = (cols, [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{table}"')).all()])
    return out


def test_a_secret_ballot_cannot_be_linked_to_its_voter_even_reading_every_table(store, province, meeting):
    with store.uow(province.secretary) as uow:
        item = add_agenda_item(uow, meeting.id, title="Bầu Trưởng ban", planned_minutes=10)
        uow.commit()
    live = live_setup(store, province, meeting, extra_members=19)
    voters = [live.chair] + live.members  # 21 members
    cast_order = []
    codes = {}
    with store.uow(live.secretary) as uow:
        vote = open_vote(uow, live.meeting_id, item_id=item.id, kind="secret", question="Bầu ông A", options=OPTIONS[:2])
        uow.commit()
    for i, person in enumerate(voters):
        option = OPTIONS[0] if i < 11 else OPTIONS[1]  # the first eleven agree, the last ten do not
        with store.uow(person) as uow:
            codes[person] = (cast_vote(uow, vote.id, person, option), option)
            uow.commit()
        cast_order.append(option)
    with pytest.raises(InvalidInput), store.uow() as uow:
        cast_vote(uow, vote.id, voters[0], OPTIONS[1])  # one ballot each
    with store.read() as s:
        assert vote_result(s, vote.id).counts == ((OPTIONS[0], 0), (OPTIONS[1], 0))  # nothing shown while open
    with store.uow(live.secretary) as uow:
        result = close_vote(uow, vote.id)
        uow.commit()
    assert dict(result.counts) == {OPTIONS[0]: 11, OPTIONS[1]: 10} and result.voted == 21

    tables = _all_rows(store)
    cols, ballots = tables["secret_ballots"]
    assert set(cols) == {"id", "vote_id", "meeting_id", "option", "receipt_hash"}  # no voter, no time
    assert all(not isinstance(v, datetime | date) for row in ballots for v in row)
    ids = {row[cols.index("id")] for row in ballots}
    hashes = {row[cols.index("receipt_hash")] for row in ballots}
    assert len(ids) == 21 and all(len(i) == 32 for i in ids)
    person_ids = set(voters)
    assert not any(v in person_ids for row in ballots for i, v in enumerate(row) if cols[i] not in ("vote_id", "meeting_id"))
    # No other table holds a ballot's id or receipt hash, and no audit row holds an option of the secret vote.
    for table, (_tcols, rows) in tables.items():
        if table == "secret_ballots":
            continue
        flat = " ".join(str(v) for row in rows for v in row)
        assert not any(x in flat for x in ids | hashes), table
    audit_cols, audit = tables["audit_log"]
    casts = [dict(zip(audit_cols, r, strict=True)) for r in audit if r[audit_cols.index("action")] == "vote.secret_cast"]
    assert len(casts) == 21 and all("option" not in str(c["details"]) and "Đồng ý" not in str(c["details"]) for c in casts)
    voter_cols, _ = tables["secret_voters"]
    assert set(voter_cols) == {"vote_id", "person_id", "meeting_id"}
    # Stored order says nothing about the order of voting.
    from sqlalchemy import text

    with store.engine.connect() as conn:
        scan = conn.execute(text("SELECT option FROM secret_ballots WHERE vote_id = :v"), {"v": vote.id}).scalars().all()
        if store.dialect == "postgresql":
            scan = conn.execute(text("SELECT option FROM secret_ballots WHERE vote_id = :v ORDER BY ctid"),
                                {"v": vote.id}).scalars().all()
            xmins = conn.execute(text("SELECT DISTINCT xmin::text FROM secret_ballots WHERE vote_id = :v"),
                                 {"v": vote.id}).scalars().all()
            assert len(xmins) == 1  # every ballot written by the same (last) transaction
    assert sorted(scan) == sorted(cast_order) and scan != cast_order

    # The tally is checkable: each voter finds their ballot by receipt code; anyone can recount.
    with store.read() as s:
        for code, option in codes.values():
            assert check_receipt(s, vote.id, code) == option
        with pytest.raises(NotFound):
            check_receipt(s, vote.id, "0000-0000-0000-0000")
        published = vote_result(s, vote.id).receipts
    for code, option in codes.values():
        assert (hashlib.sha256(f"{vote.id}:{code}".encode()).hexdigest(), option) in published
    assert sum(1 for _, o in published if o == OPTIONS[0]) == 11


def test_a_vote_needs_a_question_and_two_options(store, voting):
    live, item = voting
    for kwargs in (dict(kind="secret", question=" ", options=OPTIONS), dict(kind="secret", question="Q", options=["A"]),
                   dict(kind="secret", question="Q", options=["A", "a"]), dict(kind="raise", question="Q", options=OPTIONS)):
        with pytest.raises(InvalidInput), store.uow() as uow:
            open_vote(uow, live.meeting_id, item_id=item, **kwargs)
