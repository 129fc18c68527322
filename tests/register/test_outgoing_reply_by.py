"""The reply deadline of an outgoing document (hạn báo cáo, trả lời), on both backends: set with
the draft and changed until the release by those who work on it, never in the past; at release
each recipient unit's copy gets it as its deadline, with a line saying the sender asks for an
answer by then; the commune's assignment defaults to it and goes no later; and the cascade
board counts a unit late once the date has passed without its answer, late ones first."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from register.incoming.cascade import cascade_board
from register.incoming.entries import get_incoming, history
from register.incoming.handling import assign, mark_done
from register.incoming.receive import register_received
from register.numbering import Series, list_numbers
from register.outgoing.drafts import set_reply_by
from register.outgoing.models import OutgoingDocument
from register.outgoing.queries import get_outgoing, outgoing_detail
from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing
from store.clock import VN_TZ
from store.directory import create_person, grant_role
from store.errors import InvalidInput, PermissionDenied
from tests.register.outgoing_world import approve_sign_and_release, make_keys, register_keys
from tests.register.test_outgoing import draft

#: The store clock's day (tests.conftest.START, 28/11/2026 08:00 in Vietnam).
TODAY = date(2026, 11, 28)

pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.fixture(scope="session")
def keys():
    return make_keys()


def _commune_people(store, office) -> tuple[int, int]:
    """The commune's leader and an officer of it (its văn thư is in the office fixture)."""
    with store.uow() as uow:
        chair = create_person(uow, full_name="Trần Văn Xã", position="Chủ tịch UBND xã", unit_id=office.commune).id
        officer = create_person(uow, full_name="Lê Thị Công", position="Công chức", unit_id=office.commune).id
        grant_role(uow, chair, office.commune, "lanh_dao", since=date(2020, 1, 1))
        grant_role(uow, officer, office.commune, "chuyen_vien", since=date(2020, 1, 1))
        uow.commit()
    return chair, officer


def _day(clock) -> date:
    return clock.now().astimezone(VN_TZ).date()


def test_the_release_gives_each_recipient_unit_the_deadline_and_the_board_shows_who_is_late(store, office, keys,
                                                                                            clock):
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    chair, officer = _commune_people(store, office)
    by = TODAY + timedelta(days=10)
    info = draft(store, office, reply_by=by)
    assert info.reply_by == by
    approve_sign_and_release(store, office, keys, info.id)
    with store.read() as s:
        detail = outgoing_detail(s, info.id)
        assert detail.as_json()["reply_by"] == "2026-12-08" and "reply_by" not in detail.info.as_json()
        entry_id = next(d.incoming_id for d in detail.dispatches if d.recipient_unit_id == office.commune)
        entry = get_incoming(s, entry_id)
        received = history(s, entry_id)[0]
    # The commune's copy: the province's date is its deadline, and its arrival line says why.
    assert (entry.unit_id, entry.source_outgoing_id, entry.reply_due_on, entry.due_on) == (
        office.commune, info.id, by, by)
    assert received.note == "Ủy ban nhân dân tỉnh Quảng Trị đề nghị báo cáo, trả lời trước ngày 08/12/2026."
    with store.read() as s:  # not registered yet, its date to come: not late
        board = cascade_board(s, info.id, today=_day(clock))
    assert board.reply_by == by and board.counts()["late"] == 0 and not board.rows[0].registered
    with store.uow(office.commune_clerk) as uow:
        register_received(uow, entry_id)
        uow.commit()
    with store.uow(chair) as uow, pytest.raises(InvalidInput, match="muộn hơn hạn Ủy ban nhân dân tỉnh"):
        assign(uow, entry_id, handler_id=officer, due_on=by + timedelta(days=1))
    with store.uow(chair) as uow:  # no date given: the province's
        assert assign(uow, entry_id, handler_id=officer).due_on == by
        uow.commit()
    with store.uow(chair) as uow:  # an earlier one of the commune's own
        assert assign(uow, entry_id, handler_id=officer, due_on=by - timedelta(days=3)).due_on == by - timedelta(days=3)
        uow.commit()
    clock.advance(days=10)  # the last day asked: still in time
    with store.read() as s:
        assert cascade_board(s, info.id, today=_day(clock)).late() == []
    clock.advance(days=1)  # the day after: late
    with store.read() as s:
        board = cascade_board(s, info.id, today=_day(clock))
        assert get_incoming(s, entry_id).overdue(_day(clock))
    assert [r.unit_id for r in board.late()] == [office.commune] and board.counts()["late"] == 1
    with store.uow(officer) as uow:  # closed (nothing asked back in writing): answered, late no more
        mark_done(uow, entry_id, note="Đã báo cáo qua điện thoại")
        uow.commit()
    with store.read() as s:
        board = cascade_board(s, info.id, today=_day(clock))
    assert board.late() == [] and board.rows[0].answered


def test_the_board_lists_late_units_first_then_the_answered(store, office, clock):
    """Two communes asked by a date: the one that has not answered comes first, whatever the
    names' order, and is late the day after."""
    from register.incoming.receive import receive_from_unit
    from register.incoming.records import IncomingMeta
    from store.directory import create_unit
    from store.directory.units import load_unit
    from tests.signing.pki import make_pdf

    with store.uow() as uow:
        district = load_unit(uow.session, office.commune).parent_id
        other = create_unit(uow, code="AB", name="Xã An Bình", level="commune", parent_id=district,
                            official_name="Ủy ban nhân dân xã An Bình", place_name="An Bình").id
        clerk = create_person(uow, full_name="Đỗ Thị Bình", position="Văn thư", unit_id=other).id
        grant_role(uow, clerk, other, "van_thu", since=date(2020, 1, 1))
        uow.commit()
    sent = receive_from_unit(store, from_unit_id=office.province, to_unit_ids=[office.commune, other],
                             data=make_pdf(1, "Báo cáo"), meta=IncomingMeta("", "V/v báo cáo", "05/UBND-VP"),
                             source_outgoing_id=777, reply_due_on=TODAY, actor_id=office.clerk)
    with store.uow(clerk) as uow:  # An Bình registers and closes it: answered
        register_received(uow, sent[1].entry_id)
        mark_done(uow, sent[1].entry_id, note="Đã báo cáo")
        uow.commit()
    with store.read() as s:
        on_time = cascade_board(s, 777, today=TODAY)
        after = cascade_board(s, 777, today=TODAY + timedelta(days=1))
        unsorted = cascade_board(s, 777)
    assert [(r.unit_name, r.late(TODAY)) for r in on_time.rows] == [("Xã Vĩnh Giang", False), ("Xã An Bình", False)]
    assert [(r.unit_name, r.late(after.today)) for r in after.rows] == [("Xã Vĩnh Giang", True), ("Xã An Bình", False)]
    assert after.counts()["late"] == 1 and on_time.counts()["late"] == unsorted.counts()["late"] == 0


def test_the_deadline_is_never_in_the_past_and_changes_only_until_the_release(store, office, keys, clock):
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    with pytest.raises(InvalidInput, match="đã qua"):
        draft(store, office, reply_by=TODAY - timedelta(days=1))
    with store.read() as s:
        assert s.execute(select(func.count()).select_from(OutgoingDocument)).scalar_one() == 0
    info = draft(store, office, reply_by=TODAY)
    with store.uow(office.drafter) as uow, pytest.raises(InvalidInput, match="đã qua"):
        set_reply_by(uow, info.id, TODAY - timedelta(days=1))
    with store.uow(office.commune_clerk) as uow, pytest.raises(PermissionDenied, match="người soạn thảo"):
        set_reply_by(uow, info.id, TODAY + timedelta(days=5))
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, info.id)
        uow.commit()
    sign_outgoing(store, info.id, office.leader, keys.leader)
    clock.advance(days=2)  # signed, and the date asked has passed meanwhile: not released so
    with pytest.raises(InvalidInput, match="Hạn báo cáo, trả lời 28/11/2026 đã qua"):
        release_outgoing(store, info.id, office.clerk, keys.clerk)
    with store.read() as s:
        assert list_numbers(s, unit_id=office.province, year=2026, series=Series.DI) == []
        assert get_outgoing(s, info.id).reply_by == TODAY
    with store.uow(office.drafter) as uow:  # the drafter moves it, signed as it is
        assert set_reply_by(uow, info.id, _day(clock) + timedelta(days=7)).reply_by == date(2026, 12, 7)
        uow.commit()
    release_outgoing(store, info.id, office.clerk, keys.clerk)
    with store.uow(office.drafter) as uow, pytest.raises(InvalidInput, match="trước khi phát hành"):
        set_reply_by(uow, info.id, None)
    with store.read() as s:
        detail = outgoing_detail(s, info.id)
        entry = get_incoming(s, next(d.incoming_id for d in detail.dispatches if d.incoming_id))
    assert entry.due_on == entry.reply_due_on == date(2026, 12, 7)
    assert [h["action"] for h in detail.history if h["action"] == "outgoing.reply_by"] == ["outgoing.reply_by"]


def test_a_document_without_a_deadline_gives_none(store, office, keys):
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    info = draft(store, office)
    approve_sign_and_release(store, office, keys, info.id)
    with store.read() as s:
        detail = outgoing_detail(s, info.id)
        entry_id = next(d.incoming_id for d in detail.dispatches if d.incoming_id)
        entry, received = get_incoming(s, entry_id), history(s, entry_id)[0]
    assert detail.as_json()["reply_by"] is None
    assert (entry.due_on, entry.reply_due_on, received.note) == (None, None, "")
    with store.uow(office.commune_clerk) as uow:
        register_received(uow, entry_id)
        uow.commit()
    with store.uow(office.commune_clerk) as uow, pytest.raises(InvalidInput, match="Cần hạn xử lý"):
        assign(uow, entry_id, handler_id=office.commune_clerk)


STATE_0028 = (
    "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
    "AND table_name = 'outgoing_documents' AND column_name = 'reply_by'), "
    "position('reply_by' IN pg_get_functiondef('nghisu_guard_outgoing()'::regprocedure)) > 0, "
    "position('(p_entry->>''due_on'')::date' IN pg_get_functiondef('nghisu_deliver_incoming(jsonb)'::regprocedure)) "
    "> 0, position('nghisu_register_office(recipient_unit_id)' IN (SELECT qual FROM pg_policies "
    "WHERE schemaname = current_schema() AND policyname = 'outgoing_dispatches_update')) > 0"
)


def test_the_migration_goes_down_to_the_earlier_texts_and_up_again(pg_schema, clock):
    from alembic import command
    from alembic.config import Config

    from store.engine import open_store
    from store.migrate import MIGRATIONS_DIR, upgrade_to_head

    store = open_store(pg_schema.location(), clock=clock)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))

    def state() -> tuple:
        with store.engine.connect() as conn:
            return tuple(conn.exec_driver_sql(STATE_0028).one())

    try:
        assert state() == (True, True, True, True)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0027_read_rule_roles_in_force")
        assert state() == (False, False, False, False)
        with store.engine.begin() as conn:
            upgrade_to_head(conn)
        assert state() == (True, True, True, True)
    finally:
        store.close()


def _commune(store, office, code: str, name: str, clerk_name: str) -> tuple[int, int]:
    """Another commune beside Vĩnh Giang, with its văn thư."""
    from store.directory import create_unit
    from store.directory.units import load_unit

    with store.uow() as uow:
        district = load_unit(uow.session, office.commune).parent_id
        unit = create_unit(uow, code=code, name=f"Xã {name}", level="commune", parent_id=district,
                           official_name=f"Ủy ban nhân dân xã {name}", place_name=name).id
        clerk = create_person(uow, full_name=clerk_name, position="Văn thư", unit_id=unit).id
        grant_role(uow, clerk, unit, "van_thu", since=date(2020, 1, 1))
        uow.commit()
    return unit, clerk


def test_an_answer_after_the_date_stays_late_by_its_days_on_the_board(store, office, keys, clock, capsys):
    """Three communes asked to report by 28/11. An Bình closes its copy on the day (nothing asked
    back in writing): on time. Vĩnh Giang answers with a report released to the province three
    days after: answered, late by 3 days, and it stays so. Cam Lộ has not answered: still late.
    On time means the answer's day (the reply's release date, or the closing day when the entry is
    closed without a reply), in Vietnam, is on or before the date asked."""
    from documents.intake.service import inspect_pdf
    from register.incoming.receive import receive_from_unit
    from register.incoming.records import IncomingMeta
    from register.outgoing.drafts import draft_outgoing
    from register.outgoing.records import Authority
    from tests.register.test_outgoing import decision_pdf
    from tests.signing.pki import make_pdf

    chair, officer = _commune_people(store, office)
    register_keys(store, keys, {chair: keys.leader, office.commune_clerk: keys.clerk})
    an_binh, an_binh_clerk = _commune(store, office, "AB", "An Bình", "Đỗ Thị Bình")
    cam_lo, _ = _commune(store, office, "CL", "Cam Lộ", "Phan Văn Lộ")
    sent = receive_from_unit(store, from_unit_id=office.province, to_unit_ids=[office.commune, an_binh, cam_lo],
                             data=make_pdf(1, "Báo cáo"), meta=IncomingMeta("", "V/v báo cáo", "05/UBND-VP"),
                             source_outgoing_id=777, reply_due_on=TODAY, actor_id=office.clerk)
    vinh_giang = sent[0].entry_id
    with store.uow(an_binh_clerk) as uow:  # on the last day asked: in time
        register_received(uow, sent[1].entry_id)
        mark_done(uow, sent[1].entry_id, note="Đã báo cáo qua hệ thống")
        uow.commit()
    with store.uow(office.commune_clerk) as uow:
        register_received(uow, vinh_giang)
        uow.commit()
    with store.uow(chair) as uow:
        assign(uow, vinh_giang, handler_id=officer)
        uow.commit()
    data, layout = decision_pdf("Báo cáo kết quả thực hiện")
    with store.uow(officer) as uow:  # the report, to the province
        reply = draft_outgoing(uow, inspect_pdf(data), filename="bao-cao.pdf", doc_type="BC",
                               subject="Báo cáo kết quả thực hiện", drafting_unit_id=office.commune, signer_id=chair,
                               authority=Authority.TM, layout=layout, recipients=["QT"]).id
        uow.commit()
    clock.advance(days=3)
    with store.uow(chair) as uow:
        approve_outgoing(uow, reply)
        uow.commit()
    sign_outgoing(store, reply, chair, keys.leader)
    release_outgoing(store, reply, office.commune_clerk, keys.clerk)  # released on 01/12, arrives in the province
    with store.uow(officer) as uow:
        mark_done(uow, vinh_giang, reply_outgoing_id=reply, note="Đã báo cáo")
        uow.commit()
    with store.read() as s:
        board = cascade_board(s, 777, today=_day(clock))
        later = cascade_board(s, 777, today=_day(clock) + timedelta(days=30))  # a month on: still said
    rows = {r.unit_name: r for r in board.rows}
    assert [(n, r.answered, r.answered_on, r.late_days) for n, r in rows.items()] == [
        ("Xã Cam Lộ", False, None, None), ("Xã An Bình", True, TODAY, 0), ("Xã Vĩnh Giang", True, date(2026, 12, 1), 3)]
    assert rows["Xã Cam Lộ"].late(board.today) and not rows["Xã Vĩnh Giang"].late(board.today)
    assert [r.unit_name for r in board.answered_late()] == ["Xã Vĩnh Giang"]
    assert board.counts() == {"units": 3, "registered": 2, "assigned": 2, "answered": 2, "replying": 0, "late": 1,
                              "answered_late": 1}
    assert [(r.unit_name, r.late_days) for r in later.rows] == [(r.unit_name, r.late_days) for r in board.rows]
    assert later.counts()["answered_late"] == 1
    if store.location.shared:  # the province's văn thư, over their own login, reads the same board
        assert _board_over_login(store, office.clerk, _day(clock)) == [
            (r.unit_name, r.answered_on, r.late_days) for r in board.rows]
    # The command line says the same, in words and as JSON (`nghisu incoming cascade 777`).
    said = json.loads(_cascade_command(store, capsys, "--json"))
    assert said["counts"]["late"] == 1 and said["counts"]["answered_late"] == 1
    assert [(u["unit"], u["late"], u["answered_on"], u["answered_late_days"]) for u in said["units"]] == [
        ("Xã Cam Lộ", True, None, None), ("Xã An Bình", False, "2026-11-28", 0),
        ("Xã Vĩnh Giang", False, "2026-12-01", 3)]
    text = _cascade_command(store, capsys)
    assert "Hạn báo cáo, trả lời: 28/11/2026 — quá hạn 1 đơn vị — trả lời muộn 1 đơn vị" in text
    lines = {line[2:30].strip(): line for line in text.splitlines() if line.startswith("  Xã")}
    assert lines["Xã Vĩnh Giang"].endswith("✓trả lời (trả lời muộn 3 ngày)")
    assert lines["Xã Cam Lộ"].endswith("QUÁ HẠN") and "muộn" not in lines["Xã An Bình"]


def _cascade_command(store, capsys, *flags: str) -> str:
    """What `nghisu incoming cascade 777` prints on this store."""
    from types import SimpleNamespace

    from ui.cli import CliContext
    from ui.commands.incoming_cascade import run_cascade

    capsys.readouterr()
    ctx = SimpleNamespace(store=lambda: store, print_json=lambda value: CliContext.print_json(ctx, value))
    assert run_cascade(SimpleNamespace(outgoing_id=777, json="--json" in flags), ctx) == 0
    return capsys.readouterr().out


def _board_over_login(store, person: int, day: date) -> list[tuple]:
    import psycopg

    from store.accounts import create_login, open_as_person
    from tests.conftest import PG_URL
    from tests.security import PASSWORD

    with store.uow() as uow:
        role = create_login(uow, person, PASSWORD).role_name
        uow.commit()
    try:
        own = open_as_person(store.location, role, PASSWORD, clock=store.clock)
        try:
            with own.read() as s:
                return [(r.unit_name, r.answered_on, r.late_days) for r in cascade_board(s, 777, today=day).rows]
        finally:
            own.close()
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')
