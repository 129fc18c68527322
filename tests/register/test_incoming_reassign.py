"""Open entries whose handler has left the unit (issue 14): the register marks them "người xử
lý đã thôi nhiệm vụ — cần giao lại", filters and counts them, and the văn thư moves all of one
person's open work to someone of the unit in one step; closed entries keep their history.
Embedded store, and the CLI; the shared store over real logins is test_incoming_reassign_shared."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from register.incoming.entries import get_incoming, history
from register.incoming.handling import assign, mark_done, reassign
from register.incoming.lists import IncomingFilter, count_incoming, handlers_gone, list_incoming
from register.incoming.receive import receive_file
from register.incoming.records import IncomingMeta
from store.audit import verify_audit_chain
from store.clock import FixedClock
from store.codes import IncomingEventKind, IncomingStatus
from store.directory import create_person, edit_person, end_role
from store.engine import open_store
from store.errors import InvalidInput, PermissionDenied
from store.location import StoreLocation
from store.models import AuditEntry
from tests.conftest import START
from tests.register.incoming_fixtures import TODAY, build_office
from tests.signing.pki import make_pdf
from ui.cli import main


def _receive(store, office, subject: str) -> int:
    return receive_file(store, office.province, make_pdf(1, subject), IncomingMeta("Sở Nội vụ", subject),
                        actor_id=office.clerk).entry.id


@pytest.fixture
def world(tmp_path):
    """The officer handles ``main``, co-handles ``co`` and closed ``closed``; then is transferred
    to a commune (role in the province ended yesterday). The officer2 handles ``others``."""
    home = tmp_path / "store"
    store = open_store(StoreLocation(home=home), clock=FixedClock(START), create=True)
    office = build_office(store)
    main_, co, closed, others = (_receive(store, office, s) for s in (
        "Về việc rà soát biên chế", "Về việc quyết toán ngân sách", "Về việc phòng chống bão", "Về việc lưu trữ"))
    due = TODAY + timedelta(days=5)
    with store.uow(office.leader) as uow:
        assign(uow, main_, handler_id=office.officer, due_on=due, instruction="Chủ trì, báo cáo.")
        assign(uow, co, handler_id=office.officer2, co_handler_ids=[office.officer], due_on=due)
        assign(uow, closed, handler_id=office.officer, due_on=due)
        assign(uow, others, handler_id=office.officer2, due_on=due)
        uow.commit()
    with store.uow(office.officer) as uow:
        mark_done(uow, closed, note="Đã báo cáo.")
        uow.commit()
    with store.uow() as uow:  # transferred to a commune: the province's role ended yesterday
        edit_person(uow, office.officer, unit_id=office.communes[0])
        end_role(uow, office.officer, office.province, "chuyen_vien", on=TODAY - timedelta(days=1))
        uow.commit()
    yield store, office, {"main": main_, "co": co, "closed": closed, "others": others}, home
    store.close()


def test_the_register_marks_filters_and_counts_what_waits_for_a_new_handler(world):
    store, office, e, _ = world
    with store.read() as s:
        page = {i.id: i for i in list_incoming(s, IncomingFilter(unit_id=office.province), today=TODAY)}
        assert [i for i, info in page.items() if info.needs_handler] == [e["main"]]
        assert page[e["main"]].as_json()["needs_handler"] is True and page[e["others"]].as_json()["needs_handler"] is False
        # The closed one keeps the handler it had, and needs nobody.
        assert not page[e["closed"]].needs_handler and page[e["closed"]].handler_id == office.officer
        waiting = IncomingFilter(unit_id=office.province, needs_handler_on=TODAY)
        assert [i.id for i in list_incoming(s, waiting, today=TODAY)] == [e["main"]]
        assert count_incoming(s, waiting) == 1
        assert handlers_gone(s, office.province, TODAY) == {office.officer}
        assert get_incoming(s, e["main"], TODAY).needs_handler
        # Without the register's day nothing is claimed either way.
        assert not get_incoming(s, e["main"]).needs_handler
        # The day before the role ended, the same entry needed nobody new.
        assert count_incoming(s, IncomingFilter(unit_id=office.province,
                                                needs_handler_on=TODAY - timedelta(days=2))) == 0


def test_retired_counts_as_gone_even_in_ones_own_unit(world):
    store, office, e, _ = world
    with store.uow() as uow:
        edit_person(uow, office.officer2, active=False)  # retired, still filed under the province
        uow.commit()
    with store.read() as s:
        waiting = list_incoming(s, IncomingFilter(unit_id=office.province, needs_handler_on=TODAY), today=TODAY)
        assert {i.id for i in waiting} == {e["main"], e["co"], e["others"]}


def test_the_clerk_moves_every_open_entry_and_the_history_says_so(world):
    store, office, e, _ = world
    with store.uow(office.clerk) as uow:
        moved = reassign(uow, from_id=office.officer, to_id=office.officer2, unit_id=office.province)
        uow.commit()
    assert (moved.handled, moved.co_handled) == ((e["main"],), (e["co"],))
    with store.read() as s:
        main_, co, closed = (get_incoming(s, e[k], TODAY) for k in ("main", "co", "closed"))
        assert (main_.handler_id, main_.status, main_.due_on, main_.instruction) == (
            office.officer2, IncomingStatus.ASSIGNED, TODAY + timedelta(days=5), "Chủ trì, báo cáo.")
        assert not main_.needs_handler
        # officer2 was already the main handler of ``co``: the gone co-handler is dropped, not doubled.
        assert (co.handler_id, co.co_handler_ids) == (office.officer2, ())
        assert (closed.handler_id, closed.status) == (office.officer, IncomingStatus.DONE)
        assert [h.kind for h in history(s, e["closed"])][-1] is IncomingEventKind.DONE
        last = history(s, e["main"])[-1]
        assert (last.kind, last.person_id, last.details["from_id"], last.details["handler_id"]) == (
            IncomingEventKind.REASSIGNED, office.clerk, office.officer, office.officer2)
        assert count_incoming(s, IncomingFilter(unit_id=office.province, needs_handler_on=TODAY)) == 0
        audit = s.execute(select(AuditEntry.subject_id, AuditEntry.actor_id, AuditEntry.details)
                          .where(AuditEntry.action == "incoming.reassign").order_by(AuditEntry.seq)).all()
        assert [(int(i), p, d["role"]) for i, p, d in audit] == [(e["main"], office.clerk, "main"),
                                                                 (e["co"], office.clerk, "co")]
        assert verify_audit_chain(s).ok


def test_a_co_handler_moves_to_the_new_person(world):
    store, office, e, _ = world
    with store.uow() as uow:
        newcomer = create_person(uow, full_name="Võ Thị Mới", position="Chuyên viên", unit_id=office.province).id
        uow.commit()
    with store.uow(office.clerk) as uow:
        reassign(uow, from_id=office.officer, to_id=newcomer, unit_id=office.province)
        uow.commit()
    with store.read() as s:
        assert get_incoming(s, e["co"]).co_handler_ids == (newcomer,)
        assert get_incoming(s, e["main"]).handler_id == newcomer


def test_only_the_clerk_and_only_to_someone_of_the_unit(world):
    store, office, e, _ = world
    for who in (office.leader, office.officer2):
        with store.uow(who) as uow, pytest.raises(PermissionDenied, match="Chỉ văn thư"):
            reassign(uow, from_id=office.officer, to_id=office.officer2, unit_id=office.province)
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput) as refused:
        reassign(uow, from_id=office.officer, to_id=office.commune_officers[0], unit_id=office.province)
    assert "không thuộc" in str(refused.value) and "\n" not in str(refused.value)
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput):  # to the one who left: no
        reassign(uow, from_id=office.officer2, to_id=office.officer, unit_id=office.province)
    with store.read() as s:
        assert get_incoming(s, e["main"]).handler_id == office.officer  # nothing moved


def nghisu(home, *args: str) -> int:
    return main(["--store", str(home), *args])


def test_the_command_line_marks_filters_counts_and_reassigns(world, capsys):
    store, office, e, home = world
    store.close()
    assert nghisu(home, "incoming", "list", "--unit", str(office.province)) == 0
    out = capsys.readouterr().out
    marked = [line for line in out.splitlines() if "người xử lý đã thôi nhiệm vụ — cần giao lại" in line]
    assert len(marked) == 1 and f"#{e['main']}" in marked[0]
    assert out.strip().splitlines()[-1].startswith("1 văn bản đến có người xử lý đã thôi nhiệm vụ")
    assert nghisu(home, "incoming", "list", "--unit", str(office.province), "--needs-handler", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(x["id"], x["needs_handler"]) for x in listed] == [(e["main"], True)]
    assert nghisu(home, "incoming", "show", str(e["main"])) == 0
    assert "incoming reassign --from" in capsys.readouterr().out
    assert nghisu(home, "incoming", "deadlines", "--unit", str(office.province), "--json") == 0
    counts = {c["person_id"]: c["needs_handler"] for c in json.loads(capsys.readouterr().out)}
    assert counts[office.officer] is True and counts[office.officer2] is False

    # Refused in one line, nothing moved: the commune's officer is not of the province.
    assert nghisu(home, "incoming", "reassign", "--from", str(office.officer), "--to", str(office.commune_officers[0]),
                  "--as", str(office.clerk)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "không thuộc" in err and "is not of" in err
    assert nghisu(home, "incoming", "reassign", "--from", str(office.officer), "--to", str(office.officer2),
                  "--as", str(office.officer2)) != 0
    capsys.readouterr()
    assert nghisu(home, "incoming", "reassign", "--from", str(office.officer), "--to", str(office.officer2),
                  "--as", str(office.clerk), "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"unit_id": office.province, "from_id": office.officer,
                                                   "to_id": office.officer2, "handled": [e["main"]],
                                                   "co_handled": [e["co"]]}
    assert nghisu(home, "incoming", "list", "--unit", str(office.province), "--needs-handler") == 0
    assert "Không có văn bản đến nào khớp" in capsys.readouterr().out
