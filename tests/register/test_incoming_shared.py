"""The incoming register on the shared store (PostgreSQL), each person over their own login.

Who reads a unit's register: the people of the unit, as ``nghisu_in_unit`` (migration 0014)
says, which counts the body a person's office or agency belongs to (the Văn phòng works for
its UBND); and the people of the unit that delivered an entry (to follow it). The read rule
``nghisu_my_units()`` (0020, 0024) left that body out until migration 0026.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import psycopg
import pytest

from register.incoming.lists import IncomingFilter, list_incoming
from register.incoming.receive import receive_file, receive_from_unit
from register.incoming.records import IncomingMeta
from store.accounts import create_login, open_as_person
from store.directory import create_person, create_unit, grant_role
from store.directory.units import load_unit
from store.engine import open_store
from tests.conftest import PG_URL
from tests.register.conftest import Office, build_office
from tests.security import PASSWORD, connect_as
from tests.signing.pki import make_pdf

LOGINS = ("clerk", "drafter", "vp_clerk", "agency_officer", "district_officer", "commune_clerk")


@dataclass(frozen=True)
class Registers:
    office: Office
    vp_clerk: int          # văn thư of the Văn phòng, a role there only
    agency_officer: int    # chuyên viên of the Sở Tài chính
    district_officer: int  # chuyên viên of the district between the province and the commune
    province_entry: int    # received by file into the province's register
    delivered: int         # released by the province into the commune's register
    commune_entry: int     # the commune's own receipt by file
    logins: dict[str, str]


@pytest.fixture
def registers(pg_schema, clock):
    store = open_store(pg_schema.migrated().location(), clock=clock)
    office = build_office(store)
    logins: dict[str, str] = {}
    try:
        with store.uow() as uow:
            stc = create_unit(uow, code="QT-STC", name="Sở Tài chính", kind="agency", parent_id=office.province,
                              abbreviation="STC").id
            vp_clerk = create_person(uow, full_name="Đỗ Thị Hoa", position="Văn thư Văn phòng", unit_id=office.office).id
            grant_role(uow, vp_clerk, office.office, "van_thu")
            agency_officer = create_person(uow, full_name="Lý Văn Tài", position="Chuyên viên", unit_id=stc).id
            district = load_unit(uow.session, office.commune).parent_id  # administrative, under the province
            vl = create_person(uow, full_name="Trịnh Văn Huyện", position="Chuyên viên", unit_id=district).id
            uow.commit()
        province_entry = receive_file(store, office.province, make_pdf(1, "Công văn Bộ Nội vụ"),
                                      IncomingMeta("Bộ Nội vụ", "Về công tác văn thư", "1234/BNV-VP",
                                                   doc_date=date(2026, 11, 20)), actor_id=office.clerk).entry.id
        delivered = receive_from_unit(store, from_unit_id=office.province, to_unit_ids=[office.commune],
                                      data=make_pdf(1, "Kế hoạch của tỉnh"),
                                      meta=IncomingMeta("", "Kế hoạch chuyển đổi số", "15/KH-UBND", "ke_hoach",
                                                        date(2026, 11, 27)), actor_id=office.clerk)[0].entry_id
        commune_entry = receive_file(store, office.commune, make_pdf(1, "Giấy mời của huyện"),
                                     IncomingMeta("UBND huyện Vĩnh Linh", "Giấy mời họp", "88/GM-UBND"),
                                     actor_id=office.commune_clerk).entry.id
        people = {"clerk": office.clerk, "drafter": office.drafter, "vp_clerk": vp_clerk,
                  "agency_officer": agency_officer, "district_officer": vl, "commune_clerk": office.commune_clerk}
        with store.uow() as uow:
            for key in LOGINS:
                logins[key] = create_login(uow, people[key], PASSWORD).role_name
            uow.commit()
        yield Registers(office, vp_clerk, agency_officer, vl, province_entry, delivered, commune_entry,
                        logins), pg_schema.name, store
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for role in logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def seen(schema: str, role: str) -> set[int]:
    with connect_as(schema, role) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM incoming_documents")}


def test_the_office_reads_its_bodys_register_and_nobody_reads_further(registers):
    r, schema, _ = registers
    province, followed = {r.province_entry}, {r.delivered}  # what the province received, what it delivered
    # The Văn phòng's officer and its văn thư (roles only in the Văn phòng) read the UBND's register,
    # and follow what the UBND delivered, as its own people do; not the commune's own receipts.
    for key in ("clerk", "drafter", "vp_clerk"):
        assert seen(schema, r.logins[key]) == province | followed, key
    # A ward's (commune's) văn thư reads its own register only; nor does the district above it
    # read the province's: an administrative body is not part of the one above it.
    assert seen(schema, r.logins["commune_clerk"]) == {r.delivered, r.commune_entry}
    assert seen(schema, r.logins["district_officer"]) == set()
    with connect_as(schema, r.logins["drafter"]) as conn:
        # The history follows the entry, and reading it gives no hand in it: only the UBND's
        # văn thư registers and corrects, a leader or the office assigns.
        assert conn.execute("SELECT count(*) FROM incoming_events WHERE entry_id = %s",
                            (r.province_entry,)).fetchone()[0] == 2
        assert conn.execute("UPDATE incoming_documents SET subject = 'Sửa' WHERE id = %s",
                            (r.province_entry,)).rowcount == 0
    with connect_as(schema, r.logins["vp_clerk"]) as conn:
        assert conn.execute("UPDATE incoming_documents SET handler_id = %s WHERE id = %s",
                            (r.vp_clerk, r.province_entry)).rowcount == 0


def test_the_register_page_over_the_office_officers_login(registers):
    r, schema, store = registers
    me = open_as_person(store.location, r.logins["drafter"], PASSWORD, clock=store.clock)
    try:
        with me.read() as s:
            page = list_incoming(s, IncomingFilter(unit_id=r.office.province, year=2026))
            assert [e.id for e in page] == [r.province_entry]
            # of the commune's register, only what the UBND delivered (followed on its board)
            assert [e.id for e in list_incoming(s, IncomingFilter(unit_id=r.office.commune))] == [r.delivered]
    finally:
        me.close()


def test_the_read_rule_counts_the_units_nghisu_in_unit_counts(registers):
    """``nghisu_my_units()`` (the read rule, once per statement) and ``nghisu_in_unit`` (the
    register numbers, the outgoing documents, an entry's history) answer for the same units,
    for every person; the read rule stays PL/pgSQL with its plans kept (0024)."""
    r, schema, _ = registers
    for key, role in r.logins.items():
        with connect_as(schema, role) as conn:
            mine = conn.execute("SELECT nghisu_my_units()").fetchone()[0]
            in_unit = conn.execute("SELECT array_agg(id ORDER BY id) FROM units WHERE nghisu_in_unit(id)").fetchone()[0]
            assert sorted(mine) == (in_unit or []), key
    with connect_as(schema, r.logins["agency_officer"]) as conn:  # a Sở is of its UBND too, as 0014 has it
        assert conn.execute("SELECT %s = ANY (nghisu_my_units())", (r.office.province,)).fetchone()[0]
        lang, definer = conn.execute(
            "SELECT l.lanname, p.prosecdef FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
            "WHERE p.proname = 'nghisu_my_units' AND p.pronamespace = current_schema()::regnamespace").fetchone()
        assert (lang, definer) == ("plpgsql", True)


def test_a_clerks_login_delivers_a_re_release_once(registers):
    """Over the sending văn thư's own login, a re-release of the same symbol with another date of
    the year is linked to what the commune already holds (migration 0025)."""
    r, schema, store = registers
    me = open_as_person(store.location, r.logins["clerk"], PASSWORD, clock=store.clock)
    try:
        again = receive_from_unit(me, from_unit_id=r.office.province, to_unit_ids=[r.office.commune],
                                  data=make_pdf(1, "Kế hoạch của tỉnh, phát hành lại"),
                                  meta=IncomingMeta("", "Kế hoạch chuyển đổi số", "15/KH-UBND", "ke_hoach",
                                                    date(2026, 11, 26)), actor_id=r.office.clerk)
    finally:
        me.close()
    assert again[0].duplicate and again[0].entry_id == r.delivered
    assert seen(schema, r.logins["commune_clerk"]) == {r.delivered, r.commune_entry}
